package fake

import "testing"

func TestTimelineDuration(t *testing.T) {
	media := newMediaIndex()
	media.add(Media{MediaId: "m12", Duration: 12.5})
	media.add(Media{MediaId: "m60", Duration: 60})
	media.add(Media{MediaURL: "https://b/a.mp4", Duration: 5})
	tests := []struct {
		name     string
		timeline string
		want     float64
	}{
		{"empty", ``, 0},
		{"no tracks", `{}`, 0},
		{"concat by MediaId", `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m12"},{"MediaId":"m12"}]}]}`, 25},
		{"Out only", `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m60","Out":5}]}]}`, 5},
		{"In only", `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m60","In":10}]}]}`, 50},
		{"Out clamped to media", `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m12","Out":100}]}]}`, 12.5},
		{"MaxOut caps", `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m60","MaxOut":7}]}]}`, 7},
		{"Speed halves", `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m60","Speed":2}]}]}`, 30},
		{"MediaURL", `{"VideoTracks":[{"VideoTrackClips":[{"MediaURL":"https://b/a.mp4"}]}]}`, 5},
		{"unknown media, Out fixes length", `{"VideoTracks":[{"VideoTrackClips":[{"MediaURL":"https://x/y.mp4","Out":10}]}]}`, 10},
		{"unknown media, nothing known", `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"nope"}]}]}`, 0},
		{"unknown media with TimelineIn", `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"nope","TimelineIn":3}]}]}`, 3},
		{"image Duration", `{"VideoTracks":[{"VideoTrackClips":[{"Type":"Image","MediaURL":"https://x/i.jpg","Duration":4}]}]}`, 4},
		{"TimelineOut wins", `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m60","TimelineIn":0,"TimelineOut":45}]}]}`, 45},
		{"overlay does not extend", `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m60","Out":30}]},{"VideoTrackClips":[{"MediaId":"m60","Out":10,"TimelineIn":5,"TimelineOut":15}]}]}`, 30},
		{"audio does not extend video", `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m12"}]}],"AudioTracks":[{"AudioTrackClips":[{"MediaId":"m60"}]}]}`, 12.5},
		{"audio only", `{"AudioTracks":[{"AudioTrackClips":[{"MediaId":"m60","Out":20}]}]}`, 20},
		{"MainTrack defines length", `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m60"}]},{"MainTrack":true,"VideoTrackClips":[{"MediaId":"m12"}]}]}`, 12.5},
		{"GlobalImage never extends", `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m12"},{"Type":"GlobalImage","MediaURL":"https://x/g.png","Duration":99}]}]}`, 12.5},
		{"rounded to 4 decimals", `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m60","Out":10,"Speed":3}]}]}`, 3.3333},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := timelineDuration(tt.timeline, media); got != tt.want {
				t.Errorf("timelineDuration(%s) = %v, want %v", tt.timeline, got, tt.want)
			}
		})
	}
}

package timeline

import "testing"

// testMedia are the durations the tests resolve clips against.
var testMedia = MediaMap{
	ByID:  map[string]float64{"m12": 12.5, "m60": 60},
	ByURL: map[string]float64{"https://b/a.mp4": 5},
}

func TestDuration(t *testing.T) {
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
		{"MaxOut without media", `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"nope","MaxOut":7}]}]}`, 7},
		{"Speed halves", `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m60","Speed":2}]}]}`, 30},
		{"Speed 0 counts as 1", `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m60","Speed":0}]}]}`, 60},
		{"MediaURL", `{"VideoTracks":[{"VideoTrackClips":[{"MediaURL":"https://b/a.mp4"}]}]}`, 5},
		{"unknown media, Out fixes length", `{"VideoTracks":[{"VideoTrackClips":[{"MediaURL":"https://x/y.mp4","Out":10}]}]}`, 10},
		{"unknown media, nothing known", `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"nope"}]}]}`, 0},
		{"unknown media with TimelineIn", `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"nope","TimelineIn":3}]}]}`, 3},
		{"image Duration", `{"VideoTracks":[{"VideoTrackClips":[{"Type":"Image","MediaURL":"https://x/i.jpg","Duration":4}]}]}`, 4},
		{"image Duration with Speed", `{"VideoTracks":[{"VideoTrackClips":[{"Type":"Image","MediaURL":"https://x/i.jpg","Duration":4,"Speed":2}]}]}`, 2},
		{"TimelineOut wins", `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m60","TimelineIn":0,"TimelineOut":45}]}]}`, 45},
		{"overlay does not extend", `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m60","Out":30}]},{"VideoTrackClips":[{"MediaId":"m60","Out":10,"TimelineIn":5,"TimelineOut":15}]}]}`, 30},
		{"audio does not extend video", `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m12"}]}],"AudioTracks":[{"AudioTrackClips":[{"MediaId":"m60"}]}]}`, 12.5},
		{"audio only", `{"AudioTracks":[{"AudioTrackClips":[{"MediaId":"m60","Out":20}]}]}`, 20},
		{"audio MainTrack", `{"AudioTracks":[{"AudioTrackClips":[{"MediaId":"m60"}]},{"MainTrack":true,"AudioTrackClips":[{"MediaId":"m12"}]}]}`, 12.5},
		{"MainTrack defines length", `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m60"}]},{"MainTrack":true,"VideoTrackClips":[{"MediaId":"m12"}]}]}`, 12.5},
		{"GlobalImage never extends", `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m12"},{"Type":"GlobalImage","MediaURL":"https://x/g.png","Duration":99}]}]}`, 12.5},
		{"rounded to 4 decimals", `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m60","Out":10,"Speed":3}]}]}`, 3.3333},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl, err := Parse(tt.timeline)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if got := tl.Duration(testMedia); got != tt.want {
				t.Errorf("Duration(%s) = %v, want %v", tt.timeline, got, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		text string
	}{
		{name: "not JSON", text: `{"VideoTracks":[}`},
		{name: "array", text: `[]`},
		{name: "tracks not a list", text: `{"VideoTracks":{}}`},
		{name: "In not a number", text: `{"VideoTracks":[{"VideoTrackClips":[{"In":"1"}]}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tl, err := Parse(tt.text); err == nil {
				t.Errorf("Parse(%s) = %+v, nil; want an error", tt.text, tl)
			}
		})
	}
}

func TestNoMedia(t *testing.T) {
	tl, err := Parse(`{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m60"},{"MediaId":"m60","Out":4}]}]}`)
	if err != nil {
		t.Fatal(err)
	}
	if got := tl.Duration(NoMedia); got != 4 {
		t.Errorf("Duration(NoMedia) = %v, want 4 (only the Out-fixed clip counts)", got)
	}
}

package fake

import "testing"

// TestTimelineDuration: the fake resolves clips against its media (seeded by
// MediaId and MediaURL); the model itself is tested in package timeline.
func TestTimelineDuration(t *testing.T) {
	media := newMediaIndex()
	media.add(Media{MediaId: "m12", Duration: 12.5})
	media.add(Media{MediaURL: "https://b/a.mp4", Duration: 5})
	tests := []struct {
		name     string
		timeline string
		want     float64
	}{
		{"empty", ``, 0},
		{"not JSON", `{"VideoTracks":[`, 0},
		{"by MediaId", `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m12"},{"MediaId":"m12"}]}]}`, 25},
		{"by MediaURL", `{"VideoTracks":[{"VideoTrackClips":[{"MediaURL":"https://b/a.mp4"}]}]}`, 5},
		{"unknown media", `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"nope"}]}]}`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := timelineDuration(tt.timeline, media); got != tt.want {
				t.Errorf("timelineDuration(%s) = %v, want %v", tt.timeline, got, tt.want)
			}
		})
	}
}

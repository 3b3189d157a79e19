package fake

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/icefake/icefake/timeline"
)

// knownSet is a knownMedia of fixed IDs and URLs.
type knownSet map[string]bool

func (k knownSet) knownID(id string) bool { return k[id] }
func (k knownSet) knownURL(u string) bool { return k[u] }
func (k knownSet) Duration(id, u string) (float64, bool) {
	if k[id] || k[u] {
		return 10, true
	}
	return 0, false
}

func TestDrawTimeline(t *testing.T) {
	known := knownSet{"m": true}
	tests := []struct {
		name     string
		text     string
		total    float64
		boxes    string // lane/clip x+w flags, in order
		ticks    string
		unknowns int
	}{
		{name: "back to back", text: `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m"},{"MediaId":"m","In":5}]}]}`, total: 15,
			boxes: "0/0 130+546.67 | 0/1 676.67+273.33", ticks: "0s 2s 4s 6s 8s 10s 12s 14s"},
		{name: "unknown length is thin", text: `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m"},{"MediaId":"x"}]}]}`, total: 10,
			boxes: "0/0 130+820 | 0/1 950+4 open unknown", ticks: "0s 2s 4s 6s 8s 10s", unknowns: 1},
		{name: "global image spans the output", text: `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m"}],"ImageTrackClips":[{"MediaId":"m","Type":"GlobalImage"}]}]}`, total: 10,
			boxes: "0/0 130+820 | 1/0 130+820 global", ticks: "0s 2s 4s 6s 8s 10s"},
		{name: "empty", text: `{}`, total: 1, boxes: "", ticks: "0s 0.2s 0.4s 0.6s 0.8s 1s"},
		{name: "subtitles have no media", text: `{"SubtitleTracks":[{"SubtitleTrackClips":[{"Type":"Text","Content":"hi","TimelineIn":0,"TimelineOut":2}]}]}`, total: 2,
			boxes: "0/0 130+820", ticks: "0s 0.5s 1s 1.5s 2s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl, err := timeline.Parse(tt.text)
			if err != nil {
				t.Fatal(err)
			}
			d := drawTimeline(tl, known, known)
			if d.Total != tt.total {
				t.Errorf("Total = %v, want %v", d.Total, tt.total)
			}
			var boxes []string
			for _, l := range d.Lanes {
				for _, b := range l.Boxes {
					s := fmt.Sprintf("%d/%d %v+%v", b.Lane, b.Clip, b.X, b.W)
					if b.OpenEnded {
						s += " open"
					}
					if b.Unknown {
						s += " unknown"
					}
					if b.Global {
						s += " global"
					}
					boxes = append(boxes, s)
				}
			}
			if got := strings.Join(boxes, " | "); got != tt.boxes {
				t.Errorf("boxes = %q, want %q", got, tt.boxes)
			}
			var ticks []string
			for _, tk := range d.Ticks {
				ticks = append(ticks, tk.Label)
			}
			if got := strings.Join(ticks, " "); got != tt.ticks {
				t.Errorf("ticks = %q, want %q", got, tt.ticks)
			}
			if d.Unknown != tt.unknowns {
				t.Errorf("Unknown = %d, want %d", d.Unknown, tt.unknowns)
			}
		})
	}
}

func TestFitText(t *testing.T) {
	tests := []struct {
		name, in string
		w        float64
		want     string
	}{
		{name: "fits", in: "abc", w: 100, want: "abc"},
		{name: "cut", in: "abcdefghijklmnop", w: 60, want: "abcdef…"},
		{name: "too narrow", in: "abc", w: 10, want: ""},
		{name: "runes", in: "ééééééééééééé", w: 60, want: "éééééé…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fitText(tt.in, tt.w); got != tt.want {
				t.Errorf("fitText(%q, %v) = %q, want %q", tt.in, tt.w, got, tt.want)
			}
		})
	}
}

// TestUIHostileMedia: a MediaId made of markup is text in the SVG's title,
// its label and the clips table.
func TestUIHostileMedia(t *testing.T) {
	s, _ := seedUI(t)
	const evil = `</title><script>alert(1)</script><title>`
	tl := `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"` + strings.ReplaceAll(evil, `"`, `\"`) + `","TimelineIn":0,"TimelineOut":2}]}]}`
	r := uiPostForm(t, s, uiPrefix+"timeline", url.Values{"timeline": {tl}}.Encode())
	if r.status != 200 {
		t.Fatalf("status = %d\n%s", r.status, r.body)
	}
	if n := len(find(r.doc, "script")); n != 0 {
		t.Fatalf("script elements = %d, want 0", n)
	}
	titles := find(byID(t, r.doc, "timeline-svg"), "title")
	if len(titles) != 2 || !strings.Contains(text(titles[1]), "MediaId "+evil) {
		t.Errorf("clip title = %q, want the MediaId as text", text(titles[len(titles)-1]))
	}
}

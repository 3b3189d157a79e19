package timeline

import (
	"encoding/json"
	"fmt"
)

// Timeline is the part of a Timeline document icefake reads. Unknown keys
// are ignored: the service accepts extensions, and the JSON text itself is
// what a project stores and returns.
type Timeline struct {
	VideoTracks    []Track `json:"VideoTracks"`
	AudioTracks    []Track `json:"AudioTracks"`
	ImageTracks    []Track `json:"ImageTracks"`
	SubtitleTracks []Track `json:"SubtitleTracks"`
	EffectTracks   []Track `json:"EffectTracks"`
}

// Track is one track. Which clip list is used depends on the track kind:
// VideoTrackClips (video tracks; ImageTrackClips may appear there too),
// AudioTrackClips, ImageTrackClips, SubtitleTrackClips, EffectTrackItems.
type Track struct {
	MainTrack          bool   `json:"MainTrack"`
	VideoTrackClips    []Clip `json:"VideoTrackClips"`
	AudioTrackClips    []Clip `json:"AudioTrackClips"`
	ImageTrackClips    []Clip `json:"ImageTrackClips"`
	SubtitleTrackClips []Clip `json:"SubtitleTrackClips"`
	EffectTrackItems   []Clip `json:"EffectTrackItems"`
}

// Clip is one clip (or effect item). Times are seconds; nil means absent.
type Clip struct {
	MediaId     string   `json:"MediaId"`
	MediaURL    string   `json:"MediaURL"`
	Type        string   `json:"Type"`
	SubType     string   `json:"SubType"`
	Content     string   `json:"Content"`
	In          *float64 `json:"In"`
	Out         *float64 `json:"Out"`
	MaxOut      *float64 `json:"MaxOut"`
	Duration    *float64 `json:"Duration"`
	TimelineIn  *float64 `json:"TimelineIn"`
	TimelineOut *float64 `json:"TimelineOut"`
	Speed       *float64 `json:"Speed"`
}

// Parse decodes Timeline JSON text. Empty text is an empty Timeline. It
// errors when text is not a JSON object of this shape (the fake's request
// validation reports those cases with line, column and path first).
func Parse(text string) (*Timeline, error) {
	tl := &Timeline{}
	if text == "" {
		return tl, nil
	}
	if err := json.Unmarshal([]byte(text), tl); err != nil {
		return nil, fmt.Errorf("timeline: %w", err)
	}
	return tl, nil
}

// Media resolves a clip's media to its duration in seconds; ok is false
// when the duration is not known (unregistered media, or a file the fake
// cannot probe).
type Media interface {
	Duration(mediaID, mediaURL string) (seconds float64, ok bool)
}

// NoMedia knows no media: clips contribute only what their own times fix.
var NoMedia Media = noMedia{}

type noMedia struct{}

func (noMedia) Duration(string, string) (float64, bool) { return 0, false }

// MediaMap is a Media backed by maps of durations by MediaId and MediaURL.
type MediaMap struct {
	ByID  map[string]float64
	ByURL map[string]float64
}

// Duration implements Media.
func (m MediaMap) Duration(mediaID, mediaURL string) (float64, bool) {
	if mediaID != "" {
		d, ok := m.ByID[mediaID]
		return d, ok
	}
	d, ok := m.ByURL[mediaURL]
	return d, ok
}

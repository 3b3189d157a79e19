package timeline

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
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
	// Text is a subtitle clip's text (an alternative to Content).
	Text    Lenient `json:"Text"`
	Effects Effects `json:"Effects"`
}

// Lenient is a string field that other clip kinds may use differently: a
// value of another JSON type reads as "" instead of failing the Timeline
// (the service accepts extensions).
type Lenient string

// UnmarshalJSON implements json.Unmarshaler.
func (l *Lenient) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		*l = Lenient(s)
	}
	return nil
}

// Effects is a clip's Effects list, decoded leniently: a value that is not
// a list reads as no effects, an item that is not an object as an effect
// without a Type, and a number given as a string (the public templates
// write "Gain":"0") as that number.
type Effects []Effect

// Effect is one entry of a clip's Effects: a transition, a volume, a
// background, … (Timeline configuration reference). Only the fields Check
// reads are kept.
type Effect struct {
	Type       string
	SubType    string
	Duration   *float64 // seconds; transitions default to 1
	Radius     *float64 // Background Blur: 0.01–1
	Gain       *float64 // Volume: 0 mutes, 1 keeps the level
	StartRate  *float64 // Zoom
	EndRate    *float64 // Zoom
	HasMediaId bool     // a MediaId key is present (AI_Avatar needs one)
	HasVolume  bool     // a Volume key is present (a mistaken volume effect)
}

// effectJSON is what Effects decodes of one item; any keeps every JSON type.
type effectJSON struct {
	Type, SubType, Duration, Radius, Gain, StartRate, EndRate, MediaId, Volume any
}

func (x effectJSON) effect() Effect {
	str := func(v any) string { s, _ := v.(string); return s }
	return Effect{Type: str(x.Type), SubType: str(x.SubType), Duration: number(x.Duration), Radius: number(x.Radius), Gain: number(x.Gain),
		StartRate: number(x.StartRate), EndRate: number(x.EndRate), HasMediaId: x.MediaId != nil, HasVolume: x.Volume != nil}
}

// UnmarshalJSON implements json.Unmarshaler.
func (e *Effects) UnmarshalJSON(b []byte) error {
	var all []effectJSON
	if json.Unmarshal(b, &all) == nil { // every item an object (or null)
		out := make(Effects, len(all))
		for i, x := range all {
			out[i] = x.effect()
		}
		*e = out
		return nil
	}
	var items []json.RawMessage
	if json.Unmarshal(b, &items) != nil {
		*e = nil
		return nil
	}
	out := make(Effects, len(items))
	for i, raw := range items {
		var x effectJSON
		if json.Unmarshal(raw, &x) == nil {
			out[i] = x.effect()
		}
	}
	*e = out
	return nil
}

// number reads a JSON number, or a string holding one; nil otherwise.
func number(v any) *float64 {
	switch x := v.(type) {
	case float64:
		return &x
	case string:
		if f, err := strconv.ParseFloat(strings.TrimSpace(x), 64); err == nil {
			return &f
		}
	}
	return nil
}

// Parse decodes Timeline JSON text. Empty text is an empty Timeline. It
// errors when text is not a JSON object of this shape (the fake's request
// validation reports those cases with line, column and path first).
func Parse(text string) (*Timeline, error) {
	if text == "" {
		return &Timeline{}, nil
	}
	if fast, ok := parseFast(text); ok {
		return fast, nil
	}
	tl := &Timeline{}
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

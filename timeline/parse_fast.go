package timeline

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// parseFast decodes the common shape of a Timeline without reflection
// (docs/architecture.md "Performance"): Parse is on every
// CreateEditingProject's path, for its Duration. ok is false whenever the
// text holds anything whose decoding by encoding/json it does not copy
// exactly, and Parse then runs json.Unmarshal, so the two always agree
// (TestParseFastAgreesWithJSON, FuzzParseFast):
//   - a top level that is not an object, invalid JSON, a type encoding/json
//     would refuse, a number out of float64 range;
//   - a key with an escape, or one that matches a field only case-insensitively,
//     or a field given twice in one object;
//   - a kept string (MediaId, …) with an escape or invalid UTF-8;
//   - a clip's Text or Effects (their lenient decoders are json's).
//
// Unknown keys are skipped, as json.Unmarshal skips them. Kept strings are
// substrings of text.
func parseFast(text string) (*Timeline, bool) {
	p := fastParser{s: text}
	p.ws()
	if !p.peek('{') {
		return nil, false
	}
	tl := &Timeline{}
	seen := 0
	ok := p.object(func(key string) bool {
		var dst *[]Track
		bit := 0
		switch key {
		case "VideoTracks":
			dst, bit = &tl.VideoTracks, 1
		case "AudioTracks":
			dst, bit = &tl.AudioTracks, 2
		case "ImageTracks":
			dst, bit = &tl.ImageTracks, 4
		case "SubtitleTracks":
			dst, bit = &tl.SubtitleTracks, 8
		case "EffectTracks":
			dst, bit = &tl.EffectTracks, 16
		default:
			return !foldsTo(key, timelineFields) && p.skip()
		}
		if seen&bit != 0 {
			return false
		}
		seen |= bit
		return p.tracks(dst)
	})
	if !ok {
		return nil, false
	}
	p.ws()
	return tl, p.i == len(p.s)
}

var (
	timelineFields = []string{"VideoTracks", "AudioTracks", "ImageTracks", "SubtitleTracks", "EffectTracks"}
	trackFields    = []string{"MainTrack", "VideoTrackClips", "AudioTrackClips", "ImageTrackClips", "SubtitleTrackClips", "EffectTrackItems"}
	clipFields     = []string{"MediaId", "MediaURL", "Type", "SubType", "Content", "In", "Out", "MaxOut", "Duration", "TimelineIn", "TimelineOut", "Speed", "Text", "Effects"}
)

// foldsTo reports whether key matches one of names the way encoding/json
// matches a key to a field it does not name exactly (case-insensitively).
func foldsTo(key string, names []string) bool {
	for _, n := range names {
		if strings.EqualFold(key, n) {
			return true
		}
	}
	return false
}

type fastParser struct {
	s     string
	i     int
	depth int // nesting of skipped values
}

// maxSkipDepth bounds the nesting of skipped values; deeper text falls
// back (encoding/json refuses nesting deeper than 10,000).
const maxSkipDepth = 1000

func (p *fastParser) ws() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// peek skips white space and reports whether the next byte is c.
func (p *fastParser) peek(c byte) bool {
	p.ws()
	return p.i < len(p.s) && p.s[p.i] == c
}

// null consumes a null literal if one is next.
func (p *fastParser) null() bool {
	if p.peek('n') && strings.HasPrefix(p.s[p.i:], "null") {
		p.i += 4
		return true
	}
	return false
}

// object parses an object (the next byte is '{'), calling member for each
// key with the value next; member consumes the value.
func (p *fastParser) object(member func(key string) bool) bool {
	p.i++ // '{'
	if p.peek('}') {
		p.i++
		return true
	}
	for {
		if !p.peek('"') {
			return false
		}
		key, ok := p.str()
		if !ok || !p.peek(':') {
			return false
		}
		p.i++
		p.ws()
		if !member(key) {
			return false
		}
		if p.peek(',') {
			p.i++
			continue
		}
		if p.peek('}') {
			p.i++
			return true
		}
		return false
	}
}

// array parses an array (the next byte is '['), calling elem for each
// element with the value next.
func (p *fastParser) array(elem func() bool) bool {
	p.i++ // '['
	if p.peek(']') {
		p.i++
		return true
	}
	for {
		p.ws()
		if !elem() {
			return false
		}
		if p.peek(',') {
			p.i++
			continue
		}
		if p.peek(']') {
			p.i++
			return true
		}
		return false
	}
}

// str parses a string without escapes, of valid UTF-8 (the next byte is
// '"'), and returns its contents.
func (p *fastParser) str() (string, bool) {
	start := p.i + 1
	for j := start; j < len(p.s); j++ {
		switch c := p.s[j]; {
		case c == '"':
			p.i = j + 1
			v := p.s[start:j]
			return v, utf8.ValidString(v)
		case c == '\\' || c < 0x20:
			return "", false
		}
	}
	return "", false
}

// tracks decodes a list of tracks (or null) into dst.
func (p *fastParser) tracks(dst *[]Track) bool {
	if p.null() {
		return true
	}
	if !p.peek('[') {
		return false
	}
	out := []Track{}
	ok := p.array(func() bool {
		out = append(out, Track{})
		if p.null() {
			return true
		}
		return p.peek('{') && p.track(&out[len(out)-1])
	})
	*dst = out
	return ok
}

func (p *fastParser) track(t *Track) bool {
	seen := 0
	return p.object(func(key string) bool {
		var dst *[]Clip
		bit := 0
		switch key {
		case "MainTrack":
			if seen&1 != 0 {
				return false
			}
			seen |= 1
			switch {
			case p.null():
				return true
			case strings.HasPrefix(p.s[p.i:], "true"):
				t.MainTrack = true
				p.i += 4
				return true
			case strings.HasPrefix(p.s[p.i:], "false"):
				t.MainTrack = false
				p.i += 5
				return true
			}
			return false
		case "VideoTrackClips":
			dst, bit = &t.VideoTrackClips, 2
		case "AudioTrackClips":
			dst, bit = &t.AudioTrackClips, 4
		case "ImageTrackClips":
			dst, bit = &t.ImageTrackClips, 8
		case "SubtitleTrackClips":
			dst, bit = &t.SubtitleTrackClips, 16
		case "EffectTrackItems":
			dst, bit = &t.EffectTrackItems, 32
		default:
			return !foldsTo(key, trackFields) && p.skip()
		}
		if seen&bit != 0 {
			return false
		}
		seen |= bit
		return p.clips(dst)
	})
}

func (p *fastParser) clips(dst *[]Clip) bool {
	if p.null() {
		return true
	}
	if !p.peek('[') {
		return false
	}
	out := []Clip{}
	ok := p.array(func() bool {
		out = append(out, Clip{})
		if p.null() {
			return true
		}
		return p.peek('{') && p.clip(&out[len(out)-1])
	})
	*dst = out
	return ok
}

func (p *fastParser) clip(c *Clip) bool {
	seen := 0
	return p.object(func(key string) bool {
		var (
			s   *string
			f   **float64
			bit int
		)
		switch key {
		case "MediaId":
			s, bit = &c.MediaId, 1<<0
		case "MediaURL":
			s, bit = &c.MediaURL, 1<<1
		case "Type":
			s, bit = &c.Type, 1<<2
		case "SubType":
			s, bit = &c.SubType, 1<<3
		case "Content":
			s, bit = &c.Content, 1<<4
		case "In":
			f, bit = &c.In, 1<<5
		case "Out":
			f, bit = &c.Out, 1<<6
		case "MaxOut":
			f, bit = &c.MaxOut, 1<<7
		case "Duration":
			f, bit = &c.Duration, 1<<8
		case "TimelineIn":
			f, bit = &c.TimelineIn, 1<<9
		case "TimelineOut":
			f, bit = &c.TimelineOut, 1<<10
		case "Speed":
			f, bit = &c.Speed, 1<<11
		default: // Text and Effects included: their decoders are json's
			return !foldsTo(key, clipFields) && p.skip()
		}
		if seen&bit != 0 {
			return false
		}
		seen |= bit
		if p.null() {
			return true
		}
		if s != nil {
			if !p.peek('"') {
				return false
			}
			v, ok := p.str()
			*s = v
			return ok
		}
		lit, ok := p.number()
		if !ok {
			return false
		}
		v, err := strconv.ParseFloat(lit, 64)
		if err != nil {
			return false
		}
		*f = &v
		return true
	})
}

// number consumes a JSON number (strict grammar) and returns its text.
func (p *fastParser) number() (string, bool) {
	start, j := p.i, p.i
	digits := func() int {
		k := j
		for j < len(p.s) && p.s[j] >= '0' && p.s[j] <= '9' {
			j++
		}
		return j - k
	}
	if j < len(p.s) && p.s[j] == '-' {
		j++
	}
	switch {
	case j < len(p.s) && p.s[j] == '0':
		j++
	case digits() == 0:
		return "", false
	}
	if j < len(p.s) && p.s[j] == '.' {
		j++
		if digits() == 0 {
			return "", false
		}
	}
	if j < len(p.s) && (p.s[j] == 'e' || p.s[j] == 'E') {
		j++
		if j < len(p.s) && (p.s[j] == '+' || p.s[j] == '-') {
			j++
		}
		if digits() == 0 {
			return "", false
		}
	}
	p.i = j
	return p.s[start:j], true
}

// skip consumes any JSON value; strings with escapes are checked loosely,
// so a value it cannot judge exactly makes the caller fall back.
func (p *fastParser) skip() bool {
	p.ws()
	if p.i >= len(p.s) {
		return false
	}
	switch c := p.s[p.i]; {
	case c == '{' || c == '[':
		if p.depth >= maxSkipDepth {
			return false
		}
		p.depth++
		defer func() { p.depth-- }()
		if c == '{' {
			return p.object(func(string) bool { return p.skip() })
		}
		return p.array(p.skip)
	case c == '"':
		_, ok := p.str()
		return ok
	case c == 't':
		return p.literal("true")
	case c == 'f':
		return p.literal("false")
	case c == 'n':
		return p.literal("null")
	default:
		_, ok := p.number()
		return ok
	}
}

func (p *fastParser) literal(l string) bool {
	if strings.HasPrefix(p.s[p.i:], l) {
		p.i += len(l)
		return true
	}
	return false
}

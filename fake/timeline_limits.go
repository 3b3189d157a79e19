package fake

import (
	"fmt"
	"strings"
)

// Timeline size limits (docs/fidelity.md "Timeline limits"), checked by one
// pass over the text before any parsing, so an oversized Timeline costs
// microseconds per megabyte rather than seconds.
const (
	// MaxTimelineTracks is how many tracks of each kind (VideoTracks,
	// AudioTracks, ImageTracks, SubtitleTracks, EffectTracks) a Timeline
	// may have: the service's published limit is 100 video, image and
	// subtitle tracks (API reference: SubmitMediaProducingJob); icefake
	// applies it to audio and effect tracks too.
	MaxTimelineTracks = 100
	// MaxTrackClips is how many clips (or effect items) one track may have;
	// the service publishes none, this is icefake's.
	MaxTrackClips = 1000
	// MaxTimelineClips is how many clips a Timeline may have in all; the
	// service publishes none, this is icefake's.
	MaxTimelineClips = 10000
)

// timelineTrackKinds are the Timeline's track lists.
var timelineTrackKinds = map[string]bool{
	"VideoTracks": true, "AudioTracks": true, "ImageTracks": true, "SubtitleTracks": true, "EffectTracks": true,
}

type tlRole uint8

const (
	limOther tlRole = iota
	limRoot
	limTrackList
	limTrack
	limClipList
)

type tlFrame struct {
	array     bool
	role      tlRole
	expectKey bool   // an object expects a key next
	key       string // a track list's kind, a clip list's name
	count     int    // elements started (arrays)
	index     int    // a track's index in its list
}

// checkTimelineLimits counts tracks and clips in a Timeline's JSON text in
// one linear pass and answers 400 InvalidParameter naming param when a
// limit is passed. Malformed text is left to the JSON checks that follow;
// the pass never fails on it and keeps at most four levels of state.
func checkTimelineLimits(param, text string) error {
	var (
		stack [4]tlFrame
		depth int // frames in stack
		extra int // nesting below the frames kept
		key   string
		clips int
	)
	// start notes a value beginning inside the top frame.
	start := func() error {
		if depth == 0 || extra > 0 {
			return nil
		}
		top := &stack[depth-1]
		if !top.array {
			return nil
		}
		top.count++
		switch top.role {
		case limTrackList:
			if top.count > MaxTimelineTracks {
				return invalidParameter(param, "%s has more than %d tracks; at most %d of each kind are allowed (docs/fidelity.md \"Timeline limits\").", top.key, MaxTimelineTracks, MaxTimelineTracks)
			}
		case limClipList:
			track := stack[depth-2]
			if top.count > MaxTrackClips {
				return invalidParameter(param, "%s[%d].%s has more than %d clips; at most %d per track are allowed (docs/fidelity.md \"Timeline limits\").", stack[depth-3].key, track.index, top.key, MaxTrackClips, MaxTrackClips)
			}
			if clips++; clips > MaxTimelineClips {
				return invalidParameter(param, "The Timeline has more than %d clips; at most %d are allowed in all (docs/fidelity.md \"Timeline limits\").", MaxTimelineClips, MaxTimelineClips)
			}
		}
		return nil
	}
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case ' ', '\t', '\r', '\n':
		case '"':
			j := i + 1
			for j < len(text) && text[j] != '"' {
				if text[j] == '\\' {
					j++
				}
				j++
			}
			s := text[min(i+1, len(text)):min(j, len(text))]
			if depth > 0 && extra == 0 && !stack[depth-1].array && stack[depth-1].expectKey {
				key = s
			} else if err := start(); err != nil {
				return err
			}
			i = j
		case ':':
			if depth > 0 && extra == 0 {
				stack[depth-1].expectKey = false
			}
		case ',':
			if depth > 0 && extra == 0 && !stack[depth-1].array {
				stack[depth-1].expectKey = true
			}
		case '{', '[':
			if err := start(); err != nil {
				return err
			}
			f := tlFrame{array: c == '[', expectKey: c == '{'}
			switch {
			case extra > 0 || depth == len(stack):
				extra++
				continue
			case depth == 0 && c == '{':
				f.role = limRoot
			case depth == 0:
			case stack[depth-1].role == limRoot && f.array && timelineTrackKinds[key]:
				f.role, f.key = limTrackList, key
			case stack[depth-1].role == limTrackList && !f.array:
				f.role, f.index = limTrack, stack[depth-1].count-1
			case stack[depth-1].role == limTrack && f.array && (strings.HasSuffix(key, "Clips") || strings.HasSuffix(key, "Items")):
				f.role, f.key = limClipList, key
			}
			stack[depth] = f
			depth++
		case '}', ']':
			switch {
			case extra > 0:
				extra--
			case depth > 0:
				depth--
			}
		default: // a number, true, false, null (or junk)
			if err := start(); err != nil {
				return err
			}
			for i+1 < len(text) && !strings.ContainsRune(" \t\r\n,:]}[{\"", rune(text[i+1])) {
				i++
			}
		}
	}
	return nil
}

// timelineLimitsError is checkTimelineLimits for a Timeline a template
// produced: a plain error naming the limit.
func timelineLimitsError(text []byte) error {
	if err := checkTimelineLimits("Timeline", string(text)); err != nil {
		return fmt.Errorf("the produced Timeline is too large: %v", err.(*APIError).Message)
	}
	return nil
}

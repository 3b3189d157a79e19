package fake

import (
	"encoding/json"
	"math"
)

// Timeline duration model (docs/fidelity.md "Duration").
// The exact server algorithm is UNCONFIRMED; icefake uses the recommended
// deterministic model:
//
//  1. per clip: source length = (Out, clamped to the media duration, or the
//     media duration, or MaxOut) − In; images without Out use Duration; the
//     length is divided by Speed;
//  2. a clip starts at TimelineIn, else where the previous clip of its track
//     ended (0 for the first); it ends at TimelineOut, else start + length;
//     a clip whose length cannot be known ends where its TimelineIn/Out fix it;
//  3. the output ends at the end of the MainTrack if one is marked, else at
//     the latest end over the video tracks; audio tracks count only when no
//     video track has clips; GlobalImage clips span and never extend it;
//  4. rounded to 4 decimals.

type tlClip struct {
	MediaId     string
	MediaURL    string
	Type        string
	In          *float64
	Out         *float64
	MaxOut      *float64
	Duration    *float64
	TimelineIn  *float64
	TimelineOut *float64
	Speed       *float64
}

type tlTrack struct {
	MainTrack       bool
	VideoTrackClips []tlClip
	AudioTrackClips []tlClip
}

type tlTimeline struct {
	VideoTracks []tlTrack
	AudioTracks []tlTrack
}

// projectDuration computes a Timeline's duration for tenant at the virtual
// clock's now, resolving clips against the media tenant can see: the media
// it registered (durations from the seed describing their InputURL), the
// outputs of its succeeded media-producing jobs, then the shared seeds.
func (s *Server) projectDuration(tenant, timeline string) float64 {
	now := s.clock.Now()
	s.store.mu.RLock()
	defer s.store.mu.RUnlock()
	return timelineDuration(timeline, s.store.tenantMedia(tenant, now))
}

// timelineDuration computes the output duration of a Timeline that already
// passed validation. An empty timeline (or one that fails to decode, which
// validation rules out) lasts 0 s.
func timelineDuration(timeline string, media mediaLookup) float64 {
	if timeline == "" {
		return 0
	}
	var tl tlTimeline
	if err := json.Unmarshal([]byte(timeline), &tl); err != nil {
		return 0
	}
	end, mainEnd, hasMain := 0.0, 0.0, false
	for _, tr := range tl.VideoTracks {
		e := trackEnd(tr.VideoTrackClips, media)
		end = math.Max(end, e)
		if tr.MainTrack {
			mainEnd, hasMain = math.Max(mainEnd, e), true
		}
	}
	if end == 0 && !hasMain {
		for _, tr := range tl.AudioTracks {
			e := trackEnd(tr.AudioTrackClips, media)
			end = math.Max(end, e)
			if tr.MainTrack {
				mainEnd, hasMain = math.Max(mainEnd, e), true
			}
		}
	}
	if hasMain {
		end = mainEnd
	}
	return math.Round(end*1e4) / 1e4
}

func trackEnd(clips []tlClip, media mediaLookup) float64 {
	cursor, end := 0.0, 0.0
	for _, c := range clips {
		if c.Type == "GlobalImage" {
			continue
		}
		start := cursor
		if c.TimelineIn != nil {
			start = *c.TimelineIn
		}
		stop := start
		if c.TimelineOut != nil {
			stop = *c.TimelineOut
		} else if n, ok := clipLength(c, media); ok {
			stop = start + n
		}
		cursor = stop
		end = math.Max(end, stop)
	}
	return end
}

// clipLength returns the clip's length on the timeline, if it can be known.
func clipLength(c tlClip, media mediaLookup) (float64, bool) {
	in := deref(c.In)
	mediaDur, known := media.duration(c.MediaId, c.MediaURL)
	var out float64
	switch {
	case c.Out != nil:
		out = *c.Out
		if known && out > mediaDur {
			out = mediaDur
		}
	case known && c.MaxOut != nil:
		out = math.Min(mediaDur, *c.MaxOut)
	case known:
		out = mediaDur
	case c.MaxOut != nil:
		out = *c.MaxOut
	case c.Duration != nil:
		return *c.Duration / speed(c), true
	default:
		return 0, false
	}
	return math.Max(out-in, 0) / speed(c), true
}

func speed(c tlClip) float64 {
	if c.Speed != nil && *c.Speed > 0 {
		return *c.Speed
	}
	return 1
}

func deref(p *float64) float64 {
	if p == nil {
		return 0
	}
	return *p
}

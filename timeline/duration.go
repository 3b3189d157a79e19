package timeline

import "math"

// Duration is the output duration in seconds, rounded to 4 decimals, by the
// model in docs/fidelity.md "Duration" (the service does not publish its
// algorithm; UNCONFIRMED):
//
//  1. per clip, the source length is (Out clamped to the media's duration,
//     else the media's duration, else MaxOut) − In; an image without Out
//     uses its Duration; the length is divided by Speed;
//  2. a clip starts at TimelineIn, else where the previous clip of its
//     track ended (0 for the first), and ends at TimelineOut, else start +
//     length; a clip whose length cannot be known ends where its
//     TimelineIn/TimelineOut fix it;
//  3. the output ends where the MainTrack ends if one is marked, else at the
//     latest end over the video tracks; audio tracks count only when no
//     video track has clips; GlobalImage clips never extend it.
func (tl *Timeline) Duration(media Media) float64 {
	end, mainEnd, hasMain := 0.0, 0.0, false
	for _, tr := range tl.VideoTracks {
		e := trackEnd(place(tr.VideoTrackClips, media))
		end = math.Max(end, e)
		if tr.MainTrack {
			mainEnd, hasMain = math.Max(mainEnd, e), true
		}
	}
	if end == 0 && !hasMain {
		for _, tr := range tl.AudioTracks {
			e := trackEnd(place(tr.AudioTrackClips, media))
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

// span is one clip's place on the time axis.
type span struct {
	start, end  float64
	lengthKnown bool
	mediaKnown  bool
	global      bool // a GlobalImage: spans the output, placed apart
}

// place lays out one track's clips back to back, as Duration counts them.
func place(clips []Clip, media Media) []span {
	out := make([]span, len(clips))
	cursor := 0.0
	for i, c := range clips {
		if c.Type == "GlobalImage" {
			out[i] = span{global: true}
			continue
		}
		start := cursor
		if c.TimelineIn != nil {
			start = *c.TimelineIn
		}
		n, lengthKnown, mediaKnown := clipLength(c, media)
		stop := start
		switch {
		case c.TimelineOut != nil:
			stop = *c.TimelineOut
			lengthKnown = true
		case lengthKnown:
			stop = start + n
		}
		out[i] = span{start: start, end: stop, lengthKnown: lengthKnown, mediaKnown: mediaKnown}
		cursor = stop
	}
	return out
}

func trackEnd(spans []span) float64 {
	end := 0.0
	for _, s := range spans {
		if !s.global {
			end = math.Max(end, s.end)
		}
	}
	return end
}

// clipLength returns the clip's length on the time axis, whether it can be
// known, and whether its media's duration is known.
func clipLength(c Clip, media Media) (length float64, ok, mediaKnown bool) {
	in := deref(c.In)
	mediaDur, known := media.Duration(c.MediaId, c.MediaURL)
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
		return *c.Duration / speed(c), true, known
	default:
		return 0, false, known
	}
	return math.Max(out-in, 0) / speed(c), true, known
}

func speed(c Clip) float64 {
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

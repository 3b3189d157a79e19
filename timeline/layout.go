package timeline

import "slices"

// Kind is a track's kind, as a lane of a drawing names it.
type Kind string

// Track kinds.
const (
	KindVideo    Kind = "video"
	KindImage    Kind = "image"
	KindAudio    Kind = "audio"
	KindSubtitle Kind = "subtitle"
	KindEffect   Kind = "effect"
)

// Lane is one track on the time axis.
type Lane struct {
	Kind  Kind
	Track int  // index of the track within its list (VideoTracks[Track], …)
	Main  bool // the track is marked MainTrack
	Boxes []Box
}

// Box is one clip's place on the time axis, in seconds, computed exactly as
// Duration counts it.
type Box struct {
	Clip        int // index of the clip within its track's list
	MediaId     string
	MediaURL    string
	Type        string
	In, Out     *float64 // as given
	Start, End  float64  // on the output's time axis; End == Start when the length is unknown
	LengthKnown bool     // End comes from TimelineOut or a known length
	MediaKnown  bool     // the clip's media duration is known
	Global      bool     // a GlobalImage: it spans the output and is not placed
}

// Layout places every clip of every track, in document order: video tracks
// (a video track's ImageTrackClips get a lane of their own, right after
// it), image, audio, subtitle and effect tracks.
func (tl *Timeline) Layout(media Media) []Lane {
	var lanes []Lane
	add := func(kind Kind, i int, tr Track, clips []Clip) {
		l := Lane{Kind: kind, Track: i, Main: tr.MainTrack, Boxes: make([]Box, len(clips))}
		for j, s := range place(clips, media) {
			c := clips[j]
			l.Boxes[j] = Box{
				Clip: j, MediaId: c.MediaId, MediaURL: c.MediaURL, Type: c.Type, In: c.In, Out: c.Out,
				Start: s.start, End: s.end, LengthKnown: s.lengthKnown, MediaKnown: s.mediaKnown, Global: s.global,
			}
		}
		lanes = append(lanes, l)
	}
	for i, tr := range tl.VideoTracks {
		add(KindVideo, i, tr, tr.VideoTrackClips)
		if len(tr.ImageTrackClips) > 0 {
			add(KindImage, i, tr, tr.ImageTrackClips)
		}
	}
	for i, tr := range tl.ImageTracks {
		add(KindImage, i, tr, slices.Concat(tr.ImageTrackClips, tr.VideoTrackClips))
	}
	for i, tr := range tl.AudioTracks {
		add(KindAudio, i, tr, tr.AudioTrackClips)
	}
	for i, tr := range tl.SubtitleTracks {
		add(KindSubtitle, i, tr, tr.SubtitleTrackClips)
	}
	for i, tr := range tl.EffectTracks {
		add(KindEffect, i, tr, tr.EffectTrackItems)
	}
	return lanes
}

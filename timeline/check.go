package timeline

import (
	"fmt"
	"net/url"
	"strings"
)

// Finding is one problem Check (or a caller reading the text) found.
type Finding struct {
	Rule     string   `json:"rule"`     // a Rules ID, e.g. "out-not-after-in"
	Severity Severity `json:"severity"` // "error" or "warning"
	// Path locates the problem as a JSON path into the Timeline, e.g.
	// $.VideoTracks[0].VideoTrackClips[1].Out; "$" for the whole document.
	Path    string `json:"path"`
	Message string `json:"message"` // one sentence
	Fix     string `json:"fix"`     // the rule's one-line fix
	// Value is the offending value when there is one to name (the unknown
	// MediaId or MediaURL); "" otherwise.
	Value string `json:"value,omitempty"`
}

// NewFinding returns a finding of the rule id at path, with the rule's
// severity and fix; format and args make the message. An unknown id
// panics: rule IDs are constants.
func NewFinding(id, path, format string, args ...any) Finding {
	r, ok := RuleByID(id)
	if !ok {
		panic("timeline: unknown rule " + id)
	}
	return Finding{Rule: r.ID, Severity: r.Severity, Path: path, Message: fmt.Sprintf(format, args...), Fix: r.Fix}
}

// CheckOptions says what Check may assume about the world.
type CheckOptions struct {
	// Media gives media durations for the rules that compare clip times
	// with them (in-beyond-media, out-beyond-media, overlap,
	// transition-too-long); nil is NoMedia.
	Media Media
	// KnownMediaID reports whether a MediaId names a medium the tenant can
	// use; nil skips unknown-media-id (the media are not known).
	KnownMediaID func(id string) bool
	// KnownMediaURL reports whether a MediaURL is a known file; nil skips
	// unknown-media-url (the fake checks URLs only in its strict mode).
	KnownMediaURL func(url string) bool
}

// Check applies the rules of Rules that need only the parsed Timeline and
// returns its findings. Errors come in the order the renderer meets them
// (empty-timeline, too-many-tracks, then clip by clip through the video
// tracks — each track's VideoTrackClips, then its ImageTrackClips —, the
// ImageTracks, then the audio tracks), so the first error is the one a
// production job fails with; warnings are interleaved in document order.
func Check(tl *Timeline, opts CheckOptions) []Finding {
	if opts.Media == nil {
		opts.Media = NoMedia
	}
	c := &checker{opts: opts}
	if tl.clipCount() == 0 {
		c.add(NewFinding(RuleEmptyTimeline, "$", "Both video tracks and audio tracks are empty."))
	}
	for _, t := range []struct {
		key, kind string
		n         int
	}{{"VideoTracks", "video", len(tl.VideoTracks)}, {"ImageTracks", "image", len(tl.ImageTracks)}, {"SubtitleTracks", "subtitle", len(tl.SubtitleTracks)}} {
		if t.n > MaxTracks {
			c.add(NewFinding(RuleTooManyTracks, "$."+t.key, "%d %s tracks; the service renders at most %d.", t.n, t.kind, MaxTracks))
		}
	}
	if len(tl.ImageTracks) > 0 {
		c.add(NewFinding(RuleImageTracks, "$.ImageTracks", "ImageTracks is deprecated; the service wants image clips in VideoTracks."))
	}
	for i, tr := range tl.VideoTracks {
		p := fmt.Sprintf("$.VideoTracks[%d]", i)
		c.emptyTrack(p, len(tr.VideoTrackClips)+len(tr.ImageTrackClips))
		c.clips(p+".VideoTrackClips", "VideoTrackClip", tr.VideoTrackClips)
		c.clips(p+".ImageTrackClips", "VideoTrackClip", tr.ImageTrackClips)
	}
	for i, tr := range tl.ImageTracks {
		p := fmt.Sprintf("$.ImageTracks[%d]", i)
		c.emptyTrack(p, len(tr.ImageTrackClips)+len(tr.VideoTrackClips))
		c.clips(p+".ImageTrackClips", "VideoTrackClip", tr.ImageTrackClips)
		c.clips(p+".VideoTrackClips", "VideoTrackClip", tr.VideoTrackClips)
	}
	for i, tr := range tl.AudioTracks {
		p := fmt.Sprintf("$.AudioTracks[%d]", i)
		c.emptyTrack(p, len(tr.AudioTrackClips))
		c.clips(p+".AudioTrackClips", "AudioTrackClip", tr.AudioTrackClips)
	}
	for i, tr := range tl.SubtitleTracks {
		p := fmt.Sprintf("$.SubtitleTracks[%d]", i)
		c.emptyTrack(p, len(tr.SubtitleTrackClips))
		for j, cl := range tr.SubtitleTrackClips {
			if cl.Type == "Text" && cl.Content == "" && cl.Text == "" {
				c.add(NewFinding(RuleSubtitleWithoutTxt, fmt.Sprintf("%s.SubtitleTrackClips[%d]", p, j), "A Text subtitle with neither Content nor Text shows nothing."))
			}
		}
	}
	for i, tr := range tl.EffectTracks {
		c.emptyTrack(fmt.Sprintf("$.EffectTracks[%d]", i), len(tr.EffectTrackItems))
	}
	return c.out
}

// clipCount is the number of clips that make output: video, image and
// audio clips.
func (tl *Timeline) clipCount() (n int) {
	for _, tr := range tl.VideoTracks {
		n += len(tr.VideoTrackClips) + len(tr.ImageTrackClips)
	}
	for _, tr := range tl.ImageTracks {
		n += len(tr.ImageTrackClips) + len(tr.VideoTrackClips)
	}
	for _, tr := range tl.AudioTracks {
		n += len(tr.AudioTrackClips)
	}
	return n
}

type checker struct {
	opts CheckOptions
	out  []Finding
}

func (c *checker) add(f Finding) { c.out = append(c.out, f) }

func (c *checker) emptyTrack(path string, clips int) {
	if clips == 0 {
		c.add(NewFinding(RuleEmptyTrack, path, "The track has no clips."))
	}
}

// mediaTypes are the clip Types that play a medium ("" is Video or Audio).
var mediaTypes = map[string]bool{"": true, "Video": true, "Image": true, "GlobalImage": true, "Audio": true}

// clips checks one clip list; kind names its clips in job messages
// (VideoTrackClip, AudioTrackClip).
func (c *checker) clips(listPath, kind string, clips []Clip) {
	spans := place(clips, c.opts.Media)
	for j, cl := range clips {
		// p is the clip's path plus suffix, built only for a finding.
		p := func(suffix string) string { return fmt.Sprintf("%s[%d]%s", listPath, j, suffix) }
		switch {
		case cl.In != nil && cl.Out != nil && *cl.Out <= *cl.In:
			c.add(NewFinding(RuleOutNotAfterIn, p(".Out"), "%s Out %g is not after In %g.", kind, *cl.Out, *cl.In))
		}
		if cl.TimelineIn != nil && cl.TimelineOut != nil && *cl.TimelineOut <= *cl.TimelineIn {
			c.add(NewFinding(RuleTimelineOutNotIn, p(".TimelineOut"), "%s TimelineOut %g is not after TimelineIn %g.", kind, *cl.TimelineOut, *cl.TimelineIn))
		}
		c.media(p, cl)
		if cl.MediaId == "" {
			if d, ok := c.opts.Media.Duration("", cl.MediaURL); ok && cl.MediaURL != "" {
				c.times(p, cl, d)
			}
		} else if d, ok := c.opts.Media.Duration(cl.MediaId, ""); ok {
			c.times(p, cl, d)
		}
		if j > 0 && !spans[j].global && spans[j].lengthKnown && spans[j-1].lengthKnown && !spans[j-1].global &&
			spans[j].start < spans[j-1].end {
			c.add(NewFinding(RuleOverlap, p(""), "The clip starts at %g s, before the previous clip ends at %g s.", spans[j].start, spans[j-1].end))
		}
		c.effects(p, cl, spans[j])
	}
}

// media checks which medium a clip names. The MediaId wins when both are
// set, as in the renderer.
func (c *checker) media(p func(string) string, cl Clip) {
	switch {
	case cl.MediaId != "" && cl.MediaURL != "":
		c.add(NewFinding(RuleMediaIDAndURL, p(""), "The clip has both MediaId and MediaURL."))
	case cl.MediaId == "" && cl.MediaURL == "" && mediaTypes[cl.Type]:
		c.add(NewFinding(RuleClipWithoutMedia, p(""), "The clip names no medium."))
	}
	switch {
	case cl.MediaId != "":
		if c.opts.KnownMediaID != nil && !c.opts.KnownMediaID(cl.MediaId) {
			f := NewFinding(RuleUnknownMediaID, p(".MediaId"), "MediaId %q is not a known medium.", cl.MediaId)
			f.Value = cl.MediaId
			c.add(f)
		}
	case cl.MediaURL != "":
		if c.opts.KnownMediaURL != nil && !c.opts.KnownMediaURL(cl.MediaURL) {
			f := NewFinding(RuleUnknownMediaURL, p(".MediaURL"), "MediaURL %q is not a known file.", cl.MediaURL)
			f.Value = cl.MediaURL
			c.add(f)
		}
		if !isOSS(cl.MediaURL) {
			c.add(NewFinding(RuleMediaURLNotOSS, p(".MediaURL"), "MediaURL %q is not an OSS URL.", cl.MediaURL))
		}
	}
}

// isOSS reports whether u is an oss:// URL or an http(s) URL of an
// Alibaba Cloud host (*.aliyuncs.com).
func isOSS(u string) bool {
	pu, err := url.Parse(u)
	if err != nil {
		return false
	}
	switch pu.Scheme {
	case "oss":
		return pu.Host != ""
	case "http", "https":
		return strings.HasSuffix(pu.Hostname(), ".aliyuncs.com")
	}
	return false
}

// times compares a clip's In and Out with its media's duration d.
func (c *checker) times(p func(string) string, cl Clip, d float64) {
	if cl.In != nil && *cl.In >= d {
		c.add(NewFinding(RuleInBeyondMedia, p(".In"), "In %g is at or past the end of the %g s medium.", *cl.In, d))
	}
	if cl.Out != nil && *cl.Out > d {
		c.add(NewFinding(RuleOutBeyondMedia, p(".Out"), "Out %g is past the end of the %g s medium.", *cl.Out, d))
	}
}

// effects checks a clip's Effects; s is the clip's place on the time axis.
func (c *checker) effects(p func(string) string, cl Clip, s span) {
	for k, e := range cl.Effects {
		ep := p(fmt.Sprintf(".Effects[%d]", k))
		switch e.Type {
		case "":
			c.add(NewFinding(RuleEffectWithoutType, ep, "The effect has no Type."))
		case "Transition":
			d := 1.0
			if e.Duration != nil {
				d = *e.Duration
			}
			if s.lengthKnown && d >= s.end-s.start {
				c.add(NewFinding(RuleTransitionTooLong, ep+".Duration", "The %g s transition is not shorter than its %g s clip.", d, s.end-s.start))
			}
		case "Background":
			if e.Radius != nil && (*e.Radius < 0.01 || *e.Radius > 1) {
				c.add(NewFinding(RuleBlurRadius, ep+".Radius", "Radius %g is outside 0.01–1.", *e.Radius))
			}
		case "Volume":
			if e.Gain != nil && *e.Gain < 0 {
				c.add(NewFinding(RuleNegativeGain, ep+".Gain", "Gain %g is negative.", *e.Gain))
			}
		}
	}
}

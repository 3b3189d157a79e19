package fake

import (
	"errors"
	"fmt"
	"strings"

	"github.com/icefake/icefake/timeline"
)

// Timeline error codes (docs/fidelity.md "Fidelity: Timeline error codes").
const (
	// CodeTimelineFormatError is SubmitMediaProducingJob's synchronous 400
	// for a Timeline that is not JSON, does not match the schema, or has
	// neither video nor audio clips (IMS production FAQ,
	// https://help.aliyun.com/document_detail/322376.html).
	CodeTimelineFormatError Code = "TimelineFormatError"
	// CodeInvalidTimelineFormat fails a job whose AI_Avatar effect has no
	// MediaId (low confidence: one third-party error index).
	CodeInvalidTimelineFormat Code = "InvalidTimelineFormat" // job only
	// CodeInvalidEffectParam fails a job whose Zoom effect has EndRate <=
	// StartRate (low confidence: one third-party error index).
	CodeInvalidEffectParam Code = "InvalidEffectParam" // job only
	// CodeProduceFailed fails a job whose effect has no Type but a Volume
	// key, e.g. {"Volume":0} (low confidence: one third-party error index).
	CodeProduceFailed Code = "ProduceFailed" // job only
)

// emptyTracksMessage is the renderer's text for a Timeline without video
// or audio clips.
const emptyTracksMessage = "Both video tracks and audio tracks are empty."

// timelineFormatError is 400 TimelineFormatError with message.
func timelineFormatError(message string) *APIError {
	e := NewError(CodeTimelineFormatError)
	e.Message = message
	return e
}

// submitTimelineError turns SubmitMediaProducingJob's InvalidParameter for
// its Timeline (not JSON, or not the schema) into 400 TimelineFormatError,
// "Invalid timeline format, caused by: <detail>"; any other error is
// returned as it is.
func submitTimelineError(action string, err error) error {
	var ae *APIError
	if action != "SubmitMediaProducingJob" || !errors.As(err, &ae) || ae.Code != CodeInvalidParameter {
		return err
	}
	prefix := NewError(CodeInvalidParameter, "Timeline").Message
	detail, ok := strings.CutPrefix(ae.Message, prefix)
	if !ok {
		return err
	}
	return timelineFormatError("Invalid timeline format, caused by: " + strings.TrimSpace(detail))
}

// checkTimelineTracks is SubmitMediaProducingJob's synchronous check that
// the Timeline to render has a video (or image) or an audio clip; a
// subtitle-only or empty Timeline → 400 TimelineFormatError "Both video
// tracks and audio tracks are empty." timeline is schema-valid JSON or "".
func checkTimelineTracks(text string) error {
	tl, err := timeline.Parse(text)
	if err != nil {
		return nil // validation rules this out
	}
	for _, tr := range tl.VideoTracks {
		if len(tr.VideoTrackClips)+len(tr.ImageTrackClips) > 0 {
			return nil
		}
	}
	for _, tr := range tl.ImageTracks {
		if len(tr.ImageTrackClips)+len(tr.VideoTrackClips) > 0 {
			return nil
		}
	}
	for _, tr := range tl.AudioTracks {
		if len(tr.AudioTrackClips) > 0 {
			return nil
		}
	}
	return timelineFormatError(emptyTracksMessage)
}

// clipProblem is what the renderer reports for one clip beyond its In/Out
// order and material (renderCheck): In at or past the medium's known
// duration → ProduceTimelineFormatError with the captured message
// (https://developer.aliyun.com/ask/600184); then the low-confidence effect
// rules of InvalidTimelineFormat, InvalidEffectParam and ProduceFailed.
// kind is "Video" or "Audio".
func clipProblem(c timeline.Clip, kind string, media tenantMedia) (Code, string) {
	if c.In != nil && media.st != nil {
		if d, ok := media.duration(c.MediaId, c.MediaURL); ok && *c.In >= d {
			ref := "mediaId: " + c.MediaId
			if c.MediaId == "" {
				ref = "mediaURL: " + c.MediaURL
			}
			return CodeProduceTimelineFormatError, fmt.Sprintf("Invalid timeline format, caused by: %q", kind+".In greater than its duration, "+ref)
		}
	}
	for i, e := range c.Effects { // anything but an array of objects: no effect rules
		switch {
		case e.Type == "AI_Avatar" && !e.HasMediaId:
			return CodeInvalidTimelineFormat, fmt.Sprintf("Invalid timeline format: Effects[%d] of type AI_Avatar requires MediaId.", i)
		case e.Type == "Zoom" && e.StartRate != nil && e.EndRate != nil && *e.EndRate <= *e.StartRate:
			return CodeInvalidEffectParam, fmt.Sprintf("Invalid effect param: Effects[%d] Zoom EndRate (%g) must be greater than StartRate (%g).", i, *e.EndRate, *e.StartRate)
		case e.Type == "" && e.HasVolume:
			return CodeProduceFailed, fmt.Sprintf(`Produce failed: Effects[%d] has no Type; write a volume effect as {"Type":"Volume","Gain":<number>}.`, i)
		}
	}
	return "", ""
}

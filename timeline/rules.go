package timeline

// Severity says how sure a finding is to cost a production.
type Severity string

// Severities.
const (
	// SeverityError: the service rejects the call or the production job
	// fails (as icefake's fake fails it).
	SeverityError Severity = "error"
	// SeverityWarning: the job runs, but the Timeline very likely does not
	// say what its author meant.
	SeverityWarning Severity = "warning"
)

// Rule is one check, known by a stable ID that tools may match on.
type Rule struct {
	ID       string
	Severity Severity
	// Summary says what the rule finds, in one line.
	Summary string
	// Fix is the one-line fix every finding of the rule carries.
	Fix string
}

// Rule IDs. They never change meaning; new rules get new IDs.
const (
	RuleJSONSyntax         = "json-syntax"
	RuleSchema             = "schema"
	RuleTemplate           = "template"
	RuleScenario           = "scenario"
	RuleOutputConfig       = "output-config"
	RuleEmptyTimeline      = "empty-timeline"
	RuleTooManyTracks      = "too-many-tracks"
	RuleOutNotAfterIn      = "out-not-after-in"
	RuleTimelineOutNotIn   = "timeline-out-not-after-in"
	RuleUnknownMediaID     = "unknown-media-id"
	RuleUnknownMediaURL    = "unknown-media-url"
	RuleEmptyTrack         = "empty-track"
	RuleClipWithoutMedia   = "clip-without-media"
	RuleMediaIDAndURL      = "media-id-and-url"
	RuleMediaURLNotOSS     = "media-url-not-oss"
	RuleInBeyondMedia      = "in-beyond-media"
	RuleOutBeyondMedia     = "out-beyond-media"
	RuleOverlap            = "overlap"
	RuleTransitionTooLong  = "transition-too-long"
	RuleBlurRadius         = "blur-radius"
	RuleNegativeGain       = "negative-gain"
	RuleEffectWithoutType  = "effect-without-type"
	RuleSubtitleWithoutTxt = "subtitle-without-text"
	RuleImageTracks        = "image-tracks-deprecated"
)

// MaxTracks is the service's limit on video, image and subtitle tracks
// each (API reference: SubmitMediaProducingJob, "up to 100 video tracks,
// 100 image tracks, 100 subtitle tracks").
const MaxTracks = 100

// Rules is every rule, in the order the documentation lists them. The first
// five are reported by the callers that read the text (syntax and schema
// through the fake's request validation, template expansion, scenario
// parsing, output configuration); Check reports the others.
var Rules = []Rule{
	{RuleJSONSyntax, SeverityError, "the text is not JSON (the service answers 400 InvalidParameter)",
		"fix the JSON at that line and column: no trailing commas, no comments, keys in double quotes"},
	{RuleSchema, SeverityError, "a field has the wrong type or is out of range for the Timeline schema (400 InvalidParameter)",
		"give the field the type and range the Timeline configuration reference documents"},
	{RuleTemplate, SeverityError, "the ClipsParam does not fill the template into a valid Timeline (400 InvalidParameter naming ClipsParam)",
		"give every $placeholder without a default a value in ClipsParam, of the type its field needs"},
	{RuleScenario, SeverityError, "the scenario file does not load (icefake refuses to start with it)",
		"correct the key at that line as the message says (scenario format: scenarios package documentation)"},
	{RuleOutputConfig, SeverityError, "the OutputMediaConfig is rejected by SubmitMediaProducingJob (400 InvalidParameter)",
		"set MediaURL (oss-object) or StorageLocation and FileName (vod-media); shorter side at most 2160 px"},
	{RuleEmptyTimeline, SeverityError, "both video tracks and audio tracks are empty: SubmitMediaProducingJob refuses it (400 TimelineFormatError)",
		"add at least one clip to VideoTracks[].VideoTrackClips or AudioTracks[].AudioTrackClips"},
	{RuleTooManyTracks, SeverityError, "more than 100 video, image or subtitle tracks: the job fails",
		"merge tracks or split the production: at most 100 tracks of each kind"},
	{RuleOutNotAfterIn, SeverityError, "a clip's Out is not after its In: the job fails with InvalidParameter",
		"make Out greater than In, or drop Out to play to the end of the media"},
	{RuleTimelineOutNotIn, SeverityError, "a clip's TimelineOut is not after its TimelineIn: the job fails with InvalidParameter",
		"make TimelineOut greater than TimelineIn, or drop TimelineOut to place the clip by its length"},
	{RuleUnknownMediaID, SeverityError, "a clip's MediaId is not a known medium: the job fails with QueryMaterialFailed",
		"register the medium (RegisterMediaInfo) or correct the MediaId"},
	{RuleUnknownMediaURL, SeverityError, "a clip's MediaURL is not a known file: the job fails with InvalidMaterial.NotFound",
		"upload the file or correct the URL"},
	{RuleEmptyTrack, SeverityWarning, "a track has no clips",
		"remove the empty track or add its clips"},
	{RuleClipWithoutMedia, SeverityWarning, "a media clip has neither MediaId nor MediaURL",
		"set exactly one of MediaId and MediaURL"},
	{RuleMediaIDAndURL, SeverityWarning, "a clip has both MediaId and MediaURL; the service expects exactly one",
		"keep one of MediaId and MediaURL (icefake uses MediaId)"},
	{RuleMediaURLNotOSS, SeverityWarning, "a MediaURL is not an OSS URL; the service does not fetch external or CDN URLs",
		"use an OSS URL in the service's region, e.g. https://bucket.oss-cn-shanghai.aliyuncs.com/a.mp4, or a MediaId"},
	{RuleInBeyondMedia, SeverityWarning, "a clip's In is at or past the end of its media: the clip is empty",
		"make In smaller than the media's duration"},
	{RuleOutBeyondMedia, SeverityWarning, "a clip's Out is past the end of its media: it is cut to the media's duration",
		"make Out at most the media's duration, or drop it"},
	{RuleOverlap, SeverityWarning, "a clip starts before the previous clip of its track ends",
		"move the clip's TimelineIn to the previous clip's end, or put it on a track of its own"},
	{RuleTransitionTooLong, SeverityWarning, "a transition lasts as long as its clip or longer",
		"make the transition's Duration shorter than the clip"},
	{RuleBlurRadius, SeverityWarning, "a Background Blur Radius is outside 0.01–1",
		"give Radius a value from 0.01 to 1"},
	{RuleNegativeGain, SeverityWarning, "a Volume Gain is negative",
		"give Gain a value of 0 (mute) or more (1 keeps the level)"},
	{RuleEffectWithoutType, SeverityWarning, "an effect has no Type, so it does nothing",
		"set the effect's Type (Transition, Volume, Background, VFX, Filter, …)"},
	{RuleSubtitleWithoutTxt, SeverityWarning, "a Text subtitle has neither Content nor Text",
		"set Content to the text to show"},
	{RuleImageTracks, SeverityWarning, "ImageTracks is deprecated",
		"move the clips into VideoTracks with Type Image"},
}

// RuleByID returns the rule with id.
func RuleByID(id string) (Rule, bool) {
	for _, r := range Rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

package fake

import (
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/icefake/icefake/timeline"
)

// Codes of media production (ICE API reference: error codes). The job codes appear
// only in a failed job's Code/Message (GetMediaProducingJob) and in a
// ProduceFailed project's ErrorCode/ErrorMessage.
const (
	CodeIdempotentParameterMismatch Code = "IdempotentParameterMismatch" // 400
	CodeProduceTimelineFormatError  Code = "ProduceTimelineFormatError"  // job only
	CodeQueryMaterialFailed         Code = "QueryMaterialFailed"         // job only
	CodeInvalidMaterialNotFound     Code = "InvalidMaterial.NotFound"    // job only
)

// tenantProduction is one tenant's media and media-producing state; it
// lives in tenantState.prod and is guarded by store.mu.
type tenantProduction struct {
	assets   map[string]*mediaAsset // by MediaId
	assetURL map[string]*mediaAsset // by InputURL (the newest asset wins)
	assetRef map[string]*mediaAsset // by ReferenceId
	jobs     map[string]*job
	// pending are jobs whose end has not been reflected on their project.
	pending []*job
	// projectJob maps a ProjectId to its latest job, the one whose outcome
	// the project's status shows.
	projectJob map[string]string
	// tokens remembers ClientToken calls: Action + "\x00" + token.
	tokens map[string]tokenRecord
}

type tokenRecord struct {
	fingerprint string
	ids         [4]string // the IDs the first call answered with
}

// production returns tenant's production state, creating it; callers hold
// st.mu for writing.
func (st *store) production(tenant string) *tenantProduction {
	t := st.tenant(tenant)
	if t.prod == nil {
		t.prod = &tenantProduction{
			assets: map[string]*mediaAsset{}, assetURL: map[string]*mediaAsset{}, assetRef: map[string]*mediaAsset{},
			jobs: map[string]*job{}, projectJob: map[string]string{}, tokens: map[string]tokenRecord{},
		}
	}
	return t.prod
}

// productionRead returns tenant's production state or nil; callers hold
// st.mu.
func (st *store) productionRead(tenant string) *tenantProduction {
	if t := st.tenants[tenant]; t != nil {
		return t.prod
	}
	return nil
}

// fingerprint is a call's parameters without ClientToken, canonically
// encoded: two calls with the same token must have the same fingerprint.
func fingerprint(params url.Values) string {
	v := make(url.Values, len(params))
	for k, vs := range params {
		if k != "ClientToken" {
			v[k] = vs
		}
	}
	return v.Encode()
}

// replay checks a ClientToken: ok with the remembered IDs for a repeated
// call, IdempotentParameterMismatch for the same token with other
// parameters, !ok for a new token. Callers hold st.mu.
func (tp *tenantProduction) replay(action, token, fp string) (ids [4]string, ok bool, err error) {
	if token == "" || tp == nil {
		return ids, false, nil
	}
	rec, found := tp.tokens[action+"\x00"+token]
	if !found {
		return ids, false, nil
	}
	if rec.fingerprint != fp {
		e := NewError(CodeIdempotentParameterMismatch)
		e.Explain = fmt.Sprintf("ClientToken %q was used by an earlier %s call with other parameters", token, action)
		return ids, false, e
	}
	return rec.ids, true, nil
}

func (tp *tenantProduction) remember(action, token, fp string, ids [4]string) {
	if token != "" {
		tp.tokens[action+"\x00"+token] = tokenRecord{fingerprint: fp, ids: ids}
	}
}

// Job phases (MediaProducingJob.Status, docs/fidelity.md "Lifecycle").
const (
	jobInit       = "Init"
	jobQueuing    = "Queuing"
	jobProcessing = "Processing"
	jobSuccess    = "Success"
	jobFailed     = "Failed"
)

// job is one media-producing job. Its status is a pure function of the
// virtual clock: the phase boundaries are fixed at submission.
type job struct {
	JobId, ProjectId, MediaId, VodMediaId, MediaURL string
	Timeline, TemplateId, ClipsParam                string
	// UserData is Submit's UserData, echoed by GetMediaProducingJob.
	UserData string
	// Duration is the output duration (s); known when hasDuration.
	Duration    float64
	hasDuration bool
	// Width/Height are the requested output size (0 = as the source).
	Width, Height int
	// code/message are the renderer's verdict, decided at submission and
	// revealed when the job ends ("" = Success).
	code, message string

	created, queuing, processing, done time.Time
}

// phaseAt returns the job's status at now.
func (j *job) phaseAt(now time.Time) string {
	switch {
	case now.Before(j.queuing):
		return jobInit
	case now.Before(j.processing):
		return jobQueuing
	case now.Before(j.done):
		return jobProcessing
	case j.code != "":
		return jobFailed
	}
	return jobSuccess
}

// phaseStart returns when the status at now began.
func (j *job) phaseStart(now time.Time) time.Time {
	switch j.phaseAt(now) {
	case jobInit:
		return j.created
	case jobQueuing:
		return j.queuing
	case jobProcessing:
		return j.processing
	}
	return j.done
}

// Job is a media-producing job as Server.Job reports it.
type Job struct {
	JobId     string
	ProjectId string
	MediaId   string // the output medium
	// Status is Init, Queuing, Processing, Success or Failed at the
	// virtual clock's now.
	Status string
	// Code and Message explain a Failed job.
	Code, Message string
	// Duration is the output duration in seconds (0 = unknown).
	Duration   float64
	CreateTime time.Time
	// DoneTime is when the job ends (Success or Failed) on the virtual
	// clock: Advance past it to finish the job.
	DoneTime time.Time
}

// Job returns tenant's media-producing job id as of the virtual clock's now.
func (s *Server) Job(tenant, id string) (Job, bool) {
	s.settleJobs(tenant)
	now := s.clock.Now()
	s.store.mu.RLock()
	defer s.store.mu.RUnlock()
	tp := s.store.productionRead(tenant)
	if tp == nil || tp.jobs[id] == nil {
		return Job{}, false
	}
	j := tp.jobs[id]
	out := Job{JobId: j.JobId, ProjectId: j.ProjectId, MediaId: j.MediaId, Status: j.phaseAt(now),
		Duration: j.Duration, CreateTime: j.created, DoneTime: j.done}
	if out.Status == jobFailed {
		out.Code, out.Message = j.code, j.message
	}
	return out, true
}

// settleJobs reflects the end of tenant's finished jobs on their projects:
// the project of a job that succeeded becomes Produced, of one that failed
// ProduceFailed with the job's Code/Message as ErrorCode/ErrorMessage (only
// for the project's latest job; deleted projects stay deleted). Handlers
// that read projects call it first; it costs O(unfinished jobs). Moving the
// clock back later does not undo a settled project status.
func (s *Server) settleJobs(tenant string) {
	now := s.clock.Now()
	st := s.store
	st.mu.RLock()
	tp := st.productionRead(tenant)
	due := false
	if tp != nil {
		for _, j := range tp.pending {
			if !now.Before(j.done) {
				due = true
				break
			}
		}
	}
	st.mu.RUnlock()
	if !due {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	tp = st.productionRead(tenant)
	if tp == nil {
		return
	}
	t := st.tenants[tenant]
	keep := tp.pending[:0]
	for _, j := range tp.pending {
		if now.Before(j.done) {
			keep = append(keep, j)
			continue
		}
		if tp.projectJob[j.ProjectId] != j.JobId {
			continue
		}
		p := t.lookup(j.ProjectId)
		if p == nil || p.deleted() {
			continue
		}
		t.changeProject(p, func(p *Project) {
			if j.code == "" {
				p.Status, p.ErrorCode, p.ErrorMessage = StatusProduced, "", ""
			} else {
				p.Status, p.ErrorCode, p.ErrorMessage = StatusProduceFailed, j.code, j.message
			}
		})
	}
	clear(tp.pending[len(keep):])
	tp.pending = keep
}

// outputMediaConfig is the part of OutputMediaConfig icefake checks
// (already schema-valid).
type outputMediaConfig struct {
	MediaURL        string
	StorageLocation string
	FileName        string
	Width           *float64
	Height          *float64
	MaxDuration     *float64
}

type submitResponse struct {
	meta
	JobId      string `json:"JobId"`
	MediaId    string `json:"MediaId"`
	ProjectId  string `json:"ProjectId"`
	VodMediaId string `json:"VodMediaId,omitempty"`
}

// sources maps SubmitMediaProducingJob Source values, any letter case, to
// the project CreateSource they stand for.
var sources = map[string]string{"openapi": "OpenAPI", "aliyunconsole": "AliyunConsole", "websdk": "WebSDK"}

// submitMediaProducingJob follows API reference: SubmitMediaProducingJob and docs/fidelity.md "State and
// semantics"; see the operation's description in the spec for the
// decisions on UNCONFIRMED points.
func (s *Server) submitMediaProducingJob(c *call) (response, error) {
	projectID, timeline, templateID := c.Params.Get("ProjectId"), c.Params.Get("Timeline"), c.Params.Get("TemplateId")
	clipsParam := c.Params.Get("ClipsParam")
	var set []string
	for _, kv := range [][2]string{{"ProjectId", projectID}, {"Timeline", timeline}, {"TemplateId", templateID}} {
		if kv[1] != "" {
			set = append(set, kv[0])
		}
	}
	switch {
	case len(set) == 0:
		e := missingParameter("ProjectId")
		e.Message += " Exactly one of ProjectId, Timeline and TemplateId is required."
		return nil, e
	case len(set) > 1:
		return nil, invalidParameter(set[1], "Exactly one of ProjectId, Timeline and TemplateId may be set; got %s.", strings.Join(set, " and "))
	case templateID != "" && clipsParam == "":
		return nil, missingParameter("ClipsParam")
	}
	token := c.Params.Get("ClientToken")
	fp := fingerprint(c.Params)
	s.store.mu.RLock()
	ids, replayed, err := s.store.productionRead(c.Tenant).replay(c.Action, token, fp)
	s.store.mu.RUnlock()
	if err != nil {
		return nil, err
	}
	if replayed {
		return &submitResponse{JobId: ids[0], MediaId: ids[1], ProjectId: ids[2], VodMediaId: ids[3]}, nil
	}

	target := c.Params.Get("OutputMediaTarget")
	if target == "" {
		target = "oss-object"
	}
	var omc outputMediaConfig
	_ = json.Unmarshal([]byte(c.Params.Get("OutputMediaConfig")), &omc) // schema-valid
	if err := checkOutput(target, omc); err != nil {
		return nil, err
	}
	if target == "oss-object" {
		if err := checkOutputRegion(omc.MediaURL, s.Region()); err != nil {
			return nil, err
		}
	}
	if n := len(c.Params.Get("UserData")); n > 512 {
		return nil, invalidParameter("UserData", "At most 512 bytes, got %d.", n)
	}
	source := "OpenAPI"
	if v := c.Params.Get("Source"); v != "" {
		if source = sources[strings.ToLower(v)]; source == "" {
			return nil, invalidParameter("Source", "Must be OpenAPI, AliyunConsole or WebSDK, got %q.", v)
		}
	}

	// The timeline to render.
	var (
		templateType string
		existing     Project
	)
	switch {
	case projectID != "":
		p, ok := s.store.project(c.Tenant, projectID)
		if !ok {
			e := NewError(CodeProjectNotFound)
			e.Explain = "no project " + projectID + " for tenant " + c.Tenant
			return nil, e
		}
		existing = p
		timeline, templateID, clipsParam = p.Timeline, p.TemplateId, p.ClipsParam
		if p.TemplateId != "" && p.Timeline == "" {
			// A VETemplate project has no Timeline: the template renders.
			// The template's own type decides (the project's TemplateType
			// defaults to Timeline whatever the template is).
			templateType = p.TemplateType
			if tmpl, ok := s.store.templateFor(c.Tenant, p.TemplateId); ok {
				templateType = tmpl.Type
			}
		}
	case templateID != "":
		tl, typ, err := s.resolveTemplate(c.Tenant, templateID, clipsParam)
		if err != nil {
			return nil, err
		}
		timeline, templateType = tl, typ
	}

	if templateType != TemplateTypeVETemplate {
		if err := checkTimelineTracks(timeline); err != nil {
			return nil, err
		}
	}

	timing := s.cfg.production.jobTiming()
	j := &job{
		JobId: s.ids.resourceID(), MediaId: s.ids.resourceID(),
		Timeline: timeline, TemplateId: templateID, ClipsParam: clipsParam,
		UserData: c.Params.Get("UserData"), created: c.Now,
	}
	if target == "vod-media" {
		j.VodMediaId = s.ids.resourceID()
	} else {
		j.MediaURL = omc.MediaURL
	}
	if omc.Width != nil {
		j.Width = int(*omc.Width)
	}
	if omc.Height != nil {
		j.Height = int(*omc.Height)
	}
	outType := "video"
	s.store.mu.RLock()
	media := s.store.tenantMedia(c.Tenant, c.Now)
	if templateType != TemplateTypeVETemplate {
		var code Code
		code, j.message, outType = renderCheck(timeline, media, s.cfg.production.strictMediaURLs)
		j.code = string(code)
		if j.code == "" {
			j.Duration, j.hasDuration = timelineDuration(timeline, media), true
			if omc.MaxDuration != nil && *omc.MaxDuration > 0 && j.Duration > *omc.MaxDuration {
				j.Duration = *omc.MaxDuration
			}
		}
	}
	s.store.mu.RUnlock()
	processing := timing.MinProcessing
	if j.code == "" {
		processing = max(processing, secondsToDuration(j.Duration*timing.ProcessingFactor))
	}
	j.queuing = j.created.Add(timing.Init)
	j.processing = j.queuing.Add(timing.Queuing)
	j.done = j.processing.Add(processing)

	var meta struct{ Title, Description string }
	_ = json.Unmarshal([]byte(c.Params.Get("ProjectMetadata")), &meta)
	var mm struct{ Title, Tags string }
	_ = json.Unmarshal([]byte(c.Params.Get("MediaMetadata")), &mm)
	out := &mediaAsset{
		MediaId: j.MediaId, InputURL: j.MediaURL, MediaType: outType, Title: mm.Title, MediaTags: mm.Tags,
		CreateTime: c.Now, ModifiedTime: c.Now, jobID: j.JobId,
	}
	if target == "vod-media" {
		out.InputURL = "vod://" + j.VodMediaId
		out.fileName = omc.FileName
	}
	if out.Title == "" {
		out.Title = wireTime(c.Now)
	}
	var implicit *Project
	if projectID == "" {
		implicit = &Project{
			ProjectId: s.ids.resourceID(), Title: meta.Title, Description: meta.Description,
			Timeline: timeline, TemplateId: templateID, ClipsParam: clipsParam, TemplateType: templateType,
			Status: StatusProducing, CreateSource: source, ModifiedSource: source,
			CreateTime: c.Now, ModifiedTime: c.Now, ProjectType: "EditingProject",
		}
		if templateID != "" && implicit.TemplateType == "" {
			implicit.TemplateType = TemplateTypeTimeline
		}
		implicit.Duration = s.projectDuration(c.Tenant, timeline)
		j.ProjectId = implicit.ProjectId
	} else {
		j.ProjectId = existing.ProjectId
	}

	// Commit: token, project, job and output medium at once.
	st := s.store
	st.mu.Lock()
	defer st.mu.Unlock()
	tp := st.production(c.Tenant)
	if ids, replayed, err := tp.replay(c.Action, token, fp); err != nil || replayed {
		if err != nil {
			return nil, err
		}
		return &submitResponse{JobId: ids[0], MediaId: ids[1], ProjectId: ids[2], VodMediaId: ids[3]}, nil
	}
	t := st.tenants[c.Tenant]
	if implicit != nil {
		// Stamped under the lock, as insertProjectNow does.
		implicit.CreateTime = s.clock.Now()
		implicit.ModifiedTime = implicit.CreateTime
		implicit.ProjectId = t.freshProjectID(implicit.ProjectId, s.ids.resourceID)
		j.ProjectId = implicit.ProjectId
		t.addProject(implicit)
	} else {
		p := t.lookup(projectID)
		if p == nil || p.deleted() {
			return nil, NewError(CodeProjectNotFound)
		}
		t.changeProject(p, func(p *Project) { p.Status, p.ErrorCode, p.ErrorMessage = StatusProducing, "", "" })
	}
	tp.jobs[j.JobId] = j
	tp.pending = append(tp.pending, j)
	tp.projectJob[j.ProjectId] = j.JobId
	tp.assets[out.MediaId] = out
	if out.InputURL != "" {
		tp.assetURL[out.InputURL] = out
	}
	ids = [4]string{j.JobId, j.MediaId, j.ProjectId, j.VodMediaId}
	tp.remember(c.Action, token, fp, ids)
	return &submitResponse{JobId: ids[0], MediaId: ids[1], ProjectId: ids[2], VodMediaId: ids[3]}, nil
}

// checkOutput applies the OutputMediaConfig rules the schema cannot state
// (API reference: SubmitMediaProducingJob): MediaURL for oss-object and S3 output; StorageLocation
// and FileName for vod-media; the shorter side at most 2160 px.
func checkOutput(target string, omc outputMediaConfig) error {
	switch target {
	case "vod-media":
		if omc.StorageLocation == "" {
			return invalidParameter("OutputMediaConfig", "$.StorageLocation: required when OutputMediaTarget is vod-media.")
		}
		if omc.FileName == "" {
			return invalidParameter("OutputMediaConfig", "$.FileName: required when OutputMediaTarget is vod-media.")
		}
	default:
		if omc.MediaURL == "" {
			return invalidParameter("OutputMediaConfig", "$.MediaURL: required when OutputMediaTarget is %s.", target)
		}
		if u, err := url.Parse(omc.MediaURL); err != nil || u.Scheme == "" || u.Host == "" {
			return invalidParameter("OutputMediaConfig", "$.MediaURL: %q is not an absolute URL such as https://bucket.oss-cn-shanghai.aliyuncs.com/out.mp4.", omc.MediaURL)
		}
	}
	if omc.Width != nil && omc.Height != nil {
		if short := math.Min(*omc.Width, *omc.Height); short > 2160 {
			return invalidParameter("OutputMediaConfig", "$.Width, $.Height: the shorter side (%g px) must be at most 2160 px.", short)
		}
	}
	return nil
}

// renderCheck is what the real renderer reports as job failures
// (ICE API reference: Timeline configuration, error codes; docs/fidelity.md
// "Fidelity: Timeline error codes"; empty tracks are refused at submit, see
// checkTimelineTracks): the errors of timeline.Check, as jobFailure maps
// them — more than 100 video, image or subtitle tracks → InvalidParameter
// naming the track list; a clip whose Out is not after its In, or whose
// TimelineOut is not after its TimelineIn, → InvalidParameter naming that
// field — then the clip problems of clipProblem, then the material: a clip
// MediaId the tenant cannot see → QueryMaterialFailed; with strict URLs, a
// clip MediaURL icefake does not know → InvalidMaterial.NotFound. outType
// is the output's MediaType.
func renderCheck(text string, media tenantMedia, strictURLs bool) (code Code, message, outType string) {
	tl, err := timeline.Parse(text)
	if err != nil {
		tl = &timeline.Timeline{} // validation rules this out
	}
	outType = "audio"
	for _, tr := range slices.Concat(tl.VideoTracks, tl.ImageTracks) {
		if len(tr.VideoTrackClips)+len(tr.ImageTrackClips) > 0 {
			outType = "video"
		}
	}
	opts := timeline.CheckOptions{KnownMediaID: media.knownID}
	if strictURLs {
		opts.KnownMediaURL = media.knownURL
	}
	var material *timeline.Finding
	for _, f := range timeline.Check(tl, opts) {
		switch {
		case f.Severity != timeline.SeverityError:
		case f.Rule == timeline.RuleUnknownMediaID || f.Rule == timeline.RuleUnknownMediaURL:
			if material == nil {
				material = &f
			}
		default:
			code, message = jobFailure(f)
			return code, message, outType
		}
	}
	for _, g := range renderClips(tl) {
		for _, c := range g.clips {
			if code, message = clipProblem(c, g.kind, media); code != "" {
				return code, message, outType
			}
		}
	}
	if material != nil {
		code, message = jobFailure(*material)
		return code, message, outType
	}
	return "", "", outType
}

// clipGroup is one clip list as the renderer reads it: kind "Video" (video
// and image clips) or "Audio".
type clipGroup struct {
	kind  string
	clips []timeline.Clip
}

// renderClips lists tl's clips in the renderer's order: video tracks, image
// tracks, audio tracks.
func renderClips(tl *timeline.Timeline) []clipGroup {
	var out []clipGroup
	for _, tr := range tl.VideoTracks {
		out = append(out, clipGroup{"Video", tr.VideoTrackClips}, clipGroup{"Video", tr.ImageTrackClips})
	}
	for _, tr := range tl.ImageTracks {
		out = append(out, clipGroup{"Video", tr.ImageTrackClips}, clipGroup{"Video", tr.VideoTrackClips})
	}
	for _, tr := range tl.AudioTracks {
		out = append(out, clipGroup{"Audio", tr.AudioTrackClips})
	}
	return out
}

// jobFailure is the failed job's Code and Message for an error of
// timeline.Check.
func jobFailure(f timeline.Finding) (Code, string) {
	kind := "VideoTrackClip"
	if strings.Contains(f.Path, ".AudioTrackClips[") {
		kind = "AudioTrackClip"
	}
	switch f.Rule {
	case timeline.RuleEmptyTimeline:
		return CodeProduceTimelineFormatError, NewError(CodeProduceTimelineFormatError).Message
	case timeline.RuleOutNotAfterIn:
		return CodeInvalidParameter, NewError(CodeInvalidParameter, kind+".Out").Message + " Out must be greater than In."
	case timeline.RuleTimelineOutNotIn:
		return CodeInvalidParameter, NewError(CodeInvalidParameter, kind+".TimelineOut").Message + " TimelineOut must be greater than TimelineIn."
	case timeline.RuleUnknownMediaID:
		return CodeQueryMaterialFailed, NewError(CodeQueryMaterialFailed, f.Value).Message
	case timeline.RuleUnknownMediaURL:
		return CodeInvalidMaterialNotFound, NewError(CodeInvalidMaterialNotFound, f.Value).Message
	}
	// too-many-tracks: $.VideoTracks → VideoTracks.
	return CodeInvalidParameter, NewError(CodeInvalidParameter, strings.TrimPrefix(f.Path, "$.")).Message + " " + f.Message
}

type mediaProducingJobBody struct {
	JobId        string   `json:"JobId"`
	ProjectId    string   `json:"ProjectId"`
	MediaId      string   `json:"MediaId"`
	MediaURL     string   `json:"MediaURL,omitempty"`
	VodMediaId   string   `json:"VodMediaId,omitempty"`
	Timeline     string   `json:"Timeline,omitempty"`
	TemplateId   string   `json:"TemplateId,omitempty"`
	ClipsParam   string   `json:"ClipsParam,omitempty"`
	Duration     *float64 `json:"Duration,omitempty"`
	Status       string   `json:"Status"`
	Code         string   `json:"Code,omitempty"`
	Message      string   `json:"Message,omitempty"`
	CreateTime   string   `json:"CreateTime"`
	ModifiedTime string   `json:"ModifiedTime"`
	CompleteTime string   `json:"CompleteTime,omitempty"`
	Progress     int32    `json:"Progress"`
	UserData     string   `json:"UserData,omitempty"`
}

type getJobResponse struct {
	meta
	MediaProducingJob mediaProducingJobBody `json:"MediaProducingJob"`
}

// jobRetention is how long jobs can be queried (API reference: GetMediaProducingJob: the past
// year), on the virtual clock.
const jobRetention = 365 * 24 * time.Hour

// getMediaProducingJob returns a job (API reference: GetMediaProducingJob) with its status at
// the virtual clock's now; unknown or older than a year → 404
// ResourceNotFound (icefake's choice; UNCONFIRMED).
func (s *Server) getMediaProducingJob(c *call) (response, error) {
	s.settleJobs(c.Tenant)
	id := c.Params.Get("JobId")
	s.store.mu.RLock()
	tp := s.store.productionRead(c.Tenant)
	var j *job
	if tp != nil {
		j = tp.jobs[id]
	}
	var body mediaProducingJobBody
	if j != nil {
		body = mediaProducingJobBody{
			JobId: j.JobId, ProjectId: j.ProjectId, MediaId: j.MediaId, MediaURL: j.MediaURL, VodMediaId: j.VodMediaId,
			Timeline: j.Timeline, TemplateId: j.TemplateId, ClipsParam: j.ClipsParam,
			Status: j.phaseAt(c.Now), CreateTime: wireTime(j.created), ModifiedTime: wireTime(j.phaseStart(c.Now)),
			Progress: j.progressAt(c.Now), UserData: j.UserData,
		}
	}
	s.store.mu.RUnlock()
	if j == nil || c.Now.Sub(j.created) > jobRetention {
		e := NewError(CodeResourceNotFound)
		e.Message += fmt.Sprintf(": the media producing job %q does not exist.", id)
		e.Explain = "no job " + id + " for tenant " + c.Tenant + " within the past year"
		return nil, e
	}
	switch body.Status {
	case jobSuccess:
		body.CompleteTime = wireTime(j.done)
		if j.hasDuration {
			d := j.Duration
			body.Duration = &d
		}
	case jobFailed:
		body.CompleteTime = wireTime(j.done)
		body.Code, body.Message = j.code, j.message
	}
	return &getJobResponse{MediaProducingJob: body}, nil
}

// secondsToDuration converts seconds to a Duration, saturating at the
// largest one instead of overflowing into a negative or tiny value.
func secondsToDuration(sec float64) time.Duration {
	if sec >= float64(math.MaxInt64)/float64(time.Second) {
		return time.Duration(math.MaxInt64)
	}
	return time.Duration(sec * float64(time.Second))
}

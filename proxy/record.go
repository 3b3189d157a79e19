package proxy

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/icefake/icefake/fake"
)

// recording is what the proxy saw, kept to be written as a scenario: media
// (from GetMediaInfo), projects (from CreateEditingProject and
// GetEditingProject, the latest answer winning) and, per Action, the
// outcome of every call that passed the fake's request validation.
type recording struct {
	mu       sync.Mutex
	media    map[string]recMedia // by MediaId
	mediaIDs []string            // first-seen order
	projects map[string]recProject
	projIDs  []string // tenant + "\x00" + ProjectId, first-seen order
	steps    map[string][]step
	actions  []string // first-seen order
}

type recMedia struct {
	MediaId, MediaURL, Type, Title string
	Duration                       float64
	Size                           int64
	Width, Height                  int
}

type recProject struct {
	Tenant                                            string
	ProjectId, Title, Description, Timeline, CoverURL string
	TemplateId, ClipsParam, TemplateType, ProjectType string
	BusinessConfig, BusinessStatus, Status            string
	CreateTime, ModifiedTime, CreateSource            string
}

// step is one call's outcome: ok, or the error the upstream answered.
type step struct {
	ok            bool
	code, message string
	status        int
}

func newRecording() recording {
	return recording{media: map[string]recMedia{}, projects: map[string]recProject{}, steps: map[string][]step{}}
}

// add records one answered call.
func (rc *recording) add(action, tenant string, status int, body []byte) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	code := envelopeCode(body)
	if status >= 400 && (code == "MissingParameter" || code == "InvalidParameter") {
		return // the fake's request validation answers these itself, before any fault counts the call
	}
	if _, seen := rc.steps[action]; !seen {
		rc.actions = append(rc.actions, action)
	}
	s := step{ok: true}
	if ec, ok := iceSpecCode(code); ok && status >= 400 {
		var e struct{ Message string }
		_ = json.Unmarshal(body, &e)
		s = step{code: code, message: e.Message}
		if status != ec {
			s.status = status
		}
	}
	rc.steps[action] = append(rc.steps[action], s)
	if status != 200 {
		return
	}
	switch action {
	case "GetMediaInfo":
		rc.addMedia(body)
	case "CreateEditingProject", "GetEditingProject":
		rc.addProject(tenant, body)
	}
}

// iceSpecCode returns the catalogue status of a code a fault may answer.
func iceSpecCode(code string) (int, bool) {
	ec, ok := iceSpec().Errors[code]
	return ec.Status, ok && !ec.Job
}

func (rc *recording) addMedia(body []byte) {
	var r struct {
		MediaInfo struct {
			MediaId        string
			MediaBasicInfo struct{ InputURL, MediaType, Title string }
			FileInfoList   []struct {
				FileBasicInfo struct{ Duration, FileSize, Width, Height string }
			}
		}
	}
	if json.Unmarshal(body, &r) != nil || r.MediaInfo.MediaId == "" || len(r.MediaInfo.FileInfoList) == 0 {
		return
	}
	fi := r.MediaInfo.FileInfoList[0].FileBasicInfo
	d, err := strconv.ParseFloat(fi.Duration, 64)
	if err != nil || d < 0 {
		return // a seed needs a duration
	}
	b := r.MediaInfo.MediaBasicInfo
	m := recMedia{MediaId: r.MediaInfo.MediaId, Duration: d, Title: b.Title}
	if u, err := url.Parse(b.InputURL); err == nil && u.Scheme != "" && u.Host != "" {
		m.MediaURL = b.InputURL
	}
	if slices.Contains([]string{"video", "audio", "image", "text"}, b.MediaType) {
		m.Type = b.MediaType
	}
	m.Size, _ = strconv.ParseInt(fi.FileSize, 10, 64)
	m.Width, _ = strconv.Atoi(fi.Width)
	m.Height, _ = strconv.Atoi(fi.Height)
	if _, seen := rc.media[m.MediaId]; !seen {
		rc.mediaIDs = append(rc.mediaIDs, m.MediaId)
	}
	rc.media[m.MediaId] = m
}

func (rc *recording) addProject(tenant string, body []byte) {
	var r struct {
		Project struct {
			ProjectId, Title, Description, Timeline, CoverURL string
			TemplateId, ClipsParam, TemplateType, ProjectType string
			BusinessConfig, BusinessStatus, StatusName        string
			Status                                            any
			CreateTime, ModifiedTime, CreateSource            string
		}
	}
	if json.Unmarshal(body, &r) != nil || r.Project.ProjectId == "" || r.Project.Title == "" {
		return
	}
	x := r.Project
	status := x.StatusName
	if s, ok := x.Status.(string); ok && status == "" {
		status = s
	}
	if !slices.Contains([]string{"Draft", "Editing", "Producing", "Produced", "ProduceFailed"}, status) {
		return // Deleted projects are not seeded
	}
	if x.Timeline != "" {
		if p, err := fake.CheckJSONParameter("CreateEditingProject", "Timeline", x.Timeline); err != nil || p != nil {
			x.Timeline = "" // not one the fake accepts
		}
	}
	p := recProject{Tenant: tenant, ProjectId: x.ProjectId, Title: x.Title, Description: x.Description, Timeline: x.Timeline,
		CoverURL: x.CoverURL, ProjectType: x.ProjectType, BusinessConfig: x.BusinessConfig, BusinessStatus: x.BusinessStatus,
		Status: status, CreateTime: x.CreateTime, ModifiedTime: x.ModifiedTime, CreateSource: x.CreateSource}
	if x.TemplateId != "" && x.ClipsParam != "" {
		p.TemplateId, p.ClipsParam, p.TemplateType = x.TemplateId, x.ClipsParam, x.TemplateType
	}
	if p.CreateTime == "" {
		p.ModifiedTime = ""
	}
	key := tenant + "\x00" + x.ProjectId
	if _, seen := rc.projects[key]; !seen {
		rc.projIDs = append(rc.projIDs, key)
	}
	rc.projects[key] = p
}

// WriteScenario writes what the proxy saw as a scenario file (format
// version 1, the scenarios package) that `icefake -scenario` replays:
// the media GetMediaInfo answered as media seeds; the projects
// CreateEditingProject and GetEditingProject answered (the latest answer of
// each) as project seeds, owned by the caller's AccessKeyId; and, per
// Action that got an error the spec's catalogue knows, a fault whose
// sequence repeats every call's outcome (ok, or the Code, status and
// Message) up to the last error. Calls the fake's request validation
// rejects (MissingParameter, InvalidParameter) are left out of the
// sequences: the fake answers them itself, before faults count a call.
// Credentials are never written.
func (p *Proxy) WriteScenario(w io.Writer) error {
	calls := p.Summary().Calls
	rc := &p.rec
	rc.mu.Lock()
	defer rc.mu.Unlock()
	var b strings.Builder
	fmt.Fprintf(&b, "# Recorded by icefake proxy from %s: %d calls.\nversion: 1\n", p.o.Upstream.Redacted(), calls)
	if len(rc.mediaIDs) > 0 {
		b.WriteString("media:\n")
		for _, id := range rc.mediaIDs {
			m := rc.media[id]
			fmt.Fprintf(&b, "  - mediaId: %s\n", q(m.MediaId))
			opt(&b, "mediaURL", m.MediaURL)
			fmt.Fprintf(&b, "    duration: %s\n", strconv.FormatFloat(m.Duration, 'f', -1, 64))
			opt(&b, "type", m.Type)
			opt(&b, "title", m.Title)
			for _, kv := range []struct {
				k string
				v int64
			}{{"size", m.Size}, {"width", int64(m.Width)}, {"height", int64(m.Height)}} {
				if kv.v > 0 {
					fmt.Fprintf(&b, "    %s: %d\n", kv.k, kv.v)
				}
			}
		}
	}
	if len(rc.projIDs) > 0 {
		b.WriteString("projects:\n")
		for _, key := range rc.projIDs {
			x := rc.projects[key]
			fmt.Fprintf(&b, "  - title: %s\n", q(x.Title))
			for _, kv := range [][2]string{
				{"tenant", x.Tenant}, {"projectId", x.ProjectId}, {"description", x.Description}, {"timeline", x.Timeline},
				{"templateId", x.TemplateId}, {"clipsParam", x.ClipsParam}, {"templateType", x.TemplateType},
				{"coverURL", x.CoverURL}, {"projectType", x.ProjectType}, {"businessConfig", x.BusinessConfig},
				{"businessStatus", x.BusinessStatus}, {"status", x.Status}, {"createTime", x.CreateTime},
				{"modifiedTime", x.ModifiedTime}, {"createSource", x.CreateSource},
			} {
				opt(&b, kv[0], kv[1])
			}
		}
	}
	var faults strings.Builder
	for _, action := range rc.actions {
		steps := rc.steps[action]
		last := -1
		for i, s := range steps {
			if !s.ok {
				last = i
			}
		}
		if last < 0 {
			continue
		}
		if faults.Len() == 0 {
			faults.WriteString("faults:\n")
		}
		fmt.Fprintf(&faults, "  - action: %s\n    sequence:\n", action)
		for _, s := range steps[:last+1] {
			if s.ok {
				faults.WriteString("      - ok: true\n")
				continue
			}
			fmt.Fprintf(&faults, "      - code: %s\n", q(s.code))
			if s.status != 0 {
				fmt.Fprintf(&faults, "        status: %d\n", s.status)
			}
			if s.message != "" {
				fmt.Fprintf(&faults, "        message: %s\n", q(s.message))
			}
		}
	}
	b.WriteString(faults.String())
	_, err := io.WriteString(w, b.String())
	return err
}

// q quotes s as a YAML double-quoted scalar (JSON's quoting is valid YAML).
func q(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// opt writes an optional project or media key.
func opt(b *strings.Builder, key, v string) {
	if v != "" {
		fmt.Fprintf(b, "    %s: %s\n", key, q(v))
	}
}

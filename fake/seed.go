package fake

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/icefake/icefake/scenarios"
)

// Seeding projects: Server.SeedProject and a scenario's projects (Apply)
// store editing projects in any status directly, as if a client had created
// (and produced) them, so that a test can start from them. They go through
// the same index as CreateEditingProject's, so Get, Search and List see them.

// SeedProject stores p as one of tenant's editing projects and returns it as
// stored. tenant is the AccessKeyId that owns it (required).
//
// Defaults fill what p leaves zero:
//   - ProjectId: one from the ID generator (seeded by WithSeed/StartT);
//   - Status: Draft without Timeline and TemplateId, else Editing;
//   - TemplateType (with a TemplateId): the template's own type when it is
//     seeded, else Timeline; and a project with a TemplateId but no Timeline
//     gets the Timeline that a seeded Timeline template's Config filled with
//     ClipsParam makes, as CreateEditingProject does;
//   - ProjectType: EditingProject; CreateSource: OpenAPI (LiveEditingOpenAPI
//     for a LiveEditingProject, whose BusinessStatus then starts Reserving);
//     ModifiedSource: CreateSource;
//   - CreateTime: the virtual clock's now; ModifiedTime: CreateTime;
//   - Duration: worked out from the Timeline and the media the tenant can
//     see, as for a created project (a non-zero Duration is kept).
//
// It errors, storing nothing, when tenant is empty, when the ProjectId is
// not 32 lowercase hex characters or tenant already has a project with it
// (live or deleted), and when p is not a project the service could hold: no
// Title; a Status other than Draft, Editing, Producing, Produced and
// ProduceFailed, or Draft with a Timeline or TemplateId; ErrorCode or
// ErrorMessage without ProduceFailed; Timeline, ClipsParam or
// BusinessConfig not a JSON object; TemplateId without ClipsParam or the
// other way round; TemplateType without TemplateId; BusinessConfig or
// BusinessStatus on a project that is not a LiveEditingProject; a value
// outside the spec's enums (TemplateType, ProjectType, BusinessStatus,
// CreateSource, ModifiedSource); MaterialMaps the API would reject; a
// seeded Timeline template that ClipsParam does not fill; ModifiedTime
// before CreateTime, or a time outside the years 0000-9999 in UTC; or a
// negative Duration.
//
// A seeded Producing project has no media-producing job: it stays Producing
// until a job submitted for it ends.
func (s *Server) SeedProject(tenant string, p Project) (Project, error) {
	sd, err := s.prepareSeed(tenant, p, s.clock.Now(), s.store.template)
	if err != nil {
		return Project{}, err
	}
	out, err := s.commitSeeds([]seed{sd})
	if err != nil {
		return Project{}, err
	}
	return out[0], nil
}

// seed is a checked project to store for tenant.
type seed struct {
	tenant string
	p      *Project
}

var projectIDPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)

// seedStatuses are the statuses a project can be seeded in.
var seedStatuses = []ProjectStatus{StatusDraft, StatusEditing, StatusProducing, StatusProduced, StatusProduceFailed}

// prepareSeed checks p and fills every default but ProjectId and Duration,
// which commitSeeds fills. template looks up the seeded templates.
func (s *Server) prepareSeed(tenant string, p Project, now time.Time, template func(string) (Template, bool)) (seed, error) {
	fail := func(format string, args ...any) (seed, error) {
		name := "icefake: project"
		if p.ProjectId != "" {
			name += " " + p.ProjectId
		}
		return seed{}, fmt.Errorf(name+": "+format, args...)
	}
	if tenant == "" {
		return fail("the tenant (AccessKeyId) is required")
	}
	given := p
	if p.ProjectId != "" && !projectIDPattern.MatchString(p.ProjectId) {
		return fail("ProjectId %q is not 32 lowercase hex characters (leave it empty to have one generated)", p.ProjectId)
	}
	if p.Title == "" {
		return fail("Title is required")
	}
	content := p.Timeline != "" || p.TemplateId != ""
	switch {
	case p.Status == 0 && content:
		p.Status = StatusEditing
	case p.Status == 0:
		p.Status = StatusDraft
	case !slices.Contains(seedStatuses, p.Status):
		return fail("Status %d (%s) cannot be seeded (Draft, Editing, Producing, Produced or ProduceFailed)", int(p.Status), p.Status)
	case p.Status == StatusDraft && content:
		return fail("a Draft project has no Timeline or TemplateId (use Editing)")
	}
	if p.Status != StatusProduceFailed && (p.ErrorCode != "" || p.ErrorMessage != "") {
		return fail("ErrorCode and ErrorMessage belong to a ProduceFailed project, not a %s one", p.Status)
	}
	for _, f := range []struct{ name, text string }{
		{"Timeline", p.Timeline}, {"ClipsParam", p.ClipsParam}, {"BusinessConfig", p.BusinessConfig},
	} {
		if err := jsonObjectText(f.text); err != nil {
			return fail("%s %v", f.name, err)
		}
	}
	switch {
	case p.TemplateId != "" && p.ClipsParam == "":
		return fail("a project with a TemplateId has a ClipsParam, as CreateEditingProject requires")
	case p.TemplateId == "" && p.ClipsParam != "":
		return fail("ClipsParam needs a TemplateId")
	case p.TemplateId == "" && p.TemplateType != "":
		return fail("TemplateType needs a TemplateId")
	}
	if p.MaterialMaps != "" {
		if _, err := parseMaterialMaps(p.MaterialMaps); err != nil {
			return fail("%s", paramProblem("MaterialMaps", err))
		}
	}
	if p.ProjectType == "" {
		p.ProjectType = "EditingProject"
	}
	live := p.ProjectType == "LiveEditingProject"
	if !live && (p.BusinessConfig != "" || p.BusinessStatus != "") {
		return fail("BusinessConfig and BusinessStatus belong to a LiveEditingProject, not an %s", p.ProjectType)
	}
	if live && p.BusinessStatus == "" {
		p.BusinessStatus = "Reserving"
	}
	if p.CreateSource == "" {
		p.CreateSource = "OpenAPI"
		if live {
			p.CreateSource = "LiveEditingOpenAPI"
		}
	}
	if p.ModifiedSource == "" {
		p.ModifiedSource = p.CreateSource
	}
	if p.TemplateId != "" {
		tmpl, known := template(p.TemplateId)
		if p.TemplateType == "" {
			p.TemplateType = TemplateTypeTimeline
			if known {
				p.TemplateType = tmpl.Type
			}
		}
		if known && p.Timeline == "" && tmpl.Type == TemplateTypeTimeline {
			tl, err := expandTemplate(tmpl.Config, p.ClipsParam)
			if err != nil {
				return fail("template %s with its ClipsParam: %v", p.TemplateId, err)
			}
			p.Timeline = tl
		}
	}
	for _, f := range []struct{ name, v, schema string }{
		{"TemplateType", p.TemplateType, "TemplateType"},
		{"ProjectType", p.ProjectType, "ProjectType"},
		{"BusinessStatus", p.BusinessStatus, "BusinessStatus"},
		{"CreateSource", p.CreateSource, "Source"},
		{"ModifiedSource", p.ModifiedSource, "Source"},
	} {
		if allowed := iceSpec().Enum(f.schema); f.v != "" && !slices.Contains(allowed, f.v) {
			return fail("unknown %s %q (%s)", f.name, f.v, strings.Join(allowed, ", "))
		}
	}
	if p.CreateTime.IsZero() {
		p.CreateTime = now
	}
	if p.ModifiedTime.IsZero() {
		p.ModifiedTime = p.CreateTime
	}
	p.CreateTime, p.ModifiedTime = p.CreateTime.UTC(), p.ModifiedTime.UTC()
	for _, t := range []struct {
		name string
		t    time.Time
	}{{"CreateTime", p.CreateTime}, {"ModifiedTime", p.ModifiedTime}} {
		if y := t.t.Year(); y < 0 || y > 9999 {
			return fail("%s %s is out of range (years 0000-9999 in UTC)", t.name, t.t.Format(time.RFC3339))
		}
	}
	if p.ModifiedTime.Before(p.CreateTime) {
		return fail("ModifiedTime %s is before CreateTime %s", wireTime(p.ModifiedTime), wireTime(p.CreateTime))
	}
	if p.Duration < 0 || math.IsNaN(p.Duration) || math.IsInf(p.Duration, 0) {
		return fail("Duration must be a number of seconds >= 0, got %v", p.Duration)
	}
	if err := createParamsValid(given); err != nil {
		return fail("%s", err)
	}
	return seed{tenant: tenant, p: &p}, nil
}

// jsonObjectText checks that text, when not empty, is a JSON object.
func jsonObjectText(text string) error {
	if text == "" {
		return nil
	}
	var v any
	if err := json.Unmarshal([]byte(text), &v); err != nil {
		return fmt.Errorf("is not JSON: %v", err)
	}
	if _, ok := v.(map[string]any); !ok {
		return errors.New("must be a JSON object")
	}
	return nil
}

// createParamsValid checks p's fields as CreateEditingProject checks its
// parameters against the spec (the Timeline's structure and value ranges,
// ClipsParam, MaterialMaps, BusinessConfig, enums), so that a seeded
// project holds nothing the API would have refused.
func createParamsValid(p Project) error {
	params := url.Values{}
	for _, kv := range [][2]string{
		{"Title", p.Title}, {"Description", p.Description}, {"Timeline", p.Timeline}, {"TemplateId", p.TemplateId},
		{"ClipsParam", p.ClipsParam}, {"TemplateType", p.TemplateType}, {"CoverURL", p.CoverURL},
		{"MaterialMaps", p.MaterialMaps}, {"ProjectType", p.ProjectType}, {"BusinessConfig", p.BusinessConfig},
	} {
		if kv[1] != "" {
			params.Set(kv[0], kv[1])
		}
	}
	r, err := http.NewRequestWithContext(context.Background(), http.MethodPost, "/CreateEditingProject", nil)
	if err != nil {
		return err
	}
	err = validateRequest(r.Context(), routeFor("CreateEditingProject"), r, params)
	var e *APIError
	if err == nil || !errors.As(err, &e) {
		return err
	}
	for name := range params {
		if strings.HasPrefix(e.Message, NewError(e.Code, name).Message) {
			return errors.New(paramProblem(name, err))
		}
	}
	return errors.New(e.Message)
}

// paramProblem words an API error about parameter name as "name: problem".
func paramProblem(name string, err error) string {
	var e *APIError
	if !errors.As(err, &e) {
		return name + ": " + err.Error()
	}
	msg := e.Message
	for _, code := range []Code{CodeInvalidParameter, CodeMissingParameter} {
		if rest, ok := strings.CutPrefix(msg, NewError(code, name).Message); ok {
			msg = strings.TrimSpace(rest)
		}
	}
	if msg == "" {
		msg = "not valid"
	}
	return name + ": " + msg
}

// projectIDsFree checks that no two seeds, and no seed and a stored
// project (live or deleted), share a tenant and ProjectId.
func (st *store) projectIDsFree(seeds []seed) error {
	st.mu.RLock()
	defer st.mu.RUnlock()
	return st.projectIDsFreeLocked(seeds)
}

func (st *store) projectIDsFreeLocked(seeds []seed) error {
	type key struct{ tenant, id string }
	seen := map[key]bool{}
	for _, sd := range seeds {
		id := sd.p.ProjectId
		if id == "" {
			continue
		}
		k := key{sd.tenant, id}
		if seen[k] {
			return fmt.Errorf("icefake: project %s: seeded twice for tenant %s", id, sd.tenant)
		}
		seen[k] = true
		if t := st.tenants[sd.tenant]; t != nil && t.lookup(id) != nil {
			state := "has"
			if t.lookup(id).deleted() {
				state = "had (now deleted)"
			}
			return fmt.Errorf("icefake: project %s: tenant %s already %s a project with this ProjectId", id, sd.tenant, state)
		}
	}
	return nil
}

// commitSeeds fills the seeds' Durations and missing ProjectIds and stores
// them, in CreateTime order (file order among equal times), all or none.
// It returns copies of the stored projects in the order of seeds.
func (s *Server) commitSeeds(seeds []seed) ([]Project, error) {
	if len(seeds) == 0 {
		return nil, nil
	}
	for _, sd := range seeds {
		if sd.p.Duration == 0 {
			sd.p.Duration = s.projectDuration(sd.tenant, sd.p.Timeline)
		}
		if sd.p.ProjectId == "" {
			sd.p.ProjectId = s.ids.resourceID()
		}
	}
	order := slices.Clone(seeds)
	slices.SortStableFunc(order, func(a, b seed) int { return cmp.Compare(a.p.CreateTime.Unix(), b.p.CreateTime.Unix()) })
	st := s.store
	st.mu.Lock()
	defer st.mu.Unlock()
	// Checked again under the write lock: a call may have taken an ID since.
	if err := st.projectIDsFreeLocked(seeds); err != nil {
		return nil, err
	}
	for _, sd := range order {
		st.tenant(sd.tenant).addProject(sd.p)
	}
	out := make([]Project, len(seeds))
	for i, sd := range seeds {
		out[i] = *sd.p
	}
	return out, nil
}

// projectStatusByName maps the scenario format's status names.
var projectStatusByName = map[string]ProjectStatus{
	"Draft": StatusDraft, "Editing": StatusEditing, "Producing": StatusProducing,
	"Produced": StatusProduced, "ProduceFailed": StatusProduceFailed,
}

// scenarioSeeds converts and checks sc's projects, whose templates may be
// among templates (sc's, about to be seeded) or already seeded. Every
// project is checked, against the others and the stored projects too,
// before Apply changes anything.
func (s *Server) scenarioSeeds(sc *scenarios.Scenario, templates []Template) ([]seed, error) {
	if len(sc.Projects) == 0 {
		return nil, nil
	}
	pending := map[string]Template{}
	for _, t := range templates {
		pending[t.TemplateId] = t
	}
	lookup := func(id string) (Template, bool) {
		if t, ok := pending[id]; ok {
			return t, true
		}
		return s.store.template(id)
	}
	now := s.clock.Now()
	seeds := make([]seed, 0, len(sc.Projects))
	for i, sp := range sc.Projects {
		tenant := cmp.Or(sp.Tenant, DefaultAccessKeyId)
		status, ok := projectStatusByName[sp.Status]
		if !ok && sp.Status != "" {
			return nil, fmt.Errorf("%s: projects[%d]: icefake: project: unknown Status %q (Draft, Editing, Producing, Produced or ProduceFailed)", sc.Name, i, sp.Status)
		}
		sd, err := s.prepareSeed(tenant, Project{
			ProjectId: sp.ProjectId, Title: sp.Title, Description: sp.Description,
			Timeline: sp.Timeline, TemplateId: sp.TemplateId, ClipsParam: sp.ClipsParam, TemplateType: sp.TemplateType,
			CoverURL: sp.CoverURL, ProjectType: sp.ProjectType, BusinessConfig: sp.BusinessConfig, BusinessStatus: sp.BusinessStatus,
			Status: status, ErrorCode: sp.ErrorCode, ErrorMessage: sp.ErrorMessage,
			CreateTime: sp.CreateTime, ModifiedTime: sp.ModifiedTime, CreateSource: sp.CreateSource,
		}, now, lookup)
		if err != nil {
			return nil, fmt.Errorf("%s: projects[%d]: %w", sc.Name, i, err)
		}
		seeds = append(seeds, sd)
	}
	if err := s.store.projectIDsFree(seeds); err != nil {
		return nil, fmt.Errorf("%s: projects: %w", sc.Name, err)
	}
	return seeds, nil
}

package fake

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/icefake/icefake/timeline"
)

// The dashboard's read-only pages: overview, projects, a project, a pasted
// Timeline, jobs. Each handler gathers its data (ui_state.go) and renders
// one template of fake/ui.

// pager links the pages of a table; the links keep the page's other query
// parameters.
type pager struct {
	Page, Pages, Total int // Page is 1-based
	Prev, Next         string
}

func newPager(r *http.Request, page, total int) pager {
	p := pager{Page: page + 1, Pages: max((total+uiPageSize-1)/uiPageSize, 1), Total: total}
	link := func(n int) string {
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(n))
		return r.URL.Path + "?" + q.Encode()
	}
	if page > 0 {
		p.Prev = link(page) // page n+1 shows 0-based n
	}
	if p.Page < p.Pages {
		p.Next = link(page + 2)
	}
	return p
}

// pageParam returns the 0-based page of ?page= (1-based; default 1).
func pageParam(r *http.Request) int {
	n, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || n < 1 {
		return 0
	}
	return min(n, 1<<20) - 1
}

type overviewPage struct {
	Flash       string
	Clock       ClockInfo
	Tenants     []tenantCounts
	Pager       pager
	Templates   int
	SharedMedia int
	Scenarios   []ScenarioInfo
	Faults      []FaultInfo
	Quotas      []Quota
	Journal     struct{ Held, Capacity, Dropped int }
}

func (s *Server) uiOverview(w http.ResponseWriter, r *http.Request, _ string) {
	page := pageParam(r)
	var o overviewPage
	o.Flash = r.URL.Query().Get("done")
	o.Clock = s.Clock()
	var total int
	o.Tenants, total = s.store.tenantPage(page, uiPageSize)
	o.Pager = newPager(r, page, total)
	o.Templates = s.store.templateCount()
	s.store.mu.RLock()
	o.SharedMedia = len(s.store.media.byID) + len(s.store.media.byURL)
	s.store.mu.RUnlock()
	o.Scenarios = s.Scenarios()
	o.Faults = s.Faults()
	o.Quotas = s.Quotas()
	o.Journal.Held, o.Journal.Capacity, o.Journal.Dropped = s.journal.stats()
	s.uiRender(w, r, http.StatusOK, "overview", "Overview", o)
}

type projectsPage struct {
	Tenant   string
	Query    projectQuery
	Statuses []string
	Rows     []projectRow
	Pager    pager
	Sorts    []sortLink
}

// sortLink is a sortable column header.
type sortLink struct {
	Label, Href string
	Active      bool
	Desc        bool
	// Aria is the column's aria-sort value ("ascending", "descending",
	// "none").
	Aria string
}

var projectColumns = []struct{ key, label string }{
	{"title", "Title"}, {"status", "Status"}, {"duration", "Duration (s)"}, {"created", "Created"}, {"modified", "Modified"},
}

func (s *Server) uiProjects(w http.ResponseWriter, r *http.Request, _ string) {
	q := r.URL.Query()
	p := projectsPage{Tenant: s.uiTenant(r), Statuses: []string{"Draft", "Editing", "Producing", "Produced", "ProduceFailed"}}
	p.Query = projectQuery{Status: q.Get("status"), Title: q.Get("title"), Sort: q.Get("sort"), Desc: q.Get("dir") == "desc", Page: pageParam(r)}
	if projectSorts[p.Query.Sort] == nil {
		p.Query.Sort = "created"
	}
	if p.Tenant != "" {
		s.settleJobs(p.Tenant)
		var total int
		p.Rows, total = s.store.projectPage(p.Tenant, p.Query)
		p.Pager = newPager(r, p.Query.Page, total)
	}
	for _, c := range projectColumns {
		l := sortLink{Label: c.label, Aria: "none"}
		nq := url.Values{}
		for _, k := range []string{"tenant", "status", "title"} {
			if v := q.Get(k); v != "" {
				nq.Set(k, v)
			}
		}
		if p.Tenant != "" {
			nq.Set("tenant", p.Tenant)
		}
		nq.Set("sort", c.key)
		if c.key == p.Query.Sort {
			l.Active, l.Desc = true, p.Query.Desc
			l.Aria = map[bool]string{false: "ascending", true: "descending"}[p.Query.Desc]
			if !p.Query.Desc {
				nq.Set("dir", "desc")
			}
		}
		l.Href = r.URL.Path + "?" + nq.Encode()
		p.Sorts = append(p.Sorts, l)
	}
	s.uiRender(w, r, http.StatusOK, "projects", "Projects", p)
}

// uiTenant returns ?tenant=, or the only (else the first) tenant with state.
func (s *Server) uiTenant(r *http.Request) string {
	if t := r.URL.Query().Get("tenant"); t != "" {
		return t
	}
	if ts, _ := s.store.tenantPage(0, 1); len(ts) > 0 {
		return ts[0].Tenant
	}
	return ""
}

type field struct{ Name, Value string }

type materialRow struct {
	Kind, ID string
	Known    bool
}

type projectPage struct {
	Tenant    string
	Project   Project
	Fields    []field
	Media     []materialRow
	Live      []liveMaterial
	Projects  []string
	JobID     string
	Drawing   tlDrawing
	TLProblem string
	RawJSON   string
}

// uiProject serves /projects/{tenant}/{projectId}.
func (s *Server) uiProject(w http.ResponseWriter, r *http.Request, arg string) {
	tenant, id, ok := splitPathPair(r, uiPrefix+"projects/")
	if !ok {
		s.uiError(w, r, http.StatusNotFound, "a project page is "+uiPrefix+"projects/{tenant}/{projectId}")
		return
	}
	p, found := s.Project(tenant, id)
	if !found {
		s.uiError(w, r, http.StatusNotFound, fmt.Sprintf("tenant %q has no project %q", tenant, id))
		return
	}
	pg := projectPage{Tenant: tenant, Project: p, JobID: s.store.projectJobID(tenant, id), RawJSON: prettyJSON(p.Timeline)}
	pg.Fields = []field{
		{"ProjectId", p.ProjectId}, {"Title", p.Title}, {"Description", p.Description}, {"Status", p.Status.String()},
		{"Duration", secs(p.Duration) + " s"}, {"CreateTime", wireTime(p.CreateTime)}, {"ModifiedTime", wireTime(p.ModifiedTime)},
		{"CreateSource", p.CreateSource}, {"ModifiedSource", p.ModifiedSource}, {"ProjectType", p.ProjectType},
		{"TemplateId", p.TemplateId}, {"TemplateType", p.TemplateType}, {"ClipsParam", p.ClipsParam}, {"CoverURL", p.CoverURL},
		{"BusinessConfig", p.BusinessConfig}, {"BusinessStatus", p.BusinessStatus},
		{"ErrorCode", p.ErrorCode}, {"ErrorMessage", p.ErrorMessage},
	}
	now := s.clock.Now()
	s.store.mu.RLock()
	media := s.store.tenantMedia(tenant, now)
	if t := s.store.tenants[tenant]; t != nil {
		if sp := t.lookup(id); sp != nil {
			m := t.materialsOf(sp)
			for _, ref := range m.media {
				pg.Media = append(pg.Media, materialRow{Kind: ref.kind, ID: ref.id, Known: media.knownID(ref.id)})
			}
			pg.Live, pg.Projects = m.live, m.projects
		}
	}
	tl, err := timeline.Parse(p.Timeline)
	if err != nil {
		pg.TLProblem = err.Error()
	} else {
		pg.Drawing = drawTimeline(tl, timelineMedia{media}, media)
	}
	s.store.mu.RUnlock()
	s.uiRender(w, r, http.StatusOK, "project", "Project "+p.ProjectId, pg)
}

// splitPathPair splits the escaped path after prefix into two unescaped,
// non-empty segments.
func splitPathPair(r *http.Request, prefix string) (string, string, bool) {
	rest, ok := strings.CutPrefix(r.URL.EscapedPath(), prefix)
	if !ok {
		return "", "", false
	}
	a, b, ok := strings.Cut(rest, "/")
	if !ok || strings.Contains(b, "/") {
		return "", "", false
	}
	a, err1 := url.PathUnescape(a)
	b, err2 := url.PathUnescape(b)
	return a, b, err1 == nil && err2 == nil && a != "" && b != ""
}

type timelinePage struct {
	Tenant   string
	Text     string
	Drawn    bool
	Drawing  tlDrawing
	Problems []string // why the Timeline is not valid
	Verdict  string   // what a media-producing job would end with
	// Findings are what icefake validate reports for the Timeline
	// (timeline.Check, the rules the renderer and validate share).
	Findings []timeline.Finding
}

func (s *Server) uiTimelineForm(w http.ResponseWriter, r *http.Request, _ string) {
	s.uiRender(w, r, http.StatusOK, "timeline", "Draw a Timeline", timelinePage{Tenant: r.URL.Query().Get("tenant")})
}

// maxUITimeline bounds a pasted Timeline (the admin API's body bound).
const maxUITimeline = maxAdminBody

// uiTimelineDraw draws a pasted Timeline against a tenant's media, with the
// checks Create/Submit would make: the spec's Timeline schema and the
// renderer's verdict for a job.
func (s *Server) uiTimelineDraw(w http.ResponseWriter, r *http.Request, _ string) {
	r.Body = http.MaxBytesReader(w, r.Body, maxUITimeline)
	if err := r.ParseForm(); err != nil {
		s.uiError(w, r, http.StatusBadRequest, "the form could not be read: "+err.Error())
		return
	}
	pg := timelinePage{Tenant: strings.TrimSpace(r.PostForm.Get("tenant")), Text: r.PostForm.Get("timeline")}
	status := http.StatusOK
	tl, err := timeline.Parse(pg.Text)
	switch {
	case strings.TrimSpace(pg.Text) == "":
		pg.Problems = []string{"paste a Timeline (a JSON object)"}
	case err != nil:
		pg.Problems = []string{err.Error()}
	default:
		if err := checkTimeline([]byte(pg.Text)); err != nil {
			pg.Problems = []string{strings.Replace(err.Error(), "the produced Timeline", "the Timeline", 1)}
		}
	}
	if pg.Problems != nil {
		status = http.StatusUnprocessableEntity
	}
	if err == nil && pg.Text != "" {
		now := s.clock.Now()
		s.store.mu.RLock()
		media := s.store.tenantMedia(pg.Tenant, now)
		pg.Drawing, pg.Drawn = drawTimeline(tl, timelineMedia{media}, media), true
		opts := timeline.CheckOptions{Media: timelineMedia{media}, KnownMediaID: media.knownID}
		if s.cfg.production.strictMediaURLs {
			opts.KnownMediaURL = media.knownURL
		}
		pg.Findings = timeline.Check(tl, opts)
		if code, msg, _ := renderCheck(pg.Text, media, s.cfg.production.strictMediaURLs); code != "" {
			pg.Verdict = fmt.Sprintf("A media-producing job would fail: %s: %s.", code, strings.TrimSuffix(msg, "."))
		} else {
			pg.Verdict = "A media-producing job would succeed."
		}
		s.store.mu.RUnlock()
	}
	s.uiRender(w, r, status, "timeline", "Draw a Timeline", pg)
}

type jobsPage struct {
	Tenant string
	Now    time.Time
	Rows   []jobRow
	Pager  pager
}

func (s *Server) uiJobs(w http.ResponseWriter, r *http.Request, _ string) {
	pg := jobsPage{Tenant: s.uiTenant(r), Now: s.Now()}
	if pg.Tenant != "" {
		var total int
		pg.Rows, total = s.jobPage(pg.Tenant, pageParam(r))
		pg.Pager = newPager(r, pageParam(r), total)
	}
	s.uiRender(w, r, http.StatusOK, "jobs", "Jobs", pg)
}

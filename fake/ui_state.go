package fake

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// What the dashboard reads from the store: counts per tenant, pages of
// projects and jobs. Each reader holds the store's read lock once, visits
// what it must and copies only the rows of the page it returns, so a page
// costs O(rows shown) plus, for filtered or sorted project tables, one pass
// over the tenant's projects.

// uiPageSize is how many rows a dashboard table shows per page.
const uiPageSize = 50

// tenantCounts is one tenant's row on the overview.
type tenantCounts struct {
	Tenant   string
	Projects int // live projects
	Media    int // registered or produced media
	Jobs     int // media-producing jobs, any state
}

// tenantPage returns the counts of the tenants on page (0-based) of the
// sorted tenant list, and how many tenants there are.
func (st *store) tenantPage(page, size int) ([]tenantCounts, int) {
	st.mu.RLock()
	defer st.mu.RUnlock()
	ids := make([]string, 0, len(st.tenants))
	for id := range st.tenants {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	lo, hi := pageBounds(page, size, len(ids))
	out := make([]tenantCounts, 0, hi-lo)
	for _, id := range ids[lo:hi] {
		t := st.tenants[id]
		c := tenantCounts{Tenant: id, Projects: t.liveProjects()}
		if t.prod != nil {
			c.Media, c.Jobs = len(t.prod.assets), len(t.prod.jobs)
		}
		out = append(out, c)
	}
	return out, len(ids)
}

// liveProjects counts t's projects that are not deleted from the Search
// index's block counts, without visiting projects.
func (t *tenantState) liveProjects() int {
	ix := &t.index
	if deleted, ok := ix.classIDsOfStatus(StatusDeleted); ok {
		n := len(t.order)
		for _, b := range ix.blocks {
			for _, c := range deleted {
				if c < len(b) {
					n -= int(b[c])
				}
			}
		}
		return n
	}
	return len(t.order)
}

// classIDsOfStatus returns the ids of the classes with status s; ok is
// false when there are none.
func (ix *projectIndex) classIDsOfStatus(s ProjectStatus) ([]int, bool) {
	var ids []int
	for i, c := range ix.classes {
		if c.status == s {
			ids = append(ids, i)
		}
	}
	return ids, len(ids) > 0
}

// pageBounds returns the [lo, hi) slice bounds of page (0-based) of n rows.
func pageBounds(page, size, n int) (int, int) {
	lo := min(max(page, 0)*size, n)
	return lo, min(lo+size, n)
}

// projectQuery selects and orders a tenant's projects for the table.
type projectQuery struct {
	Status string // a status name ("Editing"); "" = any live status
	Title  string // case-insensitive substring of Title; "" = any
	Sort   string // created (default), title, status, duration, modified
	Desc   bool
	Page   int // 0-based
}

// projectRow is one project in the table.
type projectRow struct {
	ProjectId, Title, Status string
	Duration                 float64
	CreateTime, ModifiedTime time.Time
}

// projectSorts are the columns the table sorts by.
var projectSorts = map[string]func(a, b *projectRec) int{
	"created":  func(a, b *projectRec) int { return 0 }, // creation order
	"title":    func(a, b *projectRec) int { return strings.Compare(a.title, b.title) },
	"status":   func(a, b *projectRec) int { return strings.Compare(a.statusOf().String(), b.statusOf().String()) },
	"duration": func(a, b *projectRec) int { return cmp.Compare(a.duration, b.duration) },
	"modified": func(a, b *projectRec) int { return a.modifiedTime().Compare(b.modifiedTime()) },
}

// projectPage returns the page of tenant's live projects q selects, and how
// many match. Ties keep creation order.
func (st *store) projectPage(tenant string, q projectQuery) ([]projectRow, int) {
	st.mu.RLock()
	defer st.mu.RUnlock()
	t := st.tenants[tenant]
	if t == nil {
		return nil, 0
	}
	less := projectSorts[q.Sort]
	if less == nil {
		less = projectSorts["created"]
	}
	if q.Status == "" && q.Title == "" && (q.Sort == "" || q.Sort == "created") {
		// The common case walks only as far as the page.
		return t.creationPage(q)
	}
	title := strings.ToLower(q.Title)
	type hit struct {
		p   *projectRec
		pos int
	}
	var hits []hit
	keep := func(i int, p *projectRec) {
		if p.deleted() || (q.Status != "" && p.statusOf().String() != q.Status) ||
			(title != "" && !titleContains(p.title, title)) {
			return
		}
		hits = append(hits, hit{p, i})
	}
	// A title filter visits only the positions the Keyword index proposes
	// (project_titles.go); each is re-checked by keep.
	var cand []int32
	indexed := false
	if title != "" {
		cand, indexed = t.index.titles.positions(len(t.order), []byte(title), nil)
	}
	if indexed {
		hits = make([]hit, 0, len(cand))
		for _, i := range cand {
			keep(int(i), t.order[i])
		}
	} else {
		hits = make([]hit, 0, len(t.order))
		for i, p := range t.order {
			keep(i, p)
		}
	}
	sign := 1
	if q.Desc {
		sign = -1 // ties then run newest first
	}
	lo, hi := pageBounds(q.Page, uiPageSize, len(hits))
	first := smallest(hits, hi, func(a, b hit) int { return sign * cmp.Or(less(a.p, b.p), cmp.Compare(a.pos, b.pos)) })
	page := make([]*projectRec, 0, hi-lo)
	for _, h := range first[lo:hi] {
		page = append(page, h.p)
	}
	return rowsOf(page), len(hits)
}

// smallest returns the k smallest elements of s by cmp, sorted; it may
// reorder s. For a page near the start it keeps a bounded max-heap
// (O(n log k)); for a deep page it sorts s.
func smallest[T any](s []T, k int, cmp func(a, b T) int) []T {
	if k >= len(s)/8 {
		slices.SortFunc(s, cmp)
		return s[:k]
	}
	h := make([]T, 0, k)
	down := func(i int) {
		for {
			l, big := 2*i+1, i
			if l < len(h) && cmp(h[l], h[big]) > 0 {
				big = l
			}
			if r := l + 1; r < len(h) && cmp(h[r], h[big]) > 0 {
				big = r
			}
			if big == i {
				return
			}
			h[i], h[big] = h[big], h[i]
			i = big
		}
	}
	for _, v := range s {
		switch {
		case len(h) < k:
			h = append(h, v)
			for i := len(h) - 1; i > 0 && cmp(h[i], h[(i-1)/2]) > 0; i = (i - 1) / 2 {
				h[i], h[(i-1)/2] = h[(i-1)/2], h[i]
			}
		case k > 0 && cmp(v, h[0]) < 0:
			h[0] = v
			down(0)
		}
	}
	slices.SortFunc(h, cmp)
	return h
}

// creationPage is projectPage for the unfiltered table in creation order:
// it counts live projects from the index and visits only the page's rows
// (skipping deleted ones as it goes).
func (t *tenantState) creationPage(q projectQuery) ([]projectRow, int) {
	total := t.liveProjects()
	lo, hi := pageBounds(q.Page, uiPageSize, total)
	rows := make([]*projectRec, 0, hi-lo)
	seen := 0
	visit := func(p *projectRec) bool {
		if p.deleted() {
			return true
		}
		if seen >= lo {
			rows = append(rows, p)
		}
		seen++
		return len(rows) < hi-lo
	}
	if q.Desc {
		for i := len(t.order) - 1; i >= 0 && visit(t.order[i]); i-- {
		}
	} else {
		for i := 0; i < len(t.order) && visit(t.order[i]); i++ {
		}
	}
	return rowsOf(rows), total
}

func rowsOf(ps []*projectRec) []projectRow {
	out := make([]projectRow, len(ps))
	for i, p := range ps {
		out[i] = projectRow{ProjectId: p.id.String(), Title: p.title, Status: p.statusOf().String(), Duration: p.duration,
			CreateTime: p.createTime(), ModifiedTime: p.modifiedTime()}
	}
	return out
}

// jobRow is one media-producing job in the jobs table, as of now.
type jobRow struct {
	Job
	MediaURL string
	// Progress is how far the job is from submission to its end on the
	// virtual clock, 0..100.
	Progress int
	Left     time.Duration // until DoneTime; 0 once done
}

// jobPage returns the page of tenant's jobs, newest first, as of now, and
// how many there are.
func (s *Server) jobPage(tenant string, page int) ([]jobRow, int) {
	s.settleJobs(tenant)
	now := s.clock.Now()
	st := s.store
	st.mu.RLock()
	defer st.mu.RUnlock()
	tp := st.productionRead(tenant)
	if tp == nil {
		return nil, 0
	}
	jobs := make([]*job, 0, len(tp.jobs))
	for _, j := range tp.jobs {
		jobs = append(jobs, j)
	}
	slices.SortFunc(jobs, func(a, b *job) int {
		return cmp.Or(b.created.Compare(a.created), strings.Compare(b.JobId, a.JobId))
	})
	lo, hi := pageBounds(page, uiPageSize, len(jobs))
	out := make([]jobRow, 0, hi-lo)
	for _, j := range jobs[lo:hi] {
		r := jobRow{Job: Job{JobId: j.JobId, ProjectId: j.ProjectId, MediaId: j.MediaId, Status: j.phaseAt(now),
			Duration: j.Duration, CreateTime: j.created, DoneTime: j.done}, MediaURL: j.MediaURL, Progress: 100}
		if r.Status == jobFailed {
			r.Code, r.Message = j.code, j.message
		}
		if now.Before(j.done) {
			r.Left = j.done.Sub(now)
			if span := j.done.Sub(j.created); span > 0 {
				r.Progress = int(100 * now.Sub(j.created) / span)
			}
		}
		out = append(out, r)
	}
	return out, len(jobs)
}

// projectJobID returns the id of tenant's latest job for project id, or "".
func (st *store) projectJobID(tenant, id string) string {
	st.mu.RLock()
	defer st.mu.RUnlock()
	if tp := st.productionRead(tenant); tp != nil {
		return tp.projectJob[id]
	}
	return ""
}

// journalStats returns how many calls the journal holds, how many it can
// hold and how many it dropped.
func (j *journal) stats() (held, capacity, dropped int) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.n, j.max, j.dropped
}

// templateCount returns how many templates are seeded.
func (st *store) templateCount() int {
	st.mu.RLock()
	defer st.mu.RUnlock()
	return len(st.templates)
}

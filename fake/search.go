package fake

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// listItem is a ProjectList item of ListEditingProjects (API reference: ListEditingProjects):
// Status as its name, no Duration, Timeline, TemplateId, ClipsParam or
// StatusName. Empty optional fields are omitted.
type listItem struct {
	ProjectId      string `json:"ProjectId"`
	Title          string `json:"Title"`
	Description    string `json:"Description,omitempty"`
	TemplateType   string `json:"TemplateType,omitempty"`
	CoverURL       string `json:"CoverURL,omitempty"`
	Status         string `json:"Status"`
	CreateSource   string `json:"CreateSource"`
	ModifiedSource string `json:"ModifiedSource"`
	CreateTime     string `json:"CreateTime"`
	ModifiedTime   string `json:"ModifiedTime"`
	ProjectType    string `json:"ProjectType"`
	BusinessConfig string `json:"BusinessConfig,omitempty"`
	BusinessStatus string `json:"BusinessStatus,omitempty"`
	// ErrorCode and ErrorMessage are set for ProduceFailed projects.
	ErrorCode    string `json:"ErrorCode,omitempty"`
	ErrorMessage string `json:"ErrorMessage,omitempty"`
}

func newListItem(r *projectRec) listItem {
	p := r.project()
	it := listItem{
		ProjectId:      p.ProjectId,
		Title:          p.Title,
		Description:    p.Description,
		TemplateType:   p.TemplateType,
		CoverURL:       p.CoverURL,
		Status:         p.Status.String(),
		CreateSource:   p.CreateSource,
		ModifiedSource: p.ModifiedSource,
		CreateTime:     wireTime(p.CreateTime),
		ModifiedTime:   wireTime(p.ModifiedTime),
		ProjectType:    p.ProjectType,
		BusinessConfig: p.BusinessConfig,
		BusinessStatus: p.BusinessStatus,
	}
	if p.Status == StatusProduceFailed {
		it.ErrorCode, it.ErrorMessage = p.ErrorCode, p.ErrorMessage
	}
	return it
}

// searchItem is a ProjectList item of SearchEditingProject (API reference: SearchEditingProject): List's fields plus Timeline and Duration, a number the v2.1.0 SDK
// reads as int64.
type searchItem struct {
	listItem
	Timeline string  `json:"Timeline,omitempty"`
	Duration float64 `json:"Duration"`
}

type searchResponse struct {
	meta
	TotalCount  int          `json:"TotalCount"`
	MaxResults  int          `json:"MaxResults"`
	NextToken   string       `json:"NextToken,omitempty"`
	ProjectList []searchItem `json:"ProjectList"`
}

// searchEditingProject answers one page of the tenant's live projects
// matching the filters (ICE API reference: SearchEditingProject, docs/fidelity.md "Lifecycle"): offset paging by PageNo and
// PageSize, TotalCount always, NextToken the next PageNo ("" on the last
// page). The page costs O(blocks + page), not O(projects) (project_index.go).
func (s *Server) searchEditingProject(c *call) (response, error) {
	s.settleJobs(c.Tenant) // finished jobs' projects read Produced/ProduceFailed
	f, err := parseProjectFilter(c)
	if err != nil {
		return nil, err
	}
	desc, err := parseSortBy(c)
	if err != nil {
		return nil, err
	}
	pageNo, err := intParam(c, "PageNo", 1, 1, math.MaxInt)
	if err != nil {
		return nil, err
	}
	pageSize, err := intParam(c, "PageSize", 10, 1, 100)
	if err != nil {
		return nil, err
	}
	res := &searchResponse{MaxResults: pageSize, ProjectList: []searchItem{}}
	s.store.withProjectSeq(c.Tenant, func(sq *projectSeq) {
		lo, hi := sq.timeRange(&f)
		total := sq.count(lo, hi, &f)
		skip := total
		if pageNo-1 < total/pageSize+1 {
			skip = min(total, (pageNo-1)*pageSize)
		}
		sq.walk(lo, hi, desc, &f, skip, func(p *projectRec) bool {
			res.ProjectList = append(res.ProjectList, searchItem{listItem: newListItem(p), Timeline: p.timeline, Duration: p.duration})
			return len(res.ProjectList) < pageSize
		})
		res.TotalCount = total
		if skip+len(res.ProjectList) < total {
			res.NextToken = strconv.Itoa(pageNo + 1)
		}
	})
	return res, nil
}

// parseProjectFilter reads the filters Search and List share (StartTime,
// EndTime, Status, CreateSource, TemplateType, ProjectType). Validation has
// checked their form; the time values are checked for being real times here.
func parseProjectFilter(c *call) (projectFilter, error) {
	f := projectFilter{
		from:         allTimeFrom,
		to:           allTimeTo,
		createSource: c.Params.Get("CreateSource"),
		templateType: c.Params.Get("TemplateType"),
		projectType:  c.Params.Get("ProjectType"),
	}
	for _, b := range []struct {
		name string
		into *int64
	}{{"StartTime", &f.from}, {"EndTime", &f.to}} {
		v := c.Params.Get(b.name)
		if v == "" {
			continue
		}
		t, err := time.Parse(wireTimeLayout, v)
		if err != nil {
			return f, invalidParameter(b.name, "Must be a UTC time formatted yyyy-MM-ddTHH:mm:ssZ, e.g. 2024-01-01T00:00:00Z.")
		}
		*b.into = t.Unix()
	}
	if v := c.Params.Get("Status"); v != "" {
		for _, name := range strings.Split(v, ",") {
			st, ok := statusByName[strings.TrimSpace(name)]
			if !ok {
				return f, invalidParameter("Status", "%q is not a project status.", strings.TrimSpace(name))
			}
			f.statuses |= 1 << uint(st)
		}
	}
	return f, nil
}

// wireTimeLayout is the layout of every time icefake reads or writes.
const wireTimeLayout = "2006-01-02T15:04:05Z"

var statusByName = map[string]ProjectStatus{
	"Draft": StatusDraft, "Editing": StatusEditing, "Producing": StatusProducing,
	"Produced": StatusProduced, "ProduceFailed": StatusProduceFailed, "Deleted": StatusDeleted,
}

// parseSortBy reports whether SortBy asks for newest first (the default).
func parseSortBy(c *call) (desc bool, err error) {
	switch v := c.Params.Get("SortBy"); v {
	case "", "CreationTime:Desc":
		return true, nil
	case "CreationTime:Asc":
		return false, nil
	default:
		return false, invalidParameter("SortBy", "Must be CreationTime:Desc or CreationTime:Asc.")
	}
}

// intParam reads an integer parameter, def when absent, that must lie in
// [lo, hi] (validation has checked it already; this guards direct calls).
func intParam(c *call, name string, def, lo, hi int) (int, error) {
	v := c.Params.Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < int64(lo) || n > int64(hi) {
		return 0, invalidParameter(name, "Must be an integer from %d to %d.", lo, hi)
	}
	return int(n), nil
}

package fake

import (
	"fmt"
	"slices"
	"strconv"
	"testing"
	"time"
)

// lcSeed stores n projects for the default tenant straight into the store,
// created a minute apart from DefaultStartTime (unless mod changes that),
// and returns them in creation order.
func lcSeed(t *testing.T, s *Server, n int, mod func(i int, p *Project)) []*Project {
	t.Helper()
	out := make([]*Project, 0, n)
	for i := range n {
		at := DefaultStartTime.Add(time.Duration(i) * time.Minute)
		p := &Project{
			ProjectId: s.ids.resourceID(), Title: fmt.Sprintf("Project %03d", i),
			Status: StatusDraft, CreateSource: "OpenAPI", ModifiedSource: "OpenAPI",
			CreateTime: at, ModifiedTime: at, ProjectType: "EditingProject",
		}
		if mod != nil {
			mod(i, p)
		}
		s.store.insertProject(DefaultAccessKeyId, p)
		out = append(out, p)
	}
	return out
}

// lcVariety makes the seeded projects differ in every filtered field.
func lcVariety(i int, p *Project) {
	p.Status = []ProjectStatus{StatusDraft, StatusEditing, StatusProducing, StatusProduced, StatusProduceFailed}[i%5]
	if p.Status == StatusProduceFailed {
		p.ErrorCode, p.ErrorMessage = "InvalidParameter", "bad clip"
	}
	if i%3 == 1 {
		p.CreateSource, p.ModifiedSource = "WebSDK", "WebSDK"
	}
	switch i % 4 {
	case 1:
		p.TemplateId, p.TemplateType, p.ClipsParam = "tpl", "Timeline", "{}"
	case 2:
		p.TemplateId, p.TemplateType, p.ClipsParam = "ve", "VETemplate", "{}"
	}
	if i%7 == 3 {
		p.ProjectType, p.CreateSource, p.ModifiedSource = "LiveEditingProject", "LiveEditingOpenAPI", "LiveEditingOpenAPI"
		p.BusinessStatus, p.BusinessConfig = "Reserving", lcLive
	}
	if i%11 == 5 {
		p.Status = StatusDeleted
	}
}

// lcExpect returns the IDs of the live projects keep accepts, in Search
// order.
func lcExpect(ps []*Project, desc bool, keep func(p *Project) bool) []string {
	var out []string
	for _, p := range ps {
		if p.Status != StatusDeleted && keep(p) {
			out = append(out, p.ProjectId)
		}
	}
	if desc {
		slices.Reverse(out)
	}
	return out
}

func TestSearchEditingProjectFilters(t *testing.T) {
	s := newTestServer(t)
	ps := lcSeed(t, s, 60, lcVariety)
	at := func(min int) string { return wireTime(DefaultStartTime.Add(time.Duration(min) * time.Minute)) }
	in := func(min int) time.Time { return DefaultStartTime.Add(time.Duration(min) * time.Minute) }
	tests := []struct {
		name   string
		params map[string]string
		desc   bool
		keep   func(p *Project) bool
	}{
		{"everything", map[string]string{"PageSize": "100"}, true, func(*Project) bool { return true }},
		{"ascending", map[string]string{"PageSize": "100", "SortBy": "CreationTime:Asc"}, false, func(*Project) bool { return true }},
		{"status list", map[string]string{"PageSize": "100", "Status": "Produced, ProduceFailed"}, true, func(p *Project) bool {
			return p.Status == StatusProduced || p.Status == StatusProduceFailed
		}},
		{"status deleted matches nothing", map[string]string{"Status": "Deleted"}, true, func(*Project) bool { return false }},
		{"create source", map[string]string{"PageSize": "100", "CreateSource": "WebSDK"}, true, func(p *Project) bool { return p.CreateSource == "WebSDK" }},
		{"no template", map[string]string{"PageSize": "100", "TemplateType": "None"}, true, func(p *Project) bool { return p.TemplateId == "" }},
		{"timeline template", map[string]string{"PageSize": "100", "TemplateType": "Timeline"}, true, func(p *Project) bool { return p.TemplateType == "Timeline" }},
		{"advanced template", map[string]string{"PageSize": "100", "TemplateType": "VETemplate"}, true, func(p *Project) bool { return p.TemplateType == "VETemplate" }},
		{"live", map[string]string{"PageSize": "100", "ProjectType": "LiveEditingProject"}, true, func(p *Project) bool { return p.ProjectType == "LiveEditingProject" }},
		{"time range inclusive", map[string]string{"PageSize": "100", "StartTime": at(10), "EndTime": at(20)}, true, func(p *Project) bool {
			return !p.CreateTime.Before(in(10)) && !p.CreateTime.After(in(20))
		}},
		{"start only", map[string]string{"PageSize": "100", "StartTime": at(50), "SortBy": "CreationTime:Asc"}, false, func(p *Project) bool { return !p.CreateTime.Before(in(50)) }},
		{"end only", map[string]string{"PageSize": "100", "EndTime": at(5)}, true, func(p *Project) bool { return !p.CreateTime.After(in(5)) }},
		{"start after end", map[string]string{"StartTime": at(20), "EndTime": at(10)}, true, func(*Project) bool { return false }},
		{"combined", map[string]string{"PageSize": "100", "Status": "Draft,Editing", "TemplateType": "None", "EndTime": at(40)}, true, func(p *Project) bool {
			return (p.Status == StatusDraft || p.Status == StatusEditing) && p.TemplateId == "" && !p.CreateTime.After(in(40))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := lcOK(t, s, "SearchEditingProject", tt.params)
			want := lcExpect(ps, tt.desc, tt.keep)
			size := 10
			if v := tt.params["PageSize"]; v != "" {
				size, _ = strconv.Atoi(v)
			}
			if got := lcIDs(t, body); !slices.Equal(got, want[:min(size, len(want))]) {
				t.Errorf("ProjectList = %v, want %v", got, want)
			}
			if got := body["TotalCount"]; got != float64(len(want)) {
				t.Errorf("TotalCount = %v, want %d", got, len(want))
			}
			if got := body["MaxResults"]; got != float64(size) {
				t.Errorf("MaxResults = %v, want %d", got, size)
			}
		})
	}
}

func TestSearchEditingProjectPaging(t *testing.T) {
	s := newTestServer(t)
	ps := lcSeed(t, s, 25, nil)
	all := lcExpect(ps, true, func(*Project) bool { return true })
	tests := []struct {
		name          string
		pageNo        string
		pageSize      string
		wantFrom      int
		wantTo        int
		wantNextToken any
		wantMax       float64
	}{
		{"defaults", "", "", 0, 10, "2", 10},
		{"second page", "2", "", 10, 20, "3", 10},
		{"last page", "3", "", 20, 25, nil, 10},
		{"past the end", "4", "", 25, 25, nil, 10},
		{"far past the end", "9223372036854775807", "100", 25, 25, nil, 100},
		{"page size 1", "25", "1", 24, 25, nil, 1},
		{"page size 7", "2", "7", 7, 14, "3", 7},
		{"page size 100", "1", "100", 0, 25, nil, 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			params := map[string]string{}
			if tt.pageNo != "" {
				params["PageNo"] = tt.pageNo
			}
			if tt.pageSize != "" {
				params["PageSize"] = tt.pageSize
			}
			body := lcOK(t, s, "SearchEditingProject", params)
			if got, want := lcIDs(t, body), all[tt.wantFrom:tt.wantTo]; !slices.Equal(got, want) {
				t.Errorf("ProjectList = %v, want %v", got, want)
			}
			if got := body["NextToken"]; got != tt.wantNextToken {
				t.Errorf("NextToken = %#v, want %#v", got, tt.wantNextToken)
			}
			if got := body["TotalCount"]; got != float64(25) {
				t.Errorf("TotalCount = %v, want 25", got)
			}
			if got := body["MaxResults"]; got != tt.wantMax {
				t.Errorf("MaxResults = %v, want %v", got, tt.wantMax)
			}
		})
	}
}

func TestSearchEditingProjectItem(t *testing.T) {
	s := newTestServer(t, WithMedia(Media{MediaId: lcMediaID, Duration: 12.5}))
	failed := lcSeed(t, s, 1, func(_ int, p *Project) {
		p.Title, p.Description, p.CoverURL = "T", "D", "https://x/c.png"
		p.Timeline, p.Duration = lcTL, 16.5
		p.TemplateId, p.TemplateType, p.ClipsParam = "tpl", "Timeline", `{"a":1}`
		p.Status, p.ErrorCode, p.ErrorMessage = StatusProduceFailed, "InvalidParameter", "bad clip"
		p.ProjectType, p.CreateSource, p.ModifiedSource = "LiveEditingProject", "LiveEditingOpenAPI", "WebSDK"
		p.BusinessStatus, p.BusinessConfig = "Reserving", lcLive
		p.ModifiedTime = p.CreateTime.Add(90 * time.Second)
	})[0]
	body := lcOK(t, s, "SearchEditingProject", nil)
	want := map[string]any{
		"ProjectId": failed.ProjectId, "Title": "T", "Description": "D", "CoverURL": "https://x/c.png",
		"Timeline": lcTL, "Duration": 16.5, "TemplateType": "Timeline",
		"Status": "ProduceFailed", "ErrorCode": "InvalidParameter", "ErrorMessage": "bad clip",
		"ProjectType": "LiveEditingProject", "CreateSource": "LiveEditingOpenAPI", "ModifiedSource": "WebSDK",
		"BusinessStatus": "Reserving", "BusinessConfig": lcLive,
		"CreateTime": "2024-01-01T00:00:00Z", "ModifiedTime": "2024-01-01T00:01:30Z",
	}
	if got := body["ProjectList"].([]any)[0]; lcJSON(got) != lcJSON(want) {
		t.Errorf("Search item = %s, want %s", lcJSON(got), lcJSON(want))
	}
	// ErrorCode/ErrorMessage are reported only for ProduceFailed.
	if err := s.store.updateProject(DefaultAccessKeyId, failed.ProjectId, func(p *Project) error { p.Status = StatusProduced; return nil }); err != nil {
		t.Fatal(err)
	}
	item := lcOK(t, s, "SearchEditingProject", nil)["ProjectList"].([]any)[0].(map[string]any)
	if _, ok := item["ErrorCode"]; ok || item["Status"] != "Produced" {
		t.Errorf("Produced item = %v, want Status Produced without ErrorCode", item)
	}
	// A project made through the API lists the same fields Get shows, but
	// for Get's TemplateId and ClipsParam.
	id := lcCreate(t, s, map[string]string{"Title": "api", "Timeline": lcTL})
	got := lcOK(t, s, "SearchEditingProject", map[string]string{"PageSize": "1"})["ProjectList"].([]any)[0]
	if lcJSON(got) != lcJSON(lcGet(t, s, id)) {
		t.Errorf("Search item = %s, want Get's %s", lcJSON(got), lcJSON(lcGet(t, s, id)))
	}
}

func TestSearchEditingProjectEmpty(t *testing.T) {
	s := newTestServer(t)
	body := lcOK(t, s, "SearchEditingProject", nil)
	want := map[string]any{"RequestId": body["RequestId"], "TotalCount": 0.0, "MaxResults": 10.0, "ProjectList": []any{}}
	if lcJSON(body) != lcJSON(want) {
		t.Errorf("Search on no projects = %s, want %s", lcJSON(body), lcJSON(want))
	}
}

func TestSearchEditingProjectErrors(t *testing.T) {
	tests := []struct {
		name      string
		params    map[string]string
		wantParam string
	}{
		{"page size 0", map[string]string{"PageSize": "0"}, "PageSize"},
		{"page size 101", map[string]string{"PageSize": "101"}, "PageSize"},
		{"page size not a number", map[string]string{"PageSize": "ten"}, "PageSize"},
		{"page size fraction", map[string]string{"PageSize": "1.5"}, "PageSize"},
		{"page no 0", map[string]string{"PageNo": "0"}, "PageNo"},
		{"page no negative", map[string]string{"PageNo": "-1"}, "PageNo"},
		{"sort by", map[string]string{"SortBy": "CreationTime"}, "SortBy"},
		{"sort by modified time", map[string]string{"SortBy": "ModifiedTime:Desc"}, "SortBy"},
		{"start time layout", map[string]string{"StartTime": "2024-01-01 00:00:00"}, "StartTime"},
		{"start time zone", map[string]string{"StartTime": "2024-01-01T00:00:00+08:00"}, "StartTime"},
		{"end time not a date", map[string]string{"EndTime": "2024-13-45T00:00:00Z"}, "EndTime"},
		{"status unknown", map[string]string{"Status": "Finished"}, "Status"},
		{"status trailing comma", map[string]string{"Status": "Draft,"}, "Status"},
		{"create source", map[string]string{"CreateSource": "Console"}, "CreateSource"},
		{"template type", map[string]string{"TemplateType": "none"}, "TemplateType"},
		{"project type", map[string]string{"ProjectType": "Live"}, "ProjectType"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t)
			status, body := rpc(t, s, "SearchEditingProject", tt.params)
			requireError(t, status, body, 400, "InvalidParameter", `"`+tt.wantParam+`"`)
		})
	}
}

// TestSearchFollowsProduction: Search and List see the statuses media
// production gives projects, and the failed job's error.
func TestSearchFollowsProduction(t *testing.T) {
	s := lcServer(t)
	good := lcCreate(t, s, map[string]string{"Timeline": lcTL})
	bad := lcCreate(t, s, map[string]string{"Timeline": `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"unknownmedia"}]}]}`})
	for _, id := range []string{good, bad} {
		lcOK(t, s, "SubmitMediaProducingJob", map[string]string{
			"ProjectId": id, "OutputMediaConfig": `{"MediaURL":"https://b.oss-cn-shanghai.aliyuncs.com/` + id + `.mp4"}`,
		})
	}
	status := func(filter string) []string {
		return lcIDs(t, lcOK(t, s, "SearchEditingProject", map[string]string{"Status": filter, "SortBy": "CreationTime:Asc"}))
	}
	if got := status("Producing"); !slices.Equal(got, []string{good, bad}) {
		t.Errorf("Producing = %v, want [%s %s]", got, good, bad)
	}
	s.Advance(24 * time.Hour)
	if got := status("Produced"); !slices.Equal(got, []string{good}) {
		t.Errorf("Produced = %v, want [%s]", got, good)
	}
	if got := lcIDs(t, lcOK(t, s, "ListEditingProjects", map[string]string{"Status": "ProduceFailed"})); !slices.Equal(got, []string{bad}) {
		t.Errorf("List ProduceFailed = %v, want [%s]", got, bad)
	}
	item := lcOK(t, s, "SearchEditingProject", map[string]string{"Status": "ProduceFailed"})["ProjectList"].([]any)[0].(map[string]any)
	if item["ErrorCode"] == nil || item["ErrorMessage"] == nil {
		t.Errorf("ProduceFailed item = %v, want ErrorCode and ErrorMessage", item)
	}
	checkIndex(t, s)
}

package fake

import (
	"encoding/base64"
	"slices"
	"strings"
	"testing"
	"time"
)

// lcListAll pages through ListEditingProjects with params and returns every
// ProjectId in order, checking each page's shape.
func lcListAll(t *testing.T, s *Server, params map[string]string) []string {
	t.Helper()
	var all []string
	p := map[string]string{}
	for k, v := range params {
		p[k] = v
	}
	for range 1000 {
		body := lcOK(t, s, "ListEditingProjects", p)
		if _, ok := body["TotalCount"]; ok {
			t.Errorf("List body has TotalCount: %v", body)
		}
		ids := lcIDs(t, body)
		all = append(all, ids...)
		tok, _ := body["NextToken"].(string)
		if tok == "" {
			if _, present := body["NextToken"]; present {
				t.Errorf("last page NextToken = %#v, want it omitted", body["NextToken"])
			}
			return all
		}
		if len(ids) == 0 {
			t.Fatalf("an empty page has NextToken %q", tok)
		}
		p["NextToken"] = tok
	}
	t.Fatal("ListEditingProjects paged 1000 times")
	return nil
}

func TestListEditingProjectsFilters(t *testing.T) {
	s := newTestServer(t)
	ps := lcSeed(t, s, 70, func(i int, p *Project) {
		lcVariety(i, p)
		if i%6 == 0 {
			p.Title = "Holiday TRIP " + p.Title
		}
	})
	at := func(min int) string { return wireTime(DefaultStartTime.Add(time.Duration(min) * time.Minute)) }
	tests := []struct {
		name   string
		params map[string]string
		desc   bool
		keep   func(p *Project) bool
	}{
		{"everything", nil, true, func(*Project) bool { return true }},
		{"ascending by 3", map[string]string{"MaxResults": "3", "SortBy": "CreationTime:Asc"}, false, func(*Project) bool { return true }},
		{"status", map[string]string{"MaxResults": "4", "Status": "Producing"}, true, func(p *Project) bool { return p.Status == StatusProducing }},
		{"keyword in title, any case", map[string]string{"MaxResults": "2", "Keyword": "trip"}, true, func(p *Project) bool {
			return strings.Contains(p.Title, "TRIP")
		}},
		{"keyword is a project ID", map[string]string{"Keyword": ps[33].ProjectId}, true, func(p *Project) bool { return p == ps[33] }},
		{"keyword and status", map[string]string{"MaxResults": "1", "Keyword": "holiday", "Status": "Draft,Editing"}, true, func(p *Project) bool {
			return strings.Contains(p.Title, "Holiday") && (p.Status == StatusDraft || p.Status == StatusEditing)
		}},
		{"time range", map[string]string{"MaxResults": "5", "StartTime": at(12), "EndTime": at(40), "SortBy": "CreationTime:Asc"}, false, func(p *Project) bool {
			m := int(p.CreateTime.Sub(DefaultStartTime) / time.Minute)
			return m >= 12 && m <= 40
		}},
		{"template none, live", map[string]string{"TemplateType": "None", "ProjectType": "LiveEditingProject", "CreateSource": "LiveEditingOpenAPI"}, true, func(p *Project) bool {
			return p.TemplateId == "" && p.ProjectType == "LiveEditingProject"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lcListAll(t, s, tt.params)
			if want := lcExpect(ps, tt.desc, tt.keep); !slices.Equal(got, want) {
				t.Errorf("listed %v, want %v", got, want)
			}
		})
	}
}

func TestListEditingProjectsPage(t *testing.T) {
	s := newTestServer(t)
	ps := lcSeed(t, s, 12, nil)
	body := lcOK(t, s, "ListEditingProjects", map[string]string{"MaxResults": "5"})
	if got, want := lcIDs(t, body), lcExpect(ps, true, func(*Project) bool { return true })[:5]; !slices.Equal(got, want) {
		t.Errorf("first page = %v, want %v", got, want)
	}
	if body["MaxResults"] != 5.0 {
		t.Errorf("MaxResults = %v, want 5", body["MaxResults"])
	}
	tok, _ := body["NextToken"].(string)
	if raw, err := base64.StdEncoding.DecodeString(tok); err != nil || len(raw) != listTokenLen {
		t.Errorf("NextToken = %q, want base64 of %d bytes", tok, listTokenLen)
	}
	item := body["ProjectList"].([]any)[0].(map[string]any)
	p := ps[11]
	want := map[string]any{
		"ProjectId": p.ProjectId, "Title": p.Title, "Status": "Draft", "CreateSource": "OpenAPI", "ModifiedSource": "OpenAPI",
		"CreateTime": wireTime(p.CreateTime), "ModifiedTime": wireTime(p.ModifiedTime), "ProjectType": "EditingProject",
	}
	if lcJSON(item) != lcJSON(want) {
		t.Errorf("List item = %s, want %s", lcJSON(item), lcJSON(want))
	}
	// The page size may change between pages.
	body = lcOK(t, s, "ListEditingProjects", map[string]string{"MaxResults": "100", "NextToken": tok})
	if got, want := lcIDs(t, body), lcExpect(ps, true, func(*Project) bool { return true })[5:]; !slices.Equal(got, want) {
		t.Errorf("second page = %v, want %v", got, want)
	}
	if body["MaxResults"] != 100.0 || body["NextToken"] != nil {
		t.Errorf("second page MaxResults %v NextToken %v, want 100 and none", body["MaxResults"], body["NextToken"])
	}
}

// TestListEditingProjectsStable: projects created or deleted between pages
// neither repeat nor hide the others.
func TestListEditingProjectsStable(t *testing.T) {
	for _, order := range []string{"CreationTime:Desc", "CreationTime:Asc"} {
		t.Run(order, func(t *testing.T) {
			s := newTestServer(t) // frozen clock: every project is created in the same second
			for range 9 {
				lcCreate(t, s, map[string]string{})
			}
			before := lcListAll(t, s, map[string]string{"SortBy": order})
			body := lcOK(t, s, "ListEditingProjects", map[string]string{"SortBy": order, "MaxResults": "4"})
			seen := lcIDs(t, body)
			var added []string
			for range 3 {
				added = append(added, lcCreate(t, s, map[string]string{}))
			}
			lcOK(t, s, "DeleteEditingProjects", map[string]string{"ProjectIds": before[5]})
			rest := lcListAll(t, s, map[string]string{"SortBy": order, "MaxResults": "4", "NextToken": body["NextToken"].(string)})
			want := slices.Concat(before[4:5], before[6:])
			if order == "CreationTime:Asc" {
				want = append(want, added...)
			}
			if !slices.Equal(rest, want) {
				t.Errorf("after %v, the rest = %v, want %v", seen, rest, want)
			}
		})
	}
}

func TestListEditingProjectsTokenErrors(t *testing.T) {
	s := newTestServer(t)
	lcSeed(t, s, 5, nil)
	first := map[string]string{"MaxResults": "2", "Status": "Draft", "Keyword": "Project"}
	tok := lcOK(t, s, "ListEditingProjects", first)["NextToken"].(string)
	// The same filters, written differently, still fit the token.
	lcOK(t, s, "ListEditingProjects", map[string]string{"Status": " Draft ", "Keyword": "PROJECT", "SortBy": "CreationTime:Desc", "NextToken": tok})

	tests := []struct {
		name   string
		params map[string]string
	}{
		{"other status", map[string]string{"Status": "Editing"}},
		{"no status", map[string]string{"Keyword": "Project"}},
		{"other keyword", map[string]string{"Status": "Draft", "Keyword": "Proj"}},
		{"other order", map[string]string{"Status": "Draft", "Keyword": "Project", "SortBy": "CreationTime:Asc"}},
		{"start time", map[string]string{"Status": "Draft", "Keyword": "Project", "StartTime": "2020-01-01T00:00:00Z"}},
		{"project type", map[string]string{"Status": "Draft", "Keyword": "Project", "ProjectType": "EditingProject"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.params["NextToken"] = tok
			status, body := rpc(t, s, "ListEditingProjects", tt.params)
			requireError(t, status, body, 400, "InvalidParameter", `"NextToken"`, "other filters")
		})
	}
	t.Run("other tenant", func(t *testing.T) {
		c := &call{Tenant: "someone-else", Params: map[string][]string{"Status": {"Draft"}, "Keyword": {"Project"}, "NextToken": {tok}}}
		_, err := s.listEditingProjects(c)
		if CodeOf(err) != CodeInvalidParameter {
			t.Errorf("another tenant's use of the token: error %v, want InvalidParameter", err)
		}
	})
	for _, bad := range []string{"abc", "!!!!", base64.StdEncoding.EncodeToString([]byte("short")), tok + "AAAA"} {
		t.Run("malformed "+bad, func(t *testing.T) {
			status, body := rpc(t, s, "ListEditingProjects", map[string]string{"NextToken": bad})
			requireError(t, status, body, 400, "InvalidParameter", `"NextToken"`, "malformed")
		})
	}
}

func TestListEditingProjectsErrors(t *testing.T) {
	tests := []struct {
		name      string
		params    map[string]string
		wantParam string
	}{
		{"max results 0", map[string]string{"MaxResults": "0"}, "MaxResults"},
		{"max results 101", map[string]string{"MaxResults": "101"}, "MaxResults"},
		{"max results text", map[string]string{"MaxResults": "many"}, "MaxResults"},
		{"sort by", map[string]string{"SortBy": "CreationTime:desc"}, "SortBy"},
		{"start time", map[string]string{"StartTime": "yesterday"}, "StartTime"},
		{"status", map[string]string{"Status": "Draft;Editing"}, "Status"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t)
			status, body := rpc(t, s, "ListEditingProjects", tt.params)
			requireError(t, status, body, 400, "InvalidParameter", `"`+tt.wantParam+`"`)
		})
	}
}

func TestListTokenExpiresOnVirtualClock(t *testing.T) {
	for _, tt := range []struct {
		name     string
		opts     []Option
		advance  time.Duration
		wantCode string
	}{
		{"within the TTL", nil, time.Hour, ""},
		{"past the default TTL", nil, time.Hour + time.Second, "InvalidParameter"},
		{"TTL 0 never expires", []Option{WithPageTokenTTL(0)}, 1000 * time.Hour, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t, tt.opts...)
			for i := 0; i < 3; i++ {
				rpc(t, s, "CreateEditingProject", map[string]string{"Title": "t"})
			}
			_, body := rpc(t, s, "ListEditingProjects", map[string]string{"MaxResults": "2"})
			tok, _ := body["NextToken"].(string)
			if tok == "" {
				t.Fatalf("first page has no NextToken: %v", body)
			}
			s.Advance(tt.advance)
			status, body := rpc(t, s, "ListEditingProjects", map[string]string{"MaxResults": "2", "NextToken": tok})
			if tt.wantCode == "" {
				if status != 200 {
					t.Fatalf("status = %d, want 200: %v", status, body)
				}
				return
			}
			requireError(t, status, body, 400, tt.wantCode, "NextToken", "has expired")
		})
	}
}

func TestListTokenTamperingIsRefused(t *testing.T) {
	s := newTestServer(t)
	for i := 0; i < 3; i++ {
		rpc(t, s, "CreateEditingProject", map[string]string{"Title": "t"})
	}
	_, body := rpc(t, s, "ListEditingProjects", map[string]string{"MaxResults": "1"})
	raw, err := base64.StdEncoding.DecodeString(body["NextToken"].(string))
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, 5, 15, 20, listTokenLen - 1} {
		edited := append([]byte(nil), raw...)
		edited[i] ^= 0x01
		status, b := rpc(t, s, "ListEditingProjects", map[string]string{"MaxResults": "1", "NextToken": base64.StdEncoding.EncodeToString(edited)})
		requireError(t, status, b, 400, "InvalidParameter", "NextToken", "malformed")
	}
}

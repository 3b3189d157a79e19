package fake

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

// FuzzLifecycle sends arbitrary parameters to the lifecycle Actions (with
// signatures off, so the handlers are reached) over a few seeded projects:
// never a panic, never a 500 (the response self-check is on), only 200, 400
// or 404.
// Run: go test -run '^$' -fuzz=FuzzLifecycle -fuzztime=30s ./fake
func FuzzLifecycle(f *testing.F) {
	actions := []string{
		"UpdateEditingProject", "DeleteEditingProjects", "SearchEditingProject", "ListEditingProjects",
		"AddEditingProjectMaterials", "GetEditingProjectMaterials", "DeleteEditingProjectMaterials",
	}
	f.Add(uint8(0), "ProjectId=P&Title=x&Timeline=%7B%7D")
	f.Add(uint8(1), "ProjectIds=P,%20,x")
	f.Add(uint8(2), "PageNo=9223372036854775807&PageSize=100&Status=Draft,Editing&StartTime=2024-01-01T00:00:00Z")
	f.Add(uint8(3), "NextToken=AAAAAAAAAAAAAAAAAAAAAA%3D%3D&MaxResults=1&Keyword=%C3%9C")
	f.Add(uint8(4), "ProjectId=P&MaterialMaps=%7B%22liveStream%22%3A%22%5B%7B%7D%5D%22%7D")
	f.Add(uint8(5), "ProjectId=P")
	f.Add(uint8(6), "ProjectId=P&MaterialIds=a,b&MaterialType=video")
	s, err := New(WithStartTime(DefaultStartTime), WithSeed(1), WithAuthMode(AuthOff), WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err != nil {
		f.Fatal(err)
	}
	for i := range 30 {
		p := map[string]string{"Title": "f"}
		if i%2 == 0 {
			p["MaterialMaps"] = `{"video":"a,b","liveStream":"[{\"appName\":\"x\"}]","editingProject":"c"}`
		}
		lcCreate2(f, s, p)
	}
	id := s.Projects(DefaultAccessKeyId)[0].ProjectId
	f.Fuzz(func(t *testing.T, which uint8, query string) {
		q, err := url.ParseQuery(query)
		if err != nil {
			return
		}
		for k, vs := range q {
			for i, v := range vs {
				if v == "P" {
					q[k][i] = id
				}
			}
		}
		q.Set("Action", actions[int(which)%len(actions)])
		q.Set("Version", "2020-11-09")
		q.Set("AccessKeyId", DefaultAccessKeyId)
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/?"+q.Encode(), nil))
		switch rec.Code {
		case 200, 400, 404:
		default:
			t.Fatalf("%s: status %d: %s", q.Encode(), rec.Code, rec.Body)
		}
	})
}

// lcCreate2 is lcCreate for a testing.TB.
func lcCreate2(tb testing.TB, s *Server, params map[string]string) {
	tb.Helper()
	q := url.Values{"Action": {"CreateEditingProject"}, "Version": {"2020-11-09"}, "AccessKeyId": {DefaultAccessKeyId}}
	for k, v := range params {
		q.Set(k, v)
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/?"+q.Encode(), nil))
	if rec.Code != 200 {
		tb.Fatalf("CreateEditingProject: %d %s", rec.Code, rec.Body)
	}
}

package fake

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"gopkg.in/yaml.v3"

	"github.com/icefake/icefake/openapi"
)

func TestAdminDescriptions(t *testing.T) {
	s := newTestServer(t)
	tests := []struct {
		name      string
		target    string
		wantType  string
		wantBytes []byte // nil: check wantKey instead
		wantKey   string // a top-level key of the decoded document
	}{
		{name: "ICE spec as YAML", target: "/_icefake/openapi.yaml", wantType: "application/yaml", wantBytes: openapi.MergedBytes()},
		{name: "ICE spec as JSON", target: "/_icefake/openapi.json", wantType: "application/json", wantKey: "x-icefake-errors"},
		{name: "admin spec", target: "/_icefake/admin/openapi.yaml", wantType: "application/yaml", wantBytes: openapi.AdminBytes()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := adminCall(t, s, http.MethodGet, tt.target, "")
			if resp.status != http.StatusOK {
				t.Fatalf("status = %d, want 200; body %s", resp.status, resp.body)
			}
			if got := resp.header.Get("Content-Type"); got != tt.wantType {
				t.Errorf("Content-Type = %q, want %q", got, tt.wantType)
			}
			if tt.wantBytes != nil {
				if string(resp.body) != string(tt.wantBytes) {
					t.Errorf("body is not the embedded document (%d bytes, want %d)", len(resp.body), len(tt.wantBytes))
				}
				return
			}
			var doc map[string]any
			if err := yaml.Unmarshal(resp.body, &doc); err != nil { // JSON is YAML
				t.Fatalf("body does not decode: %v", err)
			}
			if doc["openapi"] != "3.0.3" || doc[tt.wantKey] == nil {
				t.Errorf("openapi = %v, %s present = %v; want 3.0.3 and present", doc["openapi"], tt.wantKey, doc[tt.wantKey] != nil)
			}
			// The merged spec: ice.yaml's Actions and every other Action
			// of the SDK's model.
			paths, _ := doc["paths"].(map[string]any)
			for _, p := range []string{"/CreateEditingProject", "/SubmitSnapshotJob", "/ListAllPublicMediaTags"} {
				if paths[p] == nil {
					t.Errorf("paths lack %s", p)
				}
			}
			if got, want := len(paths), len(iceSpec().KnownActions()); got != want {
				t.Errorf("paths = %d, want %d (every known Action)", got, want)
			}
		})
	}
}

func TestAdminIndexJSON(t *testing.T) {
	s := newTestServer(t)
	resp := adminCall(t, s, http.MethodGet, "/_icefake/", "")
	var idx adminIndex
	resp.into(t, &idx)
	if resp.status != http.StatusOK || idx.Service != "icefake" || idx.APIVersion != "2020-11-09" {
		t.Fatalf("index = %d %q %q, want 200 icefake 2020-11-09", resp.status, idx.Service, idx.APIVersion)
	}
	if got, want := len(idx.Endpoints), len(adminRoutes()); got != want {
		t.Errorf("endpoints = %d, want %d (every admin.yaml operation)", got, want)
	}
	want := indexEndpoint{Method: "POST", Path: "/_icefake/reset", OperationID: "Reset"}
	found := false
	for _, e := range idx.Endpoints {
		if e.Method == want.Method && e.Path == want.Path && e.OperationID == want.OperationID && e.Summary != "" {
			found = true
		}
	}
	if !found {
		t.Errorf("endpoints lack %+v with a summary", want)
	}
	if idx.Descriptions["ice"] != "/_icefake/openapi.yaml" || idx.Descriptions["admin"] != "/_icefake/admin/openapi.yaml" {
		t.Errorf("descriptions = %v", idx.Descriptions)
	}
	if got := strings.Join(idx.Actions, ","); !strings.Contains(got, "CreateEditingProject") {
		t.Errorf("actions = %s, want CreateEditingProject among them", got)
	}
}

// TestAdminIndexHTML: a browser gets a page linking every GET endpoint.
func TestAdminIndexHTML(t *testing.T) {
	s := newTestServer(t)
	req := httptest.NewRequest(http.MethodGet, "/_icefake/", nil)
	req.Host = "127.0.0.1:18930" // an address the admin API answers under
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("answer = %d %q, want 200 text/html", rec.Code, rec.Header().Get("Content-Type"))
	}
	doc, err := html.Parse(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	links, rows := 0, 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "a" {
			links++
		}
		if n.Type == html.ElementNode && n.Data == "tr" {
			rows++
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	gets := 0
	for _, rt := range adminRoutes() {
		if rt.method == http.MethodGet {
			gets++
		}
	}
	if want := len(adminRoutes()) + 1; rows != want {
		t.Errorf("table rows = %d, want %d (a header and one per endpoint)", rows, want)
	}
	if want := gets + 4; links != want {
		t.Errorf("links = %d, want %d (three descriptions, the dashboard and one per GET endpoint)", links, want)
	}
}

// TestAdminDescriptionsNeedToken: the descriptions are admin endpoints.
func TestAdminDescriptionsNeedToken(t *testing.T) {
	s := newTestServer(t, WithAdminToken("sekret"))
	for _, target := range []string{"/_icefake/", "/_icefake/openapi.yaml", "/_icefake/openapi.json", "/_icefake/admin/openapi.yaml"} {
		t.Run(target, func(t *testing.T) {
			wantAdminError(t, adminCall(t, s, http.MethodGet, target, ""), http.StatusUnauthorized, "Unauthorized")
			resp := adminCall(t, s, http.MethodGet, target, "", "Authorization", "Bearer sekret")
			if resp.status != http.StatusOK {
				t.Errorf("with the token: status = %d, want 200", resp.status)
			}
		})
	}
}

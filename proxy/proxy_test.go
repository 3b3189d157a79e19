package proxy

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

const timeline12s = `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"` + mediaID + `"}]}]}`

// injectDrift rewrites a correct upstream's answers in three ways: an extra
// field in GetEditingProject's Project, CreateEditingProject's Duration as a
// string, and ProjectNotFound renamed ProjectNotExist.
func injectDrift(action string, status int, body map[string]any) (int, any) {
	switch {
	case action == "GetEditingProject" && status == 200:
		body["Project"].(map[string]any)["Foo"] = "bar"
	case action == "CreateEditingProject" && status == 200:
		body["Project"].(map[string]any)["Duration"] = "12.5"
	case body["Code"] == "ProjectNotFound":
		body["Code"] = "ProjectNotExist"
	}
	return status, body
}

// TestProxyFindsInjectedDrift runs a session through the proxy in front of a
// second icefake with drift injected, and asserts the proxy reports exactly
// the injected drift, while the client gets the upstream's answers
// unchanged.
func TestProxyFindsInjectedDrift(t *testing.T) {
	up := httptest.NewServer(rewriter(newUpstream(t, ""), injectDrift))
	t.Cleanup(up.Close)
	p, base, report := startProxy(t, up.URL, Options{})
	client := &http.Client{}

	status, body := call(t, client, base, "CreateEditingProject", map[string]string{"Title": "t", "Timeline": timeline12s})
	if status != 200 || !strings.Contains(body, `"Duration":"12.5"`) {
		t.Errorf("Create through the proxy = %d %s, want the upstream's 200 with its string Duration", status, body)
	}
	status, body = call(t, client, base, "GetEditingProject", map[string]string{"ProjectId": projectID})
	if status != 200 || !strings.Contains(body, `"Foo":"bar"`) {
		t.Errorf("Get through the proxy = %d %s, want the upstream's 200 with Foo", status, body)
	}
	status, body = call(t, client, base, "GetEditingProject", map[string]string{"ProjectId": unknownID})
	if status != 404 || !strings.Contains(body, `"Code":"ProjectNotExist"`) {
		t.Errorf("Get unknown through the proxy = %d %s, want the upstream's 404 ProjectNotExist", status, body)
	}
	for _, c := range []struct{ action, k, v string }{
		{"SearchEditingProject", "PageSize", "5"}, {"GetMediaInfo", "MediaId", mediaID}, {"DeleteEditingProjects", "ProjectIds", unknownID},
	} {
		if status, body := call(t, client, base, c.action, map[string]string{c.k: c.v}); status != 200 {
			t.Errorf("%s = %d %s, want 200", c.action, status, body)
		}
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}

	calls := reportLines(t, report.String())
	if len(calls) != 7 { // six calls and the summary line
		t.Fatalf("report lines = %d, want 7:\n%s", len(calls), report.String())
	}
	got := map[string][]Finding{}
	for _, c := range calls[:6] {
		if len(c.Findings) > 0 {
			got[c.Action+" "+c.Params["ProjectId"]] = c.Findings
		}
	}
	want := map[string][]Finding{
		"CreateEditingProject ":          {{Rule: RuleWrongType, Path: "$.Project.Duration", Message: `Value must be a number, got string "12.5".`}},
		"GetEditingProject " + projectID: {{Rule: RuleUnknownField, Path: "$.Project.Foo", Message: "Field Foo is not in the spec's response schema."}},
		"GetEditingProject " + unknownID: {{Rule: RuleUndocumentedCode, Path: "$.Code", Message: `Code "ProjectNotExist" (HTTP 404) is not in the spec's error catalogue.`}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings:\ngot  %+v\nwant %+v", got, want)
	}
	wantSum := Summary{Calls: 6, CallsWithDrift: 3, ByRule: map[string]int{RuleWrongType: 1, RuleUnknownField: 1, RuleUndocumentedCode: 1}}
	if s := p.Summary(); !reflect.DeepEqual(s, wantSum) {
		t.Errorf("Summary = %+v, want %+v", s, wantSum)
	}
	if !strings.HasSuffix(report.String(), `{"summary":{"calls":6,"callsWithDrift":3,"byRule":{"response-unknown-field":1,"response-wrong-type":1,"undocumented-error-code":1}}}`+"\n") {
		t.Errorf("report does not end with the summary line:\n%s", report.String())
	}
	if j := p.Calls(); len(j) != 6 || j[0].Seq != 1 || j[5].Seq != 6 || j[1].Response == nil || j[3].Response != nil {
		t.Errorf("journal = %d calls (%+v), want 6 in order, the body kept only with findings", len(j), j)
	}
}

// TestProxyTLSUpstream forwards to an HTTPS upstream: the call reaches it
// with the upstream's Host, and a clean answer has no findings.
func TestProxyTLSUpstream(t *testing.T) {
	var gotHost string
	srv := newUpstream(t, "")
	up := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotHost = r.Host
		srv.ServeHTTP(w, r)
	}))
	t.Cleanup(up.Close)
	p, base, _ := startProxy(t, up.URL, Options{Client: up.Client()})
	status, body := call(t, &http.Client{}, base, "GetMediaInfo", map[string]string{"MediaId": mediaID})
	if status != 200 || !strings.Contains(body, `"MediaId":"`+mediaID+`"`) {
		t.Fatalf("GetMediaInfo over TLS = %d %s, want 200", status, body)
	}
	if want := strings.TrimPrefix(up.URL, "https://"); gotHost != want {
		t.Errorf("upstream saw Host %q, want %q", gotHost, want)
	}
	if c := p.Calls(); len(c) != 1 || len(c[0].Findings) != 0 || c[0].Status != 200 || c[0].Action != "GetMediaInfo" {
		t.Errorf("journal = %+v, want one clean GetMediaInfo", c)
	}
}

// TestProxyFindingClasses holds one case per finding class with its exact
// findings.
func TestProxyFindingClasses(t *testing.T) {
	same := func(_ string, status int, body map[string]any) (int, any) { return status, body }
	tests := []struct {
		name   string
		edit   func(string, int, map[string]any) (int, any)
		action string
		params map[string]string
		want   []Finding
	}{
		{name: "clean", edit: same, action: "GetEditingProject", params: map[string]string{"ProjectId": projectID}},
		{name: "unknown action", edit: same, action: "GetEditingProjectX",
			want: []Finding{{Rule: RuleUnknownAction, Path: "Action", Message: `Action "GetEditingProjectX" is not in the spec (openapi/ice.yaml).`}}},
		{name: "request parameters", edit: same, action: "CreateEditingProject", params: map[string]string{"Foo": "1", "TemplateType": "Bad"},
			want: []Finding{
				{Rule: RuleMissingParameter, Path: "Title", Message: "Required parameter Title is missing."},
				{Rule: RuleInvalidParameter, Path: "TemplateType", Message: `Value is not one of the allowed values ["Timeline","VETemplate"].`},
				{Rule: RuleUnknownParameter, Path: "Foo", Message: "Parameter Foo is not a parameter of CreateEditingProject in the spec."},
			}},
		{name: "missing field and invalid value", action: "GetEditingProject", params: map[string]string{"ProjectId": projectID},
			edit: func(_ string, status int, body map[string]any) (int, any) {
				p := body["Project"].(map[string]any)
				delete(p, "Title")
				p["Status"] = "Weird"
				return status, body
			},
			want: []Finding{
				{Rule: RuleInvalidValue, Path: "$.Project.Status", Message: `Value is not one of the allowed values ["Draft","Editing","Producing","Produced","ProduceFailed","Deleted"].`},
				{Rule: RuleMissingField, Path: "$.Project.Title", Message: "Required field Title is missing."},
			}},
		{name: "status mismatch", action: "GetEditingProject", params: map[string]string{"ProjectId": unknownID},
			edit: func(_ string, _ int, body map[string]any) (int, any) { return 400, body },
			want: []Finding{{Rule: RuleStatusMismatch, Path: "$", Message: "Code ProjectNotFound came with HTTP 400; the spec says 404."}}},
		{name: "code not listed for the Action", action: "GetEditingProject", params: map[string]string{"ProjectId": projectID},
			edit: func(_ string, _ int, body map[string]any) (int, any) {
				return 409, map[string]any{"RequestId": body["RequestId"], "HostId": "h", "Code": "IdempotentParameterMismatch", "Message": "m", "Recommend": "r"}
			},
			want: []Finding{
				{Rule: RuleUndocumentedCode, Path: "$.Code", Message: "Code \"IdempotentParameterMismatch\" is not listed among GetEditingProject's error codes in the spec."},
				{Rule: RuleStatusMismatch, Path: "$", Message: "Code IdempotentParameterMismatch came with HTTP 409; the spec says 400."},
			}},
		{name: "not JSON", action: "GetEditingProject", params: map[string]string{"ProjectId": projectID},
			edit: func(string, int, map[string]any) (int, any) { return 502, "<html>Bad Gateway</html>\n" },
			want: []Finding{{Rule: RuleNotJSON, Path: "$", Message: `The 502 answer is not JSON: "<html>Bad Gateway</html>".`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			up := httptest.NewServer(rewriter(newUpstream(t, ""), tt.edit))
			t.Cleanup(up.Close)
			p, base, _ := startProxy(t, up.URL, Options{})
			call(t, &http.Client{}, base, tt.action, tt.params)
			calls := p.Calls()
			if len(calls) != 1 {
				t.Fatalf("journal = %d calls, want 1", len(calls))
			}
			want := tt.want
			if want == nil {
				want = []Finding{}
			}
			if !reflect.DeepEqual(calls[0].Findings, want) {
				t.Errorf("findings:\ngot  %+v\nwant %+v", calls[0].Findings, want)
			}
		})
	}
}

// TestProxyOwnEndpoints: the journal and healthz are served, not forwarded.
func TestProxyOwnEndpoints(t *testing.T) {
	up := httptest.NewServer(newUpstream(t, ""))
	t.Cleanup(up.Close)
	_, base, _ := startProxy(t, up.URL, Options{JournalSize: 1})
	call(t, &http.Client{}, base, "GetMediaInfo", map[string]string{"MediaId": mediaID})
	call(t, &http.Client{}, base, "GetEditingProject", map[string]string{"ProjectId": projectID})
	tests := []struct {
		name, path string
		wantStatus int
		wantBody   string
	}{
		{name: "journal keeps the last call", path: "/_icefake/journal", wantStatus: 200, wantBody: `"seq":2,`},
		{name: "healthz", path: "/_icefake/healthz", wantStatus: 200, wantBody: `{"status":"ok"}`},
		{name: "anything else", path: "/_icefake/reset", wantStatus: 404, wantBody: `the proxy serves GET /_icefake/journal and /_icefake/healthz`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := http.Get(base + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.wantStatus || !strings.Contains(string(b), tt.wantBody) {
				t.Errorf("GET %s = %d %s, want %d containing %s", tt.path, resp.StatusCode, b, tt.wantStatus, tt.wantBody)
			}
			if tt.name == "journal keeps the last call" && strings.Contains(string(b), `"seq":1,`) {
				t.Errorf("journal of size 1 still has call 1: %s", b)
			}
		})
	}
}

// TestProxyUpstreamDown: a call the upstream cannot answer gets a 502 and is
// journalled with the reason.
func TestProxyUpstreamDown(t *testing.T) {
	up := httptest.NewServer(http.NotFoundHandler())
	upURL := up.URL
	up.Close()
	p, base, _ := startProxy(t, upURL, Options{})
	status, body := call(t, &http.Client{}, base, "GetMediaInfo", map[string]string{"MediaId": mediaID})
	if status != http.StatusBadGateway || !strings.HasPrefix(body, "icefake proxy: upstream: ") {
		t.Errorf("call = %d %q, want 502 naming the upstream", status, body)
	}
	if c := p.Calls(); len(c) != 1 || c[0].Status != 502 || c[0].Error == "" || len(c[0].Findings) != 0 {
		t.Errorf("journal = %+v, want one 502 with the error", c)
	}
}

func TestNewRejectsBadUpstream(t *testing.T) {
	for _, u := range []string{"", "ftp://x", "http://"} {
		pu, _ := url.Parse(u)
		if _, err := New(Options{Upstream: pu}); err == nil {
			t.Errorf("New(upstream %q) = nil error, want one", u)
		}
	}
}

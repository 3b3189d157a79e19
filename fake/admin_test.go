package fake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/icefake/icefake/scenarios"
)

// throttleYAML throttles the 2nd CreateEditingProject call once.
const throttleYAML = `version: 1
faults:
  - action: CreateEditingProject
    after: 1
    times: 1
    code: Throttling.User
`

// seedYAML seeds a credential and two media and scripts two faults.
const seedYAML = `version: 1
credentials:
  - accessKeyId: seedAccessKeyId
    accessKeySecret: seedAccessKeySecret
media:
  - mediaId: m1
    duration: 10
  - mediaId: m2
    duration: 20
faults:
  - action: GetEditingProject
    code: InternalError
  - action: SearchEditingProject
    delay: 1ms
`

func mustParse(t *testing.T, name, yaml string) *scenarios.Scenario {
	t.Helper()
	sc, err := scenarios.Parse(name, []byte(yaml))
	if err != nil {
		t.Fatalf("scenarios.Parse(%s) error = %v", name, err)
	}
	return sc
}

func TestAdminHealthz(t *testing.T) {
	s := newTestServer(t)
	resp := adminCall(t, s, http.MethodGet, "/_icefake/healthz", "")
	m := resp.obj(t)
	if resp.status != http.StatusOK || m["status"] != "ok" || m["apiVersion"] != "2020-11-09" {
		t.Errorf("GET healthz = %d %s, want 200 status ok apiVersion 2020-11-09", resp.status, resp.body)
	}
	if got, want := len(m["actions"].([]any)), len(SupportedActions()); got != want {
		t.Errorf("healthz actions = %d, want %d", got, want)
	}
	if head := adminCall(t, s, http.MethodHead, "/_icefake/healthz", ""); head.status != http.StatusOK {
		t.Errorf("HEAD healthz = %d, want 200", head.status)
	}
	post := adminCall(t, s, http.MethodPost, "/_icefake/healthz", "")
	wantAdminError(t, post, http.StatusMethodNotAllowed, "MethodNotAllowed")
	if got, want := post.header.Get("Allow"), "GET"; got != want {
		t.Errorf("POST healthz Allow = %q, want %q", got, want)
	}
}

func TestAdminRouting(t *testing.T) {
	tests := []struct {
		name       string
		method     string
		target     string
		wantStatus int
		wantCode   string
		wantAllow  string
	}{
		{name: "unknown endpoint", method: "GET", target: "/_icefake/nope", wantStatus: 404, wantCode: "NotFound"},
		{name: "trailing slash", method: "GET", target: "/_icefake/faults/", wantStatus: 404, wantCode: "NotFound"},
		{name: "wrong method", method: "PATCH", target: "/_icefake/faults", wantStatus: 405, wantCode: "MethodNotAllowed", wantAllow: "DELETE, GET, POST"},
		{name: "GET a POST endpoint", method: "GET", target: "/_icefake/reset", wantStatus: 405, wantCode: "MethodNotAllowed", wantAllow: "POST"},
		{name: "too deep", method: "DELETE", target: "/_icefake/faults/1/x", wantStatus: 404, wantCode: "NotFound"},
	}
	s := newTestServer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := adminCall(t, s, tt.method, tt.target, "")
			wantAdminError(t, resp, tt.wantStatus, tt.wantCode)
			if got := resp.header.Get("Allow"); got != tt.wantAllow {
				t.Errorf("Allow = %q, want %q", got, tt.wantAllow)
			}
		})
	}
}

func TestAdminReset(t *testing.T) {
	// setup: two tenants with a project and a Get each, a rule scoped to
	// the other tenant and one for everybody, both with calls counted.
	setup := func(t *testing.T) *Server {
		t.Helper()
		s := newTestServer(t, WithCredentials(otherTenant))
		mustRPC(t, s, 200, "CreateEditingProject", map[string]string{"Title": "mine"})
		if status, body := rpcAs(t, s, otherTenant.AccessKeyId, otherTenant.AccessKeySecret, "CreateEditingProject", map[string]string{"Title": "theirs"}); status != 200 {
			t.Fatalf("create as other = %d %v", status, body)
		}
		if _, err := s.InjectFault(Fault{Action: "GetEditingProject", Tenant: otherTenant.AccessKeyId, After: 1, Times: 1, Code: "Forbidden"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.InjectFault(Fault{Action: "GetEditingProject", After: 2, Times: 1, Code: "InternalError"}); err != nil {
			t.Fatal(err)
		}
		mustRPC(t, s, 404, "GetEditingProject", map[string]string{"ProjectId": "x"})
		if status, body := rpcAs(t, s, otherTenant.AccessKeyId, otherTenant.AccessKeySecret, "GetEditingProject", map[string]string{"ProjectId": "x"}); status != 404 {
			t.Fatalf("get as other = %d %v", status, body)
		}
		return s
	}
	tests := []struct {
		name        string
		target      string
		wantBody    string
		wantTenants []string
		wantCalls   int
		wantSeen    []int // per rule: the other tenant's, everybody's
	}{
		{name: "all", target: "/_icefake/reset", wantBody: `{"status":"ok"}`,
			wantTenants: []string{}, wantCalls: 0, wantSeen: []int{0, 0}},
		{name: "one tenant", target: "/_icefake/reset?tenant=otherAccessKeyId", wantBody: `{"status":"ok","tenant":"otherAccessKeyId"}`,
			wantTenants: []string{DefaultAccessKeyId}, wantCalls: 2, wantSeen: []int{0, 2}},
		{name: "unknown tenant", target: "/_icefake/reset?tenant=nobody", wantBody: `{"status":"ok","tenant":"nobody"}`,
			wantTenants: []string{otherTenant.AccessKeyId, DefaultAccessKeyId}, wantCalls: 4, wantSeen: []int{1, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := setup(t)
			resp := adminCall(t, s, http.MethodPost, tt.target, "")
			if got := strings.TrimSpace(string(resp.body)); resp.status != 200 || got != tt.wantBody {
				t.Errorf("POST %s = %d %s, want 200 %s", tt.target, resp.status, got, tt.wantBody)
			}
			if got := s.Tenants(); !slices.Equal(got, tt.wantTenants) {
				t.Errorf("Tenants() = %v, want %v", got, tt.wantTenants)
			}
			if got := len(s.Calls()); got != tt.wantCalls {
				t.Errorf("len(Calls()) = %d, want %d", got, tt.wantCalls)
			}
			var seen []int
			for _, f := range s.Faults() {
				seen = append(seen, f.Seen)
			}
			if !slices.Equal(seen, tt.wantSeen) {
				t.Errorf("rules' Seen = %v, want %v (the rules stay)", seen, tt.wantSeen)
			}
		})
	}
	t.Run("empty tenant", func(t *testing.T) {
		s := setup(t)
		resp := adminCall(t, s, http.MethodPost, "/_icefake/reset?tenant=", "")
		if got, want := strings.TrimSpace(string(resp.body)), `{"error":"query parameter \"tenant\": minimum string length is 1","code":"InvalidRequest"}`; resp.status != 400 || got != want {
			t.Errorf("POST reset?tenant= = %d %s, want 400 %s", resp.status, got, want)
		}
		if got := len(s.Tenants()); got != 2 {
			t.Errorf("after a refused reset, %d tenants, want 2", got)
		}
	})
}

// TestResetReplaysScript: after Reset (or ResetTenant for the tenant a
// rule is scoped to) the same calls get the same scripted answers again:
// fault rules count from the start and quota buckets are full.
func TestResetReplaysScript(t *testing.T) {
	now := time.Now()
	calls := []struct {
		action string
		params map[string]string
	}{
		{"CreateEditingProject", map[string]string{"Title": "1"}},
		{"CreateEditingProject", map[string]string{"Title": "2"}},
		{"CreateEditingProject", map[string]string{"Title": "3"}},
		{"GetEditingProject", map[string]string{"ProjectId": "x"}},
		{"GetEditingProject", map[string]string{"ProjectId": "x"}},
		{"GetEditingProject", map[string]string{"ProjectId": "x"}},
	}
	// The 2nd create is throttled by a rule, the 2nd and 3rd Get by a
	// quota of burst 1 (real time stands still).
	script := []string{"200", "400 Throttling.User", "200", "404 ProjectNotFound", "400 Throttling.User", "400 Throttling.User"}
	tests := []struct {
		name  string
		reset func(t *testing.T, s *Server)
		want  []string // the second run
	}{
		{name: "Reset", reset: func(_ *testing.T, s *Server) { s.Reset() }, want: script},
		{name: "POST reset", reset: func(t *testing.T, s *Server) {
			if resp := adminCall(t, s, http.MethodPost, "/_icefake/reset", ""); resp.status != 200 {
				t.Fatalf("POST reset = %d %s", resp.status, resp.body)
			}
		}, want: script},
		{name: "ResetTenant", reset: func(_ *testing.T, s *Server) { s.ResetTenant(DefaultAccessKeyId) }, want: script},
		{name: "POST reset?tenant=", reset: func(t *testing.T, s *Server) {
			if resp := adminCall(t, s, http.MethodPost, "/_icefake/reset?tenant="+DefaultAccessKeyId, ""); resp.status != 200 {
				t.Fatalf("POST reset?tenant= = %d %s", resp.status, resp.body)
			}
		}, want: script},
		{name: "ResetTenant of another tenant", reset: func(_ *testing.T, s *Server) { s.ResetTenant(otherTenant.AccessKeyId) },
			want: []string{"200", "200", "200", "400 Throttling.User", "400 Throttling.User", "400 Throttling.User"}},
		{name: "ClearJournal only", reset: func(_ *testing.T, s *Server) { s.ClearJournal() },
			want: []string{"200", "200", "200", "400 Throttling.User", "400 Throttling.User", "400 Throttling.User"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t, WithRealClock(func() time.Time { return now }), WithCredentials(otherTenant),
				WithQuotas(Quota{Action: "GetEditingProject", Rate: 1, Burst: 1}))
			if _, err := s.InjectFault(Fault{Action: "CreateEditingProject", Tenant: DefaultAccessKeyId, After: 1, Times: 1, Code: "Throttling.User"}); err != nil {
				t.Fatal(err)
			}
			run := func() []string {
				var out []string
				for _, c := range calls {
					status, body := rpc(t, s, c.action, c.params)
					got := fmt.Sprint(status)
					if code, _ := body["Code"].(string); code != "" {
						got += " " + code
					}
					out = append(out, got)
				}
				return out
			}
			if got := run(); !slices.Equal(got, script) {
				t.Fatalf("first run = %q, want %q", got, script)
			}
			tt.reset(t, s)
			if got := run(); !slices.Equal(got, tt.want) {
				t.Errorf("run after %s = %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}

func TestAdminScenarioLifecycle(t *testing.T) {
	s := newTestServer(t)
	if _, err := s.InjectFault(Fault{Action: "DeleteEditingProjects", Code: "Forbidden"}); err != nil {
		t.Fatal(err)
	}

	resp := adminCall(t, s, http.MethodPost, "/_icefake/scenarios?name=seed.yaml", seedYAML)
	if got, want := strings.TrimSpace(string(resp.body)),
		`{"name":"seed.yaml","credentials":1,"media":2,"templates":0,"projects":0,"quotas":0,"faults":2,"stubs":0,"activeFaults":2,"loadedAt":"2024-01-01T00:00:00Z"}`; resp.status != 201 || got != want {
		t.Fatalf("POST scenarios = %d %s, want 201 %s", resp.status, got, want)
	}
	if got, want := s.Credentials(), []string{"seedAccessKeyId", DefaultAccessKeyId}; !slices.Equal(got, want) {
		t.Errorf("Credentials() = %v, want %v", got, want)
	}
	s.Advance(time.Minute)
	resp = adminCall(t, s, http.MethodPost, "/_icefake/scenarios?name=throttle.yaml", throttleYAML)
	if resp.status != 201 {
		t.Fatalf("POST throttle = %d %s", resp.status, resp.body)
	}

	sources := func() []string {
		var out []string
		for _, f := range s.Faults() {
			out = append(out, f.Fault.Action+"<"+f.Source)
		}
		return out
	}
	if got, want := sources(), []string{"DeleteEditingProjects<", "GetEditingProject<seed.yaml", "SearchEditingProject<seed.yaml", "CreateEditingProject<throttle.yaml"}; !slices.Equal(got, want) {
		t.Errorf("fault sources = %v, want %v", got, want)
	}

	var list scenarioList
	adminCall(t, s, http.MethodGet, "/_icefake/scenarios", "").into(t, &list)
	want := []ScenarioInfo{
		{Name: "seed.yaml", Credentials: 1, Media: 2, Faults: 2, ActiveFaults: 2, LoadedAt: DefaultStartTime},
		{Name: "throttle.yaml", Faults: 1, ActiveFaults: 1, LoadedAt: DefaultStartTime.Add(time.Minute)},
	}
	if diff := diff(t, want, list.Scenarios); diff != "" {
		t.Errorf("GET scenarios (-want +got):\n%s", diff)
	}

	// Loading a name again replaces its rules.
	adminCall(t, s, http.MethodPost, "/_icefake/scenarios?name=seed.yaml", throttleYAML)
	if got, want := sources(), []string{"DeleteEditingProjects<", "CreateEditingProject<throttle.yaml", "CreateEditingProject<seed.yaml"}; !slices.Equal(got, want) {
		t.Errorf("after reloading seed.yaml, fault sources = %v, want %v", got, want)
	}

	// Remove one: its rules go; the Go rule and the other scenario stay.
	if resp := adminCall(t, s, http.MethodDelete, "/_icefake/scenarios/throttle.yaml", ""); resp.status != 200 {
		t.Fatalf("DELETE throttle.yaml = %d %s", resp.status, resp.body)
	}
	if got, want := sources(), []string{"DeleteEditingProjects<", "CreateEditingProject<seed.yaml"}; !slices.Equal(got, want) {
		t.Errorf("after DELETE, fault sources = %v, want %v", got, want)
	}
	wantAdminError(t, adminCall(t, s, http.MethodDelete, "/_icefake/scenarios/throttle.yaml", ""), 404, "NotFound")

	// Replace: every rule goes (the Go one too), one scenario remains.
	resp = adminCall(t, s, http.MethodPut, "/_icefake/scenarios?name=dir%2Fonly.yaml", throttleYAML)
	adminCall(t, s, http.MethodGet, "/_icefake/scenarios", "").into(t, &list)
	if resp.status != 200 || len(list.Scenarios) != 1 || list.Scenarios[0].Name != "dir/only.yaml" {
		t.Fatalf("PUT scenarios = %d %s; list %+v, want only dir/only.yaml", resp.status, resp.body, list)
	}
	if got, want := sources(), []string{"CreateEditingProject<dir/only.yaml"}; !slices.Equal(got, want) {
		t.Errorf("after PUT, fault sources = %v, want %v", got, want)
	}
	// A name with "/" is deleted path-escaped.
	if resp := adminCall(t, s, http.MethodDelete, "/_icefake/scenarios/dir%2Fonly.yaml", ""); resp.status != 200 {
		t.Errorf("DELETE dir%%2Fonly.yaml = %d %s", resp.status, resp.body)
	}
	if got := s.Scenarios(); len(got) != 0 {
		t.Errorf("Scenarios() = %v, want none", got)
	}
}

func TestAdminScenarioErrors(t *testing.T) {
	many := "version: 2\nmedia:\n  - mediaId: a\n    durtion: 12.5\nfaults:\n  - action: CreateEditingProject\n    code: Throttle\n"
	tests := []struct {
		name       string
		method     string
		target     string
		body       string
		header     []string
		wantStatus int
		wantCode   string
		wantMsg    string // the whole "error"; "" = not checked
		wantErrors []string
	}{
		{
			name: "every parser problem", method: "POST", target: "/_icefake/scenarios?name=bad.yaml", body: many,
			wantStatus: 400, wantCode: "InvalidScenario",
			wantErrors: []string{
				"bad.yaml:1: version: unsupported version 2 (supported: 1)",
				"bad.yaml:3: media[0].duration: required",
				"bad.yaml:4: media[0].durtion: unknown key (allowed: mediaId, mediaURL, duration, type, title, size, width, height, format, bitrate, fps, videoCodec, audioCodec)",
			},
		},
		{
			name: "PUT parser problems", method: "PUT", target: "/_icefake/scenarios?name=bad.yaml", body: "version: 1\nfaults: 3\n",
			wantStatus: 400, wantCode: "InvalidScenario",
		},
		{name: "no name", method: "POST", target: "/_icefake/scenarios", body: throttleYAML, wantStatus: 400, wantCode: "InvalidRequest",
			wantMsg: `query parameter "name" is required`},
		{name: "PUT no name", method: "PUT", target: "/_icefake/scenarios", body: throttleYAML, wantStatus: 400, wantCode: "InvalidRequest",
			wantMsg: `query parameter "name" is required`},
		{name: "empty name", method: "POST", target: "/_icefake/scenarios?name=", body: throttleYAML, wantStatus: 400, wantCode: "InvalidRequest",
			wantMsg: `query parameter "name": minimum string length is 1`},
		{name: "empty body", method: "POST", target: "/_icefake/scenarios?name=x", body: "", wantStatus: 400, wantCode: "InvalidRequest",
			wantMsg: "the request body must be a scenario document (YAML)"},
		{name: "JSON content type", method: "POST", target: "/_icefake/scenarios?name=x", body: throttleYAML,
			header: []string{"Content-Type", "application/json"}, wantStatus: 415, wantCode: "UnsupportedMediaType",
			wantMsg: `Content-Type "application/json": send application/yaml (or application/x-yaml, text/yaml), e.g. curl -H 'Content-Type: application/yaml'`},
		{name: "multipart content type", method: "PUT", target: "/_icefake/scenarios?name=x", body: throttleYAML,
			header: []string{"Content-Type", "multipart/form-data; boundary=b"}, wantStatus: 415, wantCode: "UnsupportedMediaType",
			wantMsg: `Content-Type "multipart/form-data; boundary=b": send application/yaml (or application/x-yaml, text/yaml), e.g. curl -H 'Content-Type: application/yaml'`},
		{name: "too large", method: "POST", target: "/_icefake/scenarios?name=x", body: "version: 1\n#" + strings.Repeat("x", maxAdminBody),
			wantStatus: 413, wantCode: "RequestTooLarge", wantMsg: fmt.Sprintf("the request body is larger than %d bytes", maxAdminBody)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t)
			m := wantAdminError(t, adminCall(t, s, tt.method, tt.target, tt.body, tt.header...), tt.wantStatus, tt.wantCode)
			if got := m["error"]; tt.wantMsg != "" && got != tt.wantMsg {
				t.Errorf("error = %q, want %q", got, tt.wantMsg)
			}
			if tt.wantErrors != nil {
				var got []string
				for _, e := range m["errors"].([]any) {
					got = append(got, e.(string))
				}
				// The parser's own list, all of it, in order.
				_, err := scenarios.Parse("bad.yaml", []byte(tt.body))
				var want []string
				for _, e := range scenarios.Errors(err) {
					want = append(want, e.Error())
				}
				if diff := diff(t, want, got); diff != "" {
					t.Errorf("errors differ from the parser's (-parser +got):\n%s", diff)
				}
				for _, w := range tt.wantErrors {
					if !slices.Contains(got, w) {
						t.Errorf("errors %q lack %q", got, w)
					}
				}
			}
			if got := s.Scenarios(); len(got) != 0 {
				t.Errorf("Scenarios() after a refused load = %v, want none", got)
			}
			if got := s.Faults(); len(got) != 0 {
				t.Errorf("Faults() after a refused load = %v, want none", got)
			}
		})
	}
}

func TestAdminFaults(t *testing.T) {
	s := newTestServer(t)
	resp := adminCall(t, s, http.MethodPost, "/_icefake/faults",
		`{"action":"CreateEditingProject","match":{"Title":"boom"},"after":1,"times":1,"code":"Throttling.User","delay":"1ms"}`)
	if got, want := strings.TrimSpace(string(resp.body)),
		`{"id":1,"rule":{"action":"CreateEditingProject","match":{"Title":"boom"},"after":1,"times":1,"code":"Throttling.User","delay":"1ms"},"seen":0,"source":""}`; resp.status != 201 || got != want {
		t.Fatalf("POST faults = %d %s, want 201 %s", resp.status, got, want)
	}
	resp = adminCall(t, s, http.MethodPost, "/_icefake/faults",
		`{"action":"CreateEditingProject","tenant":"t1","matchJSON":[{"param":"Timeline","path":"$.A","value":"1"}],"sequence":[{"code":"InternalError","status":503},{"transport":"drop"},{"ok":true,"delay":"2s"}]}`)
	if resp.status != 201 {
		t.Fatalf("POST sequence fault = %d %s", resp.status, resp.body)
	}
	want := Fault{Action: "CreateEditingProject", Tenant: "t1", MatchJSON: []JSONMatch{{Param: "Timeline", Path: "$.A", Value: "1"}},
		Sequence: []Outcome{{Code: "InternalError", Status: 503}, {Transport: TransportDrop}, {OK: true, Delay: 2 * time.Second}}}
	if diff := diff(t, want, s.Faults()[1].Fault); diff != "" {
		t.Errorf("POSTed sequence fault (-want +got):\n%s", diff)
	}

	mustRPC(t, s, 200, "CreateEditingProject", map[string]string{"Title": "boom"})
	mustRPC(t, s, 400, "CreateEditingProject", map[string]string{"Title": "boom"})
	mustRPC(t, s, 200, "CreateEditingProject", map[string]string{"Title": "other"})
	var list faultList
	adminCall(t, s, http.MethodGet, "/_icefake/faults", "").into(t, &list)
	if len(list.Faults) != 2 || list.Faults[0].Seen != 2 || list.Faults[1].ID != 2 {
		t.Errorf("GET faults = %s, want 2 rules, the first seen 2 times", resp.body)
	}

	wantAdminError(t, adminCall(t, s, http.MethodDelete, "/_icefake/faults/99", ""), 404, "NotFound")
	wantAdminError(t, adminCall(t, s, http.MethodDelete, "/_icefake/faults/abc", ""), 400, "InvalidRequest")
	if resp := adminCall(t, s, http.MethodDelete, "/_icefake/faults/1", ""); resp.status != 200 {
		t.Errorf("DELETE faults/1 = %d %s", resp.status, resp.body)
	}
	if got := s.Faults(); len(got) != 1 || got[0].ID != 2 {
		t.Errorf("after DELETE faults/1, Faults() = %+v, want only id 2", got)
	}
	if resp := adminCall(t, s, http.MethodDelete, "/_icefake/faults", ""); resp.status != 200 {
		t.Errorf("DELETE faults = %d %s", resp.status, resp.body)
	}
	if got := s.Faults(); len(got) != 0 {
		t.Errorf("after DELETE faults, Faults() = %+v, want none", got)
	}
}

func TestAdminFaultErrors(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		header   []string
		wantCode string
		wantMsg  string
		status   int
	}{
		{name: "unknown code", body: `{"action":"CreateEditingProject","code":"Throttle"}`, status: 400, wantCode: "InvalidFault", wantMsg: `fault for CreateEditingProject: unknown error code "Throttle"`},
		{name: "unknown action", body: `{"action":"Nope","code":"Forbidden"}`, status: 400, wantCode: "InvalidFault", wantMsg: `fault: unknown Action "Nope"`},
		{name: "no outcome", body: `{"action":"CreateEditingProject"}`, status: 400, wantCode: "InvalidFault", wantMsg: "needs a Code, a Delay or a Transport"},
		{name: "unknown key", body: `{"action":"CreateEditingProject","code":"Forbidden","color":"red"}`, status: 400, wantCode: "InvalidRequest", wantMsg: `request body: property "color" is unsupported`},
		{name: "no action", body: `{"code":"Forbidden"}`, status: 400, wantCode: "InvalidRequest", wantMsg: `request body: /action: property "action" is missing`},
		{name: "negative after", body: `{"action":"CreateEditingProject","code":"Forbidden","after":-1}`, status: 400, wantCode: "InvalidRequest", wantMsg: "request body: /after: number must be at least 0"},
		{name: "bad delay", body: `{"action":"CreateEditingProject","delay":"soon"}`, status: 400, wantCode: "InvalidRequest", wantMsg: "request body: /delay: string doesn't match the regular expression"},
		{name: "bad transport", body: `{"action":"CreateEditingProject","transport":"smoke"}`, status: 400, wantCode: "InvalidRequest", wantMsg: "request body: /transport: value is not one of the allowed values"},
		{name: "not JSON", body: `{"action":`, status: 400, wantCode: "InvalidRequest", wantMsg: "request body is not valid JSON: unexpected EOF"},
		{name: "YAML", body: "{}", header: []string{"Content-Type", "application/yaml"}, status: 415, wantCode: "UnsupportedMediaType", wantMsg: `Content-Type "application/yaml": send application/json`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t)
			m := wantAdminError(t, adminCall(t, s, http.MethodPost, "/_icefake/faults", tt.body, tt.header...), tt.status, tt.wantCode)
			if msg := m["error"].(string); !strings.Contains(msg, tt.wantMsg) {
				t.Errorf("error = %q, want it to contain %q", msg, tt.wantMsg)
			}
			if got := s.Faults(); len(got) != 0 {
				t.Errorf("Faults() after a refused POST = %+v, want none", got)
			}
		})
	}
}

func TestAdminClock(t *testing.T) {
	tests := []struct {
		name     string
		method   string
		target   string
		body     string
		want     string
		wantCode string
	}{
		{name: "get", method: "GET", target: "/_icefake/clock", want: `{"now":"2024-01-01T00:00:00Z","frozen":true}`},
		{name: "advance", method: "POST", target: "/_icefake/clock/advance", body: `{"by":"90s"}`, want: `{"now":"2024-01-01T00:01:30Z","frozen":true}`},
		{name: "advance back", method: "POST", target: "/_icefake/clock/advance", body: `{"by":"-1h"}`, want: `{"now":"2023-12-31T23:00:00Z","frozen":true}`},
		{name: "set", method: "POST", target: "/_icefake/clock/set", body: `{"time":"2025-06-30T12:34:56Z"}`, want: `{"now":"2025-06-30T12:34:56Z","frozen":true}`},
		{name: "set with offset", method: "POST", target: "/_icefake/clock/set", body: `{"time":"2025-06-30T20:34:56+08:00"}`, want: `{"now":"2025-06-30T12:34:56Z","frozen":true}`},
		{name: "bad duration", method: "POST", target: "/_icefake/clock/advance", body: `{"by":"soon"}`, wantCode: "InvalidRequest"},
		{name: "duration without unit", method: "POST", target: "/_icefake/clock/advance", body: `{"by":"90"}`, wantCode: "InvalidRequest"},
		{name: "missing by", method: "POST", target: "/_icefake/clock/advance", body: `{}`, wantCode: "InvalidRequest"},
		{name: "bad time", method: "POST", target: "/_icefake/clock/set", body: `{"time":"tomorrow"}`, wantCode: "InvalidRequest"},
		{name: "time without zone", method: "POST", target: "/_icefake/clock/set", body: `{"time":"2025-06-30T12:34:56"}`, wantCode: "InvalidRequest"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t)
			resp := adminCall(t, s, tt.method, tt.target, tt.body)
			if tt.wantCode != "" {
				wantAdminError(t, resp, 400, tt.wantCode)
				if got := s.Now(); !got.Equal(DefaultStartTime) {
					t.Errorf("Now() after a refused change = %v, want %v", got, DefaultStartTime)
				}
				return
			}
			if got := strings.TrimSpace(string(resp.body)); resp.status != 200 || got != tt.want {
				t.Errorf("%s %s = %d %s, want 200 %s", tt.method, tt.target, resp.status, got, tt.want)
			}
			if got := strings.TrimSpace(string(marshal(t, s.Clock()))); got != tt.want {
				t.Errorf("Clock() = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestAdminClockRunning(t *testing.T) {
	base := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	s, err := New(WithClock(func() time.Time { return base }))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.TrimSpace(string(adminCall(t, s, "GET", "/_icefake/clock", "").body)), `{"now":"2030-01-02T03:04:05Z","frozen":false}`; got != want {
		t.Errorf("GET clock = %s, want %s", got, want)
	}
	if got, want := strings.TrimSpace(string(adminCall(t, s, "POST", "/_icefake/clock/advance", `{"by":"1h"}`).body)), `{"now":"2030-01-02T04:04:05Z","frozen":false}`; got != want {
		t.Errorf("POST clock/advance = %s, want %s (still running)", got, want)
	}
}

func TestAdminJournal(t *testing.T) {
	s := newTestServer(t, WithCredentials(otherTenant))
	if _, err := s.InjectFault(Fault{Action: "CreateEditingProject", After: 1, Times: 1, Code: "Throttling.User"}); err != nil {
		t.Fatal(err)
	}
	mustRPC(t, s, 200, "CreateEditingProject", map[string]string{"Title": "1"})
	mustRPC(t, s, 400, "CreateEditingProject", map[string]string{"Title": "2"})
	mustRPC(t, s, 404, "GetEditingProject", map[string]string{"ProjectId": strings.Repeat("0", 32)})
	if status, _ := rpcAs(t, s, otherTenant.AccessKeyId, otherTenant.AccessKeySecret, "CreateEditingProject", map[string]string{"Title": "3"}); status != 200 {
		t.Fatalf("create as other = %d", status)
	}
	all := s.Calls()
	ids := func(idx ...int) []string {
		out := []string{}
		for _, i := range idx {
			out = append(out, all[i].RequestId)
		}
		return out
	}
	tests := []struct {
		name   string
		query  string
		filter CallFilter
		want   []string
	}{
		{name: "all", query: "", want: ids(0, 1, 2, 3)},
		{name: "action", query: "?action=CreateEditingProject", filter: CallFilter{Action: "CreateEditingProject"}, want: ids(0, 1, 3)},
		{name: "code", query: "?code=Throttling.User", filter: CallFilter{Code: "Throttling.User"}, want: ids(1)},
		{name: "status", query: "?status=404", filter: CallFilter{Status: 404}, want: ids(2)},
		{name: "tenant", query: "?tenant=otherAccessKeyId", filter: CallFilter{Tenant: otherTenant.AccessKeyId}, want: ids(3)},
		{name: "limit keeps the newest", query: "?limit=2", filter: CallFilter{Limit: 2}, want: ids(2, 3)},
		{name: "limit 0 is all", query: "?limit=0", want: ids(0, 1, 2, 3)},
		{name: "combined", query: "?action=CreateEditingProject&status=200&limit=1", filter: CallFilter{Action: "CreateEditingProject", Status: 200, Limit: 1}, want: ids(3)},
		{name: "nothing", query: "?action=DeleteEditingProjects", filter: CallFilter{Action: "DeleteEditingProjects"}, want: ids()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := adminCall(t, s, http.MethodGet, "/_icefake/journal"+tt.query, "")
			var got struct {
				Calls   []Call `json:"calls"`
				Dropped *int   `json:"dropped"`
			}
			resp.into(t, &got)
			gotIDs := []string{}
			for _, c := range got.Calls {
				gotIDs = append(gotIDs, c.RequestId)
			}
			if !slices.Equal(gotIDs, tt.want) || got.Dropped == nil || *got.Dropped != 0 {
				t.Errorf("GET journal%s = %v dropped %v, want %v dropped 0", tt.query, gotIDs, got.Dropped, tt.want)
			}
			goIDs := []string{}
			for _, c := range s.CallsWhere(tt.filter) {
				goIDs = append(goIDs, c.RequestId)
			}
			if !slices.Equal(goIDs, tt.want) {
				t.Errorf("CallsWhere(%+v) = %v, want %v", tt.filter, goIDs, tt.want)
			}
		})
	}
	t.Run("call fields", func(t *testing.T) {
		var got struct{ Calls []Call }
		adminCall(t, s, http.MethodGet, "/_icefake/journal?code=Throttling.User", "").into(t, &got)
		c := got.Calls[0]
		want := all[1]
		want.Latency, c.Latency = 0, 0
		if diff := diff(t, want, c); diff != "" {
			t.Errorf("journalled call over HTTP (-Go +HTTP):\n%s", diff)
		}
	})
	for _, q := range []string{"?status=abc", "?status=99", "?limit=-1", "?limit=x"} {
		t.Run("bad "+q, func(t *testing.T) {
			wantAdminError(t, adminCall(t, s, http.MethodGet, "/_icefake/journal"+q, ""), 400, "InvalidRequest")
		})
	}
	t.Run("clear", func(t *testing.T) {
		if resp := adminCall(t, s, http.MethodDelete, "/_icefake/journal", ""); resp.status != 200 {
			t.Fatalf("DELETE journal = %d %s", resp.status, resp.body)
		}
		if got, want := strings.TrimSpace(string(adminCall(t, s, http.MethodGet, "/_icefake/journal", "").body)), `{"calls":[],"dropped":0}`; got != want {
			t.Errorf("GET journal after DELETE = %s, want %s", got, want)
		}
	})
}

func TestAdminJournalDropped(t *testing.T) {
	s := newTestServer(t, WithJournalSize(2))
	for range 3 {
		mustRPC(t, s, 200, "CreateEditingProject", map[string]string{"Title": "x"})
	}
	var got struct {
		Calls   []Call `json:"calls"`
		Dropped int    `json:"dropped"`
	}
	adminCall(t, s, http.MethodGet, "/_icefake/journal", "").into(t, &got)
	if len(got.Calls) != 2 || got.Dropped != 1 {
		t.Errorf("GET journal = %d calls dropped %d, want 2 dropped 1", len(got.Calls), got.Dropped)
	}
	adminCall(t, s, http.MethodDelete, "/_icefake/journal", "")
	if got := s.DroppedCalls(); got != 0 {
		t.Errorf("DroppedCalls() after DELETE journal = %d, want 0", got)
	}
}

// TestAdminJournalLatencyMs: each journalled call carries Latency in
// integer nanoseconds (time.Duration, kept for compatibility) and latencyMs,
// the same in milliseconds.
func TestAdminJournalLatencyMs(t *testing.T) {
	s := newTestServer(t)
	if _, err := s.InjectFault(Fault{Action: "GetEditingProject", Delay: 2 * time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	mustRPC(t, s, 200, "CreateEditingProject", map[string]string{"Title": "x"})
	mustRPC(t, s, 404, "GetEditingProject", map[string]string{"ProjectId": "x"})
	var got struct {
		Calls []map[string]any `json:"calls"`
	}
	adminCall(t, s, http.MethodGet, "/_icefake/journal", "").into(t, &got)
	goCalls := s.Calls()
	if len(got.Calls) != len(goCalls) {
		t.Fatalf("GET journal = %d calls, want %d", len(got.Calls), len(goCalls))
	}
	tests := []struct {
		name      string
		call      map[string]any
		goLat     time.Duration
		atLeastMs float64
	}{
		{name: "plain call", call: got.Calls[0], goLat: goCalls[0].Latency},
		{name: "delayed call", call: got.Calls[1], goLat: goCalls[1].Latency, atLeastMs: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := tt.call["Latency"], float64(tt.goLat); got != want {
				t.Errorf("Latency = %v, want %v (integer nanoseconds, as Call.Latency)", got, want)
			}
			if got, want := tt.call["latencyMs"], float64(tt.goLat)/1e6; got != want {
				t.Errorf("latencyMs = %v, want %v", got, want)
			}
			if got, _ := tt.call["latencyMs"].(float64); got < tt.atLeastMs {
				t.Errorf("latencyMs = %v, want at least %v", got, tt.atLeastMs)
			}
		})
	}
}

func TestAdminState(t *testing.T) {
	s := newTestServer(t, WithCredentials(otherTenant, Credential{AccessKeyId: "STS.x", AccessKeySecret: "stsSecret", SecurityToken: "tok", Tenant: otherTenant.AccessKeyId}))
	created := mustRPC(t, s, 200, "CreateEditingProject", map[string]string{"Title": "mine"})
	id := created["Project"].(map[string]any)["ProjectId"].(string)
	s.Advance(time.Hour)
	if status, body := rpcAs(t, s, otherTenant.AccessKeyId, otherTenant.AccessKeySecret, "CreateEditingProject", map[string]string{"Title": "theirs"}); status != 200 {
		t.Fatalf("create as other = %d %v", status, body)
	}

	resp := adminCall(t, s, http.MethodGet, "/_icefake/state", "")
	for _, secret := range []string{DefaultAccessKeySecret, otherTenant.AccessKeySecret, "stsSecret", "tok"} {
		if strings.Contains(string(resp.body), secret) {
			t.Errorf("GET state shows the secret %q:\n%s", secret, resp.body)
		}
	}
	m := resp.obj(t)
	if got, want := m["credentials"], []any{"STS.x", "otherAccessKeyId", DefaultAccessKeyId}; !reflect.DeepEqual(got, want) {
		t.Errorf("state credentials = %v, want %v", got, want)
	}
	tenants := m["tenants"].(map[string]any)
	mine := tenants[DefaultAccessKeyId].(map[string]any)["projects"].([]any)[0].(map[string]any)
	for k, want := range map[string]any{"ProjectId": id, "Title": "mine", "Status": 1.0, "CreateTime": "2024-01-01T00:00:00Z", "ModifiedTime": "2024-01-01T00:00:00Z"} {
		if mine[k] != want {
			t.Errorf("state project %s = %v, want %v", k, mine[k], want)
		}
	}
	theirs := tenants[otherTenant.AccessKeyId].(map[string]any)["projects"].([]any)[0].(map[string]any)
	if theirs["CreateTime"] != "2024-01-01T01:00:00Z" {
		t.Errorf("other tenant's project CreateTime = %v, want 2024-01-01T01:00:00Z", theirs["CreateTime"])
	}

	tests := []struct {
		name      string
		tenant    string
		wantTens  []string
		wantCreds []string
	}{
		{name: "one tenant", tenant: otherTenant.AccessKeyId, wantTens: []string{otherTenant.AccessKeyId}, wantCreds: []string{"STS.x", "otherAccessKeyId"}},
		{name: "default tenant", tenant: DefaultAccessKeyId, wantTens: []string{DefaultAccessKeyId}, wantCreds: []string{DefaultAccessKeyId}},
		{name: "unknown tenant", tenant: "nobody", wantTens: []string{}, wantCreds: []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got State
			adminCall(t, s, http.MethodGet, "/_icefake/state?tenant="+tt.tenant, "").into(t, &got)
			gotTens := []string{}
			for id := range got.Tenants {
				gotTens = append(gotTens, id)
			}
			slices.Sort(gotTens)
			if !slices.Equal(gotTens, tt.wantTens) || !slices.Equal(got.Credentials, tt.wantCreds) {
				t.Errorf("GET state?tenant=%s = tenants %v credentials %v, want %v %v", tt.tenant, gotTens, got.Credentials, tt.wantTens, tt.wantCreds)
			}
			if diff := diff(t, s.Dump(tt.tenant), got); diff != "" {
				t.Errorf("GET state?tenant=%s differs from Dump (-Go +HTTP):\n%s", tt.tenant, diff)
			}
		})
	}
}

func TestAdminToken(t *testing.T) {
	s := newTestServer(t, WithAdminToken("s3cret"))
	tests := []struct {
		name   string
		method string
		target string
		header []string
		want   int
	}{
		{name: "healthz needs none", method: "GET", target: "/_icefake/healthz", want: 200},
		{name: "healthz wrong method needs none", method: "POST", target: "/_icefake/healthz", want: 405},
		{name: "no header", method: "GET", target: "/_icefake/faults", want: 401},
		{name: "wrong token", method: "GET", target: "/_icefake/faults", header: []string{"Authorization", "Bearer nope"}, want: 401},
		{name: "token prefix", method: "GET", target: "/_icefake/faults", header: []string{"Authorization", "Bearer s3cre"}, want: 401},
		{name: "basic scheme", method: "GET", target: "/_icefake/faults", header: []string{"Authorization", "Basic s3cret"}, want: 401},
		{name: "bare token", method: "GET", target: "/_icefake/faults", header: []string{"Authorization", "s3cret"}, want: 401},
		{name: "unknown endpoint hidden", method: "GET", target: "/_icefake/nope", want: 401},
		{name: "mutation refused", method: "POST", target: "/_icefake/reset", want: 401},
		{name: "right token", method: "GET", target: "/_icefake/faults", header: []string{"Authorization", "Bearer s3cret"}, want: 200},
		{name: "scheme is case-insensitive", method: "POST", target: "/_icefake/reset", header: []string{"Authorization", "bearer s3cret"}, want: 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := adminCall(t, s, tt.method, tt.target, "", tt.header...)
			if resp.status != tt.want {
				t.Fatalf("%s %s = %d %s, want %d", tt.method, tt.target, resp.status, resp.body, tt.want)
			}
			if tt.want == 401 {
				wantAdminError(t, resp, 401, "Unauthorized")
				if got, want := resp.header.Get("WWW-Authenticate"), `Bearer realm="icefake"`; got != want {
					t.Errorf("WWW-Authenticate = %q, want %q", got, want)
				}
			}
		})
	}
	// The ICE API itself does not need the admin token.
	mustRPC(t, s, 200, "CreateEditingProject", map[string]string{"Title": "x"})
}

func TestAdminDisabled(t *testing.T) {
	s := newTestServer(t, WithAdmin(false), WithAdminToken("s3cret"))
	for _, rt := range adminRoutes() {
		path := strings.ReplaceAll(strings.ReplaceAll(rt.kin.Path, "{id}", "1"), "{name}", "x")
		t.Run(rt.method+" "+path, func(t *testing.T) {
			resp := adminCall(t, s, rt.method, path, "", "Authorization", "Bearer s3cret")
			if path == healthzPath {
				if resp.status != 200 {
					t.Errorf("healthz with the admin API disabled = %d, want 200", resp.status)
				}
				return
			}
			wantAdminError(t, resp, 404, "AdminDisabled")
		})
	}
	// The Go twins keep working.
	s.Advance(time.Minute)
	if got, want := s.Clock().Now, DefaultStartTime.Add(time.Minute); !got.Equal(want) {
		t.Errorf("Clock().Now = %v, want %v", got, want)
	}
}

// TestAdminHandlersCoverSpec: every operation of admin.yaml has a handler
// and names, in x-icefake-go, methods *Server has; every handler has an
// operation.
func TestAdminHandlersCoverSpec(t *testing.T) {
	srv := reflect.TypeFor[*Server]()
	ops := map[string]bool{}
	for _, rt := range adminRoutes() {
		op := rt.kin.Operation
		ops[op.OperationID] = true
		if adminHandlers[op.OperationID] == nil {
			t.Errorf("%s %s (%s) has no handler", rt.method, rt.kin.Path, op.OperationID)
		}
		twins, ok := op.Extensions["x-icefake-go"].([]any)
		if !ok {
			t.Errorf("%s: x-icefake-go = %v, want a list of Server methods", op.OperationID, op.Extensions["x-icefake-go"])
			continue
		}
		if !slices.Contains(op.Tags, "health") && !slices.Contains(op.Tags, "meta") && (len(twins) == 0 || twins[0] != op.OperationID) {
			t.Errorf("%s: x-icefake-go = %v, want the operationId first", op.OperationID, twins)
		}
		for _, m := range twins {
			if _, ok := srv.MethodByName(m.(string)); !ok {
				t.Errorf("%s: x-icefake-go names %v, which *Server lacks", op.OperationID, m)
			}
		}
	}
	for id := range adminHandlers {
		if !ops[id] {
			t.Errorf("handler %s has no operation in admin.yaml", id)
		}
	}
}

// TestFaultWireCoversFault fails when Fault, Outcome or JSONMatch gain a
// field the admin API's JSON form lacks.
func TestFaultWireCoversFault(t *testing.T) {
	tests := []struct {
		name string
		typ  reflect.Type
		wire reflect.Type
	}{
		{name: "Fault", typ: reflect.TypeFor[Fault](), wire: reflect.TypeFor[faultWire]()},
		{name: "Outcome", typ: reflect.TypeFor[Outcome](), wire: reflect.TypeFor[outcomeWire]()},
		{name: "JSONMatch", typ: reflect.TypeFor[JSONMatch](), wire: reflect.TypeFor[jsonMatchWire]()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got, want []string
			for i := range tt.typ.NumField() {
				want = append(want, tt.typ.Field(i).Name)
			}
			for i := range tt.wire.NumField() {
				got = append(got, tt.wire.Field(i).Name)
			}
			if diff := diff(t, want, got); diff != "" {
				t.Errorf("%s fields vs its wire form (-Go +wire):\n%s", tt.name, diff)
			}
		})
	}
	// Every field survives the round trip.
	f := Fault{Action: "GetEditingProject", Tenant: "t", Match: map[string]string{"A": "b"},
		From: DefaultStartTime, Until: DefaultStartTime.Add(time.Hour),
		MatchJSON: []JSONMatch{{Param: "Timeline", Path: "$.A", Value: "v"}}, After: 1, Times: 2,
		Code: "Forbidden", Status: 403, Message: "m", Delay: time.Millisecond, Transport: TransportHTML502,
		Sequence: []Outcome{{OK: true, Code: "Forbidden", Status: 403, Message: "m", Delay: time.Second, Transport: TransportDrop}}}
	var w faultWire
	if err := json.Unmarshal(marshal(t, faultToWire(f)), &w); err != nil {
		t.Fatal(err)
	}
	if diff := diff(t, f, w.fault()); diff != "" {
		t.Errorf("Fault JSON round trip (-want +got):\n%s", diff)
	}
}

// TestLoadScenarioMatchesApply: LoadScenario scripts exactly the rules
// Apply does.
func TestLoadScenarioMatchesApply(t *testing.T) {
	sc := mustParse(t, "seed.yaml", seedYAML+`  - action: CreateEditingProject
    match: {Title: x}
    after: 2
    times: 3
    code: Throttling.User
    status: 429
    message: slow down
`)
	a, b := newTestServer(t), newTestServer(t)
	if err := a.Apply(sc); err != nil {
		t.Fatal(err)
	}
	if err := b.LoadScenario(sc); err != nil {
		t.Fatal(err)
	}
	rules := func(s *Server) []Fault {
		var out []Fault
		for _, f := range s.Faults() {
			out = append(out, f.Fault)
		}
		return out
	}
	if diff := diff(t, rules(a), rules(b)); diff != "" {
		t.Errorf("rules (-Apply +LoadScenario):\n%s", diff)
	}
	if diff := diff(t, a.Credentials(), b.Credentials()); diff != "" {
		t.Errorf("credentials (-Apply +LoadScenario):\n%s", diff)
	}
}

func TestLoadScenarioErrors(t *testing.T) {
	tests := []struct {
		name string
		sc   *scenarios.Scenario
		want string
	}{
		{name: "nil", sc: nil, want: "icefake: nil scenario"},
		{name: "unnamed", sc: &scenarios.Scenario{Version: 1}, want: "icefake: a scenario to load needs a Name"},
		{name: "bad fault", sc: &scenarios.Scenario{Name: "x", Version: 1, Faults: []scenarios.Fault{{Action: "Nope", Code: "Forbidden"}}},
			want: `x: faults[0]: icefake: fault: unknown Action "Nope"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t)
			err := s.LoadScenario(tt.sc)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("LoadScenario() error = %v, want prefix %q", err, tt.want)
			}
			err = s.ReplaceScenarios(mustParse(t, "ok.yaml", throttleYAML), tt.sc)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("ReplaceScenarios() error = %v, want prefix %q", err, tt.want)
			}
			if got := s.Scenarios(); len(got) != 0 {
				t.Errorf("Scenarios() after refused loads = %v, want none", got)
			}
		})
	}
	s := newTestServer(t)
	if err := s.RemoveScenario("nope"); err == nil || err.Error() != `icefake: RemoveScenario "nope": no such scenario` {
		t.Errorf("RemoveScenario(nope) error = %v", err)
	}
}

// TestStartScenariosListed: scenarios given to New are listed, their rules
// carry their name, and RemoveScenario takes exactly those out.
func TestStartScenariosListed(t *testing.T) {
	s := newTestServer(t,
		WithFaults(Fault{Action: "DeleteEditingProjects", Code: "Forbidden"}),
		WithScenario(mustParse(t, "seed.yaml", seedYAML)),
		WithScenario(mustParse(t, "throttle.yaml", throttleYAML)),
		WithScenario(&scenarios.Scenario{Version: 1, Faults: []scenarios.Fault{{Action: "GetEditingProject", Code: "Forbidden"}}}),
	)
	want := []ScenarioInfo{
		{Name: "seed.yaml", Credentials: 1, Media: 2, Faults: 2, ActiveFaults: 2},
		{Name: "throttle.yaml", Faults: 1, ActiveFaults: 1},
		{Name: "scenario-3", Faults: 1, ActiveFaults: 1},
	}
	if diff := diff(t, want, s.Scenarios()); diff != "" {
		t.Errorf("Scenarios() (-want +got):\n%s", diff)
	}
	var sources []string
	for _, f := range s.Faults() {
		sources = append(sources, f.Source)
	}
	if got, want := sources, []string{"", "seed.yaml", "seed.yaml", "throttle.yaml", "scenario-3"}; !slices.Equal(got, want) {
		t.Errorf("fault sources = %q, want %q", got, want)
	}
	if err := s.RemoveScenario("seed.yaml"); err != nil {
		t.Fatal(err)
	}
	if got := len(s.Faults()); got != 3 {
		t.Errorf("after RemoveScenario(seed.yaml), %d rules, want 3", got)
	}
	if got := strings.TrimSpace(string(adminCall(t, s, "GET", "/_icefake/scenarios", "").body)); strings.Contains(got, "loadedAt") {
		t.Errorf("GET scenarios = %s; scenarios applied at start have no loadedAt", got)
	}
}

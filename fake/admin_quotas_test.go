package fake

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/icefake/icefake/scenarios"
)

// publishedQuota is the SubmitMediaProducingJob quota a Server has unless
// told otherwise (WithSubmitQPS).
var publishedQuota = Quota{Action: "SubmitMediaProducingJob", Rate: 30, Burst: 30}

func TestAdminQuotas(t *testing.T) {
	tests := []struct {
		name       string
		method     string
		target     string
		body       string
		header     []string
		wantStatus int
		wantBody   string
		wantQuotas []Quota // Quotas() afterwards
	}{
		{
			name: "list", method: "GET", target: "/_icefake/quotas",
			wantStatus: 200, wantBody: `{"quotas":[{"action":"SubmitMediaProducingJob","rate":30,"burst":30}]}`,
			wantQuotas: []Quota{publishedQuota},
		},
		{
			name: "set", method: "PUT", target: "/_icefake/quotas/GetEditingProject", body: `{"rate":5,"burst":10}`,
			wantStatus: 200, wantBody: `{"action":"GetEditingProject","rate":5,"burst":10}`,
			wantQuotas: []Quota{{Action: "GetEditingProject", Rate: 5, Burst: 10}, publishedQuota},
		},
		{
			name: "set without burst", method: "PUT", target: "/_icefake/quotas/GetEditingProject", body: `{"rate":2.5}`,
			wantStatus: 200, wantBody: `{"action":"GetEditingProject","rate":2.5,"burst":0}`,
			wantQuotas: []Quota{{Action: "GetEditingProject", Rate: 2.5}, publishedQuota},
		},
		{
			name: "replace the published one", method: "PUT", target: "/_icefake/quotas/SubmitMediaProducingJob", body: `{"rate":1,"burst":1}`,
			wantStatus: 200, wantBody: `{"action":"SubmitMediaProducingJob","rate":1,"burst":1}`,
			wantQuotas: []Quota{{Action: "SubmitMediaProducingJob", Rate: 1, Burst: 1}},
		},
		{
			name: "set as plain curl -d sends it (a form)", method: "PUT", target: "/_icefake/quotas/GetEditingProject", body: `{"rate":5,"burst":10}`,
			header:     []string{"Content-Type", "application/x-www-form-urlencoded"},
			wantStatus: 415, wantBody: `{"error":"Content-Type \"application/x-www-form-urlencoded\": send application/json, e.g. curl -H 'Content-Type: application/json'","code":"UnsupportedMediaType"}`,
			wantQuotas: []Quota{publishedQuota},
		},
		{
			name: "unknown Action", method: "PUT", target: "/_icefake/quotas/Nope", body: `{"rate":1}`,
			wantStatus: 400, wantBody: `{"error":"quota: unknown Action \"Nope\" (not an Action of the ICE SDK's model; docs/actions.md lists them)","code":"InvalidQuota"}`,
			wantQuotas: []Quota{publishedQuota},
		},
		{
			name: "rate 0", method: "PUT", target: "/_icefake/quotas/GetEditingProject", body: `{"rate":0,"burst":1}`,
			wantStatus: 400, wantBody: `{"error":"request body: /rate: number must be more than 0","code":"InvalidRequest"}`,
			wantQuotas: []Quota{publishedQuota},
		},
		{
			name: "negative rate", method: "PUT", target: "/_icefake/quotas/GetEditingProject", body: `{"rate":-2}`,
			wantStatus: 400, wantBody: `{"error":"request body: /rate: number must be more than 0","code":"InvalidRequest"}`,
			wantQuotas: []Quota{publishedQuota},
		},
		{
			name: "no rate", method: "PUT", target: "/_icefake/quotas/GetEditingProject", body: `{"burst":1}`,
			wantStatus: 400, wantBody: `{"error":"request body: /rate: property \"rate\" is missing","code":"InvalidRequest"}`,
			wantQuotas: []Quota{publishedQuota},
		},
		{
			name: "rate as a string", method: "PUT", target: "/_icefake/quotas/GetEditingProject", body: `{"rate":"5"}`,
			wantStatus: 400, wantBody: `{"error":"request body: /rate: value must be a number","code":"InvalidRequest"}`,
			wantQuotas: []Quota{publishedQuota},
		},
		{
			name: "negative burst", method: "PUT", target: "/_icefake/quotas/GetEditingProject", body: `{"rate":1,"burst":-1}`,
			wantStatus: 400, wantBody: `{"error":"request body: /burst: number must be at least 0","code":"InvalidRequest"}`,
			wantQuotas: []Quota{publishedQuota},
		},
		{
			name: "fractional burst", method: "PUT", target: "/_icefake/quotas/GetEditingProject", body: `{"rate":1,"burst":1.5}`,
			wantStatus: 400, wantBody: `{"error":"request body: /burst: value must be an integer","code":"InvalidRequest"}`,
			wantQuotas: []Quota{publishedQuota},
		},
		{
			name: "unknown key", method: "PUT", target: "/_icefake/quotas/GetEditingProject", body: `{"rate":1,"qps":2}`,
			wantStatus: 400, wantBody: `{"error":"request body: property \"qps\" is unsupported","code":"InvalidRequest"}`,
			wantQuotas: []Quota{publishedQuota},
		},
		{
			name: "no body", method: "PUT", target: "/_icefake/quotas/GetEditingProject",
			wantStatus: 400, wantBody: `{"error":"request body is required","code":"InvalidRequest"}`,
			wantQuotas: []Quota{publishedQuota},
		},
		{
			name: "XML", method: "PUT", target: "/_icefake/quotas/GetEditingProject", body: `<rate>1</rate>`,
			header:     []string{"Content-Type", "application/xml"},
			wantStatus: 415, wantBody: `{"error":"Content-Type \"application/xml\": send application/json, e.g. curl -H 'Content-Type: application/json'","code":"UnsupportedMediaType"}`,
			wantQuotas: []Quota{publishedQuota},
		},
		{
			name: "remove", method: "DELETE", target: "/_icefake/quotas/SubmitMediaProducingJob",
			wantStatus: 200, wantBody: `{"status":"ok"}`,
			wantQuotas: []Quota{},
		},
		{
			name: "remove none set", method: "DELETE", target: "/_icefake/quotas/GetEditingProject",
			wantStatus: 404, wantBody: `{"error":"no quota is set for \"GetEditingProject\"","code":"NotFound"}`,
			wantQuotas: []Quota{publishedQuota},
		},
		{
			name: "remove unknown Action", method: "DELETE", target: "/_icefake/quotas/Nope",
			wantStatus: 404, wantBody: `{"error":"no quota is set for \"Nope\"","code":"NotFound"}`,
			wantQuotas: []Quota{publishedQuota},
		},
		{
			name: "GET one", method: "GET", target: "/_icefake/quotas/GetEditingProject",
			wantStatus: 405, wantBody: `{"error":"GET /_icefake/quotas/GetEditingProject: use DELETE or PUT","code":"MethodNotAllowed"}`,
			wantQuotas: []Quota{publishedQuota},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t)
			resp := adminCall(t, s, tt.method, tt.target, tt.body, tt.header...)
			if got, want := resp.status, tt.wantStatus; got != want {
				t.Errorf("%s %s status = %d, want %d", tt.method, tt.target, got, want)
			}
			if got, want := strings.TrimSpace(string(resp.body)), tt.wantBody; got != want {
				t.Errorf("%s %s body =\n%s\nwant\n%s", tt.method, tt.target, got, want)
			}
			if d := diff(t, tt.wantQuotas, s.Quotas()); d != "" {
				t.Errorf("Quotas() afterwards (-want +got):\n%s", d)
			}
		})
	}
}

// TestAdminQuotaThrottles: a quota set over HTTP throttles the ICE API,
// and removing it over HTTP stops that.
func TestAdminQuotaThrottles(t *testing.T) {
	now := time.Now()
	s := newTestServer(t, WithRealClock(func() time.Time { return now }))
	if resp := adminCall(t, s, "PUT", "/_icefake/quotas/GetEditingProject", `{"rate":1,"burst":1}`); resp.status != 200 {
		t.Fatalf("PUT quota = %d %s", resp.status, resp.body)
	}
	get := map[string]string{"ProjectId": "x"}
	tests := []struct {
		name     string
		before   func(t *testing.T)
		wantCode string
	}{
		{name: "first call takes the token", wantCode: "ProjectNotFound"},
		{name: "second is throttled", wantCode: "Throttling.User"},
		{name: "after DELETE it goes through", before: func(t *testing.T) {
			if resp := adminCall(t, s, "DELETE", "/_icefake/quotas/GetEditingProject", ""); resp.status != 200 {
				t.Fatalf("DELETE quota = %d %s", resp.status, resp.body)
			}
		}, wantCode: "ProjectNotFound"},
		{name: "and again", wantCode: "ProjectNotFound"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.before != nil {
				tt.before(t)
			}
			_, body := rpc(t, s, "GetEditingProject", get)
			if got, want := body["Code"], tt.wantCode; got != want {
				t.Errorf("GetEditingProject Code = %v, want %v", got, want)
			}
		})
	}
}

// quotaScenarioYAML sets a quota over the published one and one of its own.
const quotaScenarioYAML = `version: 1
quotas:
  - action: SubmitMediaProducingJob
    rate: 1
    burst: 1
  - action: DeleteEditingProjects
    rate: 2
`

// TestScenarioQuotas: the quotas a scenario sets are its own: Scenarios
// counts them and RemoveScenario (and ReplaceScenarios, and loading the
// name again) takes them out, bringing back the quota each replaced.
func TestScenarioQuotas(t *testing.T) {
	scenarioQuotas := []Quota{{Action: "DeleteEditingProjects", Rate: 2}, {Action: "SubmitMediaProducingJob", Rate: 1, Burst: 1}}
	load := func(t *testing.T, s *Server, name, yaml string) {
		t.Helper()
		if resp := adminCall(t, s, "POST", "/_icefake/scenarios?name="+name, yaml); resp.status != 201 {
			t.Fatalf("POST scenarios?name=%s = %d %s", name, resp.status, resp.body)
		}
	}
	remove := func(t *testing.T, s *Server, name string) {
		t.Helper()
		if resp := adminCall(t, s, "DELETE", "/_icefake/scenarios/"+name, ""); resp.status != 200 {
			t.Fatalf("DELETE scenarios/%s = %d %s", name, resp.status, resp.body)
		}
	}
	tests := []struct {
		name       string
		opts       []Option
		run        func(t *testing.T, s *Server)
		wantQuotas []Quota
	}{
		{
			name:       "loaded",
			run:        func(t *testing.T, s *Server) { load(t, s, "q.yaml", quotaScenarioYAML) },
			wantQuotas: scenarioQuotas,
		},
		{
			name: "removed: the published quota is back",
			run: func(t *testing.T, s *Server) {
				load(t, s, "q.yaml", quotaScenarioYAML)
				remove(t, s, "q.yaml")
			},
			wantQuotas: []Quota{publishedQuota},
		},
		{
			name: "removed without a published quota",
			opts: []Option{WithSubmitQPS(0)},
			run: func(t *testing.T, s *Server) {
				load(t, s, "q.yaml", quotaScenarioYAML)
				remove(t, s, "q.yaml")
			},
			wantQuotas: []Quota{},
		},
		{
			name: "a quota set after the scenario stays",
			run: func(t *testing.T, s *Server) {
				load(t, s, "q.yaml", quotaScenarioYAML)
				adminCall(t, s, "PUT", "/_icefake/quotas/SubmitMediaProducingJob", `{"rate":5}`)
				remove(t, s, "q.yaml")
			},
			wantQuotas: []Quota{{Action: "SubmitMediaProducingJob", Rate: 5}},
		},
		{
			name: "a quota set before the scenario comes back",
			run: func(t *testing.T, s *Server) {
				adminCall(t, s, "PUT", "/_icefake/quotas/SubmitMediaProducingJob", `{"rate":5}`)
				load(t, s, "q.yaml", quotaScenarioYAML)
				remove(t, s, "q.yaml")
			},
			wantQuotas: []Quota{{Action: "SubmitMediaProducingJob", Rate: 5}},
		},
		{
			name: "a removed quota stays removed",
			run: func(t *testing.T, s *Server) {
				load(t, s, "q.yaml", quotaScenarioYAML)
				adminCall(t, s, "DELETE", "/_icefake/quotas/SubmitMediaProducingJob", "")
				remove(t, s, "q.yaml")
			},
			wantQuotas: []Quota{},
		},
		{
			name: "two scenarios: the later wins, removing it uncovers the earlier",
			run: func(t *testing.T, s *Server) {
				load(t, s, "q.yaml", quotaScenarioYAML)
				load(t, s, "r.yaml", "version: 1\nquotas:\n  - action: SubmitMediaProducingJob\n    rate: 3\n")
				remove(t, s, "r.yaml")
			},
			wantQuotas: scenarioQuotas,
		},
		{
			name: "two scenarios: removing the earlier keeps the later",
			run: func(t *testing.T, s *Server) {
				load(t, s, "q.yaml", quotaScenarioYAML)
				load(t, s, "r.yaml", "version: 1\nquotas:\n  - action: SubmitMediaProducingJob\n    rate: 3\n")
				remove(t, s, "q.yaml")
				remove(t, s, "r.yaml")
			},
			wantQuotas: []Quota{publishedQuota},
		},
		{
			name: "loading the name again replaces its quotas",
			run: func(t *testing.T, s *Server) {
				load(t, s, "q.yaml", quotaScenarioYAML)
				load(t, s, "q.yaml", "version: 1\nquotas:\n  - action: GetEditingProject\n    rate: 4\n")
			},
			wantQuotas: []Quota{{Action: "GetEditingProject", Rate: 4}, publishedQuota},
		},
		{
			name: "replacing the scenarios takes theirs out, not the others",
			run: func(t *testing.T, s *Server) {
				adminCall(t, s, "PUT", "/_icefake/quotas/GetEditingProject", `{"rate":4}`)
				load(t, s, "q.yaml", quotaScenarioYAML)
				if resp := adminCall(t, s, "PUT", "/_icefake/scenarios?name=t.yaml", throttleYAML); resp.status != 200 {
					t.Fatalf("PUT scenarios = %d %s", resp.status, resp.body)
				}
			},
			wantQuotas: []Quota{{Action: "GetEditingProject", Rate: 4}, publishedQuota},
		},
		{
			name:       "at start",
			opts:       []Option{WithScenario(&scenarios.Scenario{Name: "q.yaml", Version: 1, Quotas: []scenarios.Quota{{Action: "SubmitMediaProducingJob", Rate: 1, Burst: 1}, {Action: "DeleteEditingProjects", Rate: 2}}})},
			run:        func(t *testing.T, s *Server) {},
			wantQuotas: scenarioQuotas,
		},
		{
			name:       "at start, removed: the published quota is back",
			opts:       []Option{WithScenario(&scenarios.Scenario{Name: "q.yaml", Version: 1, Quotas: []scenarios.Quota{{Action: "SubmitMediaProducingJob", Rate: 1, Burst: 1}, {Action: "DeleteEditingProjects", Rate: 2}}})},
			run:        func(t *testing.T, s *Server) { remove(t, s, "q.yaml") },
			wantQuotas: []Quota{publishedQuota},
		},
		{
			name: "at start over WithQuotas, removed: that quota is back",
			opts: []Option{WithQuotas(Quota{Action: "SubmitMediaProducingJob", Rate: 7}),
				WithScenario(&scenarios.Scenario{Name: "q.yaml", Version: 1, Quotas: []scenarios.Quota{{Action: "SubmitMediaProducingJob", Rate: 1, Burst: 1}}})},
			run:        func(t *testing.T, s *Server) { remove(t, s, "q.yaml") },
			wantQuotas: []Quota{{Action: "SubmitMediaProducingJob", Rate: 7}},
		},
		{
			name: "at start, replaced by SetQuota before the control plane looked",
			opts: []Option{WithScenario(&scenarios.Scenario{Name: "q.yaml", Version: 1, Quotas: []scenarios.Quota{{Action: "SubmitMediaProducingJob", Rate: 1, Burst: 1}, {Action: "DeleteEditingProjects", Rate: 2}}})},
			run: func(t *testing.T, s *Server) {
				if err := s.SetQuota(Quota{Action: "SubmitMediaProducingJob", Rate: 9}); err != nil {
					t.Fatal(err)
				}
				remove(t, s, "q.yaml")
			},
			wantQuotas: []Quota{{Action: "SubmitMediaProducingJob", Rate: 9}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t, tt.opts...)
			tt.run(t, s)
			if d := diff(t, tt.wantQuotas, s.Quotas()); d != "" {
				t.Errorf("Quotas() (-want +got):\n%s", d)
			}
			var list quotaList
			adminCall(t, s, "GET", "/_icefake/quotas", "").into(t, &list)
			if d := diff(t, tt.wantQuotas, list.Quotas); d != "" {
				t.Errorf("GET quotas (-want +got):\n%s", d)
			}
		})
	}
}

// TestScenarioInfoCounts: ScenarioInfo counts every kind of entry,
// projects and quotas included, whether loaded or applied at start.
func TestScenarioInfoCounts(t *testing.T) {
	const full = `version: 1
credentials:
  - accessKeyId: seedAccessKeyId
    accessKeySecret: seedAccessKeySecret
media:
  - mediaId: m1
    duration: 10
projects:
  - title: one
  - title: two
  - title: three
quotas:
  - action: GetEditingProject
    rate: 100
faults:
  - action: DeleteEditingProjects
    code: Forbidden
`
	tests := []struct {
		name string
		opts []Option
		load bool
		want string
	}{
		{name: "loaded", load: true,
			want: `{"scenarios":[{"name":"full.yaml","credentials":1,"media":1,"templates":0,"projects":3,"quotas":1,"faults":1,"stubs":0,"activeFaults":1,"loadedAt":"2024-01-01T00:00:00Z"}]}`},
		{name: "at start", opts: []Option{WithScenario(mustParse(t, "full.yaml", full))},
			want: `{"scenarios":[{"name":"full.yaml","credentials":1,"media":1,"templates":0,"projects":3,"quotas":1,"faults":1,"stubs":0,"activeFaults":1}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t, tt.opts...)
			if tt.load {
				if resp := adminCall(t, s, "POST", "/_icefake/scenarios?name=full.yaml", full); resp.status != 201 {
					t.Fatalf("POST scenarios = %d %s", resp.status, resp.body)
				}
			}
			if got, want := strings.TrimSpace(string(adminCall(t, s, http.MethodGet, "/_icefake/scenarios", "").body)), tt.want; got != want {
				t.Errorf("GET scenarios =\n%s\nwant\n%s", got, want)
			}
		})
	}
}

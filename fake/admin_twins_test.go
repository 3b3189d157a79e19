package fake

import (
	"errors"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/icefake/icefake/scenarios"
)

// TestAdminTwinsAgree proves every admin endpoint means what its Go twin
// means: on two fresh servers in the same state, the Go call on one and the
// HTTP call on the other give the same answer, and leave both servers in
// the same state (projects, credentials, fault rules with their counters,
// quotas, scenarios, journal, clock), which the same follow-up API calls
// then see alike.
func TestAdminTwinsAgree(t *testing.T) {
	otherFault := Fault{Action: "GetEditingProject", Tenant: otherTenant.AccessKeyId, Code: "Forbidden"}
	tests := []struct {
		name       string
		goCall     func(t *testing.T, s *Server) (answer any, err error)
		method     string
		target     string
		body       string
		wantStatus int
	}{
		{
			name:   "Reset",
			goCall: func(t *testing.T, s *Server) (any, error) { s.Reset(); return okAnswer, nil },
			method: "POST", target: "/_icefake/reset", wantStatus: 200,
		},
		{
			name: "ResetTenant",
			goCall: func(t *testing.T, s *Server) (any, error) {
				s.ResetTenant(otherTenant.AccessKeyId)
				return adminOK{Status: "ok", Tenant: otherTenant.AccessKeyId}, nil
			},
			method: "POST", target: "/_icefake/reset?tenant=otherAccessKeyId", wantStatus: 200,
		},
		{
			name: "LoadScenario",
			goCall: func(t *testing.T, s *Server) (any, error) {
				err := s.LoadScenario(mustParse(t, "seed.yaml", seedYAML))
				return scenarioNamed(s, "seed.yaml"), err
			},
			method: "POST", target: "/_icefake/scenarios?name=seed.yaml", body: seedYAML, wantStatus: 201,
		},
		{
			name: "LoadScenario again replaces its rules",
			goCall: func(t *testing.T, s *Server) (any, error) {
				err := s.LoadScenario(mustParse(t, "start.yaml", seedYAML))
				return scenarioNamed(s, "start.yaml"), err
			},
			method: "POST", target: "/_icefake/scenarios?name=start.yaml", body: seedYAML, wantStatus: 201,
		},
		{
			name: "LoadScenario invalid",
			goCall: func(t *testing.T, s *Server) (any, error) {
				return nil, s.LoadScenario(&scenarios.Scenario{Name: "bad.yaml", Version: 1,
					Faults: []scenarios.Fault{{Action: "Nope", Code: "Forbidden"}}})
			},
			method: "POST", target: "/_icefake/scenarios?name=bad.yaml", body: "version: 1\nfaults:\n  - action: Nope\n    code: Forbidden\n", wantStatus: 400,
		},
		{
			name:   "Scenarios",
			goCall: func(t *testing.T, s *Server) (any, error) { return scenarioList{s.Scenarios()}, nil },
			method: "GET", target: "/_icefake/scenarios", wantStatus: 200,
		},
		{
			name: "ReplaceScenarios",
			goCall: func(t *testing.T, s *Server) (any, error) {
				err := s.ReplaceScenarios(mustParse(t, "seed.yaml", seedYAML))
				return scenarioList{s.Scenarios()}, err
			},
			method: "PUT", target: "/_icefake/scenarios?name=seed.yaml", body: seedYAML, wantStatus: 200,
		},
		{
			name: "RemoveScenario",
			goCall: func(t *testing.T, s *Server) (any, error) {
				return okAnswer, s.RemoveScenario("start.yaml")
			},
			method: "DELETE", target: "/_icefake/scenarios/start.yaml", wantStatus: 200,
		},
		{
			name:   "RemoveScenario unknown",
			goCall: func(t *testing.T, s *Server) (any, error) { return nil, s.RemoveScenario("nope.yaml") },
			method: "DELETE", target: "/_icefake/scenarios/nope.yaml", wantStatus: 404,
		},
		{
			name:   "Faults",
			goCall: func(t *testing.T, s *Server) (any, error) { return faultList{s.Faults()}, nil },
			method: "GET", target: "/_icefake/faults", wantStatus: 200,
		},
		{
			name: "InjectFault",
			goCall: func(t *testing.T, s *Server) (any, error) {
				_, err := s.InjectFault(Fault{Action: "CreateEditingProject", Match: map[string]string{"Title": "after"}, Code: "Forbidden", Status: 403})
				fs := s.Faults()
				return fs[len(fs)-1], err
			},
			method: "POST", target: "/_icefake/faults", body: `{"action":"CreateEditingProject","match":{"Title":"after"},"code":"Forbidden","status":403}`, wantStatus: 201,
		},
		{
			name: "InjectFault invalid",
			goCall: func(t *testing.T, s *Server) (any, error) {
				_, err := s.InjectFault(Fault{Action: "CreateEditingProject", Code: "Nope"})
				return nil, err
			},
			method: "POST", target: "/_icefake/faults", body: `{"action":"CreateEditingProject","code":"Nope"}`, wantStatus: 400,
		},
		{
			name:   "RemoveFault",
			goCall: func(t *testing.T, s *Server) (any, error) { return okAnswer, removed(s.RemoveFault(2)) },
			method: "DELETE", target: "/_icefake/faults/2", wantStatus: 200,
		},
		{
			name:   "RemoveFault unknown",
			goCall: func(t *testing.T, s *Server) (any, error) { return nil, removed(s.RemoveFault(99)) },
			method: "DELETE", target: "/_icefake/faults/99", wantStatus: 404,
		},
		{
			name:   "ClearFaults",
			goCall: func(t *testing.T, s *Server) (any, error) { s.ClearFaults(); return okAnswer, nil },
			method: "DELETE", target: "/_icefake/faults", wantStatus: 200,
		},
		{
			name:   "Stubs",
			goCall: func(t *testing.T, s *Server) (any, error) { return stubList{s.Stubs()}, nil },
			method: "GET", target: "/_icefake/stubs", wantStatus: 200,
		},
		{
			name: "InjectStub",
			goCall: func(t *testing.T, s *Server) (any, error) {
				_, err := s.InjectStub(Stub{Action: "AddCategory", Match: map[string]string{"CateName": "after"}, Times: 1,
					Response: map[string]any{"Category": map[string]any{"CateId": 7, "CateName": "${CateName}"}}})
				st := s.Stubs()
				return st[len(st)-1], err
			},
			method: "POST", target: "/_icefake/stubs", body: `{"action":"AddCategory","match":{"CateName":"after"},"times":1,"response":{"Category":{"CateId":7,"CateName":"${CateName}"}}}`, wantStatus: 201,
		},
		{
			name: "InjectStub invalid",
			goCall: func(t *testing.T, s *Server) (any, error) {
				_, err := s.InjectStub(Stub{Action: "AddCategory", Response: map[string]any{"Category": map[string]any{"CateId": "x"}}})
				return nil, err
			},
			method: "POST", target: "/_icefake/stubs", body: `{"action":"AddCategory","response":{"Category":{"CateId":"x"}}}`, wantStatus: 400,
		},
		{
			name:   "RemoveStub",
			goCall: func(t *testing.T, s *Server) (any, error) { return okAnswer, removed(s.RemoveStub(1)) },
			method: "DELETE", target: "/_icefake/stubs/1", wantStatus: 200,
		},
		{
			name:   "RemoveStub unknown",
			goCall: func(t *testing.T, s *Server) (any, error) { return nil, removed(s.RemoveStub(99)) },
			method: "DELETE", target: "/_icefake/stubs/99", wantStatus: 404,
		},
		{
			name:   "ClearStubs",
			goCall: func(t *testing.T, s *Server) (any, error) { s.ClearStubs(); return okAnswer, nil },
			method: "DELETE", target: "/_icefake/stubs", wantStatus: 200,
		},
		{
			name:   "Quotas",
			goCall: func(t *testing.T, s *Server) (any, error) { return quotaList{s.Quotas()}, nil },
			method: "GET", target: "/_icefake/quotas", wantStatus: 200,
		},
		{
			name: "SetQuota",
			goCall: func(t *testing.T, s *Server) (any, error) {
				q := Quota{Action: "GetEditingProject", Rate: 5, Burst: 10}
				return q, s.SetQuota(q)
			},
			method: "PUT", target: "/_icefake/quotas/GetEditingProject", body: `{"rate":5,"burst":10}`, wantStatus: 200,
		},
		{
			name: "SetQuota over a scenario's",
			goCall: func(t *testing.T, s *Server) (any, error) {
				q := Quota{Action: "SubmitMediaProducingJob", Rate: 0.5}
				return q, s.SetQuota(q)
			},
			method: "PUT", target: "/_icefake/quotas/SubmitMediaProducingJob", body: `{"rate":0.5}`, wantStatus: 200,
		},
		{
			name:   "SetQuota unknown Action",
			goCall: func(t *testing.T, s *Server) (any, error) { return nil, s.SetQuota(Quota{Action: "Nope", Rate: 1}) },
			method: "PUT", target: "/_icefake/quotas/Nope", body: `{"rate":1}`, wantStatus: 400,
		},
		{
			name:   "SetQuota rate 0",
			goCall: func(t *testing.T, s *Server) (any, error) { return nil, s.SetQuota(Quota{Action: "GetEditingProject"}) },
			method: "PUT", target: "/_icefake/quotas/GetEditingProject", body: `{"rate":0}`, wantStatus: 400,
		},
		{
			name: "RemoveQuota",
			goCall: func(t *testing.T, s *Server) (any, error) {
				return okAnswer, removed(s.RemoveQuota("DeleteEditingProjects"))
			},
			method: "DELETE", target: "/_icefake/quotas/DeleteEditingProjects", wantStatus: 200,
		},
		{
			name:   "RemoveQuota none set",
			goCall: func(t *testing.T, s *Server) (any, error) { return nil, removed(s.RemoveQuota("GetEditingProject")) },
			method: "DELETE", target: "/_icefake/quotas/GetEditingProject", wantStatus: 404,
		},
		{
			name:   "Clock",
			goCall: func(t *testing.T, s *Server) (any, error) { return s.Clock(), nil },
			method: "GET", target: "/_icefake/clock", wantStatus: 200,
		},
		{
			name:   "Advance",
			goCall: func(t *testing.T, s *Server) (any, error) { s.Advance(90 * time.Second); return s.Clock(), nil },
			method: "POST", target: "/_icefake/clock/advance", body: `{"by":"90s"}`, wantStatus: 200,
		},
		{
			name: "SetTime",
			goCall: func(t *testing.T, s *Server) (any, error) {
				s.SetTime(time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC))
				return s.Clock(), nil
			},
			method: "POST", target: "/_icefake/clock/set", body: `{"time":"2025-06-30T12:00:00Z"}`, wantStatus: 200,
		},
		{
			name: "CallsWhere",
			goCall: func(t *testing.T, s *Server) (any, error) {
				f := CallFilter{Action: "CreateEditingProject", Tenant: DefaultAccessKeyId, Code: "Throttling.User", Status: 400, Limit: 5}
				return newJournalAnswer(s.CallsWhere(f), s.DroppedCalls()), nil
			},
			method: "GET", target: "/_icefake/journal?action=CreateEditingProject&tenant=testAccessKeyId&code=Throttling.User&status=400&limit=5", wantStatus: 200,
		},
		{
			name: "CallsWhere all",
			goCall: func(t *testing.T, s *Server) (any, error) {
				return newJournalAnswer(s.CallsWhere(CallFilter{}), s.DroppedCalls()), nil
			},
			method: "GET", target: "/_icefake/journal", wantStatus: 200,
		},
		{
			name:   "ClearJournal",
			goCall: func(t *testing.T, s *Server) (any, error) { s.ClearJournal(); return okAnswer, nil },
			method: "DELETE", target: "/_icefake/journal", wantStatus: 200,
		},
		{
			name:   "Dump",
			goCall: func(t *testing.T, s *Server) (any, error) { return s.Dump(""), nil },
			method: "GET", target: "/_icefake/state", wantStatus: 200,
		},
		{
			name:   "Dump tenant",
			goCall: func(t *testing.T, s *Server) (any, error) { return s.Dump(otherTenant.AccessKeyId), nil },
			method: "GET", target: "/_icefake/state?tenant=otherAccessKeyId", wantStatus: 200,
		},
	}
	// healthz and the descriptions report; they have no twin. Metrics'
	// latencies differ between two servers (TestMetrics checks it).
	covered := map[string]bool{"Healthz": true, "Index": true, "IceOpenAPI": true, "IceOpenAPIJSON": true, "AdminOpenAPI": true, "Metrics": true}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			goSrv, httpSrv := twinServer(t, otherFault), twinServer(t, otherFault)
			if diff := diff(t, canonJSON(t, marshal(t, snapshot(goSrv))), canonJSON(t, marshal(t, snapshot(httpSrv)))); diff != "" {
				t.Fatalf("the two fresh servers differ before the call:\n%s", diff)
			}

			answer, goErr := tt.goCall(t, goSrv)
			resp := adminCall(t, httpSrv, tt.method, tt.target, tt.body)
			if rt, _, _ := matchAdminRoute(httptest.NewRequest(tt.method, tt.target, nil)); rt != nil {
				covered[rt.kin.Operation.OperationID] = true
			}
			if resp.status != tt.wantStatus {
				t.Fatalf("%s %s = %d %s, want %d", tt.method, tt.target, resp.status, resp.body, tt.wantStatus)
			}
			switch {
			case tt.wantStatus >= 400 && goErr == nil:
				t.Errorf("HTTP refused the call (%d) but the Go twin did not", resp.status)
			case tt.wantStatus < 400 && goErr != nil:
				t.Errorf("the Go twin refused the call (%v) but HTTP did not", goErr)
			case tt.wantStatus < 400:
				if diff := diff(t, canonJSON(t, marshal(t, answer)), canonJSON(t, resp.body)); diff != "" {
					t.Errorf("answers differ (want = Go, got = HTTP):\n%s", diff)
				}
			}

			for _, s := range []*Server{goSrv, httpSrv} {
				followUp(t, s)
			}
			if diff := diff(t, canonJSON(t, marshal(t, snapshot(goSrv))), canonJSON(t, marshal(t, snapshot(httpSrv)))); diff != "" {
				t.Errorf("state after the call and the follow-up differs (want = Go, got = HTTP):\n%s", diff)
			}
		})
	}
	for _, rt := range adminRoutes() {
		if !covered[rt.kin.Operation.OperationID] {
			t.Errorf("no twin case for %s %s (%s)", rt.method, rt.kin.Path, rt.kin.Operation.OperationID)
		}
	}
}

func scenarioNamed(s *Server, name string) ScenarioInfo {
	for _, info := range s.Scenarios() {
		if info.Name == name {
			return info
		}
	}
	return ScenarioInfo{}
}

func removed(ok bool) error {
	if !ok {
		return errors.New("nothing to remove")
	}
	return nil
}

// twinStartYAML throttles the 2nd create once and sets two quotas, one over
// the published SubmitMediaProducingJob quota; the follow-up calls none of
// their Actions.
const twinStartYAML = throttleYAML + `quotas:
  - action: SubmitMediaProducingJob
    rate: 1
    burst: 1
  - action: DeleteEditingProjects
    rate: 2
`

// twinServer is a fresh server in a known state: a scenario applied at
// start (throttling the 2nd create, setting quotas), a Go rule for the
// other tenant, and a journal of calls from two tenants.
func twinServer(t *testing.T, extra Fault) *Server {
	t.Helper()
	s := newTestServer(t, WithCredentials(otherTenant), WithScenario(mustParse(t, "start.yaml", twinStartYAML)),
		WithStubs(Stub{Action: "AddCategory", Match: map[string]string{"Type": "material"}, Response: map[string]any{"Category": map[string]any{"CateId": 1}}}))
	if _, err := s.InjectFault(extra); err != nil {
		t.Fatal(err)
	}
	created := mustRPC(t, s, 200, "CreateEditingProject", map[string]string{"Title": "one"})
	mustRPC(t, s, 400, "CreateEditingProject", map[string]string{"Title": "two"})
	s.Advance(time.Minute)
	mustRPC(t, s, 200, "CreateEditingProject", map[string]string{"Title": "three"})
	mustRPC(t, s, 200, "GetEditingProject", map[string]string{"ProjectId": created["Project"].(map[string]any)["ProjectId"].(string)})
	if status, body := rpcAs(t, s, otherTenant.AccessKeyId, otherTenant.AccessKeySecret, "CreateEditingProject", map[string]string{"Title": "theirs"}); status != 200 {
		t.Fatalf("create as other = %d %v", status, body)
	}
	return s
}

// followUp makes the same API calls on a server after the twin call, so
// that faults, counters and the clock show in the journal and the store.
func followUp(t *testing.T, s *Server) {
	t.Helper()
	rpc(t, s, "CreateEditingProject", map[string]string{"Title": "after"})
	rpc(t, s, "CreateEditingProject", map[string]string{"Title": "after 2"})
	rpc(t, s, "GetEditingProject", map[string]string{"ProjectId": "00000000000000000000000000000000"})
	rpcAs(t, s, otherTenant.AccessKeyId, otherTenant.AccessKeySecret, "GetEditingProject", map[string]string{"ProjectId": "00000000000000000000000000000000"})
	rpc(t, s, "AddCategory", map[string]string{"CateName": "after"})
	rpc(t, s, "AddCategory", map[string]string{"CateName": "after", "Type": "material"})
}

// snapshot is everything the control plane can observe of a server.
func snapshot(s *Server) any {
	return struct {
		State     State
		Faults    []FaultInfo
		Stubs     []StubInfo
		Quotas    []Quota
		Scenarios []ScenarioInfo
		Calls     []Call
		Dropped   int
		Clock     ClockInfo
	}{s.Dump(""), s.Faults(), s.Stubs(), s.Quotas(), s.Scenarios(), s.CallsWhere(CallFilter{}), s.DroppedCalls(), s.Clock()}
}

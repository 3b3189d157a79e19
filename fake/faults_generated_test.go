package fake

import (
	"strings"
	"testing"

	"github.com/icefake/icefake/scenarios"
)

// Faults and quotas name any Action of the merged spec: one icefake
// implements, one a stub answers (SubmitSnapshotJob here) and one that
// answers 501 NotImplemented (GetSnapshotJob). Both are known only from
// openapi/generated.yaml.

// snapshotParams are SubmitSnapshotJob's required parameters.
var snapshotParams = map[string]string{"Input": `{"Type":"Media","Media":"m-1"}`, "Output": `{"Type":"OSS","Media":"oss://b/{Count}.jpg"}`, "TemplateConfig": `{"TemplateId":"t"}`, "Name": "thumbs"}

// snapshotStub answers SubmitSnapshotJob.
var snapshotStub = Stub{Action: "SubmitSnapshotJob", Response: map[string]any{"JobId": "snap-${Name}"}}

// TestFaultOnGeneratedActions: a fault fires on a stubbed and on a 501
// Action after validation (a call with a missing parameter gets
// MissingParameter and is not counted), and the calls after it get the
// stub's answer or 501.
func TestFaultOnGeneratedActions(t *testing.T) {
	tests := []struct {
		name   string
		action string
		params map[string]string
		// after the fault's one call: the status and code (200, "" for the stub)
		thenStatus int
		thenCode   string
	}{
		{name: "stubbed", action: "SubmitSnapshotJob", params: snapshotParams, thenStatus: 200},
		{name: "not implemented", action: "GetSnapshotJob", params: map[string]string{"JobId": "j-1"}, thenStatus: 501, thenCode: "NotImplemented"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t, WithStubs(snapshotStub))
			if _, err := s.InjectFault(Fault{Action: tt.action, Times: 1, Code: "Throttling"}); err != nil {
				t.Fatalf("InjectFault(%s) error = %v", tt.action, err)
			}
			// Validation runs first: the invalid call is not the fault's.
			status, body := rpc(t, s, tt.action, nil)
			requireError(t, status, body, 400, "MissingParameter")

			rec := httptestRPC(t, s, tt.action, tt.params)
			if got, want := rec.Code, 400; got != want {
				t.Fatalf("faulted call status = %d, want %d: %s", got, want, rec.Body.String())
			}
			if !strings.Contains(rec.Body.String(), `"Code":"Throttling"`) {
				t.Errorf("faulted call body = %s, want Code Throttling", rec.Body.String())
			}
			if got, want := rec.Header().Get("x-acs-retry-after"), "1000"; got != want {
				t.Errorf("x-acs-retry-after = %q, want %q", got, want)
			}

			status, body = rpc(t, s, tt.action, tt.params)
			if tt.thenStatus == 200 {
				if status != 200 || body["JobId"] != "snap-thumbs" {
					t.Errorf("after the fault: %d %v, want 200 with the stub's JobId snap-thumbs", status, body)
				}
			} else {
				requireError(t, status, body, tt.thenStatus, tt.thenCode, `"`+tt.action+`"`)
			}

			calls := s.Calls(tt.action)
			if got, want := len(calls), 3; got != want {
				t.Fatalf("journal has %d %s calls, want %d", got, tt.action, want)
			}
			if calls[0].Fault != "" || calls[1].Fault == "" || calls[2].Fault != "" {
				t.Errorf("journal faults = %q, %q, %q; want only the second call's", calls[0].Fault, calls[1].Fault, calls[2].Fault)
			}
			if got := s.Faults()[0].Seen; got != 2 {
				t.Errorf("fault seen = %d, want 2 (the two valid calls; the invalid one is not counted)", got)
			}
		})
	}
}

// TestQuotaOnGeneratedAction: a quota on a 501 Action throttles its second
// call, and Quotas() lists it in Action order with the published one.
func TestQuotaOnGeneratedAction(t *testing.T) {
	s := newTestServer(t)
	if err := s.SetQuota(Quota{Action: "GetSnapshotJob", Rate: 0.001, Burst: 1}); err != nil {
		t.Fatalf("SetQuota(GetSnapshotJob) error = %v", err)
	}
	params := map[string]string{"JobId": "j-1"}
	status, body := rpc(t, s, "GetSnapshotJob", params)
	requireError(t, status, body, 501, "NotImplemented")
	status, body = rpc(t, s, "GetSnapshotJob", params)
	requireError(t, status, body, 400, "Throttling.User")

	got := s.Quotas()
	want := []Quota{{Action: "GetSnapshotJob", Rate: 0.001, Burst: 1}, {Action: "SubmitMediaProducingJob", Rate: 30, Burst: 30}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("Quotas() = %v, want %v", got, want)
	}
}

// TestGeneratedActionRulesValidation: rules on generated Actions are
// checked like the others; an unknown name points at docs/actions.md.
func TestGeneratedActionRulesValidation(t *testing.T) {
	tests := []struct {
		name    string
		add     func(s *Server) error
		wantErr string
	}{
		{"fault on an unknown Action", func(s *Server) error {
			_, err := s.InjectFault(Fault{Action: "SubmitSnapshotJobs", Code: "Throttling"})
			return err
		}, `icefake: fault: unknown Action "SubmitSnapshotJobs" (not an Action of the ICE SDK's model; docs/actions.md lists them)`},
		{"MatchJSON on a generated Action", func(s *Server) error {
			_, err := s.InjectFault(Fault{Action: "GetSnapshotJob", Code: "Throttling", MatchJSON: []JSONMatch{{Param: "JobId", Path: "$.A", Value: "1"}}})
			return err
		}, `icefake: fault for GetSnapshotJob: MatchJSON "JobId" is not a JSON parameter of GetSnapshotJob (known: )`},
		{"quota on an unknown Action", func(s *Server) error {
			return s.SetQuota(Quota{Action: "GetSnapshotJobs", Rate: 1})
		}, `icefake: quota: unknown Action "GetSnapshotJobs" (not an Action of the ICE SDK's model; docs/actions.md lists them)`},
		{"fault with a Match on a generated Action", func(s *Server) error {
			_, err := s.InjectFault(Fault{Action: "GetSnapshotJob", Code: "Throttling", Match: map[string]string{"JobId": "j-1"}})
			return err
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.add(newTestServer(t))
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.wantErr {
				t.Errorf("error = %q, want %q", got, tt.wantErr)
			}
		})
	}
}

// TestFaultOnGeneratedActionCompilesNothing: naming a generated Action in
// a fault or quota does not compile its route (start-up stays lazy); only
// its first call does.
func TestFaultOnGeneratedActionCompilesNothing(t *testing.T) {
	// An Action no other test of this package calls; forget its route in
	// case an earlier run (-count) built it.
	const action = "GetSmartHandleJob"
	generatedRoutes.Delete(action)
	s := newTestServer(t)
	if _, err := s.InjectFault(Fault{Action: action, Code: "Throttling"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetQuota(Quota{Action: action, Rate: 5}); err != nil {
		t.Fatal(err)
	}
	if _, built := generatedRoutes.Load(action); built {
		t.Errorf("InjectFault/SetQuota(%s) compiled its route", action)
	}
	status, body := rpc(t, s, action, map[string]string{"JobId": "j"})
	requireError(t, status, body, 400, "Throttling")
	if _, built := generatedRoutes.Load(action); !built {
		t.Errorf("the first %s call did not build its route", action)
	}
}

// TestScenarioRulesOnGeneratedActions: a scenario's faults: and quotas: on
// generated Actions load and fire (its sequence: throttle once, then the
// stub answers).
func TestScenarioRulesOnGeneratedActions(t *testing.T) {
	sc, err := scenarios.Parse("g.yaml", []byte(`version: 1
faults:
  - action: SubmitSnapshotJob
    match: {Name: thumbs}
    sequence: [{code: Throttling}, {ok: true}]
quotas:
  - {action: GetSnapshotJob, rate: 0.001, burst: 1}
stubs:
  - action: SubmitSnapshotJob
    response: {JobId: "snap-${Name}"}
`))
	if err != nil {
		t.Fatalf("Parse() error = %v", err)
	}
	s := newTestServer(t, WithScenario(sc))
	status, body := rpc(t, s, "SubmitSnapshotJob", snapshotParams)
	requireError(t, status, body, 400, "Throttling")
	status, body = rpc(t, s, "SubmitSnapshotJob", snapshotParams)
	if status != 200 || body["JobId"] != "snap-thumbs" {
		t.Errorf("second call = %d %v, want 200 with the stub's JobId", status, body)
	}
	status, body = rpc(t, s, "GetSnapshotJob", map[string]string{"JobId": "j"})
	requireError(t, status, body, 501, "NotImplemented")
	status, body = rpc(t, s, "GetSnapshotJob", map[string]string{"JobId": "j"})
	requireError(t, status, body, 400, "Throttling.User")
}

// TestAdminRulesOnGeneratedActions: POST /_icefake/faults and PUT
// /_icefake/quotas/{action} take generated Actions, and the rule fires.
func TestAdminRulesOnGeneratedActions(t *testing.T) {
	s := newTestServer(t)
	resp := adminCall(t, s, "POST", "/_icefake/faults", `{"action":"GetSnapshotJob","code":"Throttling","times":1}`)
	if got, want := strings.TrimSpace(string(resp.body)), `{"id":1,"rule":{"action":"GetSnapshotJob","times":1,"code":"Throttling"},"seen":0,"source":""}`; resp.status != 201 || got != want {
		t.Fatalf("POST /_icefake/faults = %d %s, want 201 %s", resp.status, got, want)
	}
	resp = adminCall(t, s, "PUT", "/_icefake/quotas/SubmitSnapshotJob", `{"rate":0.001,"burst":1}`)
	if got, want := strings.TrimSpace(string(resp.body)), `{"action":"SubmitSnapshotJob","rate":0.001,"burst":1}`; resp.status != 200 || got != want {
		t.Fatalf("PUT /_icefake/quotas/SubmitSnapshotJob = %d %s, want 200 %s", resp.status, got, want)
	}
	resp = adminCall(t, s, "PUT", "/_icefake/quotas/SubmitSnapshotJobs", `{"rate":1}`)
	wantAdminError(t, resp, 400, "InvalidQuota")

	status, body := rpc(t, s, "GetSnapshotJob", map[string]string{"JobId": "j"})
	requireError(t, status, body, 400, "Throttling")
	status, body = rpc(t, s, "GetSnapshotJob", map[string]string{"JobId": "j"})
	requireError(t, status, body, 501, "NotImplemented")
	status, body = rpc(t, s, "SubmitSnapshotJob", snapshotParams)
	requireError(t, status, body, 501, "NotImplemented")
	status, body = rpc(t, s, "SubmitSnapshotJob", snapshotParams)
	requireError(t, status, body, 400, "Throttling.User")
}

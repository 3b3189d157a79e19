package fake

import (
	"strings"
	"testing"

	"github.com/icefake/icefake/scenarios"
)

// TestFaultRuleLimit: at most MaxFaultRules rules are held, whichever way
// they come; a scenario that would pass the limit is refused whole.
func TestFaultRuleLimit(t *testing.T) {
	s := newTestServer(t)
	for i := range MaxFaultRules - 1 {
		if _, err := s.InjectFault(Fault{Action: "CreateEditingProject", After: i, Code: "Forbidden"}); err != nil {
			t.Fatalf("rule %d: %v", i, err)
		}
	}
	var b strings.Builder
	b.WriteString("version: 1\nfaults:\n")
	for range 2 {
		b.WriteString("  - {action: GetEditingProject, code: Forbidden}\n")
	}
	sc, err := scenarios.Parse("two.yaml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.LoadScenario(sc); err == nil || !strings.Contains(err.Error(), "too many fault rules: 9999 in place and 2 more would pass the limit of 10000") {
		t.Errorf("LoadScenario over the limit = %v, want the limit named", err)
	}
	if got := len(s.Scenarios()); got != 0 {
		t.Errorf("scenarios after a refused load = %d, want 0", got)
	}
	resp := adminCall(t, s, "POST", "/_icefake/faults", `{"action":"GetEditingProject","code":"Forbidden"}`)
	if resp.status != 201 {
		t.Fatalf("the 10000th rule = %d %s, want 201", resp.status, resp.body)
	}
	resp = adminCall(t, s, "POST", "/_icefake/faults", `{"action":"GetEditingProject","code":"Forbidden"}`)
	if want := `{"error":"too many fault rules: 10000 in place, the limit (docs/fidelity.md \"Fault rule limit\")","code":"InvalidFault"}`; resp.status != 400 || strings.TrimSpace(string(resp.body)) != want {
		t.Errorf("the 10001st rule = %d %s, want 400 %s", resp.status, resp.body, want)
	}
	if got := len(s.Faults()); got != MaxFaultRules {
		t.Errorf("rules = %d, want %d", got, MaxFaultRules)
	}
	// A call scans only its own Action's rules, and they still fire.
	if got := len(s.faults.byAction["GetEditingProject"]); got != 1 {
		t.Errorf("indexed GetEditingProject rules = %d, want 1", got)
	}
	status, body := rpc(t, s, "GetEditingProject", map[string]string{"ProjectId": "x"})
	requireError(t, status, body, 403, "Forbidden")
	s.ClearFaults()
	if _, err := s.InjectFault(Fault{Action: "GetEditingProject", Code: "Forbidden"}); err != nil {
		t.Errorf("InjectFault after ClearFaults = %v, want room again", err)
	}
}

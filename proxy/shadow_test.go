package proxy

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"

	"github.com/icefake/icefake/fake"
)

// TestShadow sends every call to an in-process fake too: the fake makes its
// own ProjectIds (another seed), which the proxy maps to the upstream's, so
// the only difference reported is the one injected upstream.
func TestShadow(t *testing.T) {
	retitle := func(action string, status int, body map[string]any) (int, any) {
		if action == "GetEditingProject" && status == 200 {
			body["Project"].(map[string]any)["Title"] = "T"
		}
		return status, body
	}
	up := httptest.NewServer(rewriter(newUpstream(t, ""), retitle))
	t.Cleanup(up.Close)
	shadow := newUpstream(t, "", fake.WithSeed(2), fake.WithAuthMode(fake.AuthOff))
	p, base, _ := startProxy(t, up.URL, Options{Shadow: shadow})
	client := &http.Client{}

	_, body := call(t, client, base, "CreateEditingProject", map[string]string{"Title": "t", "Timeline": timeline12s})
	var created struct{ Project struct{ ProjectId string } }
	if err := json.Unmarshal([]byte(body), &created); err != nil || created.Project.ProjectId == "" {
		t.Fatalf("Create = %s", body)
	}
	call(t, client, base, "GetEditingProject", map[string]string{"ProjectId": created.Project.ProjectId})
	call(t, client, base, "GetEditingProject", map[string]string{"ProjectId": unknownID})
	call(t, client, base, "SearchEditingProject", map[string]string{})

	var got [][]Finding
	for _, c := range p.Calls() {
		got = append(got, c.Findings)
	}
	want := [][]Finding{
		{},
		{{Rule: RuleShadowDifference, Path: "$.Project.Title", Message: `Upstream has "T" (string), the fake "t" (string).`}},
		{},
		{},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings per call:\ngot  %+v\nwant %+v", got, want)
	}
	if ids := p.shadow.ids; len(ids) != 1 {
		t.Errorf("learnt IDs = %v, want the created project's (the seeded one is the same on both)", ids)
	}
}

func TestShadowDiff(t *testing.T) {
	st := newShadowState()
	a := map[string]any{"RequestId": "x", "A": 1.0, "B": []any{"0123456789abcdef0123456789abcdef", "2024-01-01T00:00:00Z"}, "Up": true}
	b := map[string]any{"RequestId": "y", "A": "1", "B": []any{"fedcba9876543210fedcba9876543210", "2025-02-02T00:00:00Z", 3.0}, "Fake": nil}
	got := st.diff("$", a, b)
	want := []Finding{
		{Rule: RuleShadowDifference, Path: "$.A", Message: `Upstream has 1 (number), the fake "1" (string).`},
		{Rule: RuleShadowDifference, Path: "$.B", Message: "Upstream has 2 items, the fake 3."},
		{Rule: RuleShadowDifference, Path: "$.Fake", Message: "The fake has null, upstream does not."},
		{Rule: RuleShadowDifference, Path: "$.Up", Message: "Upstream has true, the fake does not."},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("diff:\ngot  %+v\nwant %+v", got, want)
	}
	// The pair is learnt: a different fake ID for the same upstream ID is a difference.
	if f := st.diff("$.Id", "0123456789abcdef0123456789abcdef", "11111111111111111111111111111111"); len(f) != 1 {
		t.Errorf("remapped ID: findings %+v, want one", f)
	}
}

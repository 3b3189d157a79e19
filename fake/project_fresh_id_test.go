package fake

import (
	"testing"
)

// TestGeneratedProjectIdSkipsSeededOne: with WithSeed the generator's
// ProjectIds are known in advance, so a scenario or SeedProject may hold the
// very ID the next CreateEditingProject (or SubmitMediaProducingJob without
// a ProjectId) generates. The new project gets another ID: the seeded one
// stays reachable under its own, and no two projects share one.
func TestGeneratedProjectIdSkipsSeededOne(t *testing.T) {
	tests := []struct {
		name   string
		action string
		params map[string]string
	}{
		{name: "CreateEditingProject", action: "CreateEditingProject", params: map[string]string{"Title": "created"}},
		{name: "SubmitMediaProducingJob implicit project", action: "SubmitMediaProducingJob",
			params: map[string]string{"Timeline": prTimeline25, "OutputMediaConfig": prOutput, "ProjectMetadata": `{"Title":"created"}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The ProjectId the first call generates on a fresh server.
			probe := newProductionServer(t)
			taken := projectIDOf(t, prOK(t, probe, tt.action, tt.params))

			s := newProductionServer(t)
			if _, err := s.SeedProject(DefaultAccessKeyId, Project{ProjectId: taken, Title: "seeded"}); err != nil {
				t.Fatalf("SeedProject(%s) error = %v", taken, err)
			}
			got := projectIDOf(t, prOK(t, s, tt.action, tt.params))
			if got == taken || !reIDOK(got) {
				t.Fatalf("%s ProjectId = %s, want a 32-hex ID other than the seeded %s", tt.action, got, taken)
			}
			for id, want := range map[string]string{taken: "seeded", got: "created"} {
				p := prOK(t, s, "GetEditingProject", map[string]string{"ProjectId": id})["Project"].(map[string]any)
				if p["Title"] != want {
					t.Errorf("GetEditingProject(%s) Title = %v, want %q", id, p["Title"], want)
				}
			}
			list := prOK(t, s, "SearchEditingProject", map[string]string{})
			ids := map[string]bool{}
			for _, it := range list["ProjectList"].([]any) {
				ids[it.(map[string]any)["ProjectId"].(string)] = true
			}
			if len(ids) != 2 || !ids[taken] || !ids[got] || list["TotalCount"] != float64(2) {
				t.Errorf("Search = %v (TotalCount %v), want the two projects %s and %s", ids, list["TotalCount"], taken, got)
			}
		})
	}
}

func projectIDOf(t *testing.T, body map[string]any) string {
	t.Helper()
	if p, ok := body["Project"].(map[string]any); ok {
		return prString(t, p, "ProjectId")
	}
	return prString(t, body, "ProjectId")
}

package fake

import (
	"encoding/json"
	"fmt"
	"sort"
	"testing"
)

// Helpers of the project-lifecycle tests (update, delete, search, list,
// materials).

// lcOK calls action and fails the test unless it answers 200; it returns the
// body.
func lcOK(t *testing.T, s *Server, action string, params map[string]string) map[string]any {
	t.Helper()
	status, body := rpc(t, s, action, params)
	if status != 200 {
		t.Fatalf("%s(%v) = %d %v, want 200", action, params, status, body)
	}
	return body
}

// lcCreate creates a project and returns its ProjectId.
func lcCreate(t *testing.T, s *Server, params map[string]string) string {
	t.Helper()
	if params["Title"] == "" {
		params["Title"] = "t"
	}
	body := lcOK(t, s, "CreateEditingProject", params)
	return body["Project"].(map[string]any)["ProjectId"].(string)
}

// lcGet returns GetEditingProject's Project.
func lcGet(t *testing.T, s *Server, id string) map[string]any {
	t.Helper()
	return lcOK(t, s, "GetEditingProject", map[string]string{"ProjectId": id})["Project"].(map[string]any)
}

// lcJSON renders v as compact JSON, for messages and comparisons.
func lcJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// lcIDs returns the ProjectId of each item of a ProjectList.
func lcIDs(t *testing.T, body map[string]any) []string {
	t.Helper()
	list, ok := body["ProjectList"].([]any)
	if !ok {
		t.Fatalf("ProjectList = %v, want an array", body["ProjectList"])
	}
	out := make([]string, 0, len(list))
	for _, it := range list {
		out = append(out, it.(map[string]any)["ProjectId"].(string))
	}
	return out
}

// checkIndex fails the test unless every tenant's Search/List index agrees
// with its projects.
func checkIndex(t *testing.T, s *Server) {
	t.Helper()
	st := s.store
	st.mu.RLock()
	defer st.mu.RUnlock()
	for tenant, ts := range st.tenants {
		ix := &ts.index
		want := make([]map[projectClass]int32, len(ix.blocks))
		for i, p := range ts.order {
			if got, ok := p.position(); !ok || got != i {
				t.Errorf("tenant %s: position of %s = %d, %v, want %d, true", tenant, p.id, got, ok, i)
			}
			if want[i/indexBlock] == nil {
				want[i/indexBlock] = map[projectClass]int32{}
			}
			want[i/indexBlock][classOf(p)]++
		}
		for b, blk := range ix.blocks {
			got := map[projectClass]int32{}
			for id, n := range blk {
				if n != 0 {
					got[ix.classes[id]] = n
				}
			}
			if lcJSON(fmtClasses(got)) != lcJSON(fmtClasses(want[b])) {
				t.Errorf("tenant %s: block %d counts %v, want %v", tenant, b, fmtClasses(got), fmtClasses(want[b]))
			}
		}
	}
}

// fmtClasses renders class counts as sorted "status/source/template/type=n" strings.
func fmtClasses(m map[projectClass]int32) []string {
	out := make([]string, 0, len(m))
	for c, n := range m {
		out = append(out, fmt.Sprintf("%s/%s/%s/%s=%d", c.status, c.createSource, c.templateType, c.projectType, n))
	}
	sort.Strings(out)
	return out
}

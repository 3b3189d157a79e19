package fake

import (
	"slices"
	"testing"
)

func TestDeleteEditingProjects(t *testing.T) {
	s := newTestServer(t)
	a := lcCreate(t, s, map[string]string{"Title": "a"})
	b := lcCreate(t, s, map[string]string{"Title": "b"})
	c := lcCreate(t, s, map[string]string{"Title": "c"})

	body := lcOK(t, s, "DeleteEditingProjects", map[string]string{"ProjectIds": " " + a + ", ," + c + ",00000000000000000000000000000000"})
	if len(body) != 1 || body["RequestId"] == nil {
		t.Errorf("DeleteEditingProjects body = %v, want only RequestId", body)
	}
	for _, id := range []string{a, c} {
		for _, action := range []string{"GetEditingProject", "GetEditingProjectMaterials", "UpdateEditingProject"} {
			status, body := rpc(t, s, action, map[string]string{"ProjectId": id})
			requireError(t, status, body, 404, "ProjectNotFound")
		}
		if _, ok := s.Project(DefaultAccessKeyId, id); ok {
			t.Errorf("Server.Project(%s) ok = true, want false for a deleted project", id)
		}
	}
	lcGet(t, s, b)
	if got := lcIDs(t, lcOK(t, s, "SearchEditingProject", nil)); !slices.Equal(got, []string{b}) {
		t.Errorf("Search after delete = %v, want [%s]", got, b)
	}
	if got := lcIDs(t, lcOK(t, s, "ListEditingProjects", nil)); !slices.Equal(got, []string{b}) {
		t.Errorf("List after delete = %v, want [%s]", got, b)
	}
	// Idempotent: deleting again, or unknown IDs only, succeeds.
	lcOK(t, s, "DeleteEditingProjects", map[string]string{"ProjectIds": a + "," + c})
	lcOK(t, s, "DeleteEditingProjects", map[string]string{"ProjectIds": "unknown"})
	checkIndex(t, s)
}

func TestDeleteEditingProjectsErrors(t *testing.T) {
	tests := []struct {
		name   string
		params map[string]string
	}{
		{"absent", nil},
		{"empty", map[string]string{"ProjectIds": ""}},
		{"only commas", map[string]string{"ProjectIds": " , ,"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t)
			status, body := rpc(t, s, "DeleteEditingProjects", tt.params)
			requireError(t, status, body, 400, "MissingParameter", `"ProjectIds"`)
		})
	}
}

func TestDeleteIsPerTenant(t *testing.T) {
	s := newTestServer(t)
	id := lcCreate(t, s, map[string]string{})
	s.store.deleteProjects("someone-else", []string{id}, s.Now())
	lcGet(t, s, id)
}

package fake

import (
	"net/url"
	"testing"
	"time"
)

// TestCreateTimeTakenAtInsert: a create that arrived earlier but reaches
// the store later gets the later time, so the tenant's creation order stays
// sorted by creation time and the Search/List index keeps its fast form.
func TestCreateTimeTakenAtInsert(t *testing.T) {
	s, err := New(WithStartTime(DefaultStartTime), WithSeed(1))
	if err != nil {
		t.Fatal(err)
	}
	early := &call{Action: "CreateEditingProject", Tenant: DefaultAccessKeyId, Params: url.Values{"Title": {"early"}}, Now: s.Now()}
	s.Advance(time.Second)
	late := &call{Action: "CreateEditingProject", Tenant: DefaultAccessKeyId, Params: url.Values{"Title": {"late"}}, Now: s.Now()}
	for _, c := range []*call{late, early} { // early reaches the store last
		if _, err := s.createEditingProject(c); err != nil {
			t.Fatalf("create %s: %v", c.Params.Get("Title"), err)
		}
	}
	ps := s.Projects(DefaultAccessKeyId)
	if len(ps) != 2 {
		t.Fatalf("projects = %d, want 2", len(ps))
	}
	want := DefaultStartTime.Add(time.Second)
	for _, p := range ps {
		if !p.CreateTime.Equal(want) || !p.ModifiedTime.Equal(want) {
			t.Errorf("%s: CreateTime, ModifiedTime = %s, %s; want both %s", p.Title, p.CreateTime, p.ModifiedTime, want)
		}
	}
	s.store.mu.RLock()
	unsorted := s.store.tenants[DefaultAccessKeyId].index.unsorted
	s.store.mu.RUnlock()
	if unsorted {
		t.Error("index.unsorted = true, want false: creation times went backwards along the creation order")
	}
}

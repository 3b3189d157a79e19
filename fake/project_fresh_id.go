package fake

import "time"

// freshProjectID returns id when t has no project (live or deleted) with
// that ProjectId, else the first ID newID returns that t has none with. A
// generated ProjectId can meet a seeded one: with WithSeed the generator's
// IDs are known in advance, and a scenario may seed a project under an ID
// a previous run generated. Two projects of a tenant never share an ID.
// The caller holds the store's lock for writing.
func (t *tenantState) freshProjectID(id string, newID func() string) string {
	for t.lookup(id) != nil {
		id = newID()
	}
	return id
}

// insertCreatedProject is insertProjectNow for a project whose ProjectId
// was generated: under the same lock it replaces the ID by a fresh one
// when tenant already has a project with it (freshProjectID).
func (st *store) insertCreatedProject(tenant string, p *Project, now func() time.Time, newID func() string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	t := st.tenant(tenant)
	p.ProjectId = t.freshProjectID(p.ProjectId, newID)
	p.CreateTime = now()
	p.ModifiedTime = p.CreateTime
	t.addProject(p)
}

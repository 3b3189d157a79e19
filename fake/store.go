package fake

import (
	"maps"
	"slices"
	"sync"
	"time"
)

// store is icefake's in-memory state. One RWMutex guards everything; values
// handed out are copies. Each tenant (AccessKeyId) has its own projects;
// seeded media are shared by every tenant.
type store struct {
	mu      sync.RWMutex
	tenants map[string]*tenantState
	media   mediaIndex
	// templates are seeded templates, shared by every tenant (templates.go);
	// nil until the first is added.
	templates map[string]Template
}

type tenantState struct {
	// order holds the tenant's projects, as compact records
	// (project_record.go), in creation order.
	order []*projectRec
	// ids finds a project in order by its ProjectId (project_ids.go);
	// lookup finds one by its ProjectId text.
	ids projectIDIndex
	// index serves Search/List without visiting every project
	// (project_index.go). insertProject and updateProject keep it in step:
	// change a stored project only through them (or deleteProjects).
	index projectIndex
	// materials are the materials of projects that Add/DeleteEditingProjectMaterials
	// changed (materials.go); a project without an entry has those of its
	// Create MaterialMaps.
	materials map[string]*projectMaterials
	// prod holds the tenant's registered media, media-producing jobs and
	// idempotency tokens (mediainfo.go, jobs.go); nil until first used.
	prod *tenantProduction
	// templates are the tenant's own templates (AddTemplate,
	// templates_api.go); nil until the first.
	templates map[string]*ownedTemplate
	// categories are the tenant's media asset categories (categories.go);
	// nil until the first.
	categories *categories
	// uploads are the tenant's URL upload jobs (UploadMediaByURL,
	// media_upload.go); nil until the first.
	uploads *tenantUploads
}

func newStore() *store {
	return &store{tenants: map[string]*tenantState{}, media: newMediaIndex()}
}

// tenant returns the state of tenant id, creating it. Callers hold mu for writing.
func (st *store) tenant(id string) *tenantState {
	t := st.tenants[id]
	if t == nil {
		t = &tenantState{}
		st.tenants[id] = t
	}
	return t
}

// lookup returns t's project id (live or deleted), nil when there is none.
func (t *tenantState) lookup(id string) *projectRec {
	k, ok := parseProjectKey(id)
	if !ok {
		return nil
	}
	return t.ids.find(t.order, k)
}

// insertProject stores p for tenant; p.ProjectId must be new.
func (st *store) insertProject(tenant string, p *Project) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.tenant(tenant).addProject(p)
}

// insertProjectNow is insertProject stamping p's CreateTime and ModifiedTime
// with now() read under the write lock: creates then reach the tenant's
// creation order in the order of their creation times, whatever order
// concurrent calls arrive in, so the Search/List index stays in its fast
// sorted form while the clock runs forward (project_index.go).
func (st *store) insertProjectNow(tenant string, p *Project, now func() time.Time) {
	st.mu.Lock()
	defer st.mu.Unlock()
	p.CreateTime = now()
	p.ModifiedTime = p.CreateTime
	st.tenant(tenant).addProject(p)
}

// project returns a copy of tenant's project id; ok is false for unknown or
// deleted projects.
func (st *store) project(tenant, id string) (Project, bool) {
	st.mu.RLock()
	defer st.mu.RUnlock()
	t := st.tenants[tenant]
	if t == nil {
		return Project{}, false
	}
	p := t.lookup(id)
	if p == nil || p.deleted() {
		return Project{}, false
	}
	return p.project(), true
}

// updateProject runs fn on tenant's live project id under the write lock;
// fn's error (or ProjectNotFound for an unknown or deleted project) is
// returned and nothing fn did is undone, so fn must check before it changes.
// fn must not change CreateTime or ProjectId; the Search/List index follows
// its other changes.
func (st *store) updateProject(tenant, id string, fn func(*Project) error) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	t := st.tenants[tenant]
	var r *projectRec
	if t != nil {
		r = t.lookup(id)
	}
	if r == nil || r.deleted() {
		return NewError(CodeProjectNotFound)
	}
	var err error
	t.changeProject(r, func(p *Project) { err = fn(p) })
	return err
}

// projects returns copies of every live project of tenant in creation order.
func (st *store) projects(tenant string) []Project {
	st.mu.RLock()
	defer st.mu.RUnlock()
	t := st.tenants[tenant]
	if t == nil {
		return nil
	}
	out := make([]Project, 0, len(t.order))
	for _, p := range t.order {
		if !p.deleted() {
			out = append(out, p.project())
		}
	}
	return out
}

// tenantIDs returns the tenants that have state, sorted.
func (st *store) tenantIDs() []string {
	st.mu.RLock()
	defer st.mu.RUnlock()
	return slices.Sorted(maps.Keys(st.tenants))
}

// reset drops every tenant's projects, or only tenant's when tenant != "".
// Seeded media stay.
func (st *store) reset(tenant string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if tenant == "" {
		st.tenants = map[string]*tenantState{}
		return
	}
	delete(st.tenants, tenant)
}

// ProjectStatus is an editing project's status: the number CreateEditingProject
// returns in Status, whose String is the name Get/Search return (docs/fidelity.md "Lifecycle").
type ProjectStatus int32

// Project statuses (docs/fidelity.md "Lifecycle"; 6 is not documented).
const (
	StatusDraft         ProjectStatus = 1
	StatusEditing       ProjectStatus = 2
	StatusProducing     ProjectStatus = 3
	StatusProduced      ProjectStatus = 4
	StatusProduceFailed ProjectStatus = 5
	StatusDeleted       ProjectStatus = 7
)

// String returns the status name, e.g. "Editing".
func (s ProjectStatus) String() string {
	switch s {
	case StatusDraft:
		return "Draft"
	case StatusEditing:
		return "Editing"
	case StatusProducing:
		return "Producing"
	case StatusProduced:
		return "Produced"
	case StatusProduceFailed:
		return "ProduceFailed"
	case StatusDeleted:
		return "Deleted"
	}
	return "Unknown"
}

// Project is an editing project. icefake stores it as a compact record
// (project_record.go); direct-access methods (Server.Project,
// Server.Projects) return it as this.
type Project struct {
	ProjectId      string
	Title          string
	Description    string
	Timeline       string // byte-for-byte as sent; "" for an empty timeline
	TemplateId     string
	TemplateType   string
	ClipsParam     string
	CoverURL       string
	MaterialMaps   string
	Duration       float64 // seconds, from the Timeline (docs/fidelity.md "Duration")
	Status         ProjectStatus
	CreateSource   string
	ModifiedSource string
	CreateTime     time.Time
	ModifiedTime   time.Time
	ProjectType    string
	BusinessConfig string
	BusinessStatus string
	// ErrorCode and ErrorMessage are set when production failed
	// (ProduceFailed), as SearchEditingProject reports them.
	ErrorCode    string
	ErrorMessage string
}

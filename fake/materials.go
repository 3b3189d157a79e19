package fake

import (
	"encoding/json"
	"fmt"
	"slices"
)

// materialMediaKinds are the MaterialMaps keys holding media IDs, in the
// order one MaterialMaps adds them: the documented video, audio and image,
// then subtitle and text, which DeleteEditingProjectMaterials takes as
// MaterialType (API reference: AddEditingProjectMaterials, GetEditingProjectMaterials, DeleteEditingProjectMaterials).
var materialMediaKinds = []string{"video", "audio", "image", "subtitle", "text"}

// materialRef is a media ID associated with a project as one kind.
type materialRef struct {
	kind, id string
}

// liveMaterial is a liveStream material, as GetEditingProjectMaterials
// answers it; MaterialMaps spells the keys appName, domainName, liveUrl and
// streamName (Go's JSON decoding matches them case-insensitively).
type liveMaterial struct {
	AppName    string `json:"AppName,omitempty"`
	DomainName string `json:"DomainName,omitempty"`
	LiveUrl    string `json:"LiveUrl,omitempty"`
	StreamName string `json:"StreamName,omitempty"`
}

// projectMaterials are a project's materials. A stored value is never
// changed: updates store a new one, so a reader may keep using what it read
// after the store's lock is released.
type projectMaterials struct {
	media    []materialRef
	live     []liveMaterial
	projects []string
}

// parseMaterialMaps decodes a MaterialMaps JSON object that passed the
// spec's validation. A liveStream value that is not a JSON-encoded array of
// live streams is an error; everything else parsed is returned with it.
// Unknown keys are ignored.
func parseMaterialMaps(text string) (projectMaterials, error) {
	if text == "" {
		return projectMaterials{}, nil
	}
	var m projectMaterials
	var raw map[string]any
	if err := json.Unmarshal([]byte(text), &raw); err != nil {
		return m, invalidParameter("MaterialMaps", "Malformed JSON: %s.", err.Error())
	}
	for _, kind := range materialMediaKinds {
		v, _ := raw[kind].(string)
		for _, id := range splitCommaIDs(v) {
			m.media = append(m.media, materialRef{kind: kind, id: id})
		}
	}
	v, _ := raw["editingProject"].(string)
	m.projects = splitCommaIDs(v)
	var err error
	if v, ok := raw["liveStream"].(string); ok && v != "" {
		var items []json.RawMessage
		jerr := json.Unmarshal([]byte(v), &items)
		switch {
		case jerr != nil:
		case len(items) > 10:
			jerr = fmt.Errorf("at most 10 live streams, got %d", len(items))
		default:
			for i, it := range items {
				if len(it) == 0 || it[0] != '{' {
					jerr = fmt.Errorf("item %d is not an object", i)
					break
				}
			}
		}
		if jerr == nil {
			jerr = json.Unmarshal([]byte(v), &m.live)
		}
		if jerr != nil {
			m.live = nil
			err = invalidParameter("MaterialMaps", "$.liveStream: must be a JSON-encoded array of at most 10 {appName, domainName, liveUrl, streamName}: %s.", jerr.Error())
		}
	}
	return m, err
}

// merge returns m plus add's materials that m does not have yet.
func (m *projectMaterials) merge(add projectMaterials) *projectMaterials {
	out := &projectMaterials{
		media:    slices.Clone(m.media),
		live:     slices.Clone(m.live),
		projects: slices.Clone(m.projects),
	}
	for _, r := range add.media {
		if !slices.Contains(out.media, r) {
			out.media = append(out.media, r)
		}
	}
	for _, l := range add.live {
		if !slices.Contains(out.live, l) {
			out.live = append(out.live, l)
		}
	}
	for _, id := range add.projects {
		if !slices.Contains(out.projects, id) {
			out.projects = append(out.projects, id)
		}
	}
	return out
}

// without returns m less the media ids associated as kind.
func (m *projectMaterials) without(kind string, ids []string) *projectMaterials {
	out := &projectMaterials{live: m.live, projects: m.projects}
	for _, r := range m.media {
		if r.kind != kind || !slices.Contains(ids, r.id) {
			out.media = append(out.media, r)
		}
	}
	return out
}

// materialsOf returns the materials of tenant's project p: those stored by
// Add/Delete, else those of its Create MaterialMaps. The caller holds st.mu.
func (t *tenantState) materialsOf(p *projectRec) *projectMaterials {
	if m := t.materials[p.id.String()]; m != nil {
		return m
	}
	m, _ := parseMaterialMaps(p.materialMaps()) // Create stored it as sent; a bad liveStream is dropped
	return &m
}

// materialsFor returns tenant's live project id's materials; ok is false
// for an unknown or deleted project.
func (st *store) materialsFor(tenant, id string) (*projectMaterials, bool) {
	st.mu.RLock()
	defer st.mu.RUnlock()
	t := st.tenants[tenant]
	if t == nil {
		return nil, false
	}
	p := t.lookup(id)
	if p == nil || p.deleted() {
		return nil, false
	}
	return t.materialsOf(p), true
}

// changeMaterials replaces tenant's live project id's materials with
// fn(current) and returns them; ok is false for an unknown or deleted
// project. The project's ModifiedTime does not move.
func (st *store) changeMaterials(tenant, id string, fn func(*projectMaterials) *projectMaterials) (*projectMaterials, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	t := st.tenants[tenant]
	if t == nil {
		return nil, false
	}
	p := t.lookup(id)
	if p == nil || p.deleted() {
		return nil, false
	}
	next := fn(t.materialsOf(p))
	if t.materials == nil {
		t.materials = map[string]*projectMaterials{}
	}
	t.materials[id] = next
	return next, true
}

// materialsResponse is the body of Add- and GetEditingProjectMaterials
// (API reference: AddEditingProjectMaterials, GetEditingProjectMaterials). The three lists are always present.
type materialsResponse struct {
	meta
	ProjectId        string              `json:"ProjectId"`
	MediaInfos       []materialMediaInfo `json:"MediaInfos"`
	LiveMaterials    []liveMaterial      `json:"LiveMaterials"`
	ProjectMaterials []string            `json:"ProjectMaterials"`
}

// materialsBody describes m: one MediaInfos entry per media ID (the first
// kind it was associated as describes it).
func (s *Server) materialsBody(tenant, projectID string, m *projectMaterials) *materialsResponse {
	res := &materialsResponse{
		ProjectId:        projectID,
		MediaInfos:       make([]materialMediaInfo, 0, len(m.media)),
		LiveMaterials:    append([]liveMaterial{}, m.live...),
		ProjectMaterials: append([]string{}, m.projects...),
	}
	seen := make(map[string]bool, len(m.media))
	for _, r := range m.media {
		if seen[r.id] {
			continue
		}
		seen[r.id] = true
		res.MediaInfos = append(res.MediaInfos, s.mediaInfoFor(tenant, r.id, r.kind))
	}
	return res
}

func projectNotFound(tenant, id string) *APIError {
	e := NewError(CodeProjectNotFound)
	e.Explain = "no live project " + id + " for tenant " + tenant
	return e
}

// addEditingProjectMaterials associates MaterialMaps' materials with a
// project, merging with those it has (API reference: AddEditingProjectMaterials), and answers like
// GetEditingProjectMaterials.
func (s *Server) addEditingProjectMaterials(c *call) (response, error) {
	id := c.Params.Get("ProjectId")
	add, err := parseMaterialMaps(c.Params.Get("MaterialMaps"))
	if err != nil {
		return nil, err
	}
	m, ok := s.store.changeMaterials(c.Tenant, id, func(cur *projectMaterials) *projectMaterials { return cur.merge(add) })
	if !ok {
		return nil, projectNotFound(c.Tenant, id)
	}
	return s.materialsBody(c.Tenant, id, m), nil
}

// getEditingProjectMaterials answers a project's materials (API reference: GetEditingProjectMaterials).
func (s *Server) getEditingProjectMaterials(c *call) (response, error) {
	id := c.Params.Get("ProjectId")
	m, ok := s.store.materialsFor(c.Tenant, id)
	if !ok {
		return nil, projectNotFound(c.Tenant, id)
	}
	return s.materialsBody(c.Tenant, id, m), nil
}

// deleteEditingProjectMaterials removes media materials of one type
// (API reference: DeleteEditingProjectMaterials); IDs the project does not have as that type are ignored.
func (s *Server) deleteEditingProjectMaterials(c *call) (response, error) {
	id := c.Params.Get("ProjectId")
	ids := splitCommaIDs(c.Params.Get("MaterialIds"))
	if len(ids) == 0 {
		return nil, missingParameter("MaterialIds")
	}
	kind := c.Params.Get("MaterialType")
	if _, ok := s.store.changeMaterials(c.Tenant, id, func(cur *projectMaterials) *projectMaterials { return cur.without(kind, ids) }); !ok {
		return nil, projectNotFound(c.Tenant, id)
	}
	return &requestIDResponse{}, nil
}

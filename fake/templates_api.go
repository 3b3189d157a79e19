package fake

import (
	"cmp"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"time"
)

// The template Actions (AddTemplate, GetTemplate, ListTemplates,
// UpdateTemplate, DeleteTemplate): templates a tenant creates through the
// API are its own; seeded templates (scenario templates, Server.AddTemplate)
// stay shared and read-only (docs/fidelity.md "Templates").

// ownedTemplate is a template a tenant added through the API.
type ownedTemplate struct {
	Template
	CoverURL        string
	PreviewMedia    string
	RelatedMediaids string
	Status          string
	CreateSource    string
	ModifiedSource  string
	Created         time.Time
	Modified        time.Time
}

// Template defaults (docs/fidelity.md "Templates").
const (
	templateStatusAvailable = "Available"
	templateSourceOpenAPI   = "OpenAPI"
	defaultTemplatePageSize = 20
)

// templateFor returns the template id names for tenant: its own, else a
// seeded one.
func (st *store) templateFor(tenant, id string) (Template, bool) {
	st.mu.RLock()
	if ts := st.tenants[tenant]; ts != nil {
		if t := ts.templates[id]; t != nil {
			st.mu.RUnlock()
			return t.Template, true
		}
	}
	st.mu.RUnlock()
	return st.template(id)
}

// checkTemplateConfig: a Timeline template's Config must be a JSON object.
func checkTemplateConfig(typ, config string) error {
	t := Template{TemplateId: "new", Type: typ, Config: config}
	if err := t.check(); err != nil {
		return invalidParameter("Config", "A %s template's Config must be a JSON object.", typ)
	}
	return nil
}

type addedTemplate struct {
	TemplateId     string `json:"TemplateId"`
	Name           string `json:"Name"`
	Type           string `json:"Type"`
	Config         string `json:"Config"`
	CoverUrl       string `json:"CoverUrl"`
	PreviewMedia   string `json:"PreviewMedia"`
	Status         string `json:"Status"`
	CreateSource   string `json:"CreateSource"`
	ModifiedSource string `json:"ModifiedSource"`
}

type addTemplateResponse struct {
	meta
	Template addedTemplate `json:"Template"`
}

func (s *Server) addTemplate(c *call) (response, error) {
	p := c.Params
	t := &ownedTemplate{
		Template: Template{Name: p.Get("Name"), Type: cmp.Or(p.Get("Type"), TemplateTypeTimeline), Config: p.Get("Config")},
		CoverURL: p.Get("CoverUrl"), PreviewMedia: p.Get("PreviewMedia"), RelatedMediaids: p.Get("RelatedMediaids"),
		Status:       cmp.Or(p.Get("Status"), templateStatusAvailable),
		CreateSource: cmp.Or(p.Get("Source"), templateSourceOpenAPI),
		Created:      c.Now, Modified: c.Now,
	}
	t.ModifiedSource = t.CreateSource
	if err := checkTemplateConfig(t.Type, t.Config); err != nil {
		return nil, err
	}
	s.store.mu.Lock()
	ts := s.store.tenant(c.Tenant)
	if ts.templates == nil {
		ts.templates = map[string]*ownedTemplate{}
	}
	// A generated TemplateId never meets a stored one: with WithSeed the
	// generator's IDs are known in advance, so a seeded template may hold the
	// next one, and a tenant's own template would hide it.
	t.TemplateId = s.ids.resourceID()
	for ts.templates[t.TemplateId] != nil || s.store.templates[t.TemplateId].TemplateId != "" {
		t.TemplateId = s.ids.resourceID()
	}
	ts.templates[t.TemplateId] = t
	s.store.mu.Unlock()
	return &addTemplateResponse{Template: addedTemplate{
		TemplateId: t.TemplateId, Name: t.Name, Type: t.Type, Config: t.Config, CoverUrl: t.CoverURL,
		PreviewMedia: t.PreviewMedia, Status: t.Status, CreateSource: t.CreateSource, ModifiedSource: t.ModifiedSource,
	}}, nil
}

// storedTemplate is a template as GetTemplate and ListTemplates answer it.
type storedTemplate struct {
	TemplateId         string `json:"TemplateId"`
	Name               string `json:"Name"`
	Type               string `json:"Type"`
	Config             string `json:"Config"`
	CoverURL           string `json:"CoverURL"`
	PreviewMedia       string `json:"PreviewMedia"`
	PreviewMediaStatus string `json:"PreviewMediaStatus"`
	Status             string `json:"Status"`
	CreateSource       string `json:"CreateSource"`
	ModifiedSource     string `json:"ModifiedSource"`
	CreationTime       string `json:"CreationTime"`
	ModifiedTime       string `json:"ModifiedTime"`
	ClipsParam         string `json:"ClipsParam"`
	RelatedMediaids    string `json:"RelatedMediaids,omitempty"`
}

func (t *ownedTemplate) stored() storedTemplate {
	return storedTemplate{
		TemplateId: t.TemplateId, Name: t.Name, Type: t.Type, Config: t.Config, CoverURL: t.CoverURL,
		PreviewMedia: t.PreviewMedia, Status: t.Status, CreateSource: t.CreateSource, ModifiedSource: t.ModifiedSource,
		CreationTime: wireTime(t.Created), ModifiedTime: wireTime(t.Modified), ClipsParam: clipsParamOf(t.Template),
	}
}

// seededStored is a seeded template as GetTemplate answers it: Available,
// created by OpenAPI, no times.
func seededStored(t Template) storedTemplate {
	return storedTemplate{TemplateId: t.TemplateId, Name: t.Name, Type: t.Type, Config: t.Config,
		Status: templateStatusAvailable, CreateSource: templateSourceOpenAPI, ModifiedSource: templateSourceOpenAPI,
		ClipsParam: clipsParamOf(t)}
}

// placeholderRE finds "$Name" and "$Name:default" string values.
var placeholderRE = regexp.MustCompile(`"\$([A-Za-z_][A-Za-z0-9_]*)(?::([^"]*))?"`)

// clipsParamOf lists a Timeline template's placeholders with their
// defaults ("" for none) as a JSON object; "" for a VETemplate.
func clipsParamOf(t Template) string {
	if t.Type != TemplateTypeTimeline {
		return ""
	}
	params := map[string]string{}
	for _, m := range placeholderRE.FindAllStringSubmatch(t.Config, -1) {
		if _, seen := params[m[1]]; !seen || m[2] != "" {
			params[m[1]] = m[2]
		}
	}
	b, _ := json.Marshal(params)
	return string(b)
}

type getTemplateResponse struct {
	meta
	Template storedTemplate `json:"Template"`
}

func (s *Server) getTemplate(c *call) (response, error) {
	id := c.Params.Get("TemplateId")
	s.store.mu.RLock()
	var out *storedTemplate
	if ts := s.store.tenants[c.Tenant]; ts != nil && ts.templates[id] != nil {
		t := ts.templates[id]
		st := t.stored()
		if c.Params.Get("RelatedMediaidFlag") == "1" {
			st.RelatedMediaids = t.RelatedMediaids
		}
		out = &st
	}
	s.store.mu.RUnlock()
	if out == nil {
		t, ok := s.store.template(id)
		if !ok {
			return nil, templateNotFound(id)
		}
		st := seededStored(t)
		out = &st
	}
	return &getTemplateResponse{Template: *out}, nil
}

func templateNotFound(id string) *APIError {
	e := NewError(CodeResourceNotFound)
	e.Message += ": the template \"" + id + "\" does not exist."
	e.Explain = "no template " + id
	return e
}

type listTemplatesResponse struct {
	meta
	Templates  []storedTemplate `json:"Templates"`
	TotalCount int              `json:"TotalCount"`
}

func (s *Server) listTemplates(c *call) (response, error) {
	p := c.Params
	page, err := intParam(c, "PageNo", 1, 1, 1<<31-1)
	if err != nil {
		return nil, err
	}
	size, err := intParam(c, "PageSize", defaultTemplatePageSize, 1, 100)
	if err != nil {
		return nil, err
	}
	keyword := p.Get("Keyword")
	s.store.mu.RLock()
	var all []*ownedTemplate
	if ts := s.store.tenants[c.Tenant]; ts != nil {
		for _, t := range ts.templates {
			if (p.Get("Type") == "" || t.Type == p.Get("Type")) &&
				(p.Get("Status") == "" || t.Status == p.Get("Status")) &&
				(p.Get("CreateSource") == "" || t.CreateSource == p.Get("CreateSource")) &&
				(keyword == "" || strings.Contains(t.Name, keyword) || strings.Contains(t.TemplateId, keyword)) {
				all = append(all, t)
			}
		}
	}
	out := []storedTemplate{}
	asc := p.Get("SortType") == "CreationTime:Asc"
	slices.SortFunc(all, func(a, b *ownedTemplate) int {
		if d := a.Created.Compare(b.Created); d != 0 {
			if asc {
				return d
			}
			return -d
		}
		return strings.Compare(a.TemplateId, b.TemplateId)
	})
	for i := (page - 1) * size; i < len(all) && i < page*size; i++ {
		out = append(out, all[i].stored())
	}
	s.store.mu.RUnlock()
	return &listTemplatesResponse{Templates: out, TotalCount: len(all)}, nil
}

func (s *Server) updateTemplate(c *call) (response, error) {
	p := c.Params
	id := p.Get("TemplateId")
	s.store.mu.Lock()
	defer s.store.mu.Unlock()
	ts := s.store.tenants[c.Tenant]
	if ts == nil || ts.templates[id] == nil {
		return nil, templateNotFound(id)
	}
	t := ts.templates[id]
	if v := p.Get("Config"); v != "" {
		if err := checkTemplateConfig(t.Type, v); err != nil {
			return nil, err
		}
	}
	next := *t
	for name, field := range map[string]*string{"Name": &next.Name, "Config": &next.Config, "CoverUrl": &next.CoverURL,
		"PreviewMedia": &next.PreviewMedia, "RelatedMediaids": &next.RelatedMediaids, "Status": &next.Status} {
		if v := p.Get(name); v != "" {
			*field = v
		}
	}
	next.ModifiedSource = cmp.Or(p.Get("Source"), templateSourceOpenAPI)
	next.Modified = c.Now
	ts.templates[id] = &next
	return &requestIDResponse{}, nil
}

func (s *Server) deleteTemplate(c *call) (response, error) {
	ids := splitCommaIDs(c.Params.Get("TemplateIds"))
	if len(ids) == 0 {
		return nil, missingParameter("TemplateIds")
	}
	s.store.mu.Lock()
	if ts := s.store.tenants[c.Tenant]; ts != nil {
		for _, id := range ids {
			delete(ts.templates, id)
		}
	}
	s.store.mu.Unlock()
	return &requestIDResponse{}, nil
}

// templateParam is one entry of GetTemplateParams' ParamList.
type templateParam struct {
	Key     string `json:"Key"`
	Type    string `json:"Type"`
	Content string `json:"Content"`
}

type getTemplateParamsResponse struct {
	meta
	TemplateId string          `json:"TemplateId"`
	ParamList  []templateParam `json:"ParamList"`
}

// trackKinds maps a Timeline's track lists to the parameter Type of the
// placeholders inside them.
var trackKinds = map[string]string{"VideoTracks": "Video", "AudioTracks": "Audio", "ImageTracks": "Image", "SubtitleTracks": "Text"}

func (s *Server) getTemplateParams(c *call) (response, error) {
	id := c.Params.Get("TemplateId")
	t, ok := s.store.templateFor(c.Tenant, id)
	if !ok {
		return nil, templateNotFound(id)
	}
	out := &getTemplateParamsResponse{TemplateId: id, ParamList: []templateParam{}}
	if t.Type != TemplateTypeTimeline {
		return out, nil
	}
	cfg, err := parseOrdered(t.Config)
	if err != nil {
		return nil, invalidParameter("TemplateId", "The template's Config is not JSON.")
	}
	seen := map[string]int{}
	var walk func(v *jval, kind string)
	walk = func(v *jval, kind string) {
		switch v.kind {
		case 'o':
			for _, m := range v.obj {
				sub := kind
				if tk, ok := trackKinds[m.key]; ok {
					sub = tk
				}
				walk(m.val, sub)
			}
		case 'a':
			for _, e := range v.arr {
				walk(e, kind)
			}
		case 's':
			m := placeholderRE.FindStringSubmatch(`"` + v.str + `"`)
			if m == nil {
				return
			}
			if i, dup := seen[m[1]]; dup {
				if out.ParamList[i].Content == "" {
					out.ParamList[i].Content = m[2]
				}
				return
			}
			seen[m[1]] = len(out.ParamList)
			out.ParamList = append(out.ParamList, templateParam{Key: m[1], Type: cmp.Or(kind, "Text"), Content: m[2]})
		}
	}
	walk(cfg, "")
	return out, nil
}

package fake

import (
	"encoding/json"
)

// projectBody is the Project object of CreateEditingProject (Status a number
// plus StatusName, Duration a float: SDK v2.1.0 *int64 / *float32) and of
// GetEditingProject (Status a name, no StatusName, Duration a number the SDK
// reads as int64). Empty optional fields are omitted.
type projectBody struct {
	ProjectId                   string  `json:"ProjectId"`
	Title                       string  `json:"Title"`
	Description                 string  `json:"Description,omitempty"`
	Timeline                    string  `json:"Timeline,omitempty"`
	TemplateId                  string  `json:"TemplateId,omitempty"`
	TemplateType                string  `json:"TemplateType,omitempty"`
	ClipsParam                  string  `json:"ClipsParam,omitempty"`
	CoverURL                    string  `json:"CoverURL,omitempty"`
	Duration                    float64 `json:"Duration"`
	Status                      any     `json:"Status"`
	StatusName                  string  `json:"StatusName,omitempty"`
	CreateSource                string  `json:"CreateSource"`
	ModifiedSource              string  `json:"ModifiedSource"`
	CreateTime                  string  `json:"CreateTime"`
	ModifiedTime                string  `json:"ModifiedTime"`
	ProjectType                 string  `json:"ProjectType"`
	BusinessConfig              string  `json:"BusinessConfig,omitempty"`
	BusinessStatus              string  `json:"BusinessStatus,omitempty"`
	TimelineConvertStatus       string  `json:"TimelineConvertStatus,omitempty"`
	TimelineConvertErrorMessage string  `json:"TimelineConvertErrorMessage,omitempty"`
}

func newProjectBody(p Project) projectBody {
	return projectBody{
		ProjectId:      p.ProjectId,
		Title:          p.Title,
		Description:    p.Description,
		Timeline:       p.Timeline,
		TemplateId:     p.TemplateId,
		TemplateType:   p.TemplateType,
		ClipsParam:     p.ClipsParam,
		CoverURL:       p.CoverURL,
		Duration:       p.Duration,
		CreateSource:   p.CreateSource,
		ModifiedSource: p.ModifiedSource,
		CreateTime:     wireTime(p.CreateTime),
		ModifiedTime:   wireTime(p.ModifiedTime),
		ProjectType:    p.ProjectType,
		BusinessConfig: p.BusinessConfig,
		BusinessStatus: p.BusinessStatus,
	}
}

type projectResponse struct {
	meta
	Project projectBody `json:"Project"`
}

// businessConfig is the part of BusinessConfig icefake checks.
type businessConfig struct {
	OutputMediaConfig struct {
		StorageLocation string
	}
}

// createEditingProject follows API reference: CreateEditingProject and docs/fidelity.md "State and
// semantics": Timeline and TemplateId are mutually exclusive; TemplateId
// needs ClipsParam; a LiveEditingProject needs
// BusinessConfig.OutputMediaConfig.StorageLocation. A new project is Draft
// (1) without Timeline or TemplateId, else Editing (2).
func (s *Server) createEditingProject(c *call) (response, error) {
	p := Project{
		Title:        c.Params.Get("Title"),
		Description:  c.Params.Get("Description"),
		Timeline:     c.Params.Get("Timeline"),
		TemplateId:   c.Params.Get("TemplateId"),
		TemplateType: c.Params.Get("TemplateType"),
		ClipsParam:   c.Params.Get("ClipsParam"),
		CoverURL:     c.Params.Get("CoverURL"),
		MaterialMaps: c.Params.Get("MaterialMaps"),
		ProjectType:  c.Params.Get("ProjectType"),
	}
	if p.Timeline != "" && p.TemplateId != "" {
		return nil, invalidParameter("Timeline", "Timeline and TemplateId are mutually exclusive.")
	}
	if p.TemplateId != "" && p.ClipsParam == "" {
		return nil, missingParameter("ClipsParam")
	}
	if p.TemplateId != "" {
		// Unknown TemplateId → 404 ResourceNotFound; a Timeline template's
		// Config filled with ClipsParam becomes the Timeline (templates.go).
		tl, _, err := s.resolveTemplate(c.Tenant, p.TemplateId, p.ClipsParam)
		if err != nil {
			return nil, err
		}
		p.Timeline = tl
	}
	if _, err := parseMaterialMaps(p.MaterialMaps); err != nil {
		return nil, err
	}
	if p.TemplateId != "" && p.TemplateType == "" {
		p.TemplateType = "Timeline"
	}
	if p.ProjectType == "" {
		p.ProjectType = "EditingProject"
	}
	p.CreateSource = "OpenAPI"
	if p.ProjectType == "LiveEditingProject" {
		var bc businessConfig
		if bcText := c.Params.Get("BusinessConfig"); bcText != "" {
			_ = json.Unmarshal([]byte(bcText), &bc) // shape already validated
		}
		if bc.OutputMediaConfig.StorageLocation == "" {
			return nil, invalidParameter("BusinessConfig", "A LiveEditingProject requires BusinessConfig.OutputMediaConfig.StorageLocation.")
		}
		p.BusinessConfig = c.Params.Get("BusinessConfig")
		p.BusinessStatus = "Reserving"
		p.CreateSource = "LiveEditingOpenAPI"
	}
	p.ModifiedSource = p.CreateSource
	p.Status = StatusDraft
	if p.Timeline != "" || p.TemplateId != "" {
		p.Status = StatusEditing
	}
	p.ProjectId = s.ids.resourceID()
	p.Duration = s.projectDuration(c.Tenant, p.Timeline)
	s.store.insertCreatedProject(c.Tenant, &p, s.clock.Now, s.ids.resourceID)

	body := newProjectBody(p)
	body.Status = int(p.Status)
	body.StatusName = p.Status.String()
	return &projectResponse{Project: body}, nil
}

// getEditingProject returns a project (API reference: GetEditingProject); unknown or deleted
// → 404 ProjectNotFound. RequestSource=WebSDK reports the Timeline as
// Converted (icefake converts nothing; the stored Timeline is returned).
func (s *Server) getEditingProject(c *call) (response, error) {
	s.settleJobs(c.Tenant) // a finished job's project reads Produced/ProduceFailed
	p, ok := s.store.project(c.Tenant, c.Params.Get("ProjectId"))
	if !ok {
		e := NewError(CodeProjectNotFound)
		e.Explain = "no project " + c.Params.Get("ProjectId") + " for tenant " + c.Tenant
		return nil, e
	}
	body := newProjectBody(p)
	body.Status = p.Status.String()
	if c.Params.Get("RequestSource") == "WebSDK" {
		body.TimelineConvertStatus = "Converted"
	}
	return &projectResponse{Project: body}, nil
}

package fake

import "errors"

// requestIDResponse is the body of the operations that answer only their
// RequestId (Update, DeleteEditingProjects, DeleteEditingProjectMaterials).
type requestIDResponse struct {
	meta
}

// updateEditingProject changes the given fields of a project (API reference: UpdateEditingProject). A parameter that is absent or empty leaves its field as it is.
// Timeline and TemplateId follow Create's rules: they are mutually
// exclusive, TemplateId needs ClipsParam, and the template must exist (a
// Timeline template's Config filled with ClipsParam becomes the Timeline,
// templates.go); ClipsParam alone re-fills the project's own template.
// BusinessStatus applies to live projects only. Everything is checked before
// anything changes, so a failed call stores nothing. A Draft project becomes
// Editing when a Timeline or TemplateId arrives; ModifiedTime and
// ModifiedSource move on every successful call.
func (s *Server) updateEditingProject(c *call) (response, error) {
	id := c.Params.Get("ProjectId")
	title, description, coverURL := c.Params.Get("Title"), c.Params.Get("Description"), c.Params.Get("CoverURL")
	timeline, templateID, clips := c.Params.Get("Timeline"), c.Params.Get("TemplateId"), c.Params.Get("ClipsParam")
	businessStatus := c.Params.Get("BusinessStatus")
	if timeline != "" && templateID != "" {
		return nil, invalidParameter("Timeline", "Timeline and TemplateId are mutually exclusive.")
	}
	if templateID != "" && clips == "" {
		return nil, missingParameter("ClipsParam")
	}
	// The template and the Duration are worked out before the write lock:
	// both read the store.
	tplID, templateType := templateID, ""
	if tplID == "" && clips != "" {
		if cur, ok := s.store.project(c.Tenant, id); ok {
			tplID = cur.TemplateId
		}
	}
	if tplID != "" {
		tl, tt, err := s.resolveTemplate(c.Tenant, tplID, clips)
		if err != nil {
			return nil, err
		}
		timeline, templateType = tl, tt
	}
	var duration float64
	if timeline != "" {
		duration = s.projectDuration(c.Tenant, timeline)
	}
	err := s.store.updateProject(c.Tenant, id, func(p *Project) error {
		live := p.ProjectType == "LiveEditingProject"
		if businessStatus != "" && !live {
			return invalidParameter("BusinessStatus", "Only a LiveEditingProject has a BusinessStatus; project %s is an %s.", id, p.ProjectType)
		}
		if templateID == "" && tplID != "" && p.TemplateId != tplID {
			return invalidParameter("ClipsParam", "The project's template changed while ClipsParam was applied; retry.")
		}
		// Nothing fails from here on.
		if title != "" {
			p.Title = title
		}
		if description != "" {
			p.Description = description
		}
		if coverURL != "" {
			p.CoverURL = coverURL
		}
		if timeline != "" {
			p.Timeline, p.Duration = timeline, duration
		}
		if templateID != "" {
			p.TemplateId = templateID
		}
		if templateType != "" {
			p.TemplateType = templateType
		}
		if clips != "" {
			p.ClipsParam = clips
		}
		if businessStatus != "" {
			p.BusinessStatus = businessStatus
		}
		if p.Status == StatusDraft && (timeline != "" || templateID != "") {
			p.Status = StatusEditing
		}
		p.ModifiedTime = c.Now
		p.ModifiedSource = "OpenAPI"
		if live {
			p.ModifiedSource = "LiveEditingOpenAPI"
		}
		return nil
	})
	if err != nil {
		return nil, explainNotFound(err, c.Tenant, id)
	}
	return &requestIDResponse{}, nil
}

// explainNotFound adds the journal's reason to a ProjectNotFound error.
func explainNotFound(err error, tenant, id string) error {
	var e *APIError
	if errors.As(err, &e) && e.Code == CodeProjectNotFound && e.Explain == "" {
		e.Explain = "no live project " + id + " for tenant " + tenant
	}
	return err
}

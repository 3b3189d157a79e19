package fake

// handler serves one Action: it takes the validated call and returns a
// response body or an error (an *APIError for service errors). Handlers never
// touch the http.ResponseWriter.
type handler func(s *Server, c *call) (response, error)

// operations is the one registry mapping Action → handler. A test fails when
// it and the spec disagree; an Action in the spec without a handler answers
// 501 NotImplemented.
var operations = map[string]handler{
	"CreateEditingProject": (*Server).createEditingProject,
	"GetEditingProject":    (*Server).getEditingProject,
	// project lifecycle (Update/Delete/Search/List/materials)
	"UpdateEditingProject":          (*Server).updateEditingProject,
	"DeleteEditingProjects":         (*Server).deleteEditingProjects,
	"SearchEditingProject":          (*Server).searchEditingProject,
	"ListEditingProjects":           (*Server).listEditingProjects,
	"AddEditingProjectMaterials":    (*Server).addEditingProjectMaterials,
	"GetEditingProjectMaterials":    (*Server).getEditingProjectMaterials,
	"DeleteEditingProjectMaterials": (*Server).deleteEditingProjectMaterials,

	// media, templates, media producing
	"RegisterMediaInfo":       (*Server).registerMediaInfo,
	"GetMediaInfo":            (*Server).getMediaInfo,
	"SubmitMediaProducingJob": (*Server).submitMediaProducingJob,
	"GetMediaProducingJob":    (*Server).getMediaProducingJob,
}

// SupportedActions returns the Actions icefake implements, sorted.
func SupportedActions() []string {
	out := make([]string, 0, len(operations))
	for _, a := range iceSpec().Actions() {
		if operations[a] != nil {
			out = append(out, a)
		}
	}
	return out
}

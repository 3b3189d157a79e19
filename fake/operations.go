package fake

import (
	"maps"
	"slices"
)

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

	// templates (templates_api.go)
	"AddTemplate":       (*Server).addTemplate,
	"GetTemplate":       (*Server).getTemplate,
	"ListTemplates":     (*Server).listTemplates,
	"UpdateTemplate":    (*Server).updateTemplate,
	"DeleteTemplate":    (*Server).deleteTemplate,
	"GetTemplateParams": (*Server).getTemplateParams,

	// categories (categories*.go) and template materials (templates_materials.go)
	"AddCategory":          (*Server).addCategory,
	"GetCategories":        (*Server).getCategories,
	"UpdateCategory":       (*Server).updateCategory,
	"DeleteCategory":       (*Server).deleteCategory,
	"GetTemplateMaterials": (*Server).getTemplateMaterials,

	// media library (media_library*.go, media_search.go, media_upload.go)
	"UpdateMediaInfo":     (*Server).updateMediaInfo,
	"DeleteMediaInfos":    (*Server).deleteMediaInfos,
	"BatchGetMediaInfos":  (*Server).batchGetMediaInfos,
	"ListMediaBasicInfos": (*Server).listMediaBasicInfos,
	"SearchMedia":         (*Server).searchMedia,
	"UploadMediaByURL":    (*Server).uploadMediaByURL,
	"GetUrlUploadInfos":   (*Server).getUrlUploadInfos,
}

// SupportedActions returns the Actions icefake implements, sorted. Every one
// is an Action of the spec (TestRegistryMatchesSpec), so the spec need not
// be loaded to answer.
func SupportedActions() []string {
	return slices.Sorted(maps.Keys(operations))
}

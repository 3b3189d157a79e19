package fake

import (
	"net/http"
	"slices"
	"testing"
)

// TestMediaLibraryTenantIsolation: another AccessKeyId never sees or
// changes a tenant's media, categories, upload jobs or templates through
// the media library, category and template-material Actions, and its
// failing or no-op calls store nothing (it is not among Tenants()).
func TestMediaLibraryTenantIsolation(t *testing.T) {
	s := newProductionServer(t, WithCredentials(otherTenant))
	const src = "https://b.oss-cn-shanghai.aliyuncs.com/beach.mp4"
	id := libRegister(t, s, src, map[string]string{"Title": "mine", "ReferenceId": "ref-123456"})
	cate := prOK(t, s, "AddCategory", map[string]string{"CateName": "mine"})["Category"].(map[string]any)["CateId"].(float64)
	job := prOK(t, s, "UploadMediaByURL", map[string]string{"UploadURLs": "https://up.example.com/clip.mp4"})["UploadJobs"].([]any)[0].(map[string]any)
	jobID, upMedia := job["JobId"].(string), job["MediaId"].(string)
	tpl := prOK(t, s, "AddTemplate", map[string]string{"Type": "VETemplate", "Config": `{"Music":"music.mp3"}`})["Template"].(map[string]any)["TemplateId"].(string)
	inputURL := prOK(t, s, "GetMediaInfo", map[string]string{"MediaId": upMedia})["MediaInfo"].(map[string]any)["MediaBasicInfo"].(map[string]any)["InputURL"].(string)
	before := prOK(t, s, "BatchGetMediaInfos", map[string]string{"MediaIds": id + "," + upMedia})

	cateS := "1" // the owner's first CateId; the other tenant has none
	if cate != 1 {
		t.Fatalf("CateId = %v, want 1", cate)
	}
	tests := []struct {
		name       string
		action     string
		params     map[string]string
		wantStatus int
		wantCode   string            // for errors
		wantBody   map[string]string // for 200: member → its JSON
	}{
		{"update by MediaId", "UpdateMediaInfo", map[string]string{"MediaId": id, "Title": "pwned"}, 404, "ResourceNotFound", nil},
		{"update by InputURL", "UpdateMediaInfo", map[string]string{"InputURL": src, "Title": "pwned"}, 404, "ResourceNotFound", nil},
		{"update uploaded medium", "UpdateMediaInfo", map[string]string{"MediaId": upMedia, "Title": "pwned"}, 404, "ResourceNotFound", nil},
		{"delete by MediaIds", "DeleteMediaInfos", map[string]string{"MediaIds": id + "," + upMedia}, 200, "",
			map[string]string{"ForbiddenList": `[]`, "IgnoredList": `["` + id + `","` + upMedia + `"]`}},
		{"delete by InputURLs", "DeleteMediaInfos", map[string]string{"InputURLs": src + "," + inputURL}, 200, "",
			map[string]string{"ForbiddenList": `[]`, "IgnoredList": `["` + src + `","` + inputURL + `"]`}},
		{"batch get", "BatchGetMediaInfos", map[string]string{"MediaIds": id + "," + upMedia}, 200, "",
			map[string]string{"MediaInfos": `[]`, "IgnoredList": `["` + id + `","` + upMedia + `"]`}},
		{"get media info", "GetMediaInfo", map[string]string{"MediaId": id}, 404, "ResourceNotFound", nil},
		{"list", "ListMediaBasicInfos", nil, 200, "", map[string]string{"MediaInfos": `[]`, "TotalCount": `0`}},
		{"search", "SearchMedia", map[string]string{"Match": "mediaId == '" + id + "'"}, 200, "", map[string]string{"MediaInfoList": `[]`, "Total": `0`}},
		{"upload info by JobId", "GetUrlUploadInfos", map[string]string{"JobIds": jobID}, 200, "",
			map[string]string{"URLUploadInfoList": `[]`, "NonExists": `["` + jobID + `"]`}},
		{"upload info by URL", "GetUrlUploadInfos", map[string]string{"UploadURLs": "https://up.example.com/clip.mp4"}, 200, "",
			map[string]string{"URLUploadInfoList": `[]`, "NonExists": `["https://up.example.com/clip.mp4"]`}},
		{"get category", "GetCategories", map[string]string{"CateId": cateS}, 404, "InvalidCateId.NotFound", nil},
		{"list categories", "GetCategories", nil, 200, "", map[string]string{"SubTotal": `0`, "SubCategories": `{"Category":[]}`}},
		{"rename category", "UpdateCategory", map[string]string{"CateId": cateS, "CateName": "pwned"}, 404, "InvalidCateId.NotFound", nil},
		{"delete category", "DeleteCategory", map[string]string{"CateId": cateS}, 404, "InvalidCateId.NotFound", nil},
		{"child of the owner's category", "AddCategory", map[string]string{"CateName": "x", "ParentId": cateS}, 404, "InvalidCateId.NotFound", nil},
		{"template materials", "GetTemplateMaterials", map[string]string{"TemplateId": tpl}, 404, "ResourceNotFound", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := rpcAs(t, s, otherTenant.AccessKeyId, otherTenant.AccessKeySecret, tt.action, tt.params)
			if tt.wantStatus != http.StatusOK {
				requireError(t, status, body, tt.wantStatus, tt.wantCode)
				return
			}
			if status != http.StatusOK {
				t.Fatalf("got %d %v, want 200", status, body)
			}
			for k, want := range tt.wantBody {
				if got := lcJSON(body[k]); got != want {
					t.Errorf("%s = %s, want %s", k, got, want)
				}
			}
		})
	}
	if got := s.Tenants(); slices.Contains(got, otherTenant.AccessKeyId) {
		t.Errorf("Tenants() = %v: the other tenant's failing and no-op calls stored state", got)
	}
	if after := prOK(t, s, "BatchGetMediaInfos", map[string]string{"MediaIds": id + "," + upMedia}); lcJSON(after) != lcJSON(before) {
		t.Errorf("the owner's media changed:\n got %s\nwant %s", lcJSON(after), lcJSON(before))
	}
	if cats := prOK(t, s, "GetCategories", map[string]string{"CateId": cateS}); lcJSON(cats["Category"]) != `{"CateId":1,"CateName":"mine","Level":0,"ParentId":-1,"Type":"default"}` {
		t.Errorf("the owner's category = %s", lcJSON(cats["Category"]))
	}
}

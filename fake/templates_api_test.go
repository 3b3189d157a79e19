package fake

import (
	"encoding/json"
	"regexp"
	"strconv"
	"testing"
	"time"
)

var reTemplateID = regexp.MustCompile(`^[0-9a-f]{32}$`)

// TestTemplateActionsLifecycle: AddTemplate → GetTemplate → UpdateTemplate
// → ListTemplates → DeleteTemplate, with exact fields.
func TestTemplateActionsLifecycle(t *testing.T) {
	s := newProductionServer(t, WithCredentials(otherTenant))
	added := prOK(t, s, "AddTemplate", map[string]string{"Name": "Clips", "Config": cfgItems, "CoverUrl": "https://b/c.jpg", "RelatedMediaids": `{"video":["m1"]}`})["Template"].(map[string]any)
	id, _ := added["TemplateId"].(string)
	if !reTemplateID.MatchString(id) {
		t.Fatalf("TemplateId = %q, want 32 hex", id)
	}
	wantAdded := map[string]any{"TemplateId": id, "Name": "Clips", "Type": "Timeline", "Config": cfgItems, "CoverUrl": "https://b/c.jpg",
		"PreviewMedia": "", "Status": "Available", "CreateSource": "OpenAPI", "ModifiedSource": "OpenAPI"}
	if !equalJSON(added, wantAdded) {
		t.Errorf("AddTemplate Template = %v, want %v", added, wantAdded)
	}
	created := wireTime(DefaultStartTime)
	got := prOK(t, s, "GetTemplate", map[string]string{"TemplateId": id, "RelatedMediaidFlag": "1"})["Template"].(map[string]any)
	want := map[string]any{"TemplateId": id, "Name": "Clips", "Type": "Timeline", "Config": cfgItems, "CoverURL": "https://b/c.jpg",
		"PreviewMedia": "", "PreviewMediaStatus": "", "Status": "Available", "CreateSource": "OpenAPI", "ModifiedSource": "OpenAPI",
		"CreationTime": created, "ModifiedTime": created, "ClipsParam": `{"Clips":"","Media":"","Out":"NULL","Speed":"1"}`,
		"RelatedMediaids": `{"video":["m1"]}`}
	if !equalJSON(got, want) {
		t.Errorf("GetTemplate = %v\nwant %v", got, want)
	}

	s.Advance(time.Minute)
	prOK(t, s, "UpdateTemplate", map[string]string{"TemplateId": id, "Name": "Renamed", "Status": "Created", "Source": "WebSDK"})
	got = prOK(t, s, "GetTemplate", map[string]string{"TemplateId": id})["Template"].(map[string]any)
	if got["Name"] != "Renamed" || got["Status"] != "Created" || got["ModifiedSource"] != "WebSDK" || got["CreateSource"] != "OpenAPI" ||
		got["ModifiedTime"] != wireTime(DefaultStartTime.Add(time.Minute)) || got["CreationTime"] != created || got["RelatedMediaids"] != nil {
		t.Errorf("after UpdateTemplate: %v", got)
	}

	second := prOK(t, s, "AddTemplate", map[string]string{"Name": "VE", "Type": "VETemplate", "Config": "opaque"})["Template"].(map[string]any)["TemplateId"].(string)
	list := prOK(t, s, "ListTemplates", nil)
	if ts := list["Templates"].([]any); list["TotalCount"] != 2.0 || len(ts) != 2 || ts[0].(map[string]any)["TemplateId"] != second {
		t.Errorf("ListTemplates = %v, want 2, newest (%s) first", list, second)
	}
	filters := []struct {
		name   string
		params map[string]string
		want   []string
		total  float64
	}{
		{"type", map[string]string{"Type": "VETemplate"}, []string{second}, 1},
		{"status", map[string]string{"Status": "Created"}, []string{id}, 1},
		{"keyword", map[string]string{"Keyword": "Renam"}, []string{id}, 1},
		{"ascending", map[string]string{"SortType": "CreationTime:Asc"}, []string{id, second}, 2},
		{"page 2 of 1-size pages", map[string]string{"PageNo": "2", "PageSize": "1"}, []string{id}, 2},
		{"past the end", map[string]string{"PageNo": "3", "PageSize": "1"}, []string{}, 2},
	}
	for _, f := range filters {
		t.Run(f.name, func(t *testing.T) {
			body := prOK(t, s, "ListTemplates", f.params)
			var ids []string
			for _, x := range body["Templates"].([]any) {
				ids = append(ids, x.(map[string]any)["TemplateId"].(string))
			}
			if !equalJSON(append([]string{}, ids...), f.want) || body["TotalCount"] != f.total {
				t.Errorf("ListTemplates(%v) = %v total %v, want %v total %v", f.params, ids, body["TotalCount"], f.want, f.total)
			}
		})
	}
	if status, body := rpcAs(t, s, otherTenant.AccessKeyId, otherTenant.AccessKeySecret, "GetTemplate", map[string]string{"TemplateId": id}); status != 404 {
		t.Errorf("another tenant's GetTemplate = %d %v, want 404", status, body)
	}

	prOK(t, s, "DeleteTemplate", map[string]string{"TemplateIds": " " + id + ",, nope ," + second})
	prOK(t, s, "DeleteTemplate", map[string]string{"TemplateIds": id})
	status, body := rpc(t, s, "GetTemplate", map[string]string{"TemplateId": id})
	requireError(t, status, body, 404, "ResourceNotFound", `"`+id+`"`)
	if list := prOK(t, s, "ListTemplates", nil); list["TotalCount"] != 0.0 {
		t.Errorf("ListTemplates after delete = %v, want none", list)
	}
}

// TestTemplateActionsErrors: bad input gets the service's error and stores
// nothing.
func TestTemplateActionsErrors(t *testing.T) {
	s := newProductionServer(t)
	if err := s.AddTemplate(Template{TemplateId: "seeded", Config: cfgItems}); err != nil {
		t.Fatal(err)
	}
	id := prOK(t, s, "AddTemplate", map[string]string{"Name": "n", "Config": cfgItems})["Template"].(map[string]any)["TemplateId"].(string)
	tests := []struct {
		name      string
		action    string
		params    map[string]string
		status    int
		code      string
		fragments []string
	}{
		{"Config not JSON", "AddTemplate", map[string]string{"Config": "{oops"}, 400, "InvalidParameter", []string{`"Config"`, "JSON object"}},
		{"Config an array", "AddTemplate", map[string]string{"Config": "[]"}, 400, "InvalidParameter", []string{`"Config"`}},
		{"unknown Type", "AddTemplate", map[string]string{"Type": "Video"}, 400, "InvalidParameter", []string{`"Type"`}},
		{"unknown Status", "AddTemplate", map[string]string{"Status": "Ready"}, 400, "InvalidParameter", []string{`"Status"`}},
		{"Get without id", "GetTemplate", nil, 400, "MissingParameter", []string{`"TemplateId"`}},
		{"Get unknown", "GetTemplate", map[string]string{"TemplateId": "nope"}, 404, "ResourceNotFound", []string{`"nope"`}},
		{"Update unknown", "UpdateTemplate", map[string]string{"TemplateId": "nope", "Name": "x"}, 404, "ResourceNotFound", []string{`"nope"`}},
		{"Update seeded", "UpdateTemplate", map[string]string{"TemplateId": "seeded", "Name": "x"}, 404, "ResourceNotFound", []string{`"seeded"`}},
		{"Update bad Config", "UpdateTemplate", map[string]string{"TemplateId": id, "Name": "changed", "Config": "{"}, 400, "InvalidParameter", []string{`"Config"`}},
		{"List PageSize 0", "ListTemplates", map[string]string{"PageSize": "0"}, 400, "InvalidParameter", []string{`"PageSize"`}},
		{"Delete only commas", "DeleteTemplate", map[string]string{"TemplateIds": " , "}, 400, "MissingParameter", []string{`"TemplateIds"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := rpc(t, s, tt.action, tt.params)
			requireError(t, status, body, tt.status, tt.code, tt.fragments...)
		})
	}
	got := prOK(t, s, "GetTemplate", map[string]string{"TemplateId": id})["Template"].(map[string]any)
	if got["Name"] != "n" || got["Config"] != cfgItems {
		t.Errorf("a failed UpdateTemplate changed the template: %v", got)
	}
	if list := prOK(t, s, "ListTemplates", nil); list["TotalCount"] != 1.0 {
		t.Errorf("failed AddTemplate calls stored templates: %v", list)
	}
	seeded := prOK(t, s, "GetTemplate", map[string]string{"TemplateId": "seeded"})["Template"].(map[string]any)
	if seeded["Status"] != "Available" || seeded["CreationTime"] != "" || seeded["Type"] != "Timeline" {
		t.Errorf("seeded GetTemplate = %v, want Available, no times", seeded)
	}
}

// TestAddedTemplateProduces: a template added through the API works in
// CreateEditingProject and SubmitMediaProducingJob as a seeded one does,
// for its tenant only.
func TestAddedTemplateProduces(t *testing.T) {
	s := newProductionServer(t, WithCredentials(otherTenant))
	id := prOK(t, s, "AddTemplate", map[string]string{"Name": "Clips", "Config": cfgItems})["Template"].(map[string]any)["TemplateId"].(string)
	clips := `{"Clips":["` + prMedia12 + `","` + prMedia12 + `"]}`
	p := prOK(t, s, "CreateEditingProject", map[string]string{"Title": "t", "TemplateId": id, "ClipsParam": clips})["Project"].(map[string]any)
	if p["Duration"] != 25.0 || p["TemplateType"] != "Timeline" {
		t.Fatalf("project from the added template = %v, want Duration 25, TemplateType Timeline", p)
	}
	jobID, _, projectID := prSubmit(t, s, map[string]string{"ProjectId": p["ProjectId"].(string)})
	s.Advance(time.Hour)
	if st := prJob(t, s, jobID)["Status"]; st != "Success" {
		t.Errorf("job status = %v, want Success", st)
	}
	if got, _ := s.Project(DefaultAccessKeyId, projectID); got.Status != StatusProduced {
		t.Errorf("project status = %v, want Produced", got.Status)
	}
	status, body := rpcAs(t, s, otherTenant.AccessKeyId, otherTenant.AccessKeySecret, "CreateEditingProject", map[string]string{"Title": "t", "TemplateId": id, "ClipsParam": clips})
	requireError(t, status, body, 404, "ResourceNotFound", id)
}

// TestGetTemplateParams: one entry per placeholder, in Config order, typed
// by its track, with its default.
func TestGetTemplateParams(t *testing.T) {
	s := newProductionServer(t)
	const cfg = `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"$Video"},{"MediaId":"$Video"}]}],` +
		`"SubtitleTracks":[{"SubtitleTrackClips":[{"Type":"Text","Content":"$Title:Hello"}]}],` +
		`"AudioTracks":[{"AudioTrackClips":[{"MediaId":"$Music:bgm-1"}]}]}`
	id := prOK(t, s, "AddTemplate", map[string]string{"Config": cfg})["Template"].(map[string]any)["TemplateId"].(string)
	ve := prOK(t, s, "AddTemplate", map[string]string{"Type": "VETemplate", "Config": "opaque"})["Template"].(map[string]any)["TemplateId"].(string)
	tests := []struct {
		name string
		id   string
		want []map[string]any
	}{
		{"Timeline template", id, []map[string]any{
			{"Key": "Video", "Type": "Video", "Content": ""},
			{"Key": "Title", "Type": "Text", "Content": "Hello"},
			{"Key": "Music", "Type": "Audio", "Content": "bgm-1"},
		}},
		{"VETemplate", ve, []map[string]any{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := prOK(t, s, "GetTemplateParams", map[string]string{"TemplateId": tt.id})
			if body["TemplateId"] != tt.id || !equalJSON(body["ParamList"], tt.want) {
				t.Errorf("GetTemplateParams = %v, want TemplateId %s ParamList %v", body, tt.id, tt.want)
			}
		})
	}
	status, body := rpc(t, s, "GetTemplateParams", map[string]string{"TemplateId": "nope"})
	requireError(t, status, body, 404, "ResourceNotFound", `"nope"`)
}

// TestGetTemplateMaterials: a VETemplate's package is config.json and the
// relative file paths of its Config, each with a URL valid 30 minutes; a
// Timeline template has none; FileList selects.
func TestGetTemplateMaterials(t *testing.T) {
	s := newProductionServer(t)
	const cfg = `{"Music":"music.mp3","Layers":[{"Image":"assets/1.jpg"},{"Image":"assets/1.jpg"},` +
		`{"Url":"https://b.oss-cn-shanghai.aliyuncs.com/x.png"},{"Text":"v1.0"},{"Up":"../x.png"},{"Abs":"/x.png"}]}`
	ve := prOK(t, s, "AddTemplate", map[string]string{"Type": "VETemplate", "Config": cfg})["Template"].(map[string]any)["TemplateId"].(string)
	opaque := prOK(t, s, "AddTemplate", map[string]string{"Type": "VETemplate", "Config": "not json"})["Template"].(map[string]any)["TemplateId"].(string)
	timeline := prOK(t, s, "AddTemplate", map[string]string{"Config": cfgItems})["Template"].(map[string]any)["TemplateId"].(string)
	if err := s.AddTemplate(Template{TemplateId: "IceSys_VE", Type: TemplateTypeVETemplate, Config: `{"Bgm":"bgm.mp3"}`}); err != nil {
		t.Fatal(err)
	}
	signed := func(id, file string) string {
		return "https://ice-template-materials.oss-cn-shanghai.aliyuncs.com/" + id + "/" + file +
			"?Expires=" + strconv.FormatInt(DefaultStartTime.Add(30*time.Minute).Unix(), 10) + "&OSSAccessKeyId=icefake&Signature=icefake"
	}
	tests := []struct {
		name   string
		params map[string]string
		want   map[string]string
	}{
		{"every file", map[string]string{"TemplateId": ve}, map[string]string{
			"config.json": signed(ve, "config.json"), "music.mp3": signed(ve, "music.mp3"), "assets/1.jpg": signed(ve, "assets/1.jpg")}},
		{"FileList", map[string]string{"TemplateId": ve, "FileList": `["music.mp3","nope.png"]`}, map[string]string{"music.mp3": signed(ve, "music.mp3")}},
		{"empty FileList", map[string]string{"TemplateId": ve, "FileList": `[]`}, map[string]string{}},
		{"opaque Config", map[string]string{"TemplateId": opaque}, map[string]string{"config.json": signed(opaque, "config.json")}},
		{"Timeline template", map[string]string{"TemplateId": timeline}, map[string]string{}},
		{"seeded VETemplate", map[string]string{"TemplateId": "IceSys_VE"}, map[string]string{
			"config.json": signed("IceSys_VE", "config.json"), "bgm.mp3": signed("IceSys_VE", "bgm.mp3")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := prOK(t, s, "GetTemplateMaterials", tt.params)
			var got map[string]string
			if err := json.Unmarshal([]byte(body["MaterialUrls"].(string)), &got); err != nil {
				t.Fatalf("MaterialUrls %q is not a JSON object of strings: %v", body["MaterialUrls"], err)
			}
			if !equalJSON(got, tt.want) {
				t.Errorf("MaterialUrls = %v\nwant %v", got, tt.want)
			}
		})
	}
	if got := prOK(t, s, "GetTemplateMaterials", map[string]string{"TemplateId": timeline})["MaterialUrls"]; got != "{}" {
		t.Errorf("Timeline template's MaterialUrls = %q, want {}", got)
	}
	errs := []struct {
		name      string
		params    map[string]string
		status    int
		code      string
		fragments []string
	}{
		{"unknown template", map[string]string{"TemplateId": "nope"}, 404, "ResourceNotFound", []string{`"nope"`}},
		{"no TemplateId", nil, 400, "MissingParameter", []string{"TemplateId"}},
		{"FileList not JSON", map[string]string{"TemplateId": ve, "FileList": "music.mp3"}, 400, "InvalidParameter", []string{"FileList"}},
		{"FileList of numbers", map[string]string{"TemplateId": ve, "FileList": "[1]"}, 400, "InvalidParameter", []string{"FileList"}},
	}
	for _, tt := range errs {
		t.Run(tt.name, func(t *testing.T) {
			status, body := rpc(t, s, "GetTemplateMaterials", tt.params)
			requireError(t, status, body, tt.status, tt.code, tt.fragments...)
		})
	}
}

package fake

import (
	"testing"
)

const (
	lcLiveA = `{"appName":"testrecord","domainName":"test.alivecdn.com","liveUrl":"rtmp://test.alivecdn.com/testrecord/teststream","streamName":"teststream"}`
	lcLiveB = `{"appName":"b","domainName":"b.example.com","liveUrl":"rtmp://b.example.com/b/s","streamName":"s"}`
)

// lcMaps builds a MaterialMaps value; live is a list of live-stream objects
// encoded as the JSON string MaterialMaps carries.
func lcMaps(kv map[string]string, live ...string) string {
	m := map[string]any{}
	for k, v := range kv {
		m[k] = v
	}
	if len(live) > 0 {
		m["liveStream"] = "[" + joinComma(live) + "]"
	}
	return lcJSON(m)
}

func joinComma(items []string) string {
	out := ""
	for i, it := range items {
		if i > 0 {
			out += ","
		}
		out += it
	}
	return out
}

// lcUnknownMedia is the MediaInfos entry of a media ID icefake does not know.
func lcUnknownMedia(id, kind string) map[string]any {
	return map[string]any{"MediaId": id, "MediaBasicInfo": map[string]any{"MediaId": id, "MediaType": kind, "Status": "Normal"}}
}

func TestEditingProjectMaterials(t *testing.T) {
	s := newTestServer(t, WithMedia(Media{MediaId: "seeded", MediaURL: "https://b.oss-cn-shanghai.aliyuncs.com/dir/a.mp4?x=1", Duration: 12.5, Title: "A", Size: 1024, Width: 1920, Height: 1080}))
	linked := lcCreate(t, s, map[string]string{})
	id := lcCreate(t, s, map[string]string{"MaterialMaps": lcMaps(map[string]string{"video": "v1, seeded", "image": "i1", "editingProject": linked, "other": "ignored"}, lcLiveA)})
	before := lcGet(t, s, id)

	seeded := map[string]any{
		"MediaId": "seeded",
		"MediaBasicInfo": map[string]any{
			"MediaId": "seeded", "InputURL": "https://b.oss-cn-shanghai.aliyuncs.com/dir/a.mp4?x=1", "MediaType": "video",
			"Source": "oss", "Title": "A", "Category": "video", "Status": "Normal", "TranscodeStatus": "Init",
		},
		"FileInfoList": []any{map[string]any{"FileBasicInfo": map[string]any{
			"FileName": "a.mp4", "FileStatus": "Normal", "FileType": "source_file", "FileSize": "1024", "Region": "cn-shanghai",
			"FormatName": "mov,mp4,m4a,3gp,3g2,mj2", "Bitrate": "0.66",
			"FileUrl": "https://b.oss-cn-shanghai.aliyuncs.com/dir/a.mp4?x=1", "Duration": "12.500000", "Width": "1920", "Height": "1080",
		}}},
	}
	live := func(items ...string) []any {
		out := []any{}
		for _, it := range items {
			out = append(out, map[string]any{
				"testrecord": map[string]any{"AppName": "testrecord", "DomainName": "test.alivecdn.com", "LiveUrl": "rtmp://test.alivecdn.com/testrecord/teststream", "StreamName": "teststream"},
				"b":          map[string]any{"AppName": "b", "DomainName": "b.example.com", "LiveUrl": "rtmp://b.example.com/b/s", "StreamName": "s"},
			}[it])
		}
		return out
	}

	steps := []struct {
		name   string
		action string
		params map[string]string
		want   map[string]any // the materials Get answers afterwards
	}{
		{
			name: "from create", action: "GetEditingProjectMaterials", params: map[string]string{},
			want: map[string]any{
				"MediaInfos":    []any{lcUnknownMedia("v1", "video"), seeded, lcUnknownMedia("i1", "image")},
				"LiveMaterials": live("testrecord"), "ProjectMaterials": []any{linked},
			},
		},
		{
			name: "add merges", action: "AddEditingProjectMaterials",
			params: map[string]string{"MaterialMaps": lcMaps(map[string]string{"video": "v1,v2", "audio": "a1", "image": "v1", "subtitle": "s1", "text": "t1", "editingProject": linked + ",p2"}, lcLiveA, lcLiveB)},
			want: map[string]any{
				"MediaInfos": []any{
					lcUnknownMedia("v1", "video"), seeded, lcUnknownMedia("i1", "image"), lcUnknownMedia("v2", "video"),
					lcUnknownMedia("a1", "audio"), lcUnknownMedia("s1", "subtitle"), lcUnknownMedia("t1", "text"),
				},
				"LiveMaterials": live("testrecord", "b"), "ProjectMaterials": []any{linked, "p2"},
			},
		},
		{
			name: "delete some videos", action: "DeleteEditingProjectMaterials",
			params: map[string]string{"MaterialIds": "v1,seeded,i1,unknown", "MaterialType": "video"},
			want: map[string]any{
				// v1 stays, as the image it was added as after a1.
				"MediaInfos": []any{
					lcUnknownMedia("i1", "image"), lcUnknownMedia("v2", "video"), lcUnknownMedia("a1", "audio"),
					lcUnknownMedia("v1", "image"), lcUnknownMedia("s1", "subtitle"), lcUnknownMedia("t1", "text"),
				},
				"LiveMaterials": live("testrecord", "b"), "ProjectMaterials": []any{linked, "p2"},
			},
		},
		{
			name: "delete the rest", action: "DeleteEditingProjectMaterials",
			params: map[string]string{"MaterialIds": "i1,v1", "MaterialType": "image"},
			want: map[string]any{
				"MediaInfos": []any{
					lcUnknownMedia("v2", "video"), lcUnknownMedia("a1", "audio"), lcUnknownMedia("s1", "subtitle"), lcUnknownMedia("t1", "text"),
				},
				"LiveMaterials": live("testrecord", "b"), "ProjectMaterials": []any{linked, "p2"},
			},
		},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			st.params["ProjectId"] = id
			body := lcOK(t, s, st.action, st.params)
			want := map[string]any{"RequestId": body["RequestId"], "ProjectId": id}
			for k, v := range st.want {
				want[k] = v
			}
			switch st.action {
			case "DeleteEditingProjectMaterials":
				if len(body) != 1 {
					t.Errorf("%s body = %v, want only RequestId", st.action, body)
				}
				body = lcOK(t, s, "GetEditingProjectMaterials", map[string]string{"ProjectId": id})
				want["RequestId"] = body["RequestId"]
			}
			if lcJSON(body) != lcJSON(want) {
				t.Errorf("materials = %s\nwant %s", lcJSON(body), lcJSON(want))
			}
		})
	}
	if got := lcGet(t, s, id); lcJSON(got) != lcJSON(before) {
		t.Errorf("material operations changed the project: %s, was %s", lcJSON(got), lcJSON(before))
	}
}

func TestEditingProjectMaterialsEmpty(t *testing.T) {
	s := newTestServer(t)
	id := lcCreate(t, s, map[string]string{})
	body := lcOK(t, s, "GetEditingProjectMaterials", map[string]string{"ProjectId": id})
	want := map[string]any{"RequestId": body["RequestId"], "ProjectId": id, "MediaInfos": []any{}, "LiveMaterials": []any{}, "ProjectMaterials": []any{}}
	if lcJSON(body) != lcJSON(want) {
		t.Errorf("materials = %s, want %s", lcJSON(body), lcJSON(want))
	}
	body = lcOK(t, s, "AddEditingProjectMaterials", map[string]string{"ProjectId": id, "MaterialMaps": "{}"})
	want["RequestId"] = body["RequestId"]
	if lcJSON(body) != lcJSON(want) {
		t.Errorf("Add {} = %s, want %s", lcJSON(body), lcJSON(want))
	}
}

func TestEditingProjectMaterialsErrors(t *testing.T) {
	eleven := "1,2,3,4,5,6,7,8,9,10,11"
	tests := []struct {
		name       string
		action     string
		params     map[string]string // "ID" stands for a live project, "DELETED" for a deleted one
		wantStatus int
		wantCode   string
		wantInMsg  string
	}{
		{"add: missing project", "AddEditingProjectMaterials", map[string]string{"MaterialMaps": `{"video":"a"}`}, 400, "MissingParameter", `"ProjectId"`},
		{"add: missing maps", "AddEditingProjectMaterials", map[string]string{"ProjectId": "ID"}, 400, "MissingParameter", `"MaterialMaps"`},
		{"add: unknown project", "AddEditingProjectMaterials", map[string]string{"ProjectId": "nope", "MaterialMaps": `{"video":"a"}`}, 404, "ProjectNotFound", ""},
		{"add: deleted project", "AddEditingProjectMaterials", map[string]string{"ProjectId": "DELETED", "MaterialMaps": `{"video":"a"}`}, 404, "ProjectNotFound", ""},
		{"add: 11 videos", "AddEditingProjectMaterials", map[string]string{"ProjectId": "ID", "MaterialMaps": `{"video":"` + eleven + `"}`}, 400, "InvalidParameter", "$.video"},
		{"add: 11 linked projects", "AddEditingProjectMaterials", map[string]string{"ProjectId": "ID", "MaterialMaps": `{"editingProject":"` + eleven + `"}`}, 400, "InvalidParameter", "$.editingProject"},
		{"add: not JSON", "AddEditingProjectMaterials", map[string]string{"ProjectId": "ID", "MaterialMaps": `{video:a}`}, 400, "InvalidParameter", `"MaterialMaps"`},
		{"add: not an object", "AddEditingProjectMaterials", map[string]string{"ProjectId": "ID", "MaterialMaps": `["a"]`}, 400, "InvalidParameter", `"MaterialMaps"`},
		{"add: ids not a string", "AddEditingProjectMaterials", map[string]string{"ProjectId": "ID", "MaterialMaps": `{"video":["a"]}`}, 400, "InvalidParameter", "$.video"},
		{"add: live stream not JSON", "AddEditingProjectMaterials", map[string]string{"ProjectId": "ID", "MaterialMaps": `{"liveStream":"[{"}`}, 400, "InvalidParameter", "$.liveStream"},
		{"add: live stream an array", "AddEditingProjectMaterials", map[string]string{"ProjectId": "ID", "MaterialMaps": `{"liveStream":[]}`}, 400, "InvalidParameter", "$.liveStream"},
		{"get: missing project", "GetEditingProjectMaterials", map[string]string{}, 400, "MissingParameter", `"ProjectId"`},
		{"get: unknown project", "GetEditingProjectMaterials", map[string]string{"ProjectId": "nope"}, 404, "ProjectNotFound", ""},
		{"get: deleted project", "GetEditingProjectMaterials", map[string]string{"ProjectId": "DELETED"}, 404, "ProjectNotFound", ""},
		{"delete: missing project", "DeleteEditingProjectMaterials", map[string]string{"MaterialIds": "a", "MaterialType": "video"}, 400, "MissingParameter", `"ProjectId"`},
		{"delete: missing ids", "DeleteEditingProjectMaterials", map[string]string{"ProjectId": "ID", "MaterialType": "video"}, 400, "MissingParameter", `"MaterialIds"`},
		{"delete: only commas", "DeleteEditingProjectMaterials", map[string]string{"ProjectId": "ID", "MaterialIds": ",", "MaterialType": "video"}, 400, "MissingParameter", `"MaterialIds"`},
		{"delete: missing type", "DeleteEditingProjectMaterials", map[string]string{"ProjectId": "ID", "MaterialIds": "a"}, 400, "MissingParameter", `"MaterialType"`},
		{"delete: 11 ids", "DeleteEditingProjectMaterials", map[string]string{"ProjectId": "ID", "MaterialIds": eleven, "MaterialType": "video"}, 400, "InvalidParameter", `"MaterialIds"`},
		{"delete: bad type", "DeleteEditingProjectMaterials", map[string]string{"ProjectId": "ID", "MaterialIds": "a", "MaterialType": "liveStream"}, 400, "InvalidParameter", `"MaterialType"`},
		{"delete: unknown project", "DeleteEditingProjectMaterials", map[string]string{"ProjectId": "nope", "MaterialIds": "a", "MaterialType": "video"}, 404, "ProjectNotFound", ""},
		{"delete: deleted project", "DeleteEditingProjectMaterials", map[string]string{"ProjectId": "DELETED", "MaterialIds": "a", "MaterialType": "video"}, 404, "ProjectNotFound", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t)
			live := lcCreate(t, s, map[string]string{"MaterialMaps": `{"video":"keep"}`})
			deleted := lcCreate(t, s, map[string]string{})
			lcOK(t, s, "DeleteEditingProjects", map[string]string{"ProjectIds": deleted})
			params := map[string]string{}
			for k, v := range tt.params {
				switch v {
				case "ID":
					v = live
				case "DELETED":
					v = deleted
				}
				params[k] = v
			}
			status, body := rpc(t, s, tt.action, params)
			requireError(t, status, body, tt.wantStatus, tt.wantCode, tt.wantInMsg)
			got := lcOK(t, s, "GetEditingProjectMaterials", map[string]string{"ProjectId": live})["MediaInfos"]
			if want := []any{lcUnknownMedia("keep", "video")}; lcJSON(got) != lcJSON(want) {
				t.Errorf("after the failed call MediaInfos = %s, want %s", lcJSON(got), lcJSON(want))
			}
		})
	}
}

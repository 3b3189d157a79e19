package fake

import (
	"testing"
	"time"
)

const (
	lcMediaID = "****4d7cf14dc7b83b0e801c****" // 12.5 s
	lcLive    = `{"OutputMediaConfig":{"StorageLocation":"b.oss-cn-shanghai.aliyuncs.com"}}`
	lcTL      = `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"` + lcMediaID + `"},{"MediaId":"` + lcMediaID + `","Out":4}]}]}`
	// lcTplTL is the Timeline template "tpl" gives for ClipsParam {"M": lcMediaID}.
	lcTplTL = `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"` + lcMediaID + `"}]}]}`
)

// lcServer is a test server with the media and templates of these tests.
func lcServer(t *testing.T) *Server {
	t.Helper()
	s := newTestServer(t, WithMedia(Media{MediaId: lcMediaID, Duration: 12.5}))
	err := s.AddTemplate(
		Template{TemplateId: "tpl", Config: `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"$M"}]}]}`},
		Template{TemplateId: "ve", Type: TemplateTypeVETemplate, Config: "opaque"},
	)
	if err != nil {
		t.Fatalf("AddTemplate() error = %v", err)
	}
	return s
}

func TestUpdateEditingProject(t *testing.T) {
	later := DefaultStartTime.Add(time.Hour)
	tests := []struct {
		name   string
		create map[string]string
		update map[string]string
		// want are the Get fields that must differ from before the update
		// (nil: absent).
		want map[string]any
	}{
		{
			name:   "title description cover",
			create: map[string]string{"Title": "a", "Description": "d", "CoverURL": "https://x/c.png"},
			update: map[string]string{"Title": "b", "Description": "e", "CoverURL": "https://x/d.png"},
			want:   map[string]any{"Title": "b", "Description": "e", "CoverURL": "https://x/d.png", "ModifiedTime": wireTime(later)},
		},
		{
			name:   "empty values change nothing",
			create: map[string]string{"Title": "a", "Description": "d"},
			update: map[string]string{"Title": "", "Description": "", "Timeline": "", "TemplateId": ""},
			want:   map[string]any{"ModifiedTime": wireTime(later)},
		},
		{
			name:   "timeline makes a draft editing",
			create: map[string]string{},
			update: map[string]string{"Timeline": lcTL},
			want:   map[string]any{"Timeline": lcTL, "Status": "Editing", "Duration": 16.5, "ModifiedTime": wireTime(later)},
		},
		{
			name:   "timeline replaced",
			create: map[string]string{"Timeline": `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"` + lcMediaID + `"}]}]}`},
			update: map[string]string{"Timeline": lcTL},
			want:   map[string]any{"Timeline": lcTL, "Duration": 16.5, "ModifiedTime": wireTime(later)},
		},
		{
			name:   "timeline template fills the timeline",
			create: map[string]string{},
			update: map[string]string{"TemplateId": "tpl", "ClipsParam": `{"M":"` + lcMediaID + `"}`},
			want: map[string]any{"TemplateId": "tpl", "ClipsParam": `{"M":"` + lcMediaID + `"}`, "TemplateType": "Timeline",
				"Timeline": lcTplTL, "Duration": 12.5, "Status": "Editing", "ModifiedTime": wireTime(later)},
		},
		{
			name:   "clips alone refill the project's template",
			create: map[string]string{"TemplateId": "tpl", "ClipsParam": `{"M":"other"}`},
			update: map[string]string{"ClipsParam": `{"M":"` + lcMediaID + `"}`},
			want:   map[string]any{"ClipsParam": `{"M":"` + lcMediaID + `"}`, "Timeline": lcTplTL, "Duration": 12.5, "ModifiedTime": wireTime(later)},
		},
		{
			name:   "advanced template",
			create: map[string]string{"Timeline": lcTL},
			update: map[string]string{"TemplateId": "ve", "ClipsParam": `{"a":"b"}`},
			want:   map[string]any{"TemplateId": "ve", "ClipsParam": `{"a":"b"}`, "TemplateType": "VETemplate", "ModifiedTime": wireTime(later)},
		},
		{
			name:   "live business status",
			create: map[string]string{"ProjectType": "LiveEditingProject", "BusinessConfig": lcLive},
			update: map[string]string{"BusinessStatus": "ReservationCanceled"},
			want:   map[string]any{"BusinessStatus": "ReservationCanceled", "ModifiedTime": wireTime(later)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := lcServer(t)
			id := lcCreate(t, s, tt.create)
			before := lcGet(t, s, id)
			s.Advance(time.Hour)
			params := map[string]string{"ProjectId": id}
			for k, v := range tt.update {
				params[k] = v
			}
			body := lcOK(t, s, "UpdateEditingProject", params)
			if len(body) != 1 || body["RequestId"] == nil {
				t.Errorf("UpdateEditingProject body = %v, want only RequestId", body)
			}
			got := lcGet(t, s, id)
			want := map[string]any{}
			for k, v := range before {
				want[k] = v
			}
			for k, v := range tt.want {
				want[k] = v
			}
			if lcJSON(got) != lcJSON(want) {
				t.Errorf("GetEditingProject after update = %s, want %s", lcJSON(got), lcJSON(want))
			}
			checkIndex(t, s)
		})
	}
}

func TestUpdateEditingProjectErrors(t *testing.T) {
	tests := []struct {
		name       string
		live       bool
		params     map[string]string // ProjectId is added unless present
		wantStatus int
		wantCode   string
		wantInMsg  string
	}{
		{"missing ProjectId", false, map[string]string{"ProjectId": ""}, 400, "MissingParameter", `"ProjectId"`},
		{"unknown project", false, map[string]string{"ProjectId": "00000000000000000000000000000000"}, 404, "ProjectNotFound", ""},
		{"timeline and template", false, map[string]string{"Title": "x", "Timeline": lcTL, "TemplateId": "tpl", "ClipsParam": "{}"}, 400, "InvalidParameter", `"Timeline"`},
		{"template without clips", false, map[string]string{"Title": "x", "TemplateId": "tpl"}, 400, "MissingParameter", `"ClipsParam"`},
		{"unknown template", false, map[string]string{"Title": "x", "TemplateId": "nope", "ClipsParam": "{}"}, 404, "ResourceNotFound", `"nope"`},
		{"clips missing a placeholder", false, map[string]string{"Title": "x", "TemplateId": "tpl", "ClipsParam": "{}"}, 400, "InvalidParameter", `"ClipsParam"`},
		{"business status of a normal project", false, map[string]string{"Title": "x", "BusinessStatus": "Reserving"}, 400, "InvalidParameter", `"BusinessStatus"`},
		{"business status not settable", true, map[string]string{"Title": "x", "BusinessStatus": "LiveFinished"}, 400, "InvalidParameter", `"BusinessStatus"`},
		{"malformed timeline", false, map[string]string{"Title": "x", "Timeline": `{"VideoTracks":[}`}, 400, "InvalidParameter", `"Timeline"`},
		{"timeline out of range", false, map[string]string{"Title": "x", "Timeline": `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m","In":-1}]}]}`}, 400, "InvalidParameter", "$.VideoTracks[0].VideoTrackClips[0].In"},
		{"clips param not an object", false, map[string]string{"Title": "x", "TemplateId": "tpl", "ClipsParam": `[1]`}, 400, "InvalidParameter", `"ClipsParam"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := lcServer(t)
			create := map[string]string{"Title": "orig"}
			if tt.live {
				create["ProjectType"], create["BusinessConfig"] = "LiveEditingProject", lcLive
			}
			id := lcCreate(t, s, create)
			before := lcGet(t, s, id)
			params := map[string]string{"ProjectId": id}
			for k, v := range tt.params {
				params[k] = v
			}
			s.Advance(time.Hour)
			status, body := rpc(t, s, "UpdateEditingProject", params)
			requireError(t, status, body, tt.wantStatus, tt.wantCode, tt.wantInMsg)
			if got := lcGet(t, s, id); lcJSON(got) != lcJSON(before) {
				t.Errorf("after a failed update Get = %s, want unchanged %s", lcJSON(got), lcJSON(before))
			}
		})
	}
}

func TestUpdateDeletedProject(t *testing.T) {
	s := newTestServer(t)
	id := lcCreate(t, s, map[string]string{})
	lcOK(t, s, "DeleteEditingProjects", map[string]string{"ProjectIds": id})
	status, body := rpc(t, s, "UpdateEditingProject", map[string]string{"ProjectId": id, "Title": "x"})
	requireError(t, status, body, 404, "ProjectNotFound")
}

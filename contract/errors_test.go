package contract

import (
	"net/http"
	"testing"

	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/assert"
)

func TestCreateEditingProjectErrors(t *testing.T) {
	tests := []struct {
		name       string
		req        *ice.CreateEditingProjectRequest
		wantStatus int
		wantCode   string
		// wantInMessage are substrings of the envelope's Message (the
		// parameter it names, the JSON path inside it).
		wantInMessage []string
	}{
		{
			name:          "missing Title",
			req:           &ice.CreateEditingProjectRequest{Description: tea.String("no title")},
			wantStatus:    http.StatusBadRequest,
			wantCode:      "MissingParameter",
			wantInMessage: []string{"Title"},
		},
		{
			name:          "empty Title",
			req:           &ice.CreateEditingProjectRequest{Title: tea.String("")},
			wantStatus:    http.StatusBadRequest,
			wantCode:      "MissingParameter",
			wantInMessage: []string{"Title"},
		},
		{
			name:          "Timeline with a trailing comma",
			req:           &ice.CreateEditingProjectRequest{Title: tea.String("t"), Timeline: tea.String(`{"VideoTracks":[],}`)},
			wantStatus:    http.StatusBadRequest,
			wantCode:      "InvalidParameter",
			wantInMessage: []string{"Timeline"},
		},
		{
			name:          "Timeline with a // comment",
			req:           &ice.CreateEditingProjectRequest{Title: tea.String("t"), Timeline: tea.String("// comment\n{\"VideoTracks\":[]}")},
			wantStatus:    http.StatusBadRequest,
			wantCode:      "InvalidParameter",
			wantInMessage: []string{"Timeline"},
		},
		{
			name:          "Timeline JSON null",
			req:           &ice.CreateEditingProjectRequest{Title: tea.String("t"), Timeline: tea.String("null")},
			wantStatus:    http.StatusBadRequest,
			wantCode:      "InvalidParameter",
			wantInMessage: []string{"Timeline"},
		},
		{
			name:          "Timeline a JSON array",
			req:           &ice.CreateEditingProjectRequest{Title: tea.String("t"), Timeline: tea.String("[]")},
			wantStatus:    http.StatusBadRequest,
			wantCode:      "InvalidParameter",
			wantInMessage: []string{"Timeline"},
		},
		{
			name:          "Timeline VideoTracks an object",
			req:           &ice.CreateEditingProjectRequest{Title: tea.String("t"), Timeline: tea.String(`{"VideoTracks":{}}`)},
			wantStatus:    http.StatusBadRequest,
			wantCode:      "InvalidParameter",
			wantInMessage: []string{"Timeline", "$.VideoTracks"},
		},
		{
			name: "Timeline and TemplateId both",
			req: &ice.CreateEditingProjectRequest{Title: tea.String("t"), Timeline: tea.String(timeline342),
				TemplateId: tea.String(docTemplateID), ClipsParam: tea.String(docClipsParam)},
			wantStatus: http.StatusBadRequest,
			wantCode:   "InvalidParameter",
		},
		{
			name:          "TemplateId without ClipsParam",
			req:           &ice.CreateEditingProjectRequest{Title: tea.String("t"), TemplateId: tea.String(docTemplateID)},
			wantStatus:    http.StatusBadRequest,
			wantCode:      "MissingParameter",
			wantInMessage: []string{"ClipsParam"},
		},
		{
			name:          "unknown TemplateId",
			req:           &ice.CreateEditingProjectRequest{Title: tea.String("t"), TemplateId: tea.String(docTemplateID), ClipsParam: tea.String(docClipsParam)},
			wantStatus:    http.StatusNotFound,
			wantCode:      "ResourceNotFound",
			wantInMessage: []string{docTemplateID},
		},
		{
			name:          "TemplateType Foo",
			req:           &ice.CreateEditingProjectRequest{Title: tea.String("t"), TemplateType: tea.String("Foo")},
			wantStatus:    http.StatusBadRequest,
			wantCode:      "InvalidParameter",
			wantInMessage: []string{"TemplateType"},
		},
		{
			name:          "ProjectType Foo",
			req:           &ice.CreateEditingProjectRequest{Title: tea.String("t"), ProjectType: tea.String("Foo")},
			wantStatus:    http.StatusBadRequest,
			wantCode:      "InvalidParameter",
			wantInMessage: []string{"ProjectType"},
		},
		{
			name:          "LiveEditingProject without BusinessConfig",
			req:           &ice.CreateEditingProjectRequest{Title: tea.String("t"), ProjectType: tea.String("LiveEditingProject")},
			wantStatus:    http.StatusBadRequest,
			wantCode:      "InvalidParameter",
			wantInMessage: []string{"StorageLocation"},
		},
		{
			name: "LiveEditingProject without StorageLocation",
			req: &ice.CreateEditingProjectRequest{Title: tea.String("t"), ProjectType: tea.String("LiveEditingProject"),
				BusinessConfig: tea.String(`{"OutputMediaConfig":{"Path":"test-path"},"OutputMediaTarget":"oss-object"}`)},
			wantStatus:    http.StatusBadRequest,
			wantCode:      "InvalidParameter",
			wantInMessage: []string{"StorageLocation"},
		},
		{
			name:          "MaterialMaps with 11 video IDs",
			req:           &ice.CreateEditingProjectRequest{Title: tea.String("t"), MaterialMaps: tea.String(videoIDs(11))},
			wantStatus:    http.StatusBadRequest,
			wantCode:      "InvalidParameter",
			wantInMessage: []string{"MaterialMaps"},
		},
	}
	forEachTarget(t, mediaScenario, func(t *testing.T, tg *target) {
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				resp, err := tg.client.CreateEditingProject(tc.req)
				if err == nil && resp.Body != nil && resp.Body.Project != nil {
					tg.track(t, tea.StringValue(resp.Body.Project.ProjectId))
				}
				env := wantAPIError(t, tg, err, tc.wantStatus, tc.wantCode)
				for _, s := range tc.wantInMessage {
					assert.Contains(t, env.Message, s, "envelope Message")
				}
			})
		}
		if n, ok := projectCount(t, tg); ok {
			assert.Equal(t, 0, n, "projects stored by failed creates")
		}
	})
}

func TestGetEditingProjectErrors(t *testing.T) {
	tests := []struct {
		name          string
		req           *ice.GetEditingProjectRequest
		wantStatus    int
		wantCode      string
		wantInMessage []string
	}{
		{
			name:       "unknown ProjectId",
			req:        &ice.GetEditingProjectRequest{ProjectId: tea.String("0123456789abcdef0123456789abcdef")},
			wantStatus: http.StatusNotFound,
			wantCode:   "ProjectNotFound",
		},
		{
			name:          "missing ProjectId",
			req:           &ice.GetEditingProjectRequest{},
			wantStatus:    http.StatusBadRequest,
			wantCode:      "MissingParameter",
			wantInMessage: []string{"ProjectId"},
		},
		{
			name:          "empty ProjectId",
			req:           &ice.GetEditingProjectRequest{ProjectId: tea.String("")},
			wantStatus:    http.StatusBadRequest,
			wantCode:      "MissingParameter",
			wantInMessage: []string{"ProjectId"},
		},
	}
	forEachTarget(t, mediaScenario, func(t *testing.T, tg *target) {
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				_, err := tg.client.GetEditingProject(tc.req)
				env := wantAPIError(t, tg, err, tc.wantStatus, tc.wantCode)
				for _, s := range tc.wantInMessage {
					assert.Contains(t, env.Message, s, "envelope Message")
				}
			})
		}
	})
}

// TestGatewayErrors covers what the POP gateway answers before ICE sees the
// call, sent through the SDK's generic CallApi.
func TestGatewayErrors(t *testing.T) {
	tests := []struct {
		name       string
		action     string
		version    string
		wantStatus int
		wantCode   string
	}{
		{name: "unknown Action", action: "NoSuchAction", version: apiVersion, wantStatus: http.StatusNotFound, wantCode: "InvalidAction.NotFound"},
		{name: "wrong Version", action: "GetEditingProject", version: "2017-03-21", wantStatus: http.StatusBadRequest, wantCode: "InvalidVersion"},
	}
	forEachTarget(t, mediaScenario, func(t *testing.T, tg *target) {
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				_, err := callAPI(tg, tc.action, tc.version, map[string]*string{"ProjectId": tea.String("0123456789abcdef0123456789abcdef")})
				wantAPIError(t, tg, err, tc.wantStatus, tc.wantCode)
			})
		}
	})
}

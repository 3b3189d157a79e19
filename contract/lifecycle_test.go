package contract

import (
	"net/http"
	"testing"
	"time"

	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Contract tests of the project lifecycle: UpdateEditingProject and
// DeleteEditingProjects (API reference: UpdateEditingProject, DeleteEditingProjects). Search/List are in
// lifecycle_search_test.go, the material operations in
// lifecycle_materials_test.go.

// unknownProjectID is a well-formed ProjectId no target has.
const unknownProjectID = "00000000000000000000000000000000"

// liveBusinessConfig makes a LiveEditingProject valid.
const liveBusinessConfig = `{"OutputMediaConfig":{"StorageLocation":"test-bucket.oss-cn-shanghai.aliyuncs.com"}}`

// mustUpdate calls UpdateEditingProject and checks its RequestId-only answer.
func mustUpdate(t *testing.T, tg *target, req *ice.UpdateEditingProjectRequest) {
	t.Helper()
	resp, err := tg.client.UpdateEditingProject(req)
	require.NoError(t, err, "UpdateEditingProject")
	assert.Equal(t, int32(http.StatusOK), tea.Int32Value(resp.StatusCode), "UpdateEditingProject status")
	assert.Regexp(t, reRequestID, tea.StringValue(resp.Body.RequestId), "UpdateEditingProject RequestId")
	assert.Equal(t, tea.StringValue(resp.Body.RequestId), tea.StringValue(resp.Headers["x-acs-request-id"]), "x-acs-request-id header")
}

// mustDelete deletes projects and checks the RequestId-only answer.
func mustDelete(t *testing.T, tg *target, ids string) {
	t.Helper()
	resp, err := tg.client.DeleteEditingProjects(&ice.DeleteEditingProjectsRequest{ProjectIds: tea.String(ids)})
	require.NoError(t, err, "DeleteEditingProjects(%s)", ids)
	assert.Equal(t, int32(http.StatusOK), tea.Int32Value(resp.StatusCode), "DeleteEditingProjects status")
	assert.Regexp(t, reRequestID, tea.StringValue(resp.Body.RequestId), "DeleteEditingProjects RequestId")
}

// advance moves the embedded fake's clock; other targets keep real time.
func (tg *target) advance(d time.Duration) {
	if tg.srv != nil {
		tg.srv.Advance(d)
	}
}

func TestUpdateEditingProject(t *testing.T) {
	forEachTarget(t, mediaScenario, func(t *testing.T, tg *target) {
		tests := []struct {
			name          string
			needsTemplate bool
			create        *ice.CreateEditingProjectRequest
			update        *ice.UpdateEditingProjectRequest // ProjectId is filled in
			// change applies to asGet(created) what the update must change
			// (ModifiedTime is checked separately).
			change func(g *ice.GetEditingProjectResponseBodyProject)
		}{
			{
				name:   "title, description, cover and timeline of a draft",
				create: &ice.CreateEditingProjectRequest{Title: tea.String("before"), Description: tea.String("d0")},
				update: &ice.UpdateEditingProjectRequest{
					Title: tea.String("after 中文 + *"), Description: tea.String("d1"),
					CoverURL: tea.String(docCoverURL), Timeline: tea.String(timeline342),
				},
				change: func(g *ice.GetEditingProjectResponseBodyProject) {
					g.Title, g.Description, g.CoverURL = tea.String("after 中文 + *"), tea.String("d1"), tea.String(docCoverURL)
					g.Timeline, g.Duration, g.Status = tea.String(timeline342), tea.Int64(3), tea.String("Editing")
				},
			},
			{
				name:   "empty values leave fields alone",
				create: &ice.CreateEditingProjectRequest{Title: tea.String("keep"), Description: tea.String("keep too"), Timeline: tea.String(timeline342)},
				update: &ice.UpdateEditingProjectRequest{Title: tea.String(""), Description: tea.String(""), Timeline: tea.String("")},
				change: func(*ice.GetEditingProjectResponseBodyProject) {},
			},
			{
				name:          "timeline template fills the timeline",
				needsTemplate: true,
				create:        &ice.CreateEditingProjectRequest{Title: tea.String("template later")},
				update:        &ice.UpdateEditingProjectRequest{TemplateId: tea.String(tlTemplateID), ClipsParam: tea.String(docClipsParam)},
				change: func(g *ice.GetEditingProjectResponseBodyProject) {
					g.TemplateId, g.ClipsParam, g.TemplateType = tea.String(tlTemplateID), tea.String(docClipsParam), tea.String("Timeline")
					g.Timeline, g.Duration, g.Status = tea.String(tlTemplateTimeline), tea.Int64(12), tea.String("Editing")
				},
			},
			{
				name: "live project reservation canceled",
				create: &ice.CreateEditingProjectRequest{
					Title: tea.String("live"), ProjectType: tea.String("LiveEditingProject"), BusinessConfig: tea.String(liveBusinessConfig),
				},
				update: &ice.UpdateEditingProjectRequest{BusinessStatus: tea.String("ReservationCanceled")},
				change: func(g *ice.GetEditingProjectResponseBodyProject) {
					g.BusinessStatus = tea.String("ReservationCanceled")
				},
			},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if tt.needsTemplate {
					tg.fakeOnly(t, "the template is seeded by the scenario")
				}
				start := time.Now()
				created := mustCreate(t, tg, tt.create)
				want := asGet(created)
				tt.change(want)
				tg.advance(time.Hour)
				tt.update.ProjectId = created.ProjectId
				mustUpdate(t, tg, tt.update)

				got := mustGet(t, tg, tea.StringValue(created.ProjectId))
				if tg.srv != nil {
					want.ModifiedTime = tea.String(tg.srv.Now().Format(wireTime))
				} else {
					tg.checkTime(t, "ModifiedTime", got.ModifiedTime, start)
					want.ModifiedTime = got.ModifiedTime
				}
				assert.Equal(t, want, got, "GetEditingProject after the update")
			})
		}
	})
}

func TestUpdateEditingProjectErrors(t *testing.T) {
	forEachTarget(t, mediaScenario, func(t *testing.T, tg *target) {
		normal := mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String("errors")})
		live := mustCreate(t, tg, &ice.CreateEditingProjectRequest{
			Title: tea.String("live errors"), ProjectType: tea.String("LiveEditingProject"), BusinessConfig: tea.String(liveBusinessConfig),
		})
		deleted := mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String("deleted")})
		mustDelete(t, tg, tea.StringValue(deleted.ProjectId))
		tests := []struct {
			name       string
			req        *ice.UpdateEditingProjectRequest
			wantStatus int
			wantCode   string
			wantInMsg  string
		}{
			{"missing ProjectId", &ice.UpdateEditingProjectRequest{Title: tea.String("x")}, 400, "MissingParameter", "ProjectId"},
			{"unknown project", &ice.UpdateEditingProjectRequest{ProjectId: tea.String(unknownProjectID), Title: tea.String("x")}, 404, "ProjectNotFound", ""},
			{"deleted project", &ice.UpdateEditingProjectRequest{ProjectId: deleted.ProjectId, Title: tea.String("x")}, 404, "ProjectNotFound", ""},
			{"Timeline and TemplateId", &ice.UpdateEditingProjectRequest{ProjectId: normal.ProjectId, Timeline: tea.String(timeline342), TemplateId: tea.String(tlTemplateID), ClipsParam: tea.String(docClipsParam)}, 400, "InvalidParameter", "Timeline"},
			{"TemplateId without ClipsParam", &ice.UpdateEditingProjectRequest{ProjectId: normal.ProjectId, TemplateId: tea.String(tlTemplateID)}, 400, "MissingParameter", "ClipsParam"},
			{"BusinessStatus of a normal project", &ice.UpdateEditingProjectRequest{ProjectId: normal.ProjectId, BusinessStatus: tea.String("Reserving")}, 400, "InvalidParameter", "BusinessStatus"},
			{"BusinessStatus not settable", &ice.UpdateEditingProjectRequest{ProjectId: live.ProjectId, BusinessStatus: tea.String("LiveFinished")}, 400, "InvalidParameter", "BusinessStatus"},
			{"malformed Timeline", &ice.UpdateEditingProjectRequest{ProjectId: normal.ProjectId, Timeline: tea.String(`{"VideoTracks":[],}`)}, 400, "InvalidParameter", "Timeline"},
			{"Timeline clip Speed out of range", &ice.UpdateEditingProjectRequest{ProjectId: normal.ProjectId, Timeline: tea.String(`{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m","Speed":1000}]}]}`)}, 400, "InvalidParameter", "Speed"},
			{"unknown TemplateId", &ice.UpdateEditingProjectRequest{ProjectId: normal.ProjectId, TemplateId: tea.String("nonexistenttemplate"), ClipsParam: tea.String(docClipsParam)}, 404, "ResourceNotFound", ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := tg.client.UpdateEditingProject(tt.req)
				env := wantAPIError(t, tg, err, tt.wantStatus, tt.wantCode)
				assert.Contains(t, env.Message, tt.wantInMsg, "Message")
			})
		}
		// Nothing failed half-way.
		assert.Equal(t, asGet(normal), mustGet(t, tg, tea.StringValue(normal.ProjectId)), "project after the failed updates")
	})
}

func TestDeleteEditingProjects(t *testing.T) {
	forEachTarget(t, mediaScenario, func(t *testing.T, tg *target) {
		a := mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String("delete a")})
		b := mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String("keep b")})
		c := mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String("delete c")})
		ids := tea.StringValue(a.ProjectId) + "," + tea.StringValue(c.ProjectId)

		mustDelete(t, tg, ids)
		for _, id := range []string{tea.StringValue(a.ProjectId), tea.StringValue(c.ProjectId)} {
			_, err := tg.client.GetEditingProject(&ice.GetEditingProjectRequest{ProjectId: tea.String(id)})
			wantAPIError(t, tg, err, 404, "ProjectNotFound")
			_, err = tg.client.GetEditingProjectMaterials(&ice.GetEditingProjectMaterialsRequest{ProjectId: tea.String(id)})
			wantAPIError(t, tg, err, 404, "ProjectNotFound")
		}
		assert.Equal(t, asGet(b), mustGet(t, tg, tea.StringValue(b.ProjectId)), "the project not deleted")

		// Search no longer lists them.
		resp, err := tg.client.SearchEditingProject(&ice.SearchEditingProjectRequest{PageSize: tea.Int64(100)})
		require.NoError(t, err, "SearchEditingProject")
		for _, p := range resp.Body.ProjectList {
			assert.NotContains(t, ids, tea.StringValue(p.ProjectId), "Search lists a deleted project")
		}

		t.Run("idempotent", func(t *testing.T) {
			tg.fakeOnly(t, "repeating a delete and deleting unknown IDs is UNCONFIRMED; icefake succeeds")
			mustDelete(t, tg, ids)
			mustDelete(t, tg, unknownProjectID)
			mustDelete(t, tg, " "+tea.StringValue(b.ProjectId)+" ,,")
			_, err := tg.client.GetEditingProject(&ice.GetEditingProjectRequest{ProjectId: b.ProjectId})
			wantAPIError(t, tg, err, 404, "ProjectNotFound")
		})
		t.Run("missing ProjectIds", func(t *testing.T) {
			tg.fakeOnly(t, "the SDK does not mark ProjectIds required; icefake answers MissingParameter")
			for _, req := range []*ice.DeleteEditingProjectsRequest{{}, {ProjectIds: tea.String("")}, {ProjectIds: tea.String(",")}} {
				_, err := tg.client.DeleteEditingProjects(req)
				env := wantAPIError(t, tg, err, 400, "MissingParameter")
				assert.Contains(t, env.Message, "ProjectIds", "Message")
			}
		})
	})
}

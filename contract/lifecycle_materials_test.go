package contract

import (
	"strings"
	"testing"

	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Contract tests of Add/Get/DeleteEditingProjectMaterials (API reference: AddEditingProjectMaterials, GetEditingProjectMaterials, DeleteEditingProjectMaterials).

// The IDs and live stream of docMaterialMaps.
const (
	docVideoID   = "*****2e057304fcd9b145c5cafc*****"
	docImageID1  = "****8021a8d493da643c8acd98*****"
	docImageID2  = "*****cb6307a4edea614d8b3f3c*****"
	docLinkedID  = "*****9b145c5cafc2e057304fcd*****"
	docLiveInMap = `[{\"appName\":\"testrecord\",\"domainName\":\"test.alivecdn.com\",\"liveUrl\":\"rtmp://test.alivecdn.com/testrecord/teststream\",\"streamName\":\"teststream\"}]`
)

var docLive = &ice.GetEditingProjectMaterialsResponseBodyLiveMaterials{
	AppName: tea.String("testrecord"), DomainName: tea.String("test.alivecdn.com"),
	LiveUrl: tea.String("rtmp://test.alivecdn.com/testrecord/teststream"), StreamName: tea.String("teststream"),
}

// unknownMedia is the MediaInfos entry icefake gives a media ID it does not
// know: its ID, the MaterialMaps key as MediaType, Status Normal.
func unknownMedia(id, kind string) *ice.GetEditingProjectMaterialsResponseBodyMediaInfos {
	return &ice.GetEditingProjectMaterialsResponseBodyMediaInfos{
		MediaId: tea.String(id),
		MediaBasicInfo: &ice.GetEditingProjectMaterialsResponseBodyMediaInfosMediaBasicInfo{
			MediaId: tea.String(id), MediaType: tea.String(kind), Status: tea.String("Normal"),
		},
	}
}

// mustGetMaterials calls GetEditingProjectMaterials and checks the envelope.
func mustGetMaterials(t *testing.T, tg *target, projectID *string) *ice.GetEditingProjectMaterialsResponseBody {
	t.Helper()
	resp, err := tg.client.GetEditingProjectMaterials(&ice.GetEditingProjectMaterialsRequest{ProjectId: projectID})
	require.NoError(t, err, "GetEditingProjectMaterials")
	assert.Equal(t, int32(200), tea.Int32Value(resp.StatusCode), "status")
	assert.Regexp(t, reRequestID, tea.StringValue(resp.Body.RequestId), "RequestId")
	assert.Equal(t, projectID, resp.Body.ProjectId, "ProjectId")
	return resp.Body
}

func TestEditingProjectMaterials(t *testing.T) {
	forEachTarget(t, mediaScenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "the MediaInfos of unknown and seeded media are icefake's")
		p := mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String("materials"), MaterialMaps: tea.String(docMaterialMaps)})

		// From Create's MaterialMaps.
		got := mustGetMaterials(t, tg, p.ProjectId)
		assert.Equal(t, []*ice.GetEditingProjectMaterialsResponseBodyMediaInfos{
			unknownMedia(docVideoID, "video"), unknownMedia(docImageID1, "image"), unknownMedia(docImageID2, "image"),
		}, got.MediaInfos, "MediaInfos")
		assert.Equal(t, []*ice.GetEditingProjectMaterialsResponseBodyLiveMaterials{docLive}, got.LiveMaterials, "LiveMaterials")
		assert.Equal(t, []*string{tea.String(docLinkedID)}, got.ProjectMaterials, "ProjectMaterials")

		// Add merges, and answers like Get.
		add, err := tg.client.AddEditingProjectMaterials(&ice.AddEditingProjectMaterialsRequest{
			ProjectId:    p.ProjectId,
			MaterialMaps: tea.String(`{"video":"` + docVideoID + `,` + mediaID12s + `","audio":"audio1","liveStream":"` + docLiveInMap + `","editingProject":"` + docLinkedID + `,linked2"}`),
		})
		require.NoError(t, err, "AddEditingProjectMaterials")
		assert.Equal(t, int32(200), tea.Int32Value(add.StatusCode), "status")
		assert.Regexp(t, reRequestID, tea.StringValue(add.Body.RequestId), "RequestId")
		assert.Equal(t, p.ProjectId, add.Body.ProjectId, "ProjectId")
		require.Len(t, add.Body.MediaInfos, 5, "MediaInfos after Add")
		seeded := add.Body.MediaInfos[3]
		assert.Equal(t, mediaID12s, tea.StringValue(seeded.MediaId), "seeded medium MediaId")
		assert.Equal(t, mediaID12s, tea.StringValue(seeded.MediaBasicInfo.MediaId), "seeded medium MediaBasicInfo.MediaId")
		assert.Equal(t, "video", tea.StringValue(seeded.MediaBasicInfo.MediaType), "seeded medium MediaType")
		assert.Equal(t, "Normal", tea.StringValue(seeded.MediaBasicInfo.Status), "seeded medium Status")
		require.Len(t, seeded.FileInfoList, 1, "seeded medium FileInfoList")
		assert.Equal(t, "12.500000", tea.StringValue(seeded.FileInfoList[0].FileBasicInfo.Duration), "FileBasicInfo.Duration (a string)")
		assert.Equal(t, "audio1", tea.StringValue(add.Body.MediaInfos[4].MediaId), "the added audio")
		assert.Len(t, add.Body.LiveMaterials, 1, "the same live stream is not repeated")
		assert.Equal(t, []*string{tea.String(docLinkedID), tea.String("linked2")}, add.Body.ProjectMaterials, "ProjectMaterials")

		got = mustGetMaterials(t, tg, p.ProjectId)
		assert.Len(t, got.MediaInfos, 5, "Get after Add")

		// Delete by IDs and type.
		del, err := tg.client.DeleteEditingProjectMaterials(&ice.DeleteEditingProjectMaterialsRequest{
			ProjectId: p.ProjectId, MaterialIds: tea.String(docVideoID + "," + mediaID12s + "," + docImageID1 + ",not-there"), MaterialType: tea.String("video"),
		})
		require.NoError(t, err, "DeleteEditingProjectMaterials")
		assert.Regexp(t, reRequestID, tea.StringValue(del.Body.RequestId), "RequestId")
		got = mustGetMaterials(t, tg, p.ProjectId)
		assert.Equal(t, []*ice.GetEditingProjectMaterialsResponseBodyMediaInfos{
			unknownMedia(docImageID1, "image"), unknownMedia(docImageID2, "image"), unknownMedia("audio1", "audio"),
		}, got.MediaInfos, "MediaInfos after Delete (the image is not a video)")
		assert.Len(t, got.LiveMaterials, 1, "LiveMaterials after Delete")
		assert.Len(t, got.ProjectMaterials, 2, "ProjectMaterials after Delete")

		// A project without materials.
		bare := mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String("no materials")})
		got = mustGetMaterials(t, tg, bare.ProjectId)
		assert.Empty(t, got.MediaInfos, "MediaInfos")
		assert.Empty(t, got.LiveMaterials, "LiveMaterials")
		assert.Empty(t, got.ProjectMaterials, "ProjectMaterials")
	})
}

func TestEditingProjectMaterialsErrors(t *testing.T) {
	forEachTarget(t, mediaScenario, func(t *testing.T, tg *target) {
		p := mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String("material errors")})
		gone := mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String("material errors, deleted")})
		mustDelete(t, tg, tea.StringValue(gone.ProjectId))
		eleven := strings.TrimSuffix(strings.Repeat("m,", 11), ",")
		add := func(id *string, maps *string) func() error {
			return func() error {
				_, err := tg.client.AddEditingProjectMaterials(&ice.AddEditingProjectMaterialsRequest{ProjectId: id, MaterialMaps: maps})
				return err
			}
		}
		get := func(id *string) func() error {
			return func() error {
				_, err := tg.client.GetEditingProjectMaterials(&ice.GetEditingProjectMaterialsRequest{ProjectId: id})
				return err
			}
		}
		del := func(id, ids, kind *string) func() error {
			return func() error {
				_, err := tg.client.DeleteEditingProjectMaterials(&ice.DeleteEditingProjectMaterialsRequest{ProjectId: id, MaterialIds: ids, MaterialType: kind})
				return err
			}
		}
		video := tea.String(`{"video":"m"}`)
		tests := []struct {
			name       string
			call       func() error
			wantStatus int
			wantCode   string
			wantInMsg  string
		}{
			{"Add: unknown project", add(tea.String(unknownProjectID), video), 404, "ProjectNotFound", ""},
			{"Add: deleted project", add(gone.ProjectId, video), 404, "ProjectNotFound", ""},
			{"Add: missing ProjectId", add(nil, video), 400, "MissingParameter", "ProjectId"},
			{"Add: missing MaterialMaps", add(p.ProjectId, nil), 400, "MissingParameter", "MaterialMaps"},
			{"Add: 11 videos", add(p.ProjectId, tea.String(`{"video":"`+eleven+`"}`)), 400, "InvalidParameter", "MaterialMaps"},
			{"Add: not JSON", add(p.ProjectId, tea.String(`{"video":}`)), 400, "InvalidParameter", "MaterialMaps"},
			{"Add: liveStream not a JSON array", add(p.ProjectId, tea.String(`{"liveStream":"rtmp://x"}`)), 400, "InvalidParameter", "MaterialMaps"},
			{"Get: unknown project", get(tea.String(unknownProjectID)), 404, "ProjectNotFound", ""},
			{"Get: deleted project", get(gone.ProjectId), 404, "ProjectNotFound", ""},
			{"Get: missing ProjectId", get(nil), 400, "MissingParameter", "ProjectId"},
			{"Delete: unknown project", del(tea.String(unknownProjectID), tea.String("m"), tea.String("video")), 404, "ProjectNotFound", ""},
			{"Delete: deleted project", del(gone.ProjectId, tea.String("m"), tea.String("video")), 404, "ProjectNotFound", ""},
			{"Delete: missing ProjectId", del(nil, tea.String("m"), tea.String("video")), 400, "MissingParameter", "ProjectId"},
			{"Delete: missing MaterialIds", del(p.ProjectId, nil, tea.String("video")), 400, "MissingParameter", "MaterialIds"},
			{"Delete: missing MaterialType", del(p.ProjectId, tea.String("m"), nil), 400, "MissingParameter", "MaterialType"},
			{"Delete: 11 MaterialIds", del(p.ProjectId, tea.String(eleven), tea.String("video")), 400, "InvalidParameter", "MaterialIds"},
			{"Delete: MaterialType liveStream", del(p.ProjectId, tea.String("m"), tea.String("liveStream")), 400, "InvalidParameter", "MaterialType"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				env := wantAPIError(t, tg, tt.call(), tt.wantStatus, tt.wantCode)
				assert.Contains(t, env.Message, tt.wantInMsg, "Message")
			})
		}
	})
}

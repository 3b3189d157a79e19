package contract

import (
	"testing"
	"time"

	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// clipsTemplateConfig is a Timeline template: one clip per element of
// $Clips (the regular-template guide's ArrayItems block).
const clipsTemplateConfig = `{"VideoTracks":[{"VideoTrackClips":[{"Sys_Type":"ArrayItems","Sys_ArrayObject":"$Clips","Sys_Template":{"MediaId":"$Media"}}]}]}`

// TestTemplateActions: AddTemplate, GetTemplate, GetTemplateParams,
// UpdateTemplate, ListTemplates and DeleteTemplate through SDK v2.1.0,
// errors included.
func TestTemplateActions(t *testing.T) {
	forEachTarget(t, mediaScenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "creates and deletes templates of the account")
		start := time.Now()
		add, err := tg.client.AddTemplate(&ice.AddTemplateRequest{Name: tea.String("contract"), Config: tea.String(clipsTemplateConfig), CoverUrl: tea.String("https://b/c.jpg")})
		require.NoError(t, err, "AddTemplate")
		added := add.Body.Template
		id := tea.StringValue(added.TemplateId)
		assert.Regexp(t, reHexID, id, "TemplateId")
		assert.Regexp(t, reRequestID, tea.StringValue(add.Body.RequestId))
		assert.Equal(t, "Timeline", tea.StringValue(added.Type))
		assert.Equal(t, "Available", tea.StringValue(added.Status))
		assert.Equal(t, "OpenAPI", tea.StringValue(added.CreateSource))
		assert.Equal(t, "https://b/c.jpg", tea.StringValue(added.CoverUrl))

		get, err := tg.client.GetTemplate(&ice.GetTemplateRequest{TemplateId: tea.String(id)})
		require.NoError(t, err, "GetTemplate")
		got := get.Body.Template
		assert.Equal(t, "contract", tea.StringValue(got.Name))
		assert.Equal(t, clipsTemplateConfig, tea.StringValue(got.Config))
		assert.Equal(t, "https://b/c.jpg", tea.StringValue(got.CoverURL))
		assert.Equal(t, `{"Clips":"","Media":""}`, tea.StringValue(got.ClipsParam))
		tg.checkTime(t, "CreationTime", got.CreationTime, start)

		params, err := tg.client.GetTemplateParams(&ice.GetTemplateParamsRequest{TemplateId: tea.String(id)})
		require.NoError(t, err, "GetTemplateParams")
		assert.Equal(t, id, tea.StringValue(params.Body.TemplateId))
		var keys []string
		for _, p := range params.Body.ParamList {
			keys = append(keys, tea.StringValue(p.Key)+":"+tea.StringValue(p.Type))
		}
		assert.Equal(t, []string{"Clips:Video", "Media:Video"}, keys, "GetTemplateParams keys")
		_, err = tg.client.GetTemplateParams(&ice.GetTemplateParamsRequest{TemplateId: tea.String("nope")})
		wantAPIError(t, tg, err, 404, "ResourceNotFound")

		_, err = tg.client.UpdateTemplate(&ice.UpdateTemplateRequest{TemplateId: tea.String(id), Name: tea.String("renamed"), Status: tea.String("Created")})
		require.NoError(t, err, "UpdateTemplate")
		list, err := tg.client.ListTemplates(&ice.ListTemplatesRequest{Status: tea.String("Created"), PageSize: tea.Int64(10)})
		require.NoError(t, err, "ListTemplates")
		assert.Equal(t, int32(1), tea.Int32Value(list.Body.TotalCount))
		require.Len(t, list.Body.Templates, 1)
		assert.Equal(t, "renamed", tea.StringValue(list.Body.Templates[0].Name))
		assert.Equal(t, id, tea.StringValue(list.Body.Templates[0].TemplateId))

		_, err = tg.client.AddTemplate(&ice.AddTemplateRequest{Name: tea.String("bad"), Config: tea.String("[1,2]")})
		env := wantAPIError(t, tg, err, 400, "InvalidParameter")
		assert.Contains(t, env.Message, `"Config"`)
		_, err = tg.client.AddTemplate(&ice.AddTemplateRequest{Type: tea.String("Video")})
		wantAPIError(t, tg, err, 400, "InvalidParameter")
		_, err = tg.client.UpdateTemplate(&ice.UpdateTemplateRequest{TemplateId: tea.String("nope"), Name: tea.String("x")})
		wantAPIError(t, tg, err, 404, "ResourceNotFound")
		_, err = tg.client.GetTemplate(&ice.GetTemplateRequest{})
		wantAPIError(t, tg, err, 400, "MissingParameter")

		other := tg.clientWith(t, otherKeyID, otherSecret)
		_, err = other.GetTemplate(&ice.GetTemplateRequest{TemplateId: tea.String(id)})
		wantAPIError(t, tg, err, 404, "ResourceNotFound")

		_, err = tg.client.DeleteTemplate(&ice.DeleteTemplateRequest{TemplateIds: tea.String(id + ",nope")})
		require.NoError(t, err, "DeleteTemplate")
		_, err = tg.client.GetTemplate(&ice.GetTemplateRequest{TemplateId: tea.String(id)})
		wantAPIError(t, tg, err, 404, "ResourceNotFound")
		_, err = tg.client.DeleteTemplate(&ice.DeleteTemplateRequest{TemplateIds: tea.String(" , ")})
		wantAPIError(t, tg, err, 400, "MissingParameter")
	})
}

// TestAddTemplateToProduced is the end-to-end path: AddTemplate → Create a
// project from it with ClipsParam → Submit → the job succeeds and the
// project is Produced.
func TestAddTemplateToProduced(t *testing.T) {
	forEachTarget(t, productionScenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "moves the virtual clock")
		add, err := tg.client.AddTemplate(&ice.AddTemplateRequest{Name: tea.String("e2e"), Config: tea.String(clipsTemplateConfig)})
		require.NoError(t, err, "AddTemplate")
		id := tea.StringValue(add.Body.Template.TemplateId)

		p := mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String("from a template"), TemplateId: tea.String(id),
			ClipsParam: tea.String(`{"Clips":["` + mediaID12s + `","` + mediaID12s + `"]}`)})
		projectID := tea.StringValue(p.ProjectId)
		assert.Equal(t, float32(25), tea.Float32Value(p.Duration), "Duration of two 12.5 s clips")
		assert.Equal(t, "Timeline", tea.StringValue(p.TemplateType))

		b := mustSubmit(t, tg, &ice.SubmitMediaProducingJobRequest{ProjectId: tea.String(projectID),
			OutputMediaConfig: tea.String(`{"MediaURL":"` + outputURL + `"}`)})
		job, _ := pollUntilDone(t, tg, tea.StringValue(b.JobId))
		assert.Equal(t, "Success", tea.StringValue(job.Status))
		assert.Equal(t, float32(25), tea.Float32Value(job.Duration), "output Duration")
		assert.Equal(t, "Produced", tea.StringValue(mustGet(t, tg, projectID).Status))
	})
}

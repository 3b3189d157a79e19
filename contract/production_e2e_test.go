package contract

import (
	"os"
	"path/filepath"
	"testing"

	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEndToEndProduction is issue 4's end-to-end proof, through SDK v2.1.0
// only: register media, create a project with a real Timeline from
// testdata/timelines, attach materials, submit, advance the virtual
// clock, poll until Success, find the project Produced in
// SearchEditingProject, delete it and see it gone. It runs on both fakes
// (the embedded one's clock moves through Server.Advance, the binary's
// through the admin API); not on the real service, which renders in real
// time into buckets the test does not own.
func TestEndToEndProduction(t *testing.T) {
	forEachTarget(t, productionScenario, endToEndProduction)
}

func endToEndProduction(t *testing.T, tg *target) {
	tg.fakeOnly(t, "moves the virtual clock and writes to a bucket the test does not own")
	timeline, err := os.ReadFile(filepath.Join(timelineCasesDir, "06-three-http-mediaurls-concat.json"))
	require.NoError(t, err)

	// 1. Register the three media the Timeline names; the scenario knows
	// their durations (5, 6 and 7 s).
	var mediaIDs []string
	for _, u := range []string{mediaURLh1, mediaURLh2, mediaURLh3} {
		mediaIDs = append(mediaIDs, mustRegister(t, tg, &ice.RegisterMediaInfoRequest{InputURL: tea.String(u), MediaType: tea.String("video")}))
	}
	info := mustMediaInfo(t, tg, &ice.GetMediaInfoRequest{MediaId: tea.String(mediaIDs[0])})
	assert.Equal(t, "5.000000", tea.StringValue(info.FileInfoList[0].FileBasicInfo.Duration), "registered h1.mp4 Duration")

	// 2. A project with the case's Timeline, byte for byte: 18 s.
	p := mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String("e2e"), Timeline: tea.String(string(timeline))})
	projectID := tea.StringValue(p.ProjectId)
	assert.Equal(t, float32(18), tea.Float32Value(p.Duration), "Duration")
	assert.Equal(t, string(timeline), tea.StringValue(mustGet(t, tg, projectID).Timeline), "Timeline round trip")

	// 3. Attach the registered media.
	add, err := tg.client.AddEditingProjectMaterials(&ice.AddEditingProjectMaterialsRequest{
		ProjectId:    tea.String(projectID),
		MaterialMaps: tea.String(`{"video":"` + mediaIDs[0] + `,` + mediaIDs[1] + `,` + mediaIDs[2] + `"}`),
	})
	require.NoError(t, err, "AddEditingProjectMaterials")
	assert.Equal(t, projectID, tea.StringValue(add.Body.ProjectId))
	var attached []string
	for _, m := range add.Body.MediaInfos {
		attached = append(attached, tea.StringValue(m.MediaId))
	}
	assert.ElementsMatch(t, mediaIDs, attached, "AddEditingProjectMaterials MediaInfos")

	// 4. Submit; the project is Producing, the job Queuing.
	b := mustSubmit(t, tg, &ice.SubmitMediaProducingJobRequest{ProjectId: tea.String(projectID),
		OutputMediaConfig: tea.String(`{"MediaURL":"` + outputURL + `","Width":1280,"Height":720}`)})
	assert.Equal(t, projectID, tea.StringValue(b.ProjectId))
	assert.Equal(t, "Producing", tea.StringValue(mustGet(t, tg, projectID).Status))
	require.NotNil(t, searchFor(t, tg, "Producing", projectID), "Search(Producing) lists the project")

	// 5. Advance the virtual clock and poll until Success; no sleeping.
	job, seen := pollUntilDone(t, tg, tea.StringValue(b.JobId))
	assert.Equal(t, []string{"Queuing", "Processing", "Success"}, seen, "statuses seen (Init lasts 0 s by default)")
	assert.Equal(t, float32(18), tea.Float32Value(job.Duration), "output Duration")
	if tg.srv != nil {
		assert.Equal(t, "2024-01-01T00:00:19Z", tea.StringValue(job.CompleteTime), "Queuing 1 s + Processing 18 s")
	}

	// The output is a registered medium now.
	out := mustMediaInfo(t, tg, &ice.GetMediaInfoRequest{MediaId: b.MediaId})
	assert.Equal(t, "Normal", tea.StringValue(out.MediaBasicInfo.Status))
	assert.Equal(t, outputURL, tea.StringValue(out.MediaBasicInfo.InputURL))
	assert.Equal(t, "18.000000", tea.StringValue(out.FileInfoList[0].FileBasicInfo.Duration))
	assert.Equal(t, "1280", tea.StringValue(out.FileInfoList[0].FileBasicInfo.Width))

	// 6. Search finds the project Produced.
	item := searchFor(t, tg, "Produced", projectID)
	require.NotNil(t, item, "Search(Produced) lists the project")
	assert.Equal(t, "Produced", tea.StringValue(item.Status))
	assert.Equal(t, int64(18), tea.Int64Value(item.Duration))
	assert.Nil(t, item.ErrorCode)

	// 7. Delete it: gone from Get and Search.
	mustDelete(t, tg, projectID)
	_, err = tg.client.GetEditingProject(&ice.GetEditingProjectRequest{ProjectId: tea.String(projectID)})
	wantAPIError(t, tg, err, 404, "ProjectNotFound")
	assert.Nil(t, searchFor(t, tg, "Produced", projectID), "Search(Produced) after delete")
	all, err := tg.client.SearchEditingProject(&ice.SearchEditingProjectRequest{PageSize: tea.Int64(100)})
	require.NoError(t, err)
	for _, it := range all.Body.ProjectList {
		assert.NotEqual(t, projectID, tea.StringValue(it.ProjectId), "Search (all) after delete")
	}
	// The job stays queryable.
	assert.Equal(t, "Success", tea.StringValue(mustJob(t, tg, tea.StringValue(b.JobId)).Status))
}

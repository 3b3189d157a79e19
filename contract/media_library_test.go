package contract

import (
	"testing"
	"time"

	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Contract tests of the media library (docs/fidelity.md "Media library"):
// UpdateMediaInfo, DeleteMediaInfos, BatchGetMediaInfos,
// ListMediaBasicInfos, SearchMedia, UploadMediaByURL and GetUrlUploadInfos
// through SDK v2.1.0, errors included.

const (
	libSongURL = "https://example-bucket.oss-cn-shanghai.aliyuncs.com/contract/song.mp3"
	libCityURL = "https://example-bucket.oss-cn-shanghai.aliyuncs.com/contract/city.mp4"
)

// TestMediaLibraryActions: register three media, then update, batch-get,
// list, search and delete them with the SDK's wire types.
func TestMediaLibraryActions(t *testing.T) {
	forEachTarget(t, productionScenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "registers URLs the real service cannot reach")
		start := time.Now().UTC().Truncate(time.Second)
		beach := mustRegister(t, tg, &ice.RegisterMediaInfoRequest{InputURL: tea.String(introURL), Title: tea.String("Summer beach"), MediaTags: tea.String("sea")})
		moveClock(t, tg, time.Second)
		song := mustRegister(t, tg, &ice.RegisterMediaInfoRequest{InputURL: tea.String(libSongURL), Title: tea.String("beach song")})
		moveClock(t, tg, time.Second)
		city := mustRegister(t, tg, &ice.RegisterMediaInfoRequest{InputURL: tea.String(libCityURL), Title: tea.String("City")})
		moveClock(t, tg, time.Second)

		up, err := tg.client.UpdateMediaInfo(&ice.UpdateMediaInfoRequest{MediaId: tea.String(beach), Title: tea.String("Summer beach, updated"),
			MediaTags: tea.String("sun"), AppendTags: tea.Bool(true), CateId: tea.Int64(3048), Category: tea.String("travel")})
		require.NoError(t, err, "UpdateMediaInfo")
		assert.Equal(t, beach, tea.StringValue(up.Body.MediaId))
		assert.Regexp(t, reRequestID, tea.StringValue(up.Body.RequestId))
		info := mustMediaInfo(t, tg, &ice.GetMediaInfoRequest{MediaId: tea.String(beach)})
		assert.Equal(t, "Summer beach, updated", tea.StringValue(info.MediaBasicInfo.Title))
		assert.Equal(t, "sea,sun", tea.StringValue(info.MediaBasicInfo.MediaTags))
		assert.Equal(t, int64(3048), tea.Int64Value(info.MediaBasicInfo.CateId))
		assert.Equal(t, "travel", tea.StringValue(info.MediaBasicInfo.Category))

		batch, err := tg.client.BatchGetMediaInfos(&ice.BatchGetMediaInfosRequest{MediaIds: tea.String(song + ",nope," + beach), AdditionType: tea.String("FileInfo")})
		require.NoError(t, err, "BatchGetMediaInfos")
		require.Len(t, batch.Body.MediaInfos, 2)
		assert.Equal(t, song, tea.StringValue(batch.Body.MediaInfos[0].MediaId))
		assert.Equal(t, "audio", tea.StringValue(batch.Body.MediaInfos[0].MediaBasicInfo.MediaType))
		assert.Equal(t, beach, tea.StringValue(batch.Body.MediaInfos[1].MediaId))
		require.Len(t, batch.Body.MediaInfos[1].FileInfoList, 1)
		assert.Equal(t, "216.206667", tea.StringValue(batch.Body.MediaInfos[1].FileInfoList[0].FileBasicInfo.Duration))
		assert.Equal(t, "30611502", tea.StringValue(batch.Body.MediaInfos[1].FileInfoList[0].FileBasicInfo.FileSize))
		assert.Equal(t, "Init", tea.StringValue(batch.Body.MediaInfos[1].MediaBasicInfo.TranscodeStatus))

		page, err := tg.client.ListMediaBasicInfos(&ice.ListMediaBasicInfosRequest{MaxResults: tea.Int32(2), IncludeFileBasicInfo: tea.Bool(true)})
		require.NoError(t, err, "ListMediaBasicInfos")
		assert.Equal(t, int64(3), tea.Int64Value(page.Body.TotalCount))
		assert.Equal(t, int32(2), tea.Int32Value(page.Body.MaxResults))
		require.Len(t, page.Body.MediaInfos, 2)
		assert.Equal(t, []string{city, song}, []string{tea.StringValue(page.Body.MediaInfos[0].MediaId), tea.StringValue(page.Body.MediaInfos[1].MediaId)}, "newest first")
		require.Len(t, page.Body.MediaInfos[0].FileInfoList, 1)
		assert.Equal(t, "city.mp4", tea.StringValue(page.Body.MediaInfos[0].FileInfoList[0].FileBasicInfo.FileName))
		require.NotEmpty(t, tea.StringValue(page.Body.NextToken), "NextToken")
		next, err := tg.client.ListMediaBasicInfos(&ice.ListMediaBasicInfosRequest{MaxResults: tea.Int32(2), NextToken: page.Body.NextToken})
		require.NoError(t, err, "ListMediaBasicInfos page 2")
		require.Len(t, next.Body.MediaInfos, 1)
		assert.Equal(t, beach, tea.StringValue(next.Body.MediaInfos[0].MediaId))
		tg.checkTime(t, "CreateTime", next.Body.MediaInfos[0].MediaBasicInfo.CreateTime, start)
		assert.Equal(t, int64(3048), tea.Int64Value(next.Body.MediaInfos[0].MediaBasicInfo.CateId))
		assert.Empty(t, tea.StringValue(next.Body.NextToken))

		found, err := tg.client.SearchMedia(&ice.SearchMediaRequest{Match: tea.String("title = 'beach' and mediaType in ('video','audio')"), SortBy: tea.String("utcCreate:Asc")})
		require.NoError(t, err, "SearchMedia")
		assert.Equal(t, "200", tea.StringValue(found.Body.Code))
		assert.Equal(t, "true", tea.StringValue(found.Body.Success))
		assert.Equal(t, int64(2), tea.Int64Value(found.Body.Total))
		require.Len(t, found.Body.MediaInfoList, 2)
		assert.Equal(t, beach, tea.StringValue(found.Body.MediaInfoList[0].MediaId))
		assert.Equal(t, int64(3048), tea.Int64Value(found.Body.MediaInfoList[0].MediaBasicInfo.CateId))
		assert.Equal(t, song, tea.StringValue(found.Body.MediaInfoList[1].MediaId))
		videos, err := tg.client.SearchMedia(&ice.SearchMediaRequest{PageSize: tea.Int32(1), PageNo: tea.Int32(2)})
		require.NoError(t, err, "SearchMedia without Match")
		assert.Equal(t, int64(2), tea.Int64Value(videos.Body.Total), "videos only by default")
		require.Len(t, videos.Body.MediaInfoList, 1)
		assert.Equal(t, beach, tea.StringValue(videos.Body.MediaInfoList[0].MediaId))

		other := tg.clientWith(t, otherKeyID, otherSecret)
		theirs, err := other.ListMediaBasicInfos(&ice.ListMediaBasicInfosRequest{})
		require.NoError(t, err, "another tenant's ListMediaBasicInfos")
		assert.Equal(t, int64(0), tea.Int64Value(theirs.Body.TotalCount))

		del, err := tg.client.DeleteMediaInfos(&ice.DeleteMediaInfosRequest{MediaIds: tea.String(song + "," + mediaID12s + ",nope"), DeletePhysicalFiles: tea.Bool(false)})
		require.NoError(t, err, "DeleteMediaInfos")
		assert.Equal(t, []*string{tea.String(mediaID12s)}, del.Body.ForbiddenList)
		assert.Equal(t, []*string{tea.String("nope")}, del.Body.IgnoredList)
		_, err = tg.client.GetMediaInfo(&ice.GetMediaInfoRequest{MediaId: tea.String(song)})
		wantAPIError(t, tg, err, 404, "ResourceNotFound")
		del, err = tg.client.DeleteMediaInfos(&ice.DeleteMediaInfosRequest{InputURLs: tea.String(libCityURL)})
		require.NoError(t, err, "DeleteMediaInfos by InputURLs")
		assert.Empty(t, del.Body.IgnoredList)
		_, err = tg.client.GetMediaInfo(&ice.GetMediaInfoRequest{MediaId: tea.String(city)})
		wantAPIError(t, tg, err, 404, "ResourceNotFound")
	})
}

// TestMediaLibraryErrors: each new Action's refusals as the SDK surfaces
// them.
func TestMediaLibraryErrors(t *testing.T) {
	forEachTarget(t, productionScenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "registers a URL the real service cannot reach")
		id := mustRegister(t, tg, &ice.RegisterMediaInfoRequest{InputURL: tea.String(introURL)})
		tests := []struct {
			name     string
			call     func() error
			status   int
			code     string
			contains string
		}{
			{"UpdateMediaInfo unknown", func() error {
				_, err := tg.client.UpdateMediaInfo(&ice.UpdateMediaInfoRequest{MediaId: tea.String("nope"), Title: tea.String("x")})
				return err
			}, 404, "ResourceNotFound", `"nope"`},
			{"UpdateMediaInfo without MediaId", func() error {
				_, err := tg.client.UpdateMediaInfo(&ice.UpdateMediaInfoRequest{Title: tea.String("x")})
				return err
			}, 400, "MissingParameter", `"MediaId"`},
			{"UpdateMediaInfo BusinessType", func() error {
				_, err := tg.client.UpdateMediaInfo(&ice.UpdateMediaInfoRequest{MediaId: tea.String(id), BusinessType: tea.String("video")})
				return err
			}, 400, "InvalidParameter", "BusinessType"},
			{"DeleteMediaInfos without IDs", func() error {
				_, err := tg.client.DeleteMediaInfos(&ice.DeleteMediaInfosRequest{})
				return err
			}, 400, "MissingParameter", `"MediaIds"`},
			{"BatchGetMediaInfos without IDs", func() error {
				_, err := tg.client.BatchGetMediaInfos(&ice.BatchGetMediaInfosRequest{})
				return err
			}, 400, "MissingParameter", "MediaIds"},
			{"BatchGetMediaInfos AdditionType", func() error {
				_, err := tg.client.BatchGetMediaInfos(&ice.BatchGetMediaInfosRequest{MediaIds: tea.String(id), AdditionType: tea.String("Everything")})
				return err
			}, 400, "InvalidParameter", `"AdditionType"`},
			{"ListMediaBasicInfos MaxResults", func() error {
				_, err := tg.client.ListMediaBasicInfos(&ice.ListMediaBasicInfosRequest{MaxResults: tea.Int32(101)})
				return err
			}, 400, "InvalidParameter", "MaxResults"},
			{"ListMediaBasicInfos NextToken", func() error {
				_, err := tg.client.ListMediaBasicInfos(&ice.ListMediaBasicInfosRequest{NextToken: tea.String("bm90IGEgdG9rZW4gYXQgYWxsLCBzb3JyeQ==")})
				return err
			}, 400, "InvalidParameter", `"NextToken"`},
			{"SearchMedia like", func() error {
				_, err := tg.client.SearchMedia(&ice.SearchMediaRequest{Match: tea.String("title like '%beach%'")})
				return err
			}, 400, "InvalidParameter", `the operator "like" at offset 6 is not supported`},
			{"SearchMedia SortBy", func() error {
				_, err := tg.client.SearchMedia(&ice.SearchMediaRequest{SortBy: tea.String("Title:Desc")})
				return err
			}, 400, "InvalidParameter", `"SortBy"`},
			{"SearchMedia ScrollToken", func() error {
				_, err := tg.client.SearchMedia(&ice.SearchMediaRequest{ScrollToken: tea.String("F8C4F642184DBDA5D93907A70AAE0000")})
				return err
			}, 400, "InvalidParameter", `"ScrollToken"`},
			{"UploadMediaByURL without URLs", func() error {
				_, err := tg.client.UploadMediaByURL(&ice.UploadMediaByURLRequest{})
				return err
			}, 400, "MissingParameter", "UploadURLs"},
			{"UploadMediaByURL not http", func() error {
				_, err := tg.client.UploadMediaByURL(&ice.UploadMediaByURLRequest{UploadURLs: tea.String("ftp://a/b.mp4")})
				return err
			}, 400, "InvalidParameter", `"UploadURLs"`},
			{"GetUrlUploadInfos without keys", func() error {
				_, err := tg.client.GetUrlUploadInfos(&ice.GetUrlUploadInfosRequest{})
				return err
			}, 400, "MissingParameter", `"JobIds"`},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				env := wantAPIError(t, tg, tt.call(), tt.status, tt.code)
				assert.Contains(t, env.Message, tt.contains)
			})
		}
	})
}

// TestUploadMediaByURLThroughSDK: the upload job runs on the virtual
// clock; the medium becomes Normal with the seed's facts.
func TestUploadMediaByURLThroughSDK(t *testing.T) {
	forEachTarget(t, productionScenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "moves the virtual clock")
		up, err := tg.client.UploadMediaByURL(&ice.UploadMediaByURLRequest{UploadURLs: tea.String(introURL),
			MediaMetaData: tea.String(`[{"SourceURL":"` + introURL + `","Title":"uploaded"}]`), UserData: tea.String(`{"k":"v"}`)})
		require.NoError(t, err, "UploadMediaByURL")
		require.Len(t, up.Body.UploadJobs, 1)
		job, media := tea.StringValue(up.Body.UploadJobs[0].JobId), tea.StringValue(up.Body.UploadJobs[0].MediaId)
		assert.Regexp(t, reHexID, job)
		assert.Regexp(t, reHexID, media)
		assert.Equal(t, introURL, tea.StringValue(up.Body.UploadJobs[0].SourceURL))

		var seen []string
		var last *ice.GetUrlUploadInfosResponseBodyURLUploadInfoList
		for range 30 {
			resp, err := tg.client.GetUrlUploadInfos(&ice.GetUrlUploadInfosRequest{JobIds: tea.String(job)})
			require.NoError(t, err, "GetUrlUploadInfos")
			require.Len(t, resp.Body.URLUploadInfoList, 1)
			last = resp.Body.URLUploadInfoList[0]
			if s := tea.StringValue(last.Status); len(seen) == 0 || seen[len(seen)-1] != s {
				seen = append(seen, s)
			}
			if tea.StringValue(last.Status) == "SUCCESS" {
				break
			}
			moveClock(t, tg, time.Second)
		}
		if tg.srv != nil {
			assert.Equal(t, []string{"PENDING", "PROCESSING", "SUCCESS"}, seen, "statuses on the frozen clock")
		} else {
			assert.Equal(t, "SUCCESS", seen[len(seen)-1], "statuses %v", seen)
		}
		assert.Equal(t, media, tea.StringValue(last.MediaId))
		assert.Equal(t, "30611502", tea.StringValue(last.FileSize))
		assert.Equal(t, `{"k":"v"}`, tea.StringValue(last.UserData))
		assert.NotEmpty(t, tea.StringValue(last.CompleteTime))

		info := mustMediaInfo(t, tg, &ice.GetMediaInfoRequest{MediaId: tea.String(media)})
		assert.Equal(t, "Normal", tea.StringValue(info.MediaBasicInfo.Status))
		assert.Equal(t, "uploaded", tea.StringValue(info.MediaBasicInfo.Title))
		require.Len(t, info.FileInfoList, 1)
		assert.Equal(t, "216.206667", tea.StringValue(info.FileInfoList[0].FileBasicInfo.Duration))
		assert.Equal(t, "intro.mp4", tea.StringValue(info.FileInfoList[0].FileBasicInfo.FileName))

		byURL, err := tg.client.GetUrlUploadInfos(&ice.GetUrlUploadInfosRequest{UploadURLs: tea.String(introURL + ",https://example.com/none.mp4")})
		require.NoError(t, err, "GetUrlUploadInfos by URL")
		require.Len(t, byURL.Body.URLUploadInfoList, 1)
		assert.Equal(t, []*string{tea.String("https://example.com/none.mp4")}, byURL.Body.NonExists)
	})
}

// TestDeleteMediaUsedByProjectThroughSDK: a medium a project uses can be
// deleted; the project keeps its Timeline and a later job fails as for an
// unknown medium (docs/fidelity.md "Media library").
func TestDeleteMediaUsedByProjectThroughSDK(t *testing.T) {
	forEachTarget(t, productionScenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "registers a URL the real service cannot reach")
		id := mustRegister(t, tg, &ice.RegisterMediaInfoRequest{InputURL: tea.String(introURL)})
		timeline := `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"` + id + `"}]}]}`
		p := mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String("uses it"), Timeline: tea.String(timeline),
			MaterialMaps: tea.String(`{"video":"` + id + `"}`)})
		projectID := tea.StringValue(p.ProjectId)
		del, err := tg.client.DeleteMediaInfos(&ice.DeleteMediaInfosRequest{MediaIds: tea.String(id)})
		require.NoError(t, err, "DeleteMediaInfos")
		assert.Empty(t, del.Body.ForbiddenList)
		assert.Empty(t, del.Body.IgnoredList)
		assert.Equal(t, timeline, tea.StringValue(mustGet(t, tg, projectID).Timeline))

		mats, err := tg.client.GetEditingProjectMaterials(&ice.GetEditingProjectMaterialsRequest{ProjectId: tea.String(projectID)})
		require.NoError(t, err, "GetEditingProjectMaterials")
		require.Len(t, mats.Body.MediaInfos, 1)
		assert.Equal(t, id, tea.StringValue(mats.Body.MediaInfos[0].MediaId))
		assert.Empty(t, mats.Body.MediaInfos[0].FileInfoList, "no file facts for a deleted medium")

		b := mustSubmit(t, tg, &ice.SubmitMediaProducingJobRequest{ProjectId: tea.String(projectID)})
		job, _ := pollUntilDone(t, tg, tea.StringValue(b.JobId))
		assert.Equal(t, "Failed", tea.StringValue(job.Status))
		assert.Equal(t, "QueryMaterialFailed", tea.StringValue(job.Code))
		assert.Contains(t, tea.StringValue(job.Message), id)
	})
}

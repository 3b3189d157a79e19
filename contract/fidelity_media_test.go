package contract

import (
	"reflect"
	"testing"

	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	streamsURL = "https://media.oss-cn-shanghai.aliyuncs.com/portrait.mp4"
	idOnlyID   = "****0000idonly0000****"
)

// streamsScenario seeds a file with its stream facts, and a medium known
// by MediaId only.
const streamsScenario = `version: 1
media:
  - mediaURL: ` + streamsURL + `
    duration: 20
    size: 7500000
    width: 1080
    height: 1920
    fps: 30
    videoCodec: hevc
    audioCodec: aac
  - mediaId: "` + idOnlyID + `"
    duration: 8
`

// TestGetMediaInfoStreams: GetMediaInfo reports the file's format and
// streams, seeded or by default, as SDK v2.1.0 declares them; a medium
// seeded by MediaId only claims no storage (docs/fidelity.md "Fidelity:
// GetMediaInfo file and stream info").
func TestGetMediaInfoStreams(t *testing.T) {
	forEachTarget(t, streamsScenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "the file facts are seeded")
		id := mustRegister(t, tg, &ice.RegisterMediaInfoRequest{InputURL: tea.String(streamsURL), Title: tea.String("portrait")})
		info := mustMediaInfo(t, tg, &ice.GetMediaInfoRequest{MediaId: tea.String(id)})
		assert.Equal(t, "video", tea.StringValue(info.MediaBasicInfo.Category), "Category")
		require.Len(t, info.FileInfoList, 1, "FileInfoList")
		fi := info.FileInfoList[0]
		fb := fi.FileBasicInfo
		assert.Equal(t, "mov,mp4,m4a,3gp,3g2,mj2", tea.StringValue(fb.FormatName), "FormatName")
		assert.Equal(t, "3000.00", tea.StringValue(fb.Bitrate), "Bitrate (kbit/s from size and duration)")
		assert.Equal(t, "cn-shanghai", tea.StringValue(fb.Region), "Region")
		require.Len(t, fi.VideoStreamInfoList, 1, "VideoStreamInfoList")
		v := fi.VideoStreamInfoList[0]
		for name, got := range map[string]*string{"Index": v.Index, "CodecName": v.CodecName, "Fps": v.Fps, "AvgFPS": v.AvgFPS,
			"Width": v.Width, "Height": v.Height, "Dar": v.Dar, "NumFrames": v.NumFrames, "NbFrames": v.NbFrames, "Duration": v.Duration,
			"Bitrate": v.Bitrate, "PixFmt": v.PixFmt, "CodecLongName": v.CodecLongName} {
			want := map[string]string{"Index": "0", "CodecName": "hevc", "Fps": "30.0", "AvgFPS": "30.0", "Width": "1080", "Height": "1920",
				"Dar": "9:16", "NumFrames": "600", "NbFrames": "600", "Duration": "20.000000", "Bitrate": "2872.00", "PixFmt": "yuv420p",
				"CodecLongName": "H.265 / HEVC (High Efficiency Video Coding)"}[name]
			assert.Equal(t, want, tea.StringValue(got), "VideoStreamInfoList[0].%s", name)
		}
		require.Len(t, fi.AudioStreamInfoList, 1, "AudioStreamInfoList")
		a := fi.AudioStreamInfoList[0]
		assert.Equal(t, []string{"1", "aac", "44100", "2", "stereo", "fltp", "20.000000"},
			[]string{tea.StringValue(a.Index), tea.StringValue(a.CodecName), tea.StringValue(a.SampleRate), tea.StringValue(a.Channels),
				tea.StringValue(a.ChannelLayout), tea.StringValue(a.SampleFmt), tea.StringValue(a.Duration)}, "AudioStreamInfoList[0]")
		assert.Empty(t, fi.SubtitleStreamInfoList, "SubtitleStreamInfoList")

		only := mustMediaInfo(t, tg, &ice.GetMediaInfoRequest{MediaId: tea.String(idOnlyID)})
		assert.Nil(t, only.MediaBasicInfo.Source, "Source of a medium seeded by MediaId only")
		require.Len(t, only.FileInfoList, 1)
		assert.Nil(t, only.FileInfoList[0].FileBasicInfo.FileUrl, "FileUrl of a medium seeded by MediaId only")
		assert.Equal(t, "8.000000", tea.StringValue(only.FileInfoList[0].FileBasicInfo.Duration), "Duration")
	})
}

// TestMaterialsResolveRegisteredMedia: a medium registered with
// RegisterMediaInfo is described in Add/GetEditingProjectMaterials from the
// same record as GetMediaInfo (docs/fidelity.md "Fidelity: materials
// resolve registered media").
func TestMaterialsResolveRegisteredMedia(t *testing.T) {
	forEachTarget(t, streamsScenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "the file facts are seeded")
		id := mustRegister(t, tg, &ice.RegisterMediaInfoRequest{
			InputURL: tea.String(streamsURL), Title: tea.String("portrait"), Description: tea.String("d"), BusinessType: tea.String("general"),
			MediaTags: tea.String("a,b"), CoverURL: tea.String("https://x/c.png"), UserData: tea.String(`{"k":"v"}`),
		})
		info := mustMediaInfo(t, tg, &ice.GetMediaInfoRequest{MediaId: tea.String(id)})
		p := mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String("materials")})
		added, err := tg.client.AddEditingProjectMaterials(&ice.AddEditingProjectMaterialsRequest{
			ProjectId: p.ProjectId, MaterialMaps: tea.String(`{"video":"` + id + `"}`),
		})
		require.NoError(t, err)
		require.Len(t, added.Body.MediaInfos, 1, "Add MediaInfos")
		got, err := tg.client.GetEditingProjectMaterials(&ice.GetEditingProjectMaterialsRequest{ProjectId: p.ProjectId})
		require.NoError(t, err)
		require.Len(t, got.Body.MediaInfos, 1, "Get MediaInfos")
		require.Len(t, added.Body.MediaInfos[0].FileInfoList, 1, "Add FileInfoList")
		require.Len(t, got.Body.MediaInfos[0].FileInfoList, 1, "Get FileInfoList")

		gb, gf := info.MediaBasicInfo, info.FileInfoList[0].FileBasicInfo
		for _, m := range []struct {
			name  string
			basic any // *…MediaBasicInfo
			file  any // *…FileBasicInfo
		}{
			{"Add", added.Body.MediaInfos[0].MediaBasicInfo, added.Body.MediaInfos[0].FileInfoList[0].FileBasicInfo},
			{"Get", got.Body.MediaInfos[0].MediaBasicInfo, got.Body.MediaInfos[0].FileInfoList[0].FileBasicInfo},
		} {
			want := map[string]*string{
				"MediaId": gb.MediaId, "InputURL": gb.InputURL, "MediaType": gb.MediaType, "BusinessType": gb.BusinessType,
				"Source": gb.Source, "Title": gb.Title, "Description": gb.Description, "Category": gb.Category, "MediaTags": gb.MediaTags,
				"CoverURL": gb.CoverURL, "UserData": gb.UserData, "Status": gb.Status, "CreateTime": gb.CreateTime,
				"ModifiedTime": gb.ModifiedTime, "TranscodeStatus": tea.String("Init"),
			}
			for k, w := range want {
				require.NotNilf(t, w, "GetMediaInfo MediaBasicInfo.%s", k)
				assert.Equalf(t, tea.StringValue(w), tea.StringValue(stringField(t, m.basic, k)), "%s MediaBasicInfo.%s", m.name, k)
			}
			wantFile := map[string]*string{
				"FileName": gf.FileName, "FileStatus": gf.FileStatus, "FileType": gf.FileType, "FileSize": gf.FileSize, "FileUrl": gf.FileUrl,
				"Region": gf.Region, "FormatName": gf.FormatName, "Duration": gf.Duration, "Bitrate": gf.Bitrate, "Width": gf.Width, "Height": gf.Height,
			}
			for k, w := range wantFile {
				require.NotNilf(t, w, "GetMediaInfo FileBasicInfo.%s", k)
				assert.Equalf(t, tea.StringValue(w), tea.StringValue(stringField(t, m.file, k)), "%s FileBasicInfo.%s", m.name, k)
			}
		}
	})
}

// stringField returns the *string field name of the struct v points to:
// Add's and Get's MediaInfos are distinct SDK types with the same fields.
func stringField(t *testing.T, v any, name string) *string {
	t.Helper()
	f := reflect.ValueOf(v).Elem().FieldByName(name)
	require.Truef(t, f.IsValid(), "%T has no field %s", v, name)
	return f.Interface().(*string)
}

// dropStreams asserts how many video and audio streams the first file of
// info has, then removes them, so the caller can compare the rest.
func dropStreams(t *testing.T, info *ice.GetMediaInfoResponseBodyMediaInfo, video, audio int) {
	t.Helper()
	require.NotEmpty(t, info.FileInfoList, "FileInfoList")
	fi := info.FileInfoList[0]
	assert.Len(t, fi.VideoStreamInfoList, video, "VideoStreamInfoList")
	assert.Len(t, fi.AudioStreamInfoList, audio, "AudioStreamInfoList")
	fi.VideoStreamInfoList, fi.AudioStreamInfoList = nil, nil
}

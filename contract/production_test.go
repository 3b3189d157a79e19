package contract

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Contract tests of media registration and media production:
// RegisterMediaInfo, GetMediaInfo, SubmitMediaProducingJob and
// GetMediaProducingJob (API reference: SubmitMediaProducingJob, GetMediaProducingJob, RegisterMediaInfo, GetMediaInfo), through SDK v2.1.0.

// introURL is a file productionScenario describes completely, with the
// values of the GetEditingProjectMaterials doc example (API reference: GetEditingProjectMaterials).
const introURL = "https://example-bucket.oss-cn-shanghai.aliyuncs.com/contract/intro.mp4"

// outputURL is where production tests write their output.
const outputURL = "https://example-bucket.oss-cn-shanghai.aliyuncs.com/contract/out.mp4"

// productionScenario is mediaScenario plus introURL's file facts.
var productionScenario = strings.Replace(mediaScenario, "\ntemplates:\n", `
  - mediaURL: `+introURL+`
    duration: 216.206667
    size: 30611502
    width: 960
    height: 540
templates:
`, 1)

// reHexID: a MediaId/JobId/ProjectId (32 lowercase hex characters).
var reHexID = regexp.MustCompile(`^[0-9a-f]{32}$`)

// mustRegister registers req and returns the MediaId.
func mustRegister(t *testing.T, tg *target, req *ice.RegisterMediaInfoRequest) string {
	t.Helper()
	resp, err := tg.client.RegisterMediaInfo(req)
	require.NoError(t, err, "RegisterMediaInfo")
	assert.Equal(t, int32(http.StatusOK), tea.Int32Value(resp.StatusCode), "RegisterMediaInfo status")
	assert.Regexp(t, reRequestID, tea.StringValue(resp.Body.RequestId), "RegisterMediaInfo RequestId")
	id := tea.StringValue(resp.Body.MediaId)
	assert.Regexp(t, reHexID, id, "RegisterMediaInfo MediaId")
	return id
}

// mustMediaInfo calls GetMediaInfo and returns the MediaInfo.
func mustMediaInfo(t *testing.T, tg *target, req *ice.GetMediaInfoRequest) *ice.GetMediaInfoResponseBodyMediaInfo {
	t.Helper()
	resp, err := tg.client.GetMediaInfo(req)
	require.NoError(t, err, "GetMediaInfo")
	assert.Equal(t, int32(http.StatusOK), tea.Int32Value(resp.StatusCode), "GetMediaInfo status")
	assert.Regexp(t, reRequestID, tea.StringValue(resp.Body.RequestId), "GetMediaInfo RequestId")
	require.NotNil(t, resp.Body.MediaInfo, "GetMediaInfo MediaInfo")
	return resp.Body.MediaInfo
}

// mustSubmit submits req (OutputMediaConfig defaults to outputURL) and
// returns the response body.
func mustSubmit(t *testing.T, tg *target, req *ice.SubmitMediaProducingJobRequest) *ice.SubmitMediaProducingJobResponseBody {
	t.Helper()
	if req.OutputMediaConfig == nil {
		req.OutputMediaConfig = tea.String(`{"MediaURL":"` + outputURL + `"}`)
	}
	resp, err := tg.client.SubmitMediaProducingJob(req)
	require.NoError(t, err, "SubmitMediaProducingJob")
	assert.Equal(t, int32(http.StatusOK), tea.Int32Value(resp.StatusCode), "SubmitMediaProducingJob status")
	b := resp.Body
	assert.Regexp(t, reRequestID, tea.StringValue(b.RequestId), "SubmitMediaProducingJob RequestId")
	assert.Regexp(t, reHexID, tea.StringValue(b.JobId), "JobId")
	assert.Regexp(t, reHexID, tea.StringValue(b.MediaId), "MediaId")
	assert.Regexp(t, reHexID, tea.StringValue(b.ProjectId), "ProjectId")
	tg.track(t, tea.StringValue(b.ProjectId))
	return b
}

// mustJob calls GetMediaProducingJob (a GET in SDK v2.1.0).
func mustJob(t *testing.T, tg *target, jobID string) *ice.GetMediaProducingJobResponseBodyMediaProducingJob {
	t.Helper()
	resp, err := tg.client.GetMediaProducingJob(&ice.GetMediaProducingJobRequest{JobId: tea.String(jobID)})
	require.NoError(t, err, "GetMediaProducingJob(%s)", jobID)
	assert.Equal(t, int32(http.StatusOK), tea.Int32Value(resp.StatusCode), "GetMediaProducingJob status")
	assert.Regexp(t, reRequestID, tea.StringValue(resp.Body.RequestId), "GetMediaProducingJob RequestId")
	require.NotNil(t, resp.Body.MediaProducingJob, "MediaProducingJob")
	return resp.Body.MediaProducingJob
}

// moveClock advances a fake's virtual clock: the embedded one through
// Server.Advance, the binary's through the admin API
// (POST /_icefake/clock/advance).
func moveClock(t *testing.T, tg *target, d time.Duration) {
	t.Helper()
	switch {
	case tg.srv != nil:
		tg.srv.Advance(d)
	case tg.isFake():
		admin := &adminClient{t: t, base: "http://" + tg.endpoint}
		admin.do(http.MethodPost, "/_icefake/clock/advance", "application/json", `{"by":"`+d.String()+`"}`, http.StatusOK, nil)
	default:
		t.Fatalf("moveClock: the real service's clock cannot be moved")
	}
}

// pollUntilDone polls the job, advancing the fake's virtual clock a second
// per poll, until it ends; it returns the final job and the statuses seen.
func pollUntilDone(t *testing.T, tg *target, jobID string) (*ice.GetMediaProducingJobResponseBodyMediaProducingJob, []string) {
	t.Helper()
	var seen []string
	for range 600 {
		j := mustJob(t, tg, jobID)
		s := tea.StringValue(j.Status)
		if len(seen) == 0 || seen[len(seen)-1] != s {
			seen = append(seen, s)
		}
		if s == "Success" || s == "Failed" {
			return j, seen
		}
		moveClock(t, tg, time.Second)
	}
	t.Fatalf("job %s did not end within 600 virtual seconds", jobID)
	return nil, nil
}

func TestRegisterMediaInfo(t *testing.T) {
	forEachTarget(t, productionScenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "registers a URL the real service cannot reach")
		before := time.Now().UTC().Truncate(time.Second)
		id := mustRegister(t, tg, &ice.RegisterMediaInfoRequest{
			InputURL: tea.String(introURL), MediaType: tea.String("video"), BusinessType: tea.String("general"),
			Title: tea.String("intro 中文 + *"), Description: tea.String("d"), CoverURL: tea.String("https://example.com/c.png"),
			MediaTags: tea.String("tag1,tag2"), UserData: tea.String(`{"NotifyAddress":"http://xx.xx.xxx"}`),
			CateId: tea.Int64(3048), ReferenceId: tea.String("contract_ref-1"), ClientToken: tea.String("3f2a2e7c-a42b-4d05-9a1b-0c1d2e3f4a5b"),
			Overwrite: tea.Bool(false), RegisterConfig: tea.String(`{"NeedSprite":"false"}`), WorkflowId: tea.String("wf"),
		})
		for _, req := range []*ice.GetMediaInfoRequest{
			{MediaId: tea.String(id)},
			{InputURL: tea.String(introURL), OutputType: tea.String("oss")},
		} {
			got := mustMediaInfo(t, tg, req)
			dropStreams(t, got, 1, 1) // TestGetMediaInfoStreams covers them
			b, f := got.MediaBasicInfo, got.FileInfoList[0].FileBasicInfo
			for _, tm := range []struct {
				name string
				v    **string
			}{{"MediaBasicInfo.CreateTime", &b.CreateTime}, {"MediaBasicInfo.ModifiedTime", &b.ModifiedTime},
				{"FileBasicInfo.CreateTime", &f.CreateTime}, {"FileBasicInfo.ModifiedTime", &f.ModifiedTime}} {
				tg.checkTime(t, tm.name, *tm.v, before)
				*tm.v = nil
			}
			assert.Equal(t, &ice.GetMediaInfoResponseBodyMediaInfo{
				MediaId: tea.String(id),
				MediaBasicInfo: &ice.GetMediaInfoResponseBodyMediaInfoMediaBasicInfo{
					MediaId: tea.String(id), InputURL: tea.String(introURL), MediaType: tea.String("video"),
					BusinessType: tea.String("general"), Source: tea.String("oss"), Title: tea.String("intro 中文 + *"),
					Description: tea.String("d"), MediaTags: tea.String("tag1,tag2"), CoverURL: tea.String("https://example.com/c.png"),
					UserData: tea.String(`{"NotifyAddress":"http://xx.xx.xxx"}`), Status: tea.String("Normal"),
					Biz: tea.String("ICE"), CateId: tea.Int64(3048), ReferenceId: tea.String("contract_ref-1"), Category: tea.String("video"),
				},
				FileInfoList: []*ice.GetMediaInfoResponseBodyMediaInfoFileInfoList{{
					FileBasicInfo: &ice.GetMediaInfoResponseBodyMediaInfoFileInfoListFileBasicInfo{
						FileName: tea.String("intro.mp4"), FileStatus: tea.String("Normal"), FileType: tea.String("source_file"),
						FileSize: tea.String("30611502"), FileUrl: tea.String(introURL), Region: tea.String("cn-shanghai"),
						FormatName: tea.String("mov,mp4,m4a,3gp,3g2,mj2"),
						Duration:   tea.String("216.206667"), Bitrate: tea.String("1132.68"), Width: tea.String("960"), Height: tea.String("540"),
					},
				}},
			}, got)
		}

		// The same ClientToken and parameters answer the same MediaId.
		again := mustRegister(t, tg, &ice.RegisterMediaInfoRequest{
			InputURL: tea.String(introURL), MediaType: tea.String("video"), BusinessType: tea.String("general"),
			Title: tea.String("intro 中文 + *"), Description: tea.String("d"), CoverURL: tea.String("https://example.com/c.png"),
			MediaTags: tea.String("tag1,tag2"), UserData: tea.String(`{"NotifyAddress":"http://xx.xx.xxx"}`),
			CateId: tea.Int64(3048), ReferenceId: tea.String("contract_ref-1"), ClientToken: tea.String("3f2a2e7c-a42b-4d05-9a1b-0c1d2e3f4a5b"),
			Overwrite: tea.Bool(false), RegisterConfig: tea.String(`{"NeedSprite":"false"}`), WorkflowId: tea.String("wf"),
		})
		assert.Equal(t, id, again, "RegisterMediaInfo with the same ClientToken")

		// A registered URL is refused unless Overwrite; Overwrite replaces the asset.
		_, err := tg.client.RegisterMediaInfo(&ice.RegisterMediaInfoRequest{InputURL: tea.String(introURL)})
		env := wantAPIError(t, tg, err, 400, "InvalidParameter")
		assert.Contains(t, env.Message, `"InputURL"`)
		replaced := mustRegister(t, tg, &ice.RegisterMediaInfoRequest{InputURL: tea.String(introURL), Overwrite: tea.Bool(true), Title: tea.String("new")})
		assert.NotEqual(t, id, replaced, "Overwrite registers a new MediaId")
		_, err = tg.client.GetMediaInfo(&ice.GetMediaInfoRequest{MediaId: tea.String(id)})
		wantAPIError(t, tg, err, 404, "ResourceNotFound")
		assert.Equal(t, replaced, tea.StringValue(mustMediaInfo(t, tg, &ice.GetMediaInfoRequest{InputURL: tea.String(introURL)}).MediaId))

		// A Timeline naming the registered MediaId gets the file's duration.
		p := mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String("registered"),
			Timeline: tea.String(`{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"` + replaced + `","In":16.206667}]}]}`)})
		assert.Equal(t, float32(200), tea.Float32Value(p.Duration), "Duration of a clip of the registered medium")
	})
}

func TestRegisterMediaInfoErrors(t *testing.T) {
	forEachTarget(t, productionScenario, func(t *testing.T, tg *target) {
		tests := []struct {
			name     string
			req      *ice.RegisterMediaInfoRequest
			wantCode string
			param    string
		}{
			{"no InputURL", &ice.RegisterMediaInfoRequest{Title: tea.String("t")}, "MissingParameter", "InputURL"},
			{"InputURL not a URL", &ice.RegisterMediaInfoRequest{InputURL: tea.String("intro.mp4")}, "InvalidParameter", "InputURL"},
			{"unknown MediaType", &ice.RegisterMediaInfoRequest{InputURL: tea.String(introURL), MediaType: tea.String("movie")}, "InvalidParameter", "MediaType"},
			{"Title over 128 bytes", &ice.RegisterMediaInfoRequest{InputURL: tea.String(introURL), Title: tea.String(strings.Repeat("标", 43))}, "InvalidParameter", "Title"},
			{"ReferenceId too short", &ice.RegisterMediaInfoRequest{InputURL: tea.String(introURL), ReferenceId: tea.String("abc")}, "InvalidParameter", "ReferenceId"},
			{"UserData not JSON", &ice.RegisterMediaInfoRequest{InputURL: tea.String(introURL), UserData: tea.String("plain")}, "InvalidParameter", "UserData"},
			{"17 MediaTags", &ice.RegisterMediaInfoRequest{InputURL: tea.String(introURL), MediaTags: tea.String(strings.Repeat("t,", 16) + "t")}, "InvalidParameter", "MediaTags"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := tg.client.RegisterMediaInfo(tt.req)
				env := wantAPIError(t, tg, err, 400, tt.wantCode)
				assert.Contains(t, env.Message, `"`+tt.param+`"`)
			})
		}
		t.Run("ClientToken reused with other parameters", func(t *testing.T) {
			tg.fakeOnly(t, "registers a URL the real service cannot reach")
			mustRegister(t, tg, &ice.RegisterMediaInfoRequest{InputURL: tea.String(mediaURLh1), ClientToken: tea.String("tok-contract")})
			_, err := tg.client.RegisterMediaInfo(&ice.RegisterMediaInfoRequest{InputURL: tea.String(mediaURLh2), ClientToken: tea.String("tok-contract")})
			wantAPIError(t, tg, err, 400, "IdempotentParameterMismatch")
		})
	})
}

func TestGetMediaInfo(t *testing.T) {
	forEachTarget(t, productionScenario, func(t *testing.T, tg *target) {
		t.Run("seeded medium", func(t *testing.T) {
			tg.fakeOnly(t, "the medium is a scenario seed")
			got := mustMediaInfo(t, tg, &ice.GetMediaInfoRequest{MediaId: tea.String(mediaID12s)})
			dropStreams(t, got, 1, 1)
			assert.Equal(t, &ice.GetMediaInfoResponseBodyMediaInfo{
				MediaId: tea.String(mediaID12s),
				MediaBasicInfo: &ice.GetMediaInfoResponseBodyMediaInfoMediaBasicInfo{
					MediaId: tea.String(mediaID12s), MediaType: tea.String("video"), Category: tea.String("video"),
					Status: tea.String("Normal"), Biz: tea.String("ICE"),
				},
				FileInfoList: []*ice.GetMediaInfoResponseBodyMediaInfoFileInfoList{{
					FileBasicInfo: &ice.GetMediaInfoResponseBodyMediaInfoFileInfoListFileBasicInfo{
						FileStatus: tea.String("Normal"), FileType: tea.String("source_file"),
						FormatName: tea.String("mov,mp4,m4a,3gp,3g2,mj2"), Duration: tea.String("12.500000"),
					},
				}},
			}, got)
		})
		tests := []struct {
			name       string
			req        *ice.GetMediaInfoRequest
			wantStatus int
			wantCode   string
		}{
			{"neither MediaId nor InputURL", &ice.GetMediaInfoRequest{}, 400, "MissingParameter"},
			{"unknown MediaId", &ice.GetMediaInfoRequest{MediaId: tea.String(unknownProjectID)}, 404, "ResourceNotFound"},
			{"unknown InputURL", &ice.GetMediaInfoRequest{InputURL: tea.String(outputURL + "?unknown")}, 404, "ResourceNotFound"},
			{"unknown OutputType", &ice.GetMediaInfoRequest{MediaId: tea.String(mediaID12s), OutputType: tea.String("ftp")}, 400, "InvalidParameter"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := tg.client.GetMediaInfo(tt.req)
				wantAPIError(t, tg, err, tt.wantStatus, tt.wantCode)
			})
		}
	})
}

func TestSubmitMediaProducingJob(t *testing.T) {
	forEachTarget(t, productionScenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "writes to a bucket the test does not own")
		p := mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String("to produce"), Timeline: tea.String(timeline342)})
		b := mustSubmit(t, tg, &ice.SubmitMediaProducingJobRequest{ProjectId: p.ProjectId,
			OutputMediaConfig: tea.String(`{"MediaURL":"` + outputURL + `","Width":1280,"Height":720,"Bitrate":2000}`),
			OutputMediaTarget: tea.String("oss-object"), EditingProduceConfig: tea.String(`{"AutoRegisterInputVodMedia":"true"}`),
			MediaMetadata: tea.String(`{"Title":"test-title","Tags":"test-tags1,tags2"}`),
			UserData:      tea.String(`{"NotifyAddress":"https://xx.com/xx"}`), Source: tea.String("OPENAPI")})
		assert.Equal(t, tea.StringValue(p.ProjectId), tea.StringValue(b.ProjectId), "ProjectId")
		assert.Nil(t, b.VodMediaId, "VodMediaId of OSS output")
		assert.Equal(t, "Producing", tea.StringValue(mustGet(t, tg, tea.StringValue(p.ProjectId)).Status), "project Status after submit")

		t.Run("Timeline makes an implicit project", func(t *testing.T) {
			b := mustSubmit(t, tg, &ice.SubmitMediaProducingJobRequest{Timeline: tea.String(timeline342),
				ProjectMetadata: tea.String(`{"Description":"Video editing description","Title":"Editing title test"}`)})
			g := mustGet(t, tg, tea.StringValue(b.ProjectId))
			assert.Equal(t, "Editing title test", tea.StringValue(g.Title))
			assert.Equal(t, "Video editing description", tea.StringValue(g.Description))
			assert.Equal(t, timeline342, tea.StringValue(g.Timeline))
			assert.Equal(t, "Producing", tea.StringValue(g.Status))
			assert.Equal(t, int64(3), tea.Int64Value(g.Duration))
		})
		t.Run("TemplateId makes an implicit project from the template", func(t *testing.T) {
			b := mustSubmit(t, tg, &ice.SubmitMediaProducingJobRequest{TemplateId: tea.String(tlTemplateID), ClipsParam: tea.String(docClipsParam)})
			g := mustGet(t, tg, tea.StringValue(b.ProjectId))
			assert.Equal(t, tlTemplateTimeline, tea.StringValue(g.Timeline))
			assert.Equal(t, tlTemplateID, tea.StringValue(g.TemplateId))
			assert.Equal(t, "Timeline", tea.StringValue(g.TemplateType))
			assert.Equal(t, int64(12), tea.Int64Value(g.Duration))
		})
		t.Run("vod-media output has a VodMediaId", func(t *testing.T) {
			b := mustSubmit(t, tg, &ice.SubmitMediaProducingJobRequest{Timeline: tea.String(timeline342), OutputMediaTarget: tea.String("vod-media"),
				OutputMediaConfig: tea.String(`{"StorageLocation":"outin-xxx.oss-cn-shanghai.aliyuncs.com","FileName":"out.mp4"}`)})
			assert.Regexp(t, reHexID, tea.StringValue(b.VodMediaId))
			assert.Equal(t, tea.StringValue(b.VodMediaId), tea.StringValue(mustJob(t, tg, tea.StringValue(b.JobId)).VodMediaId))
		})
		t.Run("ClientToken", func(t *testing.T) {
			req := func(title string) *ice.SubmitMediaProducingJobRequest {
				return &ice.SubmitMediaProducingJobRequest{Timeline: tea.String(timeline342), ClientToken: tea.String("****12e8864746a0a398****"),
					ProjectMetadata: tea.String(`{"Title":"` + title + `"}`)}
			}
			first := mustSubmit(t, tg, req("a"))
			second := mustSubmit(t, tg, req("a"))
			assert.Equal(t, first.JobId, second.JobId, "same ClientToken and parameters: same JobId")
			assert.Equal(t, first.ProjectId, second.ProjectId)
			r := req("b")
			r.OutputMediaConfig = tea.String(`{"MediaURL":"` + outputURL + `"}`)
			_, err := tg.client.SubmitMediaProducingJob(r)
			wantAPIError(t, tg, err, 400, "IdempotentParameterMismatch")
		})
	})
}

func TestSubmitMediaProducingJobErrors(t *testing.T) {
	forEachTarget(t, productionScenario, func(t *testing.T, tg *target) {
		out := tea.String(`{"MediaURL":"` + outputURL + `"}`)
		withOut := func(cfg string) *ice.SubmitMediaProducingJobRequest {
			return &ice.SubmitMediaProducingJobRequest{Timeline: tea.String(timeline342), OutputMediaConfig: tea.String(cfg)}
		}
		tests := []struct {
			name       string
			req        *ice.SubmitMediaProducingJobRequest
			wantStatus int
			wantCode   string
			fragment   string
		}{
			{"none of ProjectId, Timeline and TemplateId", &ice.SubmitMediaProducingJobRequest{OutputMediaConfig: out}, 400, "MissingParameter", `"ProjectId"`},
			{"ProjectId and Timeline", &ice.SubmitMediaProducingJobRequest{ProjectId: tea.String(unknownProjectID), Timeline: tea.String(timeline342), OutputMediaConfig: out}, 400, "InvalidParameter", `"Timeline"`},
			{"TemplateId without ClipsParam", &ice.SubmitMediaProducingJobRequest{TemplateId: tea.String(tlTemplateID), OutputMediaConfig: out}, 400, "MissingParameter", `"ClipsParam"`},
			{"OSS output without MediaURL", withOut(`{"Width":1280}`), 400, "InvalidParameter", "$.MediaURL"},
			{"Width below 128", withOut(`{"MediaURL":"` + outputURL + `","Width":127}`), 400, "InvalidParameter", "$.Width"},
			{"Height above 4096", withOut(`{"MediaURL":"` + outputURL + `","Height":4097}`), 400, "InvalidParameter", "$.Height"},
			{"shorter side above 2160", withOut(`{"MediaURL":"` + outputURL + `","Width":2200,"Height":2200}`), 400, "InvalidParameter", "2160"},
			{"vod-media without FileName", &ice.SubmitMediaProducingJobRequest{Timeline: tea.String(timeline342), OutputMediaTarget: tea.String("vod-media"),
				OutputMediaConfig: tea.String(`{"StorageLocation":"outin-xxx.oss-cn-shanghai.aliyuncs.com"}`)}, 400, "InvalidParameter", "$.FileName"},
			{"unknown OutputMediaTarget", &ice.SubmitMediaProducingJobRequest{Timeline: tea.String(timeline342), OutputMediaTarget: tea.String("ftp"), OutputMediaConfig: out}, 400, "InvalidParameter", `"OutputMediaTarget"`},
			{"ClientToken over 64 characters", &ice.SubmitMediaProducingJobRequest{Timeline: tea.String(timeline342), ClientToken: tea.String(strings.Repeat("t", 65)), OutputMediaConfig: out}, 400, "InvalidParameter", `"ClientToken"`},
			{"unknown ProjectId", &ice.SubmitMediaProducingJobRequest{ProjectId: tea.String(unknownProjectID), OutputMediaConfig: out}, 404, "ProjectNotFound", ""},
			{"unknown TemplateId", &ice.SubmitMediaProducingJobRequest{TemplateId: tea.String(unknownProjectID), ClipsParam: tea.String("{}"), OutputMediaConfig: out}, 404, "ResourceNotFound", ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := tg.client.SubmitMediaProducingJob(tt.req)
				env := wantAPIError(t, tg, err, tt.wantStatus, tt.wantCode)
				assert.Contains(t, env.Message, tt.fragment)
			})
		}
		t.Run("no OutputMediaConfig", func(t *testing.T) {
			_, err := tg.client.SubmitMediaProducingJob(&ice.SubmitMediaProducingJobRequest{Timeline: tea.String(timeline342)})
			env := wantAPIError(t, tg, err, 400, "MissingParameter")
			assert.Contains(t, env.Message, `"OutputMediaConfig"`)
		})
	})
}

// TestSubmitMediaProducingJobThrottling: the published quota is 30 calls per
// second per tenant (ICE API reference: QPS limits); icefake enforces it on
// real time. The bucket refills while the calls run, so the test bounds the
// passes by the time they took rather than assuming the calls are quick: on a
// loaded machine a throttle may come later, never earlier than the 31st call.
func TestSubmitMediaProducingJobThrottling(t *testing.T) {
	forEachTarget(t, productionScenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "would spend the account's quota")
		const burst, rate, maxCalls = 30, 30.0, 300
		start := time.Now()
		passed, throttled := 0, false
		for i := 1; i <= maxCalls && !throttled; i++ {
			_, err := tg.client.SubmitMediaProducingJob(&ice.SubmitMediaProducingJobRequest{Timeline: tea.String(timeline342),
				OutputMediaConfig: tea.String(`{"MediaURL":"` + outputURL + `"}`)})
			if err != nil {
				wantAPIError(t, tg, err, 400, "Throttling.User")
				throttled = true
				continue
			}
			passed++
		}
		elapsed := time.Since(start)
		// At most the burst plus what refilled while the calls ran (+1 for
		// the token in flight when the clock was read).
		refilled := int(rate*elapsed.Seconds()) + 1
		assert.GreaterOrEqual(t, passed, burst, "the first 30 calls of a second pass")
		assert.LessOrEqual(t, passed, burst+refilled, "passes within %v: burst %d + refill %d", elapsed, burst, refilled)
		if !throttled {
			// Only possible when every call took longer than a refill (1/30 s).
			assert.Greater(t, elapsed.Seconds(), float64(maxCalls-burst)/rate,
				"%d calls in %v without a throttle", maxCalls, elapsed)
		}
	})
}

func TestGetMediaProducingJob(t *testing.T) {
	forEachTarget(t, productionScenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "writes to a bucket the test does not own")
		before := time.Now().UTC().Truncate(time.Second)
		p := mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String("job"), Timeline: tea.String(timeline342)})
		b := mustSubmit(t, tg, &ice.SubmitMediaProducingJobRequest{ProjectId: p.ProjectId})
		j := mustJob(t, tg, tea.StringValue(b.JobId))
		tg.checkTime(t, "CreateTime", j.CreateTime, before)
		tg.checkTime(t, "ModifiedTime", j.ModifiedTime, before)
		assert.Contains(t, []string{"Init", "Queuing", "Processing"}, tea.StringValue(j.Status), "Status right after submit")
		j.CreateTime, j.ModifiedTime, j.Status = nil, nil, nil
		assert.Equal(t, &ice.GetMediaProducingJobResponseBodyMediaProducingJob{
			JobId: b.JobId, ProjectId: p.ProjectId, MediaId: b.MediaId, MediaURL: tea.String(outputURL), Timeline: tea.String(timeline342),
		}, j)
		if tg.srv != nil {
			// SDK v2.1.0 sends this Action by GET.
			calls := tg.srv.Calls()
			last := calls[len(calls)-1]
			assert.Equal(t, "GetMediaProducingJob", last.Action)
			assert.Equal(t, http.MethodGet, last.Method, "GetMediaProducingJob method")
		}
		// 3.42 s output: Queuing 1 s, Processing 3.42 s.
		moveClock(t, tg, 4420*time.Millisecond)
		done := mustJob(t, tg, tea.StringValue(b.JobId))
		assert.Equal(t, "Success", tea.StringValue(done.Status))
		assert.Equal(t, float32(3.42), tea.Float32Value(done.Duration), "Duration (SDK *float32)")
		assert.Nil(t, done.Code)
		if tg.srv != nil {
			assert.Equal(t, "2024-01-01T00:00:04Z", tea.StringValue(done.CompleteTime))
		} else {
			assert.Regexp(t, `^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$`, tea.StringValue(done.CompleteTime), "CompleteTime")
		}
		assert.Equal(t, "Produced", tea.StringValue(mustGet(t, tg, tea.StringValue(p.ProjectId)).Status))
		_, err := tg.client.GetMediaProducingJob(&ice.GetMediaProducingJobRequest{JobId: tea.String(unknownProjectID)})
		wantAPIError(t, tg, err, 404, "ResourceNotFound")
		_, err = tg.client.GetMediaProducingJob(&ice.GetMediaProducingJobRequest{})
		wantAPIError(t, tg, err, 400, "MissingParameter")
	})
}

// TestMediaProducingJobFailures: Timeline problems the renderer reports fail
// the job (Code/Message) and the project (ProduceFailed, ErrorCode and
// ErrorMessage in Search), not the submit call (ICE API reference: error codes).
func TestMediaProducingJobFailures(t *testing.T) {
	forEachTarget(t, productionScenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "moves the virtual clock")
		tests := []struct {
			name     string
			timeline *string
			wantCode string
			wantMsg  string
		}{
			{"In past the medium's duration", tea.String(`{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"` + mediaID12s + `","In":13}]}]}`),
				"ProduceTimelineFormatError", `Invalid timeline format, caused by: "Video.In greater than its duration, mediaId: ` + mediaID12s + `"`},
			{"unknown MediaId", tea.String(`{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"` + unknownProjectID + `"}]}]}`),
				"QueryMaterialFailed", `The specified material query failed for clips "` + unknownProjectID + `"`},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				p := mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String("fails: " + tt.name), Timeline: tt.timeline})
				b := mustSubmit(t, tg, &ice.SubmitMediaProducingJobRequest{ProjectId: p.ProjectId})
				j, _ := pollUntilDone(t, tg, tea.StringValue(b.JobId))
				assert.Equal(t, "Failed", tea.StringValue(j.Status))
				assert.Equal(t, tt.wantCode, tea.StringValue(j.Code))
				assert.Equal(t, tt.wantMsg, tea.StringValue(j.Message))
				assert.Nil(t, j.Duration, "a failed job has no Duration")
				item := searchFor(t, tg, "ProduceFailed", tea.StringValue(p.ProjectId))
				require.NotNil(t, item, "SearchEditingProject(ProduceFailed) lists the project")
				assert.Equal(t, tt.wantCode, tea.StringValue(item.ErrorCode))
				assert.Equal(t, tt.wantMsg, tea.StringValue(item.ErrorMessage))
			})
		}
	})
}

// searchFor returns the project's SearchEditingProject item among those of
// status, or nil.
func searchFor(t *testing.T, tg *target, status, projectID string) *ice.SearchEditingProjectResponseBodyProjectList {
	t.Helper()
	resp, err := tg.client.SearchEditingProject(&ice.SearchEditingProjectRequest{Status: tea.String(status), PageSize: tea.Int64(100)})
	require.NoError(t, err, "SearchEditingProject(%s)", status)
	i := slices.IndexFunc(resp.Body.ProjectList, func(p *ice.SearchEditingProjectResponseBodyProjectList) bool {
		return tea.StringValue(p.ProjectId) == projectID
	})
	if i < 0 {
		return nil
	}
	return resp.Body.ProjectList[i]
}

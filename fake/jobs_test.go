package fake

import (
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/icefake/icefake/fake/popsign"
)

// prSubmit submits and returns (JobId, MediaId, ProjectId).
func prSubmit(t *testing.T, s *Server, params map[string]string) (jobID, mediaID, projectID string) {
	t.Helper()
	if _, ok := params["OutputMediaConfig"]; !ok {
		params["OutputMediaConfig"] = prOutput
	}
	body := prOK(t, s, "SubmitMediaProducingJob", params)
	return prString(t, body, "JobId"), prString(t, body, "MediaId"), prString(t, body, "ProjectId")
}

func prJob(t *testing.T, s *Server, id string) map[string]any {
	t.Helper()
	return prOK(t, s, "GetMediaProducingJob", map[string]string{"JobId": id})["MediaProducingJob"].(map[string]any)
}

func TestMediaProducingJobLifecycle(t *testing.T) {
	s := newProductionServer(t)
	projectID := prString(t, prOK(t, s, "CreateEditingProject", map[string]string{"Title": "t", "Timeline": prTimeline25})["Project"].(map[string]any), "ProjectId")
	jobID, mediaID, gotProject := prSubmit(t, s, map[string]string{"ProjectId": projectID})
	if gotProject != projectID || !reIDOK(jobID) || !reIDOK(mediaID) {
		t.Fatalf("Submit = job %s, media %s, project %s; want 32-hex IDs and project %s", jobID, mediaID, gotProject, projectID)
	}
	base := `"JobId":"` + jobID + `","ProjectId":"` + projectID + `","MediaId":"` + mediaID + `","MediaURL":"` + prOutURL + `",` +
		`"Timeline":` + jsonString(prTimeline25) + `,"CreateTime":"2024-01-01T00:00:00Z"`
	// Default timing: Init 0 s, Queuing 1 s, Processing 25 s (= the output).
	tests := []struct {
		name          string
		at            time.Duration // since submission
		want          string
		projectStatus string
		mediaStatus   string
	}{
		{"just submitted", 0, `{` + base + `,"Status":"Queuing","ModifiedTime":"2024-01-01T00:00:00Z"}`, "Producing", "Preparing"},
		{"still queuing", 999 * time.Millisecond, `{` + base + `,"Status":"Queuing","ModifiedTime":"2024-01-01T00:00:00Z"}`, "Producing", "Preparing"},
		{"processing", time.Second, `{` + base + `,"Status":"Processing","ModifiedTime":"2024-01-01T00:00:01Z"}`, "Producing", "Preparing"},
		{"almost done", 26*time.Second - time.Millisecond, `{` + base + `,"Status":"Processing","ModifiedTime":"2024-01-01T00:00:01Z"}`, "Producing", "Preparing"},
		{"success", 26 * time.Second, `{` + base + `,"Status":"Success","Duration":25,"ModifiedTime":"2024-01-01T00:00:26Z","CompleteTime":"2024-01-01T00:00:26Z"}`, "Produced", "Normal"},
		{"a day later", 24 * time.Hour, `{` + base + `,"Status":"Success","Duration":25,"ModifiedTime":"2024-01-01T00:00:26Z","CompleteTime":"2024-01-01T00:00:26Z"}`, "Produced", "Normal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s.SetTime(DefaultStartTime.Add(tt.at))
			prEqual(t, "MediaProducingJob", prJob(t, s, jobID), tt.want)
			p := prOK(t, s, "GetEditingProject", map[string]string{"ProjectId": projectID})["Project"].(map[string]any)
			if p["Status"] != tt.projectStatus {
				t.Errorf("project Status = %v, want %s", p["Status"], tt.projectStatus)
			}
			info := prOK(t, s, "GetMediaInfo", map[string]string{"MediaId": mediaID})["MediaInfo"].(map[string]any)
			if got := info["MediaBasicInfo"].(map[string]any)["Status"]; got != tt.mediaStatus {
				t.Errorf("output media Status = %v, want %s", got, tt.mediaStatus)
			}
		})
	}
	info := prOK(t, s, "GetMediaInfo", map[string]string{"InputURL": prOutURL})
	prEqual(t, "output GetMediaInfo", info, `{"MediaInfo":{"MediaId":"`+mediaID+`","MediaBasicInfo":{"MediaId":"`+mediaID+`",
		"InputURL":"`+prOutURL+`","MediaType":"video","Source":"oss","Title":"2024-01-01T00:00:00Z","Status":"Normal",
		"CreateTime":"2024-01-01T00:00:00Z","ModifiedTime":"2024-01-01T00:00:26Z","Biz":"ICE"},
		"FileInfoList":[{"FileBasicInfo":{"FileName":"result.mp4","FileStatus":"Normal","FileType":"source_file",
		"FileUrl":"`+prOutURL+`","Region":"cn-shanghai","Duration":"25.000000","CreateTime":"2024-01-01T00:00:00Z",
		"ModifiedTime":"2024-01-01T00:00:26Z"}}]}}`)
	// The output is a material like any other: its duration is known now.
	p := prOK(t, s, "CreateEditingProject", map[string]string{"Title": "t2", "Timeline": `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"` + mediaID + `"}]}]}`})
	if got := p["Project"].(map[string]any)["Duration"]; got != 25.0 {
		t.Errorf("Duration of a timeline of the output = %v, want 25", got)
	}
}

func jsonString(s string) string {
	var b strings.Builder
	b.WriteString(`"`)
	b.WriteString(strings.ReplaceAll(s, `"`, `\"`))
	b.WriteString(`"`)
	return b.String()
}

// TestAdvanceMovesJobsWithoutSleeping is issue 4 item 9: submit, advance
// the virtual clock, poll to Success; nothing sleeps.
func TestAdvanceMovesJobsWithoutSleeping(t *testing.T) {
	s := newProductionServer(t, WithProductionTiming(ProductionTiming{Init: 2 * time.Second, Queuing: 3 * time.Second, MinProcessing: 10 * time.Second, ProcessingFactor: 0.5}))
	jobID, _, projectID := prSubmit(t, s, map[string]string{"Timeline": prTimeline25})
	var seen []string
	for range 20 {
		st := prJob(t, s, jobID)["Status"].(string)
		if len(seen) == 0 || seen[len(seen)-1] != st {
			seen = append(seen, st)
		}
		if st == "Success" {
			break
		}
		s.Advance(time.Second)
	}
	if got, want := strings.Join(seen, ","), "Init,Queuing,Processing,Success"; got != want {
		t.Errorf("statuses seen = %s, want %s", got, want)
	}
	j, ok := s.Job(DefaultAccessKeyId, jobID)
	// Init 2 + Queuing 3 + max(10, 25 × 0.5) = 17.5 s.
	if !ok || j.Status != "Success" || j.DoneTime != DefaultStartTime.Add(17500*time.Millisecond) || j.Duration != 25 || j.ProjectId != projectID {
		t.Errorf("Server.Job = %+v, %v, want Success done at +17.5s, Duration 25, project %s", j, ok, projectID)
	}
	if p, _ := s.Project(DefaultAccessKeyId, projectID); p.Status != StatusProduced {
		t.Errorf("Server.Project status = %v, want Produced", p.Status)
	}
}

func TestMediaProducingJobFailures(t *testing.T) {
	tests := []struct {
		name     string
		opts     []Option
		timeline string // "" submits an empty (Draft) project
		wantCode string
		wantMsg  string
	}{
		{"empty project", nil, "", "ProduceTimelineFormatError", "Both video tracks and audio tracks are empty."},
		{"tracks without clips", nil, `{"VideoTracks":[{"VideoTrackClips":[]}],"AudioTracks":[],"SubtitleTracks":[{"SubtitleTrackClips":[{"Type":"Text","Content":"x"}]}]}`,
			"ProduceTimelineFormatError", "Both video tracks and audio tracks are empty."},
		{"unknown MediaId", nil, `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"` + prMedia12 + `"},{"MediaId":"nope"}]}]}`,
			"QueryMaterialFailed", `The specified material query failed for clips "nope"`},
		{"unknown audio MediaId", nil, `{"AudioTracks":[{"AudioTrackClips":[{"MediaId":"bgm"}]}]}`,
			"QueryMaterialFailed", `"bgm"`},
		{"unknown MediaURL, strict", []Option{WithStrictMediaURLs(true)}, `{"VideoTracks":[{"VideoTrackClips":[{"MediaURL":"https://b/x.mp4","Out":3}]}]}`,
			"InvalidMaterial.NotFound", `The specified clips url not found:"https://b/x.mp4"`},
		{"unknown MediaURL, default", nil, `{"VideoTracks":[{"VideoTrackClips":[{"MediaURL":"https://b/x.mp4","Out":3}]}]}`, "", ""},
		{"seeded MediaURL, strict", []Option{WithStrictMediaURLs(true)}, `{"VideoTracks":[{"VideoTrackClips":[{"MediaURL":"` + prURL + `"}]}]}`, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newProductionServer(t, tt.opts...)
			create := map[string]string{"Title": "t"}
			if tt.timeline != "" {
				create["Timeline"] = tt.timeline
			}
			projectID := prString(t, prOK(t, s, "CreateEditingProject", create)["Project"].(map[string]any), "ProjectId")
			jobID, _, _ := prSubmit(t, s, map[string]string{"ProjectId": projectID})
			s.Advance(time.Hour)
			j := prJob(t, s, jobID)
			p := prOK(t, s, "GetEditingProject", map[string]string{"ProjectId": projectID})["Project"].(map[string]any)
			if tt.wantCode == "" {
				if j["Status"] != "Success" || p["Status"] != "Produced" {
					t.Errorf("job %v, project %v; want Success, Produced", j, p["Status"])
				}
				return
			}
			if j["Status"] != "Failed" || j["Code"] != tt.wantCode || !strings.Contains(j["Message"].(string), tt.wantMsg) {
				t.Errorf("job = %v, want Failed %s %q", j, tt.wantCode, tt.wantMsg)
			}
			if _, has := j["Duration"]; has {
				t.Errorf("failed job has Duration %v, want none", j["Duration"])
			}
			if p["Status"] != "ProduceFailed" {
				t.Errorf("project Status = %v, want ProduceFailed", p["Status"])
			}
			got, _ := s.Project(DefaultAccessKeyId, projectID)
			if got.ErrorCode != tt.wantCode || got.ErrorMessage != j["Message"] {
				t.Errorf("project ErrorCode, ErrorMessage = %q, %q; want the job's", got.ErrorCode, got.ErrorMessage)
			}
			// Failed jobs process for MinProcessing: done 2 s after submission.
			if j["CompleteTime"] != "2024-01-01T00:00:02Z" {
				t.Errorf("CompleteTime = %v, want 2024-01-01T00:00:02Z", j["CompleteTime"])
			}
		})
	}
}

func TestResubmitAfterFailure(t *testing.T) {
	s := newProductionServer(t)
	projectID := prString(t, prOK(t, s, "CreateEditingProject", map[string]string{"Title": "t"})["Project"].(map[string]any), "ProjectId")
	prSubmit(t, s, map[string]string{"ProjectId": projectID})
	s.Advance(time.Minute)
	if p, _ := s.Project(DefaultAccessKeyId, projectID); p.Status != StatusProduceFailed || p.ErrorCode == "" {
		t.Fatalf("project = %+v, want ProduceFailed with an ErrorCode", p)
	}
	if err := s.store.updateProject(DefaultAccessKeyId, projectID, func(p *Project) error {
		p.Timeline = prTimeline25
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	prSubmit(t, s, map[string]string{"ProjectId": projectID})
	if p, _ := s.Project(DefaultAccessKeyId, projectID); p.Status != StatusProducing || p.ErrorCode != "" || p.ErrorMessage != "" {
		t.Errorf("after resubmit project = %+v, want Producing without error", p)
	}
	s.Advance(time.Minute)
	if p, _ := s.Project(DefaultAccessKeyId, projectID); p.Status != StatusProduced {
		t.Errorf("project status = %v, want Produced", p.Status)
	}
}

func TestSubmitImplicitProjects(t *testing.T) {
	s := newProductionServer(t)
	if err := s.AddTemplate(Template{TemplateId: "merge", Config: cfgMerge}, Template{TemplateId: "ve", Type: "VETemplate"}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		params map[string]string
		want   Project // checked fields
	}{
		{
			name:   "Timeline, metadata and Source",
			params: map[string]string{"Timeline": prTimeline25, "ProjectMetadata": `{"Title":"Made by submit","Description":"d"}`, "Source": "WEBSDK"},
			want:   Project{Title: "Made by submit", Description: "d", Timeline: prTimeline25, Duration: 25, CreateSource: "WebSDK", ModifiedSource: "WebSDK"},
		},
		{
			name:   "Timeline template",
			params: map[string]string{"TemplateId": "merge", "ClipsParam": `{"VideoArray":["` + prMedia12 + `"]}`},
			want: Project{TemplateId: "merge", ClipsParam: `{"VideoArray":["` + prMedia12 + `"]}`, TemplateType: "Timeline", Duration: 12.5,
				Timeline:     `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"******be49ef6b7f9f663a8a97******"},{"MediaId":"` + prMedia12 + `"},{"MediaId":"******9956582a68a59e244a59******"}]}]}`,
				CreateSource: "OpenAPI", ModifiedSource: "OpenAPI"},
		},
		{
			name:   "VETemplate",
			params: map[string]string{"TemplateId": "ve", "ClipsParam": `{"a":"b"}`},
			want:   Project{TemplateId: "ve", ClipsParam: `{"a":"b"}`, TemplateType: "VETemplate", CreateSource: "OpenAPI", ModifiedSource: "OpenAPI"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, projectID := prSubmit(t, s, tt.params)
			got, ok := s.Project(DefaultAccessKeyId, projectID)
			want := tt.want
			want.ProjectId, want.Status, want.ProjectType = projectID, StatusProducing, "EditingProject"
			want.CreateTime, want.ModifiedTime = DefaultStartTime, DefaultStartTime
			if !ok || got != want {
				t.Errorf("implicit project =\n%+v\nwant\n%+v", got, want)
			}
		})
	}
	// The template's fixed clips are unknown media: that job fails, the VETemplate one succeeds.
	s.Advance(time.Hour)
	var codes []string
	for _, p := range s.Projects(DefaultAccessKeyId) {
		codes = append(codes, p.Status.String()+":"+p.ErrorCode)
	}
	if got, want := strings.Join(codes, ","), "Produced:,ProduceFailed:QueryMaterialFailed,Produced:"; got != want {
		t.Errorf("project outcomes = %s, want %s", got, want)
	}
}

func TestSubmitVODOutput(t *testing.T) {
	s := newProductionServer(t)
	body := prOK(t, s, "SubmitMediaProducingJob", map[string]string{
		"Timeline": prTimeline25, "OutputMediaTarget": "vod-media",
		"OutputMediaConfig": `{"StorageLocation":"outin-xxx.oss-cn-shanghai.aliyuncs.com","FileName":"out.mp4","Width":1280,"Height":720}`,
		"MediaMetadata":     `{"Title":"vod title","Tags":"a,b"}`,
	})
	vod := prString(t, body, "VodMediaId")
	mediaID := prString(t, body, "MediaId")
	s.Advance(time.Hour)
	j := prJob(t, s, prString(t, body, "JobId"))
	if j["VodMediaId"] != vod || j["MediaURL"] != nil || j["Status"] != "Success" {
		t.Errorf("job = %v, want VodMediaId %s, no MediaURL, Success", j, vod)
	}
	info := prOK(t, s, "GetMediaInfo", map[string]string{"MediaId": mediaID})["MediaInfo"].(map[string]any)
	b := info["MediaBasicInfo"].(map[string]any)
	f := info["FileInfoList"].([]any)[0].(map[string]any)["FileBasicInfo"].(map[string]any)
	if b["InputURL"] != "vod://"+vod || b["Source"] != "vod" || b["Title"] != "vod title" || b["MediaTags"] != "a,b" ||
		f["FileName"] != "out.mp4" || f["Width"] != "1280" || f["Height"] != "720" || f["Duration"] != "25.000000" {
		t.Errorf("output media = %v / %v", b, f)
	}
}

func TestSubmitMediaProducingJobErrors(t *testing.T) {
	out := func(s string) map[string]string {
		return map[string]string{"Timeline": prTimeline25, "OutputMediaConfig": s}
	}
	tests := []struct {
		name       string
		params     map[string]string
		wantStatus int
		wantCode   string
		fragments  []string
	}{
		{"none of ProjectId, Timeline, TemplateId", map[string]string{"OutputMediaConfig": prOutput}, 400, "MissingParameter", []string{`"ProjectId"`, "Exactly one of"}},
		{"ProjectId and Timeline", map[string]string{"ProjectId": "p", "Timeline": prTimeline25, "OutputMediaConfig": prOutput}, 400, "InvalidParameter", []string{`"Timeline"`, "got ProjectId and Timeline"}},
		{"Timeline and TemplateId", map[string]string{"TemplateId": "t", "ClipsParam": "{}", "Timeline": prTimeline25, "OutputMediaConfig": prOutput}, 400, "InvalidParameter", []string{`"TemplateId"`}},
		{"TemplateId without ClipsParam", map[string]string{"TemplateId": "t", "OutputMediaConfig": prOutput}, 400, "MissingParameter", []string{`"ClipsParam"`}},
		{"no OutputMediaConfig", map[string]string{"Timeline": prTimeline25}, 400, "MissingParameter", []string{`"OutputMediaConfig"`}},
		{"OutputMediaConfig not JSON", out(`{"MediaURL":`), 400, "InvalidParameter", []string{`"OutputMediaConfig"`, "Malformed JSON"}},
		{"OSS output without MediaURL", out(`{"Width":1280}`), 400, "InvalidParameter", []string{`"OutputMediaConfig"`, "$.MediaURL: required when OutputMediaTarget is oss-object"}},
		{"MediaURL not absolute", out(`{"MediaURL":"out.mp4"}`), 400, "InvalidParameter", []string{"$.MediaURL", "absolute URL"}},
		{"Width below 128", out(`{"MediaURL":"` + prOutURL + `","Width":100}`), 400, "InvalidParameter", []string{`"OutputMediaConfig"`, "$.Width"}},
		{"Height above 4096", out(`{"MediaURL":"` + prOutURL + `","Height":4097}`), 400, "InvalidParameter", []string{"$.Height"}},
		{"Width not an integer", out(`{"MediaURL":"` + prOutURL + `","Width":"wide"}`), 400, "InvalidParameter", []string{"$.Width"}},
		{"shorter side above 2160", out(`{"MediaURL":"` + prOutURL + `","Width":3840,"Height":2161}`), 400, "InvalidParameter", []string{"$.Width, $.Height", "2161 px", "2160"}},
		{"vod-media without StorageLocation", map[string]string{"Timeline": prTimeline25, "OutputMediaTarget": "vod-media", "OutputMediaConfig": `{"FileName":"a.mp4"}`}, 400, "InvalidParameter", []string{"$.StorageLocation"}},
		{"vod-media without FileName", map[string]string{"Timeline": prTimeline25, "OutputMediaTarget": "vod-media", "OutputMediaConfig": `{"StorageLocation":"b.oss-cn-shanghai.aliyuncs.com"}`}, 400, "InvalidParameter", []string{"$.FileName"}},
		{"unknown OutputMediaTarget", map[string]string{"Timeline": prTimeline25, "OutputMediaTarget": "ftp", "OutputMediaConfig": prOutput}, 400, "InvalidParameter", []string{`"OutputMediaTarget"`}},
		{"S3 needs MediaURL", map[string]string{"Timeline": prTimeline25, "OutputMediaTarget": "S3", "OutputMediaConfig": `{}`}, 400, "InvalidParameter", []string{"required when OutputMediaTarget is S3"}},
		{"UserData over 512 bytes", map[string]string{"Timeline": prTimeline25, "OutputMediaConfig": prOutput, "UserData": `{"a":"` + strings.Repeat("x", 505) + `"}`}, 400, "InvalidParameter", []string{`"UserData"`, "512 bytes"}},
		{"ClientToken of 65 characters", map[string]string{"Timeline": prTimeline25, "OutputMediaConfig": prOutput, "ClientToken": strings.Repeat("t", 65)}, 400, "InvalidParameter", []string{`"ClientToken"`}},
		{"non-ASCII ClientToken", map[string]string{"Timeline": prTimeline25, "OutputMediaConfig": prOutput, "ClientToken": "令牌"}, 400, "InvalidParameter", []string{`"ClientToken"`}},
		{"unknown Source", map[string]string{"Timeline": prTimeline25, "OutputMediaConfig": prOutput, "Source": "CLI"}, 400, "InvalidParameter", []string{`"Source"`}},
		{"Timeline not JSON", map[string]string{"Timeline": `{"VideoTracks":[}`, "OutputMediaConfig": prOutput}, 400, "InvalidParameter", []string{`"Timeline"`}},
		{"unknown ProjectId", map[string]string{"ProjectId": "nope", "OutputMediaConfig": prOutput}, 404, "ProjectNotFound", nil},
		{"unknown TemplateId", map[string]string{"TemplateId": "nope", "ClipsParam": "{}", "OutputMediaConfig": prOutput}, 404, "ResourceNotFound", []string{`"nope"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newProductionServer(t)
			status, body := rpc(t, s, "SubmitMediaProducingJob", tt.params)
			requireError(t, status, body, tt.wantStatus, tt.wantCode, tt.fragments...)
			if n := len(s.Projects(DefaultAccessKeyId)); n != 0 {
				t.Errorf("%d projects stored, want none", n)
			}
		})
	}
}

func TestSubmitClientToken(t *testing.T) {
	s := newProductionServer(t)
	p := map[string]string{"Timeline": prTimeline25, "ClientToken": "****12e8864746a0a398****"}
	j1, m1, p1 := prSubmit(t, s, p)
	j2, m2, p2 := prSubmit(t, s, p)
	if j1 != j2 || m1 != m2 || p1 != p2 {
		t.Errorf("same ClientToken and parameters: (%s %s %s) then (%s %s %s), want the same IDs", j1, m1, p1, j2, m2, p2)
	}
	if n := len(s.Projects(DefaultAccessKeyId)); n != 1 {
		t.Errorf("%d implicit projects, want 1", n)
	}
	p["OutputMediaConfig"] = `{"MediaURL":"` + prOutURL + `","Width":1280}`
	status, body := rpc(t, s, "SubmitMediaProducingJob", p)
	requireError(t, status, body, 400, "IdempotentParameterMismatch")
	// Tokens are per Action and per tenant: RegisterMediaInfo may reuse it.
	prOK(t, s, "RegisterMediaInfo", map[string]string{"InputURL": prURL, "ClientToken": "****12e8864746a0a398****"})
}

func TestSubmitThrottling(t *testing.T) {
	realNow := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := WithRealClock(func() time.Time { return realNow })
	submit := func(s *Server) *httptest.ResponseRecorder {
		q := url.Values{"Action": {"SubmitMediaProducingJob"}, "Version": {"2020-11-09"}, "AccessKeyId": {DefaultAccessKeyId},
			"Timeline": {prTimeline25}, "OutputMediaConfig": {prOutput}}
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/?"+q.Encode(), nil))
		return rec
	}
	tests := []struct {
		name string
		opts []Option
		want []int
	}{
		{"default 30 per second", nil, append(repeat(200, 30), 400)},
		{"WithSubmitQPS(2)", []Option{WithSubmitQPS(2)}, []int{200, 200, 400, 400}},
		{"WithSubmitQPS(0) is off", []Option{WithSubmitQPS(0)}, repeat(200, 40)},
		{"a pipeline quota replaces it", []Option{WithQuotas(Quota{Action: "SubmitMediaProducingJob", Rate: 1, Burst: 3})}, []int{200, 200, 200, 400}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newProductionServer(t, append([]Option{clock, WithAuthMode(AuthOff)}, tt.opts...)...)
			var got []int
			var last *httptest.ResponseRecorder
			for range tt.want {
				last = submit(s)
				got = append(got, last.Code)
			}
			if fmtInts(got) != fmtInts(tt.want) {
				t.Fatalf("statuses = %v, want %v", got, tt.want)
			}
			if tt.want[len(tt.want)-1] == 400 && !strings.Contains(last.Body.String(), `"Code":"Throttling.User"`) {
				t.Errorf("last answer = %s, want Throttling.User", last.Body)
			}
		})
	}
	s := newProductionServer(t, clock, WithAuthMode(AuthOff), WithSubmitQPS(2))
	submit(s)
	submit(s)
	rec := submit(s)
	if got := rec.Header().Get("x-acs-retry-after"); got != "500" {
		t.Errorf("x-acs-retry-after = %q, want 500 (one token at 2/s)", got)
	}
	if got := rec.Header().Get("x-ratelimit-user-api"); got != "Limit:2,Remain:0,TimeLeft:500,Reset:1893456000500" {
		t.Errorf("x-ratelimit-user-api = %q", got)
	}
	if c := s.Calls()[2]; c.Code != "Throttling.User" || !strings.Contains(c.Fault, "quota SubmitMediaProducingJob 2/s") {
		t.Errorf("journal = %+v, want the throttling recorded", c)
	}
	realNow = realNow.Add(500 * time.Millisecond)
	if rec := submit(s); rec.Code != 200 {
		t.Errorf("after 500ms of real time: %d %s, want 200", rec.Code, rec.Body)
	}
	s.Advance(time.Hour) // the virtual clock does not refill the bucket
	if rec := submit(s); rec.Code != 400 {
		t.Errorf("after advancing the virtual clock only: %d, want 400", rec.Code)
	}
}

func repeat(v, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = v
	}
	return out
}

func TestGetMediaProducingJobErrorsAndGET(t *testing.T) {
	s := newProductionServer(t, WithCredentials(Credential{AccessKeyId: "tenantB", AccessKeySecret: "secretB"}))
	jobID, _, _ := prSubmit(t, s, map[string]string{"Timeline": prTimeline25})

	status, body := rpc(t, s, "GetMediaProducingJob", nil)
	requireError(t, status, body, 400, "MissingParameter", `"JobId"`)
	status, body = rpc(t, s, "GetMediaProducingJob", map[string]string{"JobId": "nope"})
	requireError(t, status, body, 404, "ResourceNotFound", `"nope"`)
	status, body = prRPCAs(t, s, "tenantB", "secretB", "GetMediaProducingJob", map[string]string{"JobId": jobID})
	requireError(t, status, body, 404, "ResourceNotFound")

	// SDK v2.1.0 sends GetMediaProducingJob by GET.
	q := signedRequest(t, "GetMediaProducingJob", map[string]string{"JobId": jobID}).URL.Query()
	popsign.SignV1Params(http.MethodGet, q, DefaultAccessKeySecret)
	status, body = serve(t, s, httptest.NewRequest(http.MethodGet, "/?"+q.Encode(), nil))
	if status != 200 || body["MediaProducingJob"].(map[string]any)["JobId"] != jobID {
		t.Errorf("GET GetMediaProducingJob = %d %v, want 200 with the job", status, body)
	}

	s.Advance(366 * 24 * time.Hour)
	status, body = rpc(t, s, "GetMediaProducingJob", map[string]string{"JobId": jobID})
	requireError(t, status, body, 404, "ResourceNotFound")
}

func TestSubmitVETemplateProject(t *testing.T) {
	s := newProductionServer(t)
	if err := s.AddTemplate(Template{TemplateId: "ve", Type: "VETemplate"}); err != nil {
		t.Fatal(err)
	}
	// TemplateType defaults to Timeline (docs/fidelity.md); the template is a VETemplate.
	p := prOK(t, s, "CreateEditingProject", map[string]string{"Title": "t", "TemplateId": "ve", "ClipsParam": `{"k":"v"}`})["Project"].(map[string]any)
	jobID, _, _ := prSubmit(t, s, map[string]string{"ProjectId": p["ProjectId"].(string)})
	s.Advance(time.Minute)
	j := prJob(t, s, jobID)
	prEqual(t, "job", map[string]any{"Status": j["Status"], "TemplateId": j["TemplateId"], "ClipsParam": j["ClipsParam"], "Duration": j["Duration"]},
		`{"Status":"Success","TemplateId":"ve","ClipsParam":"{\"k\":\"v\"}","Duration":null}`)
}

func TestSecondsToDurationSaturates(t *testing.T) {
	tests := []struct {
		name string
		sec  float64
		want time.Duration
	}{
		{"one second", 1, time.Second},
		{"a million seconds", 1e6, 1e6 * time.Second},
		{"1e11 seconds", 1e11, time.Duration(math.MaxInt64)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := secondsToDuration(tt.sec); got != tt.want {
				t.Errorf("secondsToDuration(%g) = %v, want %v", tt.sec, got, tt.want)
			}
		})
	}
}

func TestRenderCheckImpossibleClips(t *testing.T) {
	tests := []struct {
		name     string
		timeline string
		wantCode Code
		wantMsg  string
	}{
		{"Out before In", `{"VideoTracks":[{"VideoTrackClips":[{"MediaURL":"https://b/a.mp4","In":5,"Out":2}]}]}`, CodeInvalidParameter,
			`The specified parameter "VideoTrackClip.Out" is not valid. Out must be greater than In.`},
		{"TimelineOut before TimelineIn", `{"AudioTracks":[{"AudioTrackClips":[{"MediaURL":"https://b/a.mp3","TimelineIn":5,"TimelineOut":5}]}]}`, CodeInvalidParameter,
			`The specified parameter "AudioTrackClip.TimelineOut" is not valid. TimelineOut must be greater than TimelineIn.`},
		{"fine", `{"VideoTracks":[{"VideoTrackClips":[{"MediaURL":"https://b/a.mp4","In":1,"Out":2}]}]}`, "", ""},
		{"101 video tracks", `{"VideoTracks":[` + strings.Repeat(`{"VideoTrackClips":[{"MediaURL":"https://b/a.mp4"}]},`, 100) + `{}]}`, CodeInvalidParameter,
			`The specified parameter "VideoTracks" is not valid. 101 video tracks; the service renders at most 100.`},
		{"100 video tracks", `{"VideoTracks":[` + strings.Repeat(`{"VideoTrackClips":[{"MediaURL":"https://b/a.mp4"}]},`, 99) + `{}]}`, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, msg, _ := renderCheck(tt.timeline, tenantMedia{}, false)
			if code != tt.wantCode || msg != tt.wantMsg {
				t.Errorf("renderCheck() = %q, %q; want %q, %q", code, msg, tt.wantCode, tt.wantMsg)
			}
		})
	}
}

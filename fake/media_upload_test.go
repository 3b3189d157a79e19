package fake

import (
	"strings"
	"testing"
	"time"
)

// uploadInfo returns the one URLUploadInfoList entry of job.
func uploadInfo(t *testing.T, s *Server, job string) map[string]any {
	t.Helper()
	body := prOK(t, s, "GetUrlUploadInfos", map[string]string{"JobIds": job})
	list := body["URLUploadInfoList"].([]any)
	if len(list) != 1 {
		t.Fatalf("GetUrlUploadInfos(%s) = %v, want one job", job, body)
	}
	return list[0].(map[string]any)
}

// TestUploadMediaByURL: the job moves PENDING → PROCESSING → SUCCESS on
// the virtual clock; its medium is Preparing, then Normal with the facts of
// the seed for the source URL, and is usable in a Timeline.
func TestUploadMediaByURL(t *testing.T) {
	s := newProductionServer(t, WithCredentials(otherTenant))
	meta := `[{"SourceURL":"` + prURL + `","Title":"from a URL","Tags":"a,b","CateId":9,"BusinessType":"general"},{"SourceURL":"https://other/x.mp4","Title":"ignored"}]`
	body := prOK(t, s, "UploadMediaByURL", map[string]string{"UploadURLs": prURL + ",https://example.com/raw",
		"MediaMetaData": meta, "UserData": `{"Extend":{"k":"v"}}`})
	jobs := body["UploadJobs"].([]any)
	if len(jobs) != 2 {
		t.Fatalf("UploadJobs = %v, want 2", jobs)
	}
	j := jobs[0].(map[string]any)
	job, media := j["JobId"].(string), j["MediaId"].(string)
	if !reTemplateID.MatchString(job) || !reTemplateID.MatchString(media) || j["SourceURL"] != prURL {
		t.Fatalf("UploadJobs[0] = %v, want 32-hex JobId and MediaId, SourceURL %s", j, prURL)
	}
	created := wireTime(DefaultStartTime)
	steps := []struct {
		at          time.Duration
		job, medium string
	}{
		{0, "PENDING", "Preparing"},
		{2 * time.Second, "PROCESSING", "Preparing"},
		{10 * time.Second, "SUCCESS", "Normal"},
	}
	for _, st := range steps {
		s.SetTime(DefaultStartTime.Add(st.at))
		info := uploadInfo(t, s, job)
		b := basicInfo(t, s, media)
		if info["Status"] != st.job || b["Status"] != st.medium {
			t.Errorf("at +%s: job %v, medium %v; want %s, %s", st.at, info["Status"], b["Status"], st.job, st.medium)
		}
	}
	done := wireTime(DefaultStartTime.Add(10 * time.Second))
	prEqual(t, "upload info", uploadInfo(t, s, job), `{"JobId":"`+job+`","MediaId":"`+media+`","UploadURL":"`+prURL+`","Status":"SUCCESS",`+
		`"CreationTime":"`+created+`","CompleteTime":"`+done+`","FileSize":"30611502","UserData":"{\"Extend\":{\"k\":\"v\"}}"}`)
	info := prOK(t, s, "GetMediaInfo", map[string]string{"MediaId": media})["MediaInfo"].(map[string]any)
	b := info["MediaBasicInfo"].(map[string]any)
	in := b["InputURL"].(string)
	if !strings.HasPrefix(in, "https://outin-") || !strings.Contains(in, ".oss-cn-shanghai.aliyuncs.com/sv/") || !strings.HasSuffix(in, "/intro.mp4") {
		t.Errorf("InputURL = %s, want the storage URL https://outin-….oss-cn-shanghai.aliyuncs.com/sv/…/intro.mp4", in)
	}
	want := map[string]any{"Title": "from a URL", "MediaTags": "a,b", "CateId": 9.0, "BusinessType": "general", "MediaType": "video",
		"Source": "oss", "CreateTime": created, "ModifiedTime": done}
	for k, v := range want {
		if b[k] != v {
			t.Errorf("uploaded MediaBasicInfo %s = %v, want %v", k, b[k], v)
		}
	}
	fb := info["FileInfoList"].([]any)[0].(map[string]any)["FileBasicInfo"].(map[string]any)
	if fb["Duration"] != "216.206667" || fb["Width"] != "960" || fb["Region"] != "cn-shanghai" || fb["FileName"] != "intro.mp4" {
		t.Errorf("uploaded FileBasicInfo = %v, want the seed's facts", fb)
	}
	// The uploaded medium works in a Timeline with the seed's duration.
	p := prOK(t, s, "CreateEditingProject", map[string]string{"Title": "t",
		"Timeline": `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"` + media + `"}]}]}`})["Project"].(map[string]any)
	if p["Duration"] != 216.2067 {
		t.Errorf("project Duration = %v, want 216.2067", p["Duration"])
	}

	// The URL without an extension fails; its medium is PrepareFail.
	bad := jobs[1].(map[string]any)
	prEqual(t, "failed upload", uploadInfo(t, s, bad["JobId"].(string)), `{"JobId":"`+bad["JobId"].(string)+`","MediaId":"`+bad["MediaId"].(string)+
		`","UploadURL":"https://example.com/raw","Status":"FAIL","CreationTime":"`+created+`","CompleteTime":"`+done+
		`","ErrorCode":"InvalidFileExtension","ErrorMessage":"The source URL has no media file extension (\"\"); give FileExtension in MediaMetaData.",`+
		`"UserData":"{\"Extend\":{\"k\":\"v\"}}"}`)
	fb2 := prOK(t, s, "GetMediaInfo", map[string]string{"MediaId": bad["MediaId"].(string)})["MediaInfo"].(map[string]any)
	if fb2["MediaBasicInfo"].(map[string]any)["Status"] != "PrepareFail" || len(fb2["FileInfoList"].([]any)) != 0 {
		t.Errorf("failed upload's medium = %v, want PrepareFail without files", fb2)
	}

	// By URL: every job of the URL, oldest first; unknown keys in NonExists.
	again := prOK(t, s, "UploadMediaByURL", map[string]string{"UploadURLs": prURL})["UploadJobs"].([]any)[0].(map[string]any)["JobId"].(string)
	byURL := prOK(t, s, "GetUrlUploadInfos", map[string]string{"UploadURLs": prURL + ",https://b/none.mp4"})
	var got []string
	for _, e := range byURL["URLUploadInfoList"].([]any) {
		got = append(got, e.(map[string]any)["JobId"].(string)+":"+e.(map[string]any)["Status"].(string))
	}
	if !equalJSON(got, []string{job + ":SUCCESS", again + ":PENDING"}) || !equalJSON(byURL["NonExists"], []string{"https://b/none.mp4"}) {
		t.Errorf("GetUrlUploadInfos by URL = %v NonExists %v", got, byURL["NonExists"])
	}
	byID := prOK(t, s, "GetUrlUploadInfos", map[string]string{"JobIds": "nope," + job, "UploadURLs": prURL})
	if len(byID["URLUploadInfoList"].([]any)) != 1 || !equalJSON(byID["NonExists"], []string{"nope"}) {
		t.Errorf("JobIds must win over UploadURLs: %v", byID)
	}
	_, other := prRPCAs(t, s, otherTenant.AccessKeyId, otherTenant.AccessKeySecret, "GetUrlUploadInfos", map[string]string{"JobIds": job})
	if !equalJSON(other["NonExists"], []string{job}) {
		t.Errorf("another tenant sees the job: %v", other)
	}
	// FileExtension names the format of a URL without one.
	ext := prOK(t, s, "UploadMediaByURL", map[string]string{"UploadURLs": "https://example.com/song",
		"MediaMetaData": `[{"SourceURL":"https://example.com/song","FileExtension":"mp3"}]`})["UploadJobs"].([]any)[0].(map[string]any)
	s.Advance(time.Minute)
	if st := uploadInfo(t, s, ext["JobId"].(string))["Status"]; st != "SUCCESS" {
		t.Errorf("upload with FileExtension = %v, want SUCCESS", st)
	}
	if b := basicInfo(t, s, ext["MediaId"].(string)); b["MediaType"] != "audio" || b["Title"] != "song" {
		t.Errorf("upload with FileExtension mp3 = %v, want audio titled song", b)
	}
}

// TestUploadMediaByURLErrors: bad input is refused and starts no job.
func TestUploadMediaByURLErrors(t *testing.T) {
	s := newProductionServer(t)
	many := strings.TrimSuffix(strings.Repeat("https://a/b.mp4,", 21), ",")
	tests := []struct {
		name      string
		action    string
		params    map[string]string
		code      string
		fragments []string
	}{
		{"no UploadURLs", "UploadMediaByURL", nil, "MissingParameter", []string{"UploadURLs"}},
		{"only commas", "UploadMediaByURL", map[string]string{"UploadURLs": " , "}, "MissingParameter", []string{`"UploadURLs"`}},
		{"21 URLs", "UploadMediaByURL", map[string]string{"UploadURLs": many}, "InvalidParameter", []string{`"UploadURLs"`, "20"}},
		{"not http", "UploadMediaByURL", map[string]string{"UploadURLs": "oss://b/a.mp4"}, "InvalidParameter", []string{`"UploadURLs"`, "oss://b/a.mp4"}},
		{"MediaMetaData not an array", "UploadMediaByURL", map[string]string{"UploadURLs": prURL, "MediaMetaData": `{"SourceURL":"x"}`}, "InvalidParameter", []string{"MediaMetaData"}},
		{"MediaMetaData Title too long", "UploadMediaByURL", map[string]string{"UploadURLs": prURL,
			"MediaMetaData": `[{"SourceURL":"` + prURL + `","Title":"` + strings.Repeat("t", 129) + `"}]`}, "InvalidParameter", []string{`"MediaMetaData"`, "128"}},
		{"StorageType", "UploadMediaByURL", map[string]string{"UploadURLs": prURL, "UploadTargetConfig": `{"StorageType":"vod"}`}, "InvalidParameter", []string{"UploadTargetConfig"}},
		{"UserData not JSON", "UploadMediaByURL", map[string]string{"UploadURLs": prURL, "UserData": "plain"}, "InvalidParameter", []string{"UserData"}},
		{"neither JobIds nor UploadURLs", "GetUrlUploadInfos", nil, "MissingParameter", []string{`"JobIds"`, "UploadURLs"}},
		{"11 JobIds", "GetUrlUploadInfos", map[string]string{"JobIds": strings.TrimSuffix(strings.Repeat("j,", 11), ",")}, "InvalidParameter", []string{`"JobIds"`, "10"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := rpc(t, s, tt.action, tt.params)
			requireError(t, status, body, 400, tt.code, tt.fragments...)
		})
	}
	if list := prOK(t, s, "ListMediaBasicInfos", nil); list["TotalCount"] != 0.0 {
		t.Errorf("refused uploads created media: %v", list)
	}
}

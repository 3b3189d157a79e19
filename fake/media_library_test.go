package fake

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// libRegister registers url for the default tenant with extra parameters
// and returns its MediaId.
func libRegister(t *testing.T, s *Server, url string, extra map[string]string) string {
	t.Helper()
	params := map[string]string{"InputURL": url}
	for k, v := range extra {
		params[k] = v
	}
	return prString(t, prOK(t, s, "RegisterMediaInfo", params), "MediaId")
}

// basicInfo returns GetMediaInfo's MediaBasicInfo of id.
func basicInfo(t *testing.T, s *Server, id string) map[string]any {
	t.Helper()
	return prOK(t, s, "GetMediaInfo", map[string]string{"MediaId": id})["MediaInfo"].(map[string]any)["MediaBasicInfo"].(map[string]any)
}

// mediaIDs lists the MediaId of each entry of list (MediaInfos, MediaInfoList).
func mediaIDs(list any) []string {
	out := []string{}
	for _, e := range list.([]any) {
		out = append(out, e.(map[string]any)["MediaId"].(string))
	}
	return out
}

// TestUpdateMediaInfo: the given fields change, the others stay, tags are
// replaced or appended, ModifiedTime moves; GetMediaInfo shows it.
func TestUpdateMediaInfo(t *testing.T) {
	s := newProductionServer(t, WithCredentials(otherTenant))
	id := libRegister(t, s, prURL, map[string]string{"Title": "intro", "MediaTags": "a,b", "ReferenceId": "ref-one", "Description": "d"})
	other := libRegister(t, s, "https://b.oss-cn-shanghai.aliyuncs.com/other.mp4", map[string]string{"ReferenceId": "ref-two"})
	s.Advance(time.Minute)
	got := prOK(t, s, "UpdateMediaInfo", map[string]string{"MediaId": id, "Title": "renamed", "MediaTags": "c", "AppendTags": "true",
		"Category": "news", "CateId": "3048", "BusinessType": "opening", "ReferenceId": "ref-new", "UserData": "u"})
	if got["MediaId"] != id {
		t.Errorf("UpdateMediaInfo MediaId = %v, want %s", got["MediaId"], id)
	}
	b := basicInfo(t, s, id)
	want := map[string]any{"Title": "renamed", "MediaTags": "a,b,c", "Category": "news", "CateId": 3048.0, "BusinessType": "opening",
		"ReferenceId": "ref-new", "UserData": "u", "Description": "d",
		"CreateTime": wireTime(DefaultStartTime), "ModifiedTime": wireTime(DefaultStartTime.Add(time.Minute))}
	for k, v := range want {
		if b[k] != v {
			t.Errorf("after UpdateMediaInfo %s = %v, want %v", k, b[k], v)
		}
	}
	prOK(t, s, "UpdateMediaInfo", map[string]string{"InputURL": prURL, "MediaTags": "x"})
	if b := basicInfo(t, s, id); b["MediaTags"] != "x" {
		t.Errorf("MediaTags without AppendTags = %v, want x (replaced)", b["MediaTags"])
	}
	// The old ReferenceId is free again, the new one taken.
	prOK(t, s, "UpdateMediaInfo", map[string]string{"MediaId": other, "ReferenceId": "ref-one"})

	tests := []struct {
		name      string
		params    map[string]string
		status    int
		code      string
		fragments []string
	}{
		{"neither MediaId nor InputURL", map[string]string{"Title": "x"}, 400, "MissingParameter", []string{`"MediaId"`, "InputURL"}},
		{"unknown MediaId", map[string]string{"MediaId": "nope", "Title": "x"}, 404, "ResourceNotFound", []string{`"nope"`}},
		{"unknown InputURL", map[string]string{"InputURL": "https://b/none.mp4", "Title": "x"}, 404, "ResourceNotFound", []string{"none.mp4"}},
		{"seeded medium", map[string]string{"MediaId": prMedia12, "Title": "x"}, 404, "ResourceNotFound", []string{prMedia12}},
		{"Title too long", map[string]string{"MediaId": id, "Title": strings.Repeat("t", 129)}, 400, "InvalidParameter", []string{`"Title"`, "128"}},
		{"Category too long", map[string]string{"MediaId": id, "Category": strings.Repeat("c", 65)}, 400, "InvalidParameter", []string{`"Category"`, "64"}},
		{"17 tags appended", map[string]string{"MediaId": id, "AppendTags": "true", "MediaTags": strings.Repeat("t,", 15) + "t"}, 400, "InvalidParameter", []string{`"MediaTags"`, "17"}},
		{"ReferenceId taken", map[string]string{"MediaId": id, "Title": "changed", "ReferenceId": "ref-one"}, 400, "InvalidParameter", []string{`"ReferenceId"`, other}},
		{"ReferenceId pattern", map[string]string{"MediaId": id, "ReferenceId": "a b"}, 400, "InvalidParameter", []string{"ReferenceId"}},
		{"BusinessType enum", map[string]string{"MediaId": id, "BusinessType": "video"}, 400, "InvalidParameter", []string{"BusinessType"}},
		{"CateId not int64", map[string]string{"MediaId": id, "CateId": "x"}, 400, "InvalidParameter", []string{"CateId"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := rpc(t, s, "UpdateMediaInfo", tt.params)
			requireError(t, status, body, tt.status, tt.code, tt.fragments...)
		})
	}
	if b := basicInfo(t, s, id); b["Title"] != "renamed" || b["MediaTags"] != "x" || b["ReferenceId"] != "ref-new" {
		t.Errorf("a failed UpdateMediaInfo changed the medium: %v", b)
	}
	status, body := prRPCAs(t, s, otherTenant.AccessKeyId, otherTenant.AccessKeySecret, "UpdateMediaInfo", map[string]string{"MediaId": id, "Title": "x"})
	requireError(t, status, body, 404, "ResourceNotFound")
}

// TestDeleteMediaInfos: the tenant's media go, seeds are forbidden, the
// rest ignored; by MediaIds or InputURLs.
func TestDeleteMediaInfos(t *testing.T) {
	s := newProductionServer(t, WithCredentials(otherTenant))
	a := libRegister(t, s, prURL, map[string]string{"ReferenceId": "ref-del"})
	b := libRegister(t, s, "https://b.oss-cn-shanghai.aliyuncs.com/b.mp4", nil)
	c := libRegister(t, s, "https://b.oss-cn-shanghai.aliyuncs.com/c.mp4", nil)
	got := prOK(t, s, "DeleteMediaInfos", map[string]string{"MediaIds": a + ", nope," + prMedia12 + "," + a})
	prEqual(t, "DeleteMediaInfos", got, `{"ForbiddenList":["`+prMedia12+`"],"IgnoredList":["nope","`+a+`"]}`)
	got = prOK(t, s, "DeleteMediaInfos", map[string]string{"InputURLs": "https://b.oss-cn-shanghai.aliyuncs.com/b.mp4,https://b/none.mp4", "MediaIds": " "})
	prEqual(t, "DeleteMediaInfos by InputURLs", got, `{"ForbiddenList":[],"IgnoredList":["https://b/none.mp4"]}`)
	for _, id := range []string{a, b} {
		status, body := rpc(t, s, "GetMediaInfo", map[string]string{"MediaId": id})
		requireError(t, status, body, 404, "ResourceNotFound", id)
	}
	basicInfo(t, s, c)
	basicInfo(t, s, prMedia12)
	// The URL and the ReferenceId can be registered again.
	libRegister(t, s, prURL, map[string]string{"ReferenceId": "ref-del"})
	// Another tenant cannot delete the default tenant's media.
	_, body := prRPCAs(t, s, otherTenant.AccessKeyId, otherTenant.AccessKeySecret, "DeleteMediaInfos", map[string]string{"MediaIds": c})
	if !equalJSON(body["IgnoredList"], []string{c}) {
		t.Errorf("another tenant's DeleteMediaInfos = %v, want %s ignored", body, c)
	}
	basicInfo(t, s, c)

	many := strings.TrimSuffix(strings.Repeat("x,", 21), ",")
	tests := []struct {
		name      string
		params    map[string]string
		status    int
		code      string
		fragments []string
	}{
		{"neither", nil, 400, "MissingParameter", []string{`"MediaIds"`, "InputURLs"}},
		{"only commas", map[string]string{"MediaIds": " , ", "InputURLs": ","}, 400, "MissingParameter", []string{`"MediaIds"`}},
		{"21 ids", map[string]string{"MediaIds": many}, 400, "InvalidParameter", []string{`"MediaIds"`, "20"}},
		{"21 InputURLs", map[string]string{"InputURLs": many}, 400, "InvalidParameter", []string{`"InputURLs"`, "At most 20, got 21."}},
		{"DeletePhysicalFiles not boolean", map[string]string{"MediaIds": c, "DeletePhysicalFiles": "yes"}, 400, "InvalidParameter", []string{"DeletePhysicalFiles"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := rpc(t, s, "DeleteMediaInfos", tt.params)
			requireError(t, status, body, tt.status, tt.code, tt.fragments...)
		})
	}
	basicInfo(t, s, c)
}

// TestDeleteMediaUsedByProject: deleting a medium a project's Timeline and
// materials name succeeds; the project keeps both, its materials describe
// the medium as an unknown ID, and a job submitted afterwards fails as for
// any unknown medium (docs/fidelity.md "Media library").
func TestDeleteMediaUsedByProject(t *testing.T) {
	s := newProductionServer(t)
	id := libRegister(t, s, prURL, nil)
	timeline := `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"` + id + `"}]}]}`
	p := prOK(t, s, "CreateEditingProject", map[string]string{"Title": "uses it", "Timeline": timeline,
		"MaterialMaps": `{"video":"` + id + `"}`})["Project"].(map[string]any)
	projectID := p["ProjectId"].(string)
	if p["Duration"] != 216.2067 {
		t.Fatalf("project Duration = %v, want the registered medium's 216.2067 (float32)", p["Duration"])
	}
	got := prOK(t, s, "DeleteMediaInfos", map[string]string{"MediaIds": id})
	prEqual(t, "DeleteMediaInfos of a medium in use", got, `{"ForbiddenList":[],"IgnoredList":[]}`)

	if pr := prOK(t, s, "GetEditingProject", map[string]string{"ProjectId": projectID})["Project"].(map[string]any); pr["Timeline"] != timeline {
		t.Errorf("project Timeline after the delete = %v, want it kept", pr["Timeline"])
	}
	mats := prOK(t, s, "GetEditingProjectMaterials", map[string]string{"ProjectId": projectID})
	prEqual(t, "materials after the delete", map[string]any{"MediaInfos": mats["MediaInfos"]},
		`{"MediaInfos":[{"MediaId":"`+id+`","MediaBasicInfo":{"MediaId":"`+id+`","MediaType":"video","Status":"Normal"}}]}`)

	jobID, _, _ := prSubmit(t, s, map[string]string{"ProjectId": projectID})
	s.Advance(time.Hour)
	job := prJob(t, s, jobID)
	if job["Status"] != "Failed" || job["Code"] != "QueryMaterialFailed" || !strings.Contains(job["Message"].(string), id) {
		t.Errorf("job after the delete = %v %v %v, want Failed QueryMaterialFailed naming %s", job["Status"], job["Code"], job["Message"], id)
	}
}

// TestBatchGetMediaInfos: the media asked, in order, once each; unknown
// IDs ignored; FileInfo adds files with streams.
func TestBatchGetMediaInfos(t *testing.T) {
	s := newProductionServer(t)
	id := libRegister(t, s, prURL, map[string]string{"Title": "intro", "CateId": "7", "ReferenceId": "ref-batch"})
	body := prOK(t, s, "BatchGetMediaInfos", map[string]string{"MediaIds": "nope," + id + "," + prMedia12 + "," + id})
	if got := mediaIDs(body["MediaInfos"]); !equalJSON(got, []string{id, prMedia12}) || !equalJSON(body["IgnoredList"], []string{"nope"}) {
		t.Errorf("BatchGetMediaInfos = %v ignored %v, want [%s %s] ignored [nope]", got, body["IgnoredList"], id, prMedia12)
	}
	first := body["MediaInfos"].([]any)[0].(map[string]any)
	created := wireTime(DefaultStartTime)
	prEqual(t, "basic info", first, `{"MediaId":"`+id+`","MediaBasicInfo":{"MediaId":"`+id+`","InputURL":"`+prURL+`","MediaType":"video",`+
		`"Source":"oss","Title":"intro","Category":"video","Status":"Normal","TranscodeStatus":"Init","CreateTime":"`+created+
		`","ModifiedTime":"`+created+`","Biz":"ICE"}}`)

	body = prOK(t, s, "BatchGetMediaInfos", map[string]string{"MediaIds": id, "AdditionType": "FileInfo,DynamicMetaData"})
	files := body["MediaInfos"].([]any)[0].(map[string]any)["FileInfoList"].([]any)
	f := files[0].(map[string]any)
	fb := f["FileBasicInfo"].(map[string]any)
	if len(files) != 1 || fb["Duration"] != "216.206667" || fb["FileSize"] != "30611502" || fb["Width"] != "960" ||
		fb["CreateTime"] != nil || f["VideoStreamInfoList"] == nil || f["AudioStreamInfoList"] == nil {
		t.Errorf("FileInfoList = %v, want one file with the seed's facts, streams, no times", files)
	}
	tests := []struct {
		name      string
		params    map[string]string
		code      string
		fragments []string
	}{
		{"no MediaIds", nil, "MissingParameter", []string{`"MediaIds"`}},
		{"only commas", map[string]string{"MediaIds": ","}, "MissingParameter", []string{`"MediaIds"`}},
		{"unknown AdditionType", map[string]string{"MediaIds": id, "AdditionType": "FileInfo,Snapshots"}, "InvalidParameter", []string{`"AdditionType"`, "Snapshots"}},
		{"AuthTimeout too big", map[string]string{"MediaIds": id, "AuthTimeout": "86401"}, "InvalidParameter", []string{"AuthTimeout"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := rpc(t, s, "BatchGetMediaInfos", tt.params)
			requireError(t, status, body, 400, tt.code, tt.fragments...)
		})
	}
}

// TestListMediaBasicInfos: filters, order, TotalCount and NextToken pages.
func TestListMediaBasicInfos(t *testing.T) {
	s := newProductionServer(t, WithCredentials(otherTenant))
	var all []string // oldest first
	for i, typ := range []string{"video", "audio", "video", "image", "video"} {
		all = append(all, libRegister(t, s, "https://b.oss-cn-shanghai.aliyuncs.com/m"+strconv.Itoa(i)+".mp4",
			map[string]string{"MediaType": typ, "BusinessType": map[bool]string{true: "opening", false: "general"}[i == 2]}))
		s.Advance(time.Second)
	}
	rev := func(v []string) []string {
		out := make([]string, len(v))
		for i, x := range v {
			out[len(v)-1-i] = x
		}
		return out
	}
	tests := []struct {
		name   string
		params map[string]string
		want   []string
		total  float64
	}{
		{"default: newest first", nil, rev(all), 5},
		{"asc", map[string]string{"SortBy": "asc"}, all, 5},
		{"video", map[string]string{"MediaType": "video"}, []string{all[4], all[2], all[0]}, 3},
		{"business type", map[string]string{"BusinessType": "opening"}, []string{all[2]}, 1},
		{"media id", map[string]string{"MediaId": all[1]}, []string{all[1]}, 1},
		{"status", map[string]string{"Status": "Preparing"}, []string{}, 0},
		{"source vod", map[string]string{"Source": "vod"}, []string{}, 0},
		{"start exclusive, end inclusive", map[string]string{"StartTime": wireTime(DefaultStartTime), "EndTime": wireTime(DefaultStartTime.Add(3 * time.Second)), "SortBy": "asc"},
			[]string{all[1], all[2], all[3]}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := prOK(t, s, "ListMediaBasicInfos", tt.params)
			if got := mediaIDs(body["MediaInfos"]); !equalJSON(got, tt.want) || body["TotalCount"] != tt.total || body["NextToken"] != nil {
				t.Errorf("ListMediaBasicInfos(%v) = %v total %v token %v, want %v total %v", tt.params, got, body["TotalCount"], body["NextToken"], tt.want, tt.total)
			}
		})
	}
	first := prOK(t, s, "ListMediaBasicInfos", map[string]string{"MaxResults": "2", "IncludeFileBasicInfo": "true"})
	if first["MaxResults"] != 2.0 || first["TotalCount"] != 5.0 {
		t.Errorf("page 1 = %v", first)
	}
	var got []string
	page := first
	for range 5 {
		got = append(got, mediaIDs(page["MediaInfos"])...)
		tok, _ := page["NextToken"].(string)
		if tok == "" {
			break
		}
		page = prOK(t, s, "ListMediaBasicInfos", map[string]string{"MaxResults": "2", "NextToken": tok})
	}
	if !equalJSON(got, rev(all)) {
		t.Errorf("pages = %v, want %v", got, rev(all))
	}
	m := first["MediaInfos"].([]any)[0].(map[string]any)
	if fl, _ := m["FileInfoList"].([]any); len(fl) != 1 || fl[0].(map[string]any)["VideoStreamInfoList"] != nil {
		t.Errorf("IncludeFileBasicInfo FileInfoList = %v, want one FileBasicInfo without streams", m["FileInfoList"])
	}
	if other := prOK(t, s, "ListMediaBasicInfos", map[string]string{"SortBy": "asc"}); other["TotalCount"] != 5.0 {
		t.Fatal(other)
	}
	_, body := prRPCAs(t, s, otherTenant.AccessKeyId, otherTenant.AccessKeySecret, "ListMediaBasicInfos", nil)
	if body["TotalCount"] != 0.0 {
		t.Errorf("another tenant lists %v, want none", body)
	}

	tok := first["NextToken"].(string)
	errs := []struct {
		name      string
		params    map[string]string
		fragments []string
	}{
		{"MaxResults 101", map[string]string{"MaxResults": "101"}, []string{"MaxResults"}},
		{"bad StartTime", map[string]string{"StartTime": "2024-01-01"}, []string{`"StartTime"`}},
		{"bad Status", map[string]string{"Status": "Deleted"}, []string{"Status"}},
		{"bad SortBy", map[string]string{"SortBy": "Desc"}, []string{"SortBy"}},
		{"edited token", map[string]string{"NextToken": "A" + tok[1:]}, []string{`"NextToken"`, "malformed"}},
		{"token for other filters", map[string]string{"NextToken": tok, "MediaType": "video"}, []string{`"NextToken"`, "other filters"}},
	}
	for _, tt := range errs {
		t.Run(tt.name, func(t *testing.T) {
			status, body := rpc(t, s, "ListMediaBasicInfos", tt.params)
			requireError(t, status, body, 400, "InvalidParameter", tt.fragments...)
		})
	}
	s.Advance(2 * time.Hour)
	status, body := rpc(t, s, "ListMediaBasicInfos", map[string]string{"MaxResults": "2", "NextToken": tok})
	requireError(t, status, body, 400, "InvalidParameter", "expired")
}

package fake

import (
	"strings"
	"testing"
)

func TestRegisterAndGetMediaInfo(t *testing.T) {
	s := newProductionServer(t)
	reg := prOK(t, s, "RegisterMediaInfo", map[string]string{
		"InputURL": prURL, "Title": "intro", "Description": "d", "CoverURL": "https://x/c.png",
		"MediaTags": "a,b", "CateId": "3048", "ReferenceId": "ref_001", "UserData": `{"k":"v"}`,
		"BusinessType": "general", "RegisterConfig": `{"NeedSprite":"false"}`, "WorkflowId": "w",
	})
	id := prString(t, reg, "MediaId")
	if !reIDOK(id) {
		t.Fatalf("MediaId = %q, want 32 lowercase hex", id)
	}
	want := `{"MediaInfo":{"MediaId":"` + id + `","MediaBasicInfo":{"MediaId":"` + id + `","InputURL":"` + prURL + `",
		"MediaType":"video","BusinessType":"general","Source":"oss","Title":"intro","Description":"d","MediaTags":"a,b",
		"CoverURL":"https://x/c.png","UserData":"{\"k\":\"v\"}","Category":"video","Status":"Normal","CreateTime":"2024-01-01T00:00:00Z",
		"ModifiedTime":"2024-01-01T00:00:00Z","Biz":"ICE","CateId":3048,"ReferenceId":"ref_001"},
		"FileInfoList":[{"FileBasicInfo":{"FileName":"intro.mp4","FileStatus":"Normal","FileType":"source_file",
		"FileSize":"30611502","FileUrl":"` + prURL + `","Region":"cn-shanghai","FormatName":"mov,mp4,m4a,3gp,3g2,mj2","Duration":"216.206667","Bitrate":"1132.68",
		"Width":"960","Height":"540","CreateTime":"2024-01-01T00:00:00Z","ModifiedTime":"2024-01-01T00:00:00Z"}}]}}`
	tests := []struct {
		name   string
		params map[string]string
	}{
		{"by MediaId", map[string]string{"MediaId": id}},
		{"by InputURL", map[string]string{"InputURL": prURL}},
		{"MediaId wins over InputURL", map[string]string{"MediaId": id, "InputURL": "https://other/x.mp4"}},
		{"OutputType cdn", map[string]string{"MediaId": id, "OutputType": "cdn"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prEqual(t, "GetMediaInfo", withoutStreams(prOK(t, s, "GetMediaInfo", tt.params)), want)
		})
	}
}

func reIDOK(id string) bool {
	return len(id) == 32 && strings.Trim(id, "0123456789abcdef") == ""
}

func TestGetMediaInfoSeedsAndUnknownFiles(t *testing.T) {
	s := newProductionServer(t)
	reg := prOK(t, s, "RegisterMediaInfo", map[string]string{"InputURL": "oss://bucket/dir/clip.mov"})
	id := prString(t, reg, "MediaId")
	tests := []struct {
		name   string
		params map[string]string
		want   string
	}{
		{
			name:   "seeded MediaId is visible, without times",
			params: map[string]string{"MediaId": prMedia12},
			want: `{"MediaInfo":{"MediaId":"` + prMedia12 + `","MediaBasicInfo":{"MediaId":"` + prMedia12 + `","MediaType":"video",
				"Title":"twelve","Category":"video","Status":"Normal","Biz":"ICE"},
				"FileInfoList":[{"FileBasicInfo":{"FileStatus":"Normal","FileType":"source_file",
				"FormatName":"mov,mp4,m4a,3gp,3g2,mj2","Duration":"12.500000"}}]}}`,
		},
		{
			name:   "unseeded URL: file facts unknown, title defaults to the time",
			params: map[string]string{"MediaId": id},
			want: `{"MediaInfo":{"MediaId":"` + id + `","MediaBasicInfo":{"MediaId":"` + id + `","InputURL":"oss://bucket/dir/clip.mov",
				"MediaType":"video","Source":"oss","Title":"2024-01-01T00:00:00Z","Category":"video","Status":"Normal","CreateTime":"2024-01-01T00:00:00Z",
				"ModifiedTime":"2024-01-01T00:00:00Z","Biz":"ICE"},
				"FileInfoList":[{"FileBasicInfo":{"FileName":"clip.mov","FileStatus":"Normal","FileType":"source_file",
				"FileUrl":"oss://bucket/dir/clip.mov","Region":"cn-shanghai","FormatName":"mov,mp4,m4a,3gp,3g2,mj2","CreateTime":"2024-01-01T00:00:00Z","ModifiedTime":"2024-01-01T00:00:00Z"}}]}}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prEqual(t, "GetMediaInfo", withoutStreams(prOK(t, s, "GetMediaInfo", tt.params)), tt.want)
		})
	}
}

func TestGetMediaInfoErrors(t *testing.T) {
	s := newProductionServer(t)
	tests := []struct {
		name       string
		params     map[string]string
		wantStatus int
		wantCode   string
		fragments  []string
	}{
		{"neither MediaId nor InputURL", nil, 400, "MissingParameter", []string{`"MediaId"`, "One of MediaId and InputURL"}},
		{"unknown MediaId", map[string]string{"MediaId": "nope"}, 404, "ResourceNotFound", []string{`MediaId "nope"`}},
		{"unknown InputURL", map[string]string{"InputURL": "https://x/y.mp4"}, 404, "ResourceNotFound", []string{`InputURL "https://x/y.mp4"`}},
		{"seeded URL without MediaId is no asset", map[string]string{"InputURL": prURL}, 404, "ResourceNotFound", nil},
		{"bad OutputType", map[string]string{"MediaId": prMedia12, "OutputType": "ftp"}, 400, "InvalidParameter", []string{`"OutputType"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := rpc(t, s, "GetMediaInfo", tt.params)
			requireError(t, status, body, tt.wantStatus, tt.wantCode, tt.fragments...)
		})
	}
}

func TestRegisterMediaInfoErrors(t *testing.T) {
	long := func(n int) string { return strings.Repeat("x", n) }
	tests := []struct {
		name      string
		params    map[string]string
		wantCode  string
		fragments []string
	}{
		{"no InputURL", map[string]string{"Title": "t"}, "MissingParameter", []string{`"InputURL"`}},
		{"relative InputURL", map[string]string{"InputURL": "a.mp4"}, "InvalidParameter", []string{`"InputURL"`, "absolute URL"}},
		{"unknown MediaType", map[string]string{"InputURL": prURL, "MediaType": "movie"}, "InvalidParameter", []string{`"MediaType"`}},
		{"Title of 129 bytes", map[string]string{"InputURL": prURL, "Title": long(129)}, "InvalidParameter", []string{`"Title"`, "128 bytes"}},
		{"Title of 43 three-byte runes", map[string]string{"InputURL": prURL, "Title": strings.Repeat("中", 43)}, "InvalidParameter", []string{`"Title"`}},
		{"Description of 1025 bytes", map[string]string{"InputURL": prURL, "Description": long(1025)}, "InvalidParameter", []string{`"Description"`}},
		{"CoverURL of 129 bytes", map[string]string{"InputURL": prURL, "CoverURL": long(129)}, "InvalidParameter", []string{`"CoverURL"`}},
		{"17 tags", map[string]string{"InputURL": prURL, "MediaTags": strings.Repeat("t,", 16) + "t"}, "InvalidParameter", []string{`"MediaTags"`, "16 tags"}},
		{"tag of 33 bytes", map[string]string{"InputURL": prURL, "MediaTags": "a," + long(33)}, "InvalidParameter", []string{`"MediaTags"`, "32 bytes"}},
		{"short ReferenceId", map[string]string{"InputURL": prURL, "ReferenceId": "abc"}, "InvalidParameter", []string{`"ReferenceId"`, "6-64 characters"}},
		{"ReferenceId with a dot", map[string]string{"InputURL": prURL, "ReferenceId": "abc.def"}, "InvalidParameter", []string{`"ReferenceId"`}},
		{"UserData not JSON", map[string]string{"InputURL": prURL, "UserData": "plain"}, "InvalidParameter", []string{`"UserData"`}},
		{"UserData of 1025 bytes", map[string]string{"InputURL": prURL, "UserData": `{"a":"` + long(1017) + `"}`}, "InvalidParameter", []string{`"UserData"`, "1024 bytes"}},
		{"CateId not a number", map[string]string{"InputURL": prURL, "CateId": "x"}, "InvalidParameter", []string{`"CateId"`}},
		{"Overwrite not a boolean", map[string]string{"InputURL": prURL, "Overwrite": "maybe"}, "InvalidParameter", []string{`"Overwrite"`}},
		{"ClientToken of 65 characters", map[string]string{"InputURL": prURL, "ClientToken": long(65)}, "InvalidParameter", []string{`"ClientToken"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newProductionServer(t)
			status, body := rpc(t, s, "RegisterMediaInfo", tt.params)
			requireError(t, status, body, 400, tt.wantCode, tt.fragments...)
		})
	}
}

func TestRegisterMediaInfoDuplicatesAndOverwrite(t *testing.T) {
	s := newProductionServer(t)
	id1 := prString(t, prOK(t, s, "RegisterMediaInfo", map[string]string{"InputURL": prURL, "ReferenceId": "ref_001"}), "MediaId")

	status, body := rpc(t, s, "RegisterMediaInfo", map[string]string{"InputURL": prURL})
	requireError(t, status, body, 400, "InvalidParameter", `"InputURL"`, id1, "Overwrite=true")

	status, body = rpc(t, s, "RegisterMediaInfo", map[string]string{"InputURL": "https://b.oss-cn-beijing.aliyuncs.com/x.mp4", "ReferenceId": "ref_001"})
	requireError(t, status, body, 400, "InvalidParameter", `"ReferenceId"`, id1)

	id2 := prString(t, prOK(t, s, "RegisterMediaInfo", map[string]string{"InputURL": prURL, "Overwrite": "true", "ReferenceId": "ref_001", "Title": "new"}), "MediaId")
	if id2 == id1 {
		t.Fatalf("Overwrite=true returned the old MediaId %s, want a new one", id1)
	}
	status, body = rpc(t, s, "GetMediaInfo", map[string]string{"MediaId": id1})
	requireError(t, status, body, 404, "ResourceNotFound")
	got := prOK(t, s, "GetMediaInfo", map[string]string{"InputURL": prURL})
	if gotID := got["MediaInfo"].(map[string]any)["MediaId"]; gotID != id2 {
		t.Errorf("GetMediaInfo(InputURL) MediaId = %v, want the new %s", gotID, id2)
	}
	// The overwritten asset's ReferenceId is free again.
	prOK(t, s, "RegisterMediaInfo", map[string]string{"InputURL": prURL, "Overwrite": "true", "ReferenceId": "ref_002"})
	prOK(t, s, "RegisterMediaInfo", map[string]string{"InputURL": "https://b.oss-cn-beijing.aliyuncs.com/y.mp4", "ReferenceId": "ref_001"})
}

func TestRegisterMediaInfoMediaType(t *testing.T) {
	s := newProductionServer(t, WithMedia(Media{MediaURL: "https://b/seeded-audio.mp4", Type: "audio", Duration: 3}))
	tests := []struct {
		name   string
		params map[string]string
		want   any // nil: omitted
	}{
		{"mp4", map[string]string{"InputURL": "https://b/a.MP4"}, "video"},
		{"mp3", map[string]string{"InputURL": "https://b/a.mp3?x=1"}, "audio"},
		{"png", map[string]string{"InputURL": "oss://b/i.png"}, "image"},
		{"srt", map[string]string{"InputURL": "oss://b/s.srt"}, "text"},
		{"no extension", map[string]string{"InputURL": "vod://0123456789abcdef"}, nil},
		{"seed's type", map[string]string{"InputURL": "https://b/seeded-audio.mp4"}, "audio"},
		{"explicit wins", map[string]string{"InputURL": "https://b/v.mp4", "MediaType": "image"}, "image"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := prString(t, prOK(t, s, "RegisterMediaInfo", tt.params), "MediaId")
			info := prOK(t, s, "GetMediaInfo", map[string]string{"MediaId": id})["MediaInfo"].(map[string]any)
			if got := info["MediaBasicInfo"].(map[string]any)["MediaType"]; got != tt.want {
				t.Errorf("MediaType = %v, want %v", got, tt.want)
			}
		})
	}
	info := prOK(t, s, "GetMediaInfo", map[string]string{"InputURL": "vod://0123456789abcdef"})["MediaInfo"].(map[string]any)
	if got := info["MediaBasicInfo"].(map[string]any)["Source"]; got != "vod" {
		t.Errorf("vod:// Source = %v, want vod", got)
	}
}

func TestRegisterMediaInfoClientToken(t *testing.T) {
	s := newProductionServer(t)
	p := map[string]string{"InputURL": prURL, "ClientToken": "tok-1", "Title": "a"}
	id := prString(t, prOK(t, s, "RegisterMediaInfo", p), "MediaId")
	if got := prString(t, prOK(t, s, "RegisterMediaInfo", p), "MediaId"); got != id {
		t.Errorf("repeated call with the same ClientToken: MediaId = %s, want %s", got, id)
	}
	status, body := rpc(t, s, "RegisterMediaInfo", map[string]string{"InputURL": prURL, "ClientToken": "tok-1", "Title": "b"})
	requireError(t, status, body, 400, "IdempotentParameterMismatch")
	// Another token is another registration: a duplicate URL.
	status, body = rpc(t, s, "RegisterMediaInfo", map[string]string{"InputURL": prURL, "ClientToken": "tok-2", "Title": "a"})
	requireError(t, status, body, 400, "InvalidParameter", `"InputURL"`)
}

func TestMediaIsPerTenant(t *testing.T) {
	s := newProductionServer(t, WithCredentials(Credential{AccessKeyId: "tenantB", AccessKeySecret: "secretB"}))
	id := prString(t, prOK(t, s, "RegisterMediaInfo", map[string]string{"InputURL": prURL}), "MediaId")
	status, body := prRPCAs(t, s, "tenantB", "secretB", "GetMediaInfo", map[string]string{"MediaId": id})
	requireError(t, status, body, 404, "ResourceNotFound")
	// Tenant B registers the same URL without a conflict.
	status, body = prRPCAs(t, s, "tenantB", "secretB", "RegisterMediaInfo", map[string]string{"InputURL": prURL})
	if status != 200 {
		t.Fatalf("tenant B RegisterMediaInfo(same URL) = %d %v, want 200", status, body)
	}
	// Seeds are shared.
	if status, _ := prRPCAs(t, s, "tenantB", "secretB", "GetMediaInfo", map[string]string{"MediaId": prMedia12}); status != 200 {
		t.Errorf("tenant B GetMediaInfo(seed) = %d, want 200", status)
	}
}

func TestTimelinesResolveRegisteredMedia(t *testing.T) {
	s := newProductionServer(t)
	seeded := prString(t, prOK(t, s, "RegisterMediaInfo", map[string]string{"InputURL": prURL}), "MediaId")
	unknown := prString(t, prOK(t, s, "RegisterMediaInfo", map[string]string{"InputURL": "https://b/unknown.mp4"}), "MediaId")
	tests := []struct {
		name     string
		timeline string
		want     float64
	}{
		{"registered MediaId of a seeded URL", `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"` + seeded + `","Out":10},{"MediaId":"` + seeded + `","In":200}]}]}`, 26.2067},
		{"seeded URL directly", `{"VideoTracks":[{"VideoTrackClips":[{"MediaURL":"` + prURL + `"}]}]}`, 216.2067},
		{"registered MediaId, file unknown", `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"` + unknown + `"}]}]}`, 0},
		{"registered MediaId, file unknown, Out fixes it", `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"` + unknown + `","Out":4}]}]}`, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := prOK(t, s, "CreateEditingProject", map[string]string{"Title": "t", "Timeline": tt.timeline})["Project"].(map[string]any)
			if got := p["Duration"]; got != tt.want {
				t.Errorf("Duration = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestMediaInfoHook covers Server.mediaInfo, what other handlers (e.g.
// the material operations) describe media with.
func TestMediaInfoHook(t *testing.T) {
	s := newProductionServer(t)
	id := prString(t, prOK(t, s, "RegisterMediaInfo", map[string]string{"InputURL": prURL, "Title": "intro"}), "MediaId")
	tests := []struct {
		name   string
		tenant string
		id     string
		want   mediaView
		wantOK bool
	}{
		{
			name: "registered", tenant: DefaultAccessKeyId, id: id, wantOK: true,
			want: mediaView{MediaId: id, InputURL: prURL, MediaType: "video", Source: "oss", Title: "intro", Status: "Normal",
				CreateTime: DefaultStartTime, ModifiedTime: DefaultStartTime, HasFile: true,
				File:     Media{MediaURL: prURL, Duration: 216.206667, Type: "video", Size: 30611502, Width: 960, Height: 540},
				FileName: "intro.mp4", FileURL: prURL},
		},
		{
			name: "seed", tenant: "anyone", id: prMedia12, wantOK: true,
			want: mediaView{MediaId: prMedia12, MediaType: "video", Title: "twelve", Status: "Normal",
				HasFile: true, File: Media{MediaId: prMedia12, Duration: 12.5, Type: "video", Title: "twelve"}},
		},
		{name: "other tenant", tenant: "anyone", id: id},
		{name: "unknown", tenant: DefaultAccessKeyId, id: "nope"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := s.mediaInfo(tt.tenant, tt.id)
			if ok != tt.wantOK || got != tt.want {
				t.Errorf("mediaInfo(%s, %s) =\n%+v, %v\nwant\n%+v, %v", tt.tenant, tt.id, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

package fake

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestUploadMediaByURLHostile: odd URLs and storage locations are refused
// with 400 InvalidParameter and store nothing; duplicated URLs each get
// their own job and medium, as the reference says of repeated uploads.
func TestUploadMediaByURLHostile(t *testing.T) {
	tests := []struct {
		name      string
		params    map[string]string
		fragments []string // "" code = accepted
		wantJobs  int
	}{
		{"no scheme", map[string]string{"UploadURLs": "b.example.com/a.mp4"}, []string{`"UploadURLs"`, "b.example.com/a.mp4"}, 0},
		{"ftp", map[string]string{"UploadURLs": "ftp://b.example.com/a.mp4"}, []string{`"UploadURLs"`, "ftp://"}, 0},
		{"javascript", map[string]string{"UploadURLs": "javascript:alert(1)"}, []string{`"UploadURLs"`}, 0},
		{"no host", map[string]string{"UploadURLs": "http:///a.mp4"}, []string{`"UploadURLs"`}, 0},
		{"space in host", map[string]string{"UploadURLs": "http://a b/c.mp4"}, []string{`"UploadURLs"`}, 0},
		{"unclosed IPv6 host", map[string]string{"UploadURLs": "http://[::1/a.mp4"}, []string{`"UploadURLs"`}, 0},
		{"one bad among good", map[string]string{"UploadURLs": "https://b.example.com/a.mp4,ftp://x/y.mp4"}, []string{`"UploadURLs"`, "ftp://x/y.mp4"}, 0},
		{"StorageLocation with a path", map[string]string{"UploadURLs": prURL, "UploadTargetConfig": `{"StorageType":"oss","StorageLocation":"evil.example.com/../x"}`},
			[]string{`"UploadTargetConfig"`, "evil.example.com/../x"}, 0},
		{"StorageLocation with a comma and space", map[string]string{"UploadURLs": prURL, "UploadTargetConfig": `{"StorageLocation":"a b,c"}`},
			[]string{`"UploadTargetConfig"`}, 0},
		{"StorageLocation a URL", map[string]string{"UploadURLs": prURL, "UploadTargetConfig": `{"StorageLocation":"https://outin-1.oss-cn-shanghai.aliyuncs.com"}`},
			[]string{`"UploadTargetConfig"`}, 0},
		{"StorageLocation empty label", map[string]string{"UploadURLs": prURL, "UploadTargetConfig": `{"StorageLocation":"outin..aliyuncs.com"}`},
			[]string{`"UploadTargetConfig"`}, 0},
		{"StorageLocation a domain", map[string]string{"UploadURLs": prURL, "UploadTargetConfig": `{"StorageType":"oss","StorageLocation":"outin-1.oss-cn-shanghai.aliyuncs.com"}`}, nil, 1},
		{"duplicated URL", map[string]string{"UploadURLs": prURL + "," + prURL}, nil, 2},
		{"empty items", map[string]string{"UploadURLs": ", " + prURL + ",,"}, nil, 1},
		{"20 URLs", map[string]string{"UploadURLs": strings.TrimSuffix(strings.Repeat(prURL+",", 20), ",")}, nil, 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newProductionServer(t)
			status, body := rpc(t, s, "UploadMediaByURL", tt.params)
			if tt.fragments != nil {
				requireError(t, status, body, http.StatusBadRequest, "InvalidParameter", tt.fragments...)
			} else if status != http.StatusOK {
				t.Fatalf("got %d %v, want 200", status, body)
			} else if jobs := body["UploadJobs"].([]any); len(jobs) != tt.wantJobs {
				t.Errorf("UploadJobs has %d jobs, want %d", len(jobs), tt.wantJobs)
			}
			if got := prOK(t, s, "ListMediaBasicInfos", map[string]string{"MaxResults": "100"})["TotalCount"]; got != float64(tt.wantJobs) {
				t.Errorf("TotalCount = %v, want %d", got, tt.wantJobs)
			}
		})
	}
}

// TestUploadMediaByURLStorageInputURL: a valid StorageLocation is the host
// of the uploaded medium's InputURL, which DeleteMediaInfos can then name.
func TestUploadMediaByURLStorageInputURL(t *testing.T) {
	s := newProductionServer(t)
	job := prOK(t, s, "UploadMediaByURL", map[string]string{"UploadURLs": prURL,
		"UploadTargetConfig": `{"StorageLocation":"outin-1.oss-cn-shanghai.aliyuncs.com"}`})["UploadJobs"].([]any)[0].(map[string]any)
	in := basicInfo(t, s, job["MediaId"].(string))["InputURL"].(string)
	if !strings.HasPrefix(in, "https://outin-1.oss-cn-shanghai.aliyuncs.com/sv/") {
		t.Errorf("InputURL = %q, want it on the StorageLocation", in)
	}
	if got := prOK(t, s, "DeleteMediaInfos", map[string]string{"InputURLs": in}); lcJSON(got["IgnoredList"]) != "[]" {
		t.Errorf("DeleteMediaInfos by InputURL = %v, want it deleted", got)
	}
}

// TestResetDuringUploads: Reset while upload jobs are pending or running
// drops them with the tenant's media; the clock moving on afterwards
// changes nothing and later uploads start afresh.
func TestResetDuringUploads(t *testing.T) {
	s := newProductionServer(t)
	first := prOK(t, s, "UploadMediaByURL", map[string]string{"UploadURLs": prURL + ",https://b.example.com/x.bin"})["UploadJobs"].([]any)
	s.Advance(3 * time.Second) // PROCESSING
	s.Reset()
	s.Advance(time.Minute)
	ids := []string{}
	for _, j := range first {
		ids = append(ids, j.(map[string]any)["JobId"].(string))
	}
	got := prOK(t, s, "GetUrlUploadInfos", map[string]string{"JobIds": strings.Join(ids, ",")})
	if lcJSON(got["URLUploadInfoList"]) != "[]" || len(got["NonExists"].([]any)) != 2 {
		t.Errorf("GetUrlUploadInfos after Reset = %v, want both jobs gone", got)
	}
	if list := prOK(t, s, "ListMediaBasicInfos", nil); list["TotalCount"] != 0.0 {
		t.Errorf("ListMediaBasicInfos after Reset: TotalCount = %v, want 0", list["TotalCount"])
	}
	again := prOK(t, s, "UploadMediaByURL", map[string]string{"UploadURLs": prURL})["UploadJobs"].([]any)[0].(map[string]any)
	s.Advance(11 * time.Second)
	info := prOK(t, s, "GetUrlUploadInfos", map[string]string{"UploadURLs": prURL})["URLUploadInfoList"].([]any)
	if len(info) != 1 || info[0].(map[string]any)["JobId"] != again["JobId"] || info[0].(map[string]any)["Status"] != "SUCCESS" {
		t.Errorf("GetUrlUploadInfos by URL after Reset = %v, want only the new job, SUCCESS", info)
	}
}

// TestUploadMediaByURLOddFileNames: the uploaded medium's InputURL is a URL
// whose file name is one escaped path segment, whatever the source's name
// or FileExtension hold (commas, spaces, slashes); DeleteMediaInfos can
// name it, and once uploaded its FileName is the name unescaped.
func TestUploadMediaByURLOddFileNames(t *testing.T) {
	tests := []struct {
		name, src, meta string
		wantFile        string
	}{
		{"comma and space", "https://a.example.com/b%2Cc%20d.mp4", "", "b,c d.mp4"},
		{"FileExtension with slashes (the job fails)", "https://a.example.com/clip", `[{"SourceURL":"https://a.example.com/clip","FileExtension":"../../x"}]`, ""},
		{"FileExtension with a comma (the job fails)", "https://a.example.com/clip", `[{"SourceURL":"https://a.example.com/clip","FileExtension":"mp4,evil"}]`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newProductionServer(t)
			params := map[string]string{"UploadURLs": tt.src}
			if tt.meta != "" {
				params["MediaMetaData"] = tt.meta
			}
			id := prOK(t, s, "UploadMediaByURL", params)["UploadJobs"].([]any)[0].(map[string]any)["MediaId"].(string)
			in := basicInfo(t, s, id)["InputURL"].(string)
			u, err := url.Parse(in)
			if err != nil || strings.ContainsAny(in, ", ") || strings.Count(u.EscapedPath(), "/") != 3 {
				t.Fatalf("InputURL = %q: want a URL with the path /sv/<id>/<one segment>, no comma or space", in)
			}
			if tt.wantFile != "" {
				s.Advance(uploadTakes)
				fi := prOK(t, s, "GetMediaInfo", map[string]string{"MediaId": id})["MediaInfo"].(map[string]any)["FileInfoList"].([]any)
				if len(fi) != 1 || fi[0].(map[string]any)["FileBasicInfo"].(map[string]any)["FileName"] != tt.wantFile {
					t.Errorf("FileInfoList = %v, want FileName %q", fi, tt.wantFile)
				}
			}
			del := prOK(t, s, "DeleteMediaInfos", map[string]string{"InputURLs": in})
			if lcJSON(del["IgnoredList"]) != "[]" {
				t.Errorf("DeleteMediaInfos(InputURLs=%q) = %v, want it deleted", in, del)
			}
		})
	}
}

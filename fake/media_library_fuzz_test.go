package fake

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// mediaFuzzActions are the new stateful Actions with the parameters the
// fuzzer fills (first three values).
var mediaFuzzActions = []struct {
	action string
	names  [3]string
}{
	{"SearchMedia", [3]string{"Match", "PageNo", "SortBy"}},
	{"UpdateMediaInfo", [3]string{"MediaId", "MediaTags", "CateId"}},
	{"DeleteMediaInfos", [3]string{"MediaIds", "InputURLs", "DeletePhysicalFiles"}},
	{"BatchGetMediaInfos", [3]string{"MediaIds", "AdditionType", "AuthTimeout"}},
	{"ListMediaBasicInfos", [3]string{"NextToken", "MaxResults", "StartTime"}},
	{"UploadMediaByURL", [3]string{"UploadURLs", "MediaMetaData", "UploadTargetConfig"}},
	{"GetUrlUploadInfos", [3]string{"JobIds", "UploadURLs", "UserData"}},
	{"AddCategory", [3]string{"CateName", "ParentId", "Type"}},
	{"GetCategories", [3]string{"CateId", "PageNo", "PageSize"}},
	{"UpdateCategory", [3]string{"CateId", "CateName", "Type"}},
	{"DeleteCategory", [3]string{"CateId", "Type", "PageNo"}},
	{"GetTemplateMaterials", [3]string{"TemplateId", "FileList", "Type"}},
}

// FuzzMediaLibraryActions drives the media library, category, upload and
// template-material Actions with arbitrary values: every answer is 200 or
// a 4xx with the full envelope (never 500), and a refused call changes
// nothing a tenant can see.
func FuzzMediaLibraryActions(f *testing.F) {
	f.Add(uint8(0), "(title = 'a' or status in (1,3))", "1", "utcCreate:Asc")
	f.Add(uint8(1), "m", "a,b", "9223372036854775807")
	f.Add(uint8(2), "a,,b", "https://x/y.mp4", "true")
	f.Add(uint8(4), "AAAA", "0", "2024-01-01T00:00:00Z")
	f.Add(uint8(5), "https://a.example.com/b.mp4,ftp://x", `[{"SourceURL":"https://a.example.com/b.mp4","FileExtension":"../x"}]`, `{"StorageLocation":"a b"}`)
	f.Add(uint8(7), "c", "-1", "material")
	f.Add(uint8(9), "1", "n", "")
	f.Add(uint8(11), "t", `["config.json"]`, "")
	s, err := New(WithSeed(1), WithAuthMode(AuthOff), WithStartTime(DefaultStartTime), WithMedia(prSeeds...))
	if err != nil {
		f.Fatal(err)
	}
	call := func(t *testing.T, action string, params url.Values) (int, map[string]any) {
		t.Helper()
		params.Set("Action", action)
		params.Set("Version", "2020-11-09")
		req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(params.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		var body map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
			t.Fatalf("%s %v: body is not a JSON object: %q", action, params, rec.Body.String())
		}
		return rec.Code, body
	}
	// seen is what the tenant can see: its media (with their fields) and
	// its top-level categories of both Types.
	seen := func(t *testing.T) string {
		t.Helper()
		var b strings.Builder
		for _, q := range []struct {
			action string
			params url.Values
		}{
			{"ListMediaBasicInfos", url.Values{"MaxResults": {"100"}}},
			{"GetCategories", url.Values{"PageSize": {"100"}}},
			{"GetCategories", url.Values{"PageSize": {"100"}, "Type": {"material"}}},
		} {
			_, body := call(t, q.action, q.params)
			delete(body, "RequestId")
			j, _ := json.Marshal(body)
			b.Write(j)
		}
		return b.String()
	}
	f.Fuzz(func(t *testing.T, which uint8, v1, v2, v3 string) {
		a := mediaFuzzActions[int(which)%len(mediaFuzzActions)]
		params := url.Values{}
		for i, v := range []string{v1, v2, v3} {
			if v != "" {
				params.Set(a.names[i], v)
			}
		}
		before := seen(t)
		status, body := call(t, a.action, params)
		if status == http.StatusOK {
			return
		}
		if status < 400 || status >= 500 {
			t.Fatalf("%s %v = %d %v, want 200 or 4xx", a.action, params, status, body)
		}
		for _, k := range []string{"RequestId", "HostId", "Code", "Message", "Recommend"} {
			if v, _ := body[k].(string); v == "" {
				t.Fatalf("%s %v: envelope %s = %v", a.action, params, k, body[k])
			}
		}
		if after := seen(t); after != before {
			t.Fatalf("%s %v was refused (%d %v) but changed the tenant's state:\nbefore %s\nafter  %s", a.action, params, status, body["Code"], before, after)
		}
	})
}

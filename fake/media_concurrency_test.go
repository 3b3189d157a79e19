package fake

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
)

// TestMediaLibraryConcurrent races updates, deletes, reads, category
// changes, uploads and Reset on the same media and categories (run with
// -race): every answer is 200 or one of the expected 4xx envelopes, never
// a 500 or a panic, and afterwards every listed medium is found by
// BatchGetMediaInfos.
func TestMediaLibraryConcurrent(t *testing.T) {
	s := newProductionServer(t)
	ids := make([]string, 4)
	for i := range ids {
		ids[i] = libRegister(t, s, "https://b.oss-cn-shanghai.aliyuncs.com/c"+strconv.Itoa(i)+".mp4", nil)
	}
	prOK(t, s, "AddCategory", map[string]string{"CateName": "root"})
	calls := []struct {
		action string
		params func(i int) map[string]string
	}{
		{"UpdateMediaInfo", func(i int) map[string]string {
			return map[string]string{"MediaId": ids[i%4], "Title": "t" + strconv.Itoa(i), "CateId": "1", "MediaTags": "a", "AppendTags": "true"}
		}},
		{"DeleteMediaInfos", func(i int) map[string]string { return map[string]string{"MediaIds": ids[i%4] + "," + ids[(i+1)%4]} }},
		{"RegisterMediaInfo", func(i int) map[string]string {
			return map[string]string{"InputURL": "https://b.oss-cn-shanghai.aliyuncs.com/c" + strconv.Itoa(i%4) + ".mp4", "Overwrite": "true"}
		}},
		{"BatchGetMediaInfos", func(i int) map[string]string {
			return map[string]string{"MediaIds": ids[0] + "," + ids[1] + "," + ids[2]}
		}},
		{"ListMediaBasicInfos", func(int) map[string]string {
			return map[string]string{"MaxResults": "2", "IncludeFileBasicInfo": "true"}
		}},
		{"SearchMedia", func(int) map[string]string {
			return map[string]string{"Match": "(title = 't' or cateId == 1) and status in (1,3)"}
		}},
		{"AddCategory", func(i int) map[string]string {
			return map[string]string{"CateName": "c", "ParentId": strconv.Itoa(i%3 + 1)}
		}},
		{"UpdateCategory", func(i int) map[string]string {
			return map[string]string{"CateId": strconv.Itoa(i%5 + 1), "CateName": "r"}
		}},
		{"DeleteCategory", func(i int) map[string]string { return map[string]string{"CateId": strconv.Itoa(i%5 + 2)} }},
		{"GetCategories", func(i int) map[string]string { return map[string]string{"CateId": "1"} }},
		{"UploadMediaByURL", func(int) map[string]string { return map[string]string{"UploadURLs": prURL} }},
		{"GetUrlUploadInfos", func(int) map[string]string { return map[string]string{"UploadURLs": prURL} }},
	}
	allowed := map[string]bool{"": true, "ResourceNotFound": true, "InvalidCateId.NotFound": true, "LevelExceededMax": true, "SubTotalExceededMax": true}
	var wg sync.WaitGroup
	errs := make(chan string, 1000)
	for w := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 40 {
				c := calls[(w*7+i)%len(calls)]
				rec := httptest.NewRecorder()
				s.Handler().ServeHTTP(rec, signedRequest(t, c.action, c.params(i)))
				var body map[string]any
				if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
					errs <- fmt.Sprintf("%s: body %q", c.action, rec.Body.String())
					continue
				}
				code, _ := body["Code"].(string)
				if c.action == "SearchMedia" && code == "200" {
					code = ""
				}
				if rec.Code >= 500 || !allowed[code] {
					errs <- fmt.Sprintf("%s: %d %v", c.action, rec.Code, body)
				}
				if w == 0 && i == 20 {
					s.Advance(5e9)
				}
				if w == 1 && i == 30 {
					s.ResetTenant(DefaultAccessKeyId)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	list := prOK(t, s, "ListMediaBasicInfos", map[string]string{"MaxResults": "100"})
	for _, mi := range list["MediaInfos"].([]any) {
		mb := mi.(map[string]any)["MediaBasicInfo"].(map[string]any)
		got := prOK(t, s, "BatchGetMediaInfos", map[string]string{"MediaIds": mb["MediaId"].(string)})
		if len(got["MediaInfos"].([]any)) != 1 {
			t.Errorf("listed medium %v is not found by BatchGetMediaInfos: %v", mb["MediaId"], got)
		}
	}
}

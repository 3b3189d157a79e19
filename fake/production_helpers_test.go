package fake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"testing"
	"time"

	"github.com/icefake/icefake/fake/popsign"
)

// Seeds of the production tests (the durations of contract/testdata/timelines).
const (
	prMedia12 = "****4d7cf14dc7b83b0e801c****" // 12.5 s
	prURL     = "https://example-bucket.oss-cn-shanghai.aliyuncs.com/intro.mp4"
	prOutURL  = "https://example-bucket.oss-cn-shanghai.aliyuncs.com/out/result.mp4"
	prOutput  = `{"MediaURL":"` + prOutURL + `"}`
	// prTimeline25 is two clips of the 12.5 s medium: 25 s.
	prTimeline25 = `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"` + prMedia12 + `"},{"MediaId":"` + prMedia12 + `"}]}]}`
)

// prSeeds are the media every production test server knows.
var prSeeds = []Media{
	{MediaId: prMedia12, Duration: 12.5, Title: "twelve"},
	{MediaURL: prURL, Duration: 216.206667, Size: 30611502, Width: 960, Height: 540},
}

func newProductionServer(t *testing.T, opts ...Option) *Server {
	t.Helper()
	return newTestServer(t, append([]Option{WithMedia(prSeeds...)}, opts...)...)
}

// prOK calls action, fails the test unless it answers 200, and returns the
// body without its RequestId.
func prOK(t *testing.T, s *Server, action string, params map[string]string) map[string]any {
	t.Helper()
	status, body := rpc(t, s, action, params)
	if status != http.StatusOK {
		t.Fatalf("%s(%v) = %d %v, want 200", action, params, status, body)
	}
	delete(body, "RequestId")
	return body
}

// prRPCAs is rpc as another tenant (AccessKeyId ak with its secret).
func prRPCAs(t *testing.T, s *Server, ak, secret, action string, params map[string]string) (int, map[string]any) {
	t.Helper()
	q := url.Values{
		"Action": {action}, "Version": {"2020-11-09"}, "Format": {"json"},
		"AccessKeyId": {ak}, "SignatureMethod": {"HMAC-SHA1"}, "SignatureVersion": {"1.0"},
		"SignatureNonce": {fmt.Sprintf("pr-nonce-%d", testNonce.Add(1))},
		"Timestamp":      {time.Now().UTC().Format("2006-01-02T15:04:05Z")},
	}
	for k, v := range params {
		q.Set(k, v)
	}
	popsign.SignV1Params(http.MethodPost, q, secret)
	return serve(t, s, httptest.NewRequest(http.MethodPost, "/?"+q.Encode(), nil))
}

// prJSON decodes want (JSON text) for comparison with a decoded body.
func prJSON(t *testing.T, want string) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal([]byte(want), &v); err != nil {
		t.Fatalf("bad want JSON %s: %v", want, err)
	}
	return v
}

func prEqual(t *testing.T, what string, got map[string]any, want string) {
	t.Helper()
	if w := prJSON(t, want); !reflect.DeepEqual(got, w) {
		g, _ := json.Marshal(got)
		t.Errorf("%s =\n%s\nwant\n%s", what, g, want)
	}
}

func prString(t *testing.T, body map[string]any, key string) string {
	t.Helper()
	s, ok := body[key].(string)
	if !ok || s == "" {
		t.Fatalf("body[%q] = %v, want a non-empty string; body %v", key, body[key], body)
	}
	return s
}

// withoutStreams drops the stream lists of a GetMediaInfo body's
// FileInfoList, for comparisons of the other fields; TestMediaStreams
// covers the streams.
func withoutStreams(body map[string]any) map[string]any {
	info, _ := body["MediaInfo"].(map[string]any)
	files, _ := info["FileInfoList"].([]any)
	for _, f := range files {
		if m, ok := f.(map[string]any); ok {
			delete(m, "VideoStreamInfoList")
			delete(m, "AudioStreamInfoList")
			delete(m, "SubtitleStreamInfoList")
		}
	}
	return body
}

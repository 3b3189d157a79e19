package fake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/icefake/icefake/fake/popsign"
)

// newTestServer returns a Server (no socket) with a frozen clock and seed 1.
func newTestServer(t *testing.T, opts ...Option) *Server {
	t.Helper()
	opts = append([]Option{WithStartTime(DefaultStartTime), WithSeed(1)}, opts...)
	s, err := New(opts...)
	if err != nil {
		t.Fatalf("New() error = %v", err)
	}
	return s
}

// rpc calls action through Handler with params in the URL query (as SDK
// v2.1.0 sends them) and returns the status and decoded JSON body.
func rpc(t *testing.T, s *Server, action string, params map[string]string) (int, map[string]any) {
	t.Helper()
	return serve(t, s, signedRequest(t, action, params))
}

var testNonce atomic.Int64

// signedRequest builds a POST with every parameter in the URL query, signed
// with V1 and the default credentials, as SDK v2.1.0 sends it.
func signedRequest(t *testing.T, action string, params map[string]string) *http.Request {
	t.Helper()
	q := url.Values{
		"Action": {action}, "Version": {"2020-11-09"}, "Format": {"json"},
		"AccessKeyId": {DefaultAccessKeyId}, "SignatureMethod": {"HMAC-SHA1"}, "SignatureVersion": {"1.0"},
		"SignatureNonce": {fmt.Sprintf("nonce-%d", testNonce.Add(1))},
		"Timestamp":      {time.Now().UTC().Format("2006-01-02T15:04:05Z")},
	}
	for k, v := range params {
		q.Set(k, v)
	}
	popsign.SignV1Params(http.MethodPost, q, DefaultAccessKeySecret)
	return httptest.NewRequest(http.MethodPost, "/?"+q.Encode(), nil)
}

func serve(t *testing.T, s *Server, req *http.Request) (int, map[string]any) {
	t.Helper()
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	var body map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatalf("response body is not a JSON object: %v\n%s", err, rec.Body.String())
	}
	if got, want := rec.Header().Get("x-acs-request-id"), body["RequestId"]; got != want {
		t.Fatalf("x-acs-request-id = %q, body RequestId = %v; want equal", got, want)
	}
	return rec.Code, body
}

// requireError asserts an error envelope with the given status and Code, and
// that its Message contains every fragment.
func requireError(t *testing.T, status int, body map[string]any, wantStatus int, wantCode string, fragments ...string) {
	t.Helper()
	if status != wantStatus || body["Code"] != wantCode {
		t.Fatalf("got %d %v, want %d %s; body %v", status, body["Code"], wantStatus, wantCode, body)
	}
	for _, k := range []string{"RequestId", "HostId", "Code", "Message", "Recommend"} {
		if s, _ := body[k].(string); s == "" {
			t.Errorf("error envelope %s = %v, want a non-empty string", k, body[k])
		}
	}
	msg, _ := body["Message"].(string)
	for _, f := range fragments {
		if !strings.Contains(msg, f) {
			t.Errorf("Message = %q, want it to contain %q", msg, f)
		}
	}
}

func fmtInts(v []int) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// httptestRPC is rpc returning the recorder, for header assertions.
func httptestRPC(t *testing.T, s *Server, action string, params map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, signedRequest(t, action, params))
	return rec
}

package proxy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/icefake/icefake/fake"
	"github.com/icefake/icefake/fake/popsign"
	"github.com/icefake/icefake/scenarios"
)

// Seeds of the upstream fake.
const (
	mediaID   = "****4d7cf14dc7b83b0e801c****"
	projectID = "0123456789abcdef0123456789abcdef"
	unknownID = "ffffffffffffffffffffffffffffffff"
)

const upstreamScenario = `version: 1
media:
  - mediaId: "` + mediaID + `"
    mediaURL: https://b.oss-cn-shanghai.aliyuncs.com/a.mp4
    duration: 12.5
    title: a.mp4
    size: 1000
    width: 1280
    height: 720
projects:
  - title: Seeded
    projectId: ` + projectID + `
    timeline: '{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"` + mediaID + `"}]}]}'
    createTime: 2023-12-31T09:00:00Z
`

// newUpstream returns a fake with the upstream scenario (plus extra
// scenario text), frozen clock and seed 1.
func newUpstream(t *testing.T, extra string, opts ...fake.Option) *fake.Server {
	t.Helper()
	sc, err := scenarios.Parse("upstream.yaml", []byte(upstreamScenario+extra))
	if err != nil {
		t.Fatal(err)
	}
	opts = append([]fake.Option{fake.WithStartTime(fake.DefaultStartTime), fake.WithSeed(1), fake.WithScenario(sc)}, opts...)
	srv, err := fake.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	return srv
}

// rewriter wraps an upstream handler and lets a test rewrite its answers:
// edit gets the Action, the status and the decoded body and returns the
// status and body to send.
func rewriter(h http.Handler, edit func(action string, status int, body map[string]any) (int, any)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		var body map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
			panic(err)
		}
		status, out := edit(r.URL.Query().Get("Action"), rec.Code, body)
		for k, vs := range rec.Header() {
			if k != "Content-Length" {
				w.Header()[k] = vs
			}
		}
		if s, ok := out.(string); ok {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(status)
			_, _ = io.WriteString(w, s)
			return
		}
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(out)
	})
}

// startProxy serves a Proxy for upstream (a URL) and returns it with its
// URL and the report buffer.
func startProxy(t *testing.T, upstream string, o Options) (*Proxy, string, *syncBuffer) {
	t.Helper()
	u, err := url.Parse(upstream)
	if err != nil {
		t.Fatal(err)
	}
	report := &syncBuffer{}
	o.Upstream, o.Report = u, report
	p, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(p)
	t.Cleanup(ts.Close)
	return p, ts.URL, report
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var nonce atomic.Int64

// v1Params are action's parameters signed with V1 and the default
// credentials, as SDK v2.1.0 sends them in the query.
func v1Params(action string, params map[string]string) url.Values {
	q := url.Values{
		"Action": {action}, "Version": {"2020-11-09"}, "Format": {"json"},
		"AccessKeyId": {fake.DefaultAccessKeyId}, "SignatureMethod": {"HMAC-SHA1"}, "SignatureVersion": {"1.0"},
		"SignatureNonce": {fmt.Sprintf("proxy-test-%d", nonce.Add(1))},
		"Timestamp":      {time.Now().UTC().Format("2006-01-02T15:04:05Z")},
	}
	for k, v := range params {
		q.Set(k, v)
	}
	popsign.SignV1Params(http.MethodPost, q, fake.DefaultAccessKeySecret)
	return q
}

// call sends a V1-signed call to base (the proxy) and returns the status
// and body the client got.
func call(t *testing.T, client *http.Client, base, action string, params map[string]string) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, base+"/?"+v1Params(action, params).Encode(), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// reportLines decodes the report's JSON lines.
func reportLines(t *testing.T, report string) []Call {
	t.Helper()
	var out []Call
	dec := json.NewDecoder(bytes.NewReader([]byte(report)))
	for dec.More() {
		var c Call
		if err := dec.Decode(&c); err != nil {
			t.Fatalf("report line: %v\n%s", err, report)
		}
		out = append(out, c)
	}
	return out
}

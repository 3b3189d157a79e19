package fake

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// The dashboard tests' seeded server: two media, a project whose Timeline
// has a clip of unknown media and a hostile Title, a project whose job
// succeeds once the clock moves, a failed call and a fault rule.

const (
	uiMediaA   = "ui-media-a" // 10 s
	uiMediaB   = "ui-media-b" // 4 s
	uiHostile  = `<script>alert("x")</script> & co`
	uiOKTitle  = "ok project"
	uiAudioURL = "https://example.com/unknown.mp3"
	// uiTimeline lays out as video 0: 0–5 (A), 5–9 (B), 9–12 (unknown
	// MediaId); audio 0: 0–3 (unknown MediaURL). Duration 12 s.
	uiTimeline = `{"VideoTracks":[{"VideoTrackClips":[` +
		`{"MediaId":"` + uiMediaA + `","In":0,"Out":5},` +
		`{"MediaId":"` + uiMediaB + `"},` +
		`{"MediaId":"ui-missing","TimelineIn":9,"TimelineOut":12}]}],` +
		`"AudioTracks":[{"AudioTrackClips":[{"MediaURL":"` + uiAudioURL + `","Out":3}]}]}`
	uiOKTimeline = `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"` + uiMediaA + `"}]}]}`
)

// uiSeed is what seedUI created.
type uiSeed struct {
	Hostile, OK string // ProjectIds
	JobID       string // the OK project's job
	FailedID    string // RequestId of a failed GetEditingProject
}

// seedUI starts a test server (no socket) and seeds it.
func seedUI(t *testing.T, opts ...Option) (*Server, uiSeed) {
	t.Helper()
	opts = append([]Option{WithMedia(Media{MediaId: uiMediaA, Duration: 10}, Media{MediaId: uiMediaB, Duration: 4})}, opts...)
	s := newTestServer(t, opts...)
	return s, seedUIState(t, s)
}

func seedUIState(t *testing.T, s *Server) uiSeed {
	t.Helper()
	var seed uiSeed
	body := prOK(t, s, "CreateEditingProject", map[string]string{"Title": uiHostile, "Timeline": uiTimeline})
	seed.Hostile = body["Project"].(map[string]any)["ProjectId"].(string)
	body = prOK(t, s, "CreateEditingProject", map[string]string{"Title": uiOKTitle, "Timeline": uiOKTimeline})
	seed.OK = body["Project"].(map[string]any)["ProjectId"].(string)
	body = prOK(t, s, "SubmitMediaProducingJob", map[string]string{"ProjectId": seed.OK, "OutputMediaConfig": prOutput})
	seed.JobID = body["JobId"].(string)
	if _, err := s.InjectFault(Fault{Action: "GetEditingProject", Match: map[string]string{"ProjectId": "p-scripted"}, Code: "Throttling.User"}); err != nil {
		t.Fatal(err)
	}
	status, failed := rpc(t, s, "GetEditingProject", map[string]string{"ProjectId": "no-such-project"})
	if status < 400 {
		t.Fatalf("GetEditingProject(no-such-project) = %d, want an error", status)
	}
	seed.FailedID = failed["RequestId"].(string)
	return seed
}

// uiResp is one dashboard answer, its body parsed.
type uiResp struct {
	status int
	header http.Header
	body   string
	doc    *html.Node
}

// uiDo sends one request to the dashboard through Handler; header holds
// name, value pairs. POSTs carry the server's own Origin unless header
// says otherwise.
func uiDo(t *testing.T, s *Server, method, target, contentType string, body io.Reader, header ...string) uiResp {
	t.Helper()
	req := httptest.NewRequest(method, target, body)
	req.Host = "127.0.0.1:18930" // a Host the control plane answers under
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if method == http.MethodPost {
		req.Header.Set("Origin", "http://"+req.Host)
	}
	for i := 0; i+1 < len(header); i += 2 {
		if header[i+1] == "" {
			req.Header.Del(header[i])
			continue
		}
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	resp := uiResp{status: rec.Code, header: rec.Header(), body: rec.Body.String()}
	if strings.HasPrefix(resp.header.Get("Content-Type"), "text/html") {
		doc, err := html.Parse(strings.NewReader(resp.body))
		if err != nil {
			t.Fatalf("%s %s: the page does not parse as HTML: %v", method, target, err)
		}
		resp.doc = doc
	}
	return resp
}

func uiGet(t *testing.T, s *Server, target string, header ...string) uiResp {
	t.Helper()
	return uiDo(t, s, http.MethodGet, target, "", nil, header...)
}

func uiPostForm(t *testing.T, s *Server, target, form string, header ...string) uiResp {
	t.Helper()
	return uiDo(t, s, http.MethodPost, target, "application/x-www-form-urlencoded", strings.NewReader(form), header...)
}

// find returns the elements under n with tag name and every attr (name,
// value pairs; value "*" = present with any value).
func find(n *html.Node, tag string, attrs ...string) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == tag && hasAttrs(n, attrs) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	if n != nil {
		walk(n)
	}
	return out
}

func hasAttrs(n *html.Node, attrs []string) bool {
	for i := 0; i+1 < len(attrs); i += 2 {
		v, ok := attr(n, attrs[i])
		if !ok || (attrs[i+1] != "*" && v != attrs[i+1]) {
			return false
		}
	}
	return true
}

func attr(n *html.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

// byID returns the element with id, failing the test without one.
func byID(t *testing.T, doc *html.Node, id string) *html.Node {
	t.Helper()
	var hit *html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if v, ok := attr(n, "id"); ok && v == id {
				hit = n
				return
			}
		}
		for c := n.FirstChild; c != nil && hit == nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if hit == nil {
		t.Fatalf("no element with id %q", id)
	}
	return hit
}

// text returns the text under n, whitespace collapsed.
func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// rows returns the tbody rows of table id.
func rows(t *testing.T, doc *html.Node, id string) []*html.Node {
	t.Helper()
	var out []*html.Node
	for _, tb := range find(byID(t, doc, id), "tbody") {
		out = append(out, find(tb, "tr")...)
	}
	return out
}

// advanceClock moves s's virtual clock, failing the test on error.
func advanceClock(t *testing.T, s *Server, d time.Duration) {
	t.Helper()
	if err := s.clock.Advance(d); err != nil {
		t.Fatal(err)
	}
}

package loadtest

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/icefake/icefake/fake"
)

func TestTimelineIs107Bytes(t *testing.T) {
	if got, want := len(Timeline), 107; got != want {
		t.Errorf("len(Timeline) = %d, want %d", got, want)
	}
}

// TestRunAgainstIcefake checks that every call of the load client is a
// valid, signed CreateEditingProject with a fresh nonce: icefake (signatures
// enforced) stores one project per call.
func TestRunAgainstIcefake(t *testing.T) {
	srv := fake.StartT(t, fake.WithAuthMode(fake.AuthEnforce))
	c, err := NewClient(srv.URL(), 2)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	const n = 40
	res := c.Run(context.Background(), 2, time.Minute, n)
	if res.Errors != 0 {
		t.Fatalf("errors = %d (first: %v), want 0", res.Errors, res.FirstError)
	}
	if got := res.Requests; got != n {
		t.Errorf("requests = %d, want %d", got, n)
	}
	ps := srv.Projects(fake.DefaultAccessKeyId)
	if got := len(ps); got != n {
		t.Fatalf("projects stored = %d, want %d", got, n)
	}
	for _, p := range ps {
		if p.Title != Title || p.Timeline != Timeline || p.Duration != 9 {
			t.Fatalf("project = %q %q %v, want %q %q 9", p.Title, p.Timeline, p.Duration, Title, Timeline)
		}
	}
	if got, want := len(res.Latencies), n; got != want {
		t.Errorf("latencies = %d, want %d", got, want)
	}
	if res.Quantile(0.99) < res.Quantile(0.5) {
		t.Errorf("p99 %s < p50 %s", res.Quantile(0.99), res.Quantile(0.5))
	}
}

func TestBareHandler(t *testing.T) {
	ts := httptest.NewServer(BareHandler())
	t.Cleanup(ts.Close)
	c, err := NewClient(ts.URL, 1)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	req, err := c.Request(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if got, want := string(body), BareBody; got != want {
		t.Errorf("body = %s, want %s", got, want)
	}
	if got, want := resp.Header.Get("Content-Type"), "application/json;charset=utf-8"; got != want {
		t.Errorf("Content-Type = %q, want %q", got, want)
	}
}

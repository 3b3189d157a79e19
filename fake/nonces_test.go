package fake

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"
	"time"

	"github.com/icefake/icefake/fake/popsign"
)

// TestNonceCacheFullPolicy: a full cache forgets its oldest nonce early and
// then refuses requests signed no later than it, so a replay never gets
// through, while fresh calls signed later go on (docs/fidelity.md "Nonce
// cache").
func TestNonceCacheFullPolicy(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	at := func(sec int) time.Time { return t0.Add(time.Duration(sec) * time.Second) }
	n := newNonceCache(15*time.Minute, 3)
	steps := []struct {
		name  string
		nonce string
		stamp int // seconds after t0: the request's signed Timestamp
		now   int // real time
		want  nonceVerdict
	}{
		{"first", "a", 0, 0, nonceFresh},
		{"second", "b", 1, 1, nonceFresh},
		{"third fills the cache", "c", 2, 2, nonceFresh},
		{"replay while remembered", "b", 1, 3, nonceUsed},
		{"fourth forgets a early", "d", 3, 3, nonceFresh},
		{"replay of the forgotten a is refused", "a", 0, 4, nonceTooOld},
		{"fresh nonce signed at the floor is refused", "e", 0, 4, nonceTooOld},
		{"fresh nonce signed after the floor", "f", 4, 4, nonceFresh},
		{"replay of d still remembered", "d", 3, 5, nonceUsed},
		{"after the window everything expired", "a", 1000, 1000, nonceFresh},
		{"a again within the window", "a", 1000, 1001, nonceUsed},
	}
	for _, st := range steps {
		if got := n.use(DefaultAccessKeyId, st.nonce, at(st.stamp), at(st.now)); got != st.want {
			t.Fatalf("%s: use(%s) = %d, want %d", st.name, st.nonce, got, st.want)
		}
	}
	if got, want := n.refused, 2; got != want {
		t.Errorf("refused = %d, want %d", got, want)
	}
	if got := n.n; got > 3 {
		t.Errorf("entries = %d, want at most 3", got)
	}
}

// TestReplayAfterNonceCacheFills: through the HTTP pipeline, with a cap of
// 4, replaying the first signed request after 4 fresh ones is answered 400
// SignatureNonceUsed and never reaches the handler.
func TestReplayAfterNonceCacheFills(t *testing.T) {
	rc := time.Now().Truncate(time.Second)
	s := newTestServer(t, WithNonceCacheSize(4), WithRealClock(func() time.Time { return rc.Add(5 * time.Second) }))
	first := signedRequestAt(t, "CreateEditingProject", map[string]string{"Title": "once"}, rc)
	replay := first.Clone(first.Context())
	status, body := serve(t, s, first)
	if status != http.StatusOK {
		t.Fatalf("first call = %d %v, want 200", status, body)
	}
	for i := range 4 { // signed 1-4 s after the first
		req := signedRequestAt(t, "SearchEditingProject", map[string]string{"PageSize": "1"}, rc.Add(time.Duration(i+1)*time.Second))
		if status, body := serve(t, s, req); status != http.StatusOK {
			t.Fatalf("fresh call %d = %d %v, want 200", i, status, body)
		}
	}
	status, body = serve(t, s, replay)
	requireError(t, status, body, 400, "SignatureNonceUsed")
	if got := len(s.Projects(DefaultAccessKeyId)); got != 1 {
		t.Errorf("projects after the replay = %d, want 1 (the replay must not reach the handler)", got)
	}
	if got := s.NonceStats(); got.Size != 4 || got.Max != 4 || got.Refused != 1 {
		t.Errorf("NonceStats = %+v, want {Size:4 Max:4 Refused:1}", got)
	}
}

// TestNonceCacheMemoryAtCap fills a cache to DefaultMaxNonces and checks
// the heap it holds stays within the 32 MiB budget.
func TestNonceCacheMemoryAtCap(t *testing.T) {
	if testing.Short() {
		t.Skip("fills a million nonces")
	}
	before := heapInUse()
	n := newNonceCache(time.Hour, DefaultMaxNonces)
	now := time.Now()
	nonce := make([]byte, 36)
	for i := range DefaultMaxNonces + 1000 {
		for j := range 8 {
			nonce[j] = byte(i >> (8 * j))
		}
		n.use(DefaultAccessKeyId, string(nonce), now, now)
	}
	held := int64(heapInUse()) - int64(before)
	t.Logf("nonce cache at its cap (%d): %.1f MiB", DefaultMaxNonces, float64(held)/(1<<20))
	if limit := int64(32 << 20); held > limit {
		t.Errorf("heap held = %d bytes, want at most %d", held, limit)
	}
	runtime.KeepAlive(n)
}

// signedRequestAt is signedRequest with the Timestamp at.
func signedRequestAt(t *testing.T, action string, params map[string]string, at time.Time) *http.Request {
	t.Helper()
	req := signedRequest(t, action, params)
	q := req.URL.Query()
	q.Set("Timestamp", at.UTC().Format("2006-01-02T15:04:05Z"))
	q.Del("Signature")
	popsign.SignV1Params(http.MethodPost, q, DefaultAccessKeySecret)
	return httptest.NewRequest(http.MethodPost, "/?"+q.Encode(), nil)
}

// TestNonceCacheMatchesModel drives the cache with random nonces, times and
// caps and compares every verdict with a plain map-and-queue model of the
// same policy (this checks the ring growth and the index's deletions).
func TestNonceCacheMatchesModel(t *testing.T) {
	for _, capacity := range []int{1, 2, 7, 64, 100, 300} {
		rng := rand.New(rand.NewPCG(uint64(capacity), 1))
		n := newNonceCache(20*time.Second, capacity)
		type entry struct {
			nonce string
			stamp int64
		}
		var queue []entry
		seen := map[string]bool{}
		var floor int64
		hasFloor := false
		t0 := time.Unix(1_700_000_000, 0)
		for step := range 20000 {
			now := int64(step / 20)
			stamp := now - int64(rng.IntN(5))
			nonce := fmt.Sprint(rng.IntN(4 * capacity))
			// The model.
			for len(queue) > 0 && queue[0].stamp < now-20 {
				delete(seen, queue[0].nonce)
				queue = queue[1:]
			}
			want := nonceFresh
			switch {
			case hasFloor && stamp <= floor:
				want = nonceTooOld
			case seen[nonce]:
				want = nonceUsed
			default:
				if len(queue) == capacity {
					if !hasFloor || queue[0].stamp > floor {
						floor, hasFloor = queue[0].stamp, true
					}
					delete(seen, queue[0].nonce)
					queue = queue[1:]
				}
				queue = append(queue, entry{nonce, stamp})
				seen[nonce] = true
			}
			if got := n.use("k", nonce, t0.Add(time.Duration(stamp)*time.Second), t0.Add(time.Duration(now)*time.Second)); got != want {
				t.Fatalf("cap %d step %d: use(%s, stamp %d, now %d) = %d, want %d", capacity, step, nonce, stamp, now, got, want)
			}
		}
	}
}

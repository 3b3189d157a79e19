package fake

import (
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
)

// heapInUse returns the live heap after a full collection.
func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// TestJunkParametersAreNotKept: requests carrying an 8 MiB unknown parameter
// next to small known ones (issue: request bodies kept alive) leave nothing of
// the body behind in the journal or the store once answered.
func TestJunkParametersAreNotKept(t *testing.T) {
	const calls = 50
	junk := strings.Repeat("j", 8<<20)
	s := newTestServer(t, WithAuthMode(AuthOff))
	before := heapInUse()
	for i := range calls {
		body := "Action=SearchEditingProject&Version=2020-11-09&PageSize=1&Junk=" + junk
		if i%2 == 1 {
			body = "Action=CreateEditingProject&Version=2020-11-09&Title=x&Junk=" + junk
		}
		req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("call %d: status %d, want 200: %.200s", i, rec.Code, rec.Body.String())
		}
	}
	after := heapInUse()
	held := int64(after) - int64(before)
	t.Logf("heap held after %d × 8 MiB junk-parameter calls: %.1f MiB", calls, float64(held)/(1<<20))
	if got, want := len(s.Calls()), calls; got != want {
		t.Fatalf("journalled calls = %d, want %d", got, want)
	}
	if limit := int64(16 << 20); held > limit {
		t.Errorf("heap held = %d bytes, want at most %d (the junk bodies must not be kept)", held, limit)
	}
	runtime.KeepAlive(s)
}

package fake

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkUIOverview100k serves dashboard pages over 100,000 projects
// (docs/architecture.md "Dashboard": the overview within 50 ms), against
// the admin API's GET /_icefake/clock as the baseline of one request
// through serveAdmin, and the overview of an empty server.
func BenchmarkUIOverview100k(b *testing.B) {
	b.Run("baseline: GET /_icefake/clock", func(b *testing.B) { benchUI(b, newBenchServer(b), adminPrefix+"clock") })
	b.Run("baseline: overview, no projects", func(b *testing.B) { benchUI(b, newBenchServer(b), uiPrefix) })
	one := newBenchServer(b)
	lcSeedBench(one, DefaultAccessKeyId, 100_000)
	b.Run("overview, 100k projects, 1 tenant", func(b *testing.B) { benchUI(b, one, uiPrefix) })
	many := newBenchServer(b)
	for i := range 1000 {
		lcSeedBench(many, fmt.Sprintf("tenant-%04d", i), 100)
	}
	b.Run("overview, 100k projects, 1000 tenants", func(b *testing.B) { benchUI(b, many, uiPrefix) })
	b.Run("projects, 100k, first page", func(b *testing.B) { benchUI(b, one, uiPrefix+"projects") })
	b.Run("projects, 100k, page 1000", func(b *testing.B) { benchUI(b, one, uiPrefix+"projects?page=1000") })
	b.Run("projects, 100k, sorted by title", func(b *testing.B) { benchUI(b, one, uiPrefix+"projects?sort=title") })
	b.Run("projects, 100k, title filter", func(b *testing.B) { benchUI(b, one, uiPrefix+"projects?title=project+9999") })
}

func benchUI(b *testing.B, s *Server, target string) {
	b.Helper()
	h := s.Handler()
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodGet, target, nil)
		req.Host = "127.0.0.1:18930"
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("GET %s = %d\n%s", target, rec.Code, rec.Body)
		}
	}
}

package contract

import (
	"context"
	"encoding/json"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/icefake/icefake/fake"
	"github.com/icefake/icefake/internal/benchdata"
	"github.com/icefake/icefake/internal/loadtest"
)

// Scale benchmarks (docs/architecture.md "Performance"): projects are
// created over HTTP by the V1-signed load client of internal/loadtest,
// never inserted directly, so what the store keeps of each request is
// counted. They create scaleProjects() projects: 2,000 by default, so that
// make bench-smoke runs them in seconds; set ICEFAKE_BENCH_PROJECTS (e.g.
// 1000000) for a report:
//
//	ICEFAKE_BENCH_PROJECTS=1000000 go test -run '^$' -bench 'AtScale' -benchtime 20x -timeout 60m ./contract

// scaleProjects is how many projects a scale benchmark creates.
func scaleProjects(b *testing.B) int {
	b.Helper()
	n, err := benchdata.Projects(2000)
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// createProjects creates n projects with realistic Titles and the 107-byte
// Timeline through conc concurrent connections.
func createProjects(b *testing.B, cl *loadtest.Client, n, conc int) {
	b.Helper()
	res := cl.Run(context.Background(), conc, time.Hour, n)
	if res.Errors != 0 || res.Requests != n {
		b.Fatalf("created %d of %d projects, %d errors (first: %v)", res.Requests, n, res.Errors, res.FirstError)
	}
}

func scaleClient(b *testing.B, srv *fake.Server, conns int) *loadtest.Client {
	b.Helper()
	cl, err := loadtest.NewClient(srv.URL(), conns)
	if err != nil {
		b.Fatal(err)
	}
	cl.Titles = loadtest.RealisticTitle
	b.Cleanup(cl.Close)
	return cl
}

// rssBytes is the process's resident set size, 0 where /proc is missing.
func rssBytes() int64 {
	data, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(data))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseInt(f[1], 10, 64)
	return pages * int64(os.Getpagesize())
}

// BenchmarkProjectMemoryAtScale reports the live heap each project created
// over HTTP costs beyond its Timeline bytes (B/project-beyond-Timeline),
// and the process's RSS growth per project (from a baseline with freed
// pages returned to the system, so it includes the GC's headroom), with the defaults (signatures
// enforced, so the nonce cache is counted) and with -auth-mode off (the
// difference is the nonce cache). The journal is kept at 100 calls and
// filled before measuring, so it adds nothing per project.
func BenchmarkProjectMemoryAtScale(b *testing.B) {
	n := scaleProjects(b)
	for _, m := range []struct {
		name string
		mode fake.AuthMode
	}{{"auth=enforce", fake.AuthEnforce}, {"auth=off", fake.AuthOff}} {
		b.Run(m.name, func(b *testing.B) {
			for b.Loop() {
				srv, err := fake.Start(fake.WithAuthMode(m.mode), fake.WithJournalSize(100))
				if err != nil {
					b.Fatal(err)
				}
				cl := scaleClient(b, srv, 4)
				createProjects(b, cl, 100, 4) // fills the journal; loads everything lazily loaded
				var before, after runtime.MemStats
				debug.FreeOSMemory() // a GC that also returns freed pages: RSS starts from the live heap
				runtime.ReadMemStats(&before)
				rss0 := rssBytes()
				createProjects(b, cl, n, 4)
				runtime.GC()
				runtime.ReadMemStats(&after)
				rss1 := rssBytes()
				if got := len(srv.Projects(fake.DefaultAccessKeyId)); got != n+100 {
					b.Fatalf("projects = %d, want %d", got, n+100)
				}
				perProject := float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / float64(n)
				b.ReportMetric(perProject-float64(len(loadtest.Timeline)), "B/project-beyond-Timeline")
				b.ReportMetric(float64(rss1-rss0)/float64(n), "RSS-B/project")
				writeHeapProfile(b, m.name)
				srv.Close()
			}
		})
	}
}

// writeHeapProfile writes a heap profile of the live projects to
// $ICEFAKE_BENCH_HEAPPROFILE-<name> when that is set (go test's -memprofile
// is written after the server is closed, too late to see the store).
func writeHeapProfile(b *testing.B, name string) {
	b.Helper()
	dir := os.Getenv("ICEFAKE_BENCH_HEAPPROFILE")
	if dir == "" {
		return
	}
	f, err := os.Create(dir + "-" + strings.ReplaceAll(name, "=", "-"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if err := pprof.WriteHeapProfile(f); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkSearchListAtScale creates scaleProjects() projects from 4
// concurrent clients with the real clock (so creates straddle seconds in
// any order), then times one page of Search/List per iteration through the
// whole pipeline and reports the median (ms-p50).
func BenchmarkSearchListAtScale(b *testing.B) {
	n := scaleProjects(b)
	srv, err := fake.Start()
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(srv.Close)
	cl := scaleClient(b, srv, 4)
	createProjects(b, cl, n, 4)
	ctx := context.Background()

	// A List token about halfway down: page with MaxResults 100, at most
	// 500 pages.
	deepToken := ""
	for range min(n/2/100, 500) {
		body, err := cl.Call(ctx, "ListEditingProjects", map[string]string{"MaxResults": "100", "NextToken": deepToken})
		if err != nil {
			b.Fatal(err)
		}
		var page struct{ NextToken string }
		if err := json.Unmarshal(body, &page); err != nil {
			b.Fatal(err)
		}
		deepToken = page.NextToken
	}
	keyword := strings.ToLower(loadtest.RealisticTitle(uint64(n / 2)))
	cases := []struct {
		name, action string
		params       map[string]string
		want         string // a substring of every answer
		projects     int    // how many projects every answer lists
	}{
		{"Search first page", "SearchEditingProject", map[string]string{}, `"TotalCount":` + strconv.Itoa(n), 10},
		{"Search deep page", "SearchEditingProject", map[string]string{"PageNo": strconv.Itoa(max(1, n/10/2))}, `"ProjectList"`, 10},
		{"List first page", "ListEditingProjects", map[string]string{"MaxResults": "10"}, `"NextToken"`, 10},
		{"List deep token", "ListEditingProjects", map[string]string{"MaxResults": "10", "NextToken": deepToken}, `"NextToken"`, 10},
		{"List Keyword", "ListEditingProjects", map[string]string{"Keyword": keyword}, `"ProjectList"`, 1},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var lat []time.Duration
			var mu sync.Mutex
			for b.Loop() {
				start := time.Now()
				body, err := cl.Call(ctx, c.action, c.params)
				d := time.Since(start)
				if err != nil {
					b.Fatal(err)
				}
				if !strings.Contains(string(body), c.want) || strings.Count(string(body), `"ProjectId"`) != c.projects {
					b.Fatalf("%s %v: answer lacks %s or does not list %d projects: %.300s", c.action, c.params, c.want, c.projects, body)
				}
				mu.Lock()
				lat = append(lat, d)
				mu.Unlock()
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2])/float64(time.Millisecond), "ms-p50")
		})
	}
}

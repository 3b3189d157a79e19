package fake

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/icefake/icefake/internal/benchdata"
)

// keywordTitle is a varied Title for project n, with mixed case and, every
// fifth, non-ASCII letters whose lower-case form has another length.
func keywordTitle(n int) string {
	what := [...]string{"Summer Trip", "PRODUCT launch", "weekly vlog", "Ünïcode Straße", "İstanbul KELVIN \u212a", "", "x"}
	return what[n%len(what)] + " " + strconv.Itoa(n%37)
}

// linearKeyword is the Keyword filter without the title index: every
// project of the tenant in Search/List order passed through f.match.
func linearKeyword(s *Server, f projectFilter, desc bool) []string {
	return lcReference(s, f, desc)
}

// keywordPage lists every page of ListEditingProjects for kw with MaxResults
// size, following NextToken, and returns the ProjectIds in order.
func keywordPage(t *testing.T, s *Server, kw string, desc bool, size int) []string {
	t.Helper()
	params := map[string]string{"Keyword": kw, "MaxResults": strconv.Itoa(size)}
	if !desc {
		params["SortBy"] = "CreationTime:Asc"
	}
	var got []string
	for range 10_000 {
		c := &call{Tenant: DefaultAccessKeyId, Params: map[string][]string{}, Now: s.Now()}
		for k, v := range params {
			c.Params.Set(k, v)
		}
		res, err := s.listEditingProjects(c)
		if err != nil {
			t.Fatalf("ListEditingProjects %v: %v", params, err)
		}
		lr := res.(*listResponse)
		for _, it := range lr.ProjectList {
			got = append(got, it.ProjectId)
		}
		if lr.NextToken == "" {
			return got
		}
		params["NextToken"] = lr.NextToken
	}
	t.Fatalf("ListEditingProjects %v: more than 10,000 pages", params)
	return nil
}

// TestKeywordIndexMatchesLinearScan creates projects across several title
// chunks, renames and deletes some, and compares every Keyword listing with
// the linear scan, both orders, several page sizes.
func TestKeywordIndexMatchesLinearScan(t *testing.T) {
	s := newTestServer(t)
	rng := rand.New(rand.NewPCG(3, 4))
	var ids []string
	for i := range 3*titleChunk + 17 {
		if rng.IntN(3) == 0 {
			s.Advance(time.Second)
		}
		p := &Project{ProjectId: s.ids.resourceID(), Title: keywordTitle(i), Status: StatusDraft,
			CreateSource: "OpenAPI", ModifiedSource: "OpenAPI", ProjectType: "EditingProject"}
		s.store.insertProjectNow(DefaultAccessKeyId, p, s.Now)
		ids = append(ids, p.ProjectId)
		switch rng.IntN(20) {
		case 0:
			id := ids[rng.IntN(len(ids))]
			title := keywordTitle(rng.IntN(1000)) + strings.Repeat("Q", rng.IntN(40))
			_ = s.store.updateProject(DefaultAccessKeyId, id, func(p *Project) error { p.Title = title; return nil }) // a deleted project stays as it was
		case 1:
			s.store.deleteProjects(DefaultAccessKeyId, []string{ids[rng.IntN(len(ids))]}, s.Now())
		}
	}
	if s.store.tenants[DefaultAccessKeyId].index.unsorted {
		t.Fatal("index unsorted; this test covers the sorted index")
	}
	keywords := []string{"summer", "TRIP 3", "trip 36", "ü", "straße", "STRASSE", "i̇stanbul", "kelvin k", "\u212a", "k", " ", "q",
		"qqqq", "x 1", "1", "no such title", "p 2" /* spans two titles' bytes */, ids[5], strings.ToUpper(ids[titleChunk+3]), ids[len(ids)-1]}
	for _, kw := range keywords {
		for _, desc := range []bool{true, false} {
			f := projectFilter{from: allTimeFrom, to: allTimeTo, keyword: strings.ToLower(kw)}
			want := linearKeyword(s, f, desc)
			for _, size := range []int{1, 7, 100} {
				t.Run(fmt.Sprintf("%q/desc=%v/size=%d", kw, desc, size), func(t *testing.T) {
					if got := keywordPage(t, s, kw, desc, size); !slices.Equal(got, want) {
						t.Errorf("got %d projects %v\nwant %d %v", len(got), got, len(want), want)
					}
				})
			}
		}
	}
}

// TestTitleIndexCandidates pins candidates on hand-made titles: a hit must
// lie inside one title, never across two.
func TestTitleIndexCandidates(t *testing.T) {
	titles := []string{"abc", "", "DEF", "abcdef", "Ab", "cA", "b"}
	var ti titleIndex
	order := make([]*projectRec, len(titles))
	for i, title := range titles {
		ti.add(i, title)
		order[i] = &projectRec{title: title}
	}
	tests := []struct {
		name   string
		kw     string
		lo, hi int
		want   []int32
	}{
		{"in several titles", "ab", 0, 7, []int32{0, 3, 4}},
		{"case folded", "def", 0, 7, []int32{2, 3}},
		{"not across titles", "cd", 0, 7, []int32{3}},
		{"not across an empty title", "cdef", 0, 3, nil},
		{"range start", "ab", 1, 7, []int32{3, 4}},
		{"range end", "ab", 0, 4, []int32{0, 3}},
		{"last title", "b", 6, 7, []int32{6}},
		{"whole title", "abcdef", 0, 7, []int32{3}},
		{"none", "zz", 0, 7, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for j := range len(tt.kw) { // every anchor finds the same
				if got := ti.candidates(tt.lo, tt.hi, []byte(tt.kw), j, nil); !slices.Equal(got, tt.want) {
					t.Errorf("candidates(%d, %d, %q, anchor %d) = %v, want %v", tt.lo, tt.hi, tt.kw, j, got, tt.want)
				}
			}
		})
	}
	order[3].title = "XYZ"
	ti.set(3, order)
	if got, want := ti.candidates(0, 7, []byte("ab"), 1, nil), []int32{0, 4}; !slices.Equal(got, want) {
		t.Errorf("after renaming 3: candidates(ab) = %v, want %v", got, want)
	}
	if got, want := ti.candidates(0, 7, []byte("xyz"), 2, nil), []int32{3}; !slices.Equal(got, want) {
		t.Errorf("after renaming 3: candidates(xyz) = %v, want %v", got, want)
	}
}

// TestKeywordIndexConcurrentCreates creates and renames projects from
// several goroutines while others list by Keyword (run with -race), then
// compares the final listing with the linear scan.
func TestKeywordIndexConcurrentCreates(t *testing.T) {
	s := newTestServer(t)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 600 {
				p := &Project{ProjectId: s.ids.resourceID(), Title: keywordTitle(w*600 + i), Status: StatusDraft,
					CreateSource: "OpenAPI", ModifiedSource: "OpenAPI", ProjectType: "EditingProject"}
				s.store.insertProjectNow(DefaultAccessKeyId, p, s.Now)
				if i%50 == 0 {
					_ = s.store.updateProject(DefaultAccessKeyId, p.ProjectId, func(p *Project) error { p.Title = "renamed " + p.Title; return nil })
				}
			}
		}()
	}
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				c := &call{Tenant: DefaultAccessKeyId, Params: map[string][]string{"Keyword": {"Trip"}, "MaxResults": {"5"}}, Now: s.Now()}
				if _, err := s.listEditingProjects(c); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	for _, kw := range []string{"trip", "renamed", "ß"} {
		f := projectFilter{from: allTimeFrom, to: allTimeTo, keyword: kw}
		if got, want := keywordPage(t, s, kw, true, 100), linearKeyword(s, f, true); !slices.Equal(got, want) {
			t.Errorf("Keyword %q: got %d projects, want %d", kw, len(got), len(want))
		}
	}
}

// benchProjects is how many projects BenchmarkListKeyword seeds: 20,000
// unless ICEFAKE_BENCH_PROJECTS says otherwise (1000000 for a report).
func benchProjects(b *testing.B) int {
	b.Helper()
	n, err := benchdata.Projects(20_000)
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// BenchmarkListKeyword: the first ListEditingProjects page for a Keyword
// through the whole pipeline, median latency (p50-µs/page), over 10
// projects (the baseline) and over benchProjects() projects with realistic
// Titles: a Keyword matching one project (the whole range is searched), one
// matching a seventh of them, and the one-project Keyword with the title
// index switched off (the linear scan it replaced).
//
//	ICEFAKE_BENCH_PROJECTS=1000000 go test -run '^$' -bench 'ListKeyword' -benchtime 30x ./fake
func BenchmarkListKeyword(b *testing.B) {
	seed := func(s *Server, n int) {
		for i := range n {
			at := DefaultStartTime.Add(time.Duration(i/4) * time.Second)
			s.store.insertProject(DefaultAccessKeyId, &Project{
				ProjectId: s.ids.resourceID(), Title: benchdata.Title(uint64(i)), Status: StatusEditing,
				CreateSource: "OpenAPI", ModifiedSource: "OpenAPI", CreateTime: at, ModifiedTime: at, ProjectType: "EditingProject",
			})
		}
	}
	n := benchProjects(b)
	rare := strings.ToUpper(benchdata.Title(uint64(n / 2)))
	b.Run("baseline: 10 projects", func(b *testing.B) {
		s := newBenchServer(b)
		seed(s, 10)
		benchPages(b, s, "ListEditingProjects", map[string]string{"Keyword": benchdata.Title(5)})
	})
	s := newBenchServer(b)
	seed(s, n)
	b.Run("one match", func(b *testing.B) { benchPages(b, s, "ListEditingProjects", map[string]string{"Keyword": rare}) })
	b.Run("a seventh match", func(b *testing.B) {
		benchPages(b, s, "ListEditingProjects", map[string]string{"Keyword": "weekly VLOG"})
	})
	b.Run("one match, linear scan", func(b *testing.B) {
		ix := &s.store.tenants[DefaultAccessKeyId].index
		ix.titles.broken = true
		b.Cleanup(func() { ix.titles.broken = false })
		benchPages(b, s, "ListEditingProjects", map[string]string{"Keyword": rare})
	})
}

// TestUITitleFilterMatchesLinearScan: the dashboard's title filter
// (projectPage) proposes rows from the Keyword index and must list exactly
// what a scan of every project finds — case-insensitive substring of Title,
// deleted projects left out — across chunks, renames, deletes, non-ASCII
// titles, status filters and sorts.
func TestUITitleFilterMatchesLinearScan(t *testing.T) {
	s := newTestServer(t)
	rng := rand.New(rand.NewPCG(5, 6))
	var ids []string
	for i := range 2*titleChunk + 33 {
		p := &Project{ProjectId: s.ids.resourceID(), Title: keywordTitle(i), Status: ProjectStatus(rng.IntN(2)) + StatusDraft,
			CreateSource: "OpenAPI", ModifiedSource: "OpenAPI", ProjectType: "EditingProject"}
		s.store.insertProjectNow(DefaultAccessKeyId, p, s.Now)
		ids = append(ids, p.ProjectId)
		switch rng.IntN(15) {
		case 0:
			title := keywordTitle(rng.IntN(500)) + " Renamed"
			_ = s.store.updateProject(DefaultAccessKeyId, ids[rng.IntN(len(ids))], func(p *Project) error { p.Title = title; return nil })
		case 1:
			s.store.deleteProjects(DefaultAccessKeyId, []string{ids[rng.IntN(len(ids))]}, s.Now())
		}
	}
	linear := func(q projectQuery) []string {
		var out []string
		for _, p := range s.store.tenants[DefaultAccessKeyId].order {
			if !p.deleted() && (q.Status == "" || p.statusOf().String() == q.Status) &&
				strings.Contains(strings.ToLower(p.title), strings.ToLower(q.Title)) {
				out = append(out, p.id.String())
			}
		}
		return out
	}
	tests := []struct {
		name string
		q    projectQuery
	}{
		{"word", projectQuery{Title: "summer"}},
		{"upper case", projectQuery{Title: "TRIP 3"}},
		{"non-ASCII", projectQuery{Title: "straße"}},
		{"folds to other length", projectQuery{Title: "i̇stanbul"}},
		{"renamed", projectQuery{Title: "renamed"}},
		{"one byte", projectQuery{Title: "k"}},
		{"no match", projectQuery{Title: "no such title"}},
		{"spans two titles", projectQuery{Title: "p 2"}},
		{"with status", projectQuery{Title: "trip", Status: "Editing"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := linear(tt.q)
			var got []string
			for page := 0; ; page++ {
				q := tt.q
				q.Page = page
				rows, total := s.store.projectPage(DefaultAccessKeyId, q)
				if total != len(want) {
					t.Fatalf("page %d: total %d, want %d", page, total, len(want))
				}
				for _, r := range rows {
					got = append(got, r.ProjectId)
				}
				if len(rows) < uiPageSize {
					break
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("got %d rows %v\nwant %d %v", len(got), got, len(want), want)
			}
		})
	}
}

package fake

import (
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/icefake/icefake/fake/popsign"
)

// lcReference is Search/List computed the slow, obvious way: every live
// project matching the filter, sorted by (creation second, creation order).
func lcReference(s *Server, f projectFilter, desc bool) []string {
	ps := s.store.projectsInOrderForTest(DefaultAccessKeyId)
	idx := make([]int, len(ps))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return ps[idx[a]].CreateTime.Unix() < ps[idx[b]].CreateTime.Unix() })
	var out []string
	for _, i := range idx {
		p := ps[i]
		sec := p.CreateTime.Unix()
		if sec < f.from || sec > f.to || !f.match(newProjectRec(&p)) {
			continue
		}
		out = append(out, p.ProjectId)
	}
	if desc {
		slices.Reverse(out)
	}
	return out
}

// projectsInOrderForTest returns copies of every project of tenant (deleted
// ones too) in creation order.
func (st *store) projectsInOrderForTest(tenant string) []Project {
	st.mu.RLock()
	defer st.mu.RUnlock()
	t := st.tenants[tenant]
	if t == nil {
		return nil
	}
	out := make([]Project, 0, len(t.order))
	for _, p := range t.order {
		out = append(out, p.project())
	}
	return out
}

// TestSearchAndListMatchReference drives random creates, updates, deletes
// and clock moves (backwards too, which leaves the index unsorted) and
// compares every Search and List with lcReference, across several blocks.
func TestSearchAndListMatchReference(t *testing.T) {
	for _, backwards := range []bool{false, true} {
		t.Run(fmt.Sprintf("backwards=%v", backwards), func(t *testing.T) {
			s := newTestServer(t)
			rng := rand.New(rand.NewPCG(7, 8))
			var ids []string
			statuses := []ProjectStatus{StatusDraft, StatusEditing, StatusProducing, StatusProduced, StatusProduceFailed}
			for i := range 3 * indexBlock {
				switch r := rng.IntN(100); {
				case r < 3 && backwards:
					s.Advance(-time.Duration(rng.IntN(600)) * time.Second)
				case r < 40:
					s.Advance(time.Duration(rng.IntN(3)) * time.Second)
				}
				p := &Project{
					ProjectId: s.ids.resourceID(), Title: "n" + strconv.Itoa(i%13),
					Status: statuses[rng.IntN(2)], CreateSource: []string{"OpenAPI", "WebSDK"}[rng.IntN(2)],
					ProjectType: "EditingProject", CreateTime: s.Now(), ModifiedTime: s.Now(),
				}
				p.ModifiedSource = p.CreateSource
				s.store.insertProject(DefaultAccessKeyId, p)
				ids = append(ids, p.ProjectId)
				if rng.IntN(4) == 0 {
					id := ids[rng.IntN(len(ids))]
					_ = s.store.updateProject(DefaultAccessKeyId, id, func(p *Project) error {
						p.Status = statuses[rng.IntN(len(statuses))]
						if rng.IntN(3) == 0 {
							p.TemplateId, p.TemplateType = "tpl", []string{"Timeline", "VETemplate"}[rng.IntN(2)]
						}
						return nil
					})
				}
				if rng.IntN(10) == 0 {
					s.store.deleteProjects(DefaultAccessKeyId, []string{ids[rng.IntN(len(ids))]}, s.Now())
				}
			}
			checkIndex(t, s)
			if got := s.store.tenants[DefaultAccessKeyId].index.unsorted; got != backwards {
				t.Fatalf("index unsorted = %v, want %v", got, backwards)
			}
			var first, last time.Time
			for i, p := range s.store.projectsInOrderForTest(DefaultAccessKeyId) {
				if i == 0 || p.CreateTime.Before(first) {
					first = p.CreateTime
				}
				if i == 0 || p.CreateTime.After(last) {
					last = p.CreateTime
				}
			}
			span := int(last.Sub(first)/time.Second) + 1
			for q := range 60 {
				f := projectFilter{from: allTimeFrom, to: allTimeTo}
				params := map[string]string{"PageSize": "100"}
				if q%2 == 1 {
					params["SortBy"] = "CreationTime:Asc"
				}
				if rng.IntN(2) == 0 {
					from := first.Add(time.Duration(rng.IntN(span)) * time.Second)
					f.from, params["StartTime"] = from.Unix(), wireTime(from)
				}
				if rng.IntN(2) == 0 {
					to := first.Add(time.Duration(rng.IntN(span)) * time.Second)
					f.to, params["EndTime"] = to.Unix(), wireTime(to)
				}
				if rng.IntN(2) == 0 {
					names := []string{"Draft", "Editing", "Produced"}[:1+rng.IntN(3)]
					params["Status"] = fmt.Sprint(names[0])
					for _, n := range names {
						f.statuses |= 1 << uint(statusByName[n])
					}
					for _, n := range names[1:] {
						params["Status"] += "," + n
					}
				}
				if rng.IntN(3) == 0 {
					f.templateType, params["TemplateType"] = []string{"None", "Timeline", "VETemplate"}[rng.IntN(3)], ""
					params["TemplateType"] = f.templateType
				}
				if rng.IntN(3) == 0 {
					f.createSource, params["CreateSource"] = "WebSDK", "WebSDK"
				}
				want := lcReference(s, f, q%2 == 0)

				// Search: every page, with TotalCount.
				pageSize := 1 + rng.IntN(100)
				params["PageSize"] = strconv.Itoa(pageSize)
				var got []string
				// The data allows len(want)/pageSize+1 pages; a NextToken past
				// them is a paging bug, not a reason to spin until go test's timeout.
				maxPages := len(want)/pageSize + 1
				for page := 1; ; page++ {
					if page > maxPages {
						t.Fatalf("query %d %v: Search still has a NextToken after %d pages of %d projects", q, params, maxPages, len(want))
					}
					params["PageNo"] = strconv.Itoa(page)
					body := lcOK(t, s, "SearchEditingProject", params)
					if body["TotalCount"] != float64(len(want)) {
						t.Fatalf("query %d %v: TotalCount = %v, want %d", q, params, body["TotalCount"], len(want))
					}
					got = append(got, lcIDs(t, body)...)
					if body["NextToken"] == nil {
						break
					}
				}
				if !slices.Equal(got, want) {
					t.Fatalf("query %d %v: Search pages = %d projects, want %d:\n got %v\nwant %v", q, params, len(got), len(want), got, want)
				}

				// List: every page, with a keyword sometimes.
				delete(params, "PageNo")
				delete(params, "PageSize")
				params["MaxResults"] = strconv.Itoa(1 + rng.IntN(100))
				if rng.IntN(3) == 0 {
					f.keyword, params["Keyword"] = "n1", "N1"
					want = lcReference(s, f, q%2 == 0)
				}
				if got := lcListAll(t, s, params); !slices.Equal(got, want) {
					t.Fatalf("query %d %v: List = %d projects, want %d", q, params, len(got), len(want))
				}
			}
		})
	}
}

// TestIndexFollowsProjectChanges: Create, Update, Delete, and the locked
// helpers keep the index exact.
func TestIndexFollowsProjectChanges(t *testing.T) {
	s := lcServer(t)
	a := lcCreate(t, s, map[string]string{})
	b := lcCreate(t, s, map[string]string{"ProjectType": "LiveEditingProject", "BusinessConfig": lcLive})
	lcOK(t, s, "UpdateEditingProject", map[string]string{"ProjectId": a, "Timeline": lcTL})
	lcOK(t, s, "UpdateEditingProject", map[string]string{"ProjectId": b, "TemplateId": "ve", "ClipsParam": "{}"})
	lcOK(t, s, "DeleteEditingProjects", map[string]string{"ProjectIds": b})
	s.store.mu.Lock()
	ts := s.store.tenants[DefaultAccessKeyId]
	c := s.ids.resourceID()
	ts.addProject(&Project{ProjectId: c, Title: "c", Status: StatusProducing, CreateSource: "OpenAPI", ModifiedSource: "OpenAPI", ProjectType: "EditingProject", CreateTime: s.Now(), ModifiedTime: s.Now()})
	ts.changeProject(ts.lookup(a), func(p *Project) { p.Status = StatusProduced })
	s.store.mu.Unlock()
	checkIndex(t, s)
	body := lcOK(t, s, "SearchEditingProject", map[string]string{"Status": "Produced,Producing"})
	if got, want := lcIDs(t, body), []string{c, a}; !slices.Equal(got, want) {
		t.Errorf("Search Produced,Producing = %v, want %v", got, want)
	}
	s.Reset()
	if got := lcIDs(t, lcOK(t, s, "SearchEditingProject", nil)); len(got) != 0 {
		t.Errorf("Search after Reset = %v, want none", got)
	}
}

// lcSeedBench stores n projects for tenant straight into the store, a
// second apart, in a mix of statuses, sources and template types.
func lcSeedBench(s *Server, tenant string, n int) {
	statuses := []ProjectStatus{StatusDraft, StatusEditing, StatusProducing, StatusProduced, StatusProduceFailed}
	for i := range n {
		at := DefaultStartTime.Add(time.Duration(i) * time.Second)
		p := &Project{
			ProjectId: s.ids.resourceID(), Title: "Project " + strconv.Itoa(i),
			Status: statuses[i%len(statuses)], CreateSource: "OpenAPI", ModifiedSource: "OpenAPI",
			CreateTime: at, ModifiedTime: at, ProjectType: "EditingProject",
		}
		if i%97 == 0 {
			p.CreateSource, p.ModifiedSource = "WebSDK", "WebSDK"
		}
		if i%3 == 0 {
			p.TemplateId, p.TemplateType, p.ClipsParam = "tpl", "Timeline", "{}"
		}
		s.store.insertProject(tenant, p)
	}
}

// benchPages serves one page per iteration through the whole pipeline
// (signature check, validation, handler, response self-check) and reports
// the median latency.
func benchPages(b *testing.B, s *Server, action string, params map[string]string) {
	b.Helper()
	q := url.Values{"Action": {action}, "Version": {"2020-11-09"}, "Format": {"json"}, "AccessKeyId": {DefaultAccessKeyId}}
	for k, v := range params {
		q.Set(k, v)
	}
	lat := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		q.Set("SignatureNonce", fmt.Sprintf("bench-%d", testNonce.Add(1)))
		q.Set("Timestamp", time.Now().UTC().Format(wireTimeLayout))
		q.Set("SignatureMethod", "HMAC-SHA1")
		q.Set("SignatureVersion", "1.0")
		q.Del("Signature")
		popsign.SignV1Params(http.MethodPost, q, DefaultAccessKeySecret)
		req := httptest.NewRequest(http.MethodPost, "/?"+q.Encode(), nil)
		rec := httptest.NewRecorder()
		start := time.Now()
		s.Handler().ServeHTTP(rec, req)
		lat = append(lat, time.Since(start))
		if rec.Code != 200 {
			b.Fatalf("%s: %d %s", action, rec.Code, rec.Body)
		}
	}
	b.StopTimer()
	slices.Sort(lat)
	if len(lat) > 0 {
		b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs/page")
	}
}

// BenchmarkSearchEditingProject100k: one Search page over 100,000 projects.
// Run: go test -run '^$' -bench 'EditingProject.*100k' -benchmem ./fake
func BenchmarkSearchEditingProject100k(b *testing.B) {
	b.Run("baseline: first page of 10 projects", func(b *testing.B) {
		small := newBenchServer(b)
		lcSeedBench(small, DefaultAccessKeyId, 10)
		benchPages(b, small, "SearchEditingProject", nil)
	})
	s := newBenchServer(b)
	lcSeedBench(s, DefaultAccessKeyId, 100_000)
	cases := []struct {
		name   string
		params map[string]string
	}{
		{"first page", map[string]string{}},
		{"page 5000", map[string]string{"PageNo": "5000"}},
		{"page 1000 of 100 asc", map[string]string{"PageNo": "1000", "PageSize": "100", "SortBy": "CreationTime:Asc"}},
		{"rare status, deep page", map[string]string{"Status": "Produced", "CreateSource": "WebSDK", "PageNo": "10"}},
		{"time window", map[string]string{"StartTime": wireTime(DefaultStartTime.Add(40000 * time.Second)), "EndTime": wireTime(DefaultStartTime.Add(60000 * time.Second)), "PageNo": "300"}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) { benchPages(b, s, "SearchEditingProject", c.params) })
	}
}

// BenchmarkListEditingProjects100k: one List page over 100,000 projects,
// from the start and from a token deep inside.
func BenchmarkListEditingProjects100k(b *testing.B) {
	s := newBenchServer(b)
	lcSeedBench(s, DefaultAccessKeyId, 100_000)
	deep := func(params map[string]string, pages int) map[string]string {
		c := &call{Tenant: DefaultAccessKeyId, Params: url.Values{}, Now: s.Now()}
		for k, v := range params {
			c.Params.Set(k, v)
		}
		c.Params.Set("MaxResults", "100")
		for range pages {
			res, err := s.listEditingProjects(c)
			if err != nil {
				b.Fatal(err)
			}
			c.Params.Set("NextToken", res.(*listResponse).NextToken)
		}
		out := map[string]string{"NextToken": c.Params.Get("NextToken")}
		for k, v := range params {
			out[k] = v
		}
		return out
	}
	cases := []struct {
		name   string
		params map[string]string
	}{
		{"first page", map[string]string{}},
		{"token at 50000", deep(map[string]string{}, 500)},
		{"rare status from a deep token", deep(map[string]string{"Status": "Produced", "CreateSource": "WebSDK"}, 3)},
		{"keyword", map[string]string{"Keyword": "project 9999"}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) { benchPages(b, s, "ListEditingProjects", c.params) })
	}
}

func newBenchServer(b *testing.B) *Server {
	b.Helper()
	s, err := New(WithStartTime(DefaultStartTime), WithSeed(1), WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkProjectMemory100k reports the heap each stored project costs
// beyond its Timeline (docs/architecture.md "Performance": at most 2 KB): 100,000
// projects with a 40-character title, no Timeline, inserted as Create does,
// Search/List index included.
func BenchmarkProjectMemory100k(b *testing.B) {
	for b.Loop() {
		b.ReportMetric(float64(projectMemory(b, 100_000)), "B/project")
	}
}

// TestProjectMemory checks the 2 KB-per-project bar on 20,000 projects.
func TestProjectMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates 20,000 projects")
	}
	if got := projectMemory(t, 20_000); got > 2048 {
		t.Errorf("heap per stored project = %d B, want at most 2048", got)
	} else {
		t.Logf("heap per stored project: %d B", got)
	}
}

func projectMemory(t testing.TB, n int) int {
	t.Helper()
	s, err := New(WithStartTime(DefaultStartTime), WithSeed(1))
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, n)
	for i := range ids {
		ids[i] = s.ids.resourceID()
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := range n {
		now := DefaultStartTime.Add(time.Duration(i) * time.Second)
		s.store.insertProject(DefaultAccessKeyId, &Project{
			ProjectId: ids[i], Title: "A project title of forty characters long",
			Status: StatusDraft, CreateSource: "OpenAPI", ModifiedSource: "OpenAPI",
			CreateTime: now, ModifiedTime: now, ProjectType: "EditingProject",
		})
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(s)
	return int(after.HeapAlloc-before.HeapAlloc) / n
}

func TestTitleContains(t *testing.T) {
	tests := []struct {
		s, sub string
		want   bool
	}{
		{"Holiday TRIP", "trip", true},
		{"Holiday TRIP", "day t", true},
		{"Holiday TRIP", "", true},
		{"Holiday", "holidays", false},
		{"trip", "trap", false},
		{"Über Straße", "über", true},
		{"ÜBER", "über", true},
		{"Straße", "strasse", false},
	}
	for _, tt := range tests {
		if got := titleContains(tt.s, tt.sub); got != tt.want {
			t.Errorf("titleContains(%q, %q) = %v, want %v", tt.s, tt.sub, got, tt.want)
		}
	}
}

// TestLifecycleConcurrent runs creates, updates, deletes, material changes,
// searches and lists at once (with the clock going backwards, so the
// fallback view is built concurrently too); run it with -race.
func TestLifecycleConcurrent(t *testing.T) {
	s := lcServer(t)
	// ok calls action from any goroutine (no t.Fatal there) and reports a
	// non-200 answer; it returns the body.
	ok := func(action string, params map[string]string) map[string]any {
		status, body := rpc(t, s, action, params)
		if status != 200 {
			t.Errorf("%s(%v) = %d %v, want 200", action, params, status, body)
		}
		return body
	}
	var ids sync.Map
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 40 {
				if i%10 == 9 {
					s.Advance(-time.Duration(w+1) * time.Minute)
				} else {
					s.Advance(time.Second)
				}
				body := ok("CreateEditingProject", map[string]string{"Title": "w" + strconv.Itoa(w)})
				if p, _ := body["Project"].(map[string]any); p != nil {
					ids.Store(i*4+w, p["ProjectId"])
				}
			}
		})
		wg.Go(func() {
			for i := range 40 {
				ok("SearchEditingProject", map[string]string{"PageNo": strconv.Itoa(1 + i%3), "Status": "Draft,Editing"})
				if tok, _ := ok("ListEditingProjects", map[string]string{"MaxResults": "3", "Keyword": "w"})["NextToken"].(string); tok != "" {
					ok("ListEditingProjects", map[string]string{"MaxResults": "3", "Keyword": "w", "NextToken": tok})
				}
				v, found := ids.Load(i + w)
				if !found {
					continue
				}
				id := v.(string)
				switch i % 4 { // answers may be 404 once another worker deleted the project
				case 0:
					rpc(t, s, "UpdateEditingProject", map[string]string{"ProjectId": id, "Timeline": lcTL})
				case 1:
					rpc(t, s, "AddEditingProjectMaterials", map[string]string{"ProjectId": id, "MaterialMaps": `{"video":"v"}`})
				case 2:
					rpc(t, s, "GetEditingProjectMaterials", map[string]string{"ProjectId": id})
				case 3:
					ok("DeleteEditingProjects", map[string]string{"ProjectIds": id})
				}
			}
		})
	}
	wg.Wait()
	checkIndex(t, s)
	f := projectFilter{from: allTimeFrom, to: allTimeTo}
	if got, want := lcListAll(t, s, map[string]string{"MaxResults": "7"}), lcReference(s, f, true); !slices.Equal(got, want) {
		t.Errorf("List after the storm = %d projects, want %d", len(got), len(want))
	}
}

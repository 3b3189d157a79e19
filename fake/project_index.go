package fake

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// The Search/List index (docs/architecture.md "Performance": Search/List on 100k
// projects without scanning them all).
//
// A tenant's projects sit in tenantState.order in creation order, so a
// project's position there is its creation sequence and never changes (soft
// deletion keeps it). While creation times, in whole seconds, never decrease
// along order — always, unless someone sets the virtual clock backwards —
// order is also sorted by (creation second, position), which is the order
// Search and List return. Then:
//
//   - a creation-time range is a position range, found by binary search;
//   - positions are grouped in blocks of indexBlock projects, and each block
//     counts its projects per class (status, CreateSource, template type,
//     ProjectType), so counting a filter's matches or skipping a page offset
//     adds up block counts instead of visiting projects; only the two partial
//     blocks at the ends of a range and the projects actually returned are
//     visited.
//
// Once a creation time goes backwards, the tenant falls back to a copy of
// order sorted by (creation second, position), built once per batch of
// inserts, and filters it project by project: correct, but linear.

// indexBlock is the number of positions one block of class counts covers.
const indexBlock = 512

// projectClass is what the Search/List filters other than time and Keyword
// look at. Projects of one class match or fail a filter together.
type projectClass struct {
	status       ProjectStatus
	createSource string
	templateType string // "None" for a project without a TemplateId
	projectType  string
}

func classOf(p *projectRec) projectClass {
	tt := "None"
	if p.templateId() != "" {
		tt = p.templateType()
		if tt == "" {
			tt = "Timeline"
		}
	}
	return projectClass{status: p.statusOf(), createSource: p.createSourceOf(), templateType: tt, projectType: p.projectTypeOf()}
}

// projectIndex is one tenant's index. The store's lock guards it, except
// view, which readers build under viewMu.
type projectIndex struct {
	// A project's position in order is its seq-1 (projectRec.seq), kept in
	// the record rather than in a map.

	// unsorted is set once a project was created in an earlier second than
	// the one before it.
	unsorted bool
	classIDs map[projectClass]int
	classes  []projectClass
	// blocks[b][c] counts the projects of class c at positions
	// [b*indexBlock, (b+1)*indexBlock); a block's slice grows as classes appear.
	blocks [][]int32

	// titles packs the lower-cased Titles for Keyword (project_titles.go).
	titles titleIndex

	viewMu sync.Mutex
	// view is order sorted by (creation second, position) while unsorted;
	// nil when it must be rebuilt.
	view []*projectRec
}

// add indexes the last project of order, just appended.
func (ix *projectIndex) add(order []*projectRec) {
	n := len(order) - 1
	p := order[n]
	if n > 0 && p.createSec < order[n-1].createSec {
		ix.unsorted = true
	}
	ix.view = nil
	if ix.classIDs == nil {
		ix.classIDs = map[projectClass]int{}
	}
	p.seq = int32(n) + 1
	ix.titles.add(n, p.title)
	for len(ix.blocks) <= n/indexBlock {
		ix.blocks = append(ix.blocks, nil)
	}
	ix.count(n/indexBlock, classOf(p), 1)
}

// position returns p's position in its tenant's creation order; ok is
// false for a project not stored.
func (p *projectRec) position() (at int, ok bool) {
	return int(p.seq) - 1, p.seq > 0
}

// addProject appends p, a new project, to t's projects as a record and
// indexes it. The caller holds the store's lock for writing.
func (t *tenantState) addProject(p *Project) {
	r := newProjectRec(p)
	t.order = append(t.order, r)
	t.ids.add(t.order, len(t.order)-1)
	t.index.add(t.order)
}

// changeProject runs fn on r, one of t's projects, as a Project, stores
// what fn left in it and keeps the index in step (fn must not change
// CreateTime or ProjectId). The caller holds the store's lock for writing.
// Code that already holds the lock changes projects through this, never
// by assigning fields.
func (t *tenantState) changeProject(r *projectRec, fn func(*Project)) {
	before, title := classOf(r), r.title
	p := r.project()
	fn(&p)
	p.ProjectId, p.CreateTime = r.id.String(), r.createTime()
	r.set(&p)
	t.changed(r, before, title)
}

// changed keeps the index in step with p, one of t's projects, whose class
// was before and Title title before a change.
func (t *tenantState) changed(p *projectRec, before projectClass, title string) {
	t.index.reclass(p, before)
	if p.title != title {
		if at, ok := p.position(); ok {
			t.index.titles.set(at, t.order)
		}
	}
}

// reclass moves p's count from class before to its current class.
func (ix *projectIndex) reclass(p *projectRec, before projectClass) {
	after := classOf(p)
	if after == before {
		return
	}
	at, ok := p.position()
	if !ok {
		return
	}
	b := at / indexBlock
	ix.count(b, before, -1)
	ix.count(b, after, 1)
}

func (ix *projectIndex) count(b int, c projectClass, delta int32) {
	id, ok := ix.classIDs[c]
	if !ok {
		id = len(ix.classes)
		ix.classIDs[c] = id
		ix.classes = append(ix.classes, c)
	}
	blk := ix.blocks[b]
	if id >= len(blk) {
		blk = append(blk, make([]int32, id+1-len(blk))...)
		ix.blocks[b] = blk
	}
	blk[id] += delta
}

// sortedView returns order sorted by (creation second, position).
func (ix *projectIndex) sortedView(order []*projectRec) []*projectRec {
	ix.viewMu.Lock()
	defer ix.viewMu.Unlock()
	if ix.view == nil {
		v := slices.Clone(order)
		slices.SortStableFunc(v, func(a, b *projectRec) int {
			return cmp.Compare(a.createSec, b.createSec)
		})
		ix.view = v
	}
	return ix.view
}

// projectFilter is a Search/List filter. Deleted projects never match.
type projectFilter struct {
	// from and to bound the creation time in Unix seconds, both inclusive.
	from, to int64
	// statuses has bit 1<<s for each wanted status; 0 means any.
	statuses     uint32
	createSource string
	templateType string // Timeline, VETemplate, None or "" for any
	projectType  string
	// keyword is lower-cased; "" means any.
	keyword string
}

// keywordID returns the project key the Keyword names when it is a
// ProjectId (a project matches a Keyword equal to its ProjectId).
func (f *projectFilter) keywordID() (projectKey, bool) {
	return parseProjectKey(f.keyword)
}

// allTimeFrom and allTimeTo are a projectFilter's time bounds when it has none.
const allTimeFrom, allTimeTo = math.MinInt64, math.MaxInt64

func (f *projectFilter) matchClass(c projectClass) bool {
	return c.status != StatusDeleted &&
		(f.statuses == 0 || f.statuses&(1<<uint(c.status)) != 0) &&
		(f.createSource == "" || f.createSource == c.createSource) &&
		(f.templateType == "" || f.templateType == c.templateType) &&
		(f.projectType == "" || f.projectType == c.projectType)
}

// match reports whether p passes every part of f but the time range.
func (f *projectFilter) match(p *projectRec) bool {
	if !f.matchClass(classOf(p)) {
		return false
	}
	if f.keyword == "" || titleContains(p.title, f.keyword) {
		return true
	}
	id, ok := f.keywordID()
	return ok && p.id == id
}

// titleContains reports whether s contains the lower-case sub, ignoring case;
// it allocates only when s is not ASCII.
func titleContains(s, sub string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return strings.Contains(strings.ToLower(s), sub)
		}
	}
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for ; j < len(sub); j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sub[j] {
				break
			}
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}

// projectSeq is a tenant's projects in (creation second, position) order:
// order itself (with block counts) or the fallback view.
type projectSeq struct {
	items  []*projectRec
	ix     *projectIndex
	blocks bool // items is order and ix.blocks describe it
	// order and ids are the tenant's projects in creation order and their
	// ProjectId index; ids is nil for a tenant without projects.
	order []*projectRec
	ids   *projectIDIndex
}

// byID returns the project whose key is k, nil when there is none.
func (sq *projectSeq) byID(k projectKey) *projectRec {
	if sq.ids == nil {
		return nil
	}
	return sq.ids.find(sq.order, k)
}

// seq returns the tenant's projects in Search/List order. The caller
// holds the store's lock (a read lock is enough).
func (t *tenantState) seq() *projectSeq {
	if !t.index.unsorted {
		return &projectSeq{items: t.order, ix: &t.index, blocks: true, order: t.order, ids: &t.ids}
	}
	return &projectSeq{items: t.index.sortedView(t.order), ix: &t.index, order: t.order, ids: &t.ids}
}

// withProjectSeq runs fn under the read lock with tenant's projects in
// Search/List order (empty for an unknown tenant).
func (st *store) withProjectSeq(tenant string, fn func(sq *projectSeq)) {
	st.mu.RLock()
	defer st.mu.RUnlock()
	t := st.tenants[tenant]
	if t == nil {
		fn(&projectSeq{ix: &projectIndex{}})
		return
	}
	fn(t.seq())
}

// listCursor is a project's place in Search/List order.
type listCursor struct {
	sec int64 // creation time, Unix seconds
	pos int64 // position in order
}

func (c listCursor) compare(o listCursor) int {
	if r := cmp.Compare(c.sec, o.sec); r != 0 {
		return r
	}
	return cmp.Compare(c.pos, o.pos)
}

// cursorOf returns p's place; p must be in the sequence.
func (sq *projectSeq) cursorOf(p *projectRec) listCursor {
	at, _ := p.position()
	return listCursor{sec: p.createSec, pos: int64(at)}
}

func (sq *projectSeq) cursorAt(i int) listCursor {
	if sq.blocks {
		return listCursor{sec: sq.items[i].createSec, pos: int64(i)}
	}
	return sq.cursorOf(sq.items[i])
}

// timeRange returns the index range [lo, hi) of the projects created within
// f's time bounds.
func (sq *projectSeq) timeRange(f *projectFilter) (lo, hi int) {
	n := len(sq.items)
	lo, hi = 0, n
	if f.from != allTimeFrom {
		lo = sort.Search(n, func(i int) bool { return sq.items[i].createSec >= f.from })
	}
	if f.to != allTimeTo {
		hi = sort.Search(n, func(i int) bool { return sq.items[i].createSec > f.to })
	}
	return lo, max(lo, hi)
}

// after returns the first index whose place is after c.
func (sq *projectSeq) after(c listCursor) int {
	return sort.Search(len(sq.items), func(i int) bool { return sq.cursorAt(i).compare(c) > 0 })
}

// before returns the first index whose place is not before c: the indexes
// before it are the places before c.
func (sq *projectSeq) before(c listCursor) int {
	return sort.Search(len(sq.items), func(i int) bool { return sq.cursorAt(i).compare(c) >= 0 })
}

// count returns how many projects in [lo, hi) match f.
func (sq *projectSeq) count(lo, hi int, f *projectFilter) int {
	left := sq.walk(lo, hi, false, f, math.MaxInt, func(*projectRec) bool { return true })
	return math.MaxInt - left
}

// walk visits the projects in [lo, hi) that match f, from hi-1 down when desc
// else from lo up, skipping the first skip of them; it stops when visit
// returns false. It returns how much of skip was left (skip minus the
// matches, when the range held fewer).
//
// With block counts and no keyword, a whole block whose matches are all
// skipped (or that has none) is passed over by its counts alone.
func (sq *projectSeq) walk(lo, hi int, desc bool, f *projectFilter, skip int, visit func(*projectRec) bool) int {
	if sq.blocks && f.keyword != "" && !sq.ix.titles.broken {
		return sq.walkKeyword(lo, hi, desc, f, skip, visit)
	}
	var want []bool
	if sq.blocks {
		want = make([]bool, len(sq.ix.classes))
		for id, c := range sq.ix.classes {
			want[id] = f.matchClass(c)
		}
	}
	exact := f.keyword == ""
	step, i := 1, lo
	if desc {
		step, i = -1, hi-1
	}
	for i >= lo && i < hi {
		if want != nil {
			b := i / indexBlock
			bs, be := b*indexBlock, min((b+1)*indexBlock, len(sq.items))
			entering := (!desc && i == bs) || (desc && i == be-1)
			if entering && bs >= lo && be <= hi {
				n := sq.ix.blockMatches(b, want)
				if n == 0 || (exact && skip >= n) {
					if exact {
						skip -= n
					}
					if desc {
						i = bs - 1
					} else {
						i = be
					}
					continue
				}
			}
		}
		if p := sq.items[i]; f.match(p) {
			if skip > 0 {
				skip--
			} else if !visit(p) {
				return 0
			}
		}
		i += step
	}
	return skip
}

// blockMatches counts block b's projects of the wanted classes.
func (ix *projectIndex) blockMatches(b int, want []bool) int {
	n := 0
	for id, c := range ix.blocks[b] {
		if c != 0 && want[id] {
			n += int(c)
		}
	}
	return n
}

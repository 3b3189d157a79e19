package fake

import (
	"bytes"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// The Keyword index of ListEditingProjects (docs/architecture.md
// "Performance": Keyword search at a million projects).
//
// A project matches a Keyword when strings.ToLower(Title) contains
// strings.ToLower(Keyword), or when its ProjectId equals the lower-cased
// Keyword (projectFilter.match). titleIndex packs each project's lower-cased
// Title, in creation order (a project's position in tenantState.order), into
// chunks of titleChunk titles, so a Keyword search runs bytes.Index over a
// few contiguous buffers instead of visiting a million project records and folding
// each Title's case. A hit is only a candidate: the walk re-checks every
// candidate with projectFilter.match, so the index must never miss a
// match (no false negatives) but may propose extra positions.

// titleChunk is the number of positions one chunk of packed titles covers.
const titleChunk = 1024

// titleIndex holds a tenant's lower-cased Titles. The store's lock guards it.
type titleIndex struct {
	chunks []*titleChunkBuf
	// freq counts each byte value packed (titles repacked after a rename
	// are counted again): the search anchors on the Keyword's rarest byte.
	freq [256]uint64
	// broken is set when a chunk would outgrow uint32 offsets; Keyword
	// searches then visit every project.
	broken bool
}

// titleChunkBuf is the lower-cased Titles of positions
// [k*titleChunk, k*titleChunk+len(ends)) concatenated; ends[i] is where the
// i-th ends in buf. A full chunk's buf is trimmed to its length.
type titleChunkBuf struct {
	buf  []byte
	ends []uint32
}

// appendLower appends strings.ToLower(s) to buf without allocating when s is
// ASCII.
func appendLower(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return append(buf, strings.ToLower(s)...)
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

// add packs title as the title of position n, the next position.
func (ti *titleIndex) add(n int, title string) {
	if ti.broken {
		return
	}
	k := n / titleChunk
	if k == len(ti.chunks) {
		ti.chunks = append(ti.chunks, &titleChunkBuf{})
	}
	c := ti.chunks[k]
	from := len(c.buf)
	c.buf = appendLower(c.buf, title)
	for _, b := range c.buf[from:] {
		ti.freq[b]++
	}
	if len(c.buf) > math.MaxUint32 {
		ti.broken, ti.chunks = true, nil
		return
	}
	c.ends = append(c.ends, uint32(len(c.buf)))
	if len(c.ends) == titleChunk { // drop append's spare capacity
		c.buf, c.ends = bytes.Clone(c.buf), slices.Clone(c.ends)
	}
}

// set repacks the chunk holding position pos, whose Title is now title;
// order is the tenant's projects in creation order, already holding it.
func (ti *titleIndex) set(pos int, order []*projectRec) {
	if ti.broken {
		return
	}
	k := pos / titleChunk
	c := ti.chunks[k]
	var buf []byte
	for i := range c.ends {
		buf = appendLower(buf, order[k*titleChunk+i].title)
		if len(buf) > math.MaxUint32 {
			ti.broken, ti.chunks = true, nil
			return
		}
		c.ends[i] = uint32(len(buf))
	}
	if len(c.ends) == titleChunk {
		buf = bytes.Clone(buf)
	}
	c.buf = buf
}

// anchor returns the index in kw (non-empty) of the byte that occurs least
// often in the packed titles: the one candidates looks for first.
func (ti *titleIndex) anchor(kw []byte) int {
	best := 0
	for j, b := range kw {
		if ti.freq[b] < ti.freq[kw[best]] {
			best = j
		}
	}
	return best
}

// candidates appends to out, in ascending order, every position in [lo, hi)
// whose packed title contains kw (non-empty, lower-cased); [lo, hi) is
// non-empty and lies in one chunk, and j is kw's anchor byte (anchor). It
// finds each occurrence of kw[j] with bytes.IndexByte and compares kw
// around it.
func (ti *titleIndex) candidates(lo, hi int, kw []byte, j int, out []int32) []int32 {
	k := lo / titleChunk
	c := ti.chunks[k]
	base := k * titleChunk
	i, end := lo-base, hi-base // chunk-relative positions
	off := 0                   // where the next match may start
	if i > 0 {
		off = int(c.ends[i-1])
	}
	stop := int(c.ends[end-1])
	for off+len(kw) <= stop {
		at := bytes.IndexByte(c.buf[off+j:stop-len(kw)+j+1], kw[j])
		if at < 0 {
			break
		}
		at += off // a match would start here
		if !bytes.Equal(c.buf[at:at+len(kw)], kw) {
			off = at + 1
			continue
		}
		// The title holding byte at: the first whose end is after it.
		i += sort.Search(end-i, func(n int) bool { return int(c.ends[i+n]) > at })
		titleEnd := int(c.ends[i])
		if at+len(kw) <= titleEnd {
			out = append(out, int32(base+i))
		}
		// Any later match starting in this title would run past its end
		// too, or is the same title: go on from the next title.
		off = titleEnd
		i++
	}
	return out
}

// positions appends to out, ascending, every position in [0, n) whose
// lower-cased title may contain kw (non-empty, lower-cased): candidates over
// every chunk. ok is false when the index cannot answer (broken); callers
// then visit every project. The dashboard's title filter (ui_state.go)
// uses it, so both searches share one index.
func (ti *titleIndex) positions(n int, kw []byte, out []int32) (_ []int32, ok bool) {
	if ti.broken {
		return out, false
	}
	j := ti.anchor(kw)
	for lo := 0; lo < n; lo += titleChunk {
		out = ti.candidates(lo, min(n, lo+titleChunk), kw, j, out)
	}
	return out, true
}

// walkKeyword is walk for a filter with a Keyword over the sorted index
// (items is order): chunk by chunk, in the walk's direction, the packed
// titles propose candidates, the project whose ProjectId is the Keyword is
// added, and each candidate is checked with f.match.
func (sq *projectSeq) walkKeyword(lo, hi int, desc bool, f *projectFilter, skip int, visit func(*projectRec) bool) int {
	kw := []byte(f.keyword)
	j := sq.ix.titles.anchor(kw)
	idPos := -1
	if id, ok := f.keywordID(); ok {
		if p := sq.byID(id); p != nil {
			if at, ok := p.position(); ok {
				idPos = at
			}
		}
	}
	var cand []int32
	for k := range (hi + titleChunk - 1) / titleChunk {
		if desc {
			k = (hi-1)/titleChunk - k
		} else {
			k += lo / titleChunk
		}
		wlo, whi := max(lo, k*titleChunk), min(hi, (k+1)*titleChunk)
		if wlo >= whi {
			break
		}
		cand = sq.ix.titles.candidates(wlo, whi, kw, j, cand[:0])
		if wlo <= idPos && idPos < whi {
			at, found := slices.BinarySearch(cand, int32(idPos))
			if !found {
				cand = slices.Insert(cand, at, int32(idPos))
			}
		}
		for j := range cand {
			if desc {
				j = len(cand) - 1 - j
			}
			p := sq.items[cand[j]]
			if !f.match(p) {
				continue
			}
			if skip > 0 {
				skip--
			} else if !visit(p) {
				return 0
			}
		}
	}
	return skip
}

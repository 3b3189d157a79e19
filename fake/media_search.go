package fake

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// SearchMedia over the tenant's media with the subset of the media search
// protocol's Match syntax icefake implements (API reference: "Media asset
// search filter description",
// https://www.alibabacloud.com/help/en/ims/developer-reference/media-asset-search-filter-description;
// docs/fidelity.md "Media library"):
//
//	title = 'text', description = 'text'     substring (fuzzy), at most 60 characters
//	mediaId == 'id', cateId == 12            exact
//	status == 3, status in (1,3)             exact or any of (0 Init, 1 Preparing, 2 PrepareFail, 3 Normal)
//	mediaType == 'video', mediaType in (...) exact or any of (image, video, audio, text)
//	tagList in ('a','b')                     has any of the tags
//	utcCreate = (t1,t2), utcModified = [t1,t2]  range in epoch milliseconds; () open, [] closed, '' bound = none
//	c1 and c2, (c1 or c2)                    "or" only inside parentheses
//
// A field answers with its one documented mode whether written with = or
// ==; "in" needs a multi-value field, a range a time field. Values are in
// single or double quotes (numbers may be bare). Field names are matched
// case-insensitively. Anything else — another field, operator or shape —
// is 400 InvalidParameter naming Match and what is not supported. Without a
// mediaType condition only videos are searched, as the reference says.

// Match bounds (UNCONFIRMED; the reference states none): a longer
// expression or deeper parentheses are 400 InvalidParameter, so a hostile
// Match can neither exhaust the parser's stack nor make every search scan
// megabytes of conditions (docs/fidelity.md "SearchMedia Match bounds").
const (
	maxMatchBytes = 16 << 10
	maxMatchDepth = 32
)

// searchPredicate tells whether a medium matches.
type searchPredicate func(mv *mediaView) bool

type searchToken struct {
	kind byte // 'w' word, 's' string, '(' ')' '[' ']' ',' '=' ('=' for = and ==, text tells)
	text string
	pos  int
}

func lexMatch(m string) ([]searchToken, error) {
	var out []searchToken
	for i := 0; i < len(m); {
		c := m[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case strings.IndexByte("()[],", c) >= 0:
			out = append(out, searchToken{kind: c, text: string(c), pos: i})
			i++
		case c == '=':
			if strings.HasPrefix(m[i:], "==") {
				out = append(out, searchToken{kind: '=', text: "==", pos: i})
				i += 2
			} else {
				out = append(out, searchToken{kind: '=', text: "=", pos: i})
				i++
			}
		case c == '\'' || c == '"':
			end := strings.IndexByte(m[i+1:], c)
			if end < 0 {
				return nil, fmt.Errorf("the string at offset %d has no closing %c", i, c)
			}
			out = append(out, searchToken{kind: 's', text: m[i+1 : i+1+end], pos: i})
			i += end + 2
		case c == '_' || c == '.' || c == '-' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
			j := i
			for j < len(m) && (m[j] == '_' || m[j] == '.' || m[j] == '-' || m[j] >= '0' && m[j] <= '9' || m[j] >= 'A' && m[j] <= 'Z' || m[j] >= 'a' && m[j] <= 'z') {
				j++
			}
			out = append(out, searchToken{kind: 'w', text: m[i:j], pos: i})
			i = j
		default:
			r, _ := utf8.DecodeRuneInString(m[i:])
			return nil, fmt.Errorf("%q at offset %d is not part of the supported syntax (operators =, == and in; and, or, parentheses, quotes)", r, i)
		}
	}
	return out, nil
}

// searchField is how one field can be searched.
type searchField struct {
	name  string
	mode  byte // 'f' fuzzy, 'e' exact, 'm' exact or multi-value, 'l' multi-value only, 'r' range
	isInt bool
	// get returns the medium's value(s) of the field.
	get func(mv *mediaView) []string
}

var searchStatus = map[string]string{"Init": "0", "Preparing": "1", "PrepareFail": "2", "Normal": "3"}

var searchFields = map[string]searchField{}

func init() {
	for _, f := range []searchField{
		{"title", 'f', false, func(mv *mediaView) []string { return []string{mv.Title} }},
		{"description", 'f', false, func(mv *mediaView) []string { return []string{mv.Description} }},
		{"tagList", 'l', false, func(mv *mediaView) []string { return splitCommaIDs(mv.MediaTags) }},
		{"mediaId", 'e', false, func(mv *mediaView) []string { return []string{mv.MediaId} }},
		{"cateId", 'e', true, func(mv *mediaView) []string {
			if mv.CateId == nil {
				return nil
			}
			return []string{strconv.FormatInt(*mv.CateId, 10)}
		}},
		{"status", 'm', true, func(mv *mediaView) []string { return []string{searchStatus[mv.Status]} }},
		{"mediaType", 'm', false, func(mv *mediaView) []string { return []string{mv.MediaType} }},
		{"utcCreate", 'r', true, func(mv *mediaView) []string { return []string{strconv.FormatInt(mv.CreateTime.UnixMilli(), 10)} }},
		{"utcModified", 'r', true, func(mv *mediaView) []string { return []string{strconv.FormatInt(mv.ModifiedTime.UnixMilli(), 10)} }},
	} {
		searchFields[strings.ToLower(f.name)] = f
	}
}

// documentedOnly are fields of the reference icefake does not search.
var documentedOnly = []string{"fileinfo.storagelocation", "ocrinfo.tracks.content", "ailabelinfo.category", "ailabelinfo.label_id"}

type matchParser struct {
	toks []searchToken
	i    int
	// sawMediaType is set when a condition names mediaType.
	sawMediaType bool
}

func (p *matchParser) peek() *searchToken {
	if p.i < len(p.toks) {
		return &p.toks[p.i]
	}
	return nil
}

func (p *matchParser) next() *searchToken {
	t := p.peek()
	if t != nil {
		p.i++
	}
	return t
}

func (p *matchParser) expect(kind byte, what string) (*searchToken, error) {
	t := p.next()
	if t == nil || t.kind != kind {
		return nil, p.unexpected(t, what)
	}
	return t, nil
}

func (p *matchParser) unexpected(t *searchToken, want string) error {
	if t == nil {
		return fmt.Errorf("the expression ends where %s is expected", want)
	}
	return fmt.Errorf("%q at offset %d: %s expected", t.text, t.pos, want)
}

func isWord(t *searchToken, w string) bool {
	return t != nil && t.kind == 'w' && strings.EqualFold(t.text, w)
}

// parseMatch parses a Match expression into a predicate.
func parseMatch(m string) (searchPredicate, bool, error) {
	if len(m) > maxMatchBytes {
		return nil, false, fmt.Errorf("the expression has at most %d bytes, got %d", maxMatchBytes, len(m))
	}
	toks, err := lexMatch(m)
	if err != nil {
		return nil, false, err
	}
	p := &matchParser{toks: toks}
	if len(toks) == 0 {
		return func(*mediaView) bool { return true }, false, nil
	}
	pred, err := p.expr(0)
	if err != nil {
		return nil, false, err
	}
	if t := p.peek(); t != nil {
		return nil, false, p.unexpected(t, "and, or the end")
	}
	return pred, p.sawMediaType, nil
}

// expr parses conditions joined by and (and, inside parentheses, or; and
// binds tighter).
func (p *matchParser) expr(depth int) (searchPredicate, error) {
	var alts []searchPredicate
	for {
		var all []searchPredicate
		for {
			c, err := p.primary(depth)
			if err != nil {
				return nil, err
			}
			all = append(all, c)
			if !isWord(p.peek(), "and") {
				break
			}
			p.next()
		}
		alts = append(alts, func(mv *mediaView) bool {
			for _, c := range all {
				if !c(mv) {
					return false
				}
			}
			return true
		})
		t := p.peek()
		if !isWord(t, "or") {
			break
		}
		if depth == 0 {
			return nil, fmt.Errorf("\"or\" at offset %d must be inside parentheses: (a = 'x' or b = 'y')", t.pos)
		}
		p.next()
	}
	return func(mv *mediaView) bool {
		return slices.ContainsFunc(alts, func(c searchPredicate) bool { return c(mv) })
	}, nil
}

func (p *matchParser) primary(depth int) (searchPredicate, error) {
	t := p.peek()
	if t != nil && t.kind == '(' {
		if depth >= maxMatchDepth {
			return nil, fmt.Errorf("the parenthesis at offset %d nests deeper than %d levels", t.pos, maxMatchDepth)
		}
		p.next()
		e, err := p.expr(depth + 1)
		if err != nil {
			return nil, err
		}
		if _, err := p.expect(')', "a closing parenthesis"); err != nil {
			return nil, err
		}
		return e, nil
	}
	return p.cond()
}

func (p *matchParser) cond() (searchPredicate, error) {
	ft, err := p.expect('w', "a field name")
	if err != nil {
		return nil, err
	}
	f, ok := searchFields[strings.ToLower(ft.text)]
	if !ok {
		if slices.Contains(documentedOnly, strings.ToLower(ft.text)) {
			return nil, fmt.Errorf("the field %s is not supported by icefake (supported: title, description, tagList, mediaId, cateId, status, mediaType, utcCreate, utcModified)", ft.text)
		}
		return nil, fmt.Errorf("unknown field %q (supported: title, description, tagList, mediaId, cateId, status, mediaType, utcCreate, utcModified)", ft.text)
	}
	if f.name == "mediaType" {
		p.sawMediaType = true
	}
	op := p.next()
	switch {
	case isWord(op, "in"):
		if f.mode != 'm' && f.mode != 'l' {
			return nil, fmt.Errorf("%s does not support multi-value queries (in); only status, mediaType and tagList do", f.name)
		}
		vals, err := p.list(f)
		if err != nil {
			return nil, err
		}
		if f.name == "mediaType" && slices.Contains(vals, "image") && slices.ContainsFunc(vals, func(v string) bool { return v == "video" || v == "audio" }) {
			return nil, fmt.Errorf("images cannot be searched together with audio or video")
		}
		return func(mv *mediaView) bool {
			return slices.ContainsFunc(f.get(mv), func(v string) bool { return slices.Contains(vals, v) })
		}, nil
	case op != nil && op.kind == '=':
	case op != nil && op.kind == 'w':
		return nil, fmt.Errorf("the operator %q at offset %d is not supported (=, == and in are)", op.text, op.pos)
	default:
		return nil, p.unexpected(op, "=, == or in")
	}
	if t := p.peek(); t != nil && (t.kind == '(' || t.kind == '[') {
		if f.mode != 'r' {
			return nil, fmt.Errorf("%s does not support range queries; only utcCreate and utcModified do", f.name)
		}
		return p.rangeCond(f)
	}
	switch f.mode {
	case 'r':
		return nil, fmt.Errorf("%s supports range queries only: %s = (from,to) in epoch milliseconds", f.name, f.name)
	case 'l':
		return nil, fmt.Errorf("%s supports multi-value queries only: %s in ('a','b')", f.name, f.name)
	}
	v, err := p.value(f)
	if err != nil {
		return nil, err
	}
	if f.mode == 'f' {
		if n := utf8.RuneCountInString(v); n > 60 {
			return nil, fmt.Errorf("a fuzzy match on %s has at most 60 characters, got %d", f.name, n)
		}
		lv := strings.ToLower(v)
		return func(mv *mediaView) bool { return strings.Contains(strings.ToLower(f.get(mv)[0]), lv) }, nil
	}
	return func(mv *mediaView) bool { return slices.Contains(f.get(mv), v) }, nil
}

// value reads one value of field f: a quoted string, or a bare number for
// an integer field.
func (p *matchParser) value(f searchField) (string, error) {
	t := p.next()
	if t == nil || (t.kind != 's' && t.kind != 'w') {
		return "", p.unexpected(t, "a quoted value")
	}
	if t.kind == 'w' && !f.isInt {
		return "", fmt.Errorf("the value %s of %s must be quoted: %s == '%s'", t.text, f.name, f.name, t.text)
	}
	if f.isInt {
		if _, err := strconv.ParseInt(t.text, 10, 64); err != nil {
			return "", fmt.Errorf("%s takes integers, got %q", f.name, t.text)
		}
	}
	if f.name == "mediaType" && !slices.Contains([]string{"image", "video", "audio", "text"}, t.text) {
		return "", fmt.Errorf("mediaType is image, video, audio or text, got %q", t.text)
	}
	return t.text, nil
}

func (p *matchParser) list(f searchField) ([]string, error) {
	if _, err := p.expect('(', "( after in"); err != nil {
		return nil, err
	}
	var vals []string
	for {
		v, err := p.value(f)
		if err != nil {
			return nil, err
		}
		vals = append(vals, v)
		t := p.next()
		if t != nil && t.kind == ')' {
			return vals, nil
		}
		if t == nil || t.kind != ',' {
			return nil, p.unexpected(t, ", or )")
		}
	}
}

// rangeCond reads (from,to) with ( ) open and [ ] closed ends; an empty
// quoted bound or an absent one leaves that side open.
func (p *matchParser) rangeCond(f searchField) (searchPredicate, error) {
	open := p.next()
	var bounds [2]*int64
	for i := range 2 {
		t := p.peek()
		if t != nil && (t.kind == 's' || t.kind == 'w') {
			p.next()
			if t.text != "" {
				n, err := strconv.ParseInt(t.text, 10, 64)
				if err != nil {
					return nil, fmt.Errorf("%s bounds are epoch milliseconds, got %q", f.name, t.text)
				}
				bounds[i] = &n
			}
		}
		if i == 0 {
			if _, err := p.expect(',', "a comma between the range's bounds"); err != nil {
				return nil, err
			}
		}
	}
	end := p.next()
	if end == nil || (end.kind != ')' && end.kind != ']') {
		return nil, p.unexpected(end, ") or ]")
	}
	loIn, hiIn := open.kind == '[', end.kind == ']'
	return func(mv *mediaView) bool {
		n, _ := strconv.ParseInt(f.get(mv)[0], 10, 64)
		if lo := bounds[0]; lo != nil && (n < *lo || n == *lo && !loIn) {
			return false
		}
		if hi := bounds[1]; hi != nil && (n > *hi || n == *hi && !hiIn) {
			return false
		}
		return true
	}, nil
}

type searchMediaInfo struct {
	MediaId        string           `json:"MediaId"`
	MediaBasicInfo libraryBasicInfo `json:"MediaBasicInfo"`
	FileInfoList   []fileInfoBody   `json:"FileInfoList,omitempty"`
}

type searchMediaResponse struct {
	meta
	Code          string            `json:"Code"`
	Success       string            `json:"Success"`
	Total         int64             `json:"Total"`
	MediaInfoList []searchMediaInfo `json:"MediaInfoList"`
}

// searchSorts are the SortBy values SearchMedia supports.
var searchSorts = map[string]bool{"utcCreate:Desc": true, "utcCreate:Asc": true, "utcModified:Desc": true, "utcModified:Asc": true}

// searchMedia answers one page (PageNo from 1, PageSize 1-50, default 10)
// of the tenant's media matching Match, sorted by SortBy (default
// utcCreate:Desc; ties by MediaId).
func (s *Server) searchMedia(c *call) (response, error) {
	p := c.Params
	for _, name := range []string{"ScrollToken", "SearchLibName", "EntityId", "CustomFilters"} {
		if p.Get(name) != "" {
			return nil, invalidParameter(name, "icefake does not support %s (docs/fidelity.md \"Media library\"); leave it empty.", name)
		}
	}
	pred, typed, err := parseMatch(p.Get("Match"))
	if err != nil {
		return nil, invalidParameter("Match", "%s.", err)
	}
	page, err := intParam(c, "PageNo", 1, 1, 1<<31-1)
	if err != nil {
		return nil, err
	}
	size, err := intParam(c, "PageSize", 10, 1, 50)
	if err != nil {
		return nil, err
	}
	sorts := splitCommaIDs(p.Get("SortBy"))
	if len(sorts) == 0 {
		sorts = []string{"utcCreate:Desc"}
	}
	for _, so := range sorts {
		if !searchSorts[so] {
			return nil, invalidParameter("SortBy", "%q is not supported; use utcCreate:Desc, utcCreate:Asc, utcModified:Desc or utcModified:Asc.", so)
		}
	}
	region := s.Region()
	s.store.mu.RLock()
	views := s.store.libraryViews(c.Tenant, c.Now)
	s.store.mu.RUnlock()
	var hits []*mediaView
	for i := range views {
		mv := &views[i]
		if (typed || mv.MediaType == "video") && pred(mv) {
			hits = append(hits, mv)
		}
	}
	slices.SortStableFunc(hits, func(a, b *mediaView) int {
		for _, so := range sorts {
			field, dir, _ := strings.Cut(so, ":")
			ta, tb := a.CreateTime, b.CreateTime
			if field == "utcModified" {
				ta, tb = a.ModifiedTime, b.ModifiedTime
			}
			if d := ta.Compare(tb); d != 0 {
				if dir == "Desc" {
					return -d
				}
				return d
			}
		}
		return 0
	})
	out := &searchMediaResponse{Code: "200", Success: "true", Total: int64(len(hits)), MediaInfoList: []searchMediaInfo{}}
	for i := (page - 1) * size; i < len(hits) && i < page*size; i++ {
		info := hits[i].library(region, true, false)
		out.MediaInfoList = append(out.MediaInfoList, searchMediaInfo{MediaId: info.MediaId, MediaBasicInfo: info.MediaBasicInfo, FileInfoList: info.FileInfoList})
	}
	return out, nil
}

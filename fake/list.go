package fake

import (
	"crypto/sha256"
	"encoding/binary"
	"strconv"
	"strings"
	"time"
)

type listResponse struct {
	meta
	MaxResults  int        `json:"MaxResults"`
	NextToken   string     `json:"NextToken,omitempty"`
	ProjectList []listItem `json:"ProjectList"`
}

// listEditingProjects answers one page of the tenant's live projects
// matching the filters (ICE API reference: ListEditingProjects, docs/fidelity.md "Lifecycle") with token paging. The token
// is a cursor on (creation second, creation order) of the page's last
// project, so pages stay stable while projects are created or deleted
// between calls, and it is bound to the tenant, the filters and SortBy.
func (s *Server) listEditingProjects(c *call) (response, error) {
	s.settleJobs(c.Tenant) // finished jobs' projects read Produced/ProduceFailed
	f, err := parseProjectFilter(c)
	if err != nil {
		return nil, err
	}
	f.keyword = strings.ToLower(c.Params.Get("Keyword"))
	desc, err := parseSortBy(c)
	if err != nil {
		return nil, err
	}
	size, err := intParam(c, "MaxResults", 10, 1, 100)
	if err != nil {
		return nil, err
	}
	binding := listBinding(c.Tenant, &f, desc)
	var from *listCursor
	if tok := c.Params.Get("NextToken"); tok != "" {
		cur, err := decodeListToken(tok, binding, c.Now, s.cfg.pageTokenTTL, s.tokenKey)
		if err != nil {
			return nil, err
		}
		from = &cur
	}
	res := &listResponse{MaxResults: size, ProjectList: []listItem{}}
	s.store.withProjectSeq(c.Tenant, func(sq *projectSeq) {
		lo, hi := sq.timeRange(&f)
		if from != nil {
			if desc {
				hi = min(hi, sq.before(*from))
			} else {
				lo = max(lo, sq.after(*from))
			}
		}
		var last *projectRec
		more := false
		sq.walk(lo, hi, desc, &f, 0, func(p *projectRec) bool {
			if len(res.ProjectList) == size {
				more = true
				return false
			}
			res.ProjectList = append(res.ProjectList, newListItem(p))
			last = p
			return true
		})
		if more {
			res.NextToken = encodeListToken(sq.cursorOf(last), binding, c.Now, s.tokenKey)
		}
	})
	return res, nil
}

// listBinding digests what a NextToken is bound to: the tenant, the filters
// (normalized: Status as a set, times as seconds, Keyword lower-cased) and
// the sort order. MaxResults may change between pages.
func listBinding(tenant string, f *projectFilter, desc bool) uint32 {
	h := sha256.New()
	for _, part := range []string{
		tenant,
		strconv.FormatInt(f.from, 10), strconv.FormatInt(f.to, 10),
		strconv.FormatUint(uint64(f.statuses), 10),
		f.createSource, f.templateType, f.projectType, f.keyword,
		strconv.FormatBool(desc),
	} {
		h.Write([]byte(strconv.Itoa(len(part))))
		h.Write([]byte{':'})
		h.Write([]byte(part))
	}
	return binary.BigEndian.Uint32(h.Sum(nil))
}

// A ListEditingProjects NextToken is a page token (page_token.go) whose
// cursor is the last project's creation second (8 bytes) and position (4):
// 32 bytes in all.
const (
	listCursorLen = 12
	listTokenLen  = pageTokenHead + listCursorLen + pageTokenMAC
)

func encodeListToken(c listCursor, binding uint32, now time.Time, key []byte) string {
	var cur [listCursorLen]byte
	binary.BigEndian.PutUint64(cur[0:8], uint64(c.sec))
	binary.BigEndian.PutUint32(cur[8:12], uint32(c.pos))
	return sealPageToken(binding, now, cur[:], key)
}

func decodeListToken(tok string, binding uint32, now time.Time, ttl time.Duration, key []byte) (listCursor, error) {
	cur, err := openPageToken(tok, binding, now, ttl, key, "StartTime, EndTime, Status, CreateSource, TemplateType, ProjectType, Keyword and SortBy")
	if err != nil {
		return listCursor{}, err
	}
	if len(cur) != listCursorLen {
		return listCursor{}, malformedPageToken()
	}
	return listCursor{sec: int64(binary.BigEndian.Uint64(cur[0:8])), pos: int64(binary.BigEndian.Uint32(cur[8:12]))}, nil
}

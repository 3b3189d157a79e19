package fake

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
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
		var last *Project
		more := false
		sq.walk(lo, hi, desc, &f, 0, func(p *Project) bool {
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

// A NextToken is 32 bytes in standard base64 (opaque, like the documented
// examples such as 8EqYpQbZ6Eh7+Zz8DxVYoQ==, which are 16): the binding (4
// bytes), the cursor's creation second (8) and position (4), the
// virtual-clock second it was issued at (8), big-endian, and 8 bytes of
// HMAC-SHA256 over those with the server's token key, so an edited token is
// refused rather than read.
const (
	listTokenPayload = 24
	listTokenLen     = listTokenPayload + 8
)

func listTokenMAC(key, payload []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write(payload)
	return m.Sum(nil)[:listTokenLen-listTokenPayload]
}

// DefaultPageTokenTTL is how long (on the virtual clock) a NextToken stays
// valid unless WithPageTokenTTL says otherwise. The service's own expiry is
// UNCONFIRMED.
const DefaultPageTokenTTL = time.Hour

func encodeListToken(c listCursor, binding uint32, now time.Time, key []byte) string {
	var b [listTokenLen]byte
	binary.BigEndian.PutUint32(b[0:4], binding)
	binary.BigEndian.PutUint64(b[4:12], uint64(c.sec))
	binary.BigEndian.PutUint32(b[12:16], uint32(c.pos))
	binary.BigEndian.PutUint64(b[16:24], uint64(now.Unix()))
	copy(b[listTokenPayload:], listTokenMAC(key, b[:listTokenPayload]))
	return base64.StdEncoding.EncodeToString(b[:])
}

func decodeListToken(tok string, binding uint32, now time.Time, ttl time.Duration, key []byte) (listCursor, error) {
	b, err := base64.StdEncoding.DecodeString(tok)
	if err != nil || len(b) != listTokenLen || !hmac.Equal(b[listTokenPayload:], listTokenMAC(key, b[:listTokenPayload])) {
		return listCursor{}, invalidParameter("NextToken", "The token is malformed; pass the NextToken of the previous page as it was returned (URL-encoded: it may hold + and /).")
	}
	if issued := time.Unix(int64(binary.BigEndian.Uint64(b[16:24])), 0); ttl > 0 && now.Sub(issued) > ttl {
		return listCursor{}, invalidParameter("NextToken", "The token has expired (issued %s, valid for %s); start again from the first page.", wireTime(issued), ttl)
	}
	if binary.BigEndian.Uint32(b[0:4]) != binding {
		return listCursor{}, invalidParameter("NextToken", "The token was issued to another tenant or for other filters; pass the same StartTime, EndTime, Status, CreateSource, TemplateType, ProjectType, Keyword and SortBy as on the first page.")
	}
	return listCursor{sec: int64(binary.BigEndian.Uint64(b[4:12])), pos: int64(binary.BigEndian.Uint32(b[12:16]))}, nil
}

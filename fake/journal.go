package fake

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
)

// DefaultJournalSize is how many calls the journal keeps unless
// WithJournalSize says otherwise.
const DefaultJournalSize = 10000

// Call is one journalled API call: what the client sent and why icefake
// answered as it did.
type Call struct {
	Time      time.Time         // virtual-clock time of arrival
	RequestId string            // as answered
	Method    string            // GET or POST
	Tenant    string            // the caller's AccessKeyId
	Action    string            // "" when the request had none
	Params    map[string]string // operation parameters (first value each), secrets redacted
	Status    int               // HTTP status answered
	Code      string            // error Code, "" on success
	Message   string            // error Message, "" on success
	Auth      string            // authentication verdict, e.g. "V1 ok", "V3 SignatureDoesNotMatch: …"
	Fault     string            // the scripted fault that fired, if any
	Stub      string            // the stub rule that answered ("stub 3"), if any
	Problem   string            // one-line reason for an error answer
	// Ignored names the parameters the call carried that its Action does
	// not have, which icefake ignores as the gateway does (sorted; at most
	// 10, each cut to 64 bytes); their values are never kept.
	Ignored []string      `json:",omitempty"`
	Latency time.Duration // time spent serving
}

// heldCall is a Call as the journal holds it. The lazy form lives here,
// not in Call, so that Call keeps only exported fields (go-cmp and the like
// compare it without options).
type heldCall struct {
	Call
	// params, when not nil, stands for Params until the journal is read:
	// keptParams' copy, every first value within the entry's budget and no
	// name redacted, so Params is {name: first value} of its non-empty
	// names (journalEntry; the journal fills Params in when read).
	params url.Values
	// size is entryBytes when added, kept so a drop need not recount.
	size int
}

// redacted parameters never reach the journal in clear.
var redacted = map[string]bool{"Signature": true, "SecurityToken": true, "AccessKeySecret": true}

// MaxJournalValue is how much of one parameter value (or Message, Problem,
// Auth) the journal keeps; a longer value (a huge Timeline) is cut, with its
// full length noted, so the bounded journal stays bounded in bytes too.
const MaxJournalValue = 64 << 10

// MaxJournalEntry bounds the bytes one journalled call keeps in all: its
// Message, Problem, Auth, Fault and parameter values, filled in that order
// (parameters by name), each cut to what is left of this budget.
const MaxJournalEntry = 256 << 10

// DefaultJournalBytes bounds the bytes the whole journal keeps unless
// WithJournalBytes says otherwise; past it the oldest calls are dropped
// (counted in DroppedCalls) as they are past the journal size.
const DefaultJournalBytes = 64 << 20

// journalOverhead is what one entry costs beyond its strings (the Call
// struct, map headers), for the byte budget.
const journalOverhead = 256

// clipper copies strings into a journal entry within its byte budget, so
// the entry never shares memory with the request.
type clipper struct{ left int }

func (c *clipper) clip(v string) string {
	n := min(len(v), MaxJournalValue, max(c.left, 0))
	c.left -= n
	if n == len(v) {
		return strings.Clone(v)
	}
	return strings.Clone(v[:n]) + fmt.Sprintf("…(%d bytes in all)", len(v))
}

// keep is clip for a string the entry may share: one that is not part of
// the request (a copy keptParams made, the route's Action name, a verdict
// the server built), so only a cut needs a new string.
func (c *clipper) keep(v string) string {
	if len(v) <= MaxJournalValue && len(v) <= c.left {
		c.left -= len(v)
		return v
	}
	return c.clip(v)
}

// journalEntry builds the Call the journal keeps: secrets redacted, every
// string cut to the entry's budget (MaxJournalEntry) and none sharing memory
// with the request. p is keptParams' copy of the parameters, whose names and
// values are shared, not copied again; c.Action is copied unless it is
// action (the route's own name); c.Auth is the server's verdict.
func journalEntry(c Call, p url.Values, action string) heldCall {
	cl := &clipper{left: MaxJournalEntry}
	c.Message = cl.clip(c.Message)
	c.Problem = cl.clip(c.Problem)
	c.Auth = cl.keep(c.Auth)
	c.Fault = cl.clip(c.Fault)
	c.Tenant = cl.clip(c.Tenant)
	if c.Action == action {
		c.Action = cl.keep(action)
	} else {
		c.Action = cl.clip(c.Action)
	}
	if len(p) > 0 && lazyParams(p, cl.left) {
		return heldCall{Call: c, params: p}
	}
	c.Params = eagerParams(cl, p)
	return heldCall{Call: c}
}

// eagerParams is the journal's Params of p: each name's first value, within
// cl's budget, secrets redacted.
func eagerParams(cl *clipper, p url.Values) map[string]string {
	out := make(map[string]string, len(p))
	var buf [16]string
	keys := buf[:0]
	for k := range p {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		v := p[k]
		if len(v) == 0 {
			continue
		}
		if redacted[k] {
			out[k] = "<redacted>"
			continue
		}
		out[k] = cl.keep(v[0])
	}
	return out
}

// lazyParams reports whether journalEntry may keep p as it is and build
// Params when the journal is read: no name is redacted and every first
// value is kept whole (cl.keep would return each unchanged) within left.
func lazyParams(p url.Values, left int) bool {
	for k, v := range p {
		if len(v) == 0 {
			continue
		}
		if redacted[k] || len(v[0]) > MaxJournalValue || len(v[0]) > left {
			return false
		}
		left -= len(v[0])
	}
	return true
}

// fillParams sets c.Params from c.params (journalEntry's lazy form).
func fillParams(c *heldCall) {
	if c.params == nil {
		return
	}
	c.Params = make(map[string]string, len(c.params))
	for k, v := range c.params {
		if len(v) > 0 {
			c.Params[k] = v[0]
		}
	}
	c.params = nil
}

// entryBytes is what c counts against the journal's byte budget.
func entryBytes(c *heldCall) int {
	n := journalOverhead + len(c.RequestId) + len(c.Method) + len(c.Tenant) + len(c.Action) +
		len(c.Code) + len(c.Message) + len(c.Auth) + len(c.Fault) + len(c.Problem)
	for k, v := range c.Params {
		n += len(k) + len(v) + 16
	}
	for k, v := range c.params {
		if len(v) > 0 {
			n += len(k) + len(v[0]) + 16
		}
	}
	for _, k := range c.Ignored {
		n += len(k) + 16
	}
	return n
}

// journal is a bounded ring of calls, bounded in count and in bytes; the
// oldest are dropped. The ring grows (doubling) as calls come, up to max,
// so a server that sees few calls never allocates the whole bound.
type journal struct {
	mu       sync.Mutex
	ring     []heldCall
	head     int // index of the oldest call
	n        int // calls held
	bytes    int // entryBytes of the calls held
	max      int // calls held at most (WithJournalSize)
	maxBytes int
	dropped  int
}

// journalInitial is the ring's first capacity.
const journalInitial = 16

func newJournal(size, maxBytes int) *journal {
	return &journal{ring: make([]heldCall, min(size, journalInitial)), max: size, maxBytes: maxBytes}
}

// growLocked doubles the ring (up to max), oldest call first.
func (j *journal) growLocked() {
	grown := make([]heldCall, min(2*len(j.ring), j.max))
	copy(grown, j.heldLocked())
	j.ring, j.head = grown, 0
}

func (j *journal) add(c *heldCall) {
	c.size = entryBytes(c)
	j.mu.Lock()
	defer j.mu.Unlock()
	for j.n > 0 && (j.n == j.max || j.bytes+c.size > j.maxBytes) {
		j.dropOldestLocked()
	}
	if j.n == len(j.ring) {
		j.growLocked()
	}
	j.ring[(j.head+j.n)%len(j.ring)] = *c
	j.n++
	j.bytes += c.size
}

func (j *journal) dropOldestLocked() {
	j.bytes -= j.ring[j.head].size
	j.ring[j.head] = heldCall{}
	j.head = (j.head + 1) % len(j.ring)
	j.n--
	j.dropped++
}

// calls returns the journalled calls, oldest first.
func (j *journal) calls() []Call {
	j.mu.Lock()
	defer j.mu.Unlock()
	out := make([]Call, j.n)
	for i := range j.n {
		c := &j.ring[(j.head+i)%len(j.ring)]
		fillParams(c)
		out[i] = c.Call
	}
	return out
}

// heldLocked copies the held calls, oldest first, as they are held (Params
// maybe not filled in yet).
func (j *journal) heldLocked() []heldCall {
	out := make([]heldCall, 0, j.n)
	end := j.head + j.n
	if end <= len(j.ring) {
		return append(out, j.ring[j.head:end]...)
	}
	out = append(out, j.ring[j.head:]...)
	return append(out, j.ring[:end-len(j.ring)]...)
}

func (j *journal) clear() {
	j.mu.Lock()
	defer j.mu.Unlock()
	clear(j.ring)
	j.head, j.n, j.bytes, j.dropped = 0, 0, 0, 0
}

// JournalStats is the journal's occupancy (Server.JournalStats, GET
// /_icefake/state).
type JournalStats struct {
	Entries  int `json:"entries"`  // calls held
	Bytes    int `json:"bytes"`    // their approximate size
	MaxCalls int `json:"maxCalls"` // WithJournalSize
	MaxBytes int `json:"maxBytes"` // WithJournalBytes
	Dropped  int `json:"dropped"`  // calls dropped (oldest first) since the last clear
}

// JournalStats returns how full the journal is and how many calls it has
// dropped to stay within its size and byte bounds.
func (s *Server) JournalStats() JournalStats {
	j := s.journal
	j.mu.Lock()
	defer j.mu.Unlock()
	return JournalStats{Entries: j.n, Bytes: j.bytes, MaxCalls: j.max, MaxBytes: j.maxBytes, Dropped: j.dropped}
}

// Calls returns the journalled calls, oldest first. When action names are
// given, only calls of those Actions.
func (s *Server) Calls(action ...string) []Call {
	all := s.journal.calls()
	if len(action) == 0 {
		return all
	}
	want := map[string]bool{}
	for _, a := range action {
		want[a] = true
	}
	out := all[:0]
	for _, c := range all {
		if want[c.Action] {
			out = append(out, c)
		}
	}
	return out
}

// CallCount returns how many journalled calls had the given Action.
func (s *Server) CallCount(action string) int { return len(s.Calls(action)) }

// DroppedCalls returns how many calls the bounded journal has dropped.
func (s *Server) DroppedCalls() int {
	s.journal.mu.Lock()
	defer s.journal.mu.Unlock()
	return s.journal.dropped
}

// removeTenant drops tenant's calls, keeping the others in order.
func (j *journal) removeTenant(tenant string) {
	j.mu.Lock()
	defer j.mu.Unlock()
	keep := j.heldLocked()
	clear(j.ring)
	j.head, j.n, j.bytes = 0, 0, 0
	for _, c := range keep {
		if c.Tenant == tenant {
			continue
		}
		j.ring[j.n] = c
		j.bytes += c.size
		j.n++
	}
}

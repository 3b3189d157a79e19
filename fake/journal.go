package fake

import (
	"fmt"
	"net/url"
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
	Problem   string            // one-line reason for an error answer
	Latency   time.Duration     // time spent serving
}

// redacted parameters never reach the journal in clear.
var redacted = map[string]bool{"Signature": true, "SecurityToken": true, "AccessKeySecret": true}

func redact(p url.Values) map[string]string {
	out := make(map[string]string, len(p))
	for k, v := range p {
		if len(v) == 0 {
			continue
		}
		if redacted[k] {
			out[k] = "<redacted>"
			continue
		}
		out[k] = clipParam(v[0])
	}
	return out
}

// MaxJournalValue is how much of one parameter value the journal keeps; a
// longer value (a huge Timeline) is cut, with its full length noted, so the
// bounded journal stays bounded in bytes too.
const MaxJournalValue = 64 << 10

func clipParam(v string) string {
	if len(v) <= MaxJournalValue {
		return v
	}
	return v[:MaxJournalValue] + fmt.Sprintf("…(%d bytes in all)", len(v))
}

// journal is a bounded ring of calls; the oldest are dropped. The ring
// grows as calls come, up to size, so a server that sees few calls (a
// test's) does not pay for the whole ring up front.
type journal struct {
	mu      sync.Mutex
	ring    []Call
	size    int
	next    int
	full    bool
	dropped int
}

func newJournal(size int) *journal { return &journal{size: size} }

func (j *journal) add(c Call) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.full {
		j.dropped++
	}
	if len(j.ring) < j.size {
		j.ring = append(j.ring, c)
	} else {
		j.ring[j.next] = c
	}
	j.next++
	if j.next == j.size {
		j.next, j.full = 0, true
	}
}

// calls returns the journalled calls, oldest first.
func (j *journal) calls() []Call {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.callsLocked()
}

func (j *journal) callsLocked() []Call {
	if !j.full {
		return append([]Call(nil), j.ring[:j.next]...)
	}
	out := make([]Call, 0, len(j.ring))
	out = append(out, j.ring[j.next:]...)
	return append(out, j.ring[:j.next]...)
}

func (j *journal) clear() {
	j.mu.Lock()
	defer j.mu.Unlock()
	clear(j.ring)
	j.ring = j.ring[:0]
	j.next, j.full, j.dropped = 0, false, 0
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
	keep := j.callsLocked()
	clear(j.ring)
	j.next, j.full = 0, false
	for _, c := range keep {
		if c.Tenant == tenant {
			continue
		}
		j.ring[j.next] = c
		j.next++
	}
}

package fake

import (
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// Stub is a canned answer for one Action of the merged spec (an Action
// icefake implements or one it only knows from the SDK's model), the same
// model as a scenario file's stubs. Of the calls that pass validation and
// match (Tenant, Match), the first After go on as if there were no stub
// (to the handler, or 501 NotImplemented); the next Times get Response
// (every later one when Times is 0). Faults fire before stubs.
//
// Response is the 200 body without RequestId (icefake fills it in); it is
// checked at InjectStub against the Action's response schema: unknown
// fields and wrong types are errors. A string value may contain
// ${Param}, replaced by the request's value of that parameter of the
// Action ("" when the call has none).
type Stub struct {
	// Action is the Action answered (required; an Action of the merged spec).
	Action string `json:"action"`
	// Tenant limits the stub to one AccessKeyId's calls; "" = every tenant.
	Tenant string `json:"tenant,omitempty"`
	// Match holds exact parameter values a call must carry (optional).
	Match map[string]string `json:"match,omitempty"`
	// After is how many matching calls go on unstubbed first (default 0).
	After int `json:"after,omitempty"`
	// Times is how many matching calls then get Response; 0 = all of them.
	Times int `json:"times,omitempty"`
	// Response is the 200 body, as JSON would encode it.
	Response map[string]any `json:"response"`
}

// StubInfo is a stub rule with its id, how many matching calls it has
// counted, how many it answered, and which scenario added it ("" for the Go
// and HTTP API).
type StubInfo struct {
	ID       int    `json:"id"`
	Stub     Stub   `json:"rule"`
	Seen     int    `json:"seen"`
	Answered int    `json:"answered"`
	Source   string `json:"source"`
}

type stubRule struct {
	id       int
	st       Stub
	seen     int
	answered int
	source   string
}

type stubSet struct {
	mu     sync.Mutex
	rules  []*stubRule
	nextID int
}

// stubParamRE finds ${Param} in stub strings.
var stubParamRE = regexp.MustCompile(`\$\{([A-Za-z0-9_.]+)\}`)

func (st Stub) validate() error {
	rt, err := lookupRoute(st.Action)
	if err != nil {
		return err
	}
	if rt == nil {
		return fmt.Errorf("icefake: stub: unknown Action %q (not in the ICE SDK's model)", st.Action)
	}
	if st.After < 0 || st.Times < 0 {
		return fmt.Errorf("icefake: stub for %s: After and Times must not be negative", st.Action)
	}
	params := map[string]bool{}
	for _, p := range rt.op.Parameters {
		params[p.Value.Name] = true
	}
	for _, k := range sortedKeys(st.Match) {
		if !params[k] {
			return fmt.Errorf("icefake: stub for %s: Match %q is not a parameter of %s", st.Action, k, st.Action)
		}
	}
	if st.Response == nil {
		return fmt.Errorf("icefake: stub for %s: needs a Response (an object; {} for only the RequestId)", st.Action)
	}
	problems, err := iceSpec().CheckResponseBody(st.Action, st.Response)
	if err != nil {
		return fmt.Errorf("icefake: stub for %s: %w", st.Action, err)
	}
	if len(problems) > 0 {
		msgs := make([]string, len(problems))
		for i, p := range problems {
			msgs[i] = p.String()
		}
		return fmt.Errorf("icefake: stub for %s: the response does not fit %s's response schema: %s", st.Action, st.Action, strings.Join(msgs, "; "))
	}
	var bad []string
	walkStrings(st.Response, func(s string) {
		for _, m := range stubParamRE.FindAllStringSubmatch(s, -1) {
			if !params[m[1]] {
				bad = append(bad, m[1])
			}
		}
	})
	if len(bad) > 0 {
		sort.Strings(bad)
		return fmt.Errorf("icefake: stub for %s: ${%s} is not a parameter of %s", st.Action, bad[0], st.Action)
	}
	return nil
}

// walkStrings calls f with every string value under v.
func walkStrings(v any, f func(string)) {
	switch v := v.(type) {
	case string:
		f(v)
	case map[string]any:
		for _, e := range v {
			walkStrings(e, f)
		}
	case []any:
		for _, e := range v {
			walkStrings(e, f)
		}
	}
}

// WithStubs adds stub rules from the start (see Stub). Default: none.
func WithStubs(st ...Stub) Option {
	return func(c *config) { c.stubs = append(c.stubs, st...) }
}

// InjectStub adds a stub rule and returns a function that removes it. It
// errors for an unknown Action, a Match key that is not a parameter of it,
// or a Response its response schema rejects (every problem named by its
// JSON path).
func (s *Server) InjectStub(st Stub) (remove func(), err error) {
	id, err := s.injectStub(st, "")
	if err != nil {
		return nil, err
	}
	return func() { s.RemoveStub(id) }, nil
}

func (s *Server) injectStub(st Stub, source string) (int, error) {
	if err := st.validate(); err != nil {
		return 0, err
	}
	// Keep a private copy: the caller's maps may change later.
	st.Match = maps.Clone(st.Match)
	data, _ := json.Marshal(st.Response) // validate encoded it already
	st.Response = nil
	_ = json.Unmarshal(data, &st.Response)
	ss := s.stubs
	ss.mu.Lock()
	defer ss.mu.Unlock()
	ss.nextID++
	ss.rules = append(ss.rules, &stubRule{id: ss.nextID, st: st, source: source})
	return ss.nextID, nil
}

// Stubs returns the stub rules in the order they are checked. Twin of
// GET /_icefake/stubs.
func (s *Server) Stubs() []StubInfo {
	s.adminState() // tags the rules of scenarios applied at start
	ss := s.stubs
	ss.mu.Lock()
	defer ss.mu.Unlock()
	out := make([]StubInfo, 0, len(ss.rules))
	for _, r := range ss.rules {
		out = append(out, StubInfo{ID: r.id, Stub: r.st, Seen: r.seen, Answered: r.answered, Source: r.source})
	}
	return out
}

// RemoveStub removes the stub rule with this id (StubInfo.ID) and reports
// whether there was one. Twin of DELETE /_icefake/stubs/{id}.
func (s *Server) RemoveStub(id int) bool {
	ss := s.stubs
	ss.mu.Lock()
	defer ss.mu.Unlock()
	for i, r := range ss.rules {
		if r.id == id {
			ss.rules = append(ss.rules[:i], ss.rules[i+1:]...)
			return true
		}
	}
	return false
}

// ClearStubs removes every stub rule. Twin of DELETE /_icefake/stubs.
func (s *Server) ClearStubs() {
	s.stubs.mu.Lock()
	defer s.stubs.mu.Unlock()
	s.stubs.rules = nil
}

func (ss *stubSet) removeSource(source string) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	keep := ss.rules[:0]
	for _, r := range ss.rules {
		if r.source != source {
			keep = append(keep, r)
		}
	}
	clear(ss.rules[len(keep):])
	ss.rules = keep
}

// resetSeen zeroes the counters of every rule, or of the rules scoped to
// tenant (Reset, ResetTenant).
func (ss *stubSet) resetSeen(tenant string) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	for _, r := range ss.rules {
		if tenant == "" || r.st.Tenant == tenant {
			r.seen, r.answered = 0, 0
		}
	}
}

// pick counts the call against every matching rule and returns the
// response of the first that answers it, with the rule's id.
func (ss *stubSet) pick(c *call) (map[string]any, int, bool) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	var (
		hit   *stubRule
		fired bool
	)
	for _, r := range ss.rules {
		if r.st.Action != c.Action || (r.st.Tenant != "" && r.st.Tenant != c.Tenant) || !matchParams(r.st.Match, c) {
			continue
		}
		r.seen++
		if fired {
			continue
		}
		if k := r.seen - r.st.After; k > 0 && (r.st.Times == 0 || k <= r.st.Times) {
			r.answered++
			hit, fired = r, true
		}
	}
	if !fired {
		return nil, 0, false
	}
	return hit.st.Response, hit.id, true
}

func matchParams(match map[string]string, c *call) bool {
	for k, v := range match {
		got, ok := c.Params[k]
		if !ok || len(got) == 0 || got[0] != v {
			return false
		}
	}
	return true
}

// stubbed is a stub's answer: the canned body with ${Param} filled from
// the call, and the RequestId.
type stubbed struct {
	body      map[string]any
	params    map[string][]string
	requestID string
}

func (r *stubbed) setRequestID(id string) { r.requestID = id }

// MarshalJSON writes RequestId first, then the canned fields.
func (r *stubbed) MarshalJSON() ([]byte, error) {
	out := fill(r.body, r.params).(map[string]any)
	out["RequestId"] = r.requestID
	return json.Marshal(out)
}

// fill copies v with ${Param} in strings replaced by the call's values.
func fill(v any, params map[string][]string) any {
	switch v := v.(type) {
	case string:
		return stubParamRE.ReplaceAllStringFunc(v, func(m string) string {
			if vs := params[m[2:len(m)-1]]; len(vs) > 0 {
				return vs[0]
			}
			return ""
		})
	case map[string]any:
		out := make(map[string]any, len(v)+1)
		for k, e := range v {
			out[k] = fill(e, params)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = fill(e, params)
		}
		return out
	}
	return v
}

// applyStub answers the call from a stub rule, if one fires; the journal
// entry names the rule.
func (s *Server) applyStub(c *call) (response, bool) {
	body, id, ok := s.stubs.pick(c)
	if !ok {
		return nil, false
	}
	c.stub = fmt.Sprintf("stub %d", id)
	return &stubbed{body: body, params: c.Params}, true
}

package fake

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Fault scripts what happens to matching calls, the same model as a
// scenario file's faults. Of the calls that match (Action, Tenant, Match,
// MatchJSON), the first After go through; then either the next Times get the
// fault's own outcome (Code/Status/Message/Delay/Transport; every later call
// when Times is 0), or, with a Sequence, the k-th call after After gets
// Sequence[k-1] and later calls go through.
//
// A fault fires after validation, before the handler (docs/architecture.md "Request pipeline"
// step 5), so an error or a dropped connection stores nothing; a truncated
// body is cut after the handler ran (the change is stored, the client cannot
// read the answer).
type Fault struct {
	// Action the fault applies to (required): any Action of the merged spec,
	// implemented, stubbed or answering 501 NotImplemented.
	Action string
	// Tenant limits the fault to one AccessKeyId's calls; "" = every tenant.
	Tenant string
	// Match holds exact parameter values a call must carry (optional).
	Match map[string]string
	// MatchJSON holds values inside JSON-carrying parameters a call must
	// carry, e.g. Timeline $.VideoTracks[0].VideoTrackClips[0].MediaId.
	MatchJSON []JSONMatch
	// From and Until bound the fault to a window of the virtual clock
	// (From inclusive, Until exclusive; zero = unbounded): an outage window.
	From, Until time.Time
	// After is how many matching calls succeed first (default 0).
	After int
	// Times is how many matching calls then get the outcome; 0 = all of
	// them. Ignored with a Sequence.
	Times int
	// Sequence gives one outcome per matching call after After, in order
	// (e.g. throttle, throttle, OK); later calls go through.
	Sequence []Outcome

	// Code is the vendor error code answered; it must be in the spec's
	// catalogue. Empty with a Delay: the call is only delayed.
	Code Code
	// Status overrides the catalogue's HTTP status (400-599); 0 = catalogue.
	Status int
	// Message overrides the catalogue's message; "" = catalogue.
	Message string
	// Delay holds the answer back this long (real time).
	Delay time.Duration
	// Transport replaces the answer with a transport-level fault.
	Transport Transport
}

// Outcome is what one call gets from a Fault's Sequence: an error (Code,
// optional Status/Message), a Delay, a Transport fault, or OK (the call goes
// through; with Delay it is only delayed).
type Outcome struct {
	OK        bool
	Code      Code
	Status    int
	Message   string
	Delay     time.Duration
	Transport Transport
}

// JSONMatch selects calls by a value inside a JSON-carrying parameter. Path
// is a JSONPath of names and indexes ($.A[0].B); Value is compared with the
// value found there, rendered as text (strings as they are, numbers and
// booleans as JSON).
type JSONMatch struct {
	Param string
	Path  string
	Value string
}

// Transport is a fault below the API: the client sees no POP answer at all.
type Transport string

// Transport faults.
const (
	// TransportDrop closes the connection before any response.
	TransportDrop Transport = "drop"
	// TransportHTML414 / 502 / 504 answer the gateway's HTML error page
	// with that status instead of a JSON envelope.
	TransportHTML414 Transport = "html414"
	TransportHTML502 Transport = "html502"
	TransportHTML504 Transport = "html504"
	// TransportTruncated cuts the JSON body in half (the handler ran).
	TransportTruncated Transport = "truncated"
)

// MaxFaultDelay bounds a scripted delay, so a typo cannot hang a client
// for hours.
const MaxFaultDelay = 10 * time.Minute

// DefaultRetryAfter is the back-off icefake advertises with throttling
// errors, in x-acs-retry-after (milliseconds) and x-ratelimit-user-api
// TimeLeft (docs/fidelity.md "State and semantics"; docs/fidelity.md "Signatures").
const DefaultRetryAfter = time.Second

// outcome returns the fault's own outcome.
func (f Fault) outcome() Outcome {
	return Outcome{Code: f.Code, Status: f.Status, Message: f.Message, Delay: f.Delay, Transport: f.Transport}
}

func (f Fault) validate() error {
	if !knownAction(f.Action) {
		return fmt.Errorf("icefake: fault: unknown Action %q (%s)", f.Action, unknownActionHint)
	}
	if !f.From.IsZero() && !f.Until.IsZero() && !f.Until.After(f.From) {
		return fmt.Errorf("icefake: fault for %s: Until must be after From", f.Action)
	}
	if f.After < 0 || f.Times < 0 {
		return fmt.Errorf("icefake: fault for %s: After and Times must not be negative", f.Action)
	}
	for _, m := range f.MatchJSON {
		if _, err := parseJSONPath(m.Path); err != nil || m.Param == "" {
			return fmt.Errorf("icefake: fault for %s: MatchJSON %s %q: needs a parameter and a path like $.A[0].B", f.Action, m.Param, m.Path)
		}
		// Only MatchJSON needs the route: a generated Action's is compiled
		// here, on first use.
		rt, err := lookupRoute(f.Action)
		if err != nil {
			return err
		}
		if !slices.Contains(rt.jsonParams, m.Param) {
			return fmt.Errorf("icefake: fault for %s: MatchJSON %q is not a JSON parameter of %s (known: %s)", f.Action, m.Param, f.Action, strings.Join(rt.jsonParams, ", "))
		}
	}
	if len(f.Sequence) > 0 {
		if f.Code != "" || f.Delay != 0 || f.Transport != "" || f.Status != 0 || f.Message != "" {
			return fmt.Errorf("icefake: fault for %s: give either a Sequence or one outcome (Code/Delay/Transport), not both", f.Action)
		}
		for i, o := range f.Sequence {
			if err := o.validate(true); err != nil {
				return fmt.Errorf("icefake: fault for %s: Sequence[%d]: %w", f.Action, i, err)
			}
		}
		return nil
	}
	if err := f.outcome().validate(false); err != nil {
		return fmt.Errorf("icefake: fault for %s: %w", f.Action, err)
	}
	return nil
}

func (o Outcome) validate(inSequence bool) error {
	switch o.Transport {
	case "", TransportDrop, TransportHTML414, TransportHTML502, TransportHTML504, TransportTruncated:
	default:
		return fmt.Errorf("unknown transport fault %q (known: drop, html414, html502, html504, truncated)", o.Transport)
	}
	if o.OK && (o.Code != "" || o.Transport != "") {
		return fmt.Errorf("an OK outcome has no Code or Transport")
	}
	if o.Code != "" && o.Transport != "" {
		return fmt.Errorf("give a Code or a Transport, not both")
	}
	if !o.OK && o.Code == "" && o.Transport == "" && (o.Delay <= 0 || inSequence) {
		if inSequence {
			return fmt.Errorf("needs OK, a Code or a Transport")
		}
		return fmt.Errorf("needs a Code, a Delay or a Transport")
	}
	if o.Code != "" {
		e, ok := iceSpec().Errors[string(o.Code)]
		if !ok {
			return fmt.Errorf("unknown error code %q (known: %s)", o.Code, strings.Join(iceSpec().Codes(), ", "))
		}
		if e.Job {
			return fmt.Errorf("%q is a media-producing job code, not an HTTP error", o.Code)
		}
	}
	if o.Status != 0 && (o.Status < 400 || o.Status > 599) {
		return fmt.Errorf("status %d is not 400-599", o.Status)
	}
	if (o.Status != 0 || o.Message != "") && o.Code == "" {
		return fmt.Errorf("a Status or Message override needs a Code")
	}
	if o.Delay < 0 || o.Delay > MaxFaultDelay {
		return fmt.Errorf("the delay must be from 0 to %s, got %s", MaxFaultDelay, o.Delay)
	}
	return nil
}

type faultRule struct {
	id     int
	f      Fault
	seen   int
	source string // the scenario that scripted the rule; "" for InjectFault (admin_control.go)
}

type faultSet struct {
	mu     sync.Mutex
	rules  []*faultRule
	nextID int
	// byAction indexes rules by Fault.Action, each list in rules' order,
	// so a call scans only its own Action's rules; reindex rebuilds it.
	byAction map[string][]*faultRule
}

// MaxFaultRules is how many fault rules a Server holds at most (InjectFault,
// scenarios, POST /_icefake/faults); past it adding one is an error
// (docs/fidelity.md "Fault rule limit").
const MaxFaultRules = 10000

// reindex rebuilds byAction from rules. Callers hold mu.
func (fs *faultSet) reindex() {
	fs.byAction = make(map[string][]*faultRule)
	for _, r := range fs.rules {
		fs.byAction[r.f.Action] = append(fs.byAction[r.f.Action], r)
	}
}

// roomFor reports an error unless n more rules fit, counting the rules of
// replacing (a scenario being reloaded) as gone.
func (fs *faultSet) roomFor(n int, replacing string) error {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	have := len(fs.rules)
	if replacing != "" {
		for _, r := range fs.rules {
			if r.source == replacing {
				have--
			}
		}
	}
	if have+n > MaxFaultRules {
		return fmt.Errorf("icefake: too many fault rules: %d in place and %d more would pass the limit of %d (docs/fidelity.md \"Fault rule limit\")", have, n, MaxFaultRules)
	}
	return nil
}

// InjectFault adds a fault rule and returns a function that removes it.
// It errors for an unknown Action or Code, or out-of-range numbers.
func (s *Server) InjectFault(f Fault) (remove func(), err error) {
	id, err := s.injectFault(f, "")
	if err != nil {
		return nil, err
	}
	return func() { s.RemoveFault(id) }, nil
}

// injectFault adds a fault rule scripted by source (a scenario's name; ""
// for the Go and HTTP API) and returns its id.
func (s *Server) injectFault(f Fault, source string) (id int, err error) {
	if err := f.validate(); err != nil {
		return 0, err
	}
	fs := s.faults
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if len(fs.rules) >= MaxFaultRules {
		return 0, fmt.Errorf("icefake: too many fault rules: %d in place, the limit (docs/fidelity.md \"Fault rule limit\")", MaxFaultRules)
	}
	fs.nextID++
	r := &faultRule{id: fs.nextID, f: f, source: source}
	fs.rules = append(fs.rules, r)
	if fs.byAction == nil {
		fs.byAction = make(map[string][]*faultRule)
	}
	fs.byAction[f.Action] = append(fs.byAction[f.Action], r)
	return fs.nextID, nil
}

// ClearFaults removes every fault rule.
func (s *Server) ClearFaults() {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.rules = nil
	s.faults.byAction = nil
}

// pick counts the call against every matching rule (so each rule's After
// and Times count the same calls whatever other rules do) and returns the
// outcome of the first rule that fires for it.
func (fs *faultSet) pick(c *call) (Fault, Outcome, int, bool) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	var (
		hitF  Fault
		hitO  Outcome
		hitN  int
		fired bool
	)
	for _, r := range fs.byAction[c.Action] {
		if r.f.Action != c.Action || (r.f.Tenant != "" && r.f.Tenant != c.Tenant) || !inWindow(r.f, c.Now) || !matches(r.f, c) {
			continue
		}
		r.seen++
		if fired {
			continue
		}
		k := r.seen - r.f.After
		switch {
		case k <= 0:
		case len(r.f.Sequence) > 0:
			if k <= len(r.f.Sequence) {
				hitF, hitO, hitN, fired = r.f, r.f.Sequence[k-1], r.seen, true
			}
		case r.f.Times == 0 || k <= r.f.Times:
			hitF, hitO, hitN, fired = r.f, r.f.outcome(), r.seen, true
		}
	}
	return hitF, hitO, hitN, fired
}

func inWindow(f Fault, now time.Time) bool {
	return (f.From.IsZero() || !now.Before(f.From)) && (f.Until.IsZero() || now.Before(f.Until))
}

func matches(f Fault, c *call) bool {
	for k, v := range f.Match {
		got, ok := c.Params[k]
		if !ok || len(got) == 0 || got[0] != v {
			return false
		}
	}
	for _, m := range f.MatchJSON {
		got, ok := jsonValueAt(c.Params.Get(m.Param), m.Path)
		if !ok || got != m.Value {
			return false
		}
	}
	return true
}

// transportFault is returned by applyFault for a fault below the API; the
// pipeline answers it instead of a POP envelope.
type transportFault struct{ kind Transport }

func (t *transportFault) Error() string { return "transport fault " + string(t.kind) }

// applyFault runs the fault scripted for this call, if any: it waits out the
// delay (or until the client goes away or the server shuts down) and returns the scripted error or
// transport fault. A truncated body is only noted on the call.
func (s *Server) applyFault(ctx context.Context, c *call) error {
	f, o, nth, ok := s.faults.pick(c)
	if !ok {
		return nil
	}
	c.fault = describeFault(f, o, nth)
	if o.Delay > 0 {
		t := time.NewTimer(o.Delay)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
		case <-s.stopping: // shutting down: answer now (BeginShutdown)
			t.Stop()
		}
	}
	switch {
	case o.Transport == TransportTruncated:
		c.truncate = true
		return nil
	case o.Transport != "":
		return &transportFault{kind: o.Transport}
	case o.OK || o.Code == "":
		return nil
	}
	e := NewError(o.Code, faultSubject(f, c))
	e.Status = o.Status
	if o.Message != "" {
		e.Message = o.Message
	}
	e.Explain = "scripted fault: " + c.fault
	if isThrottling(o.Code) {
		ms := strconv.FormatInt(DefaultRetryAfter.Milliseconds(), 10)
		e.Header = http.Header{
			"X-Acs-Retry-After":    {ms},
			"X-Ratelimit-User-Api": {"Limit:1,Remain:0,TimeLeft:" + ms + ",Reset:" + strconv.FormatInt(c.Now.Add(DefaultRetryAfter).UnixMilli(), 10)},
		}
	}
	return e
}

// faultSubject is what a scripted error's message names for its %s (e.g.
// "The specified parameter %s is not valid."): the first matched parameter,
// else the Action.
func faultSubject(f Fault, c *call) string {
	if keys := sortedKeys(f.Match); len(keys) > 0 {
		return keys[0]
	}
	if len(f.MatchJSON) > 0 {
		return f.MatchJSON[0].Param
	}
	return c.Action
}

func isThrottling(c Code) bool {
	return c == "Throttling" || c == "Throttling.User" || c == "Throttling.Api"
}

func describeFault(f Fault, o Outcome, nth int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s call #%d", f.Action, nth)
	if f.Tenant != "" {
		fmt.Fprintf(&b, " tenant=%s", f.Tenant)
	}
	for _, k := range sortedKeys(f.Match) {
		fmt.Fprintf(&b, " %s=%q", k, f.Match[k])
	}
	for _, m := range f.MatchJSON {
		fmt.Fprintf(&b, " %s%s=%q", m.Param, strings.TrimPrefix(m.Path, "$"), m.Value)
	}
	switch {
	case o.Code != "":
		fmt.Fprintf(&b, " -> %s", o.Code)
	case o.Transport != "":
		fmt.Fprintf(&b, " -> transport %s", o.Transport)
	case o.OK:
		b.WriteString(" -> ok")
	}
	if o.Delay > 0 {
		fmt.Fprintf(&b, " delay %s", o.Delay)
	}
	return b.String()
}

// resetSeen zeroes the seen counter of every rule, or only of the rules
// scoped to tenant when tenant != "" (Reset, ResetTenant): each rule then
// scripts its After, Times and Sequence from the start again.
func (fs *faultSet) resetSeen(tenant string) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for _, r := range fs.rules {
		if tenant == "" || r.f.Tenant == tenant {
			r.seen = 0
		}
	}
}

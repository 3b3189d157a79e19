package fake

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Fault scripts an error answer (and/or a delay) for matching calls, the
// same model as a scenario file's faults: the first After matching calls
// succeed, the next Times fail (every later one when Times is 0).
// A fault fires after validation, before the handler (DESIGN.md pipeline
// step 5), so a failed call stores nothing.
type Fault struct {
	// Action the fault applies to (required; an Action of the spec).
	Action string
	// Tenant limits the fault to one AccessKeyId's calls; "" = every tenant.
	Tenant string
	// Match holds exact parameter values a call must carry (optional).
	Match map[string]string
	// After is how many matching calls succeed first (default 0).
	After int
	// Times is how many matching calls then fail; 0 = all of them.
	Times int
	// Code is the vendor error code answered; it must be in the spec's
	// catalogue. Empty with a Delay: the call is only delayed.
	Code Code
	// Status overrides the catalogue's HTTP status (400-599); 0 = catalogue.
	Status int
	// Message overrides the catalogue's message; "" = catalogue.
	Message string
	// Delay holds the answer back this long (real time).
	Delay time.Duration
}

// DefaultRetryAfter is the back-off icefake advertises with throttling
// errors, in x-acs-retry-after (milliseconds) and x-ratelimit-user-api
// TimeLeft (DESIGN.md "State and semantics"; pop-protocol.md §5.2).
const DefaultRetryAfter = time.Second

func (f Fault) validate() error {
	if routes[f.Action] == nil {
		return fmt.Errorf("icefake: fault: unknown Action %q (known: %s)", f.Action, strings.Join(spec.Actions(), ", "))
	}
	if f.Code == "" && f.Delay <= 0 {
		return fmt.Errorf("icefake: fault for %s: needs a Code or a Delay", f.Action)
	}
	if f.Code != "" {
		e, ok := spec.Errors[string(f.Code)]
		if !ok {
			return fmt.Errorf("icefake: fault for %s: unknown error code %q (known: %s)", f.Action, f.Code, strings.Join(spec.Codes(), ", "))
		}
		if e.Job {
			return fmt.Errorf("icefake: fault for %s: %q is a media-producing job code, not an HTTP error", f.Action, f.Code)
		}
	}
	if f.Status != 0 && (f.Status < 400 || f.Status > 599) {
		return fmt.Errorf("icefake: fault for %s: status %d is not 400-599", f.Action, f.Status)
	}
	if f.After < 0 || f.Times < 0 || f.Delay < 0 {
		return fmt.Errorf("icefake: fault for %s: After, Times and Delay must not be negative", f.Action)
	}
	return nil
}

type faultRule struct {
	id   int
	f    Fault
	seen int
}

type faultSet struct {
	mu     sync.Mutex
	rules  []*faultRule
	nextID int
}

// InjectFault adds a fault rule and returns a function that removes it.
// It errors for an unknown Action or Code, or out-of-range numbers.
func (s *Server) InjectFault(f Fault) (remove func(), err error) {
	if err := f.validate(); err != nil {
		return nil, err
	}
	fs := s.faults
	fs.mu.Lock()
	fs.nextID++
	id := fs.nextID
	fs.rules = append(fs.rules, &faultRule{id: id, f: f})
	fs.mu.Unlock()
	return func() {
		fs.mu.Lock()
		defer fs.mu.Unlock()
		for i, r := range fs.rules {
			if r.id == id {
				fs.rules = append(fs.rules[:i], fs.rules[i+1:]...)
				return
			}
		}
	}, nil
}

// ClearFaults removes every fault rule.
func (s *Server) ClearFaults() {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.rules = nil
}

// pick counts the call against every matching rule and returns the first
// rule that fires for it.
func (fs *faultSet) pick(c *call) (Fault, int, bool) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	var (
		hit   Fault
		nth   int
		fired bool
	)
	for _, r := range fs.rules {
		if r.f.Action != c.Action || (r.f.Tenant != "" && r.f.Tenant != c.Tenant) || !matches(r.f.Match, c) {
			continue
		}
		r.seen++
		if fired || r.seen <= r.f.After || (r.f.Times > 0 && r.seen > r.f.After+r.f.Times) {
			continue
		}
		hit, nth, fired = r.f, r.seen, true
	}
	return hit, nth, fired
}

func matches(want map[string]string, c *call) bool {
	for k, v := range want {
		got, ok := c.Params[k]
		if !ok || len(got) == 0 || got[0] != v {
			return false
		}
	}
	return true
}

// applyFault runs the fault scripted for this call, if any: it waits out the
// delay (or until the client goes away) and returns the scripted error.
func (s *Server) applyFault(ctx context.Context, c *call) error {
	f, nth, ok := s.faults.pick(c)
	if !ok {
		return nil
	}
	c.fault = describeFault(f, nth)
	if f.Delay > 0 {
		t := time.NewTimer(f.Delay)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
		}
	}
	if f.Code == "" {
		return nil
	}
	e := NewError(f.Code, c.Action)
	e.Status = f.Status
	if f.Message != "" {
		e.Message = f.Message
	}
	e.Explain = "scripted fault: " + c.fault
	if isThrottling(f.Code) {
		ms := strconv.FormatInt(DefaultRetryAfter.Milliseconds(), 10)
		e.Header = http.Header{
			"X-Acs-Retry-After":    {ms},
			"X-Ratelimit-User-Api": {"Limit:1,Remain:0,TimeLeft:" + ms + ",Reset:" + strconv.FormatInt(c.Now.Add(DefaultRetryAfter).UnixMilli(), 10)},
		}
	}
	return e
}

func isThrottling(c Code) bool {
	return c == "Throttling" || c == "Throttling.User" || c == "Throttling.Api"
}

func describeFault(f Fault, nth int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s call #%d", f.Action, nth)
	if len(f.Match) > 0 {
		keys := make([]string, 0, len(f.Match))
		for k := range f.Match {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(&b, " %s=%q", k, f.Match[k])
		}
	}
	if f.Code != "" {
		fmt.Fprintf(&b, " -> %s", f.Code)
	}
	if f.Delay > 0 {
		fmt.Fprintf(&b, " delay %s", f.Delay)
	}
	return b.String()
}

func (fs *faultSet) removeTenant(tenant string) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	keep := fs.rules[:0]
	for _, r := range fs.rules {
		if r.f.Tenant != tenant {
			keep = append(keep, r)
		}
	}
	fs.rules = keep
}

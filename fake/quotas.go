package fake

import (
	"fmt"
	"maps"
	"math"
	"net/http"
	"slices"
	"strconv"
	"sync"

	"golang.org/x/time/rate"
)

// Quota is a token bucket per tenant for one Action, on real time: Rate
// calls per second refill it, Burst is its size. A call that finds it empty
// is answered 400 Throttling.User with x-acs-retry-after (ms) and
// x-ratelimit-user-api headers (docs/fidelity.md "State and semantics").
type Quota struct {
	Action string  `json:"action"`
	Rate   float64 `json:"rate"`  // calls per second; finite, > 0
	Burst  int     `json:"burst"` // bucket size; 0 = ceil(Rate)
}

// DocumentedQuotas are the published per-account limits (ICE API reference: QPS limits):
// SubmitMediaProducingJob 30 QPS. No other Action has a documented figure.
var DocumentedQuotas = []Quota{{Action: "SubmitMediaProducingJob", Rate: 30, Burst: 30}}

func (q Quota) validate() error {
	// An implemented Action is in the spec (TestRegistryMatchesSpec), so the
	// common case does not load the spec (New sets a default quota).
	if operations[q.Action] == nil && !knownAction(q.Action) {
		return fmt.Errorf("icefake: quota: unknown Action %q (%s)", q.Action, unknownActionHint)
	}
	if !(q.Rate > 0) || math.IsInf(q.Rate, 1) { // NaN and +Inf too, as a scenario's rate
		return fmt.Errorf("icefake: quota for %s: Rate must be a finite number > 0 calls per second, got %g", q.Action, q.Rate)
	}
	if q.Burst < 0 {
		return fmt.Errorf("icefake: quota for %s: Burst must be >= 0 (0 = ceil(Rate)), got %d", q.Action, q.Burst)
	}
	return nil
}

func (q Quota) burst() int {
	if q.Burst > 0 {
		return q.Burst
	}
	return max(1, int(q.Rate+0.999))
}

// quotaSet holds the configured quotas and one bucket per (Action, tenant).
type quotaSet struct {
	mu sync.Mutex
	// layers holds, per Action, the quotas set for it, oldest first; the
	// last is in force. Each source has at most one layer per Action, so a
	// quota a scenario sets goes over the one it replaces, and removing the
	// scenario (RemoveScenario) brings that one back.
	layers  map[string][]quotaLayer
	buckets map[[2]string]*rate.Limiter
}

// quotaLayer is one quota set for an Action and who set it.
type quotaLayer struct {
	q      Quota
	source string // the scenario that set it (admin_control.go); "" for SetQuota, WithQuotas, WithSubmitQPS and Apply
}

func newQuotaSet() *quotaSet {
	return &quotaSet{layers: map[string][]quotaLayer{}, buckets: map[[2]string]*rate.Limiter{}}
}

// current returns the quota in force for action. Callers hold mu.
func (qs *quotaSet) current(action string) (Quota, bool) {
	l := qs.layers[action]
	if len(l) == 0 {
		return Quota{}, false
	}
	return l[len(l)-1].q, true
}

// set puts q in force for source, replacing the layer source had for
// q.Action, and gives q.Action fresh buckets. Callers hold mu.
func (qs *quotaSet) set(q Quota, source string) {
	l := slices.DeleteFunc(qs.layers[q.Action], func(l quotaLayer) bool { return l.source == source })
	qs.layers[q.Action] = append(l, quotaLayer{q: q, source: source})
	qs.dropBuckets(func(k [2]string) bool { return k[0] == q.Action })
}

// removeSource takes out the quotas source set; an Action whose quota in
// force changes gets fresh buckets.
func (qs *quotaSet) removeSource(source string) {
	qs.mu.Lock()
	defer qs.mu.Unlock()
	for action, l := range qs.layers {
		before, _ := qs.current(action)
		kept := slices.DeleteFunc(l, func(l quotaLayer) bool { return l.source == source })
		if len(kept) == len(l) {
			continue
		}
		if len(kept) == 0 {
			delete(qs.layers, action)
		} else {
			qs.layers[action] = kept
		}
		if after, ok := qs.current(action); !ok || after != before {
			qs.dropBuckets(func(k [2]string) bool { return k[0] == action })
		}
	}
}

// dropBuckets forgets the buckets drop selects, so they start full again.
// Callers hold mu.
func (qs *quotaSet) dropBuckets(drop func(key [2]string) bool) {
	for k := range qs.buckets {
		if drop(k) {
			delete(qs.buckets, k)
		}
	}
}

// resetBuckets refills every bucket, or only tenant's when tenant != "";
// the quotas stay (Reset, ResetTenant).
func (qs *quotaSet) resetBuckets(tenant string) {
	qs.mu.Lock()
	defer qs.mu.Unlock()
	qs.dropBuckets(func(k [2]string) bool { return tenant == "" || k[1] == tenant })
}

// SetQuota adds or replaces the quota of q.Action (fresh buckets). Only the
// published SubmitMediaProducingJob quota is on by default (WithSubmitQPS);
// others are set here, with WithQuotas, or by a scenario. It errors for an
// unknown Action, a Rate that is not a finite number > 0, or a negative Burst. Twin of
// PUT /_icefake/quotas/{action}.
func (s *Server) SetQuota(q Quota) error {
	if err := q.validate(); err != nil {
		return err
	}
	qs := s.quotas
	qs.mu.Lock()
	defer qs.mu.Unlock()
	qs.set(q, "")
	return nil
}

func (s *Server) hasQuota(action string) bool {
	s.quotas.mu.Lock()
	defer s.quotas.mu.Unlock()
	_, ok := s.quotas.current(action)
	return ok
}

// RemoveQuota turns the quota of action off, whoever set it (a scenario's
// included), and reports whether it had one. Twin of
// DELETE /_icefake/quotas/{action}.
func (s *Server) RemoveQuota(action string) bool {
	qs := s.quotas
	qs.mu.Lock()
	defer qs.mu.Unlock()
	if _, ok := qs.layers[action]; !ok {
		return false
	}
	delete(qs.layers, action)
	qs.dropBuckets(func(k [2]string) bool { return k[0] == action })
	return true
}

// Quotas returns the quotas in force, sorted by Action. Twin of
// GET /_icefake/quotas.
func (s *Server) Quotas() []Quota {
	qs := s.quotas
	qs.mu.Lock()
	defer qs.mu.Unlock()
	out := make([]Quota, 0, len(qs.layers))
	for _, a := range slices.Sorted(maps.Keys(qs.layers)) {
		if q, ok := qs.current(a); ok {
			out = append(out, q)
		}
	}
	return out
}

// checkQuota takes a token for the call from its (Action, tenant) bucket,
// or answers Throttling.User. A call whose bucket does not exist yet passes
// (a new bucket is full) and is marked: its bucket is made by
// commitQuota once the call is accepted, so requests that fail validation
// never leave a bucket behind.
func (s *Server) checkQuota(c *call) error { return s.takeToken(c, false) }

// commitQuota makes the bucket of an accepted call that checkQuota found
// none for, and takes the call's token from it.
func (s *Server) commitQuota(c *call) error {
	if !c.quotaPending {
		return nil
	}
	c.quotaPending = false
	return s.takeToken(c, true)
}

func (s *Server) takeToken(c *call, create bool) error {
	qs := s.quotas
	now := s.cfg.realNow()
	qs.mu.Lock()
	q, ok := qs.current(c.Action)
	if !ok {
		qs.mu.Unlock()
		return nil
	}
	key := [2]string{c.Action, c.Tenant}
	b := qs.buckets[key]
	if b == nil {
		if !create {
			qs.mu.Unlock()
			c.quotaPending = true
			return nil
		}
		b = rate.NewLimiter(rate.Limit(q.Rate), q.burst())
		qs.buckets[key] = b
	}
	r := b.ReserveN(now, 1)
	wait := r.DelayFrom(now)
	if wait > 0 {
		r.CancelAt(now)
	}
	qs.mu.Unlock()
	if wait <= 0 {
		return nil
	}
	c.fault = fmt.Sprintf("quota %s %g/s burst %d", q.Action, q.Rate, q.burst())
	e := NewError(CodeThrottlingUser)
	e.Explain = c.fault
	ms := strconv.FormatInt(max(wait.Milliseconds(), 1), 10)
	e.Header = http.Header{
		"X-Acs-Retry-After":    {ms},
		"X-Ratelimit-User-Api": {fmt.Sprintf("Limit:%d,Remain:0,TimeLeft:%s,Reset:%d", q.burst(), ms, now.Add(wait).UnixMilli())},
	}
	return e
}

// bucketCount is how many rate-limit buckets exist (metrics, tests).
func (qs *quotaSet) bucketCount() int {
	qs.mu.Lock()
	defer qs.mu.Unlock()
	return len(qs.buckets)
}

// WithQuotas turns quotas on: the given ones, or DocumentedQuotas when none
// are given. Default: only SubmitMediaProducingJob's published 30 QPS (see
// WithSubmitQPS); no other Action has a quota.
func WithQuotas(q ...Quota) Option {
	return func(c *config) {
		if len(q) == 0 {
			q = DocumentedQuotas
		}
		c.quotas = append(c.quotas, q...)
	}
}

package fake

import (
	"fmt"
	"net/http"
	"strconv"
	"sync"

	"golang.org/x/time/rate"
)

// Quota is a token bucket per tenant for one Action, on real time: Rate
// calls per second refill it, Burst is its size. A call that finds it empty
// is answered 400 Throttling.User with x-acs-retry-after (ms) and
// x-ratelimit-user-api headers (DESIGN.md "State and semantics").
type Quota struct {
	Action string
	Rate   float64 // calls per second; > 0
	Burst  int     // bucket size; 0 = ceil(Rate)
}

// DocumentedQuotas are the published per-account limits (ice-api.md §6):
// SubmitMediaProducingJob 30 QPS. No other Action has a documented figure.
var DocumentedQuotas = []Quota{{Action: "SubmitMediaProducingJob", Rate: 30, Burst: 30}}

func (q Quota) validate() error {
	if routes[q.Action] == nil {
		return fmt.Errorf("icefake: quota: unknown Action %q", q.Action)
	}
	if q.Rate <= 0 || q.Burst < 0 {
		return fmt.Errorf("icefake: quota for %s: Rate must be > 0 and Burst >= 0", q.Action)
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
	mu      sync.Mutex
	quotas  map[string]Quota
	buckets map[[2]string]*rate.Limiter
}

func newQuotaSet() *quotaSet {
	return &quotaSet{quotas: map[string]Quota{}, buckets: map[[2]string]*rate.Limiter{}}
}

// SetQuota adds or replaces the quota of q.Action (fresh buckets). Only the
// published SubmitMediaProducingJob quota is on by default (WithSubmitQPS);
// others are set here, with WithQuotas, or by a scenario.
func (s *Server) SetQuota(q Quota) error {
	if err := q.validate(); err != nil {
		return err
	}
	qs := s.quotas
	qs.mu.Lock()
	defer qs.mu.Unlock()
	qs.quotas[q.Action] = q
	for k := range qs.buckets {
		if k[0] == q.Action {
			delete(qs.buckets, k)
		}
	}
	return nil
}

func (s *Server) hasQuota(action string) bool {
	s.quotas.mu.Lock()
	defer s.quotas.mu.Unlock()
	_, ok := s.quotas.quotas[action]
	return ok
}

// RemoveQuota turns the quota of action off.
func (s *Server) RemoveQuota(action string) {
	qs := s.quotas
	qs.mu.Lock()
	defer qs.mu.Unlock()
	delete(qs.quotas, action)
}

// Quotas returns the configured quotas.
func (s *Server) Quotas() []Quota {
	qs := s.quotas
	qs.mu.Lock()
	defer qs.mu.Unlock()
	out := make([]Quota, 0, len(qs.quotas))
	for _, a := range spec.Actions() {
		if q, ok := qs.quotas[a]; ok {
			out = append(out, q)
		}
	}
	return out
}

// checkQuota takes a token for the call, or answers Throttling.User.
func (s *Server) checkQuota(c *call) error {
	qs := s.quotas
	now := s.cfg.realNow()
	qs.mu.Lock()
	q, ok := qs.quotas[c.Action]
	if !ok {
		qs.mu.Unlock()
		return nil
	}
	key := [2]string{c.Action, c.Tenant}
	b := qs.buckets[key]
	if b == nil {
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

package fake

import "time"

// productionConfig holds the options of media production: job phase
// durations, the SubmitMediaProducingJob rate limit and how strictly clip
// materials are checked. The zero value means every default.
type productionConfig struct {
	timing          *ProductionTiming // nil = DefaultProductionTiming
	submitQPS       *int              // nil = DefaultSubmitQPS
	strictMediaURLs bool
}

// ProductionTiming is how long a media-producing job spends in each status
// on the virtual clock (docs/fidelity.md "State and semantics"; the real durations
// are UNCONFIRMED). A job submitted at T is Init until T+Init, Queuing until
// T+Init+Queuing, then Processing for
// max(MinProcessing, output duration × ProcessingFactor), then Success or
// Failed. A job that fails (renderer-level Timeline fault) processes for
// MinProcessing.
type ProductionTiming struct {
	Init             time.Duration
	Queuing          time.Duration
	MinProcessing    time.Duration
	ProcessingFactor float64 // seconds of processing per second of output
}

// DefaultProductionTiming is the job timing unless WithProductionTiming:
// Init 0 s (a new job reads Queuing), Queuing 1 s, Processing as long as the
// output (factor 1) and at least 1 s. A 25 s output thus succeeds 26 s after
// submission.
var DefaultProductionTiming = ProductionTiming{
	Init:             0,
	Queuing:          time.Second,
	MinProcessing:    time.Second,
	ProcessingFactor: 1,
}

// DefaultSubmitQPS is the published SubmitMediaProducingJob quota, per
// tenant: 30 calls per second (ICE API reference: QPS limits).
const DefaultSubmitQPS = 30

// WithProductionTiming sets how long media-producing jobs spend in each
// status on the virtual clock; fields are used as given (start from
// DefaultProductionTiming to change one). Negative durations count as 0.
// Default: DefaultProductionTiming.
func WithProductionTiming(t ProductionTiming) Option {
	return func(c *config) { c.production.timing = &t }
}

// WithSubmitQPS sets the per-tenant SubmitMediaProducingJob rate limit in
// calls per second of real time (WithRealClock's source; a token bucket
// holding one second's worth); a call over it is answered 400
// Throttling.User with x-acs-retry-after and x-ratelimit-user-api headers.
// n <= 0 turns the limit off. A quota set for SubmitMediaProducingJob with
// WithQuotas or Server.SetQuota replaces this built-in limit.
// Default: DefaultSubmitQPS (30), the published quota.
func WithSubmitQPS(n int) Option {
	return func(c *config) { c.production.submitQPS = &n }
}

// WithStrictMediaURLs makes a media-producing job fail with
// InvalidMaterial.NotFound when a Timeline clip's MediaURL is neither seeded
// nor registered by the tenant. Default: off — the fake cannot look into
// OSS, so it assumes unknown URLs exist (their durations stay unknown).
// Clip MediaIds are always checked (QueryMaterialFailed).
func WithStrictMediaURLs(on bool) Option {
	return func(c *config) { c.production.strictMediaURLs = on }
}

func (p productionConfig) jobTiming() ProductionTiming {
	t := DefaultProductionTiming
	if p.timing != nil {
		t = *p.timing
	}
	t.Init, t.Queuing, t.MinProcessing = max(t.Init, 0), max(t.Queuing, 0), max(t.MinProcessing, 0)
	if t.ProcessingFactor < 0 {
		t.ProcessingFactor = 0
	}
	return t
}

func (p productionConfig) qps() int {
	if p.submitQPS == nil {
		return DefaultSubmitQPS
	}
	return *p.submitQPS
}

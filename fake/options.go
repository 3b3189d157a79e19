package fake

import (
	"log/slog"
	"time"

	"github.com/icefake/icefake/scenarios"
)

// Option configures a Server. Each option's doc names its default.
type Option func(*config)

type config struct {
	now              func() time.Time
	startTime        *time.Time
	seed             *uint64
	logger           *slog.Logger
	scenarios        []*scenarios.Scenario
	media            []Media
	faults           []Fault
	validateResponse bool
	journalSize      int
	journalBytes     int
	nonceCacheSize   int // WithNonceCacheSize; nonces.go
	hostID           string
	production       productionConfig
	authMode         AuthMode
	credentials      []Credential
	noDefaultCreds   bool
	clockSkew        time.Duration
	realNow          func() time.Time
	explain          bool
	quotas           []Quota
	adminOff         bool     // WithAdmin(false); admin_options.go
	adminToken       string   // WithAdminToken; admin_options.go
	adminHosts       []string // WithAdminAllowedHosts; admin_guard.go
	pageTokenTTL     time.Duration
}

func defaultConfig() config {
	return config{
		now:              time.Now,
		logger:           slog.New(slog.DiscardHandler),
		validateResponse: true,
		journalSize:      DefaultJournalSize,
		journalBytes:     DefaultJournalBytes,
		nonceCacheSize:   DefaultMaxNonces,
		authMode:         AuthEnforce,
		clockSkew:        DefaultClockSkew,
		realNow:          time.Now,
		pageTokenTTL:     DefaultPageTokenTTL,
	}
}

// WithClock sets the base time source of the virtual clock.
// Default: time.Now (StartT: frozen at DefaultStartTime instead).
func WithClock(now func() time.Time) Option { return func(c *config) { c.now = now } }

// WithStartTime freezes the virtual clock at t; it then moves only through
// Server.SetTime and Server.Advance. Default: the clock follows WithClock's
// source (New, Start) or is frozen at DefaultStartTime (StartT).
func WithStartTime(t time.Time) Option { return func(c *config) { c.startTime = &t } }

// WithRealTime lets the virtual clock follow real time (or WithClock's
// source) even under StartT. Default for New and Start.
func WithRealTime() Option { return func(c *config) { c.startTime = nil; c.seed = nil } }

// WithSeed makes ProjectIds and RequestIds deterministic: the same seed gives
// the same sequence. Default: random (New, Start); seed 1 (StartT).
func WithSeed(seed uint64) Option { return func(c *config) { c.seed = &seed } }

// WithLogger receives one structured line per request (level Info; Warn for
// 4xx, Error for 5xx) and internal errors. Default: discard.
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.logger = l } }

// WithScenario applies a parsed scenario (seeded media, faults) at start.
// Several may be given; they apply in order. Default: none.
func WithScenario(sc *scenarios.Scenario) Option {
	return func(c *config) { c.scenarios = append(c.scenarios, sc) }
}

// WithMedia seeds media whose durations Timelines resolve against.
// Default: none.
func WithMedia(m ...Media) Option { return func(c *config) { c.media = append(c.media, m...) } }

// WithFaults scripts faults from the start (see Fault). Default: none.
func WithFaults(f ...Fault) Option { return func(c *config) { c.faults = append(c.faults, f...) } }

// WithResponseValidation turns the response self-check on or off: every
// response is validated against the spec and a violation is answered as
// 500 InternalError naming the rule. Default: on.
func WithResponseValidation(on bool) Option { return func(c *config) { c.validateResponse = on } }

// WithJournalSize bounds the request journal to n calls (oldest dropped).
// Default: DefaultJournalSize.
func WithJournalSize(n int) Option { return func(c *config) { c.journalSize = n } }

// WithJournalBytes bounds the request journal to about n bytes of kept
// calls (oldest dropped, counted in DroppedCalls); each call keeps at most
// MaxJournalEntry bytes. Default: DefaultJournalBytes (64 MiB).
func WithJournalBytes(n int) Option { return func(c *config) { c.journalBytes = n } }

// WithHostId sets the HostId of error envelopes. Default: the request's Host
// header (the endpoint the client called, as the real gateway does).
func WithHostId(host string) Option { return func(c *config) { c.hostID = host } }

// WithAuthMode sets what happens to request signatures: AuthEnforce
// (verify, reject bad ones), AuthLog (verify and journal, never reject) or
// AuthOff. Default: AuthEnforce.
func WithAuthMode(m AuthMode) Option { return func(c *config) { c.authMode = m } }

// WithCredentials adds accepted credentials (AccessKeyId → secret, optional
// STS SecurityToken). Default: only the DefaultAccessKeyId /
// DefaultAccessKeySecret pair.
func WithCredentials(cs ...Credential) Option {
	return func(c *config) { c.credentials = append(c.credentials, cs...) }
}

// WithoutDefaultCredentials stops accepting the DefaultAccessKeyId pair, so
// only WithCredentials (and scenario) credentials work. Default: accepted.
func WithoutDefaultCredentials() Option { return func(c *config) { c.noDefaultCreds = true } }

// WithClockSkew sets how far Timestamp / x-acs-date may be from real time.
// Default: DefaultClockSkew (15 minutes).
func WithClockSkew(d time.Duration) Option { return func(c *config) { c.clockSkew = d } }

// WithRealClock replaces the real-time source used for signature freshness,
// nonce expiry and STS token expiry (never the virtual clock), for testing
// those rules. Default: time.Now.
func WithRealClock(now func() time.Time) Option { return func(c *config) { c.realNow = now } }

// WithExplain adds an x-icefake-explain header to every API response: a
// one-line reason (status, auth verdict, the fault rule that fired, the
// validation problem), for developers reading HTTP traces. Default: off.
func WithExplain(on bool) Option { return func(c *config) { c.explain = on } }

// WithPageTokenTTL sets how long a ListEditingProjects NextToken stays valid
// on the virtual clock; 0 = forever. Default: DefaultPageTokenTTL (1 hour).
func WithPageTokenTTL(d time.Duration) Option { return func(c *config) { c.pageTokenTTL = d } }

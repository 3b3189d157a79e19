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
	hostID           string
	production       productionConfig
}

func defaultConfig() config {
	return config{
		now:              time.Now,
		logger:           slog.New(slog.DiscardHandler),
		validateResponse: true,
		journalSize:      DefaultJournalSize,
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

// WithHostId sets the HostId of error envelopes. Default: the request's Host
// header (the endpoint the client called, as the real gateway does).
func WithHostId(host string) Option { return func(c *config) { c.hostID = host } }

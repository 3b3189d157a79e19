package fake

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"time"
)

// DefaultAccessKeyId and DefaultAccessKeySecret are the documented test
// credentials: the pair ClientConfig hands out, and that a newcomer's first
// call can use.
const (
	DefaultAccessKeyId     = "testAccessKeyId"
	DefaultAccessKeySecret = "testAccessKeySecret"
)

// Server is an in-memory fake of the ICE editing-project API. Create it with
// New (no socket), Start (loopback listener) or StartT (for tests). All
// methods are safe for concurrent use.
type Server struct {
	cfg     config
	store   *store
	clock   *clock
	ids     *ids
	journal *journal
	faults  *faultSet
	logger  *slog.Logger
	keys    *keyring
	nonces  *nonceCache
	quotas  *quotaSet
	metrics *metrics
	// tokenKey authenticates ListEditingProjects NextTokens.
	tokenKey []byte

	mu sync.Mutex
	ts *httptest.Server

	// stopping is closed by BeginShutdown: scripted delays end at once.
	stopping chan struct{}
	stopOnce sync.Once
}

// New returns a Server that serves through Handler; it opens no socket.
// It errors if a scenario or fault given as an option is invalid.
func New(opts ...Option) (*Server, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	if _, err := ParseAuthMode(string(cfg.authMode)); err != nil {
		return nil, err
	}
	if cfg.journalSize < 1 {
		return nil, fmt.Errorf("icefake: journal size must be at least 1, got %d", cfg.journalSize)
	}
	if cfg.nonceCacheSize < 1 {
		return nil, fmt.Errorf("icefake: nonce cache size must be at least 1, got %d", cfg.nonceCacheSize)
	}
	if cfg.journalBytes < MaxJournalEntry {
		return nil, fmt.Errorf("icefake: journal bytes must be at least %d (one call's most), got %d", MaxJournalEntry, cfg.journalBytes)
	}
	s := &Server{
		cfg:     cfg,
		store:   newStore(),
		clock:   newClock(),
		journal: newJournal(cfg.journalSize, cfg.journalBytes),
		faults:  &faultSet{},
		logger:  cfg.logger,
		keys:    &keyring{keys: map[string]Credential{}},
		nonces:  newNonceCache(max(DefaultNonceWindow, cfg.clockSkew), cfg.nonceCacheSize),
		quotas:  newQuotaSet(),

		stopping: make(chan struct{}),
	}
	s.metrics = newMetrics(s)
	for _, q := range cfg.quotas {
		if err := s.SetQuota(q); err != nil {
			return nil, err
		}
	}
	// The published SubmitMediaProducingJob quota is on unless
	// WithSubmitQPS(0) turned it off or a quota for it was given.
	if qps := cfg.production.qps(); qps > 0 && !s.hasQuota("SubmitMediaProducingJob") {
		_ = s.SetQuota(Quota{Action: "SubmitMediaProducingJob", Rate: float64(qps), Burst: qps})
	}
	if !cfg.noDefaultCreds {
		_ = s.keys.add(Credential{AccessKeyId: DefaultAccessKeyId, AccessKeySecret: DefaultAccessKeySecret})
	}
	if err := s.keys.add(cfg.credentials...); err != nil {
		return nil, err
	}
	s.clock.base = cfg.now
	if cfg.startTime != nil {
		if err := s.clock.Set(*cfg.startTime); err != nil {
			return nil, err
		}
	}
	if cfg.seed != nil {
		s.ids = newIDs(*cfg.seed, true)
	} else {
		s.ids = newIDs(0, false)
	}
	key := s.ids.bytes16()
	s.tokenKey = key[:]
	if err := s.AddMedia(cfg.media...); err != nil {
		return nil, err
	}
	for _, f := range cfg.faults {
		if _, err := s.InjectFault(f); err != nil {
			return nil, err
		}
	}
	for _, sc := range cfg.scenarios {
		if err := s.Apply(sc); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Start returns a Server listening on a loopback port (httptest). Close it
// when done.
func Start(opts ...Option) (*Server, error) {
	s, err := New(opts...)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.ts = httptest.NewServer(s)
	s.mu.Unlock()
	return s, nil
}

// TB is the part of testing.TB that StartT needs; it keeps package testing
// out of icefake's library code.
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
	Cleanup(func())
}

// StartT starts a Server for a test: it fails the test on error and closes
// the server when the test ends. Unless options say otherwise its clock is
// frozen at DefaultStartTime and its IDs come from seed 1, so test output is
// stable.
func StartT(t TB, opts ...Option) *Server {
	t.Helper()
	opts = append([]Option{WithStartTime(DefaultStartTime), WithSeed(1)}, opts...)
	s, err := Start(opts...)
	if err != nil {
		t.Fatalf("icefake: start: %v", err)
		return nil
	}
	t.Cleanup(s.Close)
	return s
}

// Handler returns the Server as an http.Handler, to mount anywhere. The API
// is served on "/", the test control plane under "/_icefake/".
func (s *Server) Handler() http.Handler { return s }

// URL returns the base URL of the listener ("http://127.0.0.1:PORT"), or ""
// for a Server made with New.
func (s *Server) URL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ts == nil {
		return ""
	}
	return s.ts.URL
}

// BeginShutdown cuts every scripted delay short, now and from then on, so
// that calls in flight answer at once with their scripted outcome; call it
// before http.Server.Shutdown, whose wait it shortens (icefake does on
// SIGINT/SIGTERM). Close calls it. It is safe to call more than once.
func (s *Server) BeginShutdown() { s.stopOnce.Do(func() { close(s.stopping) }) }

// Close stops the listener, if any, waiting for in-flight requests (their
// scripted delays cut short, see BeginShutdown). It is safe to call more
// than once.
func (s *Server) Close() {
	s.BeginShutdown()
	s.mu.Lock()
	ts := s.ts
	s.mu.Unlock()
	if ts != nil {
		ts.Close()
	}
}

// ClientConfig holds what an SDK needs to reach the Server. With the official
// Go SDK:
//
//	c := srv.ClientConfig()
//	client, err := ice.NewClient(&openapi.Config{AccessKeyId: &c.AccessKeyId,
//		AccessKeySecret: &c.AccessKeySecret, Endpoint: &c.Endpoint, Protocol: &c.Protocol})
type ClientConfig struct {
	Endpoint        string // host:port, no scheme (Tea SDKs' Config.Endpoint)
	Protocol        string // "http"
	RegionId        string // "cn-shanghai"
	AccessKeyId     string // DefaultAccessKeyId
	AccessKeySecret string // DefaultAccessKeySecret
	SecurityToken   string // set when the first credential is an STS one
}

// ClientConfig returns the connection settings for the listener. It panics
// for a Server without a listener (made with New), whose URL is "".
func (s *Server) ClientConfig() ClientConfig {
	u, err := url.Parse(s.URL())
	if err != nil || u.Host == "" {
		panic(errors.New("icefake: ClientConfig needs a listener; use Start or StartT"))
	}
	cc := ClientConfig{
		Endpoint:        u.Host,
		Protocol:        u.Scheme,
		RegionId:        "cn-shanghai",
		AccessKeyId:     DefaultAccessKeyId,
		AccessKeySecret: DefaultAccessKeySecret,
	}
	if s.cfg.noDefaultCreds {
		cc.AccessKeyId, cc.AccessKeySecret = "", ""
		if len(s.cfg.credentials) > 0 {
			c := s.cfg.credentials[0]
			cc.AccessKeyId, cc.AccessKeySecret, cc.SecurityToken = c.AccessKeyId, c.AccessKeySecret, c.SecurityToken
		}
	}
	return cc
}

// Now returns the virtual clock's current time (UTC).
func (s *Server) Now() time.Time { return s.clock.Now() }

// SetTime freezes the virtual clock at t. It panics for a time outside years
// 0000-9999, which no wire timestamp can carry (POST /_icefake/clock/set
// answers 400 instead).
func (s *Server) SetTime(t time.Time) {
	if err := s.clock.Set(t); err != nil {
		panic(err)
	}
}

// Advance moves the virtual clock forward by d (backward if d < 0). It
// panics when that would leave years 0000-9999 (POST
// /_icefake/clock/advance answers 400 instead).
func (s *Server) Advance(d time.Duration) {
	if err := s.clock.Advance(d); err != nil {
		panic(err)
	}
}

// Command icefake runs the icefake server standalone: a fake of Alibaba Cloud
// ICE (Intelligent Media Services, API 2020-11-09) that any SDK can call.
//
// Usage:
//
//	icefake [-addr 127.0.0.1:18930] [-scenario file.yaml]... [-log-level info]
//	        [-access-key ID:SECRET[:STS_TOKEN]]... [-auth-mode enforce|log|off]
//	        [-admin=true|false] [-admin-token TOKEN]
//
// Every flag has an environment equivalent (ICEFAKE_ADDR, ICEFAKE_SCENARIO
// and ICEFAKE_ACCESS_KEYS with comma-separated values, ICEFAKE_LOG_LEVEL,
// ICEFAKE_LOG_FORMAT, ICEFAKE_AUTH_MODE, ICEFAKE_RESPONSE_VALIDATION,
// ICEFAKE_ADMIN, ICEFAKE_ADMIN_TOKEN); a flag given on the command line wins.
// The API is served on "/", the admin API (openapi/admin.yaml: reset,
// scenarios, faults, clock, journal, state) under /_icefake/, health on
// GET /_icefake/healthz. SIGINT or SIGTERM shut the server down gracefully,
// finishing in-flight requests.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/icefake/icefake/fake"
	"github.com/icefake/icefake/scenarios"
)

// DefaultAddr is where the standalone server listens unless told otherwise.
const DefaultAddr = "127.0.0.1:18930"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "icefake:", err)
		os.Exit(1)
	}
}

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

type options struct {
	addr             string
	scenarios        listFlag
	logLevel         string
	logFormat        string
	validateResponse bool
	shutdownTimeout  time.Duration
	accessKeys       listFlag
	authMode         string
	admin            bool
	adminToken       string
	explain          bool
	journalSize      int
	submitQPS        int
	startTime        string
	seed             uint64
}

func parseFlags(args []string, getenv func(string) string, stderr io.Writer) (*options, error) {
	o := &options{}
	fs := flag.NewFlagSet("icefake", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.addr, "addr", envOr(getenv, "ICEFAKE_ADDR", DefaultAddr), "listen address host:port (env ICEFAKE_ADDR); port 0 picks a free port")
	fs.Var(&o.scenarios, "scenario", "scenario YAML file to load at start; repeatable (env ICEFAKE_SCENARIO, comma-separated)")
	fs.StringVar(&o.logLevel, "log-level", envOr(getenv, "ICEFAKE_LOG_LEVEL", "info"), "debug, info, warn or error (env ICEFAKE_LOG_LEVEL)")
	fs.StringVar(&o.logFormat, "log-format", envOr(getenv, "ICEFAKE_LOG_FORMAT", "json"), "json or text (env ICEFAKE_LOG_FORMAT)")
	validate, err := strconv.ParseBool(envOr(getenv, "ICEFAKE_RESPONSE_VALIDATION", "true"))
	if err != nil {
		return nil, fmt.Errorf("ICEFAKE_RESPONSE_VALIDATION: %w", err)
	}
	fs.BoolVar(&o.validateResponse, "response-validation", validate, "check every response against the spec (env ICEFAKE_RESPONSE_VALIDATION)")
	fs.Var(&o.accessKeys, "access-key", "accepted credential ID:SECRET or ID:SECRET:STS_TOKEN; repeatable (env ICEFAKE_ACCESS_KEYS, comma-separated); the default pair testAccessKeyId:testAccessKeySecret is always accepted")
	fs.StringVar(&o.authMode, "auth-mode", envOr(getenv, "ICEFAKE_AUTH_MODE", "enforce"), "signature checking: enforce, log or off (env ICEFAKE_AUTH_MODE)")
	admin, err := strconv.ParseBool(envOr(getenv, "ICEFAKE_ADMIN", "true"))
	if err != nil {
		return nil, fmt.Errorf("ICEFAKE_ADMIN: %w", err)
	}
	fs.BoolVar(&o.admin, "admin", admin, "serve the admin API under /_icefake/ (reset, scenarios, faults, clock, journal, state); healthz is always served (env ICEFAKE_ADMIN)")
	fs.StringVar(&o.adminToken, "admin-token", getenv("ICEFAKE_ADMIN_TOKEN"), "require \"Authorization: Bearer TOKEN\" on every admin endpoint but healthz; prefer the env, which ps does not show (env ICEFAKE_ADMIN_TOKEN)")
	explain, err := strconv.ParseBool(envOr(getenv, "ICEFAKE_EXPLAIN", "false"))
	if err != nil {
		return nil, fmt.Errorf("ICEFAKE_EXPLAIN: %w", err)
	}
	fs.BoolVar(&o.explain, "explain", explain, "add an x-icefake-explain header with a one-line reason to every API response (env ICEFAKE_EXPLAIN)")
	for _, n := range []struct {
		p    *int
		name string
		env  string
		def  int
		doc  string
	}{
		{&o.journalSize, "journal-size", "ICEFAKE_JOURNAL_SIZE", fake.DefaultJournalSize, "how many calls the journal keeps (oldest dropped)"},
		{&o.submitQPS, "submit-qps", "ICEFAKE_SUBMIT_QPS", fake.DefaultSubmitQPS, "per-tenant SubmitMediaProducingJob quota in calls/s (0 = off)"},
	} {
		v, err := strconv.Atoi(envOr(getenv, n.env, strconv.Itoa(n.def)))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", n.env, err)
		}
		fs.IntVar(n.p, n.name, v, n.doc+" (env "+n.env+")")
	}
	fs.StringVar(&o.startTime, "start-time", getenv("ICEFAKE_START_TIME"), "freeze the virtual clock at this RFC 3339 time (default: follow real time; env ICEFAKE_START_TIME)")
	seed, err := strconv.ParseUint(envOr(getenv, "ICEFAKE_SEED", "0"), 10, 64)
	if err != nil {
		return nil, fmt.Errorf("ICEFAKE_SEED: %w", err)
	}
	fs.Uint64Var(&o.seed, "seed", seed, "seed for ProjectIds and RequestIds, for repeatable runs (0 = random; env ICEFAKE_SEED)")
	fs.DurationVar(&o.shutdownTimeout, "shutdown-timeout", 10*time.Second, "how long graceful shutdown waits for in-flight requests")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	if len(o.scenarios) == 0 {
		o.scenarios = splitList(getenv("ICEFAKE_SCENARIO"))
	}
	if len(o.accessKeys) == 0 {
		o.accessKeys = splitList(getenv("ICEFAKE_ACCESS_KEYS"))
	}
	if o.submitQPS < 0 {
		return nil, fmt.Errorf("-submit-qps %d: want 0 (off) or more", o.submitQPS)
	}
	return o, nil
}

// parseAccessKey reads ID:SECRET or ID:SECRET:STS_TOKEN.
func parseAccessKey(v string) (fake.Credential, error) {
	parts := strings.SplitN(v, ":", 3)
	if len(parts) < 2 || parts[0] == "" || parts[1] == "" {
		return fake.Credential{}, fmt.Errorf("-access-key %q: want ID:SECRET or ID:SECRET:STS_TOKEN", v)
	}
	c := fake.Credential{AccessKeyId: parts[0], AccessKeySecret: parts[1]}
	if len(parts) == 3 {
		c.SecurityToken = parts[2]
	}
	return c, nil
}

// splitList splits a comma-separated env value, skipping empty items.
func splitList(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

func newLogger(o *options, w io.Writer) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(o.logLevel)); err != nil {
		return nil, fmt.Errorf("-log-level %q: want debug, info, warn or error", o.logLevel)
	}
	hopts := &slog.HandlerOptions{Level: level}
	switch o.logFormat {
	case "json":
		return slog.New(slog.NewJSONHandler(w, hopts)), nil
	case "text":
		return slog.New(slog.NewTextHandler(w, hopts)), nil
	}
	return nil, fmt.Errorf("-log-format %q: want json or text", o.logFormat)
}

// run is main without the process: it serves until ctx is done, then shuts
// down gracefully. It prints "icefake listening on http://ADDR" to stdout
// once the listener is ready; logs go to stderr.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	o, err := parseFlags(args, getenv, stderr)
	if err != nil {
		return err
	}
	logs := newBatchWriter(stderr, logFlushInterval)
	defer logs.Close()
	logger, err := newLogger(o, logs)
	if err != nil {
		return err
	}
	mode, err := fake.ParseAuthMode(o.authMode)
	if err != nil {
		return err
	}
	fopts := []fake.Option{fake.WithLogger(logger), fake.WithResponseValidation(o.validateResponse), fake.WithAuthMode(mode),
		fake.WithExplain(o.explain), fake.WithJournalSize(o.journalSize), fake.WithSubmitQPS(o.submitQPS),
		fake.WithAdmin(o.admin), fake.WithAdminToken(o.adminToken)}
	if o.startTime != "" {
		t, err := time.Parse(time.RFC3339, o.startTime)
		if err != nil {
			return fmt.Errorf("-start-time %q: want an RFC 3339 time such as 2024-01-01T00:00:00Z", o.startTime)
		}
		fopts = append(fopts, fake.WithStartTime(t))
	}
	if o.seed != 0 {
		fopts = append(fopts, fake.WithSeed(o.seed))
	}
	for _, v := range o.accessKeys {
		c, err := parseAccessKey(v)
		if err != nil {
			return err
		}
		fopts = append(fopts, fake.WithCredentials(c))
	}
	for _, path := range o.scenarios {
		sc, err := scenarios.LoadFile(path)
		if err != nil {
			return err
		}
		fopts = append(fopts, fake.WithScenario(sc))
		logger.Info("scenario loaded", slog.String("file", path), slog.Int("media", len(sc.Media)), slog.Int("faults", len(sc.Faults)))
	}
	srv, err := fake.New(fopts...)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	// Bounded reads so a stalled or trickling client cannot hold a
	// connection forever; no write timeout, since scripted delays are legal.
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	fmt.Fprintf(stdout, "icefake listening on http://%s\n", ln.Addr())
	go fake.PreloadSpec() // healthz answers meanwhile; the first API call need not wait as long
	logger.Info("listening", slog.String("addr", ln.Addr().String()), slog.String("auth_mode", string(mode)),
		slog.Bool("admin", o.admin), slog.Bool("admin_token", o.adminToken != ""),
		slog.Any("access_key_ids", srv.Credentials()), slog.Any("actions", fake.SupportedActions()))

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down", slog.Duration("timeout", o.shutdownTimeout))
	sctx, cancel := context.WithTimeout(context.Background(), o.shutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	logger.Info("stopped")
	return nil
}

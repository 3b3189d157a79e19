// Command icefake runs the icefake server standalone: a fake of Alibaba Cloud
// ICE (Intelligent Media Services, API 2020-11-09) that any SDK can call.
//
// Usage:
//
//	icefake [-addr 127.0.0.1:18930] [-scenario file.yaml]... [-log-level info]
//	        [-access-key ID:SECRET[:STS_TOKEN]]... [-auth-mode enforce|log|off]
//	        [-admin=true|false] [-admin-token TOKEN] [-region cn-shanghai]
//	        [-max-uri-bytes N] [-max-header-bytes N] [-max-body-bytes N]
//	icefake -version
//	icefake healthcheck [-addr 127.0.0.1:18930] [-timeout 2s]
//	icefake validate [-format text|json] [-scenario FILE]... FILE...   (docs/validate.md)
//	icefake proxy -upstream https://ice.REGION.aliyuncs.com [-report FILE] [-record FILE] [-shadow]   (docs/proxy.md)
//
// -h prints every flag. healthcheck exits 0 when the server's
// GET /_icefake/healthz answers 200 (the container image's HEALTHCHECK).
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
	"regexp"
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
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "validate":
			os.Exit(runValidate(os.Args[2:], os.Stdout, os.Stderr))
		case "proxy":
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			sum, err := runProxy(ctx, os.Args[2:], os.Stdout, os.Stderr)
			stop()
			os.Exit(proxyExit(sum, err, os.Stderr))
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, errorLine(err))
		os.Exit(1)
	}
}

// errorLine is how main reports err: one "icefake: " prefix, even when
// the error (or an error it wraps) comes from package fake, whose errors
// carry it already.
func errorLine(err error) string {
	return "icefake: " + strings.ReplaceAll(strings.TrimPrefix(err.Error(), "icefake: "), ": icefake: ", ": ")
}

// usageHead is what -h prints before the flags.
const usageHead = `icefake serves a fake of Alibaba Cloud ICE (Intelligent Media Services, API 2020-11-09) that any SDK can call.

Usage:
  icefake [flags]
  icefake -version
  icefake healthcheck [-addr host:port] [-timeout 2s]
  icefake validate [flags] FILE...       check Timelines, ClipsParam, scenarios before they fail a job (docs/validate.md)
  icefake proxy -upstream URL [flags]    forward to the real service and report drift from the spec (docs/proxy.md)

Run "icefake validate -h" or "icefake proxy -h" for their flags.

Examples:
  icefake -addr 127.0.0.1:18930 -scenario scenarios/example.yaml
  ICEFAKE_AUTH_MODE=off icefake -addr 0.0.0.0:18930 -log-format text

Every flag has an ICEFAKE_* environment variable; a flag given on the command line wins.

Flags:
`

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
	adminHosts       listFlag
	explain          bool
	journalSize      int
	journalBytes     int
	nonceCacheSize   int
	submitQPS        int
	startTime        string
	seed             uint64
	version          bool
	maxURIBytes      int
	maxHeaderBytes   int
	maxBodyBytes     int
	region           string
	// help is the flag set when -h was given: run prints its usage.
	help *flag.FlagSet

	// source maps a flag name to where its value came from, for error
	// messages: "ICEFAKE_X" when the environment set it, else "-name".
	source map[string]string
}

// from names where the value of flag name came from: "-name" or the
// environment variable that set it.
func (o *options) from(name string) string {
	if s, ok := o.source[name]; ok {
		return s
	}
	return "-" + name
}

func parseFlags(args []string, getenv func(string) string) (*options, error) {
	o := &options{}
	fs := flag.NewFlagSet("icefake", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are returned, -h is printed to stdout by run
	fs.StringVar(&o.addr, "addr", envOr(getenv, "ICEFAKE_ADDR", DefaultAddr), "listen address host:port (env ICEFAKE_ADDR); port 0 picks a free port")
	fs.Var(&o.scenarios, "scenario", "scenario YAML file to load at start; repeatable (env ICEFAKE_SCENARIO, comma-separated)")
	fs.StringVar(&o.logLevel, "log-level", envOr(getenv, "ICEFAKE_LOG_LEVEL", "info"), "debug, info, warn or error (env ICEFAKE_LOG_LEVEL)")
	fs.StringVar(&o.logFormat, "log-format", envOr(getenv, "ICEFAKE_LOG_FORMAT", "json"), "json or text (env ICEFAKE_LOG_FORMAT)")
	validate, err := envBool(getenv, "ICEFAKE_RESPONSE_VALIDATION", true)
	if err != nil {
		return nil, err
	}
	fs.BoolVar(&o.validateResponse, "response-validation", validate, "check every response against the spec (env ICEFAKE_RESPONSE_VALIDATION)")
	fs.Var(&o.accessKeys, "access-key", "accepted credential ID:SECRET or ID:SECRET:STS_TOKEN; repeatable (env ICEFAKE_ACCESS_KEYS, comma-separated); the default pair testAccessKeyId:testAccessKeySecret is always accepted")
	fs.StringVar(&o.authMode, "auth-mode", envOr(getenv, "ICEFAKE_AUTH_MODE", "enforce"), "signature checking: enforce, log or off (env ICEFAKE_AUTH_MODE)")
	admin, err := envBool(getenv, "ICEFAKE_ADMIN", true)
	if err != nil {
		return nil, err
	}
	fs.BoolVar(&o.admin, "admin", admin, "serve the admin API under /_icefake/ (reset, scenarios, faults, clock, journal, state); healthz is always served (env ICEFAKE_ADMIN)")
	fs.StringVar(&o.adminToken, "admin-token", getenv("ICEFAKE_ADMIN_TOKEN"), "require \"Authorization: Bearer TOKEN\" on every admin endpoint but healthz; prefer the env, which ps does not show (env ICEFAKE_ADMIN_TOKEN)")
	fs.Var(&o.adminHosts, "admin-allowed-hosts", "extra Host names the admin API answers under (comma-separated or repeated; * = any), e.g. a container's service name; IP addresses, localhost and the -addr host always work (env ICEFAKE_ADMIN_ALLOWED_HOSTS)")
	explain, err := envBool(getenv, "ICEFAKE_EXPLAIN", false)
	if err != nil {
		return nil, err
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
		{&o.journalBytes, "journal-bytes", "ICEFAKE_JOURNAL_BYTES", fake.DefaultJournalBytes, "how many bytes of calls the journal keeps (oldest dropped; the drop count is in GET /_icefake/state)"},
		{&o.nonceCacheSize, "nonce-cache-size", "ICEFAKE_NONCE_CACHE_SIZE", fake.DefaultMaxNonces, "how many SignatureNonces are remembered; when full, requests signed no later than the newest one forgotten are refused as possible replays"},
		{&o.submitQPS, "submit-qps", "ICEFAKE_SUBMIT_QPS", fake.DefaultSubmitQPS, "per-tenant SubmitMediaProducingJob quota in calls/s (0 = off)"},
		{&o.maxURIBytes, "max-uri-bytes", "ICEFAKE_MAX_URI_BYTES", fake.DefaultMaxURIBytes, "front-end limit on the request target (path and query) in bytes; longer → 414 HTML page (real limit unpublished)"},
		{&o.maxHeaderBytes, "max-header-bytes", "ICEFAKE_MAX_HEADER_BYTES", fake.DefaultMaxHeaderBytes, "front-end limit on the header lines in bytes; more → 400 HTML page (real limit unpublished)"},
		{&o.maxBodyBytes, "max-body-bytes", "ICEFAKE_MAX_BODY_BYTES", fake.DefaultMaxBodyBytes, "front-end limit on the request body in bytes, at most the default; more → 413 HTML page (real limit unpublished)"},
	} {
		v, err := strconv.Atoi(envOr(getenv, n.env, strconv.Itoa(n.def)))
		if err != nil {
			return nil, fmt.Errorf("%s %q: want an integer", n.env, getenv(n.env))
		}
		fs.IntVar(n.p, n.name, v, n.doc+" (env "+n.env+")")
	}
	fs.StringVar(&o.startTime, "start-time", getenv("ICEFAKE_START_TIME"), "freeze the virtual clock at this RFC 3339 time (default: follow real time; env ICEFAKE_START_TIME)")
	seed, err := strconv.ParseUint(envOr(getenv, "ICEFAKE_SEED", "0"), 10, 64)
	if err != nil {
		return nil, fmt.Errorf("ICEFAKE_SEED %q: want an integer from 0 to 2^64-1", getenv("ICEFAKE_SEED"))
	}
	fs.Uint64Var(&o.seed, "seed", seed, "seed for ProjectIds and RequestIds, for repeatable runs (0 = random; env ICEFAKE_SEED)")
	fs.StringVar(&o.region, "region", envOr(getenv, "ICEFAKE_REGION", fake.DefaultRegion), "service region: output buckets must be in it (env ICEFAKE_REGION)")
	fs.DurationVar(&o.shutdownTimeout, "shutdown-timeout", 10*time.Second, "how long graceful shutdown waits for in-flight requests")
	fs.BoolVar(&o.version, "version", false, "print the version (icefake VERSION (rev REV, GO, OS/ARCH)) and exit")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			o.help = fs
			return o, nil
		}
		return nil, fmt.Errorf("%w (icefake -h lists the flags)", err)
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments: %s (icefake -h lists the flags)", strings.Join(fs.Args(), " "))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	o.source = map[string]string{}
	for name, env := range flagEnv {
		if !set[name] && getenv(env) != "" {
			o.source[name] = env
		}
	}
	if len(o.scenarios) == 0 {
		o.scenarios = splitList(getenv("ICEFAKE_SCENARIO"))
	}
	if len(o.accessKeys) == 0 {
		o.accessKeys = splitList(getenv("ICEFAKE_ACCESS_KEYS"))
	}
	if len(o.adminHosts) == 0 {
		o.adminHosts = splitList(getenv("ICEFAKE_ADMIN_ALLOWED_HOSTS"))
	}
	o.adminHosts = splitList(strings.Join(o.adminHosts, ","))
	if o.submitQPS < 0 {
		return nil, fmt.Errorf("%s %d: want 0 (off) or more", o.from("submit-qps"), o.submitQPS)
	}
	for _, l := range []struct {
		name string
		v    int
	}{{"max-uri-bytes", o.maxURIBytes}, {"max-header-bytes", o.maxHeaderBytes}, {"max-body-bytes", o.maxBodyBytes}} {
		if l.v <= 0 || (l.name == "max-body-bytes" && l.v > fake.DefaultMaxBodyBytes) {
			return nil, fmt.Errorf("%s %d: want 1 to %d", o.from(l.name), l.v, max(l.v, fake.DefaultMaxBodyBytes))
		}
	}
	if !regionName.MatchString(o.region) {
		return nil, fmt.Errorf("%s %q: want a region ID such as cn-shanghai", o.from("region"), o.region)
	}
	if o.journalSize < 1 {
		return nil, fmt.Errorf("%s %d: want 1 or more", o.from("journal-size"), o.journalSize)
	}
	return o, nil
}

// regionName is the form of an Alibaba Cloud region ID (cn-shanghai,
// ap-southeast-1).
var regionName = regexp.MustCompile(`^[a-z]{2,}(-[a-z0-9]+)+$`)

// flagEnv maps each flag to its environment variable.
var flagEnv = map[string]string{
	"addr": "ICEFAKE_ADDR", "scenario": "ICEFAKE_SCENARIO", "log-level": "ICEFAKE_LOG_LEVEL",
	"log-format": "ICEFAKE_LOG_FORMAT", "response-validation": "ICEFAKE_RESPONSE_VALIDATION",
	"access-key": "ICEFAKE_ACCESS_KEYS", "auth-mode": "ICEFAKE_AUTH_MODE", "admin": "ICEFAKE_ADMIN",
	"admin-token": "ICEFAKE_ADMIN_TOKEN", "explain": "ICEFAKE_EXPLAIN", "journal-size": "ICEFAKE_JOURNAL_SIZE",
	"submit-qps": "ICEFAKE_SUBMIT_QPS", "start-time": "ICEFAKE_START_TIME", "seed": "ICEFAKE_SEED",
	"admin-allowed-hosts": "ICEFAKE_ADMIN_ALLOWED_HOSTS", "journal-bytes": "ICEFAKE_JOURNAL_BYTES",
	"nonce-cache-size": "ICEFAKE_NONCE_CACHE_SIZE",
	"max-uri-bytes":    "ICEFAKE_MAX_URI_BYTES", "max-header-bytes": "ICEFAKE_MAX_HEADER_BYTES",
	"max-body-bytes": "ICEFAKE_MAX_BODY_BYTES", "region": "ICEFAKE_REGION",
}

// envBool reads a boolean environment variable, def when it is unset.
func envBool(getenv func(string) string, key string, def bool) (bool, error) {
	v := getenv(key)
	if v == "" {
		return def, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("%s %q: want true or false", key, v)
	}
	return b, nil
}

// parseAccessKey reads ID:SECRET or ID:SECRET:STS_TOKEN.
// from names where v came from in errors.
func parseAccessKey(v, from string) (fake.Credential, error) {
	parts := strings.SplitN(v, ":", 3)
	if len(parts) < 2 || parts[0] == "" || parts[1] == "" {
		return fake.Credential{}, fmt.Errorf("%s %q: want ID:SECRET or ID:SECRET:STS_TOKEN", from, v)
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
		return nil, fmt.Errorf("%s %q: want debug, info, warn or error", o.from("log-level"), o.logLevel)
	}
	hopts := &slog.HandlerOptions{Level: level}
	switch o.logFormat {
	case "json":
		return slog.New(newFlatJSONHandler(w, hopts)), nil
	case "text":
		return slog.New(slog.NewTextHandler(w, hopts)), nil
	}
	return nil, fmt.Errorf("%s %q: want json or text", o.from("log-format"), o.logFormat)
}

// run is main without the process: it serves until ctx is done, then shuts
// down gracefully. It prints "icefake listening on http://ADDR" to stdout
// once the listener is ready; logs go to stderr. -h and -version print to
// stdout and return nil; "healthcheck" runs runHealthcheck.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "healthcheck" {
		return runHealthcheck(ctx, args[1:], getenv, stdout, stderr)
	}
	o, err := parseFlags(args, getenv)
	if err != nil {
		return err
	}
	if o.help != nil {
		return printUsage(stdout, o.help)
	}
	if o.version {
		_, err := fmt.Fprintln(stdout, currentVersion())
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
		return fmt.Errorf("%s %q: want enforce, log or off", o.from("auth-mode"), o.authMode)
	}
	fopts := []fake.Option{fake.WithLogger(logger), fake.WithResponseValidation(o.validateResponse), fake.WithAuthMode(mode),
		fake.WithExplain(o.explain), fake.WithJournalSize(o.journalSize), fake.WithJournalBytes(o.journalBytes), fake.WithNonceCacheSize(o.nonceCacheSize), fake.WithSubmitQPS(o.submitQPS),
		fake.WithAdmin(o.admin), fake.WithAdminToken(o.adminToken), fake.WithAdminAllowedHosts(o.adminHosts...),
		fake.WithRegion(o.region), fake.WithMaxURIBytes(o.maxURIBytes), fake.WithMaxHeaderBytes(o.maxHeaderBytes), fake.WithMaxBodyBytes(int64(o.maxBodyBytes))}
	if host, _, err := net.SplitHostPort(o.addr); err == nil && host != "" && net.ParseIP(host) == nil {
		fopts = append(fopts, fake.WithAdminAllowedHosts(host)) // the name it listens under
	}
	if o.startTime != "" {
		t, err := time.Parse(time.RFC3339, o.startTime)
		if err != nil {
			return fmt.Errorf("%s %q: want an RFC 3339 time such as 2024-01-01T00:00:00Z", o.from("start-time"), o.startTime)
		}
		fopts = append(fopts, fake.WithStartTime(t))
	}
	if o.seed != 0 {
		fopts = append(fopts, fake.WithSeed(o.seed))
	}
	for _, v := range o.accessKeys {
		c, err := parseAccessKey(v, o.from("access-key"))
		if err != nil {
			return err
		}
		fopts = append(fopts, fake.WithCredentials(c))
	}
	for _, path := range o.scenarios {
		sc, err := scenarios.LoadFile(path)
		if err != nil {
			return fmt.Errorf("%s: %w", o.from("scenario"), err)
		}
		fopts = append(fopts, fake.WithScenario(sc))
		logger.Info("scenario loaded", slog.String("file", path), slog.Int("credentials", len(sc.Credentials)),
			slog.Int("media", len(sc.Media)), slog.Int("templates", len(sc.Templates)), slog.Int("projects", len(sc.Projects)),
			slog.Int("faults", len(sc.Faults)), slog.Int("quotas", len(sc.Quotas)))
	}
	srv, err := fake.New(fopts...)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return fmt.Errorf("%s %q: %w", o.from("addr"), o.addr, err)
	}
	// Bounded reads so a stalled or trickling client cannot hold a
	// connection forever; no write timeout, since scripted delays are legal.
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute,
		MaxHeaderBytes: srv.HTTPHeaderLimit()}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	fmt.Fprintf(stdout, "icefake listening on http://%s\n", ln.Addr())
	go fake.PreloadSpec() // healthz answers meanwhile; the first API call need not wait as long
	logger.Info("listening", slog.String("addr", ln.Addr().String()), slog.String("auth_mode", string(mode)), slog.String("region", o.region),
		slog.Bool("admin", o.admin), slog.Bool("admin_token", o.adminToken != ""), slog.String("dashboard", dashboardURL(o.admin, ln.Addr())),
		slog.Any("access_key_ids", srv.Credentials()), slog.Any("actions", fake.SupportedActions()))
	if warning := adminExposure(ln.Addr(), o.admin, o.adminToken); warning != "" {
		logger.Warn(warning)
		fmt.Fprintln(stderr, "icefake: WARNING:", warning)
	}

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down", slog.Float64("timeout_ms", float64(o.shutdownTimeout)/float64(time.Millisecond)))
	srv.BeginShutdown() // scripted delays end now, so in-flight calls answer within the timeout
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

// printUsage writes what -h shows: a one-line description, usage, two
// examples and every flag of fs with its default.
func printUsage(w io.Writer, fs *flag.FlagSet) error {
	if _, err := io.WriteString(w, usageHead); err != nil {
		return err
	}
	fs.SetOutput(w)
	fs.PrintDefaults()
	return nil
}

// adminExposure returns a warning when the admin API (which resets state
// and scripts faults) listens beyond loopback without a token, or "".
func adminExposure(addr net.Addr, admin bool, token string) string {
	tcp, ok := addr.(*net.TCPAddr)
	if !admin || token != "" || !ok || tcp.IP.IsLoopback() {
		return ""
	}
	return fmt.Sprintf("the admin API (/_icefake/: reset, scenarios, faults, state) listens on %s, beyond loopback, "+
		"WITHOUT a token: anyone who can reach this address can drive it. Set -admin-token (env ICEFAKE_ADMIN_TOKEN) "+
		"or -admin=false, or listen on 127.0.0.1", addr)
}

// dashboardURL is where a browser opens the dashboard; "" with the admin API
// off (the dashboard is off with it).
func dashboardURL(admin bool, addr net.Addr) string {
	if !admin {
		return ""
	}
	return "http://" + addr.String() + fake.DashboardPath
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/icefake/icefake/fake"
	"github.com/icefake/icefake/proxy"
	"github.com/icefake/icefake/scenarios"
)

// DefaultProxyAddr is where `icefake proxy` listens unless told otherwise.
const DefaultProxyAddr = "127.0.0.1:18931"

// proxyUsage is `icefake proxy -h`.
const proxyUsage = `usage: icefake proxy -upstream https://ice.<region>.aliyuncs.com [-addr 127.0.0.1:18931]
                     [-report FILE] [-record FILE] [-shadow [-scenario FILE]...]

Forwards every ICE call unchanged to the upstream and holds both directions
against the spec icefake serves: unknown, missing or invalid parameters,
response fields the spec lacks, missing fields, wrong wire types,
undocumented error codes, status mismatches. V1-signed SDKs: set the
endpoint to the proxy. V3-signed SDKs sign the host: keep the real endpoint
and set the SDK's HTTP proxy to http://ADDR with protocol http.

Each call and its findings go to the journal (GET /_icefake/journal on the
proxy) and to -report as JSON lines; a summary follows at shutdown (SIGINT
or SIGTERM). Secrets are never written. Details: docs/proxy.md.

`

// runProxy is `icefake proxy`: it serves until ctx is done. It prints
// "icefake proxy listening on http://ADDR" to stdout once ready and the
// summary to stderr at shutdown, and returns the summary.
func runProxy(ctx context.Context, args []string, stdout, stderr io.Writer) (proxy.Summary, error) {
	var none proxy.Summary
	fs := flag.NewFlagSet("icefake proxy", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, proxyUsage)
		fs.PrintDefaults()
	}
	var (
		upstream, addr, reportPath, recordPath string
		shadow                                 bool
		scens                                  listFlag
		journalSize                            int
	)
	fs.StringVar(&upstream, "upstream", "", "the service to forward to, e.g. https://ice.cn-shanghai.aliyuncs.com (required)")
	fs.StringVar(&addr, "addr", DefaultProxyAddr, "listen address host:port; port 0 picks a free port")
	fs.StringVar(&reportPath, "report", "", "write one JSON line per call and a summary line at shutdown to FILE")
	fs.StringVar(&recordPath, "record", "", "at shutdown, write what the proxy saw as a scenario FILE the fake replays")
	fs.BoolVar(&shadow, "shadow", false, "also send each call to an in-process fake and report where the answers differ")
	fs.Var(&scens, "scenario", "scenario YAML to load into the -shadow fake (its media, projects); repeatable")
	fs.IntVar(&journalSize, "journal-size", proxy.DefaultJournalSize, "how many calls GET /_icefake/journal keeps")
	if err := fs.Parse(args); err != nil {
		return none, err
	}
	if fs.NArg() > 0 {
		return none, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	u, err := url.Parse(upstream)
	if upstream == "" || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return none, fmt.Errorf("-upstream %q: want the service's URL, e.g. https://ice.cn-shanghai.aliyuncs.com", upstream)
	}
	if len(scens) > 0 && !shadow {
		return none, errors.New("-scenario is for the -shadow fake: add -shadow")
	}
	o := proxy.Options{Upstream: u, JournalSize: journalSize}
	if shadow {
		fopts := []fake.Option{fake.WithAuthMode(fake.AuthOff), fake.WithSubmitQPS(0)}
		for _, path := range scens {
			sc, err := scenarios.LoadFile(path)
			if err != nil {
				return none, err
			}
			fopts = append(fopts, fake.WithScenario(sc))
		}
		srv, err := fake.New(fopts...)
		if err != nil {
			return none, err
		}
		o.Shadow = srv.Handler()
	}
	if reportPath != "" {
		f, err := os.Create(reportPath)
		if err != nil {
			return none, err
		}
		defer f.Close()
		o.Report = f
	}
	if recordPath != "" {
		// Fail now, not after a session, when the file cannot be written.
		f, err := os.Create(recordPath)
		if err != nil {
			return none, err
		}
		f.Close()
	}
	p, err := proxy.New(o)
	if err != nil {
		return none, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return none, err
	}
	hs := &http.Server{Handler: p, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	fmt.Fprintf(stdout, "icefake proxy listening on http://%s\n", ln.Addr())
	select {
	case err := <-served:
		return none, err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return none, fmt.Errorf("shutdown: %w", err)
	}
	if err := p.Close(); err != nil {
		return none, err
	}
	if recordPath != "" {
		var b strings.Builder
		if err := p.WriteScenario(&b); err != nil {
			return none, err
		}
		if err := os.WriteFile(recordPath, []byte(b.String()), 0o644); err != nil {
			return none, err
		}
	}
	sum := p.Summary()
	fmt.Fprintln(stderr, summaryLine(sum))
	return sum, nil
}

// summaryLine renders a Summary for people: "icefake proxy: 6 calls, 3 with
// drift (response-unknown-field 1, …)".
func summaryLine(s proxy.Summary) string {
	line := fmt.Sprintf("icefake proxy: %d calls, %d with drift", s.Calls, s.CallsWithDrift)
	if len(s.ByRule) > 0 {
		var parts []string
		for _, r := range slices.Sorted(maps.Keys(s.ByRule)) {
			parts = append(parts, fmt.Sprintf("%s %d", r, s.ByRule[r]))
		}
		line += " (" + strings.Join(parts, ", ") + ")"
	}
	return line
}

// proxyExit is the exit status of a proxy run: 0 when no call had drift
// (or for -h), 1 when some did, 2 when the proxy could not run (printed).
func proxyExit(sum proxy.Summary, err error, stderr io.Writer) int {
	switch {
	case errors.Is(err, flag.ErrHelp):
		return 0
	case err != nil:
		fmt.Fprintln(stderr, "icefake proxy:", err)
		return 2
	case sum.CallsWithDrift > 0:
		return 1
	}
	return 0
}

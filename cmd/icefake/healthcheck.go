package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// runHealthcheck is "icefake healthcheck [-addr host:port] [-timeout 2s]":
// it asks the server at addr (default: ICEFAKE_ADDR, else DefaultAddr) for
// GET /_icefake/healthz and returns nil when it answers 200 with
// {"status":"ok"}, an error otherwise (the process then exits 1). A wildcard
// host (0.0.0.0, [::] or none, as a server inside a container listens) is
// asked on loopback. No proxy is used; healthz never needs the admin token.
// It is the container image's HEALTHCHECK, which needs no shell or curl.
func runHealthcheck(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("icefake healthcheck", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	addr := fs.String("addr", envOr(getenv, "ICEFAKE_ADDR", DefaultAddr), "address of the server, host:port (env ICEFAKE_ADDR)")
	timeout := fs.Duration("timeout", 2*time.Second, "how long to wait for the answer")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fmt.Fprintln(stdout, "Usage: icefake healthcheck [-addr host:port] [-timeout 2s]\n\nExits 0 when GET /_icefake/healthz on the server answers 200 {\"status\":\"ok\"}, 1 otherwise.\n\nFlags:")
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			return nil
		}
		return fmt.Errorf("healthcheck: %w", err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("healthcheck: unexpected arguments: %v", fs.Args())
	}
	url, err := healthzURL(*addr)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	hc := &http.Client{Transport: &http.Transport{Proxy: nil}}
	res, err := hc.Do(req)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	defer res.Body.Close()
	var body struct{ Status string }
	_ = json.NewDecoder(io.LimitReader(res.Body, 1<<20)).Decode(&body)
	if res.StatusCode != http.StatusOK || body.Status != "ok" {
		return fmt.Errorf("healthcheck: GET %s = %d status %q, want 200 \"ok\"", url, res.StatusCode, body.Status)
	}
	fmt.Fprintf(stdout, "ok %s\n", url)
	return nil
}

// healthzURL is the healthz URL of the server listening on addr, with a
// wildcard host replaced by loopback.
func healthzURL(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("-addr %q: want host:port", addr)
	}
	switch host {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::":
		host = "::1"
	}
	return "http://" + net.JoinHostPort(host, port) + healthzPath, nil
}

// healthzPath is the admin API's liveness endpoint (openapi/admin.yaml).
const healthzPath = "/_icefake/healthz"

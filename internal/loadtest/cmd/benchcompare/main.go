// Command benchcompare runs the load client of package loadtest against
// several targets side by side, in interleaved rounds, and prints req/s,
// p50/p99 latency, the server process's CPU time per request ("srv CPU
// µs/req": utime+stime of the child from /proc/PID/stat around each
// measurement, divided by the calls answered; far steadier than req/s on a
// shared machine), its minor page faults per request ("srv faults/req")
// and ratios to bare (make bench-compare; make bench-prism
// adds Prism). Targets:
//
//   - bare: a net/http handler answering a fixed Project body (this binary
//     re-run with -serve-bare, in its own process);
//   - icefake: the icefake binary given by -icefake, with default settings;
//   - one more icefake per -variant NAME=ARGS (e.g. "auth-off=-auth-mode off");
//   - one more icefake binary per -bin NAME=PATH (e.g. a build of main);
//   - one external server per -target NAME=URL (e.g. Prism).
//
// Servers listen on 127.0.0.1 port 0 and are stopped before exit. The run
// takes about rounds × len(c) × targets × duration.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/icefake/icefake/internal/loadtest"
)

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, " ") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "benchcompare:", err)
		os.Exit(1)
	}
}

type target struct {
	name string
	url  string
	cmd  *exec.Cmd
	// results[c] accumulates every round at concurrency c.
	results map[int]*loadtest.Result
	// cpu[c] is the server process's CPU time (utime+stime, all threads)
	// over every round at concurrency c; cpuOK is false once a reading
	// failed (or for an external target, which has no process here).
	cpu   map[int]time.Duration
	cpuOK bool
	// faults[c] is the server process's minor page faults over the same
	// rounds (each a fresh page of memory touched: costly on a VM).
	faults map[int]int64
}

// serverStat is what t's process has used so far; ok is false for an
// external target or when it cannot be read.
func (t *target) serverStat() (procStat, bool) {
	if t.cmd == nil || t.cmd.Process == nil {
		return procStat{}, false
	}
	st, err := readProcStat(t.cmd.Process.Pid)
	return st, err == nil
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("benchcompare", flag.ContinueOnError)
	serveBare := fs.Bool("serve-bare", false, "serve the bare handler on 127.0.0.1:0 and print its URL (used by the command itself)")
	icefake := fs.String("icefake", "bin/icefake", "icefake binary to run with default settings (empty: none)")
	rounds := fs.Int("rounds", 3, "interleaved rounds")
	dur := fs.Duration("duration", 5*time.Second, "length of one measurement (one target, one concurrency, one round)")
	warmup := fs.Duration("warmup", time.Second, "unmeasured load per target and concurrency before the rounds")
	concs := fs.String("c", "1,4", "comma-separated client concurrencies")
	freePort := fs.Bool("free-port", false, "print a free 127.0.0.1 port and exit (for scripts)")
	wait := fs.String("wait", "", "wait until URL answers any HTTP response, then exit (for scripts)")
	waitTimeout := fs.Duration("wait-timeout", 30*time.Second, "how long -wait waits")
	var variants, bins, externals listFlag
	fs.Var(&variants, "variant", "extra icefake run NAME=ARGS, e.g. 'auth-off=-auth-mode off'; repeatable")
	fs.Var(&bins, "bin", "another icefake binary NAME=PATH run with default settings (e.g. a build of an older commit); repeatable")
	fs.Var(&externals, "target", "external server NAME=URL, e.g. prism=http://127.0.0.1:4010/CreateEditingProject; repeatable")
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case *serveBare:
		return serve(ctx, out)
	case *freePort:
		ln, err := listen()
		if err != nil {
			return err
		}
		defer ln.Close()
		_, port, _ := strings.Cut(ln.Addr().String(), ":")
		fmt.Fprintln(out, port)
		return nil
	case *wait != "":
		return waitFor(ctx, *wait, *waitTimeout)
	}
	var cs []int
	for _, f := range strings.Split(*concs, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return fmt.Errorf("-c %q: want positive integers", *concs)
		}
		cs = append(cs, n)
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	var targets []*target
	defer func() {
		for _, t := range targets {
			stopProcess(t.cmd)
		}
	}()
	start := func(name, bin string, args ...string) error {
		t, err := startServer(name, bin, args...)
		if t != nil {
			targets = append(targets, t)
		}
		return err
	}
	if err := start("bare", self, "-serve-bare"); err != nil {
		return err
	}
	if *icefake != "" {
		if err := start("icefake", *icefake, "-addr", "127.0.0.1:0"); err != nil {
			return err
		}
		for _, v := range variants {
			name, a, ok := strings.Cut(v, "=")
			if !ok || name == "" {
				return fmt.Errorf("-variant %q: want NAME=ARGS", v)
			}
			if err := start(name, *icefake, append([]string{"-addr", "127.0.0.1:0"}, strings.Fields(a)...)...); err != nil {
				return err
			}
		}
	}
	for _, b := range bins {
		name, path, ok := strings.Cut(b, "=")
		if !ok || name == "" || path == "" {
			return fmt.Errorf("-bin %q: want NAME=PATH", b)
		}
		if err := start(name, path, "-addr", "127.0.0.1:0"); err != nil {
			return err
		}
	}
	for _, e := range externals {
		name, u, ok := strings.Cut(e, "=")
		if !ok || name == "" || u == "" {
			return fmt.Errorf("-target %q: want NAME=URL", e)
		}
		targets = append(targets, &target{name: name, url: u})
	}
	maxC := slices.Max(cs)
	for _, t := range targets {
		t.results = map[int]*loadtest.Result{}
		t.cpu, t.faults = map[int]time.Duration{}, map[int]int64{}
		_, t.cpuOK = t.serverStat()
		cl, err := loadtest.NewClient(t.url, maxC)
		if err != nil {
			return err
		}
		if err := cl.Do(ctx); err != nil {
			cl.Close()
			return fmt.Errorf("%s (%s): first call: %w", t.name, t.url, err)
		}
		cl.Close()
	}
	fmt.Fprintf(out, "benchcompare: %d targets, c=%v, %d interleaved rounds × %s (+%s warm-up), GOMAXPROCS of the client %d\n",
		len(targets), cs, *rounds, *dur, *warmup, runtimeProcs())
	measure := func(t *target, c int, d time.Duration) (loadtest.Result, error) {
		cl, err := loadtest.NewClient(t.url, c)
		if err != nil {
			return loadtest.Result{}, err
		}
		defer cl.Close()
		r := cl.Run(ctx, c, d, 0)
		if ctx.Err() != nil {
			return r, ctx.Err()
		}
		return r, nil
	}
	for _, c := range cs {
		for _, t := range targets {
			if *warmup > 0 {
				if _, err := measure(t, c, *warmup); err != nil {
					return err
				}
			}
		}
	}
	for round := 1; round <= *rounds; round++ {
		for _, c := range cs {
			for _, t := range targets {
				st0, ok0 := t.serverStat()
				r, err := measure(t, c, *dur)
				if err != nil {
					return err
				}
				st1, ok1 := t.serverStat()
				t.cpuOK = t.cpuOK && ok0 && ok1
				t.cpu[c] += st1.CPU - st0.CPU
				t.faults[c] += st1.MinFlt - st0.MinFlt
				cpuNote := ""
				if t.cpuOK && r.Requests > 0 {
					cpuNote = fmt.Sprintf("  srv CPU %.0f µs/req, %.2f faults/req", perReq(st1.CPU-st0.CPU, r.Requests),
						float64(st1.MinFlt-st0.MinFlt)/float64(r.Requests))
				}
				fmt.Fprintf(out, "  round %d c=%d %-10s %8.0f req/s  p99 %s  errors %d%s\n", round, c, t.name, r.RPS(), r.Quantile(0.99).Round(10*time.Microsecond), r.Errors, cpuNote)
				if r.FirstError != nil {
					fmt.Fprintf(out, "    first error: %v\n", r.FirstError)
				}
				acc := t.results[c]
				if acc == nil {
					acc = &loadtest.Result{}
					t.results[c] = acc
				}
				acc.Requests += r.Requests
				acc.Errors += r.Errors
				acc.Elapsed += r.Elapsed
				acc.Latencies = append(acc.Latencies, r.Latencies...)
			}
		}
	}
	report(out, targets, cs)
	return nil
}

func report(out io.Writer, targets []*target, cs []int) {
	for _, t := range targets {
		for _, r := range t.results {
			slices.Sort(r.Latencies)
		}
	}
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(out)
	head := "target\t"
	for _, c := range cs {
		head += fmt.Sprintf("c=%d req/s\t(÷bare)\tc=%d p50\tc=%d p99\t(÷bare)\tc=%d srv CPU µs/req\t(÷bare)\tc=%d srv faults/req\t", c, c, c, c, c)
	}
	fmt.Fprintln(w, head+"errors\t")
	bare := targets[0]
	for _, t := range targets {
		line := t.name + "\t"
		errs := 0
		for _, c := range cs {
			r, b := t.results[c], bare.results[c]
			line += fmt.Sprintf("%.0f\t%.2f\t%s\t%s\t%.2f\t", r.RPS(), r.RPS()/b.RPS(), ms(r.Quantile(0.5)), ms(r.Quantile(0.99)),
				float64(r.Quantile(0.99))/float64(b.Quantile(0.99)))
			line += cpuColumns(t, bare, c) + faultsColumn(t, c)
			errs += r.Errors
		}
		fmt.Fprintln(w, line+strconv.Itoa(errs)+"\t")
	}
	_ = w.Flush()
	// icefake against every other non-bare target (e.g. Prism).
	var ice *target
	for _, t := range targets {
		if t.name == "icefake" {
			ice = t
		}
	}
	if ice == nil {
		return
	}
	for _, t := range targets[1:] {
		if t == ice || t.cmd != nil {
			continue
		}
		for _, c := range cs {
			fmt.Fprintf(out, "icefake/%s at c=%d: %.1f× req/s\n", t.name, c, ice.results[c].RPS()/t.results[c].RPS())
		}
	}
}

// cpuColumns is the "srv CPU µs/req" and "(÷bare)" cells of t at
// concurrency c: the server process's CPU time over every measured round
// divided by the calls answered, "-" where it is unknown.
func cpuColumns(t, bare *target, c int) string {
	r := t.results[c]
	if !t.cpuOK || r.Requests == 0 {
		return "-\t-\t"
	}
	us := perReq(t.cpu[c], r.Requests)
	b := bare.results[c]
	if !bare.cpuOK || b.Requests == 0 || bare.cpu[c] <= 0 {
		return fmt.Sprintf("%.1f\t-\t", us)
	}
	return fmt.Sprintf("%.1f\t%.2f\t", us, us/perReq(bare.cpu[c], b.Requests))
}

// faultsColumn is the "srv faults/req" cell of t at concurrency c: the
// server process's minor page faults over every measured round divided by
// the calls answered, "-" where unknown.
func faultsColumn(t *target, c int) string {
	r := t.results[c]
	if !t.cpuOK || r.Requests == 0 {
		return "-\t"
	}
	return fmt.Sprintf("%.2f\t", float64(t.faults[c])/float64(r.Requests))
}

// perReq is d per request in microseconds.
func perReq(d time.Duration, requests int) float64 {
	return float64(d) / float64(time.Microsecond) / float64(requests)
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d)/float64(time.Millisecond)) }

var urlRE = regexp.MustCompile(`http://[0-9.:]+`)

// startServer starts bin and waits for the "listening on http://ADDR" line
// on its stdout.
func startServer(name, bin string, args ...string) (*target, error) {
	cmd := exec.Command(bin, args...)
	cmd.Stderr = nil // /dev/null: logs are written, not kept
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	t := &target{name: name, cmd: cmd}
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if u := urlRE.FindString(sc.Text()); u != "" {
				lines <- u
				break
			}
		}
		_, _ = io.Copy(io.Discard, stdout)
	}()
	select {
	case u := <-lines:
		t.url = u + "/"
		return t, nil
	case <-time.After(30 * time.Second):
		return t, fmt.Errorf("%s: no \"listening on http://\" line within 30s", name)
	}
}

func stopProcess(cmd *exec.Cmd) {
	if cmd == nil || cmd.Process == nil {
		return
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = cmd.Process.Kill()
		<-done
	}
}

// serve runs the bare handler until ctx is done.
func serve(ctx context.Context, out io.Writer) error {
	srv := &http.Server{Addr: "127.0.0.1:0", Handler: loadtest.BareHandler(), ReadHeaderTimeout: 10 * time.Second}
	ln, err := listen()
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "bare listening on http://%s\n", ln.Addr())
	go func() { <-ctx.Done(); _ = srv.Close() }()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// waitFor polls url until it answers any HTTP response or timeout passes.
func waitFor(ctx context.Context, url string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		if resp, err := http.DefaultClient.Do(req); err == nil {
			_ = resp.Body.Close()
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s did not answer within %s", url, timeout)
		case <-tick.C:
		}
	}
}

package contract

import (
	"bufio"
	"cmp"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// BenchmarkProcessStartToHealthz starts the icefake binary (defaults,
// 127.0.0.1:0) and times from exec to the first 200 from GET
// /_icefake/healthz; it reports the median (ms-median) and, where the OS
// reports them (unix), the median of the child's minor page faults over its
// whole life (faults-median; on a VM where a page fault costs tens of
// microseconds, start-up is mostly page faults: docs/architecture.md
// "Performance"). The binary is the one TestMain built (with -race only when
// the tests run under it). Two baselines are timed the same way to their
// first 200:
//
//   - bare-binary: internal/loadtest/cmd/barehttp, net/http and nothing
//     else, what any Go HTTP server's start costs on the machine. The icefake
//     sub-benchmark also starts it after each icefake start (outside the
//     timer), so its ratios are over samples taken side by side, whatever
//     the machine's load does meanwhile: x-bare-binary (median time over the
//     bare binary's, the "≤ 2×" target) and faults-x-bare-binary;
//   - same-deps: benchcompare -serve-bare, a bare handler in a binary that
//     links what icefake links (kin-openapi and its JSON Schema library,
//     Prometheus, …), so the package initialisers of those dependencies run
//     before its main too.
//
// ICEFAKE_BENCH_BEFORE=PATH adds icefake-before: another icefake binary
// (e.g. a build of main) measured the same way, for a before/after in one
// run.
func BenchmarkProcessStartToHealthz(b *testing.B) {
	bare := startTarget{prefix: "bare listening on http://", path: "/"}
	icefake := func(bin string) func(*testing.B) {
		return func(b *testing.B) {
			ice := startTarget{prefix: listeningPrefix, path: "/_icefake/healthz", bin: bin, args: []string{"-addr", "127.0.0.1:0"}}
			bare.bin = buildTool(b, "barehttp")
			var own, paired startSamples
			for b.Loop() {
				own.add(ice.start(b))
				b.StopTimer()
				paired.add(bare.start(b))
				b.StartTimer()
			}
			st, pst := own.report(b), paired.stats()
			b.ReportMetric(float64(st.median)/float64(pst.median), "x-bare-binary")
			if st.faults > 0 && pst.faults > 0 {
				b.ReportMetric(float64(st.faults)/float64(pst.faults), "faults-x-bare-binary")
			}
		}
	}
	b.Run("icefake", icefake(icefakeBin))
	if before := os.Getenv("ICEFAKE_BENCH_BEFORE"); before != "" {
		b.Run("icefake-before", icefake(before))
	}
	b.Run("baseline=bare-binary", func(b *testing.B) {
		bare.bin = buildTool(b, "barehttp")
		benchStart(b, bare)
	})
	b.Run("baseline=same-deps", func(b *testing.B) {
		benchStart(b, startTarget{prefix: bare.prefix, path: "/", bin: buildTool(b, "benchcompare"), args: []string{"-serve-bare"}})
	})
}

// buildTool builds internal/loadtest/cmd/NAME (without -race) and returns
// the binary's path.
func buildTool(b *testing.B, name string) string {
	b.Helper()
	bin := filepath.Join(b.TempDir(), name)
	if out, err := exec.Command("go", "build", "-o", bin, "../internal/loadtest/cmd/"+name).CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// benchStart starts tg b.N times and reports ms-median and faults-median.
func benchStart(b *testing.B, tg startTarget) {
	var s startSamples
	for b.Loop() {
		s.add(tg.start(b))
	}
	s.report(b)
}

// startTarget is a server binary to start: bin with args prints a line
// starting with prefix and followed by its host:port on stdout once it
// listens, then answers 200 to GET path.
type startTarget struct {
	prefix, path, bin string
	args              []string
}

var startClient = &http.Client{Transport: &http.Transport{Proxy: nil, DisableKeepAlives: true}, Timeout: 10 * time.Second}

// start starts tg, reads its stdout up to the listening line, GETs path
// (which must answer 200), stops it with SIGTERM and returns the time from
// exec to the 200 and the process's minor page faults (-1 where the OS does
// not report them).
func (tg startTarget) start(b *testing.B) (time.Duration, int64) {
	b.Helper()
	start := time.Now()
	cmd := exec.Command(tg.bin, tg.args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	base := ""
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), tg.prefix); ok {
			base = "http://" + rest
			break
		}
	}
	if base == "" {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		b.Fatalf("%s: no %q line", tg.bin, tg.prefix)
	}
	resp, err := startClient.Get(base + tg.path)
	if err != nil {
		b.Fatal(err)
	}
	_ = resp.Body.Close()
	took := time.Since(start)
	if resp.StatusCode != http.StatusOK {
		b.Fatalf("GET %s status = %d, want 200", tg.path, resp.StatusCode)
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	_ = cmd.Wait()
	faults, ok := minorFaults(cmd.ProcessState)
	if !ok {
		faults = -1
	}
	return took, faults
}

// startSamples collects what start returns.
type startSamples struct {
	took   []time.Duration
	faults []int64
}

func (s *startSamples) add(took time.Duration, faults int64) {
	s.took = append(s.took, took)
	if faults >= 0 {
		s.faults = append(s.faults, faults)
	}
}

// startStats are medians of startSamples: time from exec to the first 200,
// and the child's minor page faults (0 where the OS does not report them).
type startStats struct {
	median time.Duration
	faults int64
}

func (s *startSamples) stats() startStats {
	st := startStats{median: median(s.took)}
	if len(s.faults) == len(s.took) {
		st.faults = median(s.faults)
	}
	return st
}

// report reports ms-median and (when known) faults-median, and returns them.
func (s *startSamples) report(b *testing.B) startStats {
	st := s.stats()
	b.ReportMetric(float64(st.median)/float64(time.Millisecond), "ms-median")
	if st.faults > 0 {
		b.ReportMetric(float64(st.faults), "faults-median")
	}
	return st
}

// median returns the middle of xs (the upper one of an even count), sorting
// xs in place; xs must not be empty.
func median[T cmp.Ordered](xs []T) T {
	slices.Sort(xs)
	return xs[len(xs)/2]
}

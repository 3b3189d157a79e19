package contract

import (
	"bufio"
	"cmp"
	"net/http"
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
// whole life (faults-median). The binary is the one TestMain built (with
// -race only when the tests run under it). Two baselines are timed the same
// way to their first 200, in the same run:
//
//   - bare-binary: internal/loadtest/cmd/barehttp, net/http and nothing
//     else, what any Go HTTP server's start costs on the machine; it runs
//     first, and icefake then reports its median over this one
//     (x-bare-binary, the "≤ 2×" target) and its page faults over
//     this one's (faults-x-bare-binary);
//   - same-deps: benchcompare -serve-bare, a bare handler in a binary that
//     links what icefake links (kin-openapi and its JSON Schema library,
//     Prometheus, …), so the package initialisers of those dependencies run
//     before its main too.
//
// On a VM where a page fault costs tens of microseconds, start-up is mostly
// page faults (docs/architecture.md "Performance").
func BenchmarkProcessStartToHealthz(b *testing.B) {
	var bare startStats // zero when the bare-binary sub-benchmark did not run
	b.Run("baseline=bare-binary", func(b *testing.B) {
		bare = benchStart(b, "bare listening on http://", "/", buildTool(b, "barehttp"))
	})
	b.Run("icefake", func(b *testing.B) {
		st := benchStart(b, listeningPrefix, "/_icefake/healthz", icefakeBin, "-addr", "127.0.0.1:0")
		if bare.median > 0 {
			b.ReportMetric(float64(st.median)/float64(bare.median), "x-bare-binary")
		}
		if bare.faults > 0 && st.faults > 0 {
			b.ReportMetric(float64(st.faults)/float64(bare.faults), "faults-x-bare-binary")
		}
	})
	b.Run("baseline=same-deps", func(b *testing.B) {
		benchStart(b, "bare listening on http://", "/", buildTool(b, "benchcompare"), "-serve-bare")
	})
}

// startStats are the medians benchStart measured: time from exec to the
// first 200, and the child's minor page faults (0 where the OS does not
// report them).
type startStats struct {
	median time.Duration
	faults int64
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

// benchStart starts bin with args b.N times, each time reading its stdout
// up to the line starting with prefix (the rest is host:port), GETting path
// there (must answer 200), then stopping it with SIGTERM. It reports
// ms-median and faults-median and returns them.
func benchStart(b *testing.B, prefix, path, bin string, args ...string) startStats {
	var samples []time.Duration
	var faults []int64
	client := &http.Client{Transport: &http.Transport{Proxy: nil, DisableKeepAlives: true}, Timeout: 10 * time.Second}
	for b.Loop() {
		start := time.Now()
		cmd := exec.Command(bin, args...)
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
			if rest, ok := strings.CutPrefix(sc.Text(), prefix); ok {
				base = "http://" + rest
				break
			}
		}
		if base == "" {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			b.Fatalf("no %q line", prefix)
		}
		resp, err := client.Get(base + path)
		if err != nil {
			b.Fatal(err)
		}
		_ = resp.Body.Close()
		samples = append(samples, time.Since(start))
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("GET %s status = %d, want 200", path, resp.StatusCode)
		}
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
		if n, ok := minorFaults(cmd.ProcessState); ok {
			faults = append(faults, n)
		}
	}
	st := startStats{median: median(samples)}
	b.ReportMetric(float64(st.median)/float64(time.Millisecond), "ms-median")
	if len(faults) == len(samples) {
		st.faults = median(faults)
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

package contract

import (
	"bufio"
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
// /_icefake/healthz; it reports the median (ms-median). The binary is the
// one TestMain built (with -race only when the tests run under it). Two
// baselines are timed the same way to their first 200:
//
//   - bare-binary: internal/loadtest/cmd/barehttp, net/http and nothing
//     else, what any Go HTTP server's start costs on the machine;
//   - same-deps: benchcompare -serve-bare, a bare handler in a binary that
//     links what icefake links (kin-openapi and its JSON Schema library,
//     Prometheus, …), so the package initialisers of those dependencies run
//     before its main too.
func BenchmarkProcessStartToHealthz(b *testing.B) {
	b.Run("icefake", func(b *testing.B) {
		benchStart(b, listeningPrefix, "/_icefake/healthz", icefakeBin, "-addr", "127.0.0.1:0")
	})
	b.Run("baseline=bare-binary", func(b *testing.B) {
		benchStart(b, "bare listening on http://", "/", buildTool(b, "barehttp"))
	})
	b.Run("baseline=same-deps", func(b *testing.B) {
		benchStart(b, "bare listening on http://", "/", buildTool(b, "benchcompare"), "-serve-bare")
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

func benchStart(b *testing.B, prefix, path, bin string, args ...string) {
	var samples []time.Duration
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
	}
	slices.Sort(samples)
	b.ReportMetric(float64(samples[len(samples)/2])/float64(time.Millisecond), "ms-median")
}

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
// one TestMain built (with -race only when the tests run under it). The
// baseline is a bare Go net/http binary (internal/loadtest's handler) timed
// the same way to its first 200.
func BenchmarkProcessStartToHealthz(b *testing.B) {
	b.Run("icefake", func(b *testing.B) {
		benchStart(b, listeningPrefix, "/_icefake/healthz", icefakeBin, "-addr", "127.0.0.1:0")
	})
	b.Run("baseline=bare-binary", func(b *testing.B) {
		bin := filepath.Join(b.TempDir(), "benchcompare")
		if out, err := exec.Command("go", "build", "-o", bin, "../internal/loadtest/cmd/benchcompare").CombinedOutput(); err != nil {
			b.Fatalf("go build: %v\n%s", err, out)
		}
		benchStart(b, "bare listening on http://", "/", bin, "-serve-bare")
	})
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

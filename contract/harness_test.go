package contract

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	openapiclient "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/icefake/icefake/fake"
	"github.com/icefake/icefake/scenarios"
)

const (
	// listeningPrefix starts the line cmd/icefake prints on stdout once its
	// listener is ready.
	listeningPrefix = "icefake listening on http://"
	// startTimeout bounds how long the binary may take to listen and answer
	// healthz; stopTimeout how long it may take to exit after SIGTERM.
	startTimeout = 15 * time.Second
	stopTimeout  = 15 * time.Second
	// raceExitCode is how a -race binary exits after reporting a race.
	raceExitCode = 66
)

// icefakeBin is the cmd/icefake binary TestMain built for this test process.
var icefakeBin string

// proxyEnv are the variables the Tea SDK reads for a proxy. A proxy would
// intercept calls to 127.0.0.1 (docs/fidelity.md "Signatures"), so they are cleared,
// except in real mode where reaching the service may need them.
var proxyEnv = []string{"HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy"}

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	if !realEnabled() {
		for _, k := range proxyEnv {
			os.Unsetenv(k)
		}
	}
	dir, err := os.MkdirTemp("", "icefake-contract-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "contract:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	icefakeBin, err = buildBinary(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "contract:", err)
		return 1
	}
	return m.Run()
}

// buildBinary builds cmd/icefake into dir, with -race when the tests run
// under the race detector (a race in the subprocess then makes it exit 66,
// which the stop check reports).
func buildBinary(dir string) (string, error) {
	bin := filepath.Join(dir, "icefake")
	args := []string{"build", "-o", bin}
	if raceEnabled {
		args = append(args, "-race")
	}
	args = append(args, "../cmd/icefake")
	out, err := exec.Command("go", args...).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return bin, nil
}

// target is one place the contract runs against: the embedded fake, the
// standalone binary or the real service.
type target struct {
	name     string // "embedded", "binary" or "real"
	client   *ice.Client
	endpoint string // host:port as configured in the SDK (Config.Endpoint)
	protocol string // "http" or "https"
	keyID    string
	secret   string
	// srv is the embedded server (Go state API); nil for other targets.
	srv *fake.Server
}

// isFake reports whether tg is icefake (embedded or binary), where scenario
// seeds and faults apply.
func (tg *target) isFake() bool { return tg.name != "real" }

// fakeOnly skips the rest of the test on the real service: what follows
// depends on state only a scenario can seed or script.
func (tg *target) fakeOnly(t *testing.T, why string) {
	t.Helper()
	if !tg.isFake() {
		t.Skipf("fake-only: %s", why)
	}
}

// newClient returns another SDK client for tg.
func (tg *target) newClient(t *testing.T) *ice.Client {
	t.Helper()
	return tg.clientWith(t, tg.keyID, tg.secret)
}

// clientWith returns an SDK client for tg that signs with other credentials.
func (tg *target) clientWith(t *testing.T, keyID, secret string) *ice.Client {
	t.Helper()
	cfg := &openapiclient.Config{
		AccessKeyId:     tea.String(keyID),
		AccessKeySecret: tea.String(secret),
		Endpoint:        tea.String(tg.endpoint),
		Protocol:        tea.String(tg.protocol),
	}
	if tg.isFake() {
		cfg.NoProxy = tea.String(tg.endpoint) // Tea matches NoProxy against host:port exactly
	}
	c, err := ice.NewClient(cfg)
	if err != nil {
		t.Fatalf("ice.NewClient(%s) = %v", tg.endpoint, err)
	}
	return c
}

func newTarget(t *testing.T, name, endpoint, protocol, keyID, secret string) *target {
	t.Helper()
	tg := &target{name: name, endpoint: endpoint, protocol: protocol, keyID: keyID, secret: secret}
	tg.client = tg.newClient(t)
	return tg
}

// forEachTarget runs body against the embedded fake, the icefake binary and,
// in real mode, the real service, each as a subtest with a fresh target
// loaded with scenarioYAML ("" for none).
func forEachTarget(t *testing.T, scenarioYAML string, body func(t *testing.T, tg *target)) {
	t.Helper()
	t.Run("embedded", func(t *testing.T) { body(t, startEmbedded(t, scenarioYAML)) })
	t.Run("binary", func(t *testing.T) { body(t, startBinary(t, scenarioYAML)) })
	t.Run("real", func(t *testing.T) { body(t, realTarget(t)) })
}

// startEmbedded starts fake.StartT with the scenario; its clock is frozen at
// fake.DefaultStartTime and its IDs are seeded.
func startEmbedded(t *testing.T, scenarioYAML string) *target {
	t.Helper()
	var opts []fake.Option
	if scenarioYAML != "" {
		sc, err := scenarios.Parse("scenario.yaml", []byte(scenarioYAML))
		if err != nil {
			t.Fatalf("scenarios.Parse = %v", err)
		}
		opts = append(opts, fake.WithScenario(sc))
	}
	srv := fake.StartT(t, opts...)
	c := srv.ClientConfig()
	tg := newTarget(t, "embedded", c.Endpoint, c.Protocol, c.AccessKeyId, c.AccessKeySecret)
	tg.srv = srv
	return tg
}

// startBinary starts the icefake binary on a free port with the scenario
// written to a file, waits until healthz answers, and stops it with SIGTERM
// when the test ends, failing the test unless it exits 0.
func startBinary(t *testing.T, scenarioYAML string) *target {
	t.Helper()
	return startBinaryAt(t, icefakeBin, scenarioYAML)
}

// startBinaryArgs is startBinary with more command-line flags.
func startBinaryArgs(t *testing.T, scenarioYAML string, extra ...string) *target {
	t.Helper()
	return startBinaryAt(t, icefakeBin, scenarioYAML, extra...)
}

// startBinaryAt is startBinary with the icefake binary at bin and more
// command-line flags.
func startBinaryAt(t *testing.T, bin, scenarioYAML string, extra ...string) *target {
	t.Helper()
	args := append([]string{"-addr", "127.0.0.1:0"}, extra...)
	if scenarioYAML != "" {
		path := filepath.Join(t.TempDir(), "scenario.yaml")
		if err := os.WriteFile(path, []byte(scenarioYAML), 0o600); err != nil {
			t.Fatal(err)
		}
		args = append(args, "-scenario", path)
	}
	cmd := exec.Command(bin, args...)
	// A -race binary sleeps 1 s at exit unless told otherwise.
	cmd.Env = append(os.Environ(), "GORACE="+strings.TrimSpace(os.Getenv("GORACE")+" atexit_sleep_ms=0"))
	stdout := newFirstLine()
	stderr := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	exited := make(chan struct{})
	var waitErr error
	go func() { waitErr = cmd.Wait(); close(exited) }()
	diedEarly := false // already reported by the start-up checks below
	t.Cleanup(func() {
		select {
		case <-exited:
			if diedEarly {
				return
			}
			t.Errorf("icefake exited before the test ended: %v\nstderr:\n%s", waitErr, tail(stderr))
			return
		default:
		}
		if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Errorf("SIGTERM icefake: %v", err)
		}
		select {
		case <-exited:
		case <-time.After(stopTimeout):
			_ = cmd.Process.Kill()
			<-exited
			t.Errorf("icefake did not exit within %v of SIGTERM\nstderr:\n%s", stopTimeout, tail(stderr))
			return
		}
		switch code := cmd.ProcessState.ExitCode(); code {
		case 0:
		case raceExitCode:
			t.Errorf("icefake exit status after SIGTERM = %d (the race detector found a race), want 0\nstderr:\n%s", code, stderr)
		default:
			t.Errorf("icefake exit status after SIGTERM = %d, want 0\nstderr:\n%s", code, tail(stderr))
		}
		if t.Failed() && cmd.ProcessState.ExitCode() == 0 {
			t.Logf("icefake stderr:\n%s", tail(stderr))
		}
	})

	var line string
	select {
	case line = <-stdout.line:
	case <-exited:
		diedEarly = true
		t.Fatalf("icefake exited before listening: %v\nstderr:\n%s", waitErr, tail(stderr))
	case <-time.After(startTimeout):
		t.Fatalf("icefake printed no %q line within %v\nstderr:\n%s", listeningPrefix, startTimeout, tail(stderr))
	}
	addr, ok := strings.CutPrefix(line, listeningPrefix)
	if !ok || addr == "" {
		t.Fatalf("icefake first stdout line = %q, want %q + host:port", line, listeningPrefix)
	}
	if problem, died := waitHealthy(t.Context(), "http://"+addr+"/_icefake/healthz", exited); problem != "" {
		diedEarly = died
		t.Fatalf("GET http://%s/_icefake/healthz: not healthy within %v: %s\nstderr:\n%s", addr, startTimeout, problem, tail(stderr))
	}
	return newTarget(t, "binary", addr, "http", fake.DefaultAccessKeyId, fake.DefaultAccessKeySecret)
}

// waitHealthy polls url until it answers 200 {"status":"ok"}, for at most
// startTimeout; this is the only polling in the package. It returns why the
// server is not healthy ("" when it is) and whether it exited.
func waitHealthy(ctx context.Context, url string, exited <-chan struct{}) (problem string, died bool) {
	hc := &http.Client{Transport: &http.Transport{Proxy: nil}, Timeout: time.Second}
	deadline := time.Now().Add(startTimeout)
	for {
		select {
		case <-exited:
			return "icefake exited", true
		default:
		}
		problem = checkHealth(ctx, hc, url)
		if problem == "" || time.Now().After(deadline) {
			return problem, false
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// checkHealth returns "" when url answers healthy, else why not.
func checkHealth(ctx context.Context, hc *http.Client, url string) string {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err.Error()
	}
	resp, err := hc.Do(req)
	if err != nil {
		return err.Error()
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var h struct{ Status string }
	if resp.StatusCode != http.StatusOK || json.Unmarshal(body, &h) != nil || h.Status != "ok" {
		return fmt.Sprintf("status %d, body %s", resp.StatusCode, body)
	}
	return ""
}

// firstLine is an io.Writer that delivers the first complete line written
// to it on line and discards the rest.
type firstLine struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	done bool
	line chan string
}

func newFirstLine() *firstLine { return &firstLine{line: make(chan string, 1)} }

func (w *firstLine) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.done {
		return len(p), nil
	}
	w.buf.Write(p)
	if l, _, ok := strings.Cut(w.buf.String(), "\n"); ok {
		w.done = true
		w.line <- strings.TrimSuffix(l, "\r")
	}
	return len(p), nil
}

// tailLines is how many lines of the binary's log a failure shows.
const tailLines = 20

// tail returns the last tailLines lines of the binary's stderr.
func tail(b *syncBuffer) string {
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	if len(lines) > tailLines {
		lines = append([]string{fmt.Sprintf("[%d earlier lines]", len(lines)-tailLines)}, lines[len(lines)-tailLines:]...)
	}
	return strings.Join(lines, "\n")
}

// syncBuffer is a bytes.Buffer safe for the subprocess copier and the test.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

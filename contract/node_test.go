package contract

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

const (
	// nodeDir holds the Node.js contract tests and their pinned clients
	// (package.json, package-lock.json), relative to this package.
	nodeDir = "node"
	// nodeTimeout bounds the whole `node --test` run.
	nodeTimeout = 2 * time.Minute
	// nodeWaitDelay is how long node's output pipes may stay open after
	// node exits or is killed (a leaked grandchild holding them).
	nodeWaitDelay = 5 * time.Second
	// nodeFailureLines is how many lines of node's output a failure message
	// carries when the spec reporter's summary is not found.
	nodeFailureLines = 60
)

// TestNodeClients runs the Node.js contract tests (contract/node/*.test.mjs)
// against the icefake binary: @alicloud/pop-core 1.8.0 (V1, GET and POST)
// and @alicloud/openapi-client 0.4.x (V3, and V1 via "v2"), as pinned in
// contract/node/package-lock.json. Node.js >= 20 and `make node-deps` (npm
// ci in contract/node) are prerequisites: without them the test fails when
// CI is set and is skipped otherwise.
func TestNodeClients(t *testing.T) {
	node := nodePrerequisites(t)
	tg := startBinary(t, "")

	ctx, cancel := context.WithTimeout(t.Context(), nodeTimeout)
	defer cancel()
	// Without arguments node --test runs every *.test.mjs under the working
	// directory, node_modules excepted.
	cmd := exec.CommandContext(ctx, node, "--test", "--test-reporter=spec")
	cmd.Dir = nodeDir
	cmd.Env = append(nodeEnv(os.Environ()),
		"ICEFAKE_ENDPOINT="+tg.endpoint,
		"ICEFAKE_ACCESS_KEY_ID="+tg.keyID,
		"ICEFAKE_ACCESS_KEY_SECRET="+tg.secret,
		"NO_COLOR=1",
	)
	// node --test runs each file in a child process: put them all in one
	// process group and kill the group on timeout.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = nodeWaitDelay
	out := &lineLogger{t: t}
	cmd.Stdout, cmd.Stderr = out, out

	err := cmd.Run()
	out.flush()
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Fatalf("node --test did not finish within %v (output logged above)", nodeTimeout)
	}
	if err != nil {
		t.Fatalf("node --test in contract/%s against %s: %v\n%s", nodeDir, tg.endpoint, err, nodeFailureSummary(out.String()))
	}
}

// nodePrerequisites returns the node executable, or ends the test when node
// or contract/node/node_modules is missing, with one line saying how to
// enable the Node.js tests: a failure when CI is set, a skip elsewhere.
func nodePrerequisites(t *testing.T) string {
	t.Helper()
	node, problem := nodeMissing(nodeDir, exec.LookPath)
	if problem != "" {
		if nodeRequired() {
			t.Fatal(problem + " (required when CI is set)")
		}
		t.Skip(problem)
	}
	return node
}

// nodeRequired reports whether a missing Node.js set-up fails the test
// rather than skipping it: whenever the CI variable is set (not empty).
func nodeRequired() bool { return os.Getenv("CI") != "" }

// nodeMissing returns the node executable (found with lookPath) and what
// keeps the Node.js tests in dir from running, as one line that says how to
// enable them; "" when nothing does.
func nodeMissing(dir string, lookPath func(string) (string, error)) (node, problem string) {
	node, err := lookPath("node")
	if err != nil {
		return "", "Node.js client tests not run: node is not on PATH; install Node.js >= 20, then run `make node-deps` (npm ci in contract/node)"
	}
	if st, err := os.Stat(filepath.Join(dir, "node_modules")); err != nil || !st.IsDir() {
		return node, "Node.js client tests not run: contract/node/node_modules is missing; run `make node-deps` (npm ci in contract/node) to enable them"
	}
	return node, ""
}

// nodeEnv returns env without the variables that would change how node or
// the clients behave under test: proxies (docs/fidelity.md "Signatures") and options
// injected into every node process.
func nodeEnv(env []string) []string {
	drop := map[string]bool{"NODE_OPTIONS": true, "NODE_TEST_CONTEXT": true}
	for _, k := range proxyEnv {
		drop[k] = true
	}
	out := make([]string, 0, len(env))
	for _, kv := range env {
		k, _, _ := strings.Cut(kv, "=")
		if !drop[k] {
			out = append(out, kv)
		}
	}
	return out
}

// nodeFailureSummary returns the spec reporter's list of failing tests from
// output, or its last nodeFailureLines lines when there is none.
func nodeFailureSummary(output string) string {
	if i := strings.LastIndex(output, "failing tests:"); i >= 0 {
		if j := strings.LastIndexByte(output[:i], '\n'); j >= 0 {
			i = j + 1
		}
		return output[i:]
	}
	lines := strings.Split(strings.TrimRight(output, "\n"), "\n")
	if len(lines) > nodeFailureLines {
		lines = append([]string{"[… earlier output logged above]"}, lines[len(lines)-nodeFailureLines:]...)
	}
	return strings.Join(lines, "\n")
}

// lineLogger is an io.Writer that passes each complete line to t.Log as it
// arrives (shown with -v or when the test fails) and keeps everything for
// the failure message.
type lineLogger struct {
	t       *testing.T
	mu      sync.Mutex
	all     bytes.Buffer
	pending []byte
}

func (w *lineLogger) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.all.Write(p)
	w.pending = append(w.pending, p...)
	for {
		i := bytes.IndexByte(w.pending, '\n')
		if i < 0 {
			break
		}
		w.t.Log(string(bytes.TrimRight(w.pending[:i], "\r")))
		w.pending = w.pending[i+1:]
	}
	return len(p), nil
}

// flush logs a last line that had no newline; call it after the command
// has been waited for.
func (w *lineLogger) flush() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.pending) > 0 {
		w.t.Log(string(w.pending))
		w.pending = nil
	}
}

func (w *lineLogger) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.all.String()
}

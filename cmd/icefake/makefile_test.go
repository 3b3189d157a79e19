package main

import (
	"bufio"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// repoRoot is where the Makefile is, seen from this package.
const repoRoot = "../.."

func needMake(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("make not installed")
	}
}

func TestMakeHelpPrintsVariables(t *testing.T) {
	needMake(t)
	cmd := exec.Command("make", "--no-print-directory", "help", "ADDR=127.0.0.1:9", "BIN=out/x", "OLDGO=go1.0.0", "FUZZTIME=3s")
	cmd.Dir = repoRoot
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("make help: %v\n%s", err, out)
	}
	for _, want := range []string{"\n  ADDR=127.0.0.1:9\n", "\n  BIN=out/x\n", "\n  OLDGO=go1.0.0\n", "\n  FUZZTIME=3s\n", "\nrun ", "\nimage ", "\ndist "} {
		if !strings.Contains(string(out), want) {
			t.Errorf("make help output lacks %q:\n%s", want, out)
		}
	}
}

// TestMakeRunStopsQuietly sends SIGINT to the process group of `make run`,
// as Ctrl-C in a terminal does: the server shuts down, exit 0, and make
// prints no error.
func TestMakeRunStopsQuietly(t *testing.T) {
	needMake(t)
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin, err := filepath.Abs(filepath.Join(t.TempDir(), "icefake"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("make", "--no-print-directory", "run", "ADDR=127.0.0.1:0", "BIN="+bin, "ARGS=-log-format text")
	cmd.Dir = repoRoot
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr syncWriter
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	listening := make(chan bool, 1)
	var echoed strings.Builder
	go func() {
		sc := bufio.NewScanner(stdout)
		seen := false
		for sc.Scan() {
			if !seen && strings.HasPrefix(sc.Text(), "icefake listening on ") {
				seen = true
				listening <- true
				continue
			}
			if !seen {
				echoed.WriteString(sc.Text() + "\n")
			}
		}
		if !seen {
			listening <- false
		}
		exited <- cmd.Wait()
	}()
	t.Cleanup(func() { _ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) })
	select {
	case ok := <-listening:
		if !ok {
			t.Fatalf("make run ended without listening: %v\nstderr:\n%s", <-exited, stderr.buf.String())
		}
	case <-time.After(5 * time.Minute):
		t.Fatal("make run: no listening line within 5 minutes")
	}
	if err := syscall.Kill(-cmd.Process.Pid, syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	var waitErr error
	select {
	case waitErr = <-exited:
	case <-time.After(30 * time.Second):
		t.Fatal("make run still running 30s after SIGINT")
	}
	if !strings.Contains(echoed.String(), "exec "+bin+" -addr 127.0.0.1:0 -log-format text") {
		t.Errorf("make run printed %q, want it to exec the built binary", echoed.String())
	}
	stderr.mu.Lock()
	logs := stderr.buf.String()
	stderr.mu.Unlock()
	for _, l := range strings.Split(logs, "\n") {
		if strings.HasPrefix(l, "make") {
			t.Errorf("make printed %q after Ctrl-C, want nothing", l)
		}
	}
	if !strings.Contains(logs, "msg=stopped") {
		t.Errorf("the server logged no graceful stop:\n%s", logs)
	}
	// make re-raises SIGINT on itself after its child exits 0; anything
	// else (an exit status) would mean the server failed.
	if ee, ok := waitErr.(*exec.ExitError); waitErr != nil && (!ok || ee.ExitCode() != -1) {
		t.Errorf("make run ended with %v, want death by SIGINT after a clean server exit", waitErr)
	}
}

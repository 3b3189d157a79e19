package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/icefake/icefake/scenarios"
)

func noEnv(string) string { return "" }

func TestParseFlagsDefaultsAndEnv(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		env      map[string]string
		wantAddr string
		wantMode string
		wantKeys []string
		wantScen []string
	}{
		{"defaults", nil, nil, DefaultAddr, "enforce", nil, nil},
		{"env", nil, map[string]string{"ICEFAKE_ADDR": "127.0.0.1:1", "ICEFAKE_AUTH_MODE": "log", "ICEFAKE_ACCESS_KEYS": "a:b,c:d:tok", "ICEFAKE_SCENARIO": "x.yaml,y.yaml"},
			"127.0.0.1:1", "log", []string{"a:b", "c:d:tok"}, []string{"x.yaml", "y.yaml"}},
		{"flags win", []string{"-addr", "127.0.0.1:2", "-auth-mode", "off", "-access-key", "k:s", "-scenario", "z.yaml"}, map[string]string{"ICEFAKE_ADDR": "127.0.0.1:1", "ICEFAKE_ACCESS_KEYS": "a:b"},
			"127.0.0.1:2", "off", []string{"k:s"}, []string{"z.yaml"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := parseFlags(tt.args, func(k string) string { return tt.env[k] })
			if err != nil {
				t.Fatal(err)
			}
			if o.addr != tt.wantAddr || o.authMode != tt.wantMode || strings.Join(o.accessKeys, " ") != strings.Join(tt.wantKeys, " ") || strings.Join(o.scenarios, " ") != strings.Join(tt.wantScen, " ") {
				t.Errorf("got addr=%s mode=%s keys=%v scen=%v, want %s %s %v %v", o.addr, o.authMode, o.accessKeys, o.scenarios, tt.wantAddr, tt.wantMode, tt.wantKeys, tt.wantScen)
			}
		})
	}
}

func TestRunRejectsBadInput(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"bad access key", []string{"-addr", "127.0.0.1:0", "-access-key", "nosecret"}, "want ID:SECRET"},
		{"bad auth mode", []string{"-addr", "127.0.0.1:0", "-auth-mode", "strict"}, `"strict"`},
		{"bad log level", []string{"-addr", "127.0.0.1:0", "-log-level", "loud"}, "-log-level"},
		{"missing scenario", []string{"-addr", "127.0.0.1:0", "-scenario", "/nonexistent.yaml"}, "nonexistent.yaml"},
		{"extra args", []string{"serve"}, "unexpected arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := run(t.Context(), tt.args, noEnv, io.Discard, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("run() error = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

// launch runs the server with args and returns its base URL and a stop
// function that cancels it and returns run's result (bounded: 10 s).
func launch(t *testing.T, args []string, getenv func(string) string) (base string, stop func() error) {
	t.Helper()
	return launchLogging(t, args, getenv, io.Discard)
}

// launchLogging is launch with the server's log written to logs.
func launchLogging(t *testing.T, args []string, getenv func(string) string, logs io.Writer) (base string, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, args, getenv, pw, logs)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		cancel()
		t.Fatalf("run(%v): %v", args, err)
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	stop = func() error {
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(10 * time.Second):
			return errors.New("run() did not return within 10s of cancel")
		}
	}
	return strings.TrimSpace(strings.TrimPrefix(line, "icefake listening on ")), stop
}

func writeScenario(t *testing.T, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "scenario.yaml")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRunServesAndShutsDown(t *testing.T) {
	base := startRun(t, []string{"-addr", "127.0.0.1:0", "-scenario", writeScenario(t, scenarios.ExampleYAML), "-auth-mode", "off"}, noEnv)
	res, err := http.Get(base + "/_icefake/healthz")
	if err != nil {
		t.Fatal(err)
	}
	var health map[string]any
	_ = json.NewDecoder(res.Body).Decode(&health)
	res.Body.Close()
	if res.StatusCode != 200 || health["status"] != "ok" {
		t.Fatalf("healthz = %d %v, want 200 ok", res.StatusCode, health)
	}
	res, err = http.Get(base + "/?Action=GetEditingProject&Version=2020-11-09&ProjectId=nope")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 404 {
		t.Errorf("GetEditingProject unknown = %d, want 404", res.StatusCode)
	}
}

func TestShutdownFinishesInFlightRequests(t *testing.T) {
	scen := writeScenario(t, []byte("version: 1\nfaults:\n  - action: GetEditingProject\n    delay: 500ms\n"))
	base, stop := launch(t, []string{"-addr", "127.0.0.1:0", "-scenario", scen, "-auth-mode", "off"}, noEnv)
	got := make(chan int, 1)
	go func() {
		res, err := http.Get(base + "/?Action=GetEditingProject&Version=2020-11-09&ProjectId=nope")
		if err != nil {
			got <- -1
			return
		}
		res.Body.Close()
		got <- res.StatusCode
	}()
	// Wait until the request sits in the scripted delay (the fault rule has
	// counted it), then start the shutdown.
	waitFaultSeen(t, base)
	stopped := make(chan error, 1)
	go func() { stopped <- stop() }()
	if status := <-got; status != 404 {
		t.Errorf("in-flight request = %d, want 404 answered during graceful shutdown", status)
	}
	if err := <-stopped; err != nil {
		t.Errorf("run() = %v, want nil", err)
	}
}

func TestDeterministicFlags(t *testing.T) {
	base := startRun(t, []string{"-addr", "127.0.0.1:0", "-auth-mode", "off", "-explain", "-seed", "1", "-start-time", "2030-05-06T07:08:09Z"}, noEnv)
	res, err := http.Get(base + "/?Action=CreateEditingProject&Version=2020-11-09&Title=t")
	if err != nil {
		t.Fatal(err)
	}
	var body struct {
		RequestId string
		Project   struct{ ProjectId, CreateTime string }
	}
	_ = json.NewDecoder(res.Body).Decode(&body)
	res.Body.Close()
	if body.Project.CreateTime != "2030-05-06T07:08:09Z" {
		t.Errorf("CreateTime = %q, want the -start-time", body.Project.CreateTime)
	}
	if got := res.Header.Get("x-icefake-explain"); got != "200; auth: off" {
		t.Errorf("x-icefake-explain = %q, want %q", got, "200; auth: off")
	}
	again := startRun(t, []string{"-addr", "127.0.0.1:0", "-auth-mode", "off", "-seed", "1"}, noEnv)
	res, err = http.Get(again + "/?Action=CreateEditingProject&Version=2020-11-09&Title=t")
	if err != nil {
		t.Fatal(err)
	}
	var body2 struct {
		RequestId string
		Project   struct{ ProjectId string }
	}
	_ = json.NewDecoder(res.Body).Decode(&body2)
	res.Body.Close()
	if body2.Project.ProjectId != body.Project.ProjectId || body2.RequestId != body.RequestId {
		t.Errorf("-seed 1 twice: ids %s/%s vs %s/%s, want equal", body.Project.ProjectId, body.RequestId, body2.Project.ProjectId, body2.RequestId)
	}
}

func TestBadNumericFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		wantErr string
	}{
		{"bad start time", []string{"-start-time", "tomorrow"}, nil, "-start-time"},
		{"bad journal size", []string{"-journal-size", "0"}, nil, "-journal-size 0: want 1 or more"},
		{"bad env qps", nil, map[string]string{"ICEFAKE_SUBMIT_QPS": "lots"}, "ICEFAKE_SUBMIT_QPS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := run(t.Context(), append([]string{"-addr", "127.0.0.1:0"}, tt.args...), func(k string) string { return tt.env[k] }, io.Discard, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("run() error = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestListFlagsSkipEmptyItems(t *testing.T) {
	o, err := parseFlags(nil, func(k string) string {
		return map[string]string{"ICEFAKE_SCENARIO": ",,a.yaml, ,b.yaml,", "ICEFAKE_ACCESS_KEYS": "k:s,"}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(o.scenarios, "|"); got != "a.yaml|b.yaml" {
		t.Errorf("scenarios = %q, want a.yaml|b.yaml", got)
	}
	if got := strings.Join(o.accessKeys, "|"); got != "k:s" {
		t.Errorf("access keys = %q, want k:s", got)
	}
	if _, err := parseFlags([]string{"-submit-qps", "-1"}, noEnv); err == nil || !strings.Contains(err.Error(), "-submit-qps -1") {
		t.Errorf("-submit-qps -1: err = %v", err)
	}
}

// waitFaultSeen polls the admin API until the first fault rule has counted a
// call, i.e. a request is in flight inside it (bounded: 10 s).
func waitFaultSeen(t *testing.T, base string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		res, err := http.Get(base + "/_icefake/faults")
		if err == nil {
			var list struct{ Faults []struct{ Seen int } }
			_ = json.NewDecoder(res.Body).Decode(&list)
			res.Body.Close()
			if len(list.Faults) > 0 && list.Faults[0].Seen > 0 {
				return
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("no request reached the scripted delay within 10s")
}

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestHelp(t *testing.T) {
	for _, arg := range []string{"-h", "-help", "--help"} {
		t.Run(arg, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if err := run(t.Context(), []string{arg}, noEnv, &stdout, &stderr); err != nil {
				t.Fatalf("run(%s) = %v, want nil (exit 0)", arg, err)
			}
			lines := strings.Split(stdout.String(), "\n")
			if want := "icefake serves a fake of Alibaba Cloud ICE (Intelligent Media Services, API 2020-11-09) that any SDK can call."; lines[0] != want {
				t.Errorf("first line = %q, want %q", lines[0], want)
			}
			var examples []string
			for i, l := range lines {
				if l == "Examples:" {
					examples = lines[i+1 : i+3]
				}
			}
			if len(examples) != 2 || !strings.HasPrefix(examples[0], "  icefake -addr ") || !strings.Contains(examples[1], " icefake -addr ") {
				t.Errorf("examples = %q, want two invocations after \"Examples:\"", examples)
			}
			if !strings.Contains(stdout.String(), "\n  -addr string\n") || !strings.Contains(stdout.String(), "  -version\n") {
				t.Errorf("-h lists no -addr / -version flag:\n%s", stdout.String())
			}
			if stderr.Len() != 0 {
				t.Errorf("stderr = %q, want empty", stderr.String())
			}
		})
	}
}

// TestEveryFlagNamesItsEnv checks flagEnv against the flags: every flag but
// -shutdown-timeout and -version has a variable, named in its usage.
func TestEveryFlagNamesItsEnv(t *testing.T) {
	o, err := parseFlags([]string{"-h"}, noEnv)
	if err != nil || o.help == nil {
		t.Fatalf("parseFlags(-h) = %v, %v", o, err)
	}
	seen := map[string]bool{}
	o.help.VisitAll(func(f *flag.Flag) {
		seen[f.Name] = true
		env, ok := flagEnv[f.Name]
		switch {
		case f.Name == "shutdown-timeout" || f.Name == "version":
			if ok {
				t.Errorf("flagEnv[%s] = %s, want none", f.Name, env)
			}
		case !ok:
			t.Errorf("flag -%s has no flagEnv entry", f.Name)
		case !strings.Contains(f.Usage, "env "+env):
			t.Errorf("-%s usage %q does not name %s", f.Name, f.Usage, env)
		}
	})
	for name := range flagEnv {
		if !seen[name] {
			t.Errorf("flagEnv has %s, which is no flag", name)
		}
	}
}

// TestBadEnvNamesVariable: a bad value from the environment is reported
// under the variable's name; the same value given as a flag, under the flag.
func TestBadEnvNamesVariable(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		wantErr string
	}{
		{"log level", nil, map[string]string{"ICEFAKE_LOG_LEVEL": "loud"}, `ICEFAKE_LOG_LEVEL "loud": want debug, info, warn or error`},
		{"log level flag wins", []string{"-log-level", "loud"}, map[string]string{"ICEFAKE_LOG_LEVEL": "warn"}, `-log-level "loud": want`},
		{"log format", nil, map[string]string{"ICEFAKE_LOG_FORMAT": "xml"}, `ICEFAKE_LOG_FORMAT "xml": want json or text`},
		{"auth mode", nil, map[string]string{"ICEFAKE_AUTH_MODE": "strict"}, `ICEFAKE_AUTH_MODE "strict": want enforce, log or off`},
		{"auth mode flag", []string{"-auth-mode", "strict"}, nil, `-auth-mode "strict": want enforce, log or off`},
		{"start time", nil, map[string]string{"ICEFAKE_START_TIME": "tomorrow"}, `ICEFAKE_START_TIME "tomorrow": want an RFC 3339 time`},
		{"access key", nil, map[string]string{"ICEFAKE_ACCESS_KEYS": "a:b,nosecret"}, `ICEFAKE_ACCESS_KEYS "nosecret": want ID:SECRET`},
		{"access key flag", []string{"-access-key", "nosecret"}, nil, `-access-key "nosecret": want ID:SECRET`},
		{"scenario", nil, map[string]string{"ICEFAKE_SCENARIO": "/nonexistent.yaml"}, `ICEFAKE_SCENARIO: `},
		{"journal size", nil, map[string]string{"ICEFAKE_JOURNAL_SIZE": "0"}, `ICEFAKE_JOURNAL_SIZE 0: want 1 or more`},
		{"journal size not a number", nil, map[string]string{"ICEFAKE_JOURNAL_SIZE": "lots"}, `ICEFAKE_JOURNAL_SIZE "lots": want an integer`},
		{"submit qps", nil, map[string]string{"ICEFAKE_SUBMIT_QPS": "-1"}, `ICEFAKE_SUBMIT_QPS -1: want 0 (off) or more`},
		{"seed", nil, map[string]string{"ICEFAKE_SEED": "-1"}, `ICEFAKE_SEED "-1": want an integer`},
		{"explain", nil, map[string]string{"ICEFAKE_EXPLAIN": "maybe"}, `ICEFAKE_EXPLAIN "maybe": want true or false`},
		{"response validation", nil, map[string]string{"ICEFAKE_RESPONSE_VALIDATION": "maybe"}, `ICEFAKE_RESPONSE_VALIDATION "maybe": want true or false`},
		{"addr", nil, map[string]string{"ICEFAKE_ADDR": "nowhere"}, `ICEFAKE_ADDR "nowhere": listen tcp`},
		{"addr flag", []string{"-addr", "nowhere"}, map[string]string{"ICEFAKE_ADDR": "127.0.0.1:0"}, `-addr "nowhere": listen tcp`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := run(t.Context(), tt.args, func(k string) string { return tt.env[k] }, io.Discard, io.Discard)
			if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
				t.Errorf("run() error = %v, want it to start with %q", err, tt.wantErr)
			}
		})
	}
}

func TestErrorLineHasOnePrefix(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"error from package fake", []string{"-addr", "127.0.0.1:0", "-scenario", "SCENARIO"},
			"icefake: SCENARIO: credentials: AccessKeyId testAccessKeyId is already accepted with another secret or SecurityToken; use another AccessKeyId"},
		{"unknown flag", []string{"-nope"}, "icefake: flag provided but not defined: -nope (icefake -h lists the flags)"},
		{"unexpected argument", []string{"serve"}, "icefake: unexpected arguments: serve (icefake -h lists the flags)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.want
			for i, a := range tt.args {
				if a == "SCENARIO" {
					tt.args[i] = writeScenario(t, []byte("version: 1\ncredentials:\n  - {accessKeyId: testAccessKeyId, accessKeySecret: other}\n"))
					want = strings.Replace(want, "SCENARIO", tt.args[i], 1)
				}
			}
			// Bounded: should run start serving after all, it returns nil.
			ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
			defer cancel()
			var stderr bytes.Buffer
			err := run(ctx, tt.args, noEnv, io.Discard, &stderr)
			if err == nil {
				t.Fatal("run() = nil, want an error")
			}
			if got := errorLine(err); got != want {
				t.Errorf("errorLine = %q, want %q", got, want)
			}
			if strings.Contains(stderr.String(), "icefake:") {
				t.Errorf("stderr = %q, want no error message (main prints it once)", stderr.String())
			}
		})
	}
}

// syncWriter is a bytes.Buffer safe for the server's goroutines.
type syncWriter struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

// lines decodes every JSON log line.
func (w *syncWriter) lines(t *testing.T) []map[string]any {
	t.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(w.buf.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("log line %q: %v", l, err)
		}
		out = append(out, m)
	}
	return out
}

const everyKindScenario = `version: 1
credentials:
  - {accessKeyId: k1, accessKeySecret: s1}
  - {accessKeyId: k2, accessKeySecret: s2}
media:
  - {mediaId: m1, duration: 1}
  - {mediaId: m2, duration: 2}
  - {mediaId: m3, duration: 3}
templates:
  - {templateId: t1, config: '{"VideoTracks":[]}'}
projects:
  - {title: p1}
  - {title: p2}
faults:
  - {action: GetEditingProject, code: InternalError}
quotas:
  - {action: CreateEditingProject, rate: 5, burst: 5}
  - {action: GetEditingProject, rate: 5, burst: 5}
`

// TestLogLines checks the JSON log: the start-up line counts everything the
// scenario loaded, durations are float milliseconds (latency_ms,
// timeout_ms), never nanoseconds.
func TestLogLines(t *testing.T) {
	logs := &syncWriter{}
	base, stop := launchLogging(t, []string{"-addr", "127.0.0.1:0", "-auth-mode", "off", "-scenario", writeScenario(t, []byte(everyKindScenario))}, noEnv, logs)
	res, err := http.Get(base + "/?Action=CreateEditingProject&Version=2020-11-09&Title=t")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if err := stop(); err != nil {
		t.Fatalf("run() = %v", err)
	}
	byMsg := map[string]map[string]any{}
	for _, l := range logs.lines(t) {
		byMsg[l["msg"].(string)] = l
	}
	loaded := byMsg["scenario loaded"]
	for k, want := range map[string]float64{"credentials": 2, "media": 3, "templates": 1, "projects": 2, "faults": 1, "quotas": 2} {
		if got := loaded[k]; got != want {
			t.Errorf("scenario loaded %s = %v, want %v", k, got, want)
		}
	}
	req := byMsg["request"]
	if _, ok := req["latency_ms"].(float64); !ok {
		t.Errorf("request latency_ms = %#v, want a number of milliseconds", req["latency_ms"])
	}
	if got, ok := req["latency"]; ok {
		t.Errorf("request latency = %v, want only latency_ms", got)
	}
	if got := byMsg["shutting down"]["timeout_ms"]; got != 10000.0 {
		t.Errorf("shutting down timeout_ms = %#v, want 10000", got)
	}
}

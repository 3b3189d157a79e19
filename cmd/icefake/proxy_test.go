package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/icefake/icefake/fake"
	"github.com/icefake/icefake/fake/popsign"
	"github.com/icefake/icefake/proxy"
	"github.com/icefake/icefake/scenarios"
)

// lockedBuffer is a bytes.Buffer safe for the proxy's goroutine and the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// launchProxy runs `icefake proxy args` until stop, returning its address.
func launchProxy(t *testing.T, args []string) (base string, stderr *lockedBuffer, stop func() (proxy.Summary, error)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	stderr = &lockedBuffer{}
	type result struct {
		sum proxy.Summary
		err error
	}
	done := make(chan result, 1)
	go func() {
		sum, err := runProxy(ctx, args, pw, stderr)
		done <- result{sum, err}
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		cancel()
		r := <-done
		t.Fatalf("runProxy(%v): %v, %v", args, err, r.err)
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	stop = func() (proxy.Summary, error) {
		cancel()
		select {
		case r := <-done:
			return r.sum, r.err
		case <-time.After(10 * time.Second):
			return proxy.Summary{}, errors.New("runProxy did not return within 10s of cancel")
		}
	}
	t.Cleanup(func() { cancel() })
	return strings.TrimSpace(strings.TrimPrefix(line, "icefake proxy listening on ")), stderr, stop
}

// signedCall sends a V1-signed call with the default credentials to base.
func signedCall(t *testing.T, base, action string, params map[string]string) int {
	t.Helper()
	q := url.Values{
		"Action": {action}, "Version": {"2020-11-09"}, "Format": {"json"},
		"AccessKeyId": {fake.DefaultAccessKeyId}, "SignatureMethod": {"HMAC-SHA1"}, "SignatureVersion": {"1.0"},
		"SignatureNonce": {fmt.Sprintf("cmd-proxy-%d", time.Now().UnixNano())},
		"Timestamp":      {time.Now().UTC().Format("2006-01-02T15:04:05Z")},
	}
	for k, v := range params {
		q.Set(k, v)
	}
	popsign.SignV1Params(http.MethodPost, q, fake.DefaultAccessKeySecret)
	resp, err := http.Post(base+"/?"+q.Encode(), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// TestProxyCommand runs the command in front of a fake whose
// GetEditingProject answers carry an extra field, with a report, a
// recording and a shadow fake.
func TestProxyCommand(t *testing.T) {
	srv, err := fake.New(fake.WithStartTime(fake.DefaultStartTime), fake.WithSeed(1))
	if err != nil {
		t.Fatal(err)
	}
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("Action") != "GetEditingProject" {
			srv.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, r)
		w.WriteHeader(rec.Code)
		_, _ = io.WriteString(w, strings.Replace(rec.Body.String(), `"Project":{`, `"Project":{"Extra":1,`, 1))
	}))
	t.Cleanup(up.Close)
	dir := t.TempDir()
	report, record := filepath.Join(dir, "report.jsonl"), filepath.Join(dir, "recorded.yaml")
	base, stderr, stop := launchProxy(t, []string{"-upstream", up.URL, "-addr", "127.0.0.1:0", "-report", report, "-record", record, "-shadow"})

	if got := signedCall(t, base, "CreateEditingProject", map[string]string{"Title": "cut"}); got != 200 {
		t.Fatalf("Create = %d, want 200", got)
	}
	projects := srv.Projects(fake.DefaultAccessKeyId)
	if len(projects) != 1 {
		t.Fatalf("upstream projects = %d, want 1", len(projects))
	}
	if got := signedCall(t, base, "GetEditingProject", map[string]string{"ProjectId": projects[0].ProjectId}); got != 200 {
		t.Fatalf("Get = %d, want 200", got)
	}
	sum, err := stop()
	if err != nil {
		t.Fatal(err)
	}
	want := proxy.Summary{Calls: 2, CallsWithDrift: 1, ByRule: map[string]int{proxy.RuleUnknownField: 1, proxy.RuleShadowDifference: 1}}
	if sum.Calls != want.Calls || sum.CallsWithDrift != want.CallsWithDrift || fmt.Sprint(sum.ByRule) != fmt.Sprint(want.ByRule) {
		t.Errorf("summary = %+v, want %+v", sum, want)
	}
	if code := proxyExit(sum, nil, io.Discard); code != 1 {
		t.Errorf("exit status = %d, want 1 (drift)", code)
	}
	if got, wantLine := stderr.String(), "icefake proxy: 2 calls, 1 with drift (response-unknown-field 1, shadow-diff 1)\n"; got != wantLine {
		t.Errorf("stderr = %q, want %q", got, wantLine)
	}
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 3 || !strings.Contains(lines[1], `{"rule":"response-unknown-field","path":"$.Project.Extra","message":"Field Extra is not in the spec's response schema."}`) ||
		!strings.Contains(lines[1], `{"rule":"shadow-diff","path":"$.Project.Extra","message":"Upstream has 1, the fake does not."}`) ||
		lines[2] != `{"summary":{"calls":2,"callsWithDrift":1,"byRule":{"response-unknown-field":1,"shadow-diff":1}}}` {
		t.Errorf("report:\n%s", data)
	}
	sc, err := scenarios.LoadFile(record)
	if err != nil {
		t.Fatalf("recording does not load: %v", err)
	}
	if len(sc.Projects) != 1 || sc.Projects[0].ProjectId != projects[0].ProjectId || sc.Projects[0].Title != "cut" {
		t.Errorf("recorded projects = %+v, want the created one", sc.Projects)
	}
}

func TestProxyCommandUsage(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantErr  string
		wantCode int
	}{
		{name: "no upstream", args: nil, wantErr: `-upstream "": want the service's URL`, wantCode: 2},
		{name: "upstream not http", args: []string{"-upstream", "ftp://x"}, wantErr: `-upstream "ftp://x"`, wantCode: 2},
		{name: "scenario without shadow", args: []string{"-upstream", "http://127.0.0.1:1", "-scenario", "x.yaml"}, wantErr: "add -shadow", wantCode: 2},
		{name: "extra args", args: []string{"-upstream", "http://127.0.0.1:1", "x"}, wantErr: "unexpected arguments: x", wantCode: 2},
		{name: "bad flag", args: []string{"-nope"}, wantErr: "flag provided but not defined: -nope", wantCode: 2},
		{name: "help", args: []string{"-h"}, wantErr: flag.ErrHelp.Error(), wantCode: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			sum, err := runProxy(t.Context(), tt.args, io.Discard, &stderr)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("runProxy(%v) = %v, want an error containing %q", tt.args, err, tt.wantErr)
			}
			if code := proxyExit(sum, err, io.Discard); code != tt.wantCode {
				t.Errorf("exit status = %d, want %d", code, tt.wantCode)
			}
		})
	}
}

// TestHelpListsCommands: `icefake -h` names validate and proxy.
func TestHelpListsCommands(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if err := run(t.Context(), []string{"-h"}, noEnv, &stdout, &stderr); err != nil {
		t.Fatalf("run(-h) = %v", err)
	}
	for _, want := range []string{"icefake validate [flags] FILE...", "icefake proxy -upstream URL [flags]", "-addr string"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("-h output lacks %q:\n%s", want, stdout.String())
		}
	}
}

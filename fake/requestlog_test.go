package fake

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http/httptest"
	"testing"
	"time"
)

// TestRequestLogLine checks the one log line an API request writes: its
// fields, and the latency in milliseconds as a float (latency_ms), equal to
// the journalled Latency, never raw nanoseconds.
func TestRequestLogLine(t *testing.T) {
	tests := []struct {
		name       string
		action     string
		params     map[string]string
		wantLevel  string
		wantStatus float64
		wantCode   string
	}{
		{"success", "CreateEditingProject", map[string]string{"Title": "t"}, "INFO", 200, ""},
		{"client error", "GetEditingProject", map[string]string{"ProjectId": "nope"}, "WARN", 404, "ProjectNotFound"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			s := newTestServer(t, WithLogger(slog.New(slog.NewJSONHandler(&buf, nil))))
			if status, _ := rpc(t, s, tt.action, tt.params); status != int(tt.wantStatus) {
				t.Fatalf("status = %d, want %v", status, tt.wantStatus)
			}
			var line map[string]any
			if err := json.Unmarshal(buf.Bytes(), &line); err != nil {
				t.Fatalf("log = %q: want one JSON line: %v", buf.String(), err)
			}
			calls := s.Calls()
			if len(calls) != 1 {
				t.Fatalf("journal has %d calls, want 1", len(calls))
			}
			if _, ok := line["latency"]; ok {
				t.Errorf("log line has latency = %v, want only latency_ms", line["latency"])
			}
			got, ok := line["latency_ms"].(float64)
			if want := float64(calls[0].Latency) / float64(time.Millisecond); !ok || got != want {
				t.Errorf("latency_ms = %#v, want %v (the journalled Latency in ms)", line["latency_ms"], want)
			}
			for k, want := range map[string]any{"msg": "request", "level": tt.wantLevel, "action": tt.action,
				"status": tt.wantStatus, "code": tt.wantCode, "tenant": DefaultAccessKeyId, "request_id": calls[0].RequestId} {
				if line[k] != want {
					t.Errorf("%s = %#v, want %#v", k, line[k], want)
				}
			}
		})
	}
}

// TestWhichRequestsAreLogged: every request outside /_icefake/ writes one
// line, rejected ones too; admin requests write none (README, -log-level).
func TestWhichRequestsAreLogged(t *testing.T) {
	tests := []struct {
		name     string
		method   string
		target   string
		wantCode string // "" = no log line
	}{
		{"unknown path", "GET", "/v1/projects?Action=GetEditingProject&Version=2020-11-09", "InvalidApi.NotFound"},
		{"unsigned", "GET", "/?Action=GetEditingProject&Version=2020-11-09&ProjectId=x", "MissingAccessKeyId"},
		{"healthz", "GET", "/_icefake/healthz", ""},
		{"admin reset", "POST", "/_icefake/reset", ""},
		{"unknown admin path", "GET", "/_icefake/nope", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			s := newTestServer(t, WithLogger(slog.New(slog.NewJSONHandler(&buf, nil))))
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.target, nil))
			if tt.wantCode == "" {
				if buf.Len() != 0 {
					t.Errorf("log = %q, want nothing", buf.String())
				}
				return
			}
			var line map[string]any
			if err := json.Unmarshal(buf.Bytes(), &line); err != nil {
				t.Fatalf("log = %q: want one JSON line: %v", buf.String(), err)
			}
			if line["code"] != tt.wantCode || line["status"] != float64(rec.Code) {
				t.Errorf("log code, status = %v, %v; want %s, %d", line["code"], line["status"], tt.wantCode, rec.Code)
			}
		})
	}
}

package main

import (
	"bytes"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestHealthzURL(t *testing.T) {
	tests := []struct {
		name, addr, want, wantErr string
	}{
		{"loopback", "127.0.0.1:18930", "http://127.0.0.1:18930/_icefake/healthz", ""},
		{"container wildcard", "0.0.0.0:18930", "http://127.0.0.1:18930/_icefake/healthz", ""},
		{"no host", ":7", "http://127.0.0.1:7/_icefake/healthz", ""},
		{"IPv6 wildcard", "[::]:7", "http://[::1]:7/_icefake/healthz", ""},
		{"name", "icefake:18930", "http://icefake:18930/_icefake/healthz", ""},
		{"no port", "localhost", "", `-addr "localhost": want host:port`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := healthzURL(tt.addr)
			if got != tt.want || (err == nil) != (tt.wantErr == "") || (err != nil && err.Error() != tt.wantErr) {
				t.Errorf("healthzURL(%q) = %q, %v; want %q, %q", tt.addr, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestHealthcheck(t *testing.T) {
	up := strings.TrimPrefix(startRun(t, []string{"-addr", "127.0.0.1:0"}, noEnv), "http://")
	disabled := strings.TrimPrefix(startRun(t, []string{"-addr", "127.0.0.1:0", "-admin=false", "-admin-token", "tok"}, noEnv), "http://")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	other := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(other.Close)
	notOK := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(`{"status":"starting"}`)) }))
	t.Cleanup(notOK.Close)

	tests := []struct {
		name       string
		args       []string
		env        map[string]string
		wantOut    string
		wantErrHas string
	}{
		{"healthy", []string{"-addr", up}, nil, "ok http://" + up + "/_icefake/healthz\n", ""},
		{"address from ICEFAKE_ADDR", nil, map[string]string{"ICEFAKE_ADDR": up}, "ok http://" + up + "/_icefake/healthz\n", ""},
		{"admin API off and protected", []string{"-addr", disabled}, nil, "ok http://" + disabled + "/_icefake/healthz\n", ""},
		{"nothing listening", []string{"-addr", closed}, nil, "", "healthcheck: Get \"http://" + closed + "/_icefake/healthz\""},
		{"not icefake", []string{"-addr", strings.TrimPrefix(other.URL, "http://")}, nil, "", "= 404 status \"\", want 200 \"ok\""},
		{"not ok", []string{"-addr", strings.TrimPrefix(notOK.URL, "http://")}, nil, "", "= 200 status \"starting\", want 200 \"ok\""},
		{"bad address", []string{"-addr", "nowhere"}, nil, "", `healthcheck: -addr "nowhere": want host:port`},
		{"bad flag", []string{"-port", "1"}, nil, "", "healthcheck: flag provided but not defined: -port"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout bytes.Buffer
			err := run(t.Context(), append([]string{"healthcheck"}, tt.args...), func(k string) string { return tt.env[k] }, &stdout, &bytes.Buffer{})
			if tt.wantErrHas == "" {
				if err != nil || stdout.String() != tt.wantOut {
					t.Errorf("healthcheck = %v, stdout %q; want nil, %q", err, stdout.String(), tt.wantOut)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErrHas) {
				t.Errorf("healthcheck error = %v, want it to contain %q", err, tt.wantErrHas)
			}
		})
	}
}

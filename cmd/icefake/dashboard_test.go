package main

import (
	"net"
	"net/http"
	"strings"
	"testing"
)

// TestBinaryServesDashboard: the standalone server serves the dashboard at
// /_icefake/ui/, behind the admin token, and not at all with the admin API
// off.
func TestBinaryServesDashboard(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		cookie string
		want   int
	}{
		{name: "open", args: nil, want: http.StatusOK},
		{name: "token, none sent", args: []string{"-admin-token", "tok"}, want: http.StatusUnauthorized},
		{name: "token cookie", args: []string{"-admin-token", "tok"}, cookie: "icefake_token=tok", want: http.StatusOK},
		{name: "admin off", args: []string{"-admin=false"}, want: http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := startRun(t, append([]string{"-addr", "127.0.0.1:0"}, tt.args...), noEnv)
			req, err := http.NewRequest(http.MethodGet, base+"/_icefake/ui/", nil)
			if err != nil {
				t.Fatal(err)
			}
			if tt.cookie != "" {
				req.Header.Set("Cookie", tt.cookie)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != tt.want {
				t.Errorf("GET /_icefake/ui/ = %d, want %d", res.StatusCode, tt.want)
			}
			if got := res.Header.Get("Content-Type"); !strings.HasPrefix(got, "text/html") {
				t.Errorf("Content-Type = %q, want text/html", got)
			}
		})
	}
}

func TestDashboardURL(t *testing.T) {
	addr := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 18930}
	if got, want := dashboardURL(true, addr), "http://127.0.0.1:18930/_icefake/ui/"; got != want {
		t.Errorf("dashboardURL(on) = %q, want %q", got, want)
	}
	if got := dashboardURL(false, addr); got != "" {
		t.Errorf("dashboardURL(off) = %q, want empty", got)
	}
}

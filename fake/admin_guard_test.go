package fake

import (
	"net/http"
	"strings"
	"testing"
)

// TestAdminGuard: the admin API refuses what a web page of another origin
// could send: another Origin (403 ForbiddenOrigin) and, against DNS
// rebinding, a Host that is neither an IP address, localhost nor an allowed
// name (403 ForbiddenHost); healthz always answers.
func TestAdminGuard(t *testing.T) {
	const (
		fault     = `{"action":"GetEditingProject","code":"Forbidden"}`
		evilOrig  = `{"error":"Origin \"http://evil.example\" is not this server (127.0.0.1:18930): the admin API does not answer web pages of other origins","code":"ForbiddenOrigin"}`
		evilHost  = `{"error":"Host \"evil.example:18930\" is not allowed for the admin API: use an IP address or localhost, or start icefake with -admin-allowed-hosts evil.example (WithAdminAllowedHosts)","code":"ForbiddenHost"}`
		faultMade = `{"id":1,"rule":{"action":"GetEditingProject","code":"Forbidden"},"seen":0,"source":""}`
	)
	tests := []struct {
		name       string
		opts       []Option
		method     string
		target     string
		body       string
		header     []string
		wantStatus int
		wantBody   string // "" = not checked
	}{
		{name: "fault from another origin", method: "POST", target: "/_icefake/faults", body: fault,
			header: []string{"Origin", "http://evil.example"}, wantStatus: 403, wantBody: evilOrig},
		{name: "empty reset from another origin", method: "POST", target: "/_icefake/reset",
			header: []string{"Origin", "http://evil.example"}, wantStatus: 403, wantBody: evilOrig},
		{name: "state read from another origin", method: "GET", target: "/_icefake/state",
			header: []string{"Origin", "http://evil.example"}, wantStatus: 403, wantBody: evilOrig},
		{name: "opaque origin", method: "POST", target: "/_icefake/reset",
			header: []string{"Origin", "null"}, wantStatus: 403},
		{name: "same port, other scheme host", method: "POST", target: "/_icefake/reset",
			header: []string{"Origin", "http://127.0.0.1:9999"}, wantStatus: 403},
		{name: "own origin", method: "POST", target: "/_icefake/faults", body: fault,
			header: []string{"Origin", "http://127.0.0.1:18930"}, wantStatus: 201, wantBody: faultMade},
		{name: "no origin (curl)", method: "POST", target: "/_icefake/faults", body: fault, wantStatus: 201, wantBody: faultMade},
		{name: "DNS rebinding: a foreign name as Host", method: "GET", target: "/_icefake/state",
			header: []string{"Host", "evil.example:18930"}, wantStatus: 403, wantBody: evilHost},
		{name: "DNS rebinding with a matching Origin", method: "POST", target: "/_icefake/reset",
			header: []string{"Host", "evil.example:18930", "Origin", "http://evil.example:18930"}, wantStatus: 403, wantBody: evilHost},
		{name: "localhost", method: "POST", target: "/_icefake/reset", header: []string{"Host", "localhost:18930"}, wantStatus: 200},
		{name: "IPv6 loopback", method: "POST", target: "/_icefake/reset", header: []string{"Host", "[::1]:18930"}, wantStatus: 200},
		{name: "a LAN address", method: "POST", target: "/_icefake/reset", header: []string{"Host", "10.1.2.3:18930"}, wantStatus: 200},
		{name: "a .localhost name", method: "POST", target: "/_icefake/reset", header: []string{"Host", "app.localhost"}, wantStatus: 200},
		{name: "an allowed name", opts: []Option{WithAdminAllowedHosts("IceFake.")}, method: "POST", target: "/_icefake/reset",
			header: []string{"Host", "icefake:18930", "Origin", "http://icefake:18930"}, wantStatus: 200},
		{name: "every name allowed", opts: []Option{WithAdminAllowedHosts("*")}, method: "POST", target: "/_icefake/reset",
			header: []string{"Host", "evil.example"}, wantStatus: 200},
		{name: "healthz answers any Host", method: "GET", target: "/_icefake/healthz",
			header: []string{"Host", "evil.example", "Origin", "http://other.example"}, wantStatus: 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t, tt.opts...)
			resp := adminCall(t, s, tt.method, tt.target, tt.body, tt.header...)
			if got, want := resp.status, tt.wantStatus; got != want {
				t.Errorf("status = %d, want %d: %s", got, want, resp.body)
			}
			if got := strings.TrimSpace(string(resp.body)); tt.wantBody != "" && got != tt.wantBody {
				t.Errorf("body =\n%s\nwant\n%s", got, tt.wantBody)
			}
			if resp.status == http.StatusForbidden && len(s.Faults()) != 0 {
				t.Errorf("a refused request added %d fault rules, want 0", len(s.Faults()))
			}
		})
	}
}

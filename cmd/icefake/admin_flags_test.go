package main

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/icefake/icefake/scenarios"
)

func TestParseFlagsAdmin(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		env       map[string]string
		wantAdmin bool
		wantToken string
	}{
		{name: "defaults", wantAdmin: true, wantToken: ""},
		{name: "env", env: map[string]string{"ICEFAKE_ADMIN": "false", "ICEFAKE_ADMIN_TOKEN": "tok"}, wantAdmin: false, wantToken: "tok"},
		{name: "flags win", args: []string{"-admin=true", "-admin-token", "flag"}, env: map[string]string{"ICEFAKE_ADMIN": "0", "ICEFAKE_ADMIN_TOKEN": "tok"}, wantAdmin: true, wantToken: "flag"},
		{name: "flag off", args: []string{"-admin=false"}, wantAdmin: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := parseFlags(tt.args, func(k string) string { return tt.env[k] })
			if err != nil {
				t.Fatal(err)
			}
			if o.admin != tt.wantAdmin || o.adminToken != tt.wantToken {
				t.Errorf("admin=%v token=%q, want %v %q", o.admin, o.adminToken, tt.wantAdmin, tt.wantToken)
			}
		})
	}
	_, err := parseFlags(nil, func(k string) string { return map[string]string{"ICEFAKE_ADMIN": "maybe"}[k] })
	if err == nil || !strings.HasPrefix(err.Error(), `ICEFAKE_ADMIN "maybe": `) {
		t.Errorf("parseFlags with ICEFAKE_ADMIN=maybe error = %v, want ICEFAKE_ADMIN \"maybe\": …", err)
	}
}

// TestRunAdmin starts the server with each admin setting and checks what
// the admin API answers; a -scenario file is listed under its path.
func TestRunAdmin(t *testing.T) {
	scen := filepath.Join(t.TempDir(), "s.yaml")
	if err := os.WriteFile(scen, scenarios.ExampleYAML, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string
		args        []string
		env         map[string]string
		auth        string
		wantHealthz int
		wantAdmin   int
	}{
		{name: "default", wantHealthz: 200, wantAdmin: 200},
		{name: "disabled", args: []string{"-admin=false"}, wantHealthz: 200, wantAdmin: 404},
		{name: "token from env, none sent", env: map[string]string{"ICEFAKE_ADMIN_TOKEN": "tok"}, wantHealthz: 200, wantAdmin: 401},
		{name: "token from env, sent", env: map[string]string{"ICEFAKE_ADMIN_TOKEN": "tok"}, auth: "Bearer tok", wantHealthz: 200, wantAdmin: 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := startRun(t, append([]string{"-addr", "127.0.0.1:0", "-scenario", scen}, tt.args...), func(k string) string { return tt.env[k] })
			if got := adminGet(t, base+"/_icefake/healthz", "", nil); got != tt.wantHealthz {
				t.Errorf("GET healthz = %d, want %d", got, tt.wantHealthz)
			}
			var list struct {
				Scenarios []struct{ Name string } `json:"scenarios"`
			}
			if got := adminGet(t, base+"/_icefake/scenarios", tt.auth, &list); got != tt.wantAdmin {
				t.Fatalf("GET scenarios = %d, want %d", got, tt.wantAdmin)
			}
			if tt.wantAdmin == 200 && (len(list.Scenarios) != 1 || list.Scenarios[0].Name != scen) {
				t.Errorf("GET scenarios = %+v, want the -scenario file %s", list.Scenarios, scen)
			}
		})
	}
}

// startRun runs the server until the test ends and returns its base URL;
// the test fails unless it then shuts down cleanly.
func startRun(t *testing.T, args []string, getenv func(string) string) string {
	t.Helper()
	base, stop := launch(t, args, getenv)
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("run() after shutdown = %v, want nil", err)
		}
	})
	return base
}

func adminGet(t *testing.T, url, auth string, into any) int {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if into != nil && res.StatusCode == http.StatusOK {
		if err := json.NewDecoder(res.Body).Decode(into); err != nil {
			t.Fatal(err)
		}
	}
	return res.StatusCode
}

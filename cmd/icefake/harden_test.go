package main

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/icefake/icefake/fake"
	"github.com/icefake/icefake/fake/popsign"
)

// send makes one request to the server and returns its status and body.
func send(t *testing.T, method, target, host string, body string, header ...string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, target, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		req.Host = host
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, strings.TrimSpace(string(b))
}

// TestAdminRefusesWebPages replays the attack on the binary: a page
// of another origin (or a rebound DNS name) cannot add a fault, load a
// scenario, reset or read state; a body of a type a page can send without a
// preflight is refused even without an Origin.
func TestAdminRefusesWebPages(t *testing.T) {
	base := startRun(t, []string{"-addr", "127.0.0.1:0", "-auth-mode", "off"}, noEnv)
	scenario := "version: 1\nfaults:\n  - action: GetEditingProject\n    code: Forbidden\n"
	tests := []struct {
		name       string
		method     string
		path       string
		host       string
		body       string
		header     []string
		wantStatus int
		wantCode   string
	}{
		{"fault as form-encoded JSON from another origin", "POST", "/_icefake/faults", "", `{"action":"GetEditingProject","code":"Forbidden"}`,
			[]string{"Origin", "http://evil.example", "Content-Type", "application/x-www-form-urlencoded"}, 403, "ForbiddenOrigin"},
		{"text/plain scenario from another origin", "POST", "/_icefake/scenarios?name=x", "", scenario,
			[]string{"Origin", "http://evil.example", "Content-Type", "text/plain"}, 403, "ForbiddenOrigin"},
		{"empty reset under a rebound name", "POST", "/_icefake/reset", "evil.example", "", []string{"Origin", "http://evil.example"}, 403, "ForbiddenHost"},
		{"state under a rebound name", "GET", "/_icefake/state", "evil.example", "", nil, 403, "ForbiddenHost"},
		{"text/plain scenario without Origin", "POST", "/_icefake/scenarios?name=x", "", scenario,
			[]string{"Content-Type", "text/plain"}, 415, "UnsupportedMediaType"},
		{"form-encoded fault without Origin", "POST", "/_icefake/faults", "", `{"action":"GetEditingProject","code":"Forbidden"}`,
			[]string{"Content-Type", "application/x-www-form-urlencoded"}, 415, "UnsupportedMediaType"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := send(t, tt.method, base+tt.path, tt.host, tt.body, tt.header...)
			var e struct{ Code string }
			_ = json.Unmarshal([]byte(body), &e)
			if status != tt.wantStatus || e.Code != tt.wantCode {
				t.Errorf("got %d %s, want %d %s: %s", status, e.Code, tt.wantStatus, tt.wantCode, body)
			}
		})
	}
	// Nothing got through; the README's curl recipes (JSON and YAML types) do.
	var faults struct{ Faults []any }
	if status := adminGet(t, base+"/_icefake/faults", "", &faults); status != 200 || len(faults.Faults) != 0 {
		t.Fatalf("faults after refused requests = %d %v, want 200 and none", status, faults.Faults)
	}
	if status, body := send(t, "POST", base+"/_icefake/scenarios?name=x", "", scenario, "Content-Type", "application/yaml"); status != 201 {
		t.Errorf("YAML scenario = %d %s, want 201", status, body)
	}
	if status, body := send(t, "POST", base+"/_icefake/clock/advance", "", `{"by":"1h"}`, "Content-Type", "application/json"); status != 200 {
		t.Errorf("JSON clock advance = %d %s, want 200", status, body)
	}
	if status, body := send(t, "POST", base+"/_icefake/reset", "", ""); status != 200 {
		t.Errorf("empty reset = %d %s, want 200", status, body)
	}
}

func TestAdminAllowedHostsFlag(t *testing.T) {
	base := startRun(t, []string{"-addr", "127.0.0.1:0", "-admin-allowed-hosts", "icefake,other"}, noEnv)
	for _, host := range []string{"icefake", "other:1234", "localhost"} {
		if status, body := send(t, "GET", base+"/_icefake/state", host, ""); status != 200 {
			t.Errorf("Host %s: %d %s, want 200", host, status, body)
		}
	}
	if status, _ := send(t, "GET", base+"/_icefake/state", "third", ""); status != 403 {
		t.Errorf("Host third: %d, want 403", status)
	}
}

func TestAdminExposureWarning(t *testing.T) {
	tests := []struct {
		name  string
		addr  string
		admin bool
		token string
		warn  bool
	}{
		{"loopback", "127.0.0.1:18930", true, "", false},
		{"IPv6 loopback", "[::1]:18930", true, "", false},
		{"all interfaces, no token", "0.0.0.0:18930", true, "", true},
		{"a LAN address, no token", "10.0.0.5:18930", true, "", true},
		{"all interfaces with a token", "0.0.0.0:18930", true, "secret", false},
		{"all interfaces, admin off", "0.0.0.0:18930", false, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			addr, err := net.ResolveTCPAddr("tcp", tt.addr)
			if err != nil {
				t.Fatal(err)
			}
			got := adminExposure(addr, tt.admin, tt.token)
			if (got != "") != tt.warn {
				t.Errorf("adminExposure(%s) = %q, want a warning: %v", tt.addr, got, tt.warn)
			}
			if tt.warn && !strings.Contains(got, "WITHOUT a token") {
				t.Errorf("warning %q does not say WITHOUT a token", got)
			}
		})
	}
}

// signedV1 returns a V1-signed query for action with the default
// credentials, nonce and Timestamp at.
func signedV1(action string, params url.Values, nonce string, at time.Time) string {
	q := url.Values{"Action": {action}, "Version": {"2020-11-09"}, "Format": {"json"},
		"AccessKeyId": {fake.DefaultAccessKeyId}, "SignatureMethod": {"HMAC-SHA1"}, "SignatureVersion": {"1.0"},
		"SignatureNonce": {nonce}, "Timestamp": {at.UTC().Format("2006-01-02T15:04:05Z")}}
	for k, v := range params {
		q[k] = v
	}
	popsign.SignV1Params(http.MethodGet, q, fake.DefaultAccessKeySecret)
	return q.Encode()
}

// TestNonceCacheSizeFlag: with -nonce-cache-size 2, replaying the first
// signed request after two fresh ones is refused, never served.
func TestNonceCacheSizeFlag(t *testing.T) {
	base := startRun(t, []string{"-addr", "127.0.0.1:0", "-nonce-cache-size", "2"}, noEnv)
	now := time.Now().Add(-time.Minute).Truncate(time.Second)
	first := signedV1("CreateEditingProject", url.Values{"Title": {"once"}}, "n-0", now)
	if status, body := send(t, "GET", base+"/?"+first, "", ""); status != 200 {
		t.Fatalf("first = %d %s, want 200", status, body)
	}
	for i := 1; i <= 2; i++ {
		q := signedV1("SearchEditingProject", url.Values{"PageSize": {"1"}}, "n-"+string(rune('0'+i)), now.Add(time.Duration(i)*time.Second))
		if status, body := send(t, "GET", base+"/?"+q, "", ""); status != 200 {
			t.Fatalf("fresh %d = %d %s, want 200", i, status, body)
		}
	}
	status, body := send(t, "GET", base+"/?"+first, "", "")
	if !strings.Contains(body, `"Code":"SignatureNonceUsed"`) || status != 400 {
		t.Errorf("replay = %d %s, want 400 SignatureNonceUsed", status, body)
	}
	var state struct {
		Tenants map[string]struct{ Projects []any }
		Nonces  fake.NonceStats
	}
	adminGet(t, base+"/_icefake/state", "", &state)
	if got := len(state.Tenants[fake.DefaultAccessKeyId].Projects); got != 1 {
		t.Errorf("projects = %d, want 1", got)
	}
	if want := (fake.NonceStats{Size: 2, Max: 2, Refused: 1}); state.Nonces != want {
		t.Errorf("state nonces = %+v, want %+v", state.Nonces, want)
	}
}

// TestRequestParametersOnTheBinary: an unknown parameter is ignored and
// only its name journalled; a repeated one is 400 InvalidParameter.
func TestRequestParametersOnTheBinary(t *testing.T) {
	base := startRun(t, []string{"-addr", "127.0.0.1:0", "-auth-mode", "off", "-journal-bytes", "300000"}, noEnv)
	status, body := send(t, "POST", base+"/?Action=CreateEditingProject&Version=2020-11-09", "",
		"Title=x&Junk="+strings.Repeat("j", 1<<20), "Content-Type", "application/x-www-form-urlencoded")
	if status != 200 {
		t.Fatalf("create with junk = %d %.200s, want 200", status, body)
	}
	status, body = send(t, "POST", base+"/?Action=CreateEditingProject&Version=2020-11-09&Title=alpha", "",
		"Title=omega", "Content-Type", "application/x-www-form-urlencoded")
	var e struct{ Code, Message string }
	_ = json.Unmarshal([]byte(body), &e)
	if want := `The specified parameter "Title" is not valid. The parameter is given 2 times; give it once.`; status != 400 || e.Code != "InvalidParameter" || e.Message != want {
		t.Errorf("repeated Title = %d %s %q, want 400 InvalidParameter %q", status, e.Code, e.Message, want)
	}
	var journal struct {
		Calls []struct {
			Params  map[string]string
			Ignored []string
		}
	}
	adminGet(t, base+"/_icefake/journal?action=CreateEditingProject", "", &journal)
	if len(journal.Calls) != 2 || journal.Calls[0].Params["Title"] != "x" || len(journal.Calls[0].Params) != 1 ||
		strings.Join(journal.Calls[0].Ignored, ",") != "Junk" {
		t.Errorf("journal = %+v, want the first call with Params {Title: x} and Ignored [Junk]", journal.Calls)
	}
	var state struct{ Journal fake.JournalStats }
	adminGet(t, base+"/_icefake/state", "", &state)
	if state.Journal.MaxBytes != 300000 || state.Journal.Entries != 2 || state.Journal.Bytes > 2000 {
		t.Errorf("state journal = %+v, want MaxBytes 300000, 2 entries of under 1000 bytes each (no junk kept)", state.Journal)
	}
}

// TestShutdownCutsScriptedDelays: SIGTERM during a scripted delay far
// longer than -shutdown-timeout answers the call at once with its
// scripted outcome, and the server exits cleanly.
func TestShutdownCutsScriptedDelays(t *testing.T) {
	scen := writeScenario(t, []byte("version: 1\nfaults:\n  - action: GetEditingProject\n    delay: 10m\n    code: ServiceUnavailable\n"))
	base, stop := launch(t, []string{"-addr", "127.0.0.1:0", "-scenario", scen, "-auth-mode", "off", "-shutdown-timeout", "5s"}, noEnv)
	type answer struct {
		status int
		body   string
		err    error
	}
	got := make(chan answer, 1)
	go func() {
		res, err := http.Get(base + "/?Action=GetEditingProject&Version=2020-11-09&ProjectId=x")
		if err != nil {
			got <- answer{err: err}
			return
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		got <- answer{status: res.StatusCode, body: string(b)}
	}()
	waitFaultSeen(t, base)
	started := time.Now()
	if err := stop(); err != nil {
		t.Errorf("run() after shutdown = %v, want nil (exit 0)", err)
	}
	a := <-got
	if a.err != nil || a.status != 503 || !strings.Contains(a.body, `"Code":"ServiceUnavailable"`) {
		t.Errorf("in-flight call = %d %s %v, want its scripted 503 ServiceUnavailable", a.status, a.body, a.err)
	}
	if d := time.Since(started); d > 4*time.Second {
		t.Errorf("shutdown took %v, want well under the 5s timeout", d)
	}
}

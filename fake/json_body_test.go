package fake

import (
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/icefake/icefake/fake/popsign"
)

func TestJSONParamText(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"string", "a b", "a b"},
		{"integer", 7.0, "7"},
		{"fraction", 2.5, "2.5"},
		{"large number without exponent", 1e21, "1000000000000000000000"},
		{"true", true, "true"},
		{"false", false, "false"},
		{"null", nil, ""},
		{"object", map[string]any{"VideoTracks": []any{}}, `{"VideoTracks":[]}`},
		{"array", []any{"a", 1.0}, `["a",1]`},
		{"not JSON-encodable", map[string]any{"x": math.NaN()}, "map[x:NaN]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := jsonParamText(tt.in); got != tt.want {
				t.Errorf("jsonParamText(%#v) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestV3JSONBody: an application/json body's members are parameters, values
// other than strings as their JSON text.
func TestV3JSONBody(t *testing.T) {
	s := newTestServer(t)
	body := `{"Title":7.5,"Description":true,"CoverURL":null,"Timeline":{"VideoTracks":[]}}`
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	req.Host = "127.0.0.1:8080"
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("x-acs-action", "CreateEditingProject")
	req.Header.Set("x-acs-version", "2020-11-09")
	req.Header.Set("x-acs-date", time.Now().UTC().Format("2006-01-02T15:04:05Z"))
	req.Header.Set("x-acs-signature-nonce", "json-body")
	if _, err := popsign.SignV3Request(req, []byte(body), popsign.AlgHMACSHA256, DefaultAccessKeyId, DefaultAccessKeySecret); err != nil {
		t.Fatal(err)
	}
	status, got := serve(t, s, req)
	if status != 200 {
		t.Fatalf("status = %d, want 200: %v", status, got)
	}
	p := got["Project"].(map[string]any)
	if p["Title"] != "7.5" || p["Description"] != "true" || p["Timeline"] != `{"VideoTracks":[]}` {
		t.Errorf("Project Title, Description, Timeline = %#v, %#v, %#v, want \"7.5\", \"true\", {\"VideoTracks\":[]}", p["Title"], p["Description"], p["Timeline"])
	}
	if _, ok := p["CoverURL"]; ok {
		t.Errorf("Project CoverURL = %#v, want it absent (null is an empty parameter)", p["CoverURL"])
	}
}

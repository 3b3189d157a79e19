package fake

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// nestedJSON is n arrays nested around inner.
func nestedJSON(n int, inner string) string {
	return strings.Repeat("[", n) + inner + strings.Repeat("]", n)
}

// TestParseOrderedDepth: parseOrdered accepts maxJSONDepth nested arrays
// and objects and refuses one more, as encoding/json does.
func TestParseOrderedDepth(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		wantErr bool
	}{
		{"arrays at the limit", nestedJSON(maxJSONDepth, `"x"`), false},
		{"arrays past the limit", nestedJSON(maxJSONDepth+1, `"x"`), true},
		{"objects past the limit", strings.Repeat(`{"a":`, maxJSONDepth+1) + "1" + strings.Repeat("}", maxJSONDepth+1), true},
		{"far past the limit", nestedJSON(1<<20, ""), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseOrdered(tt.text)
			if (err != nil) != tt.wantErr {
				t.Errorf("parseOrdered(%d bytes) error = %v, want error %v", len(tt.text), err, tt.wantErr)
			}
		})
	}
}

// TestGetTemplateMaterialsDeepConfig: a VETemplate Config nested deeper
// than maxJSONDepth is opaque (its package is config.json alone), and a
// Timeline template's is refused as not JSON; before, a deep enough Config
// (a 32 MiB form body) overflowed the decoder's stack and killed the
// process.
func TestGetTemplateMaterialsDeepConfig(t *testing.T) {
	s := newProductionServer(t, WithAuthMode(AuthOff))
	post := func(t *testing.T, params url.Values) (int, map[string]any) {
		t.Helper()
		params.Set("Version", "2020-11-09")
		req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(params.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return serve(t, s, req)
	}
	for _, n := range []int{maxJSONDepth + 1, 1 << 20} {
		status, body := post(t, url.Values{"Action": {"AddTemplate"}, "Type": {"VETemplate"}, "Config": {nestedJSON(n, `"music.mp3"`)}})
		if status != http.StatusOK {
			t.Fatalf("AddTemplate VETemplate depth %d = %d %v, want 200 (an opaque Config)", n, status, body)
		}
		id := body["Template"].(map[string]any)["TemplateId"].(string)
		status, body = post(t, url.Values{"Action": {"GetTemplateMaterials"}, "TemplateId": {id}})
		if status != http.StatusOK {
			t.Fatalf("GetTemplateMaterials = %d %v", status, body)
		}
		if urls := body["MaterialUrls"].(string); strings.Contains(urls, "music.mp3") || !strings.Contains(urls, `"config.json"`) {
			t.Errorf("MaterialUrls of a Config nested %d deep = %s, want config.json alone", n, urls)
		}
	}
	status, body := post(t, url.Values{"Action": {"AddTemplate"}, "Config": {`{"VideoTracks":` + nestedJSON(maxJSONDepth, "") + "}"}})
	requireError(t, status, body, http.StatusBadRequest, "InvalidParameter", "Config")
}

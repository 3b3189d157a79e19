package fake

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestUIGuard: the dashboard sits behind the admin API's Host and Origin
// checks, so a rebound DNS name or another site's page cannot read it.
func TestUIGuard(t *testing.T) {
	s := newTestServer(t)
	tests := []struct {
		name     string
		host     string
		origin   string
		wantCode int
	}{
		{name: "loopback", host: "127.0.0.1:18930", wantCode: http.StatusOK},
		{name: "rebound name", host: "evil.example", wantCode: http.StatusForbidden},
		{name: "other origin", host: "127.0.0.1:18930", origin: "http://evil.example", wantCode: http.StatusForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, uiPrefix, nil)
			req.Host = tt.host
			if tt.origin != "" {
				req.Header.Set("Origin", tt.origin)
			}
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, req)
			if rec.Code != tt.wantCode {
				t.Errorf("GET %s with Host %q = %d, want %d", uiPrefix, tt.host, rec.Code, tt.wantCode)
			}
		})
	}
}

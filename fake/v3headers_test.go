package fake

import (
	"net/http"
	"testing"

	"github.com/icefake/icefake/fake/popsign"
)

// TestV3UnsignedCommonHeaders: a V3 request carrying an x-acs-* header it
// did not sign is 400 IncompleteSignature, e.g. the x-acs-action
// switched after signing only host, content hash, date and nonce; an
// unsigned Content-Type is accepted (docs/fidelity.md "V3 signed headers").
func TestV3UnsignedCommonHeaders(t *testing.T) {
	tests := []struct {
		name     string
		edit     func(r *http.Request) // before signing
		after    func(r *http.Request) // after signing
		wantCode string
		wantMsg  string
		status   int
	}{
		{name: "Action and Version added unsigned",
			edit: func(r *http.Request) { r.Header.Del("x-acs-action"); r.Header.Del("x-acs-version") },
			after: func(r *http.Request) {
				r.Header.Set("x-acs-action", "ListEditingProjects")
				r.Header.Set("x-acs-version", "2020-11-09")
			},
			status: 400, wantCode: "IncompleteSignature", wantMsg: "SignedHeaders must include x-acs-action, which the request carries"},
		{name: "security token added unsigned",
			after:  func(r *http.Request) { r.Header.Set("x-acs-security-token", "t") },
			status: 400, wantCode: "IncompleteSignature", wantMsg: "SignedHeaders must include x-acs-security-token, which the request carries"},
		{name: "any other x-acs header added unsigned",
			after:  func(r *http.Request) { r.Header.Set("X-Acs-Anything", "1") },
			status: 400, wantCode: "IncompleteSignature", wantMsg: "SignedHeaders must include x-acs-anything, which the request carries"},
		{name: "Content-Type added unsigned is lenient",
			after:  func(r *http.Request) { r.Header.Set("Content-Type", "application/json") },
			status: 404, wantCode: "ProjectNotFound"},
		{name: "every header signed",
			status: 404, wantCode: "ProjectNotFound"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t)
			req := v3Request(t, popsign.AlgHMACSHA256, DefaultAccessKeySecret, "", nil)
			if tt.edit != nil {
				// Re-sign without the removed headers.
				req = v3Request(t, popsign.AlgHMACSHA256, DefaultAccessKeySecret, "", nil)
				req.Header.Del("Authorization")
				tt.edit(req)
				if _, err := popsign.SignV3Request(req, nil, popsign.AlgHMACSHA256, DefaultAccessKeyId, DefaultAccessKeySecret); err != nil {
					t.Fatal(err)
				}
			}
			if tt.after != nil {
				tt.after(req)
			}
			status, body := serve(t, s, req)
			requireError(t, status, body, tt.status, tt.wantCode, tt.wantMsg)
			if got := len(s.Projects(DefaultAccessKeyId)); got != 0 {
				t.Errorf("projects = %d, want 0", got)
			}
		})
	}
}

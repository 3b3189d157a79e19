package fake

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/icefake/icefake/fake/popsign"
)

// signedWithNonce returns a GetEditingProject signed by ak with nonce, under
// V1 (SignatureNonce) or V3 (x-acs-signature-nonce).
func signedWithNonce(t *testing.T, v3 bool, ak, secret, nonce string) *http.Request {
	t.Helper()
	if !v3 {
		q := v1Query(ak, time.Now(), nonce)
		popsign.SignV1Params(http.MethodGet, q, secret)
		return httptest.NewRequest(http.MethodGet, "/?"+q.Encode(), nil)
	}
	req := httptest.NewRequest(http.MethodPost, "/?ProjectId=nope", nil)
	req.Header.Set("x-acs-action", "GetEditingProject")
	req.Header.Set("x-acs-version", "2020-11-09")
	req.Header.Set("x-acs-date", time.Now().UTC().Format("2006-01-02T15:04:05Z"))
	req.Header.Set("x-acs-signature-nonce", nonce)
	if _, err := popsign.SignV3Request(req, nil, popsign.AlgHMACSHA256, ak, secret); err != nil {
		t.Fatal(err)
	}
	return req
}

// TestSignatureNonceScope: a nonce is remembered per AccessKeyId, for V1 and
// V3 together (docs/fidelity.md "SignatureNonce scope").
func TestSignatureNonceScope(t *testing.T) {
	type caller struct {
		v3         bool
		ak, secret string
	}
	a1 := caller{ak: DefaultAccessKeyId, secret: DefaultAccessKeySecret}
	a3 := caller{v3: true, ak: DefaultAccessKeyId, secret: DefaultAccessKeySecret}
	b1 := caller{ak: "tenantB", secret: "secretB"}
	b3 := caller{v3: true, ak: "tenantB", secret: "secretB"}
	tests := []struct {
		name          string
		first, second caller
		wantStatus    int
		wantCode      string
	}{
		{"V1, two AccessKeyIds", a1, b1, 404, "ProjectNotFound"},
		{"V3, two AccessKeyIds", a3, b3, 404, "ProjectNotFound"},
		{"V3 then V1, two AccessKeyIds", b3, a1, 404, "ProjectNotFound"},
		{"V1, one AccessKeyId", a1, a1, 400, "SignatureNonceUsed"},
		{"V3, one AccessKeyId", b3, b3, 400, "SignatureNonceUsed"},
		{"V1 then V3, one AccessKeyId", a1, a3, 400, "SignatureNonceUsed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t, WithCredentials(Credential{AccessKeyId: "tenantB", AccessKeySecret: "secretB"}))
			status, body := serve(t, s, signedWithNonce(t, tt.first.v3, tt.first.ak, tt.first.secret, "shared-nonce"))
			requireError(t, status, body, 404, "ProjectNotFound")
			status, body = serve(t, s, signedWithNonce(t, tt.second.v3, tt.second.ak, tt.second.secret, "shared-nonce"))
			requireError(t, status, body, tt.wantStatus, tt.wantCode)
			if got, want := s.nonces.len(), 2; tt.wantCode == "ProjectNotFound" && got != want {
				t.Errorf("remembered nonces = %d, want %d (one per AccessKeyId)", got, want)
			}
		})
	}
}

package fake

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/icefake/icefake/fake/popsign"
)

// anonymousQuery is what SDK v2.1.0 sends for an AuthType Anonymous
// Action: the envelope with Timestamp and SignatureNonce but no
// AccessKeyId, SignatureMethod, SignatureVersion or Signature.
func anonymousQuery(action string, params map[string]string) url.Values {
	q := url.Values{
		"Action": {action}, "Version": {"2020-11-09"}, "Format": {"json"},
		"SignatureNonce": {fmt.Sprintf("anon-%d", testNonce.Add(1))},
		"Timestamp":      {time.Now().UTC().Format("2006-01-02T15:04:05Z")},
	}
	for k, v := range params {
		q.Set(k, v)
	}
	return q
}

// signV1 adds the V1 signature parameters for keyID/secret and signs q.
func signV1(q url.Values, keyID, secret string) url.Values {
	q.Set("AccessKeyId", keyID)
	q.Set("SignatureMethod", "HMAC-SHA1")
	q.Set("SignatureVersion", "1.0")
	popsign.SignV1Params(http.MethodPost, q, secret)
	return q
}

// TestAnonymousActions: an Action the SDK sends unsigned (x-icefake-auth:
// anonymous) takes an unsigned call in enforce mode and goes on to
// validation, stubs and 501; a signed call of it is verified as any other;
// an unsigned call of any other Action still gets MissingAccessKeyId.
func TestAnonymousActions(t *testing.T) {
	stub := Stub{Action: "ListAllPublicMediaTags", Response: map[string]any{"MediaTagList": []any{map[string]any{"MediaTagId": "sticker-gif"}}}}
	tests := []struct {
		name       string
		opts       []Option
		query      url.Values
		header     http.Header
		wantStatus int
		wantCode   string
		wantAuth   string
		wantTenant string
	}{
		{name: "unsigned, not implemented", query: anonymousQuery("ListPublicMediaBasicInfos", nil),
			wantStatus: 501, wantCode: "NotImplemented", wantAuth: "anonymous"},
		{name: "unsigned, stubbed", opts: []Option{WithStubs(stub)}, query: anonymousQuery("ListAllPublicMediaTags", nil),
			wantStatus: 200, wantAuth: "anonymous"},
		{name: "unsigned, validated", query: anonymousQuery("ListPublicMediaBasicInfos", map[string]string{"IncludeFileBasicInfo": "maybe"}),
			wantStatus: 400, wantCode: "InvalidParameter", wantAuth: "anonymous"},
		{name: "unsigned, without Timestamp and nonce", query: url.Values{"Action": {"GetPublicMediaInfo"}, "Version": {"2020-11-09"}, "MediaId": {"m"}},
			wantStatus: 501, wantCode: "NotImplemented", wantAuth: "anonymous"},
		{name: "signed and valid", query: signV1(anonymousQuery("ListPublicMediaBasicInfos", nil), DefaultAccessKeyId, DefaultAccessKeySecret),
			wantStatus: 501, wantCode: "NotImplemented", wantAuth: "V1 ok", wantTenant: DefaultAccessKeyId},
		{name: "signed with a wrong secret", query: signV1(anonymousQuery("ListPublicMediaBasicInfos", nil), DefaultAccessKeyId, "wrong"),
			wantStatus: 400, wantCode: "SignatureDoesNotMatch", wantTenant: DefaultAccessKeyId},
		{name: "AccessKeyId without Signature", query: func() url.Values {
			q := anonymousQuery("ListPublicMediaBasicInfos", nil)
			q.Set("AccessKeyId", DefaultAccessKeyId)
			return q
		}(), wantStatus: 400, wantCode: "MissingSignature", wantTenant: DefaultAccessKeyId},
		{name: "Signature without AccessKeyId", query: func() url.Values {
			q := anonymousQuery("ListPublicMediaBasicInfos", nil)
			q.Set("Signature", "x")
			return q
		}(), wantStatus: 400, wantCode: "MissingAccessKeyId"},
		{name: "V3 Authorization header is verified", query: anonymousQuery("ListPublicMediaBasicInfos", nil),
			header: http.Header{
				"Authorization": {"ACS3-HMAC-SHA256 Credential=testAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-version,Signature=00"},
				"X-Acs-Action":  {"ListPublicMediaBasicInfos"}, "X-Acs-Version": {"2020-11-09"},
			},
			wantStatus: 400, wantCode: "MissingTimestamp", wantTenant: DefaultAccessKeyId},
		{name: "unsigned call of a signed Action", query: anonymousQuery("GetSnapshotJob", map[string]string{"JobId": "j"}),
			wantStatus: 400, wantCode: "MissingAccessKeyId"},
		{name: "log mode: unsigned passes as anonymous", opts: []Option{WithAuthMode(AuthLog)}, query: anonymousQuery("ListPublicMediaBasicInfos", nil),
			wantStatus: 501, wantCode: "NotImplemented", wantAuth: "anonymous"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t, tt.opts...)
			req := httptest.NewRequest(http.MethodPost, "/?"+tt.query.Encode(), nil)
			for k, vs := range tt.header {
				req.Header[k] = vs
			}
			status, body := serve(t, s, req)
			if tt.wantCode == "" {
				if status != tt.wantStatus {
					t.Fatalf("status = %d, want %d: %v", status, tt.wantStatus, body)
				}
			} else {
				requireError(t, status, body, tt.wantStatus, tt.wantCode)
			}
			calls := s.Calls()
			if len(calls) != 1 {
				t.Fatalf("journal has %d calls, want 1", len(calls))
			}
			c := calls[0]
			if tt.wantAuth != "" && c.Auth != tt.wantAuth {
				t.Errorf("journal Auth = %q, want %q", c.Auth, tt.wantAuth)
			}
			if c.Tenant != tt.wantTenant {
				t.Errorf("journal Tenant = %q, want %q", c.Tenant, tt.wantTenant)
			}
		})
	}
}

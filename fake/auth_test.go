package fake

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/icefake/icefake/fake/popsign"
)

// v1Query returns the common V1 parameters for a GetEditingProject call,
// unsigned.
func v1Query(ak string, now time.Time, nonce string) url.Values {
	return url.Values{
		"Action": {"GetEditingProject"}, "Version": {"2020-11-09"}, "Format": {"json"},
		"AccessKeyId": {ak}, "SignatureMethod": {"HMAC-SHA1"}, "SignatureVersion": {"1.0"},
		"SignatureNonce": {nonce}, "Timestamp": {now.UTC().Format("2006-01-02T15:04:05Z")},
		"ProjectId": {"nope"},
	}
}

func TestV1Verification(t *testing.T) {
	now := time.Now()
	sts := Credential{AccessKeyId: "STS.key", AccessKeySecret: "stsSecret", SecurityToken: "token-1", Tenant: DefaultAccessKeyId}
	expired := Credential{AccessKeyId: "STS.old", AccessKeySecret: "oldSecret", SecurityToken: "token-old", Expiration: now.Add(-time.Minute)}
	tests := []struct {
		name       string
		edit       func(q url.Values) // before signing
		secret     string
		after      func(q url.Values) // after signing
		wantStatus int
		wantCode   string
		wantMsg    string
	}{
		{name: "valid", secret: DefaultAccessKeySecret, wantStatus: 404, wantCode: "ProjectNotFound"},
		{name: "missing AccessKeyId", edit: func(q url.Values) { q.Del("AccessKeyId") }, secret: DefaultAccessKeySecret, wantStatus: 400, wantCode: "MissingAccessKeyId"},
		{name: "missing Signature", secret: DefaultAccessKeySecret, after: func(q url.Values) { q.Del("Signature") }, wantStatus: 400, wantCode: "MissingSignature"},
		{name: "missing Timestamp", edit: func(q url.Values) { q.Del("Timestamp") }, secret: DefaultAccessKeySecret, wantStatus: 400, wantCode: "MissingTimestamp"},
		{name: "malformed Timestamp", edit: func(q url.Values) { q.Set("Timestamp", "2024-01-02 03:04:05") }, secret: DefaultAccessKeySecret, wantStatus: 400, wantCode: "InvalidTimeStamp.Format"},
		{name: "expired Timestamp", edit: func(q url.Values) { q.Set("Timestamp", now.Add(-16*time.Minute).UTC().Format("2006-01-02T15:04:05Z")) }, secret: DefaultAccessKeySecret, wantStatus: 400, wantCode: "InvalidTimeStamp.Expired"},
		{name: "future Timestamp", edit: func(q url.Values) { q.Set("Timestamp", now.Add(16*time.Minute).UTC().Format("2006-01-02T15:04:05Z")) }, secret: DefaultAccessKeySecret, wantStatus: 400, wantCode: "InvalidTimeStamp.Expired"},
		{name: "missing SignatureNonce", edit: func(q url.Values) { q.Del("SignatureNonce") }, secret: DefaultAccessKeySecret, wantStatus: 400, wantCode: "MissingSignatureNonce"},
		{name: "unknown AccessKeyId", edit: func(q url.Values) { q.Set("AccessKeyId", "nobody") }, secret: "x", wantStatus: 404, wantCode: "InvalidAccessKeyId.NotFound"},
		{name: "wrong secret", secret: "wrong", wantStatus: 400, wantCode: "SignatureDoesNotMatch", wantMsg: "server string to sign is:GET&%2F&AccessKeyId%3DtestAccessKeyId%26Action%3DGetEditingProject"},
		{name: "tampered parameter", secret: DefaultAccessKeySecret, after: func(q url.Values) { q.Set("ProjectId", "other") }, wantStatus: 400, wantCode: "SignatureDoesNotMatch"},
		{name: "HMAC-SHA256 method", edit: func(q url.Values) { q.Set("SignatureMethod", "HMAC-SHA256") }, secret: DefaultAccessKeySecret, wantStatus: 400, wantCode: "IncompleteSignature"},
		{name: "STS valid", edit: func(q url.Values) { q.Set("AccessKeyId", sts.AccessKeyId); q.Set("SecurityToken", "token-1") }, secret: "stsSecret", wantStatus: 404, wantCode: "ProjectNotFound"},
		{name: "STS token missing", edit: func(q url.Values) { q.Set("AccessKeyId", sts.AccessKeyId) }, secret: "stsSecret", wantStatus: 400, wantCode: "MissingSecurityToken"},
		{name: "STS token malformed", edit: func(q url.Values) { q.Set("AccessKeyId", sts.AccessKeyId); q.Set("SecurityToken", "garbage") }, secret: "stsSecret", wantStatus: 400, wantCode: "InvalidSecurityToken.Malformed"},
		{name: "STS token of another key", edit: func(q url.Values) { q.Set("AccessKeyId", sts.AccessKeyId); q.Set("SecurityToken", "token-old") }, secret: "stsSecret", wantStatus: 400, wantCode: "InvalidSecurityToken.MismatchWithAccessKey"},
		{name: "token on a long-term key", edit: func(q url.Values) { q.Set("SecurityToken", "token-1") }, secret: DefaultAccessKeySecret, wantStatus: 400, wantCode: "InvalidSecurityToken.MismatchWithAccessKey"},
		{name: "STS token expired", edit: func(q url.Values) { q.Set("AccessKeyId", expired.AccessKeyId); q.Set("SecurityToken", "token-old") }, secret: "oldSecret", wantStatus: 400, wantCode: "InvalidSecurityToken.Expired"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t, WithCredentials(sts, expired))
			q := v1Query(DefaultAccessKeyId, now, "n"+string(rune('a'+i)))
			if tt.edit != nil {
				tt.edit(q)
			}
			popsign.SignV1Params(http.MethodGet, q, tt.secret)
			if tt.after != nil {
				tt.after(q)
			}
			status, body := serve(t, s, httptest.NewRequest(http.MethodGet, "/?"+q.Encode(), nil))
			requireError(t, status, body, tt.wantStatus, tt.wantCode, tt.wantMsg)
			if got := s.Calls()[0].Auth; tt.wantCode == "ProjectNotFound" && got != "V1 ok" || tt.wantCode != "ProjectNotFound" && !strings.Contains(got, tt.wantCode) {
				t.Errorf("journal Auth = %q, want the verdict for %s", got, tt.wantCode)
			}
		})
	}
}

func TestV1ReplayedNonce(t *testing.T) {
	s := newTestServer(t)
	q := v1Query(DefaultAccessKeyId, time.Now(), "same-nonce")
	popsign.SignV1Params(http.MethodGet, q, DefaultAccessKeySecret)
	status, body := serve(t, s, httptest.NewRequest(http.MethodGet, "/?"+q.Encode(), nil))
	requireError(t, status, body, 404, "ProjectNotFound")
	status, body = serve(t, s, httptest.NewRequest(http.MethodGet, "/?"+q.Encode(), nil))
	requireError(t, status, body, 400, "SignatureNonceUsed")
}

func TestV1FormBodyIsSigned(t *testing.T) {
	s := newTestServer(t)
	q := v1Query(DefaultAccessKeyId, time.Now(), "form-nonce")
	q.Del("ProjectId")
	q.Set("Action", "CreateEditingProject")
	form := url.Values{"Title": {"a b*c~d!'()"}, "Timeline": {`{"VideoTracks":[]}`}}
	all := url.Values{}
	for k, v := range q {
		all[k] = v
	}
	for k, v := range form {
		all[k] = v
	}
	sig := popsign.SignV1Params(http.MethodPost, all, DefaultAccessKeySecret)
	q.Set("Signature", sig)
	req := httptest.NewRequest(http.MethodPost, "/?"+q.Encode(), strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	status, body := serve(t, s, req)
	if status != 200 {
		t.Fatalf("status = %d, want 200; body %v", status, body)
	}
}

func v3Request(t *testing.T, alg, secret string, body string, edit func(r *http.Request)) *http.Request {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/?ProjectId=nope&Extra=a%20b*c", strings.NewReader(body))
	req.Host = "127.0.0.1:8080"
	req.Header.Set("x-acs-action", "GetEditingProject")
	req.Header.Set("x-acs-version", "2020-11-09")
	req.Header.Set("x-acs-date", time.Now().UTC().Format("2006-01-02T15:04:05Z"))
	req.Header.Set("x-acs-signature-nonce", "v3-"+t.Name())
	if body != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if _, err := popsign.SignV3Request(req, []byte(body), alg, DefaultAccessKeyId, secret); err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(req)
	}
	return req
}

func TestV3Verification(t *testing.T) {
	tests := []struct {
		name       string
		req        func(t *testing.T) *http.Request
		wantStatus int
		wantCode   string
		wantMsg    string
	}{
		{"SHA256 valid", func(t *testing.T) *http.Request {
			return v3Request(t, popsign.AlgHMACSHA256, DefaultAccessKeySecret, "", nil)
		}, 404, "ProjectNotFound", ""},
		{"SM3 valid", func(t *testing.T) *http.Request {
			return v3Request(t, popsign.AlgHMACSM3, DefaultAccessKeySecret, "", nil)
		}, 404, "ProjectNotFound", ""},
		{"form body valid", func(t *testing.T) *http.Request {
			return v3Request(t, popsign.AlgHMACSHA256, DefaultAccessKeySecret, "Note=x%2By", nil)
		}, 404, "ProjectNotFound", ""},
		{"wrong secret", func(t *testing.T) *http.Request { return v3Request(t, popsign.AlgHMACSHA256, "wrong", "", nil) }, 400, "SignatureDoesNotMatch", "server CanonicalRequest hash is:"},
		{"tampered query", func(t *testing.T) *http.Request {
			return v3Request(t, popsign.AlgHMACSHA256, DefaultAccessKeySecret, "", func(r *http.Request) { r.URL.RawQuery = "ProjectId=other" })
		}, 400, "SignatureDoesNotMatch", ""},
		{"body does not match its hash", func(t *testing.T) *http.Request {
			return v3Request(t, popsign.AlgHMACSHA256, DefaultAccessKeySecret, "a=1", func(r *http.Request) { r.Body = http.NoBody })
		}, 400, "SignatureDoesNotMatch", "x-acs-content-sha256"},
		{"malformed Authorization", func(t *testing.T) *http.Request {
			return v3Request(t, popsign.AlgHMACSHA256, DefaultAccessKeySecret, "", func(r *http.Request) {
				r.Header.Set("Authorization", "ACS3-HMAC-SHA256 Credential=testAccessKeyId")
			})
		}, 400, "IncompleteSignature", ""},
		{"missing x-acs-date", func(t *testing.T) *http.Request {
			return v3Request(t, popsign.AlgHMACSHA256, DefaultAccessKeySecret, "", func(r *http.Request) { r.Header.Del("x-acs-date") })
		}, 400, "MissingTimestamp", "x-acs-date"},
		{"unknown key", func(t *testing.T) *http.Request {
			return v3Request(t, popsign.AlgHMACSHA256, DefaultAccessKeySecret, "", func(r *http.Request) {
				r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), DefaultAccessKeyId, "nobody", 1))
			})
		}, 404, "InvalidAccessKeyId.NotFound", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t)
			status, body := serve(t, s, tt.req(t))
			requireError(t, status, body, tt.wantStatus, tt.wantCode, tt.wantMsg)
		})
	}
}

func TestAuthModes(t *testing.T) {
	t.Run("log journals but never rejects", func(t *testing.T) {
		s := newTestServer(t, WithAuthMode(AuthLog))
		q := v1Query(DefaultAccessKeyId, time.Now(), "log-1")
		popsign.SignV1Params(http.MethodGet, q, "wrong")
		status, body := serve(t, s, httptest.NewRequest(http.MethodGet, "/?"+q.Encode(), nil))
		requireError(t, status, body, 404, "ProjectNotFound")
		if got := s.Calls()[0].Auth; !strings.HasPrefix(got, "log: would reject: V1 SignatureDoesNotMatch") {
			t.Errorf("journal Auth = %q, want the would-reject verdict", got)
		}
	})
	t.Run("off accepts unsigned requests", func(t *testing.T) {
		s := newTestServer(t, WithAuthMode(AuthOff))
		status, body := serve(t, s, httptest.NewRequest(http.MethodGet, "/?Action=GetEditingProject&Version=2020-11-09&ProjectId=x", nil))
		requireError(t, status, body, 404, "ProjectNotFound")
	})
	t.Run("enforce rejects unsigned requests", func(t *testing.T) {
		s := newTestServer(t)
		status, body := serve(t, s, httptest.NewRequest(http.MethodGet, "/?Action=GetEditingProject&Version=2020-11-09&ProjectId=x", nil))
		requireError(t, status, body, 400, "MissingAccessKeyId")
	})
	t.Run("bad mode", func(t *testing.T) {
		if _, err := New(WithAuthMode("strict")); err == nil || !strings.Contains(err.Error(), `"strict"`) {
			t.Errorf("New(WithAuthMode(strict)) error = %v, want it named", err)
		}
	})
}

func TestTenantsAreIsolated(t *testing.T) {
	s := newTestServer(t, WithCredentials(Credential{AccessKeyId: "tenantB", AccessKeySecret: "secretB"}))
	status, body := rpc(t, s, "CreateEditingProject", map[string]string{"Title": "of A"})
	if status != 200 {
		t.Fatalf("create: %d %v", status, body)
	}
	id := body["Project"].(map[string]any)["ProjectId"].(string)
	q := v1Query("tenantB", time.Now(), "b-1")
	q.Set("ProjectId", id)
	popsign.SignV1Params(http.MethodGet, q, "secretB")
	status, body = serve(t, s, httptest.NewRequest(http.MethodGet, "/?"+q.Encode(), nil))
	requireError(t, status, body, 404, "ProjectNotFound")
	if got := len(s.Projects("tenantB")); got != 0 {
		t.Errorf("tenantB projects = %d, want 0", got)
	}
	if got := len(s.Projects(DefaultAccessKeyId)); got != 1 {
		t.Errorf("tenant A projects = %d, want 1", got)
	}
}

func TestResetTenant(t *testing.T) {
	s := newTestServer(t, WithCredentials(Credential{AccessKeyId: "tenantB", AccessKeySecret: "secretB"}))
	if _, err := s.InjectFault(Fault{Action: "GetEditingProject", Tenant: DefaultAccessKeyId, Code: CodeThrottlingUser}); err != nil {
		t.Fatal(err)
	}
	rpc(t, s, "CreateEditingProject", map[string]string{"Title": "a"})
	status, body := rpc(t, s, "GetEditingProject", map[string]string{"ProjectId": "x"})
	requireError(t, status, body, 400, "Throttling.User")

	q := v1Query("tenantB", time.Now(), "reset-b")
	popsign.SignV1Params(http.MethodGet, q, "secretB")
	status, body = serve(t, s, httptest.NewRequest(http.MethodGet, "/?"+q.Encode(), nil))
	requireError(t, status, body, 404, "ProjectNotFound") // the fault is scoped to the other tenant

	s.ResetTenant(DefaultAccessKeyId)
	if got := len(s.Projects(DefaultAccessKeyId)); got != 0 {
		t.Errorf("projects after ResetTenant = %d, want 0", got)
	}
	calls := s.Calls()
	if len(calls) != 1 || calls[0].Tenant != "tenantB" {
		t.Errorf("journal after ResetTenant = %+v, want only tenantB's call", calls)
	}
	status, body = rpc(t, s, "GetEditingProject", map[string]string{"ProjectId": "x"})
	requireError(t, status, body, 400, "Throttling.User") // its fault stays (ResetTenant zeroes its counter)
}

func TestAuthOffTenant(t *testing.T) {
	s := newTestServer(t, WithAuthMode(AuthOff))
	serve(t, s, httptest.NewRequest(http.MethodGet, "/?Action=CreateEditingProject&Version=2020-11-09&Title=a", nil))
	serve(t, s, httptest.NewRequest(http.MethodGet, "/?Action=CreateEditingProject&Version=2020-11-09&Title=b&AccessKeyId=other", nil))
	if got := len(s.Projects(DefaultAccessKeyId)); got != 1 {
		t.Errorf("default tenant projects = %d, want 1 (unsigned requests act as %s)", got, DefaultAccessKeyId)
	}
	if got := len(s.Projects("other")); got != 1 {
		t.Errorf("tenant other projects = %d, want 1", got)
	}
}

func TestUnsignedRequestExplainsTheWayOut(t *testing.T) {
	s := newTestServer(t, WithExplain(true))
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/?Action=GetEditingProject&Version=2020-11-09&ProjectId=x", nil))
	if got := rec.Header().Get("x-icefake-explain"); !strings.Contains(got, "-auth-mode off") {
		t.Errorf("x-icefake-explain = %q, want a hint at -auth-mode off", got)
	}
	if got := s.Calls()[0].Problem; !strings.Contains(got, "sign it (V1 or V3)") {
		t.Errorf("journal Problem = %q", got)
	}
}

func TestCredentialCannotBeRedefined(t *testing.T) {
	s := newTestServer(t)
	err := s.AddCredential(Credential{AccessKeyId: DefaultAccessKeyId, AccessKeySecret: "other"})
	if err == nil || !strings.Contains(err.Error(), "already accepted with another secret") {
		t.Fatalf("AddCredential(default key, other secret) error = %v", err)
	}
	if err := s.AddCredential(Credential{AccessKeyId: DefaultAccessKeyId, AccessKeySecret: DefaultAccessKeySecret}); err != nil {
		t.Errorf("AddCredential(the same pair again) = %v, want nil", err)
	}
	status, _ := rpc(t, s, "CreateEditingProject", map[string]string{"Title": "t"})
	if status != 200 {
		t.Errorf("default pair after the refused redefinition: status %d, want 200", status)
	}
}

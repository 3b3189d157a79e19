package fake

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// FuzzAuthenticate feeds arbitrary queries, bodies and ACS3 Authorization /
// x-acs-* headers to a server enforcing signatures: it never panics, and every
// answer is a JSON POP envelope with a declared 4xx status (or a success for
// a request that happens to verify).
func FuzzAuthenticate(f *testing.F) {
	now := time.Now().UTC().Format("2006-01-02T15:04:05Z")
	f.Add("Action=GetEditingProject&Version=2020-11-09&AccessKeyId=testAccessKeyId&Signature=abc&Timestamp="+now+"&SignatureNonce=1", "", "", "")
	f.Add("ProjectId=x", "", "ACS3-HMAC-SHA256 Credential=testAccessKeyId,SignedHeaders=host;x-acs-date,Signature=00", now)
	f.Add("ProjectId=x", "a=b", "ACS3-HMAC-SM3 Credential=,SignedHeaders=,Signature=", "2024-13-45T99:99:99Z")
	f.Add("Action=GetEditingProject&Version=2020-11-09&AccessKeyId=STS.x&SecurityToken=t&Signature=%zz", "", "", "")
	s, err := New(WithSeed(1), WithCredentials(Credential{AccessKeyId: "STS.x", AccessKeySecret: "s", SecurityToken: "t"}))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, query, body, authorization, date string) {
		req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
		req.URL.RawQuery = query
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if authorization != "" {
			req.Header.Set("Authorization", authorization)
			req.Header.Set("x-acs-action", "GetEditingProject")
			req.Header.Set("x-acs-version", "2020-11-09")
			req.Header.Set("x-acs-date", date)
			req.Header.Set("x-acs-signature-nonce", date+query)
		}
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		var out map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
			t.Fatalf("body is not JSON: %q", rec.Body.String())
		}
		if rec.Code != 200 && (rec.Code < 400 || rec.Code > 499) {
			t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
		}
		if rec.Code != 200 {
			if code, _ := out["Code"].(string); code == "" || iceSpec().Errors[code].Status != rec.Code {
				t.Fatalf("Code %v with status %d is not the catalogue's", out["Code"], rec.Code)
			}
		}
	})
}

package proxy

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/icefake/icefake/fake"
	"github.com/icefake/icefake/fake/popsign"
)

// TestProxyRedactsSecrets: the report and the journal keep the AccessKeyId
// and never carry a Signature, a SecurityToken or a secret, for V1 and for
// V3 (sent through the client's HTTP proxy setting, so the signed host is
// the upstream's and the upstream verifies it).
func TestProxyRedactsSecrets(t *testing.T) {
	t.Run("V1 with an STS token", func(t *testing.T) {
		up := httptest.NewServer(newUpstream(t, "", fake.WithAuthMode(fake.AuthOff)))
		t.Cleanup(up.Close)
		p, base, report := startProxy(t, up.URL, Options{})
		q := v1Params("GetMediaInfo", map[string]string{"MediaId": mediaID, "SecurityToken": "sts-token-secret-value"})
		sig := q.Get("Signature")
		resp, err := http.Post(base+"/?"+q.Encode(), "", nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if err := p.Close(); err != nil {
			t.Fatal(err)
		}
		text := report.String()
		for _, secret := range []string{sig, url.QueryEscape(sig), "sts-token-secret-value", fake.DefaultAccessKeySecret} {
			if strings.Contains(text, secret) {
				t.Errorf("report contains the secret %q:\n%s", secret, text)
			}
		}
		c := reportLines(t, text)[0]
		if c.AccessKeyId != fake.DefaultAccessKeyId || c.Params["Signature"] != Redacted || c.Params["SecurityToken"] != Redacted || c.Params["AccessKeyId"] != fake.DefaultAccessKeyId {
			t.Errorf("report line = %+v, want the AccessKeyId kept, Signature and SecurityToken %s", c, Redacted)
		}
	})
	t.Run("V3 through the HTTP proxy setting", func(t *testing.T) {
		up := httptest.NewServer(newUpstream(t, ""))
		t.Cleanup(up.Close)
		p, base, report := startProxy(t, up.URL, Options{})
		proxyURL, _ := url.Parse(base)
		client := &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(proxyURL)}}
		req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, up.URL+"/?MediaId="+url.QueryEscape(mediaID), nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("x-acs-action", "GetMediaInfo")
		req.Header.Set("x-acs-version", "2020-11-09")
		req.Header.Set("x-acs-date", time.Now().UTC().Format("2006-01-02T15:04:05Z"))
		req.Header.Set("x-acs-signature-nonce", "proxy-v3-nonce")
		auth, err := popsign.SignV3Request(req, nil, "ACS3-HMAC-SHA256", fake.DefaultAccessKeyId, fake.DefaultAccessKeySecret)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("V3 call through the proxy = %d %s, want 200 (the upstream verified the signature)", resp.StatusCode, body)
		}
		text := report.String()
		if strings.Contains(text, auth.Signature) || strings.Contains(text, fake.DefaultAccessKeySecret) {
			t.Errorf("report contains the V3 signature or the secret:\n%s", text)
		}
		c := p.Calls()[0]
		if c.Action != "GetMediaInfo" || c.AccessKeyId != fake.DefaultAccessKeyId || len(c.Findings) != 0 {
			t.Errorf("journal = %+v, want a clean GetMediaInfo by %s", c, fake.DefaultAccessKeyId)
		}
	})
}

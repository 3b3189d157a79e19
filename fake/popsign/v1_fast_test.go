package popsign

import (
	"net/url"
	"strconv"
	"testing"
)

// v1Reference is the V1 string-to-sign as docs/fidelity.md "Signatures"
// writes it: two separate percent-encoding passes.
func v1Reference(method string, params url.Values) string {
	return method + "&%2F&" + PercentEncode(canonicalQuery(params, V1SignatureParam))
}

func TestV1StringToSignMatchesReference(t *testing.T) {
	tests := []struct {
		name   string
		params url.Values
	}{
		{"empty", url.Values{}},
		{"plain", url.Values{"Action": {"CreateEditingProject"}, "Title": {"t"}}},
		{"reserved bytes", url.Values{"Title": {"a b*c~d/e=f&g%h+i"}, "Timeline": {`{"VideoTracks":[]}`}}},
		{"utf-8 and repeated", url.Values{"K": {"ü", "a", "Z"}, "é": {""}}},
		{"signature left out", url.Values{"Signature": {"x"}, "A": {"1"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := V1StringToSign("POST", tt.params), v1Reference("POST", tt.params); got != want {
				t.Errorf("V1StringToSign = %q, want %q", got, want)
			}
			ok, sts := CheckV1("POST", tt.params, "s")
			if ok || sts != v1Reference("POST", tt.params) {
				t.Errorf("CheckV1 unsigned = %v, %q; want false, %q", ok, sts, v1Reference("POST", tt.params))
			}
			p := url.Values{}
			for k, v := range tt.params {
				p[k] = append([]string(nil), v...)
			}
			SignV1Params("GET", p, "s")
			if ok, sts := CheckV1("GET", p, "s"); !ok || sts != "" {
				t.Errorf("CheckV1 signed = %v, %q; want true, \"\"", ok, sts)
			}
		})
	}
}

func FuzzV1StringToSignMatchesReference(f *testing.F) {
	f.Add("Action=A&Title=a+b%2A&Title=%C3%BC")
	f.Fuzz(func(t *testing.T, rawQuery string) {
		params, err := url.ParseQuery(rawQuery)
		if err != nil {
			return
		}
		if got, want := V1StringToSign("POST", params), v1Reference("POST", params); got != want {
			t.Errorf("V1StringToSign(%q) = %q, want %q", rawQuery, got, want)
		}
	})
}

// TestV1PooledMACsKeepSecretsApart checks the per-secret HMAC pools: calls
// signed with different secrets, interleaved and concurrent, each verify
// with their own secret only, past the pools' secret bound too.
func TestV1PooledMACsKeepSecretsApart(t *testing.T) {
	secrets := make([]string, maxV1MacSecrets+8)
	for i := range secrets {
		secrets[i] = "secret-" + strconv.Itoa(i)
	}
	done := make(chan string, 4)
	for w := range 4 {
		go func() {
			for i := range secrets {
				s := secrets[(i+w*37)%len(secrets)]
				other := secrets[(i+w*37+1)%len(secrets)]
				p := url.Values{"Action": {"A"}, "SignatureNonce": {s}}
				SignV1Params("POST", p, s)
				if ok, _ := CheckV1("POST", p, s); !ok {
					done <- "own secret " + s + " refused"
					return
				}
				if ok, _ := CheckV1("POST", p, other); ok {
					done <- "secret " + other + " accepted for " + s
					return
				}
			}
			done <- ""
		}()
	}
	for range 4 {
		if msg := <-done; msg != "" {
			t.Error(msg)
		}
	}
	if got := int(v1MacSecrets.Load()); got > maxV1MacSecrets {
		t.Errorf("pooled secrets: got %d, want at most %d", got, maxV1MacSecrets)
	}
}

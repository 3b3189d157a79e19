package popsign

import (
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

// FuzzVerifyV1 checks that VerifyV1 never panics on arbitrary decoded
// parameters, and that whatever SignV1Params signs, VerifyV1 accepts.
func FuzzVerifyV1(f *testing.F) {
	a := v1AParams()
	a.Set("Signature", v1ASignature)
	f.Add("GET", a.Encode(), v1ASecret)
	f.Add("GET", v1BParams().Encode(), "testSecret")
	f.Add("POST", v1DParams().Encode(), "testSecret")
	f.Add("", "test=ok", "accessKeySecret")
	f.Add("GET", "a=1&a=0&b&Signature=%ZZ&%E9%98%BF=%F0%9F%98%80", "")
	f.Fuzz(func(t *testing.T, method, rawQuery, secret string) {
		params, _ := url.ParseQuery(rawQuery) // keeps what parses
		VerifyV1(method, params, secret)
		SignV1Params(method, params, secret)
		if ok, sts := VerifyV1(method, params, secret); !ok {
			t.Errorf("VerifyV1(SignV1Params(%q)) ok = false, want true (string to sign %q)", rawQuery, sts)
		}
	})
}

// FuzzParseAuthorization checks that ParseAuthorization never panics, that
// every error wraps ErrIncompleteSignature, and that a successful parse is
// complete and survives a String round trip.
func FuzzParseAuthorization(f *testing.F) {
	f.Add("ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=" + v3ASignedHeaders + ",Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0")
	f.Add("ACS3-HMAC-SHA256 Credential=testId,SignedHeaders=" + v3DSignedHeaders + ",Signature=" + v3DSignature)
	f.Add("ACS3-HMAC-SM3 Credential=ak, SignedHeaders=host, Signature=19cac349828155410ebe3ae96f5732d62cefef94ce7df9b1623defdf9f5b7704")
	f.Add("ACS3-RSA-SHA256 Credential=ak,SignedHeaders=host,Signature=ab")
	f.Add("ACS3-HMAC-SHA256 Credential=,SignedHeaders=;,Signature=,,=")
	f.Add("")
	f.Fuzz(func(t *testing.T, h string) {
		a, err := ParseAuthorization(h)
		if err != nil {
			if !errors.Is(err, ErrIncompleteSignature) {
				t.Errorf("ParseAuthorization(%q) error = %v, want it to wrap ErrIncompleteSignature", h, err)
			}
			return
		}
		if !SupportedAlgorithm(a.Algorithm) || a.AccessKeyId == "" || a.Signature == "" || len(a.SignedHeaders) == 0 {
			t.Errorf("ParseAuthorization(%q) = %+v, want every field set", h, a)
		}
		again, err := ParseAuthorization(a.String())
		if err != nil || !reflect.DeepEqual(again, a) {
			t.Errorf("ParseAuthorization(%q) = %+v, %v; want %+v", a.String(), again, err, a)
		}
	})
}

// FuzzSignVerifyV3 checks that whatever SignV3Request signs, parsing the
// header it set and VerifyV3Request accept.
func FuzzSignVerifyV3(f *testing.F) {
	f.Add(v3DQueryValues().Encode(), "tok/+=", []byte(v3DBody), "testSecret", false)
	f.Add(v3AQuery().Encode(), " padded ", []byte(nil), "YourAccessKeySecret", true)
	f.Add("a=*!'()&a=&%E9%98%BF=%F0%9F%98%80", "", []byte("\x00"), "", false)
	f.Fuzz(func(t *testing.T, rawQuery, headerValue string, body []byte, secret string, sm3 bool) {
		alg := AlgHMACSHA256
		if sm3 {
			alg = AlgHMACSM3
		}
		req := &http.Request{
			Method: "POST",
			URL:    &url.URL{Path: "/", RawQuery: rawQuery},
			Host:   v3DHost,
			Header: http.Header{"X-Acs-Fuzz": {headerValue}, "content-type": {headerValue}},
		}
		if _, err := SignV3Request(req, body, alg, "ak", secret); err != nil {
			t.Fatalf("SignV3Request() error: %v", err)
		}
		auth, err := ParseAuthorization(req.Header.Get("Authorization"))
		if err != nil {
			t.Fatalf("ParseAuthorization(%q) error: %v", req.Header.Get("Authorization"), err)
		}
		if ok, cr, _ := VerifyV3Request(req, body, auth, secret); !ok {
			t.Errorf("VerifyV3Request() ok = false, want true\ncanonical request:\n%s", strings.ReplaceAll(cr, "\n", `\n`))
		}
	})
}

func BenchmarkVerifyV1(b *testing.B) {
	p := v1DParams()
	SignV1Params("POST", p, "testSecret")
	for b.Loop() {
		if ok, _ := VerifyV1("POST", p, "testSecret"); !ok {
			b.Fatal("VerifyV1() ok = false, want true")
		}
	}
}

func BenchmarkVerifyV3(b *testing.B) {
	body := []byte(v3DBody)
	auth := Authorization{Algorithm: AlgHMACSHA256, AccessKeyId: "testId", SignedHeaders: strings.Split(v3DSignedHeaders, ";"), Signature: v3DSignature}
	q, h := v3DQueryValues(), v3DHeader(true)
	for b.Loop() {
		if ok, _, _ := VerifyV3(auth, "POST", "/", q, h, v3DHost, body, "testSecret"); !ok {
			b.Fatal("VerifyV3() ok = false, want true")
		}
	}
}

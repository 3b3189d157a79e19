package popsign

import (
	"bytes"
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

// V3 test vectors copied verbatim from docs/fidelity.md "Signatures"

const (
	emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	emptySM3    = "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b"

	v3AHost          = "ecs.cn-shanghai.aliyuncs.com"
	v3ASignedHeaders = "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version"

	v3DBody          = "Description=x%2By%3Dz%26w&Empty="
	v3DBodyHash      = "637b5b9f737449776d1548f7c902754ce7803307d5cf8f62d8616ff82764c239"
	v3DHost          = "127.0.0.1:8080"
	v3DSignedHeaders = "content-type;host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version"
	v3DQuery         = "Name=a%20b%2Ac~d&RegionId=cn-hangzhou&Tag.1.Key=k1&Tag.1.Value=v%201"
	v3DCRHash        = "992087e7b5ec27df4cf746de8c5b5acc4b46f3e309d443ddd79264ebfd4d335b"
	v3DSignature     = "c8f6071b5e88743b97f29a04e403c6ccbe1b25a57e0248ca5371ade7939b802f"
)

// v3AQuery and v3AHeader are vector V3-A (RunInstances fixed example),
// without x-acs-content-sha256, which depends on the algorithm.
func v3AQuery() url.Values {
	return url.Values{
		"ImageId":  {"win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"},
		"RegionId": {"cn-shanghai"},
	}
}

func v3AHeader(contentHash string) http.Header {
	h := http.Header{}
	h.Set("x-acs-action", "RunInstances")
	h.Set("x-acs-version", "2014-05-26")
	h.Set("x-acs-date", "2023-10-26T10:22:32Z")
	h.Set("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d")
	if contentHash != "" {
		h.Set("x-acs-content-sha256", contentHash)
	}
	return h
}

// v3DQueryValues and v3DHeader are vector V3-D (POST with form body + STS).
func v3DQueryValues() url.Values {
	return url.Values{
		"Name":        {"a b*c~d"},
		"RegionId":    {"cn-hangzhou"},
		"Tag.1.Key":   {"k1"},
		"Tag.1.Value": {"v 1"},
	}
}

func v3DHeader(withContentHash bool) http.Header {
	h := http.Header{}
	h.Set("content-type", "application/x-www-form-urlencoded")
	h.Set("x-acs-accesskey-id", "testId")
	h.Set("x-acs-action", "DescribeThings")
	h.Set("x-acs-date", "2024-01-02T03:04:05Z")
	h.Set("x-acs-security-token", "tok/+=")
	h.Set("x-acs-signature-nonce", "0123456789abcdef0123456789abcdef")
	h.Set("x-acs-version", "2020-01-01")
	if withContentHash {
		h.Set("x-acs-content-sha256", v3DBodyHash)
	}
	return h
}

func TestHashHex(t *testing.T) {
	tests := []struct {
		name string
		alg  string
		in   string
		want string
	}{
		{name: "SHA-256 empty", alg: AlgHMACSHA256, in: "", want: emptySHA256},
		{name: "SHA-256 test", alg: AlgHMACSHA256, in: "test", want: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"},
		{name: "SM3 empty", alg: AlgHMACSM3, in: "", want: emptySM3},
		{name: "SM3 test", alg: AlgHMACSM3, in: "test", want: "55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23"},
		{name: "V3-D form body", alg: AlgHMACSHA256, in: v3DBody, want: v3DBodyHash},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HashHex(tt.alg, []byte(tt.in)); got != tt.want {
				t.Errorf("HashHex(%q, %q) = %q, want %q", tt.alg, tt.in, got, tt.want)
			}
		})
	}
}

func TestV3SignSDKVector(t *testing.T) {
	const want = "b9ff646822f41ef647c1416fa2b8408923828abc0464af6706e18db3e8553da8"
	if got := V3Sign(AlgHMACSM3, "secret", "source"); got != want {
		t.Errorf("V3Sign(%q, %q, %q) = %q, want %q", AlgHMACSM3, "secret", "source", got, want)
	}
}

func TestV3Vectors(t *testing.T) {
	tests := []struct {
		name          string
		alg           string
		method        string
		path          string
		query         url.Values
		header        http.Header
		host          string
		body          string
		payloadHash   string // "" = HashHex(alg, body)
		signedHeaders string
		secret        string
		wantQuery     string // "" = not checked
		wantCRHash    string // "" = not published, not checked
		wantSig       string
	}{
		{
			name: "V3-A SHA256", alg: AlgHMACSHA256, method: "POST", path: "/",
			query: v3AQuery(), header: v3AHeader(emptySHA256), host: v3AHost,
			signedHeaders: v3ASignedHeaders, secret: "YourAccessKeySecret",
			wantCRHash: "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259",
			wantSig:    "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
		},
		{
			name: "V3-A SM3", alg: AlgHMACSM3, method: "POST", path: "/",
			query: v3AQuery(), header: v3AHeader(emptySM3), host: v3AHost,
			signedHeaders: v3ASignedHeaders, secret: "YourAccessKeySecret",
			wantSig: "19cac349828155410ebe3ae96f5732d62cefef94ce7df9b1623defdf9f5b7704",
		},
		{
			name: "SDK GetAuthorization", alg: AlgHMACSHA256, method: "", path: "",
			query: url.Values{"test": {"ok"}, "empty": {""}},
			// Raw, non-canonical keys: the two spellings must merge.
			header:        http.Header{"x-acs-test": {"http"}, "x-acs-TEST": {"https"}},
			payloadHash:   "55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23",
			signedHeaders: "x-acs-test", secret: "secret",
			wantQuery: "empty=&test=ok",
			wantSig:   "4ab59fffe3c5738ff8a2729f90cc04fe18b02a4b15b2102cbaf92f9ff3df2ea3",
		},
		{
			name: "V3-D form body + STS", alg: AlgHMACSHA256, method: "POST", path: "/",
			query: v3DQueryValues(), header: v3DHeader(true), host: v3DHost, body: v3DBody,
			signedHeaders: v3DSignedHeaders, secret: "testSecret",
			wantQuery: v3DQuery, wantCRHash: v3DCRHash, wantSig: v3DSignature,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			payloadHash := tt.payloadHash
			if payloadHash == "" {
				payloadHash = HashHex(tt.alg, []byte(tt.body))
			}
			signed := strings.Split(tt.signedHeaders, ";")
			cr := V3CanonicalRequest(tt.method, tt.path, tt.query, tt.header, tt.host, signed, payloadHash)
			lines := strings.Split(cr, "\n")
			if tt.wantQuery != "" && lines[2] != tt.wantQuery {
				t.Errorf("canonical query = %q, want %q", lines[2], tt.wantQuery)
			}
			if got := lines[len(lines)-2]; got != tt.signedHeaders {
				t.Errorf("SignedHeaders line = %q, want %q", got, tt.signedHeaders)
			}
			crHash := HashHex(tt.alg, []byte(cr))
			if tt.wantCRHash != "" && crHash != tt.wantCRHash {
				t.Errorf("HashHex(canonical request) = %q, want %q\ncanonical request:\n%s", crHash, tt.wantCRHash, cr)
			}
			sts := V3StringToSign(tt.alg, cr)
			if want := tt.alg + "\n" + crHash; sts != want {
				t.Errorf("V3StringToSign() = %q, want %q", sts, want)
			}
			if got := V3Sign(tt.alg, tt.secret, sts); got != tt.wantSig {
				t.Errorf("V3Sign() = %q, want %q\ncanonical request:\n%s", got, tt.wantSig, cr)
			}
			if tt.payloadHash != "" {
				return // VerifyV3 hashes a body; this vector only has the hash.
			}
			auth := Authorization{Algorithm: tt.alg, AccessKeyId: "ak", SignedHeaders: signed, Signature: tt.wantSig}
			ok, gotCR, gotHash := VerifyV3(auth, tt.method, tt.path, tt.query, tt.header, tt.host, []byte(tt.body), tt.secret)
			if !ok {
				t.Errorf("VerifyV3() ok = false, want true")
			}
			if gotCR != cr || gotHash != crHash {
				t.Errorf("VerifyV3() = (%q, %q), want (%q, %q)", gotCR, gotHash, cr, crHash)
			}
		})
	}
}

// TestV3ACanonicalRequest pins the whole V3-A canonical request, whose hash
// is the published 7ea06492….
func TestV3ACanonicalRequest(t *testing.T) {
	want := "POST\n/\n" +
		"ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n" +
		"host:ecs.cn-shanghai.aliyuncs.com\n" +
		"x-acs-action:RunInstances\n" +
		"x-acs-content-sha256:" + emptySHA256 + "\n" +
		"x-acs-date:2023-10-26T10:22:32Z\n" +
		"x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\n" +
		"x-acs-version:2014-05-26\n" +
		"\n" +
		v3ASignedHeaders + "\n" +
		emptySHA256
	got := V3CanonicalRequest("POST", "/", v3AQuery(), v3AHeader(emptySHA256), v3AHost, strings.Split(v3ASignedHeaders, ";"), emptySHA256)
	if got != want {
		t.Errorf("V3CanonicalRequest() = %q, want %q", got, want)
	}
}

func TestV3CanonicalHeaderValues(t *testing.T) {
	h := http.Header{}
	h.Add("X-Acs-Multi", " b ")
	h.Add("X-Acs-Multi", "a")
	h["x-acs-multi"] = []string{"c"}
	h.Set("Host", "from-header:1")
	tests := []struct {
		name string
		host string
		hdr  string
		want string
	}{
		{name: "multi values trimmed sorted merged", hdr: "X-ACS-MULTI", want: "x-acs-multi:a,b,c"},
		{name: "host argument wins", host: " h:2 ", hdr: "host", want: "host:h:2"},
		{name: "host falls back to header", hdr: "host", want: "host:from-header:1"},
		{name: "missing header", hdr: "x-acs-none", want: "x-acs-none:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cr := V3CanonicalRequest("GET", "/", nil, h, tt.host, []string{tt.hdr}, "p")
			if got := strings.Split(cr, "\n")[3]; got != tt.want {
				t.Errorf("canonical header line = %q, want %q", got, tt.want)
			}
		})
	}
}

// newV3DRequest returns V3-D as a client would build it, before signing.
func newV3DRequest(t *testing.T) *http.Request {
	t.Helper()
	u := "http://" + v3DHost + "/?" + v3DQueryValues().Encode() // Go style: space as '+'
	req, err := http.NewRequest("POST", u, bytes.NewReader([]byte(v3DBody)))
	if err != nil {
		t.Fatalf("http.NewRequest(%q) error: %v", u, err)
	}
	req.Header = v3DHeader(false)
	return req
}

func TestSignV3Request(t *testing.T) {
	tests := []struct {
		name     string
		req      func(t *testing.T) *http.Request
		body     string
		alg      string
		ak       string
		secret   string
		names    []string
		wantAuth string
	}{
		{
			name: "V3-A SHA256 default headers",
			req: func(t *testing.T) *http.Request {
				t.Helper()
				u := "http://" + v3AHost + "/?" + v3AQuery().Encode()
				req, err := http.NewRequest("POST", u, nil)
				if err != nil {
					t.Fatalf("http.NewRequest(%q) error: %v", u, err)
				}
				req.Header = v3AHeader("")
				return req
			},
			alg: AlgHMACSHA256, ak: "YourAccessKeyId", secret: "YourAccessKeySecret",
			wantAuth: "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=" + v3ASignedHeaders +
				",Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
		},
		{
			name: "V3-A SM3 explicit headers",
			req: func(t *testing.T) *http.Request {
				t.Helper()
				u := "http://" + v3AHost + "/?" + v3AQuery().Encode()
				req, err := http.NewRequest("POST", u, nil)
				if err != nil {
					t.Fatalf("http.NewRequest(%q) error: %v", u, err)
				}
				req.Header = v3AHeader("")
				req.Header.Set("User-Agent", "not signed")
				return req
			},
			alg: AlgHMACSM3, ak: "YourAccessKeyId", secret: "YourAccessKeySecret",
			names: strings.Split(strings.ToUpper(v3ASignedHeaders), ";"),
			wantAuth: "ACS3-HMAC-SM3 Credential=YourAccessKeyId,SignedHeaders=" + v3ASignedHeaders +
				",Signature=19cac349828155410ebe3ae96f5732d62cefef94ce7df9b1623defdf9f5b7704",
		},
		{
			name: "V3-D default headers", req: newV3DRequest, body: v3DBody,
			alg: AlgHMACSHA256, ak: "testId", secret: "testSecret",
			wantAuth: "ACS3-HMAC-SHA256 Credential=testId,SignedHeaders=" + v3DSignedHeaders + ",Signature=" + v3DSignature,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := tt.req(t)
			auth, err := SignV3Request(req, []byte(tt.body), tt.alg, tt.ak, tt.secret, tt.names...)
			if err != nil {
				t.Fatalf("SignV3Request() error: %v", err)
			}
			if got := req.Header.Get("Authorization"); got != tt.wantAuth {
				t.Errorf("Authorization = %q, want %q", got, tt.wantAuth)
			}
			if got, want := req.Header.Get(HeaderContentSHA256), HashHex(tt.alg, []byte(tt.body)); got != want {
				t.Errorf("%s = %q, want %q", HeaderContentSHA256, got, want)
			}
			parsed, err := ParseAuthorization(req.Header.Get("Authorization"))
			if err != nil {
				t.Fatalf("ParseAuthorization() error: %v", err)
			}
			if !reflect.DeepEqual(parsed, auth) {
				t.Errorf("ParseAuthorization() = %+v, want %+v", parsed, auth)
			}
			if ok, cr, _ := VerifyV3Request(req, []byte(tt.body), parsed, tt.secret); !ok {
				t.Errorf("VerifyV3Request() ok = false, want true\ncanonical request:\n%s", cr)
			}
		})
	}
}

func TestSignV3RequestUnsupportedAlgorithm(t *testing.T) {
	req, err := http.NewRequest("POST", "http://h/", nil)
	if err != nil {
		t.Fatalf("http.NewRequest() error: %v", err)
	}
	if _, err := SignV3Request(req, nil, "ACS3-RSA-SHA256", "ak", "sk"); err == nil {
		t.Errorf("SignV3Request(ACS3-RSA-SHA256) error = nil, want an error")
	}
}

func TestVerifyV3Rejects(t *testing.T) {
	signed := func(t *testing.T) (*http.Request, Authorization) {
		t.Helper()
		req := newV3DRequest(t)
		auth, err := SignV3Request(req, []byte(v3DBody), AlgHMACSHA256, "testId", "testSecret")
		if err != nil {
			t.Fatalf("SignV3Request() error: %v", err)
		}
		if auth.Signature != v3DSignature {
			t.Fatalf("SignV3Request() signature = %q, want %q", auth.Signature, v3DSignature)
		}
		return req, auth
	}
	tests := []struct {
		name   string
		mutate func(req *http.Request, auth *Authorization, body *string, secret *string)
	}{
		{name: "tampered query value", mutate: func(r *http.Request, _ *Authorization, _, _ *string) {
			q := r.URL.Query()
			q.Set("RegionId", "cn-beijing")
			r.URL.RawQuery = q.Encode()
		}},
		{name: "added query param", mutate: func(r *http.Request, _ *Authorization, _, _ *string) { r.URL.RawQuery += "&X=1" }},
		{name: "tampered signed header", mutate: func(r *http.Request, _ *Authorization, _, _ *string) {
			r.Header.Set("x-acs-date", "2024-01-02T03:04:06Z")
		}},
		{name: "removed signed header", mutate: func(r *http.Request, _ *Authorization, _, _ *string) { r.Header.Del("x-acs-security-token") }},
		{name: "tampered host", mutate: func(r *http.Request, _ *Authorization, _, _ *string) { r.Host = "127.0.0.1:8081" }},
		{name: "tampered body", mutate: func(_ *http.Request, _ *Authorization, b, _ *string) { *b = strings.Replace(*b, "w", "v", 1) }},
		{name: "wrong secret", mutate: func(_ *http.Request, _ *Authorization, _, s *string) { *s = "testsecret" }},
		{name: "V1-style secret", mutate: func(_ *http.Request, _ *Authorization, _, s *string) { *s = "testSecret&" }},
		{name: "other algorithm", mutate: func(_ *http.Request, a *Authorization, _, _ *string) { a.Algorithm = AlgHMACSM3 }},
		{name: "unsupported algorithm", mutate: func(_ *http.Request, a *Authorization, _, _ *string) { a.Algorithm = "ACS3-HMAC-SHA1" }},
		{name: "uppercase hex", mutate: func(_ *http.Request, a *Authorization, _, _ *string) { a.Signature = strings.ToUpper(a.Signature) }},
		{name: "empty signature", mutate: func(_ *http.Request, a *Authorization, _, _ *string) { a.Signature = "" }},
		{name: "fewer signed headers", mutate: func(_ *http.Request, a *Authorization, _, _ *string) {
			a.SignedHeaders = a.SignedHeaders[1:]
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, auth := signed(t)
			body, secret := v3DBody, "testSecret"
			if ok, cr, _ := VerifyV3Request(req, []byte(body), auth, secret); !ok {
				t.Fatalf("VerifyV3Request(unmodified) ok = false, want true\n%s", cr)
			}
			tt.mutate(req, &auth, &body, &secret)
			if ok, cr, _ := VerifyV3Request(req, []byte(body), auth, secret); ok {
				t.Errorf("VerifyV3Request() ok = true, want false\ncanonical request:\n%s", cr)
			}
		})
	}
}

func TestParseAuthorization(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Authorization
	}{
		{
			name: "SDK form",
			in:   "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=" + v3ASignedHeaders + ",Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
			want: Authorization{
				Algorithm: AlgHMACSHA256, AccessKeyId: "YourAccessKeyId",
				SignedHeaders: strings.Split(v3ASignedHeaders, ";"),
				Signature:     "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
			},
		},
		{
			name: "spaces after commas, SM3, padding",
			in:   "  ACS3-HMAC-SM3  Credential=ak, SignedHeaders=host;x-acs-date ,  Signature=ab  ",
			want: Authorization{Algorithm: AlgHMACSM3, AccessKeyId: "ak", SignedHeaders: []string{"host", "x-acs-date"}, Signature: "ab"},
		},
		{
			name: "any order, unknown part, lowercase part names",
			in:   "ACS3-HMAC-SHA256 signature=ab,Extra=1,signedheaders=host,credential=ak",
			want: Authorization{Algorithm: AlgHMACSHA256, AccessKeyId: "ak", SignedHeaders: []string{"host"}, Signature: "ab"},
		},
		{
			name: "value containing =",
			in:   "ACS3-HMAC-SHA256 Credential=a=b,SignedHeaders=host,Signature=ab",
			want: Authorization{Algorithm: AlgHMACSHA256, AccessKeyId: "a=b", SignedHeaders: []string{"host"}, Signature: "ab"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseAuthorization(tt.in)
			if err != nil {
				t.Fatalf("ParseAuthorization(%q) error: %v", tt.in, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseAuthorization(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseAuthorizationErrors(t *testing.T) {
	const ok = "Credential=ak,SignedHeaders=host,Signature=ab"
	tests := []struct {
		name string
		in   string
	}{
		{name: "empty", in: ""},
		{name: "algorithm only", in: "ACS3-HMAC-SHA256"},
		{name: "RSA unsupported", in: "ACS3-RSA-SHA256 " + ok},
		{name: "lowercase algorithm", in: "acs3-hmac-sha256 " + ok},
		{name: "bearer", in: "Bearer abc"},
		{name: "V4", in: "ACS4-HMAC-SHA256 " + ok},
		{name: "missing Credential", in: "ACS3-HMAC-SHA256 SignedHeaders=host,Signature=ab"},
		{name: "empty Credential", in: "ACS3-HMAC-SHA256 Credential=,SignedHeaders=host,Signature=ab"},
		{name: "missing SignedHeaders", in: "ACS3-HMAC-SHA256 Credential=ak,Signature=ab"},
		{name: "empty SignedHeaders", in: "ACS3-HMAC-SHA256 Credential=ak,SignedHeaders= ,Signature=ab"},
		{name: "empty name in SignedHeaders", in: "ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=host;;x-acs-date,Signature=ab"},
		{name: "missing Signature", in: "ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=host"},
		{name: "empty Signature", in: "ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=host,Signature="},
		{name: "part without =", in: "ACS3-HMAC-SHA256 Credential=ak,SignedHeaders,Signature=ab"},
		{name: "trailing comma", in: "ACS3-HMAC-SHA256 " + ok + ","},
		{name: "duplicate Signature", in: "ACS3-HMAC-SHA256 " + ok + ",Signature=cd"},
		{name: "comma instead of space", in: "ACS3-HMAC-SHA256," + ok},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseAuthorization(tt.in)
			if !errors.Is(err, ErrIncompleteSignature) {
				t.Errorf("ParseAuthorization(%q) = %+v, %v; want error wrapping ErrIncompleteSignature", tt.in, got, err)
			}
		})
	}
}

func TestAuthorizationString(t *testing.T) {
	a := Authorization{Algorithm: AlgHMACSHA256, AccessKeyId: "ak", SignedHeaders: []string{"host", "x-acs-date"}, Signature: "ab"}
	const want = "ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=host;x-acs-date,Signature=ab"
	if got := a.String(); got != want {
		t.Errorf("Authorization.String() = %q, want %q", got, want)
	}
}

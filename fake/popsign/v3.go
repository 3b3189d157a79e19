package popsign

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/tjfoc/gmsm/sm3"
)

// HeaderContentSHA256 is the V3 header carrying the hex hash of the body
// (SM3 under [AlgHMACSM3], despite its name).
const HeaderContentSHA256 = "x-acs-content-sha256"

// hashFor returns the hash constructor of a V3 algorithm: SM3 for
// AlgHMACSM3, SHA-256 otherwise.
func hashFor(alg string) func() hash.Hash {
	if alg == AlgHMACSM3 {
		return sm3.New
	}
	return sha256.New
}

// HashHex returns the lowercase hex digest of data under alg's hash: SM3 for
// [AlgHMACSM3], SHA-256 for anything else. It gives both the payload hash
// (x-acs-content-sha256) and the hash of the canonical request.
func HashHex(alg string, data []byte) string {
	h := hashFor(alg)()
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

// V3CanonicalRequest builds the V3 canonical request (docs/fidelity.md "Signatures"):
//
//	method \n canonicalURI \n canonicalQuery \n canonicalHeaders \n signedHeaders \n hashedPayload
//
// path is the request path as sent ("" becomes "/"). The canonical query is
// built from the decoded URL query only (never the form body): names and
// values encoded with [PercentEncode], sorted by name, then by value, empty
// values as "k=". The canonical headers list exactly the signedHeaders, in
// the order given and lowercased, as "name:value\n" lines; the header map is
// searched case-insensitively, each value is trimmed, and several values
// are sorted and joined with ','. The host header's value is the host
// argument (Go keeps it in http.Request.Host, not in the header map); when
// host is "" the header map is searched instead. hashedPayload is the hex
// hash of the body, see [HashHex].
func V3CanonicalRequest(method, path string, query url.Values, header http.Header, host string, signedHeaders []string, hashedPayload string) string {
	if path == "" {
		path = "/"
	}
	var b strings.Builder
	b.WriteString(method)
	b.WriteByte('\n')
	b.WriteString(path)
	b.WriteByte('\n')
	b.WriteString(canonicalQuery(query, ""))
	b.WriteByte('\n')
	for _, name := range signedHeaders {
		name = strings.ToLower(name)
		b.WriteString(name)
		b.WriteByte(':')
		b.WriteString(headerValue(header, host, name))
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	for i, name := range signedHeaders {
		if i > 0 {
			b.WriteByte(';')
		}
		b.WriteString(strings.ToLower(name))
	}
	b.WriteByte('\n')
	b.WriteString(hashedPayload)
	return b.String()
}

// headerValue returns the canonical value of the lowercase header name:
// every value under any spelling of name, trimmed, sorted, joined with ','.
func headerValue(header http.Header, host, name string) string {
	if name == "host" && host != "" {
		return strings.TrimSpace(host)
	}
	var vals []string
	for k, vs := range header {
		if strings.EqualFold(k, name) {
			for _, v := range vs {
				vals = append(vals, strings.TrimSpace(v))
			}
		}
	}
	if len(vals) == 1 {
		return vals[0]
	}
	slices.Sort(vals)
	return strings.Join(vals, ",")
}

// V3StringToSign returns alg + "\n" + HashHex(alg, canonicalRequest).
func V3StringToSign(alg, canonicalRequest string) string {
	return alg + "\n" + HashHex(alg, []byte(canonicalRequest))
}

// V3Sign returns the lowercase hex HMAC of stringToSign keyed with the plain
// secret (no trailing '&', unlike V1): HMAC-SM3 for [AlgHMACSM3],
// HMAC-SHA256 for anything else.
func V3Sign(alg, secret, stringToSign string) string {
	m := hmac.New(hashFor(alg), []byte(secret))
	m.Write([]byte(stringToSign))
	return hex.EncodeToString(m.Sum(nil))
}

// VerifyV3 reports whether auth.Signature is the correct V3 signature of the
// request described by the other arguments (see [V3CanonicalRequest]; the
// payload hash is computed from body) under secret. It also returns the
// canonical request and its hex hash as the server computed them, so that a
// SignatureDoesNotMatch error can show them. An algorithm outside
// [SupportedAlgorithm] never verifies. The comparison is constant time.
//
// VerifyV3 does not compare body's hash with the x-acs-content-sha256
// header (the header is covered by the signature when signed), nor check
// which headers are signed, x-acs-date or the nonce: those are the caller's
// policy.
func VerifyV3(auth Authorization, method, path string, query url.Values, header http.Header, host string, body []byte, secret string) (ok bool, canonicalRequest, canonicalRequestHash string) {
	canonicalRequest = V3CanonicalRequest(method, path, query, header, host, auth.SignedHeaders, HashHex(auth.Algorithm, body))
	canonicalRequestHash = HashHex(auth.Algorithm, []byte(canonicalRequest))
	if !SupportedAlgorithm(auth.Algorithm) || auth.Signature == "" {
		return false, canonicalRequest, canonicalRequestHash
	}
	want := V3Sign(auth.Algorithm, secret, auth.Algorithm+"\n"+canonicalRequestHash)
	return hmac.Equal([]byte(auth.Signature), []byte(want)), canonicalRequest, canonicalRequestHash
}

// VerifyV3Request is [VerifyV3] for a received *http.Request whose body has
// already been read into body: it uses r.Method, r.URL.EscapedPath(),
// r.URL.Query(), r.Header and r.Host.
func VerifyV3Request(r *http.Request, body []byte, auth Authorization, secret string) (ok bool, canonicalRequest, canonicalRequestHash string) {
	return VerifyV3(auth, r.Method, r.URL.EscapedPath(), r.URL.Query(), r.Header, r.Host, body, secret)
}

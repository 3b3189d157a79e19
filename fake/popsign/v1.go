package popsign

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"net/url"
)

// V1 parameter names and values with a fixed meaning in the V1 scheme
// (docs/fidelity.md "Signatures").
const (
	// V1SignatureParam is the parameter carrying the Base64 signature; it
	// is the only parameter not covered by the signature.
	V1SignatureParam = "Signature"
	// V1SignatureMethod is the only SignatureMethod value the fake accepts.
	V1SignatureMethod = "HMAC-SHA1"
	// V1SignatureVersion is the SignatureVersion value SDKs send with V1.
	V1SignatureVersion = "1.0"
)

// V1StringToSign returns the V1 string-to-sign for a request with the given
// HTTP method and decoded parameters (docs/fidelity.md "Signatures"): every parameter
// except Signature, sorted by name in byte order (a repeated name
// contributes each value, sorted by value), names and values encoded with
// [PercentEncode] and joined as k=v pairs with '&' (an empty value gives
// "k="); the result is method + "&%2F&" + PercentEncode(joined pairs).
//
// params must hold the merged URL query and form body, already decoded. The
// method is used as given (the SDK's own unit vector signs with method "").
func V1StringToSign(method string, params url.Values) string {
	sc := v1Pool.Get().(*v1Scratch)
	sc.appendV1StringToSign(method, params)
	s := string(sc.buf)
	putV1Scratch(sc)
	return s
}

// V1Sign returns Base64(HMAC-SHA1(key = secret + "&", stringToSign)), the V1
// signature (docs/fidelity.md "Signatures" step 6). The trailing '&' on the key is
// part of the scheme.
func V1Sign(secret, stringToSign string) string {
	m := hmac.New(sha1.New, []byte(secret+"&"))
	m.Write([]byte(stringToSign))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// VerifyV1 reports whether params (decoded, query merged with any form body)
// carry a correct V1 Signature for method and secret. It also returns the
// string-to-sign the server computed, which SignatureDoesNotMatch errors echo
// so users can debug their client. The comparison is constant time. A
// missing or empty Signature never verifies.
func VerifyV1(method string, params url.Values, secret string) (ok bool, stringToSign string) {
	ok, sc := verifyV1Fast(method, params, secret, params.Get(V1SignatureParam))
	stringToSign = string(sc.buf)
	putV1Scratch(sc)
	return ok, stringToSign
}

// CheckV1 is VerifyV1 for the hot path: it builds the string-to-sign only
// when the signature does not match (stringToSign is "" when ok).
func CheckV1(method string, params url.Values, secret string) (ok bool, stringToSign string) {
	ok, sc := verifyV1Fast(method, params, secret, params.Get(V1SignatureParam))
	if !ok {
		stringToSign = string(sc.buf)
	}
	putV1Scratch(sc)
	return ok, stringToSign
}

// SignV1Params is the client-side counterpart of [VerifyV1], for tests: it
// replaces any Signature in params with the V1 signature of the remaining
// parameters and returns it. It does not add the other common parameters
// (AccessKeyId, SignatureMethod, SignatureNonce, Timestamp, ...); set those
// first, since they are signed.
func SignV1Params(method string, params url.Values, secret string) string {
	params.Del(V1SignatureParam)
	sc := v1Pool.Get().(*v1Scratch)
	sc.appendV1StringToSign(method, params)
	m := hmac.New(sha1.New, []byte(secret+"&"))
	m.Write(sc.buf)
	putV1Scratch(sc)
	sig := base64.StdEncoding.EncodeToString(m.Sum(nil))
	params.Set(V1SignatureParam, sig)
	return sig
}

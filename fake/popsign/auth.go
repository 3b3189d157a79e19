package popsign

import (
	"errors"
	"fmt"
	"strings"
)

// V3 algorithm names as they appear at the start of the Authorization
// header (docs/fidelity.md "Signatures").
const (
	// AlgHMACSHA256 is the SDK default: SHA-256 hashes, HMAC-SHA256 signature.
	AlgHMACSHA256 = "ACS3-HMAC-SHA256"
	// AlgHMACSM3 uses SM3 hashes and an HMAC-SM3 signature.
	AlgHMACSM3 = "ACS3-HMAC-SM3"
)

// ErrIncompleteSignature is the error (possibly wrapped, test with
// errors.Is) that [ParseAuthorization] returns for an Authorization header
// it cannot use: unsupported algorithm, missing or empty Credential,
// SignedHeaders or Signature, or a malformed part. The gateway answers such
// requests with HTTP 400 IncompleteSignature (docs/fidelity.md "Signatures").
var ErrIncompleteSignature = errors.New("incomplete signature")

// Authorization is a parsed V3 Authorization header:
//
//	ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<h1;h2;...>,Signature=<hex>
type Authorization struct {
	Algorithm     string   // AlgHMACSHA256 or AlgHMACSM3
	AccessKeyId   string   // the Credential part
	SignedHeaders []string // header names in the order sent (SDKs send them lowercase, sorted)
	Signature     string   // lowercase hex, as sent
}

// String formats a as an Authorization header value, the way the SDKs do
// (no spaces after the commas).
func (a Authorization) String() string {
	return a.Algorithm + " Credential=" + a.AccessKeyId +
		",SignedHeaders=" + strings.Join(a.SignedHeaders, ";") +
		",Signature=" + a.Signature
}

// SupportedAlgorithm reports whether alg is a V3 algorithm this package can
// verify: [AlgHMACSHA256] or [AlgHMACSM3] (exact spelling).
func SupportedAlgorithm(alg string) bool {
	return alg == AlgHMACSHA256 || alg == AlgHMACSM3
}

// ParseAuthorization parses a V3 Authorization header value (docs/fidelity.md "Signatures"). It tolerates spaces around the comma-separated parts, matches
// the part names case-insensitively and ignores unknown parts. Every error
// wraps [ErrIncompleteSignature]: the algorithm is not one of
// [SupportedAlgorithm]'s, a part lacks '=', a part appears twice, one of
// Credential, SignedHeaders or Signature is missing or empty, or
// SignedHeaders has an empty name.
func ParseAuthorization(h string) (Authorization, error) {
	var a Authorization
	alg, rest, _ := strings.Cut(strings.TrimSpace(h), " ")
	if !SupportedAlgorithm(alg) {
		return Authorization{}, fmt.Errorf("%w: unsupported algorithm %q", ErrIncompleteSignature, alg)
	}
	a.Algorithm = alg
	var seenCred, seenSH, seenSig bool
	var signedHeaders string
	for part := range strings.SplitSeq(rest, ",") {
		part = strings.TrimSpace(part)
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			return Authorization{}, fmt.Errorf("%w: malformed part %q", ErrIncompleteSignature, part)
		}
		var seen *bool
		switch k = strings.TrimSpace(k); {
		case strings.EqualFold(k, "Credential"):
			seen, a.AccessKeyId = &seenCred, strings.TrimSpace(v)
		case strings.EqualFold(k, "SignedHeaders"):
			seen, signedHeaders = &seenSH, strings.TrimSpace(v)
		case strings.EqualFold(k, "Signature"):
			seen, a.Signature = &seenSig, strings.TrimSpace(v)
		default:
			continue
		}
		if *seen {
			return Authorization{}, fmt.Errorf("%w: duplicate %s", ErrIncompleteSignature, k)
		}
		*seen = true
	}
	switch {
	case a.AccessKeyId == "":
		return Authorization{}, fmt.Errorf("%w: missing Credential", ErrIncompleteSignature)
	case signedHeaders == "":
		return Authorization{}, fmt.Errorf("%w: missing SignedHeaders", ErrIncompleteSignature)
	case a.Signature == "":
		return Authorization{}, fmt.Errorf("%w: missing Signature", ErrIncompleteSignature)
	}
	for name := range strings.SplitSeq(signedHeaders, ";") {
		name = strings.TrimSpace(name)
		if name == "" {
			return Authorization{}, fmt.Errorf("%w: empty name in SignedHeaders", ErrIncompleteSignature)
		}
		a.SignedHeaders = append(a.SignedHeaders, name)
	}
	return a, nil
}

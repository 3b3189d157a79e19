package popsign

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// SignV3Request is the client-side counterpart of [VerifyV3], for tests. It
// signs req as the Tea SDKs do (docs/fidelity.md "Signatures") and returns the
// Authorization it set:
//
//   - it sets x-acs-content-sha256 to HashHex(alg, body);
//   - it signs the headers named in signedHeaderNames (lowercased, in the
//     order given) or, when none are given, the SDK's set: host,
//     content-type and every x-acs-* header present, sorted;
//   - the host value is req.Host, or req.URL.Host when req.Host is empty;
//   - it sets the Authorization header to the [Authorization.String] form.
//
// The caller sets everything else first, since the default set signs them:
// x-acs-action, x-acs-version, x-acs-date, x-acs-signature-nonce, any
// content-type, and the URL query. body must be the exact bytes req will
// send; SignV3Request does not read or replace req.Body. The only error is
// an algorithm outside [SupportedAlgorithm].
func SignV3Request(req *http.Request, body []byte, alg, ak, secret string, signedHeaderNames ...string) (Authorization, error) {
	if !SupportedAlgorithm(alg) {
		return Authorization{}, fmt.Errorf("popsign: unsupported algorithm %q", alg)
	}
	if req.Header == nil {
		req.Header = make(http.Header)
	}
	payloadHash := HashHex(alg, body)
	req.Header.Set(HeaderContentSHA256, payloadHash)
	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	// A capacity hint (the header set above makes len(req.Header) >= 1):
	// "+1" → "-1" is an equivalent mutant.
	names := make([]string, 0, len(req.Header)+1)
	if len(signedHeaderNames) > 0 {
		for _, n := range signedHeaderNames {
			names = append(names, strings.ToLower(n))
		}
	} else {
		names = append(names, "host")
		for k := range req.Header {
			k = strings.ToLower(k)
			if k == "content-type" || strings.HasPrefix(k, "x-acs-") {
				names = append(names, k)
			}
		}
		slices.Sort(names)
		names = slices.Compact(names)
	}
	cr := V3CanonicalRequest(req.Method, req.URL.EscapedPath(), req.URL.Query(), req.Header, host, names, payloadHash)
	auth := Authorization{
		Algorithm:     alg,
		AccessKeyId:   ak,
		SignedHeaders: names,
		Signature:     V3Sign(alg, secret, V3StringToSign(alg, cr)),
	}
	req.Header.Set("Authorization", auth.String())
	return auth, nil
}

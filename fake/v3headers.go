package fake

import (
	"net/http"
	"slices"
	"strings"
)

// checkSignedHeaders enforces the V3 rule that every common header a
// request carries is signed (docs/fidelity.md "V3 signed headers"): host
// and every x-acs-* header present (x-acs-action, x-acs-version, x-acs-date,
// x-acs-signature-nonce, x-acs-content-sha256, x-acs-security-token, …)
// must be listed in SignedHeaders, else 400 IncompleteSignature naming the
// first missing one in byte order. Content-Type may stay unsigned: clients
// written from the V3 documentation's fixed example, which signs
// host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,
// send their HTTP library's Content-Type unsigned.
func checkSignedHeaders(r *http.Request, signed []string) error {
	if !containsFold(signed, "host") {
		return incomplete("SignedHeaders must include host")
	}
	var missing []string
	for k := range r.Header {
		if lk := strings.ToLower(k); strings.HasPrefix(lk, "x-acs-") && !containsFold(signed, lk) {
			missing = append(missing, lk)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	slices.Sort(missing)
	return incomplete("SignedHeaders must include " + missing[0] + ", which the request carries")
}

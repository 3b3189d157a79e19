package fake

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/icefake/icefake/fake/popsign"
)

// DefaultClockSkew is how far a request's Timestamp (V1) or x-acs-date (V3)
// may be from real time (docs/fidelity.md "Signatures": 15 minutes, both ways).
const DefaultClockSkew = 15 * time.Minute

// authResult is the verdict of the authentication step.
type authResult struct {
	tenant  string
	verdict string // for the journal, e.g. "V1 ok", "V3 ACS3-HMAC-SHA256 ok"
}

// authenticate verifies the request's signature (pipeline step 2) and names
// its tenant. In AuthLog mode a failure is journalled, not returned; in
// AuthOff mode nothing is checked. For an anonymous Action (the SDK sends it
// unsigned) an unsigned call passes with no tenant and the verdict
// "anonymous"; a signed one is verified as any other (docs/fidelity.md
// "Anonymous Actions").
func (s *Server) authenticate(r *http.Request, env *envelope, anonymous bool) (authResult, error) {
	ak := accessKeyID(r, env)
	if s.cfg.authMode == AuthOff {
		if ak == "" {
			ak = DefaultAccessKeyId // unsigned requests act as the default tenant
		}
		return authResult{tenant: ak, verdict: "off"}, nil
	}
	// The gateway decodes parameters as UTF-8 before signing (docs/fidelity.md
	// "Fidelity: invalid UTF-8 in parameters"); the API then sees those values.
	env.params = gatewayUTF8(env.params)
	if anonymous && unsigned(r, env) {
		return authResult{verdict: verdictAnonymous}, nil
	}
	var (
		cred Credential
		err  error
		kind string
	)
	if env.v3 {
		kind = "V3"
		cred, kind, err = s.verifyV3(r, env)
	} else {
		kind = "V1"
		cred, err = s.verifyV1(r, env)
	}
	if err != nil {
		var ae *APIError
		verdict := kind + " " + err.Error()
		if errors.As(err, &ae) {
			verdict = kind + " " + string(ae.Code) + ": " + firstNonEmpty(ae.Explain, ae.Message)
		}
		if s.cfg.authMode == AuthLog {
			return authResult{tenant: ak, verdict: "log: would reject: " + verdict}, nil
		}
		return authResult{tenant: ak, verdict: verdict}, err
	}
	verdict := verdictV1OK // a constant: no string built per V1 call
	if kind != "V1" {
		verdict = kind + " ok"
	}
	return authResult{tenant: cred.tenant(), verdict: verdict}, nil
}

const verdictV1OK = "V1 ok"

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// verifyV1 checks an RPC V1 (HMAC-SHA1) request (docs/fidelity.md "Signatures").
func (s *Server) verifyV1(r *http.Request, env *envelope) (Credential, error) {
	p := env.params
	ak := p.Get("AccessKeyId")
	switch {
	case ak == "":
		e := NewError("MissingAccessKeyId")
		e.Explain = "unsigned request: sign it (V1 or V3) with an accepted credential, or run icefake with -auth-mode off"
		return Credential{}, e
	case p.Get("Signature") == "":
		e := NewError("MissingSignature")
		e.Explain = "unsigned request: sign it (V1 or V3) with an accepted credential, or run icefake with -auth-mode off"
		return Credential{}, e
	}
	if m := p.Get("SignatureMethod"); m != "" && m != popsign.V1SignatureMethod {
		return Credential{}, incomplete(fmt.Sprintf("SignatureMethod %q is not supported; use HMAC-SHA1", m))
	}
	if v := p.Get("SignatureVersion"); v != "" && v != popsign.V1SignatureVersion {
		return Credential{}, incomplete(fmt.Sprintf("SignatureVersion %q is not supported; use 1.0", v))
	}
	stamp, err := s.checkTimestamp(p.Get("Timestamp"), "Timestamp")
	if err != nil {
		return Credential{}, err
	}
	nonce := p.Get("SignatureNonce")
	if nonce == "" {
		return Credential{}, NewError("MissingSignatureNonce")
	}
	cred, err := s.credential(ak, p.Get("SecurityToken"))
	if err != nil {
		return Credential{}, err
	}
	ok, sts := popsign.CheckV1Sorted(r.Method, p, cred.AccessKeySecret)
	if !ok {
		e := NewError("SignatureDoesNotMatch")
		e.Message += " server string to sign is:" + sts
		e.Explain = "V1 signature mismatch; server string to sign: " + sts
		return Credential{}, e
	}
	return cred, s.useNonce(ak, nonce, stamp)
}

// verifyV3 checks an ACS3-HMAC-SHA256 / ACS3-HMAC-SM3 request
// (docs/fidelity.md "Signatures").
func (s *Server) verifyV3(r *http.Request, env *envelope) (Credential, string, error) {
	auth, err := popsign.ParseAuthorization(r.Header.Get("Authorization"))
	if err != nil {
		return Credential{}, "V3", incomplete(err.Error())
	}
	kind := "V3 " + auth.Algorithm
	if err := checkSignedHeaders(r, auth.SignedHeaders); err != nil {
		return Credential{}, kind, err
	}
	stamp, err := s.checkTimestamp(r.Header.Get("x-acs-date"), "x-acs-date")
	if err != nil {
		return Credential{}, kind, err
	}
	nonce := r.Header.Get("x-acs-signature-nonce")
	if nonce == "" {
		return Credential{}, kind, NewError("MissingSignatureNonce")
	}
	cred, err := s.credential(auth.AccessKeyId, r.Header.Get("x-acs-security-token"))
	if err != nil {
		return Credential{}, kind, err
	}
	bodyHash := popsign.HashHex(auth.Algorithm, env.body)
	if got := r.Header.Get(popsign.HeaderContentSHA256); got != bodyHash {
		e := NewError("SignatureDoesNotMatch")
		e.Message += fmt.Sprintf(" x-acs-content-sha256 is %q, the body hashes to %q.", got, bodyHash)
		e.Explain = "V3 payload hash mismatch"
		return Credential{}, kind, e
	}
	query, _ := url.ParseQuery(r.URL.RawQuery) // parsed before; cannot fail here
	query = gatewayUTF8(paramListOf(query)).values()
	ok, cr, crHash := popsign.VerifyV3(auth, r.Method, r.URL.EscapedPath(), query, r.Header, r.Host, env.body, cred.AccessKeySecret)
	if !ok {
		e := NewError("SignatureDoesNotMatch")
		// The gateway echoes its string-to-sign, newline included
		// (https://github.com/aliyun/alibabacloud-csharp-sdk/issues/40;
		// docs/fidelity.md "Fidelity: V3 SignatureDoesNotMatch wording").
		e.Message += " server StringToSign is [" + auth.Algorithm + "\n" + crHash + "]"
		e.Explain = "V3 signature mismatch; server CanonicalRequest: " + strings.ReplaceAll(cr, "\n", `\n`)
		return Credential{}, kind, e
	}
	return cred, kind, s.useNonce(auth.AccessKeyId, nonce, stamp)
}

func incomplete(detail string) *APIError {
	e := NewError("IncompleteSignature")
	e.Message += " " + detail
	e.Explain = detail
	return e
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// checkTimestamp enforces the ISO-8601 UTC format and the ±15-minute window
// against REAL time (never the virtual clock), and returns the time.
func (s *Server) checkTimestamp(v, name string) (time.Time, error) {
	if v == "" {
		e := NewError("MissingTimestamp")
		if name != "Timestamp" {
			e.Message = name + " is mandatory for this action."
		}
		return time.Time{}, e
	}
	t, err := time.Parse("2006-01-02T15:04:05Z", v)
	if err != nil {
		e := NewError("InvalidTimeStamp.Format")
		e.Explain = fmt.Sprintf("%s %q is not yyyy-MM-ddTHH:mm:ssZ", name, v)
		return time.Time{}, e
	}
	if d := s.cfg.realNow().Sub(t); d > s.cfg.clockSkew || d < -s.cfg.clockSkew {
		e := NewError("InvalidTimeStamp.Expired")
		e.Explain = fmt.Sprintf("%s %s is %s away from the server's real time (allowed ±%s)", name, v, d.Round(time.Second), s.cfg.clockSkew)
		return time.Time{}, e
	}
	return t, nil
}

// credential finds ak and checks the STS SecurityToken rules.
func (s *Server) credential(ak, token string) (Credential, error) {
	cred, ok := s.keys.get(ak)
	if !ok {
		e := NewError("InvalidAccessKeyId.NotFound")
		e.Explain = "AccessKeyId " + ak + " is not configured (see -access-key / WithCredentials)"
		return Credential{}, e
	}
	switch {
	case cred.SecurityToken == "" && token == "":
		return cred, nil
	case cred.SecurityToken == "":
		return Credential{}, NewError("InvalidSecurityToken.MismatchWithAccessKey")
	case token == "":
		return Credential{}, NewError("MissingSecurityToken")
	case token != cred.SecurityToken:
		if s.keys.tokenKnown(token) {
			return Credential{}, NewError("InvalidSecurityToken.MismatchWithAccessKey")
		}
		return Credential{}, NewError("InvalidSecurityToken.Malformed")
	case !cred.Expiration.IsZero() && s.cfg.realNow().After(cred.Expiration):
		return Credential{}, NewError("InvalidSecurityToken.Expired")
	}
	return cred, nil
}

// useNonce rejects a SignatureNonce seen within the window for this key,
// and, once the bounded cache has had to forget unexpired nonces, a request
// signed no later than the newest one forgotten (docs/fidelity.md "Nonce
// cache").
func (s *Server) useNonce(ak, nonce string, stamp time.Time) error {
	switch s.nonces.use(ak, nonce, stamp, s.cfg.realNow()) {
	case nonceUsed:
		e := NewError("SignatureNonceUsed")
		e.Explain = "SignatureNonce " + nonce + " was already used by " + ak
		return e
	case nonceTooOld:
		e := NewError("SignatureNonceUsed")
		e.Explain = "the nonce cache is full and has forgotten nonces signed at or after " + stamp.UTC().Format(time.RFC3339) +
			"; a request signed that early may be a replay (docs/fidelity.md \"Nonce cache\"; -nonce-cache-size)"
		return e
	}
	return nil
}

// verdictAnonymous is the journal's auth verdict for an unsigned call of an
// anonymous Action.
const verdictAnonymous = "anonymous"

// unsigned reports whether a request carries nothing of a signature: no
// Authorization header (V3) and none of V1's AccessKeyId, Signature and
// SecurityToken. The SDK sends an AuthType Anonymous Action so (it still
// adds Timestamp and SignatureNonce, which are then not checked).
func unsigned(r *http.Request, env *envelope) bool {
	p := env.params
	return !env.v3 && r.Header.Get("Authorization") == "" &&
		p.Get("AccessKeyId") == "" && p.Get("Signature") == "" && p.Get("SecurityToken") == ""
}

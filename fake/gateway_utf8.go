package fake

import (
	"strings"
	"unicode/utf8"

	"github.com/icefake/icefake/fake/popsign"
)

// gatewayUTF8 returns params as the POP gateway reads them before it
// computes its string-to-sign: every name and value decoded as UTF-8, each
// byte that does not start a valid UTF-8 sequence replaced by U+FFFD (so the
// GBK bytes B2 E2 CA D4 become four U+FFFD). A client that signed the raw
// bytes then gets SignatureDoesNotMatch, its echo showing %25EF%25BF%25BD
// where its bytes were, as in the public capture
// https://github.com/aliyun/alibaba-cloud-sdk-go/issues/87
// (docs/fidelity.md "Fidelity: invalid UTF-8 in parameters").
//
// params is returned unchanged (not copied) when everything is valid UTF-8,
// the common case.
func gatewayUTF8(params paramList) paramList {
	if allUTF8(params) {
		return params
	}
	out := make(paramList, len(params))
	for i, p := range params {
		out[i] = popsign.Param{Name: replaceInvalidUTF8(p.Name), Value: replaceInvalidUTF8(p.Value)}
	}
	// Two names may now be one, or sort differently.
	sortParams(out)
	return out
}

func allUTF8(params paramList) bool {
	for _, p := range params {
		if !utf8.ValidString(p.Name) || !utf8.ValidString(p.Value) {
			return false
		}
	}
	return true
}

// replaceInvalidUTF8 replaces each invalid byte of s with U+FFFD (one per
// byte, as a range loop decodes, and as Java's UTF-8 decoder does for these
// inputs; strings.ToValidUTF8 would merge a run into one).
func replaceInvalidUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		b.WriteRune(r) // an invalid byte decodes as utf8.RuneError, U+FFFD
	}
	return b.String()
}

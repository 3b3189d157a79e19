package popsign

import (
	"slices"
	"strings"
)

const upperHex = "0123456789ABCDEF"

// PercentEncode encodes s as the POP signatures require (docs/fidelity.md "Signatures"): the RFC 3986 unreserved bytes A-Z a-z 0-9 '-' '_' '.' '~' stay
// literal and every other byte of the UTF-8 input becomes %XX with uppercase
// hex. A space is therefore "%20" (never "+"), '*' is "%2A" and '~' stays '~'.
func PercentEncode(s string) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if !unreserved(s[i]) {
			n++
		}
	}
	if n == 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 2*n) // a hint: "2*n" → "2/n" is an equivalent mutant
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(upperHex[c>>4])
		b.WriteByte(upperHex[c&0x0F])
	}
	return b.String()
}

func unreserved(c byte) bool {
	switch {
	case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		return true
	case c == '-', c == '_', c == '.', c == '~':
		return true
	}
	return false
}

// canonicalQuery returns the sorted "k=v&k=v" form of params with names and
// values run through PercentEncode. Names sort in byte order of their raw
// (decoded) form; values of a repeated name sort by raw value. A name equal
// to skip is left out (pass "" to keep everything).
func canonicalQuery(params map[string][]string, skip string) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		if k != skip || skip == "" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var b strings.Builder
	for _, k := range keys {
		vs := params[k]
		if len(vs) > 1 { // "> 1" → ">= 1" is an equivalent mutant: one value needs no sort
			vs = append([]string(nil), vs...)
			slices.Sort(vs)
		}
		ek := PercentEncode(k)
		for _, v := range vs {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(ek)
			b.WriteByte('=')
			b.WriteString(PercentEncode(v))
		}
	}
	return b.String()
}

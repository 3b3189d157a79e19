// Package jsonquote appends a Go string as a quoted JSON string, byte for
// byte as one of the standard library's encoders writes it, without
// reflection or allocation. The hot path's hand-written encoders (the
// project body in package fake, the request log line in cmd/icefake) share
// it; each keeps a differential test against the encoder it copies.
package jsonquote

import "unicode/utf8"

// Style names the encoder whose escaping Append copies.
type Style uint8

const (
	// Slog escapes as log/slog's JSON handler: `\"`, `\\`, `\n`, `\r`, `\t`,
	// other control bytes as \u00XX; no HTML escaping.
	Slog Style = iota
	// EncodingJSON escapes as encoding/json's Marshal: Slog's rules plus
	// `\b`, `\f`, and <, >, & as \u003c, \u003e, \u0026.
	EncodingJSON
)

const hex = "0123456789abcdef"

// Append appends s to dst as a quoted JSON string in the given style.
// Invalid UTF-8 becomes \ufffd and U+2028/U+2029 are escaped, as both
// encoders do.
func Append(dst []byte, s string, style Style) []byte {
	html := style == EncodingJSON
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' && (!html || (b != '<' && b != '>' && b != '&')) {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch {
			case b == '\\' || b == '"':
				dst = append(dst, '\\', b)
			case b == '\n':
				dst = append(dst, '\\', 'n')
			case b == '\r':
				dst = append(dst, '\\', 'r')
			case b == '\t':
				dst = append(dst, '\\', 't')
			case html && b == '\b':
				dst = append(dst, '\\', 'b')
			case html && b == '\f':
				dst = append(dst, '\\', 'f')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case c == '\u2028' || c == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[c&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

package fake

import (
	"net/url"
	"strings"
	"unsafe"

	"github.com/icefake/icefake/fake/popsign"
)

// maxFastQueryParams is the most '&'-separated pieces parseQuery handles
// itself; more go to url.ParseQuery (which also enforces its own limit).
const maxFastQueryParams = 64

// parseQuery is url.ParseQuery returning a paramList (docs/architecture.md
// "Performance"): no map, one slice sized once. Anything unusual — a ';', a
// malformed escape, more than maxFastQueryParams pieces — goes to
// url.ParseQuery, so values and errors are always url.ParseQuery's
// (TestParseQueryAgreesWithURL, FuzzParseQuery).
func parseQuery(query string) (paramList, error) {
	pieces := strings.Count(query, "&") + 1
	if pieces > maxFastQueryParams || strings.IndexByte(query, ';') >= 0 {
		return slowParseQuery(query)
	}
	l := make(paramList, 0, pieces)
	// Decoded names and values share one buffer, allocated once at the
	// first that needs decoding, sized for all of them (each %XX decodes to
	// one byte; were the size short, append would move on to a new array
	// and the strings made so far would keep the old one, which is never
	// written again).
	var buf []byte
	size := 0
	for rest := query; rest != ""; {
		var pair string
		pair, rest, _ = strings.Cut(rest, "&")
		k, v, _ := strings.Cut(pair, "=")
		size += decodedLen(k) + decodedLen(v)
	}
	for rest := query; rest != ""; {
		var pair string
		pair, rest, _ = strings.Cut(rest, "&")
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		var ok bool
		if k, buf, ok = queryUnescapeInto(buf, size, k); !ok {
			return slowParseQuery(query)
		}
		if v, buf, ok = queryUnescapeInto(buf, size, v); !ok {
			return slowParseQuery(query)
		}
		l = append(l, popsign.Param{Name: k, Value: v})
	}
	sortParams(l)
	return l, nil
}

func slowParseQuery(query string) (paramList, error) {
	v, err := url.ParseQuery(query)
	if err != nil {
		return nil, err
	}
	return paramListOf(v), nil
}

// queryUnescape is url.QueryUnescape ('+' is a space, %XX a byte) writing
// into one exact-size buffer; ok is false where url.QueryUnescape errs (a
// '%' not followed by two hex digits). s itself is returned when it has
// nothing to decode.
func queryUnescape(s string) (string, bool) {
	u, _, ok := queryUnescapeInto(nil, len(s), s)
	return u, ok
}

// queryUnescapeInto is queryUnescape appending the decoded bytes to buf
// (allocated with capacity size when nil) and returning the string that
// shares them, and buf grown by them. Bytes once decoded are never written
// again, so earlier strings stay valid whether or not append moves buf.
func queryUnescapeInto(buf []byte, size int, s string) (string, []byte, bool) {
	escapes, plus := 0, false
	for i := 0; i < len(s); {
		switch s[i] {
		case '%':
			if i+2 >= len(s) || !isHexDigit(s[i+1]) || !isHexDigit(s[i+2]) {
				return "", buf, false
			}
			escapes++
			i += 3
		case '+':
			plus = true
			i++
		default:
			i++
		}
	}
	if escapes == 0 && !plus {
		return s, buf, true
	}
	if buf == nil {
		buf = make([]byte, 0, size)
	}
	start := len(buf)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '%':
			buf = append(buf, hexValue(s[i+1])<<4|hexValue(s[i+2]))
			i += 2
		case '+':
			buf = append(buf, ' ')
		default:
			buf = append(buf, c)
		}
	}
	out := buf[start:]
	return unsafe.String(unsafe.SliceData(out), len(out)), buf, true
}

// decodedLen is the length of queryUnescape(s) when it must decode (a
// '%' or '+'), else 0; it counts every '%' as an escape.
func decodedLen(s string) int {
	pct := strings.Count(s, "%")
	if pct == 0 && strings.IndexByte(s, '+') < 0 {
		return 0
	}
	return max(len(s)-2*pct, 0)
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func hexValue(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

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
	for rest := query; rest != ""; {
		var pair string
		pair, rest, _ = strings.Cut(rest, "&")
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		k, ok := queryUnescape(k)
		if !ok {
			return slowParseQuery(query)
		}
		if v, ok = queryUnescape(v); !ok {
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
	escapes, plus := 0, false
	for i := 0; i < len(s); {
		switch s[i] {
		case '%':
			if i+2 >= len(s) || !isHexDigit(s[i+1]) || !isHexDigit(s[i+2]) {
				return "", false
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
		return s, true
	}
	buf := make([]byte, len(s)-2*escapes)
	j := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '%':
			buf[j] = hexValue(s[i+1])<<4 | hexValue(s[i+2])
			i += 2
		case '+':
			buf[j] = ' '
		default:
			buf[j] = c
		}
		j++
	}
	// buf is never written again: the string may share it.
	return unsafe.String(unsafe.SliceData(buf), len(buf)), true
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

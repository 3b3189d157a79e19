package fake

import (
	"net/url"
	"strings"
)

// maxFastQueryParams is the most '&'-separated pieces parseQuery handles
// itself; more go to url.ParseQuery (which also enforces its own limit).
const maxFastQueryParams = 64

// parseQuery is url.ParseQuery with fewer allocations (docs/architecture.md
// "Performance"): the map is sized once and every name's first value lives
// in one shared backing array (each slice capped, so a second value
// appends into a copy). Anything unusual — a ';', a malformed escape, more
// than maxFastQueryParams pieces — goes to url.ParseQuery, so values and
// errors are always url.ParseQuery's (TestParseQueryAgreesWithURL,
// FuzzParseQuery).
func parseQuery(query string) (url.Values, error) {
	pieces := strings.Count(query, "&") + 1
	if pieces > maxFastQueryParams || strings.IndexByte(query, ';') >= 0 {
		return url.ParseQuery(query)
	}
	m := make(url.Values, pieces)
	backing := make([]string, pieces)
	n := 0
	for rest := query; rest != ""; {
		var pair string
		pair, rest, _ = strings.Cut(rest, "&")
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		k, err := url.QueryUnescape(k)
		if err != nil {
			return url.ParseQuery(query)
		}
		v, err = url.QueryUnescape(v)
		if err != nil {
			return url.ParseQuery(query)
		}
		if vs, ok := m[k]; ok {
			m[k] = append(vs, v)
			continue
		}
		backing[n] = v
		m[k] = backing[n : n+1 : n+1]
		n++
	}
	return m, nil
}

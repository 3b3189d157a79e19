package fake

import (
	"net/url"
	"slices"
	"strings"

	"github.com/icefake/icefake/fake/popsign"
)

// paramList is a request's parameters as the envelope holds them
// (docs/architecture.md "Performance"): every name/value pair, decoded,
// sorted by name in byte order; a repeated name's values stay in the order
// they came (query first, then body). Sorted, it needs no map: the V1
// string-to-sign walks it in order, a repeat is two neighbours, and Get is a
// binary search.
type paramList []popsign.Param

// index is the position of name's first value, or len(l) when absent.
func (l paramList) index(name string) int {
	i, ok := slices.BinarySearchFunc(l, name, func(p popsign.Param, name string) int {
		return strings.Compare(p.Name, name)
	})
	if !ok {
		return len(l)
	}
	return i
}

// Get returns name's first value, "" when absent (url.Values.Get).
func (l paramList) Get(name string) string {
	if i := l.index(name); i < len(l) {
		return l[i].Value
	}
	return ""
}

// values is l as url.Values, for the rare paths that want a map.
func (l paramList) values() url.Values {
	v := make(url.Values, len(l))
	for _, p := range l {
		v[p.Name] = append(v[p.Name], p.Value)
	}
	return v
}

// paramListOf returns v as a paramList: names sorted, each name's values in
// their order.
func paramListOf(v url.Values) paramList {
	n := 0
	for _, vs := range v {
		n += len(vs)
	}
	l := make(paramList, 0, n)
	for k, vs := range v {
		for _, x := range vs {
			l = append(l, popsign.Param{Name: k, Value: x})
		}
	}
	sortParams(l)
	return l
}

// sortParams sorts l by name, keeping the order of a repeated name's
// values. Requests are short and usually arrive sorted (the SDKs sort
// their query), which insertion sort handles in one pass.
func sortParams(l paramList) {
	if len(l) > 64 {
		slices.SortStableFunc(l, func(a, b popsign.Param) int { return strings.Compare(a.Name, b.Name) })
		return
	}
	for i := 1; i < len(l); i++ {
		for j := i; j > 0 && l[j-1].Name > l[j].Name; j-- {
			l[j-1], l[j] = l[j], l[j-1]
		}
	}
}

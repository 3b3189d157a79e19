package popsign

import (
	"maps"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// sortedParams is params as CheckV1Sorted takes them: by name, each name's
// values in order.
func sortedParams(params url.Values) []Param {
	var out []Param
	for _, k := range slices.Sorted(maps.Keys(params)) {
		for _, v := range params[k] {
			out = append(out, Param{k, v})
		}
	}
	return out
}

// checkSortedAgrees fails when CheckV1Sorted and CheckV1 disagree on params
// (given as a list, possibly unsorted or repeating names).
func checkSortedAgrees(t *testing.T, method string, list []Param, secret string) {
	t.Helper()
	v := url.Values{}
	for _, p := range list {
		v[p.Name] = append(v[p.Name], p.Value)
	}
	gotOK, gotSTS := CheckV1Sorted(method, list, secret)
	wantOK, wantSTS := CheckV1(method, v, secret)
	if gotOK != wantOK || gotSTS != wantSTS {
		t.Fatalf("CheckV1Sorted(%q, %q) = %v, %q; CheckV1: %v, %q", method, list, gotOK, gotSTS, wantOK, wantSTS)
	}
}

func TestCheckV1SortedMatchesCheckV1(t *testing.T) {
	signed := url.Values{"Action": {"CreateEditingProject"}, "Title": {"a b*c~d/é"}, "AccessKeyId": {"ak"}, "Timeline": {`{"VideoTracks":[]}`}}
	SignV1Params("POST", signed, "s")
	badSig := url.Values{"Action": {"A"}, "Signature": {"AAAAAAAAAAAAAAAAAAAAAAAAAAA="}}
	tests := []struct {
		name string
		list []Param
	}{
		{name: "empty", list: nil},
		{name: "signed", list: sortedParams(signed)},
		{name: "wrong signature", list: sortedParams(badSig)},
		{name: "empty signature", list: []Param{{"A", "1"}, {"Signature", ""}}},
		{name: "no signature", list: []Param{{"A", "1"}, {"B", "x y"}}},
		{name: "repeated name", list: []Param{{"A", "2"}, {"A", "1"}, {"Signature", "x"}}},
		{name: "out of order", list: []Param{{"B", "1"}, {"A", "2"}}},
		{name: "signature repeated", list: []Param{{"Signature", "a"}, {"Signature", "b"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkSortedAgrees(t, "POST", tt.list, "s")
			checkSortedAgrees(t, "GET", tt.list, "other")
		})
	}
	if ok, sts := CheckV1Sorted("POST", sortedParams(signed), "s"); !ok || sts != "" {
		t.Errorf("CheckV1Sorted(signed) = %v, %q; want true, \"\"", ok, sts)
	}
}

func FuzzCheckV1SortedMatchesCheckV1(f *testing.F) {
	f.Add("Action=A&Title=a+b%2A&Title=%C3%BC", false, "s")
	f.Add("Signature=x&A=1", true, "")
	f.Fuzz(func(t *testing.T, rawQuery string, sign bool, secret string) {
		params, err := url.ParseQuery(rawQuery)
		if err != nil {
			return
		}
		if sign {
			SignV1Params("POST", params, secret)
		}
		checkSortedAgrees(t, "POST", sortedParams(params), secret)
		// The same pairs in the order the query gave them.
		var raw []Param
		for pair := range strings.SplitSeq(rawQuery, "&") {
			k, v, _ := strings.Cut(pair, "=")
			k, err1 := url.QueryUnescape(k)
			v, err2 := url.QueryUnescape(v)
			if pair == "" || err1 != nil || err2 != nil {
				continue
			}
			raw = append(raw, Param{k, v})
		}
		checkSortedAgrees(t, "POST", raw, secret)
	})
}

package fake

import (
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/icefake/icefake/fake/popsign"
)

// checkParseQuery fails when parseQuery and url.ParseQuery disagree on q.
func checkParseQuery(t *testing.T, q string) {
	t.Helper()
	got, gotErr := parseQuery(q)
	want, wantErr := url.ParseQuery(q)
	if (gotErr == nil) != (wantErr == nil) || (gotErr != nil && gotErr.Error() != wantErr.Error()) {
		t.Fatalf("parseQuery(%q) error: got %v, want %v", q, gotErr, wantErr)
	}
	if gotErr != nil {
		return
	}
	if !slices.IsSortedFunc(got, func(a, b popsign.Param) int { return strings.Compare(a.Name, b.Name) }) {
		t.Fatalf("parseQuery(%q) = %q, not sorted by name", q, got)
	}
	if !reflect.DeepEqual(got.values(), want) {
		t.Fatalf("parseQuery(%q): got %v, want %v", q, got.values(), want)
	}
}

func TestParseQueryAgreesWithURL(t *testing.T) {
	tests := []struct{ name, query string }{
		{name: "empty", query: ""},
		{name: "signed call", query: "AccessKeyId=testAccessKeyId&Action=CreateEditingProject&Format=JSON&Signature=abc%2B%2F%3D&Timeline=%7B%22VideoTracks%22%3A%5B%5D%7D&Title=load+test+project&Version=2020-11-09"},
		{name: "repeated name", query: "a=1&b=2&a=3&a=4"},
		{name: "empty pieces and values", query: "&&a=&=b&c&"},
		{name: "escaped name", query: "T%69tle=x&%E4%BD%A0=%E5%A5%BD"},
		{name: "bad escape", query: "a=1&b=%zz&c=3"},
		{name: "bad escape in name", query: "%g=1&b=2"},
		{name: "escape cut at the end", query: "a=%4"},
		{name: "escape at the very end", query: "a=%41"},
		{name: "every hex digit", query: "a=%00%19%af%AF%fF%7e+%2B"},
		{name: "semicolon", query: "a=1;b=2&c=3"},
		{name: "many pieces", query: strings.Repeat("k=v&", maxFastQueryParams+5)},
		{name: "too many pieces", query: strings.Repeat("&", 10001)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkParseQuery(t, tt.query) })
	}
}

// TestParseQueryRepeatKeepsValues checks that a repeated name's append does
// not write into the next name's first value.
func TestParseQueryRepeatKeepsValues(t *testing.T) {
	got, err := parseQuery("a=1&b=2&a=3")
	if err != nil {
		t.Fatal(err)
	}
	if a, b := got.values()["a"], got.values()["b"]; !reflect.DeepEqual(a, []string{"1", "3"}) || !reflect.DeepEqual(b, []string{"2"}) {
		t.Errorf("got a=%q b=%q, want a=[1 3] b=[2]", a, b)
	}
}

func FuzzParseQuery(f *testing.F) {
	f.Add("Action=A&Title=a+b%2A&Title=%C3%BC")
	f.Add("a=1;b&%zz=&&=")
	f.Fuzz(func(t *testing.T, q string) {
		checkParseQuery(t, q)
		got, ok := queryUnescape(q)
		want, err := url.QueryUnescape(q)
		if ok != (err == nil) || got != want {
			t.Fatalf("queryUnescape(%q) = %q, %v; url.QueryUnescape: %q, %v", q, got, ok, want, err)
		}
	})
}

// BenchmarkParseQuery parses the load client's signed CreateEditingProject
// query with url.ParseQuery and with parseQuery.
func BenchmarkParseQuery(b *testing.B) {
	const q = "AccessKeyId=testAccessKeyId&Action=CreateEditingProject&Format=JSON&Signature=g0Lr0n3lDx%2BJ2fIOa4%2FnX4Pq0bM%3D&SignatureMethod=HMAC-SHA1&SignatureNonce=5f1c2a9b8e7d6c4a123&SignatureVersion=1.0&Timeline=%7B%22VideoTracks%22%3A%5B%7B%22VideoTrackClips%22%3A%5B%7B%22MediaId%22%3A%22%2A%2A%2A%2A4d7cf14dc7b83b0e801c%2A%2A%2A%2A%22%2C%22In%22%3A0%2C%22Out%22%3A9%2C%22Speed%22%3A1%7D%5D%7D%5D%7D&Timestamp=2026-11-30T20%3A41%3A30Z&Title=load+test+project&Version=2020-11-09"
	b.Run("url", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, _ = url.ParseQuery(q)
		}
	})
	b.Run("fake", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, _ = parseQuery(q)
		}
	})
}

func TestIsCommonParam(t *testing.T) {
	for name := range commonParams {
		if !isCommonParam(name) {
			t.Errorf("isCommonParam(%q) = false, want true", name)
		}
	}
	n := 0
	for _, name := range []string{"Action", "Version", "Format", "AccessKeyId", "SignatureMethod", "SignatureVersion", "SignatureNonce", "SignatureType", "Timestamp", "SecurityToken", "Signature", "BearerToken", "RegionId", "Title", "action", ""} {
		if isCommonParam(name) {
			n++
			if !commonParams[name] {
				t.Errorf("isCommonParam(%q) = true, want false", name)
			}
		}
	}
	if n != len(commonParams) {
		t.Errorf("isCommonParam knows %d names, want %d", n, len(commonParams))
	}
}

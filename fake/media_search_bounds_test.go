package fake

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// TestSearchMediaMatchBounds: a Match longer than maxMatchBytes or nesting
// parentheses deeper than maxMatchDepth is 400 InvalidParameter naming
// Match (before, a 32 MiB form body of "(" grew the parser's stack past
// Go's limit and killed the process); expressions at the limits still work.
func TestSearchMediaMatchBounds(t *testing.T) {
	s := newProductionServer(t)
	id := libRegister(t, s, "https://b.oss-cn-shanghai.aliyuncs.com/beach.mp4", map[string]string{"Title": "beach"})
	nested := func(n int) string { return strings.Repeat("(", n) + "title = 'beach'" + strings.Repeat(")", n) }
	// chain returns "title = 'beach' and title = 'beach' and …" of exactly n bytes.
	chain := func(n int) string {
		m := strings.Repeat("title = 'beach' and ", (n-15)/20)
		m += strings.Repeat(" ", n-len(m)-len("title = 'beach'")) + "title = 'beach'"
		if len(m) != n {
			t.Fatalf("chain(%d) has %d bytes", n, len(m))
		}
		return m
	}
	tests := []struct {
		name      string
		match     string
		wantFound bool
		wantMsg   string // "" = 200
	}{
		{name: "nesting at the limit", match: nested(maxMatchDepth), wantFound: true},
		{name: "nesting past the limit", match: nested(maxMatchDepth + 1), wantMsg: "nests deeper than 32 levels"},
		{name: "deep nesting", match: nested(8000), wantMsg: "the parenthesis at offset 32 nests deeper than 32 levels"},
		{name: "length at the limit", match: chain(maxMatchBytes), wantFound: true},
		{name: "length past the limit", match: chain(maxMatchBytes + 1), wantMsg: "at most 16384 bytes, got 16385"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := rpc(t, s, "SearchMedia", map[string]string{"Match": tt.match})
			if tt.wantMsg != "" {
				requireError(t, status, body, http.StatusBadRequest, "InvalidParameter", `"Match"`, tt.wantMsg)
				return
			}
			if status != http.StatusOK {
				t.Fatalf("got %d %v, want 200", status, body)
			}
			if got := mediaIDs(body["MediaInfoList"]); !equalJSON(got, []string{id}) {
				t.Errorf("MediaInfoList = %v, want [%s]", got, id)
			}
		})
	}
}

// TestSearchMediaHugeMatchBody: a Match of megabytes in a form body is
// refused with the envelope, whatever its shape.
func TestSearchMediaHugeMatchBody(t *testing.T) {
	s := newProductionServer(t, WithAuthMode(AuthOff))
	for _, m := range []string{strings.Repeat("(", 4<<20), strings.Repeat("title = 'x' and ", 1<<18) + "title = 'x'", "tagList in (" + strings.Repeat("'a',", 1<<20) + "'a')"} {
		form := url.Values{"Action": {"SearchMedia"}, "Version": {"2020-11-09"}, "Match": {m}}.Encode()
		req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(form))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		status, body := serve(t, s, req)
		requireError(t, status, body, http.StatusBadRequest, "InvalidParameter", `"Match"`, "at most 16384 bytes")
	}
}

// FuzzSearchMediaMatch: parseMatch never panics; an accepted expression is
// within the bounds and its predicate runs on any medium.
func FuzzSearchMediaMatch(f *testing.F) {
	for _, seed := range []string{
		"", "title = 'x'", "(title = 'x' or description = \"y\") and status in (1,3)", "utcCreate = [1,2)",
		"mediaType in ('image')", "tagList in ('a','b') and cateId == 7", "((((", "))", "title = 'x", "status == 99999999999999999999",
		"utcModified = ('','')", "Title == 'é'", "mediaId == 'a' and (cateId = 1 or (status = 2))",
	} {
		f.Add(seed)
	}
	cate := int64(7)
	mv := &mediaView{MediaId: "m", Title: "T", Description: "d", MediaTags: "a,b", CateId: &cate, Status: "Normal", MediaType: "video"}
	f.Fuzz(func(t *testing.T, m string) {
		pred, _, err := parseMatch(m)
		if err != nil {
			if pred != nil {
				t.Fatalf("parseMatch(%q) returned a predicate with error %v", m, err)
			}
			return
		}
		if len(m) > maxMatchBytes {
			t.Fatalf("parseMatch accepted %d bytes", len(m))
		}
		pred(mv)
		pred(&mediaView{})
	})
}

package fake

import (
	"encoding/base64"
	"net/http"
	"strconv"
	"testing"
	"time"
)

// TestListMediaBasicInfosHostileTokens: a NextToken only pages the listing
// it was issued for: another tenant, another SortBy, a token in another
// encoding or cut short is 400 InvalidParameter naming NextToken; deleting
// the medium a token points at neither repeats nor skips media.
func TestListMediaBasicInfosHostileTokens(t *testing.T) {
	s := newProductionServer(t, WithCredentials(otherTenant))
	var ids []string
	for i := range 5 {
		ids = append(ids, libRegister(t, s, "https://b.oss-cn-shanghai.aliyuncs.com/p"+strconv.Itoa(i)+".mp4", nil))
		s.Advance(time.Second)
	}
	first := prOK(t, s, "ListMediaBasicInfos", map[string]string{"MaxResults": "2"})
	tok := first["NextToken"].(string)
	raw, err := base64.StdEncoding.DecodeString(tok)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		as        Credential
		params    map[string]string
		fragments []string
	}{
		{"another tenant", otherTenant, map[string]string{"MaxResults": "2", "NextToken": tok}, []string{"another tenant"}},
		{"another SortBy", Credential{}, map[string]string{"MaxResults": "2", "NextToken": tok, "SortBy": "asc"}, []string{"other filters"}},
		{"URL-safe base64", Credential{}, map[string]string{"NextToken": base64.URLEncoding.EncodeToString(raw) + "!"}, []string{"malformed"}},
		{"cut short", Credential{}, map[string]string{"NextToken": base64.StdEncoding.EncodeToString(raw[:27])}, []string{"malformed"}},
		{"MAC of another body", Credential{}, map[string]string{"NextToken": base64.StdEncoding.EncodeToString(append(append([]byte{}, raw[:20]...), raw[len(raw)-8:]...))}, []string{"malformed"}},
		{"a ListEditingProjects-sized token", Credential{}, map[string]string{"NextToken": base64.StdEncoding.EncodeToString(make([]byte, 64))}, []string{"malformed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var status int
			var body map[string]any
			if tt.as.AccessKeyId != "" {
				status, body = rpcAs(t, s, tt.as.AccessKeyId, tt.as.AccessKeySecret, "ListMediaBasicInfos", tt.params)
			} else {
				status, body = rpc(t, s, "ListMediaBasicInfos", tt.params)
			}
			requireError(t, status, body, http.StatusBadRequest, "InvalidParameter", append([]string{`"NextToken"`}, tt.fragments...)...)
		})
	}
	// The token's cursor is ids[3] (newest first: 4, 3 | 2, 1 | 0).
	prOK(t, s, "DeleteMediaInfos", map[string]string{"MediaIds": ids[3]})
	second := prOK(t, s, "ListMediaBasicInfos", map[string]string{"MaxResults": "2", "NextToken": tok})
	if got := mediaIDs(second["MediaInfos"]); !equalJSON(got, []string{ids[2], ids[1]}) {
		t.Errorf("page 2 after deleting the cursor's medium = %v, want [%s %s]", got, ids[2], ids[1])
	}
}

// FuzzMediaToken: decodeMediaToken never panics on any text and refuses
// with the API's error; an issued token gives its cursor back unchanged and
// only for its binding.
func FuzzMediaToken(f *testing.F) {
	key := []byte("0123456789abcdef0123456789abcdef")
	now := DefaultStartTime
	f.Add("", int64(0), "m")
	f.Add("AAAA", int64(-1), "")
	f.Add(encodeMediaToken(mediaCursor{nano: 5, id: "x"}, 7, now, key), int64(1<<62), "\x00\xff")
	f.Fuzz(func(t *testing.T, tok string, nano int64, id string) {
		if _, err := decodeMediaToken(tok, 7, now, time.Hour, key); err != nil {
			if _, ok := err.(*APIError); !ok {
				t.Fatalf("decodeMediaToken(%q) error %T, want *APIError", tok, err)
			}
		}
		good := encodeMediaToken(mediaCursor{nano: nano, id: id}, 7, now, key)
		c, err := decodeMediaToken(good, 7, now, time.Hour, key)
		if err != nil || c.nano != nano || c.id != id {
			t.Fatalf("round trip of (%d, %q) = %+v, %v", nano, id, c, err)
		}
		if _, err := decodeMediaToken(good, 8, now, time.Hour, key); err == nil {
			t.Fatal("a token for another binding was accepted")
		}
	})
}

package fake

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"time"
)

// A page token (NextToken of ListEditingProjects and ListMediaBasicInfos) is
// standard base64 of the binding (4 bytes: the tenant and the filters, so a
// token only continues the listing it came from), the virtual-clock second
// it was issued at (8), the listing's cursor (its own bytes) and 8 bytes of
// HMAC-SHA256 over those with the server's token key, so an edited token is
// refused rather than read. Opaque, like the documented examples such as
// 8EqYpQbZ6Eh7+Zz8DxVYoQ==.
const (
	pageTokenHead = 12
	pageTokenMAC  = 8
)

// DefaultPageTokenTTL is how long (on the virtual clock) a NextToken stays
// valid unless WithPageTokenTTL says otherwise. The service's own expiry is
// UNCONFIRMED.
const DefaultPageTokenTTL = time.Hour

func pageTokenSum(key, payload []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write(payload)
	return m.Sum(nil)[:pageTokenMAC]
}

// sealPageToken returns the page token carrying cursor, bound to binding
// and issued at now.
func sealPageToken(binding uint32, now time.Time, cursor, key []byte) string {
	b := make([]byte, pageTokenHead, pageTokenHead+len(cursor)+pageTokenMAC)
	binary.BigEndian.PutUint32(b[0:4], binding)
	binary.BigEndian.PutUint64(b[4:12], uint64(now.Unix()))
	b = append(b, cursor...)
	return base64.StdEncoding.EncodeToString(append(b, pageTokenSum(key, b)...))
}

// openPageToken returns the cursor sealed in tok after checking its MAC,
// that it is at most ttl old at now (ttl 0: no expiry) and that it was bound
// to binding. Each failure is 400 InvalidParameter naming NextToken; filters
// lists the parameters a later page must repeat.
func openPageToken(tok string, binding uint32, now time.Time, ttl time.Duration, key []byte, filters string) ([]byte, error) {
	b, err := base64.StdEncoding.DecodeString(tok)
	if err != nil || len(b) < pageTokenHead+pageTokenMAC ||
		!hmac.Equal(b[len(b)-pageTokenMAC:], pageTokenSum(key, b[:len(b)-pageTokenMAC])) {
		return nil, malformedPageToken()
	}
	if issued := time.Unix(int64(binary.BigEndian.Uint64(b[4:12])), 0); ttl > 0 && now.Sub(issued) > ttl {
		return nil, invalidParameter("NextToken", "The token has expired (issued %s, valid for %s); start again from the first page.", wireTime(issued), ttl)
	}
	if binary.BigEndian.Uint32(b[0:4]) != binding {
		return nil, invalidParameter("NextToken", "The token was issued to another tenant or for other filters; pass the same %s as on the first page.", filters)
	}
	return b[pageTokenHead : len(b)-pageTokenMAC], nil
}

func malformedPageToken() error {
	return invalidParameter("NextToken", "The token is malformed; pass the NextToken of the previous page as it was returned (URL-encoded: it may hold + and /).")
}

package fake

import (
	"encoding/hex"
	"strings"
	"testing"
	"time"
)

// TestRequestIDFormat checks requestID against the UUID layout built the
// plain way (uppercase hex, dashes after 8, 12, 16 and 20 characters) for
// the same generator state.
func TestRequestIDFormat(t *testing.T) {
	got, ref := newIDs(42, true), newIDs(42, true)
	for range 1000 {
		b := ref.bytes16()
		b[6] = b[6]&0x0f | 0x40
		b[8] = b[8]&0x3f | 0x80
		h := strings.ToUpper(hex.EncodeToString(b[:]))
		want := h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
		if id := got.requestID(); id != want {
			t.Fatalf("requestID: got %q, want %q", id, want)
		}
	}
}

// TestWireTimeCache checks the cached wireTime against formatting every
// time: the same second with other nanoseconds and zones, seconds going
// back and forth, times before 1970 and the zero time.
func TestWireTimeCache(t *testing.T) {
	base := time.Date(2026, 11, 30, 20, 1, 2, 0, time.UTC)
	times := []time.Time{base, base.Add(999 * time.Millisecond), base.In(time.FixedZone("X", 8*3600)), base.Add(time.Second), base,
		base.Add(-time.Nanosecond), time.Date(1969, 12, 31, 23, 59, 59, 500, time.UTC), time.Date(1969, 12, 31, 23, 59, 59, 0, time.UTC), {}, time.Unix(0, 0)}
	for i := range 2000 {
		times = append(times, base.Add(time.Duration(i*i)*time.Millisecond*37))
	}
	for _, tm := range times {
		if got, want := wireTime(tm), tm.UTC().Format("2006-01-02T15:04:05Z"); got != want {
			t.Fatalf("wireTime(%v): got %q, want %q", tm, got, want)
		}
	}
}

package fake

import "testing"

// FuzzCheckLenBytesMatchesCheckLen: the byte form of the length check
// counts as the string form does (invalid bytes, surrogate-pair runes).
func FuzzCheckLenBytesMatchesCheckLen(f *testing.F) {
	f.Add([]byte("abc"), 1, 3)
	f.Add([]byte("\xff\xfe😀é"), 0, 4)
	f.Add([]byte(""), 0, -1)
	f.Fuzz(func(t *testing.T, b []byte, minLen, maxLen int) {
		n := &respNode{minLen: minLen, maxLen: maxLen}
		if got, want := n.checkLenBytes(b), n.checkLen(string(b)); got != want {
			t.Fatalf("checkLenBytes(%q) with min %d max %d = %v, checkLen = %v", b, minLen, maxLen, got, want)
		}
	})
}

func TestCheckLenBytes(t *testing.T) {
	tests := []struct {
		name           string
		b              string
		minLen, maxLen int
		want           bool
	}{
		{name: "no bounds", b: "anything", minLen: 0, maxLen: -1, want: true},
		{name: "within", b: "abc", minLen: 1, maxLen: 3, want: true},
		{name: "too long", b: "abcd", minLen: 1, maxLen: 3, want: false},
		{name: "runes, not bytes", b: "😀😀", minLen: 2, maxLen: 2, want: true},
		{name: "invalid bytes count one each", b: "\xff\xfe", minLen: 2, maxLen: 2, want: true},
		{name: "too short", b: "", minLen: 1, maxLen: -1, want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := &respNode{minLen: tt.minLen, maxLen: tt.maxLen}
			if got := n.checkLenBytes([]byte(tt.b)); got != tt.want {
				t.Errorf("checkLenBytes(%q) = %v, want %v", tt.b, got, tt.want)
			}
		})
	}
}

package jsonquote

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
)

var samples = []string{
	"", "plain", `quote " and \ backslash`, "tab\tnew\nline\rret", "\b\f\x00\x1f\x7f",
	"<a href='x'>&amp;</a>", "中文 emoji 🎬", "bad \xff utf8 \xc3", "line\u2028sep\u2029para",
}

// slogString returns how log/slog's JSON handler writes s as a value.
func slogString(t *testing.T, s string) string {
	t.Helper()
	var buf bytes.Buffer
	h := slog.NewJSONHandler(&buf, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == "v" {
			return a
		}
		return slog.Attr{}
	}})
	slog.New(h).Info("", "v", s)
	line := strings.TrimSuffix(buf.String(), "\n")
	return strings.TrimSuffix(strings.TrimPrefix(line, `{"v":`), "}")
}

func TestAppendMatchesEncoders(t *testing.T) {
	for _, s := range samples {
		t.Run(s, func(t *testing.T) { checkAppend(t, s) })
	}
}

func FuzzAppend(f *testing.F) {
	for _, s := range samples {
		f.Add(s)
	}
	f.Fuzz(checkAppend)
}

// checkAppend compares Append in each style with the encoder it copies.
func checkAppend(t *testing.T, s string) {
	t.Helper()
	want, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if got := Append(nil, s, EncodingJSON); string(got) != string(want) {
		t.Errorf("EncodingJSON: got %s, want %s", got, want)
	}
	if got, want := string(Append(nil, s, Slog)), slogString(t, s); got != want {
		t.Errorf("Slog: got %s, want %s", got, want)
	}
}

package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// TestFlatJSONHandlerMatchesSlog writes the same records through
// flatJSONHandler and slog's JSON handler and wants the same bytes.
func TestFlatJSONHandlerMatchesSlog(t *testing.T) {
	strs := []string{"", "request", "a\"b\\c", "line\nbreak\r\ttab", "\x00\x01\b\f\x1f\x7f", "<html>&amp;", "é中😀", "\u2028\u2029", "bad\xffutf8\xc3", "V1 SignatureDoesNotMatch: server string to sign is:POST&%2F&AccessKeyId%3D"}
	floats := []float64{0, math.Copysign(0, -1), 0.123, 1.5, 12.0004, 1e-6, 9.99e-7, 1e-7, 1e20, 1e21, 1.2345e22, -3.7e-9, math.MaxFloat64, math.SmallestNonzeroFloat64}
	rng := rand.New(rand.NewPCG(3, 4))
	for _, f := range floats {
		floats = append(floats, f*rng.Float64())
	}
	tests := []struct {
		name  string
		time  time.Time
		level slog.Level
		msg   string
		attrs []slog.Attr
	}{
		{name: "request line", time: time.Date(2026, 11, 30, 20, 1, 2, 345678900, time.UTC), level: slog.LevelInfo, msg: "request", attrs: []slog.Attr{
			slog.String("request_id", "6AE6783F-4FBD-491B-AEB8-8B73A48ED247"), slog.String("method", "POST"), slog.String("action", "CreateEditingProject"),
			slog.String("tenant", "testAccessKeyId"), slog.Int("status", 200), slog.String("code", ""), slog.String("auth", "V1 ok"),
			slog.String("fault", ""), slog.Float64("latency_ms", 0.183942)}},
		{name: "zero time", level: slog.LevelWarn, msg: "w"},
		{name: "local zone", time: time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("X", 5*3600+30*60)), level: slog.LevelError, msg: "e"},
		{name: "odd level", time: time.Unix(0, 1).UTC(), level: slog.LevelInfo + 2, msg: "x"},
		{name: "debug", time: time.Unix(1, 0).UTC(), level: slog.LevelDebug, msg: "d", attrs: []slog.Attr{slog.Bool("b", true), slog.Bool("c", false), slog.Uint64("u", math.MaxUint64), slog.Int64("i", math.MinInt64), slog.Duration("d", 1500*time.Millisecond)}},
		// Records the fast path leaves to slog: the bytes still match.
		{name: "group", level: slog.LevelInfo, msg: "g", attrs: []slog.Attr{slog.Group("g", slog.Int("a", 1))}},
		{name: "any", level: slog.LevelInfo, msg: "a", attrs: []slog.Attr{slog.Any("list", []string{"x", "y"}), slog.Time("t", time.Unix(5, 0).UTC())}},
		{name: "empty key", level: slog.LevelInfo, msg: "k", attrs: []slog.Attr{slog.String("", "v"), {}}},
		{name: "NaN", level: slog.LevelInfo, msg: "n", attrs: []slog.Attr{slog.Float64("f", math.NaN()), slog.Float64("g", math.Inf(-1))}},
		{name: "year 10000", time: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), level: slog.LevelInfo, msg: "y"},
	}
	for _, s := range strs {
		tests = append(tests, struct {
			name  string
			time  time.Time
			level slog.Level
			msg   string
			attrs []slog.Attr
		}{name: "string " + s, time: time.Unix(1700000000, 123).UTC(), level: slog.LevelInfo, msg: s, attrs: []slog.Attr{slog.String(s+"k", s), slog.String("k2", strings.Repeat(s, 3))}})
	}
	for _, f := range floats {
		tests = append(tests, struct {
			name  string
			time  time.Time
			level slog.Level
			msg   string
			attrs []slog.Attr
		}{name: "float", time: time.Unix(1700000000, 0).UTC(), level: slog.LevelInfo, msg: "f", attrs: []slog.Attr{slog.Float64("f", f), slog.Float64("neg", -f)}})
	}
	opts := &slog.HandlerOptions{Level: slog.LevelDebug}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got, want bytes.Buffer
			r := slog.NewRecord(tt.time, tt.level, tt.msg, 0)
			r.AddAttrs(tt.attrs...)
			if err := newFlatJSONHandler(&got, opts).Handle(context.Background(), r); err != nil {
				t.Fatal(err)
			}
			if err := slog.NewJSONHandler(&want, opts).Handle(context.Background(), r); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("got  %s\nwant %s", got.String(), want.String())
			}
		})
	}
}

// TestFlatJSONHandlerLevelAndDerived checks that the level option holds and
// that WithAttrs/WithGroup loggers write as slog's do.
func TestFlatJSONHandlerLevelAndDerived(t *testing.T) {
	var got, want bytes.Buffer
	opts := &slog.HandlerOptions{Level: slog.LevelWarn}
	for _, tt := range []struct {
		name string
		buf  *bytes.Buffer
		h    slog.Handler
	}{{"flat", &got, newFlatJSONHandler(&got, opts)}, {"slog", &want, slog.NewJSONHandler(&want, opts)}} {
		l := slog.New(tt.h)
		l.Info("dropped", slog.Int("n", 1))
		l.Warn("kept", slog.Int("n", 2))
		l.With(slog.String("w", "x")).WithGroup("g").Error("derived", slog.Int("n", 3))
	}
	strip := func(s string) string { // times differ between the two runs
		var out []string
		for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
			if i := strings.Index(line, `"level"`); i >= 0 {
				line = line[i:]
			}
			out = append(out, line)
		}
		return strings.Join(out, "\n")
	}
	if strip(got.String()) != strip(want.String()) {
		t.Errorf("got\n%s\nwant\n%s", got.String(), want.String())
	}
	if n := strings.Count(got.String(), "\n"); n != 2 {
		t.Errorf("lines: got %d, want 2 (the info line is below the level)", n)
	}
}

// BenchmarkRequestLog logs the pipeline's per-call line through slog's
// JSON handler and through flatJSONHandler, to io.Discard.
func BenchmarkRequestLog(b *testing.B) {
	for _, tt := range []struct {
		name string
		h    slog.Handler
	}{{"slog", slog.NewJSONHandler(io.Discard, nil)}, {"flat", newFlatJSONHandler(io.Discard, nil)}} {
		b.Run(tt.name, func(b *testing.B) {
			l := slog.New(tt.h)
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				l.LogAttrs(ctx, slog.LevelInfo, "request",
					slog.String("request_id", "6AE6783F-4FBD-491B-AEB8-8B73A48ED247"), slog.String("method", "POST"),
					slog.String("action", "CreateEditingProject"), slog.String("tenant", "testAccessKeyId"), slog.Int("status", 200),
					slog.String("code", ""), slog.String("auth", "V1 ok"), slog.String("fault", ""), slog.Float64("latency_ms", 0.183942))
			}
		})
	}
}

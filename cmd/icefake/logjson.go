package main

import (
	"context"
	"io"
	"log/slog"
	"math"
	"strconv"
	"sync"
	"time"

	"github.com/icefake/icefake/internal/jsonquote"
)

// flatJSONHandler is slog.NewJSONHandler(w, opts) with a fast path for the
// flat records the request pipeline logs once per call
// (docs/architecture.md "Performance"): a record whose attributes all have
// a key and a string, integer, bool, finite float or duration value is
// written by hand, byte for byte as slog's JSON handler writes it
// (TestFlatJSONHandlerMatchesSlog); any other record, and every handler
// made by WithAttrs or WithGroup, is slog's own. Each line is one Write.
type flatJSONHandler struct {
	slow slog.Handler
	w    io.Writer
	mu   *sync.Mutex
}

func newFlatJSONHandler(w io.Writer, opts *slog.HandlerOptions) *flatJSONHandler {
	return &flatJSONHandler{slow: slog.NewJSONHandler(w, opts), w: w, mu: &sync.Mutex{}}
}

// Enabled implements slog.Handler.
func (h *flatJSONHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return h.slow.Enabled(ctx, l)
}

// WithAttrs implements slog.Handler (slog's own handler).
func (h *flatJSONHandler) WithAttrs(as []slog.Attr) slog.Handler { return h.slow.WithAttrs(as) }

// WithGroup implements slog.Handler (slog's own handler).
func (h *flatJSONHandler) WithGroup(name string) slog.Handler { return h.slow.WithGroup(name) }

var flatBufs = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

// Handle implements slog.Handler.
func (h *flatJSONHandler) Handle(ctx context.Context, r slog.Record) error {
	if !flatRecord(r) {
		return h.slow.Handle(ctx, r)
	}
	bp := flatBufs.Get().(*[]byte)
	buf := append((*bp)[:0], '{')
	if !r.Time.IsZero() {
		buf = append(buf, `"time":"`...)
		buf = r.Time.AppendFormat(buf, time.RFC3339Nano)
		buf = append(buf, `",`...)
	}
	buf = append(buf, `"level":`...)
	buf = appendJSONString(buf, r.Level.String())
	buf = append(buf, `,"msg":`...)
	buf = appendJSONString(buf, r.Message)
	r.Attrs(func(a slog.Attr) bool {
		buf = append(buf, ',')
		buf = appendJSONString(buf, a.Key)
		buf = append(buf, ':')
		v := a.Value
		switch v.Kind() {
		case slog.KindString:
			buf = appendJSONString(buf, v.String())
		case slog.KindInt64:
			buf = strconv.AppendInt(buf, v.Int64(), 10)
		case slog.KindUint64:
			buf = strconv.AppendUint(buf, v.Uint64(), 10)
		case slog.KindBool:
			buf = strconv.AppendBool(buf, v.Bool())
		case slog.KindDuration:
			buf = strconv.AppendInt(buf, int64(v.Duration()), 10)
		case slog.KindFloat64:
			buf = appendJSONFloat(buf, v.Float64())
		}
		return true
	})
	buf = append(buf, "}\n"...)
	h.mu.Lock()
	_, err := h.w.Write(buf)
	h.mu.Unlock()
	if cap(buf) <= 16<<10 {
		*bp = buf
		flatBufs.Put(bp)
	}
	return err
}

// flatRecord reports whether Handle writes r itself.
func flatRecord(r slog.Record) bool {
	if y := r.Time.Year(); !r.Time.IsZero() && (y < 0 || y >= 10000) {
		return false
	}
	ok := true
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "" {
			ok = false
			return false
		}
		switch a.Value.Kind() {
		case slog.KindString, slog.KindInt64, slog.KindUint64, slog.KindBool, slog.KindDuration:
		case slog.KindFloat64:
			f := a.Value.Float64()
			ok = !math.IsInf(f, 0) && !math.IsNaN(f)
		default:
			ok = false
		}
		return ok
	})
	return ok
}

// appendJSONFloat appends f as encoding/json writes a float64 (which slog's
// JSON handler calls).
func appendJSONFloat(buf []byte, f float64) []byte {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	buf = strconv.AppendFloat(buf, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9
		if n := len(buf); n >= 4 && buf[n-4] == 'e' && buf[n-3] == '-' && buf[n-2] == '0' {
			buf[n-2] = buf[n-1]
			buf = buf[:n-1]
		}
	}
	return buf
}

// appendJSONString appends s quoted and escaped as slog's JSON handler
// escapes it (encoding/json's rules without HTML escaping).
func appendJSONString(buf []byte, s string) []byte {
	return jsonquote.Append(buf, s, jsonquote.Slog)
}

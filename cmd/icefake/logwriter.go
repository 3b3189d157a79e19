package main

import (
	"io"
	"sync"
	"time"
)

// logFlushInterval is the longest a log line waits in batchWriter's buffer.
const logFlushInterval = 50 * time.Millisecond

// batchWriter batches log lines into fewer writes (one write system call
// per request was a visible share of the hot path; docs/architecture.md
// "Performance"): lines are written when the buffer passes 32 KiB, at the
// latest logFlushInterval after they were logged, and on Close. Safe for
// concurrent use.
type batchWriter struct {
	mu      sync.Mutex
	w       io.Writer
	buf     []byte
	pending bool // a flush is scheduled
	closed  bool
	every   time.Duration
	timer   *time.Timer
}

// newBatchWriter returns a batchWriter over w that flushes every (at
// most) interval after a line was logged.
func newBatchWriter(w io.Writer, every time.Duration) *batchWriter {
	b := &batchWriter{w: w, buf: make([]byte, 0, 32<<10), every: every}
	b.timer = time.AfterFunc(time.Hour, b.Flush)
	b.timer.Stop()
	return b
}

// Write buffers p (one log line from slog); it never fails.
func (b *batchWriter) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return b.w.Write(p)
	}
	b.buf = append(b.buf, p...)
	if len(b.buf) >= 32<<10 {
		b.flushLocked()
		return len(p), nil
	}
	if !b.pending {
		b.pending = true
		b.timer.Reset(b.every)
	}
	return len(p), nil
}

// Flush writes what is buffered.
func (b *batchWriter) Flush() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.flushLocked()
}

func (b *batchWriter) flushLocked() {
	b.pending = false
	if len(b.buf) == 0 {
		return
	}
	_, _ = b.w.Write(b.buf)
	b.buf = b.buf[:0]
}

// Close flushes and makes later writes go straight through.
func (b *batchWriter) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.timer.Stop()
	b.flushLocked()
	b.closed = true
}

package main

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
)

type batchSink struct {
	mu     sync.Mutex
	b      bytes.Buffer
	writes int
}

func (l *batchSink) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.writes++
	return l.b.Write(p)
}

func (l *batchSink) state() (string, int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String(), l.writes
}

func TestBatchWriter(t *testing.T) {
	tests := []struct {
		name       string
		lines      int
		lineLen    int
		close      bool
		wantWrites int // before Close/Flush
	}{
		{name: "small lines wait for the flush", lines: 10, lineLen: 100, wantWrites: 0},
		{name: "a full buffer is written at once", lines: 40, lineLen: 1024, wantWrites: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := &batchSink{}
			b := newBatchWriter(out, time.Hour) // never fires during the test
			line := strings.Repeat("x", tt.lineLen-1) + "\n"
			for range tt.lines {
				if n, err := b.Write([]byte(line)); n != len(line) || err != nil {
					t.Fatalf("Write = %d, %v; want %d, nil", n, err, len(line))
				}
			}
			if _, writes := out.state(); writes != tt.wantWrites {
				t.Errorf("writes before Close = %d, want %d", writes, tt.wantWrites)
			}
			b.Close()
			got, _ := out.state()
			if want := strings.Repeat(line, tt.lines); got != want {
				t.Errorf("after Close: %d bytes, want %d", len(got), len(want))
			}
			if _, err := b.Write([]byte("after\n")); err != nil {
				t.Fatal(err)
			}
			if got, _ := out.state(); !strings.HasSuffix(got, "after\n") {
				t.Errorf("a write after Close was not passed through")
			}
		})
	}
}

package loadtest

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"syscall"
	"testing"
	"time"

	"github.com/icefake/icefake/fake"
)

// BenchmarkCreateRaw sends the load client's call to the bare handler and to
// icefake (defaults: signatures enforced, validation, self-check) in this
// process, one call at a time; the ratio of their ns/op is the in-process
// counterpart of make bench-compare at c=1.
func BenchmarkCreateRaw(b *testing.B) {
	run := func(b *testing.B, url string) {
		c, err := NewClient(url, 1)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(c.Close)
		ctx := context.Background()
		b.ReportAllocs()
		for b.Loop() {
			if err := c.Do(ctx); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("bare", func(b *testing.B) {
		ts := httptest.NewServer(BareHandler())
		b.Cleanup(ts.Close)
		run(b, ts.URL)
	})
	b.Run("icefake", func(b *testing.B) {
		srv, err := fake.Start()
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(srv.Close)
		run(b, srv.URL())
	})
}

// BenchmarkServeHTTPCreate is the server's share of one CreateEditingProject
// call alone: pre-signed requests (fresh nonces) handed straight to the
// handler, without client or network, for the bare handler and for icefake
// with defaults, with and without the binary's JSON info log (to
// io.Discard). allocs/op is the server's per-request allocation count.
func BenchmarkServeHTTPCreate(b *testing.B) {
	run := func(b *testing.B, h http.Handler) {
		c, err := NewClient("http://127.0.0.1/", 1)
		if err != nil {
			b.Fatal(err)
		}
		// Warm up (lazy spec load, first route compile), then pre-sign.
		for range 10 {
			req, err := c.Request(context.Background())
			if err != nil {
				b.Fatal(err)
			}
			if code := serveOnce(h, asServed(req)); code != http.StatusOK {
				b.Fatalf("warm-up: status %d", code)
			}
		}
		// Requests are pre-signed in bounded batches with the timer
		// stopped (each needs a fresh SignatureNonce), so memory stays flat
		// whatever b.N the benchmark settles on: one slice of b.N requests
		// reached 24 GB on the bare handler.
		const batch = 4096
		reqs := make([]*http.Request, 0, min(b.N, batch))
		w := &discardWriter{h: http.Header{}}
		b.ReportAllocs()
		var cpu time.Duration
		b.ResetTimer()
		for done := 0; done < b.N; {
			b.StopTimer()
			reqs = reqs[:0]
			for range min(batch, b.N-done) {
				req, err := c.Request(context.Background())
				if err != nil {
					b.Fatal(err)
				}
				reqs = append(reqs, asServed(req))
			}
			cpu0 := processCPU()
			b.StartTimer()
			for _, req := range reqs {
				clear(w.h)
				w.code = 0
				h.ServeHTTP(w, req)
				if w.code != http.StatusOK {
					b.Fatalf("status %d", w.code)
				}
			}
			b.StopTimer()
			cpu += processCPU() - cpu0
			done += len(reqs)
		}
		// CPU time (all threads, GC included) varies far less than wall
		// time on a shared machine.
		b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
	}
	b.Run("bare", func(b *testing.B) { run(b, BareHandler()) })
	b.Run("icefake", func(b *testing.B) {
		srv, err := fake.Start()
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(srv.Close)
		run(b, srv)
	})
	b.Run("icefake-jsonlog", func(b *testing.B) {
		srv, err := fake.Start(fake.WithLogger(slog.New(slog.NewJSONHandler(io.Discard, nil))))
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(srv.Close)
		run(b, srv)
	})
}

// asServed makes a client request look as net/http's server hands it over.
func asServed(r *http.Request) *http.Request {
	r.RequestURI = r.URL.RequestURI()
	r.Body = http.NoBody
	r.RemoteAddr = "127.0.0.1:40000"
	return r
}

func serveOnce(h http.Handler, req *http.Request) int {
	w := &discardWriter{h: http.Header{}}
	h.ServeHTTP(w, req)
	return w.code
}

// discardWriter is an http.ResponseWriter that keeps only the status.
type discardWriter struct {
	h    http.Header
	code int
}

func (w *discardWriter) Header() http.Header { return w.h }
func (w *discardWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
}
func (w *discardWriter) Write(p []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return len(p), nil
}

// processCPU is the user and system CPU time this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

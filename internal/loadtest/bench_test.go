package loadtest

import (
	"context"
	"net/http/httptest"
	"testing"

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

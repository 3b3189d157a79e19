package contract

import (
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
	"time"

	openapiclient "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/icefake/icefake/fake"
	"github.com/icefake/icefake/fake/popsign"
)

func benchClient(b *testing.B, endpoint, alg string) *ice.Client {
	b.Helper()
	c, err := ice.NewClient(&openapiclient.Config{
		AccessKeyId: tea.String(fake.DefaultAccessKeyId), AccessKeySecret: tea.String(fake.DefaultAccessKeySecret),
		Endpoint: tea.String(endpoint), Protocol: tea.String("http"), NoProxy: tea.String(endpoint),
	})
	if err != nil {
		b.Fatal(err)
	}
	if alg != "" {
		c.SignatureAlgorithm = tea.String(alg)
	}
	return c
}

// BenchmarkStartTFirstResponse measures fake.StartT (here Start + Close, as
// StartT does) up to the first SDK response; it reports the median
// (ms-median). The baseline starts an httptest server whose handler answers
// a fixed CreateEditingProject body, and makes the same SDK call: what
// starting any HTTP server and a first SDK round trip cost on the machine.
func BenchmarkStartTFirstResponse(b *testing.B) {
	b.Run("icefake", func(b *testing.B) {
		benchFirstResponse(b, func() (string, func()) {
			srv, err := fake.Start(fake.WithStartTime(fake.DefaultStartTime), fake.WithSeed(1))
			if err != nil {
				b.Fatal(err)
			}
			return srv.ClientConfig().Endpoint, srv.Close
		})
	})
	b.Run("baseline=bare-httptest", func(b *testing.B) {
		body := []byte(`{"RequestId":"4E84BE44-58A7-4F5C-9B1F-7E3E3E3E3E3E","Project":{"ProjectId":"****fddd7748b58bf1d47e95****","Title":"t","Status":1,"StatusName":"Draft","CreateSource":"OpenAPI","ModifiedSource":"OpenAPI","CreateTime":"2024-01-01T00:00:00Z","ModifiedTime":"2024-01-01T00:00:00Z","ProjectType":"EditingProject","Duration":0}}`)
		benchFirstResponse(b, func() (string, func()) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "application/json;charset=utf-8")
				_, _ = w.Write(body)
			}))
			return strings.TrimPrefix(srv.URL, "http://"), srv.Close
		})
	})
}

// benchFirstResponse times start() up to the first CreateEditingProject
// answer through the SDK, per iteration, and reports the median; start
// returns the endpoint (host:port) and how to stop the server.
func benchFirstResponse(b *testing.B, start func() (endpoint string, stop func())) {
	var samples []time.Duration
	for b.Loop() {
		t0 := time.Now()
		endpoint, stop := start()
		c := benchClient(b, endpoint, "")
		if _, err := c.CreateEditingProject(&ice.CreateEditingProjectRequest{Title: tea.String("t")}); err != nil {
			b.Fatal(err)
		}
		samples = append(samples, time.Since(t0))
		stop()
	}
	sort.Slice(samples, func(i, j int) bool { return samples[i] < samples[j] })
	b.ReportMetric(float64(samples[len(samples)/2].Microseconds())/1000, "ms-median")
}

var benchTimeline = `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"****4d7cf14dc7b83b0e801c****"},{"MediaId":"****4d7cf14dc7b83b0e801c****"}]}]}`

// BenchmarkCreateEditingProjectSDK is CreateEditingProject through the SDK on
// one connection (the SDK reuses it), with full validation and the response
// self-check, per signature mode. req/s = 1e9 / ns/op.
func BenchmarkCreateEditingProjectSDK(b *testing.B) {
	modes := []struct {
		name string
		mode fake.AuthMode
		alg  string
	}{
		{"auth=off", fake.AuthOff, ""},
		{"auth=V1", fake.AuthEnforce, ""},
		{"auth=V3", fake.AuthEnforce, popsign.AlgHMACSHA256},
	}
	for _, m := range modes {
		b.Run(m.name, func(b *testing.B) {
			srv, err := fake.Start(fake.WithAuthMode(m.mode), fake.WithJournalSize(1024))
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(srv.Close)
			c := benchClient(b, srv.ClientConfig().Endpoint, m.alg)
			req := &ice.CreateEditingProjectRequest{Title: tea.String("bench"), Timeline: tea.String(benchTimeline)}
			for b.Loop() {
				if _, err := c.CreateEditingProject(req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("baseline=bare-httptest-json", func(b *testing.B) {
		body := []byte(`{"RequestId":"6AE6783F-4FBD-491B-AEB8-8B73A48ED247","Project":{"ProjectId":"dbe5882e2579683432c1bfc525454add","Title":"bench","Status":2,"StatusName":"Editing","Duration":25,"CreateSource":"OpenAPI","ModifiedSource":"OpenAPI","CreateTime":"2024-01-01T00:00:00Z","ModifiedTime":"2024-01-01T00:00:00Z","ProjectType":"EditingProject"}}`)
		ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json;charset=utf-8")
			_, _ = w.Write(body)
		}))
		b.Cleanup(ts.Close)
		c := benchClient(b, ts.Listener.Addr().String(), "")
		req := &ice.CreateEditingProjectRequest{Title: tea.String("bench"), Timeline: tea.String(benchTimeline)}
		for b.Loop() {
			if _, err := c.CreateEditingProject(req); err != nil {
				b.Fatal(err)
			}
		}
	})
}

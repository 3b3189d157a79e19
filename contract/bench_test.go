package contract

import (
	"net/http"
	"net/http/httptest"
	"sort"
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
// StartT does) up to the first SDK response; it reports the median.
func BenchmarkStartTFirstResponse(b *testing.B) {
	var samples []time.Duration
	for b.Loop() {
		start := time.Now()
		srv, err := fake.Start(fake.WithStartTime(fake.DefaultStartTime), fake.WithSeed(1))
		if err != nil {
			b.Fatal(err)
		}
		c := benchClient(b, srv.ClientConfig().Endpoint, "")
		if _, err := c.CreateEditingProject(&ice.CreateEditingProjectRequest{Title: tea.String("t")}); err != nil {
			b.Fatal(err)
		}
		samples = append(samples, time.Since(start))
		srv.Close()
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

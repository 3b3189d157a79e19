package loadtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/icefake/icefake/fake"
	"github.com/icefake/icefake/fake/popsign"
	"github.com/icefake/icefake/internal/benchdata"
)

// Timeline is the 107-byte Timeline every CreateEditingProject call sends.
const Timeline = `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"****4d7cf14dc7b83b0e801c****","In":0,"Out":9,"Speed":1}]}]}`

// Title is the Title every call sends.
const Title = "load test project"

// Client sends V1-signed CreateEditingProject calls, as the Tea SDK does
// (every parameter in the URL query of a POST), to one target URL. Its
// zero value is not usable; make one with NewClient.
type Client struct {
	// Titles, when set, gives call n (from 1) its Title; nil sends Title.
	Titles func(n uint64) string

	target *url.URL
	http   *http.Client
	prefix string
	seq    atomic.Uint64
}

// NewClient returns a Client for target, e.g. "http://127.0.0.1:18930/"
// (icefake serves on "/"; a path such as /CreateEditingProject is kept, for
// mock servers that serve the spec's virtual Action paths). It keeps up to
// conns connections alive.
func NewClient(target string, conns int) (*Client, error) {
	u, err := url.Parse(target)
	if err != nil {
		return nil, fmt.Errorf("loadtest: target %q: %w", target, err)
	}
	if u.Path == "" {
		u.Path = "/"
	}
	var p [8]byte
	_, _ = rand.Read(p[:])
	tr := &http.Transport{
		Proxy:               nil,
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		MaxIdleConns:        conns,
		MaxIdleConnsPerHost: conns,
		MaxConnsPerHost:     conns,
		IdleConnTimeout:     30 * time.Second,
	}
	return &Client{target: u, http: &http.Client{Transport: tr, Timeout: 10 * time.Second}, prefix: hex.EncodeToString(p[:])}, nil
}

// Close drops the Client's idle connections.
func (c *Client) Close() { c.http.CloseIdleConnections() }

// Request builds one signed CreateEditingProject request with a fresh nonce.
func (c *Client) Request(ctx context.Context) (*http.Request, error) {
	n := c.seq.Add(1)
	title := Title
	if c.Titles != nil {
		title = c.Titles(n)
	}
	return c.request(ctx, n, "CreateEditingProject", map[string]string{"Title": title, "Timeline": Timeline})
}

// request builds one V1-signed call of action with params, nonce number n.
func (c *Client) request(ctx context.Context, n uint64, action string, params map[string]string) (*http.Request, error) {
	q := url.Values{
		"Action":           {action},
		"Version":          {"2020-11-09"},
		"Format":           {"JSON"},
		"AccessKeyId":      {fake.DefaultAccessKeyId},
		"SignatureMethod":  {popsign.V1SignatureMethod},
		"SignatureVersion": {popsign.V1SignatureVersion},
		"SignatureNonce":   {c.prefix + strconv.FormatUint(n, 10)},
		"Timestamp":        {time.Now().UTC().Format("2006-01-02T15:04:05Z")},
	}
	for k, v := range params {
		q.Set(k, v)
	}
	popsign.SignV1Params(http.MethodPost, q, fake.DefaultAccessKeySecret)
	u := *c.target
	u.RawQuery = q.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "icefake-loadtest")
	return req, nil
}

// Do sends one CreateEditingProject call and reads the whole answer; a
// status other than 200 is an error.
func (c *Client) Do(ctx context.Context) error {
	req, err := c.Request(ctx)
	if err != nil {
		return err
	}
	_, err = c.send(req)
	return err
}

// Call sends one V1-signed call of action with params (common parameters
// are added) and returns the body of its 200 answer; another status is an
// error.
func (c *Client) Call(ctx context.Context, action string, params map[string]string) ([]byte, error) {
	req, err := c.request(ctx, c.seq.Add(1), action, params)
	if err != nil {
		return nil, err
	}
	return c.send(req)
}

func (c *Client) send(req *http.Request) ([]byte, error) {
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return body, fmt.Errorf("loadtest: %s: status %d: %.300s", req.URL.Query().Get("Action"), resp.StatusCode, body)
	}
	return body, nil
}

// RealisticTitle is benchdata.Title: a varied project Title for call n, as
// people name editing projects.
func RealisticTitle(n uint64) string { return benchdata.Title(n) }

// Result is one load run against one target.
type Result struct {
	Requests int
	Errors   int
	// FirstError is the first error seen, if any.
	FirstError error
	Elapsed    time.Duration
	// Latencies of the successful calls, sorted ascending.
	Latencies []time.Duration
}

// RPS is successful calls per second of the run.
func (r Result) RPS() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

// Quantile returns the q-quantile (0..1) latency of the successful calls, 0
// when there were none.
func (r Result) Quantile(q float64) time.Duration {
	if len(r.Latencies) == 0 {
		return 0
	}
	i := min(int(q*float64(len(r.Latencies))), len(r.Latencies)-1)
	return r.Latencies[i]
}

// Run drives c with conc workers, each sending calls back to back, until
// dur has passed or, when limit > 0, limit calls were sent in all.
func (c *Client) Run(ctx context.Context, conc int, dur time.Duration, limit int) Result {
	ctx, cancel := context.WithTimeout(ctx, dur)
	defer cancel()
	var (
		mu      sync.Mutex
		res     Result
		wg      sync.WaitGroup
		started atomic.Int64
	)
	begin := time.Now()
	for range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lat := make([]time.Duration, 0, 4096)
			var errs int
			var first error
			for ctx.Err() == nil {
				if limit > 0 && started.Add(1) > int64(limit) {
					break
				}
				t0 := time.Now()
				err := c.Do(ctx)
				if err != nil {
					if ctx.Err() != nil {
						break // the run ended mid-call
					}
					errs++
					if first == nil {
						first = err
					}
					continue
				}
				lat = append(lat, time.Since(t0))
			}
			mu.Lock()
			res.Latencies = append(res.Latencies, lat...)
			res.Errors += errs
			if res.FirstError == nil {
				res.FirstError = first
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	res.Elapsed = time.Since(begin)
	res.Requests = len(res.Latencies)
	slices.Sort(res.Latencies)
	return res
}

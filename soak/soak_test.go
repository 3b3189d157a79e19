// Package soak runs icefake's long-running check (make soak): the standalone
// binary under a mixed SDK workload with admin churn, for ICEFAKE_SOAK (a Go
// duration). It is skipped unless ICEFAKE_SOAK is set, so make test does
// not run it.
package soak

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	openapiclient "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"
)

// Tenants: the verified ones are never reset, so every write acknowledged
// to them must read back; the churn tenant is reset every cycle.
var (
	verified = []string{"soakA", "soakB", "soakC"}
	churn    = "soakChurn"
)

// scripted5xx is the only 5xx the churn scripts; any other is a failure.
const scripted5xx = "ServiceUnavailable"

func TestSoak(t *testing.T) {
	dur := os.Getenv("ICEFAKE_SOAK")
	if dur == "" {
		t.Skip("set ICEFAKE_SOAK (e.g. 10m) or run make soak")
	}
	duration, err := time.ParseDuration(dur)
	if err != nil || duration < 10*time.Second {
		t.Fatalf("ICEFAKE_SOAK=%q: want a Go duration of at least 10s", dur)
	}
	interval := 20 * time.Second
	if v := os.Getenv("ICEFAKE_SOAK_CHURN"); v != "" {
		if interval, err = time.ParseDuration(v); err != nil {
			t.Fatalf("ICEFAKE_SOAK_CHURN=%q: %v", v, err)
		}
	}
	workers := 8
	if v := os.Getenv("ICEFAKE_SOAK_WORKERS"); v != "" {
		if workers, err = strconv.Atoi(v); err != nil || workers < 2 {
			t.Fatalf("ICEFAKE_SOAK_WORKERS=%q: want an integer of at least 2", v)
		}
	}

	srv := startBinary(t)
	base := "http://" + srv.addr
	ctx, cancel := context.WithTimeout(t.Context(), duration)
	defer cancel()

	st := &stats{errors: map[string]int{}}
	var wg sync.WaitGroup
	owners := make([]*owner, workers)
	for w := range workers {
		tenant := churn
		if w < workers-2 || workers <= 2 {
			tenant = verified[w%len(verified)]
		}
		owners[w] = &owner{tenant: tenant, titles: map[string]string{}, uncertain: map[string]bool{}}
		wg.Add(1)
		go func() {
			defer wg.Done()
			work(ctx, t, client(t, srv.addr, tenant), w, owners[w], st)
		}()
	}

	// Warm up for a tenth of the run (at most a minute), then take the
	// baseline.
	warm := min(duration/10, time.Minute)
	time.Sleep(warm)
	startRSS := rss(t, srv.pid)
	startM := scrape(t, base)
	startCreates := st.creates.Load()
	churner(ctx, t, base, interval, st)
	wg.Wait()

	endM := scrape(t, base)
	endRSS := rss(t, srv.pid)
	lost := verify(t, base, owners)

	t.Logf("soak: %s, %d workers over %d tenants, admin churn every %s (%d cycles)", duration, workers, len(verified)+1, interval, st.cycles.Load())
	t.Logf("calls: %d (%.0f/s); acknowledged creates %d, updates %d, deletes %d", st.calls.Load(), float64(st.calls.Load())/duration.Seconds(),
		st.creates.Load(), st.updates.Load(), st.deletes.Load())
	t.Logf("errors by code: %s", st.errorSummary())
	t.Logf("lost acknowledged writes: %d", lost)
	t.Logf("RSS: %.1f MiB after warm-up, %.1f MiB at the end", float64(startRSS)/(1<<20), float64(endRSS)/(1<<20))
	t.Logf("live heap: %.1f MiB after warm-up, %.1f MiB at the end; journal %.1f → %.1f MiB; nonces %.0f → %.0f",
		startM["go_gc_heap_live_bytes"]/(1<<20), endM["go_gc_heap_live_bytes"]/(1<<20),
		startM["icefake_journal_bytes"]/(1<<20), endM["icefake_journal_bytes"]/(1<<20),
		startM["icefake_nonce_cache_entries"], endM["icefake_nonce_cache_entries"])

	if lost > 0 {
		t.Errorf("%d acknowledged writes were lost", lost)
	}
	if n := st.unscripted5xx.Load(); n > 0 {
		t.Errorf("%d unscripted 5xx answers (see the errors by code)", n)
	}
	// Heap growth must be explained by stored state: projects created
	// (each under 1 KiB with its index entries; a 10-minute run measured
	// about 350 bytes), the journal's bytes,
	// the nonce cache (24 bytes each, up to twice that while its ring
	// doubles), plus 32 MiB of slack for the GC's pacing.
	growth := endM["go_gc_heap_live_bytes"] - startM["go_gc_heap_live_bytes"]
	explained := float64(st.creates.Load()-startCreates)*1024 +
		max(0, endM["icefake_journal_bytes"]-startM["icefake_journal_bytes"])*2 +
		max(0, endM["icefake_nonce_cache_entries"]-startM["icefake_nonce_cache_entries"])*48 + 32<<20
	t.Logf("live heap growth %.1f MiB, explained by stored state up to %.1f MiB", growth/(1<<20), explained/(1<<20))
	if growth > explained {
		t.Errorf("live heap grew by %.1f MiB, more than the %.1f MiB stored state explains", growth/(1<<20), explained/(1<<20))
	}
}

type stats struct {
	calls, creates, updates, deletes, cycles atomic.Int64
	unscripted5xx                            atomic.Int64
	mu                                       sync.Mutex
	errors                                   map[string]int
}

func (s *stats) note(err error) (apiErr bool) {
	s.calls.Add(1)
	if err == nil {
		return false
	}
	code := "transport"
	var se *tea.SDKError
	if errors.As(err, &se) && se.StatusCode != nil {
		code = fmt.Sprintf("%d %s", tea.IntValue(se.StatusCode), tea.StringValue(se.Code))
		apiErr = true
		if tea.IntValue(se.StatusCode) >= 500 && tea.StringValue(se.Code) != scripted5xx {
			s.unscripted5xx.Add(1)
		}
	}
	s.mu.Lock()
	s.errors[code]++
	s.mu.Unlock()
	return apiErr
}

func (s *stats) errorSummary() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	keys := make([]string, 0, len(s.errors))
	for k := range s.errors {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s ×%d", k, s.errors[k])
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// owner is what one worker acknowledged: its live projects' titles, and the
// ones whose state a transport error left unknown.
type owner struct {
	tenant    string
	titles    map[string]string
	uncertain map[string]bool
	order     []string
}

func work(ctx context.Context, t *testing.T, c *ice.Client, w int, o *owner, st *stats) {
	rng := rand.New(rand.NewPCG(uint64(w), 7))
	for i := 0; ctx.Err() == nil; i++ {
		title := fmt.Sprintf("w%d-%d", w, i)
		res, err := c.CreateEditingProject(&ice.CreateEditingProjectRequest{Title: tea.String(title)})
		if !st.note(err) && err == nil {
			id := tea.StringValue(res.Body.Project.ProjectId)
			o.titles[id], o.order = title, append(o.order, id)
			st.creates.Add(1)
		}
		if len(o.order) == 0 {
			continue
		}
		id := o.order[rng.IntN(len(o.order))]
		switch i % 4 {
		case 0, 2:
			_, err := c.GetEditingProject(&ice.GetEditingProjectRequest{ProjectId: tea.String(id)})
			st.note(err)
		case 1:
			newTitle := title + "-u"
			_, err := c.UpdateEditingProject(&ice.UpdateEditingProjectRequest{ProjectId: tea.String(id), Title: tea.String(newTitle)})
			switch api := st.note(err); {
			case err == nil:
				if _, live := o.titles[id]; live {
					o.titles[id] = newTitle
					st.updates.Add(1)
				}
			case !api:
				o.uncertain[id] = true
			}
		case 3:
			_, err := c.SearchEditingProject(&ice.SearchEditingProjectRequest{PageSize: tea.Int64(5)})
			st.note(err)
			if i%8 == 7 {
				_, err := c.DeleteEditingProjects(&ice.DeleteEditingProjectsRequest{ProjectIds: tea.String(id)})
				switch api := st.note(err); {
				case err == nil:
					delete(o.titles, id)
					st.deletes.Add(1)
				case !api:
					o.uncertain[id] = true
				}
			}
		}
	}
}

// churner drives the admin API every interval until ctx ends: fault rules
// (a scripted 503 and throttling), a scenario load, a clock move and a
// reset of the churn tenant.
func churner(ctx context.Context, t *testing.T, base string, interval time.Duration, st *stats) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for n := 0; ; n++ {
		admin(t, "DELETE", base+"/_icefake/faults", "", "")
		admin(t, "POST", base+"/_icefake/faults", "application/json",
			fmt.Sprintf(`{"action":"GetEditingProject","tenant":%q,"code":%q,"times":3}`, verified[n%len(verified)], scripted5xx))
		admin(t, "POST", base+"/_icefake/faults", "application/json", `{"action":"SearchEditingProject","code":"Throttling.User","times":5}`)
		admin(t, "POST", base+fmt.Sprintf("/_icefake/scenarios?name=churn-%d", n), "application/yaml",
			"version: 1\nfaults:\n  - {action: CreateEditingProject, tenant: "+churn+", code: Throttling.User, times: 2}\n")
		if n > 0 {
			admin(t, "DELETE", base+fmt.Sprintf("/_icefake/scenarios/churn-%d", n-1), "", "")
		}
		admin(t, "POST", base+"/_icefake/clock/advance", "application/json", `{"by":"1h"}`)
		admin(t, "POST", base+"/_icefake/reset?tenant="+churn, "", "")
		st.cycles.Add(1)
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

func admin(t *testing.T, method, url, contentType, body string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Errorf("%s %s: %v", method, url, err)
		return
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode/100 != 2 {
		t.Errorf("%s %s = %d %s", method, url, res.StatusCode, b)
	}
}

// verify reads every verified tenant's projects back through the admin
// state dump and counts acknowledged writes that are missing or differ.
func verify(t *testing.T, base string, owners []*owner) int {
	stored := map[string]map[string]string{}
	for _, tenant := range verified {
		res, err := http.Get(base + "/_icefake/state?tenant=" + tenant)
		if err != nil {
			t.Fatal(err)
		}
		var state struct {
			Tenants map[string]struct {
				Projects []struct{ ProjectId, Title string }
			}
		}
		err = jsonDecode(res.Body, &state)
		res.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for _, p := range state.Tenants[tenant].Projects {
			m[p.ProjectId] = p.Title
		}
		stored[tenant] = m
	}
	lost := 0
	for _, o := range owners {
		if o.tenant == churn {
			continue
		}
		for id, title := range o.titles {
			if o.uncertain[id] {
				continue
			}
			if got, ok := stored[o.tenant][id]; !ok || got != title {
				lost++
				if lost <= 5 {
					t.Errorf("tenant %s project %s: stored %q (present: %v), acknowledged %q", o.tenant, id, got, ok, title)
				}
			}
		}
	}
	return lost
}

func client(t *testing.T, addr, tenant string) *ice.Client {
	t.Helper()
	c, err := ice.NewClient(&openapiclient.Config{
		AccessKeyId: tea.String(tenant), AccessKeySecret: tea.String(tenant + "-secret"),
		Endpoint: tea.String(addr), Protocol: tea.String("http"), NoProxy: tea.String(addr),
		ReadTimeout: tea.Int(30000), ConnectTimeout: tea.Int(5000),
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

type server struct {
	addr string
	pid  int
}

// startBinary builds cmd/icefake and runs it on a free loopback port with
// the soak's credentials; it is stopped with SIGTERM at the end and must
// exit 0.
func startBinary(t *testing.T) server {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "icefake")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/icefake").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	args := []string{"-addr", "127.0.0.1:0", "-log-level", "error"}
	for _, k := range append(append([]string{}, verified...), churn) {
		args = append(args, "-access-key", k+":"+k+"-secret")
	}
	cmd := exec.Command(bin, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	logPath := filepath.Join(t.TempDir(), "icefake.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = logFile // scripted 5xx are logged at level error; shown on failure
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		_ = cmd.Process.Kill()
		t.Fatalf("icefake printed no address: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("icefake exit: %v, want 0", err)
			}
		case <-time.After(15 * time.Second):
			_ = cmd.Process.Kill()
			t.Errorf("icefake did not stop within 15s of SIGTERM")
		}
		logFile.Close()
		if t.Failed() {
			b, _ := os.ReadFile(logPath)
			t.Logf("icefake stderr (last 4 KiB):\n%s", b[max(0, len(b)-4096):])
		}
	})
	return server{addr: strings.TrimPrefix(strings.TrimSpace(line), "icefake listening on http://"), pid: cmd.Process.Pid}
}

var rssLine = regexp.MustCompile(`(?m)^VmRSS:\s+(\d+) kB`)

// rss is the process's resident set, in bytes.
func rss(t *testing.T, pid int) float64 {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Logf("RSS unavailable: %v", err)
		return 0
	}
	m := rssLine.FindSubmatch(b)
	if m == nil {
		return 0
	}
	kb, _ := strconv.ParseFloat(string(m[1]), 64)
	return kb * 1024
}

var sampleLine = regexp.MustCompile(`(?m)^([a-z_]+) ([0-9.e+]+)$`)

// scrape reads the unlabelled samples of GET /_icefake/metrics.
func scrape(t *testing.T, base string) map[string]float64 {
	t.Helper()
	res, err := http.Get(base + "/_icefake/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	out := map[string]float64{}
	for _, m := range sampleLine.FindAllSubmatch(b, -1) {
		v, _ := strconv.ParseFloat(string(m[2]), 64)
		out[string(m[1])] = v
	}
	return out
}

func jsonDecode(r io.Reader, v any) error { return json.NewDecoder(r).Decode(v) }

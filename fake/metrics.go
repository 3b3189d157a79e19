package fake

import (
	"bytes"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/common/expfmt"
)

// maxMetricTenants bounds the tenants listed one by one in the per-tenant
// gauges; the others are summed under tenant="_other", so a shared
// instance with many tenants keeps a bounded scrape.
const maxMetricTenants = 100

// metrics is a Server's Prometheus registry (GET /_icefake/metrics). Call
// counts and latencies are recorded per call; everything else is read from
// the Server when scraped. The registry and its Go runtime and process
// collectors are built on the first scrape, so a Server that is never
// scraped (most StartT servers) does not pay for them.
type metrics struct {
	s       *Server
	regOnce sync.Once
	reg     *prometheus.Registry
	calls   *prometheus.CounterVec
	latency *prometheus.HistogramVec
	// ok caches, per Action, the children a successful call updates
	// (status 200, code ""), so the hot path skips the label hashing and
	// strconv of WithLabelValues. The vectors are never reset.
	ok sync.Map // action → *okMetrics
}

type okMetrics struct {
	calls   prometheus.Counter
	latency prometheus.Observer
}

func newMetrics(s *Server) *metrics {
	return &metrics{
		s: s,
		calls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "icefake_calls_total",
			Help: "API calls answered, by Action (\"_unknown\" for names not in the spec), HTTP status and error Code (\"\" on success).",
		}, []string{"action", "status", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "icefake_call_duration_seconds",
			Help:    "Time spent serving API calls (scripted delays included), by Action.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 10},
		}, []string{"action"}),
	}
}

// registry returns the registry, building it on the first call.
func (m *metrics) registry() *prometheus.Registry {
	m.regOnce.Do(m.register)
	return m.reg
}

func (m *metrics) register() {
	m.reg = prometheus.NewRegistry()
	m.reg.MustRegister(m.calls, m.latency, &stateCollector{s: m.s},
		// The Go runtime's (go_memstats_*, go_gc_heap_live_bytes: the heap
		// live after the last GC) and the process's (RSS, CPU), for a
		// long-running instance.
		collectors.NewGoCollector(collectors.WithGoCollectorRuntimeMetrics(
			collectors.GoRuntimeMetricsRule{Matcher: regexp.MustCompile(`^/gc/heap/live:bytes$`)})),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
}

// observe records one answered call.
func (m *metrics) observe(action string, status int, code string, latency time.Duration) {
	if !knownAction(action) {
		action = "_unknown"
	}
	if status == http.StatusOK && code == "" {
		v, ok := m.ok.Load(action)
		if !ok {
			action = strings.Clone(action) // kept: not the request's memory
			v, _ = m.ok.LoadOrStore(action, &okMetrics{
				calls:   m.calls.WithLabelValues(action, strconv.Itoa(status), code),
				latency: m.latency.WithLabelValues(action),
			})
		}
		om := v.(*okMetrics)
		om.calls.Inc()
		om.latency.Observe(latency.Seconds())
		return
	}
	m.calls.WithLabelValues(action, strconv.Itoa(status), code).Inc()
	m.latency.WithLabelValues(action).Observe(latency.Seconds())
}

// text renders every metric in the Prometheus text exposition format.
func (m *metrics) text() ([]byte, error) {
	families, err := m.registry().Gather()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := expfmt.NewEncoder(&buf, expfmt.NewFormat(expfmt.TypeTextPlain))
	for _, f := range families {
		if err := enc.Encode(f); err != nil {
			return nil, err
		}
	}
	return buf.Bytes(), nil
}

var (
	descTenantProjects = prometheus.NewDesc("icefake_tenant_projects", "Live editing projects, by tenant (at most 100 tenants, the rest as _other).", []string{"tenant"}, nil)
	descTenantMedia    = prometheus.NewDesc("icefake_tenant_media", "Registered media assets, by tenant.", []string{"tenant"}, nil)
	descTenantJobs     = prometheus.NewDesc("icefake_tenant_jobs", "Media-producing jobs, by tenant.", []string{"tenant"}, nil)
	descTenants        = prometheus.NewDesc("icefake_tenants", "Tenants with stored state.", nil, nil)
	descJournalEntries = prometheus.NewDesc("icefake_journal_entries", "Calls the journal holds.", nil, nil)
	descJournalBytes   = prometheus.NewDesc("icefake_journal_bytes", "Approximate bytes the journal holds (bound: -journal-bytes).", nil, nil)
	descJournalDropped = prometheus.NewDesc("icefake_journal_dropped", "Calls the journal dropped since it was last cleared.", nil, nil)
	descNonces         = prometheus.NewDesc("icefake_nonce_cache_entries", "SignatureNonces remembered (bound: -nonce-cache-size).", nil, nil)
	descNoncesMax      = prometheus.NewDesc("icefake_nonce_cache_max", "SignatureNonces remembered at most.", nil, nil)
	descNoncesRefused  = prometheus.NewDesc("icefake_nonce_cache_refused_total", "Requests refused because the full nonce cache had forgotten nonces signed as late.", nil, nil)
	descFaultRules     = prometheus.NewDesc("icefake_fault_rules", "Fault rules in place (at most 10000).", nil, nil)
	descQuotaBuckets   = prometheus.NewDesc("icefake_quota_buckets", "Rate-limit buckets held (one per Action and tenant with accepted calls).", nil, nil)
)

// stateCollector reads the Server's state at scrape time.
type stateCollector struct{ s *Server }

func (c *stateCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descTenantProjects, descTenantMedia, descTenantJobs, descTenants, descJournalEntries,
		descJournalBytes, descJournalDropped, descNonces, descNoncesMax, descNoncesRefused, descFaultRules, descQuotaBuckets} {
		ch <- d
	}
}

func (c *stateCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.s
	counts := s.store.tenantCounts()
	sort.Slice(counts, func(i, j int) bool { return counts[i].tenant < counts[j].tenant })
	var other tenantCount
	for i, tc := range counts {
		if i >= maxMetricTenants {
			other.projects += tc.projects
			other.media += tc.media
			other.jobs += tc.jobs
			continue
		}
		emitTenant(ch, tc.tenant, tc)
	}
	if len(counts) > maxMetricTenants {
		emitTenant(ch, "_other", other)
	}
	gauge := func(d *prometheus.Desc, v int) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, float64(v))
	}
	gauge(descTenants, len(counts))
	js := s.JournalStats()
	gauge(descJournalEntries, js.Entries)
	gauge(descJournalBytes, js.Bytes)
	gauge(descJournalDropped, js.Dropped)
	ns := s.NonceStats()
	gauge(descNonces, ns.Size)
	gauge(descNoncesMax, ns.Max)
	ch <- prometheus.MustNewConstMetric(descNoncesRefused, prometheus.CounterValue, float64(ns.Refused))
	s.faults.mu.Lock()
	rules := len(s.faults.rules)
	s.faults.mu.Unlock()
	gauge(descFaultRules, rules)
	gauge(descQuotaBuckets, s.quotas.bucketCount())
}

func emitTenant(ch chan<- prometheus.Metric, tenant string, tc tenantCount) {
	ch <- prometheus.MustNewConstMetric(descTenantProjects, prometheus.GaugeValue, float64(tc.projects), tenant)
	ch <- prometheus.MustNewConstMetric(descTenantMedia, prometheus.GaugeValue, float64(tc.media), tenant)
	ch <- prometheus.MustNewConstMetric(descTenantJobs, prometheus.GaugeValue, float64(tc.jobs), tenant)
}

// tenantCount is one tenant's stored state, counted.
type tenantCount struct {
	tenant                string
	projects, media, jobs int
}

// tenantCounts counts every tenant's live projects, registered media and
// jobs.
func (st *store) tenantCounts() []tenantCount {
	st.mu.RLock()
	defer st.mu.RUnlock()
	out := make([]tenantCount, 0, len(st.tenants))
	for id, t := range st.tenants {
		tc := tenantCount{tenant: id}
		for _, p := range t.order {
			if !p.deleted() {
				tc.projects++
			}
		}
		if t.prod != nil {
			tc.media = len(t.prod.assets)
			tc.jobs = len(t.prod.jobs)
		}
		out = append(out, tc)
	}
	return out
}

// Metrics returns the Server's metrics in the Prometheus text exposition
// format: calls by Action, status and Code, latency histograms by Action,
// projects, media and jobs per tenant, journal, nonce cache, fault rules and
// quota buckets (openapi/admin.yaml lists the names). Twin of
// GET /_icefake/metrics.
func (s *Server) Metrics() (string, error) {
	b, err := s.metrics.text()
	return string(b), err
}

func adminMetrics(s *Server, _ *adminRequest) (int, any, error) {
	text, err := s.Metrics()
	if err != nil {
		return 0, nil, err
	}
	return 200, adminRaw{contentType: string(expfmt.NewFormat(expfmt.TypeTextPlain)), body: []byte(text)}, nil
}

package fake

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"
	"weak"

	"github.com/icefake/icefake/scenarios"
)

// The Go twins of the admin HTTP API (admin.go, openapi/admin.yaml): each
// endpoint under /_icefake/ calls one of these methods, or an older one
// (Reset, ResetTenant, InjectFault, ClearFaults, Now, Advance, SetTime,
// DroppedCalls, Quotas, SetQuota, RemoveQuota), and nothing else, so the two
// have the same meaning.

// ScenarioInfo describes a scenario loaded into a Server: how many entries
// of each kind it had and how many of its fault rules are still in place.
type ScenarioInfo struct {
	Name        string `json:"name"`
	Credentials int    `json:"credentials"`
	Media       int    `json:"media"`
	Templates   int    `json:"templates"`
	Projects    int    `json:"projects"` // projects it seeded
	Quotas      int    `json:"quotas"`   // quotas it set
	Faults      int    `json:"faults"`
	// ActiveFaults is how many of its fault rules are still in place.
	ActiveFaults int `json:"activeFaults"`
	// LoadedAt is the virtual-clock time of LoadScenario or
	// ReplaceScenarios; zero for a scenario applied at start (WithScenario,
	// icefake -scenario).
	LoadedAt time.Time `json:"loadedAt,omitzero"`
}

// FaultInfo is one fault rule as Server.Faults lists it.
type FaultInfo struct {
	ID    int   // what RemoveFault takes
	Fault Fault // the rule
	// Seen is how many matching calls the rule has counted so far.
	Seen int
	// Source names the scenario that scripted the rule; "" for a rule added
	// with InjectFault (Go or POST /_icefake/faults).
	Source string
}

// ClockInfo is the virtual clock's state.
type ClockInfo struct {
	Now    time.Time `json:"now"`    // current virtual time, UTC
	Frozen bool      `json:"frozen"` // stands still (SetTime, WithStartTime, StartT) rather than following real time
}

// CallFilter selects journalled calls for Server.CallsWhere; zero fields
// select everything.
type CallFilter struct {
	Action string // only calls of this Action
	Tenant string // only calls of this tenant (AccessKeyId)
	Code   string // only calls answered with this error Code
	Status int    // only calls answered with this HTTP status
	Limit  int    // only the newest Limit matching calls (still oldest first); 0 = all
}

// State is a dump of a Server's state (Server.Dump).
type State struct {
	// Tenants maps each tenant (AccessKeyId) with stored state to it.
	Tenants map[string]TenantState `json:"tenants"`
	// Credentials are the accepted AccessKeyIds, sorted; never secrets.
	Credentials []string `json:"credentials"`
	// Journal is how full the request journal is and how many calls it
	// dropped (JournalStats).
	Journal JournalStats `json:"journal"`
	// Nonces is how many SignatureNonces are remembered, of how many at
	// most (WithNonceCacheSize).
	Nonces NonceStats `json:"nonces"`
}

// TenantState is one tenant's part of a State.
type TenantState struct {
	// Projects are the tenant's live projects in creation order.
	Projects []Project `json:"projects"`
}

// errNoScenario is wrapped by RemoveScenario for an unknown name.
var errNoScenario = errors.New("no such scenario")

// adminState is what the control plane records beside the store: the
// loaded scenarios, in load order.
type adminState struct {
	start sync.Once
	mu    sync.Mutex // serialises scenario changes
	list  []ScenarioInfo
}

// adminStates holds each Server's adminState, keyed weakly so that a Server
// that is no longer used is collected with its entry.
var adminStates sync.Map // weak.Pointer[Server] → *adminState

func (s *Server) adminState() *adminState {
	key := weak.Make(s)
	v, ok := adminStates.Load(key)
	if !ok {
		var loaded bool
		v, loaded = adminStates.LoadOrStore(key, &adminState{})
		if !loaded {
			runtime.AddCleanup(s, func(k weak.Pointer[Server]) { adminStates.Delete(k) }, key)
		}
	}
	st := v.(*adminState)
	st.start.Do(func() { s.recordStartScenarios(st) })
	return st
}

// recordStartScenarios lists the scenarios New applied (WithScenario) and
// tags their fault rules and quotas. New injects WithFaults' rules first and
// then each scenario's, one rule per fault, so rule ids give them away.
func (s *Server) recordStartScenarios(st *adminState) {
	names := make([]string, len(s.cfg.scenarios))
	for i, sc := range s.cfg.scenarios {
		names[i] = sc.Name
		if names[i] == "" {
			names[i] = fmt.Sprintf("scenario-%d", i+1)
		}
	}
	s.tagStartQuotas(names)
	fs := s.faults
	fs.mu.Lock()
	defer fs.mu.Unlock()
	last := len(s.cfg.faults)
	for i, sc := range s.cfg.scenarios {
		name := names[i]
		first := last + 1
		last += len(sc.Faults)
		for _, r := range fs.rules {
			if r.id >= first && r.id <= last && r.source == "" {
				r.source = name
			}
		}
		info := scenarioInfo(sc, name, time.Time{})
		if j := st.index(name); j >= 0 {
			prev := &st.list[j]
			prev.Credentials += info.Credentials
			prev.Media += info.Media
			prev.Templates += info.Templates
			prev.Projects += info.Projects
			prev.Quotas += info.Quotas
			prev.Faults += info.Faults
			continue
		}
		st.list = append(st.list, info)
	}
}

// tagStartQuotas gives the quotas the start scenarios set their scenario as
// source, each over the quota it replaced, as LoadScenario would have, so
// that RemoveScenario brings that quota back. New set them as SetQuota does,
// each replacing the one before; an Action whose quota changed since New is
// left as it is.
func (s *Server) tagStartQuotas(names []string) {
	// Replay New: WithQuotas, the published SubmitMediaProducingJob quota
	// unless one was given, then the scenarios' quotas under their names.
	replay := newQuotaSet()
	for _, q := range s.cfg.quotas {
		replay.set(q, "")
	}
	if qps := s.cfg.production.qps(); qps > 0 {
		if _, ok := replay.current("SubmitMediaProducingJob"); !ok {
			replay.set(Quota{Action: "SubmitMediaProducingJob", Rate: float64(qps), Burst: qps}, "")
		}
	}
	touched := map[string]bool{}
	for i, sc := range s.cfg.scenarios {
		for _, q := range sc.Quotas {
			replay.set(quotaFromScenario(q), names[i])
			touched[q.Action] = true
		}
	}
	qs := s.quotas
	qs.mu.Lock()
	defer qs.mu.Unlock()
	for action := range touched {
		want, _ := replay.current(action)
		if l := qs.layers[action]; len(l) == 1 && l[0].source == "" && l[0].q == want {
			qs.layers[action] = replay.layers[action]
		}
	}
}

func quotaFromScenario(q scenarios.Quota) Quota {
	return Quota{Action: q.Action, Rate: q.Rate, Burst: q.Burst}
}

func scenarioInfo(sc *scenarios.Scenario, name string, at time.Time) ScenarioInfo {
	return ScenarioInfo{Name: name, Credentials: len(sc.Credentials), Media: len(sc.Media),
		Templates: len(sc.Templates), Projects: len(sc.Projects), Quotas: len(sc.Quotas),
		Faults: len(sc.Faults), LoadedAt: at}
}

func (st *adminState) index(name string) int {
	for i, info := range st.list {
		if info.Name == name {
			return i
		}
	}
	return -1
}

// LoadScenario applies a parsed scenario like Apply (credentials, media,
// templates, projects, quotas, faults) and records it under its Name, so
// that Scenarios lists it and RemoveScenario can take its fault rules and
// quotas out again. Loading a Name that is already loaded replaces that
// scenario's fault rules and quotas. It errors, having changed nothing, for
// a nil or unnamed scenario or one Apply rejects. Twin of
// POST /_icefake/scenarios?name=NAME.
func (s *Server) LoadScenario(sc *scenarios.Scenario) error {
	faults, err := checkScenario(sc)
	if err != nil {
		return err
	}
	st := s.adminState()
	st.mu.Lock()
	defer st.mu.Unlock()
	return s.loadScenarioLocked(st, sc, faults)
}

// ReplaceScenarios removes every fault rule (scenario or not) and the
// quotas the loaded scenarios set, forgets every scenario, then loads scs in
// order. Seeded credentials, media, templates and projects stay, and so do
// quotas set otherwise (SetQuota, WithQuotas, WithSubmitQPS). It errors,
// having changed nothing, if any scenario is nil, unnamed or rejected. Twin
// of PUT /_icefake/scenarios?name=NAME.
func (s *Server) ReplaceScenarios(scs ...*scenarios.Scenario) error {
	faults := make([][]Fault, len(scs))
	for i, sc := range scs {
		f, err := checkScenario(sc)
		if err != nil {
			return err
		}
		faults[i] = f
	}
	// Check the project seeds of all of them together before changing
	// anything, so a conflict leaves the server as it was.
	if _, err := s.scenarioSeeds(scenarios.Merge(scs...), nil); err != nil {
		return err
	}
	st := s.adminState()
	st.mu.Lock()
	defer st.mu.Unlock()
	s.ClearFaults()
	for _, info := range st.list {
		s.quotas.removeSource(info.Name)
	}
	st.list = nil
	for i, sc := range scs {
		if err := s.loadScenarioLocked(st, sc, faults[i]); err != nil {
			return err
		}
	}
	return nil
}

// RemoveScenario removes the fault rules scenario name scripted and the
// quotas it set (an Action's quota from before the scenario, if any, is in
// force again) and forgets the scenario; its credentials, media, templates
// and projects stay. It errors for a name that is not loaded. Twin of
// DELETE /_icefake/scenarios/{name}.
func (s *Server) RemoveScenario(name string) error {
	st := s.adminState()
	st.mu.Lock()
	defer st.mu.Unlock()
	i := st.index(name)
	if i < 0 {
		return fmt.Errorf("icefake: RemoveScenario %q: %w", name, errNoScenario)
	}
	s.removeFaultsOf(name)
	s.quotas.removeSource(name)
	st.list = append(st.list[:i], st.list[i+1:]...)
	return nil
}

// Scenarios returns the loaded scenarios in load order, those applied at
// start (WithScenario) first. Twin of GET /_icefake/scenarios.
func (s *Server) Scenarios() []ScenarioInfo {
	st := s.adminState()
	st.mu.Lock()
	defer st.mu.Unlock()
	active := map[string]int{}
	s.faults.mu.Lock()
	for _, r := range s.faults.rules {
		if r.source != "" {
			active[r.source]++
		}
	}
	s.faults.mu.Unlock()
	out := make([]ScenarioInfo, len(st.list))
	for i, info := range st.list {
		info.ActiveFaults = active[info.Name]
		out[i] = info
	}
	return out
}

// checkScenario returns sc's fault rules, or why sc cannot be loaded.
func checkScenario(sc *scenarios.Scenario) ([]Fault, error) {
	if sc == nil {
		return nil, errors.New("icefake: nil scenario")
	}
	if sc.Name == "" {
		return nil, errors.New("icefake: a scenario to load needs a Name")
	}
	return scenarioFaults(sc)
}

// scenarioFaults applies sc to a scratch Server and returns the fault rules
// it got, having checked every entry of sc. Apply stays the one place where
// scenario entries become fake values, so LoadScenario cannot drift from it.
func scenarioFaults(sc *scenarios.Scenario) ([]Fault, error) {
	scratch, err := New(WithoutDefaultCredentials(), WithSeed(1), WithStartTime(DefaultStartTime))
	if err != nil {
		return nil, err
	}
	if err := scratch.Apply(sc); err != nil {
		return nil, err
	}
	out := make([]Fault, 0, len(scratch.faults.rules))
	for _, r := range scratch.faults.rules {
		out = append(out, r.f)
	}
	return out, nil
}

// loadScenarioLocked applies sc, whose rules checkScenario returned, with
// st.mu held.
func (s *Server) loadScenarioLocked(st *adminState, sc *scenarios.Scenario, faults []Fault) error {
	if err := s.faults.roomFor(len(faults), sc.Name); err != nil {
		return err
	}
	seeds := *sc
	seeds.Faults, seeds.Quotas = nil, nil
	if err := s.Apply(&seeds); err != nil {
		return err
	}
	s.removeFaultsOf(sc.Name)
	s.quotas.removeSource(sc.Name)
	for _, f := range faults {
		if _, err := s.injectFault(f, sc.Name); err != nil {
			return err
		}
	}
	// checkScenario validated them (scenarioFaults applies sc in full).
	s.quotas.mu.Lock()
	for _, q := range sc.Quotas {
		s.quotas.set(quotaFromScenario(q), sc.Name)
	}
	s.quotas.mu.Unlock()
	info := scenarioInfo(sc, sc.Name, s.Now())
	if i := st.index(sc.Name); i >= 0 {
		st.list[i] = info
	} else {
		st.list = append(st.list, info)
	}
	return nil
}

func (s *Server) removeFaultsOf(source string) {
	fs := s.faults
	fs.mu.Lock()
	defer fs.mu.Unlock()
	keep := fs.rules[:0]
	for _, r := range fs.rules {
		if r.source != source {
			keep = append(keep, r)
		}
	}
	clear(fs.rules[len(keep):])
	fs.rules = keep
	fs.reindex()
}

// Faults returns the fault rules in the order they are checked. Twin of
// GET /_icefake/faults.
func (s *Server) Faults() []FaultInfo {
	s.adminState() // tags the rules of scenarios applied at start
	fs := s.faults
	fs.mu.Lock()
	defer fs.mu.Unlock()
	out := make([]FaultInfo, 0, len(fs.rules))
	for _, r := range fs.rules {
		out = append(out, FaultInfo{ID: r.id, Fault: r.f, Seen: r.seen, Source: r.source})
	}
	return out
}

// RemoveFault removes the fault rule with this id (FaultInfo.ID) and
// reports whether there was one. Twin of DELETE /_icefake/faults/{id}.
func (s *Server) RemoveFault(id int) bool {
	fs := s.faults
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for i, r := range fs.rules {
		if r.id == id {
			fs.rules = append(fs.rules[:i], fs.rules[i+1:]...)
			fs.reindex()
			return true
		}
	}
	return false
}

// Clock returns the virtual clock's time and whether it is frozen. Twin of
// GET /_icefake/clock.
func (s *Server) Clock() ClockInfo {
	s.clock.mu.Lock()
	frozen := s.clock.frozen
	s.clock.mu.Unlock()
	return ClockInfo{Now: s.Now(), Frozen: frozen}
}

// CallsWhere returns the journalled calls f selects, oldest first. Twin of
// GET /_icefake/journal.
func (s *Server) CallsWhere(f CallFilter) []Call {
	out := s.MatchingCalls(CallMatch{Action: f.Action, Tenant: f.Tenant, Code: f.Code, Status: f.Status})
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[len(out)-f.Limit:]
	}
	if out == nil {
		out = []Call{}
	}
	return out
}

// ClearJournal forgets every journalled call and resets DroppedCalls. Twin
// of DELETE /_icefake/journal.
func (s *Server) ClearJournal() { s.journal.clear() }

// Dump returns the tenants with stored state and their live projects, and
// the accepted AccessKeyIds. With a tenant, only that tenant and the
// AccessKeyIds that act as it. Twin of GET /_icefake/state?tenant=.
func (s *Server) Dump(tenant string) State {
	st := State{Tenants: map[string]TenantState{}, Credentials: []string{}}
	for _, id := range s.Tenants() {
		if tenant != "" && id != tenant {
			continue
		}
		ps := s.Projects(id)
		if ps == nil {
			ps = []Project{}
		}
		st.Tenants[id] = TenantState{Projects: ps}
	}
	for _, id := range s.Credentials() {
		if c, ok := s.keys.get(id); ok && (tenant == "" || c.tenant() == tenant) {
			st.Credentials = append(st.Credentials, id)
		}
	}
	st.Journal = s.JournalStats()
	st.Nonces = s.NonceStats()
	return st
}

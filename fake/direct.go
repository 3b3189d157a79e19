package fake

import (
	"errors"
	"fmt"
	"time"

	"github.com/icefake/icefake/scenarios"
)

// Direct state access beside the wire API, for seeding and assertions
// (miniredis direct.go). Every method is goroutine-safe and uses the same
// store and lock as the handlers.

// Project returns a copy of tenant's project id; ok is false for an unknown
// or deleted project. tenant is the AccessKeyId the project was created with.
// Finished media-producing jobs are reflected first (Produced/ProduceFailed).
func (s *Server) Project(tenant, id string) (Project, bool) {
	s.settleJobs(tenant)
	return s.store.project(tenant, id)
}

// Projects returns copies of tenant's live projects in creation order.
func (s *Server) Projects(tenant string) []Project {
	s.settleJobs(tenant)
	return s.store.projects(tenant)
}

// Tenants returns the AccessKeyIds that have stored state, sorted.
func (s *Server) Tenants() []string { return s.store.tenantIDs() }

// AddMedia seeds media (shared by every tenant) whose durations Timelines
// resolve against. A later entry with the same MediaId or MediaURL wins.
// It errors (seeding nothing) for a duration outside 0..10,000,000 s, the
// range every Timeline time has, so project durations fit every SDK type.
func (s *Server) AddMedia(m ...Media) error {
	if err := checkMedia(m); err != nil {
		return err
	}
	s.store.addMedia(m...)
	return nil
}

func checkMedia(ms []Media) error {
	for _, m := range ms {
		if m.MediaId == "" && m.MediaURL == "" {
			return fmt.Errorf("icefake: media needs a MediaId or a MediaURL")
		}
		if m.Duration < 0 || m.Duration > scenarios.MaxSeconds || m.Duration != m.Duration {
			return fmt.Errorf("icefake: media %s%s: Duration %v is not within 0..%d s", m.MediaId, m.MediaURL, m.Duration, scenarios.MaxSeconds)
		}
	}
	return nil
}

// Reset puts the server back to its scripted start between test cases, so
// the same calls get the same scripted answers again. It drops every
// tenant's state (projects, seeded ones included, their materials,
// registered media, media-producing jobs and idempotency tokens), clears
// the journal (and DroppedCalls), zeroes every fault rule's seen counter
// (After, Times and Sequence count from the start again) and refills every
// quota bucket. What stays: fault rules, quotas, credentials, seeded media
// and templates, loaded scenarios (Scenarios), the virtual clock, the ID
// sequence and the remembered SignatureNonces. Twin of POST /_icefake/reset.
func (s *Server) Reset() {
	s.store.reset("")
	s.journal.clear()
	s.faults.resetSeen("")
	s.quotas.resetBuckets("")
}

// ResetTenant is Reset for one tenant (AccessKeyId): it drops that tenant's
// state and journal entries, zeroes the seen counters of the fault rules
// scoped to it (Fault.Tenant) and refills its quota buckets. Other tenants,
// and the counters of rules not scoped to a tenant, are untouched; what
// Reset keeps stays. An empty tenant does nothing. Twin of
// POST /_icefake/reset?tenant=ID.
func (s *Server) ResetTenant(tenant string) {
	if tenant == "" {
		return
	}
	s.store.reset(tenant)
	s.journal.removeTenant(tenant)
	s.faults.resetSeen(tenant)
	s.quotas.resetBuckets(tenant)
}

// Apply applies a parsed scenario: its credentials are accepted, its media,
// templates and projects seeded (projects as SeedProject does, after the
// media and templates, so their Durations and templates resolve against
// them) and its faults injected. It errors (having applied nothing) if a
// fault or a project is invalid, or a project's ProjectId is taken.
func (s *Server) Apply(sc *scenarios.Scenario) error {
	if sc == nil {
		return errors.New("icefake: Apply: nil scenario")
	}
	faults := make([]Fault, 0, len(sc.Faults))
	for i, f := range sc.Faults {
		ff := faultFromScenario(f)
		if err := ff.validate(); err != nil {
			return fmt.Errorf("%s: faults[%d]: %w", sc.Name, i, err)
		}
		faults = append(faults, ff)
	}
	quotas := make([]Quota, 0, len(sc.Quotas))
	for i, q := range sc.Quotas {
		qq := quotaFromScenario(q)
		if err := qq.validate(); err != nil {
			return fmt.Errorf("%s: quotas[%d]: %w", sc.Name, i, err)
		}
		quotas = append(quotas, qq)
	}
	creds := make([]Credential, 0, len(sc.Credentials))
	for _, c := range sc.Credentials {
		creds = append(creds, Credential{AccessKeyId: c.AccessKeyId, AccessKeySecret: c.AccessKeySecret, SecurityToken: c.SecurityToken})
	}
	if err := s.faults.roomFor(len(faults), ""); err != nil {
		return fmt.Errorf("%s: faults: %w", sc.Name, err)
	}
	media := make([]Media, 0, len(sc.Media))
	for _, m := range sc.Media {
		media = append(media, Media{MediaId: m.MediaId, MediaURL: m.MediaURL, Duration: m.Duration, Type: m.Type, Title: m.Title,
			Size: m.Size, Width: m.Width, Height: m.Height})
	}
	templates, err := scenarioTemplates(sc)
	if err != nil {
		return err
	}
	seeds, err := s.scenarioSeeds(sc, templates)
	if err != nil {
		return err
	}
	if err := s.keys.add(creds...); err != nil {
		return fmt.Errorf("%s: credentials: %w", sc.Name, err)
	}
	s.store.addMedia(media...)
	s.store.addTemplates(templates...)
	if _, err := s.commitSeeds(seeds); err != nil {
		return fmt.Errorf("%s: projects: %w", sc.Name, err)
	}
	for _, q := range quotas {
		if err := s.SetQuota(q); err != nil {
			return err
		}
	}
	for _, f := range faults {
		if _, err := s.InjectFault(f); err != nil {
			return err
		}
	}
	return nil
}

// faultFromScenario converts a scenario fault to the Go model (the same
// fields under the same names).
func faultFromScenario(f scenarios.Fault) Fault {
	ff := Fault{
		Action: f.Action, Tenant: f.Tenant, Match: f.Match, From: f.From, Until: f.Until,
		After: f.After, Times: f.Times,
		Code: Code(f.Code), Status: f.Status, Message: f.Message, Delay: f.Delay, Transport: Transport(f.Transport),
	}
	for _, m := range f.MatchJSON {
		ff.MatchJSON = append(ff.MatchJSON, JSONMatch{Param: m.Param, Path: m.Path, Value: m.Value})
	}
	for _, o := range f.Sequence {
		ff.Sequence = append(ff.Sequence, Outcome{OK: o.OK, Code: Code(o.Code), Status: o.Status, Message: o.Message, Delay: o.Delay, Transport: Transport(o.Transport)})
	}
	return ff
}

// startedAt is used by health reports.
var startedAt = time.Now()

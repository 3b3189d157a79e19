package fake

import "github.com/icefake/icefake/timeline"

// The Duration model lives in package timeline (docs/fidelity.md
// "Duration"); this file resolves a tenant's media for it.

// projectDuration computes a Timeline's duration for tenant at the virtual
// clock's now, resolving clips against the media tenant can see: the media
// it registered (durations from the seed describing their InputURL), the
// outputs of its succeeded media-producing jobs, then the shared seeds.
func (s *Server) projectDuration(tenant, timeline string) float64 {
	now := s.clock.Now()
	s.store.mu.RLock()
	defer s.store.mu.RUnlock()
	return timelineDuration(timeline, s.store.tenantMedia(tenant, now))
}

// timelineDuration computes the output duration of a Timeline that already
// passed validation. An empty timeline (or one that fails to decode, which
// validation rules out) lasts 0 s.
func timelineDuration(text string, media mediaLookup) float64 {
	tl, err := timeline.Parse(text)
	if err != nil {
		return 0
	}
	if m, ok := media.(timeline.Media); ok {
		return tl.Duration(m) // the same interface value: no second box
	}
	return tl.Duration(timelineMedia{media})
}

// Duration implements timeline.Media.
func (v tenantMedia) Duration(mediaID, mediaURL string) (float64, bool) {
	return v.duration(mediaID, mediaURL)
}

// timelineMedia adapts a mediaLookup to timeline.Media.
type timelineMedia struct{ mediaLookup }

func (m timelineMedia) Duration(mediaID, mediaURL string) (float64, bool) {
	return m.duration(mediaID, mediaURL)
}

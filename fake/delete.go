package fake

import (
	"strings"
	"time"
)

// deleteEditingProjects soft-deletes projects (API reference: DeleteEditingProjects; docs/fidelity.md
// "State and semantics"): their Status becomes Deleted, Get/Update and the
// material operations answer ProjectNotFound, Search/List omit them.
// Unknown and already-deleted IDs are ignored, so the call is idempotent.
func (s *Server) deleteEditingProjects(c *call) (response, error) {
	ids := splitCommaIDs(c.Params.Get("ProjectIds"))
	if len(ids) == 0 {
		return nil, missingParameter("ProjectIds")
	}
	s.store.deleteProjects(c.Tenant, ids, c.Now)
	return &requestIDResponse{}, nil
}

// deleteProjects marks tenant's live projects ids Deleted at now and drops
// their materials.
func (st *store) deleteProjects(tenant string, ids []string, now time.Time) {
	st.mu.Lock()
	defer st.mu.Unlock()
	t := st.tenants[tenant]
	if t == nil {
		return
	}
	for _, id := range ids {
		p := t.lookup(id)
		if p == nil || p.deleted() {
			continue
		}
		before := classOf(p)
		p.status = uint8(StatusDeleted)
		p.modifiedSec, p.modifiedNsec = now.Unix(), int32(now.Nanosecond())
		t.index.reclass(p, before)
		delete(t.materials, id)
	}
}

// splitCommaIDs splits a comma-separated list (IDs, URLs, addition types),
// trimming spaces and dropping empty items.
func splitCommaIDs(v string) []string {
	var out []string
	for _, id := range strings.Split(v, ",") {
		if id = strings.TrimSpace(id); id != "" {
			out = append(out, id)
		}
	}
	return out
}

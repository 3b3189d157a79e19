package fake

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
)

// CallMatch describes calls to look for in the journal: every non-zero field
// must equal the call's (Params: each listed parameter must have that value;
// other parameters are ignored).
type CallMatch struct {
	Action string
	Tenant string
	Params map[string]string
	Status int
	Code   string
}

// String renders m as the assertion messages show it, e.g.
// `CreateEditingProject with Title="x"`.
func (m CallMatch) String() string {
	var parts []string
	if m.Action != "" {
		parts = append(parts, m.Action)
	} else {
		parts = append(parts, "call")
	}
	var conds []string
	for _, k := range sortedKeys(m.Params) {
		conds = append(conds, fmt.Sprintf("%s=%q", k, m.Params[k]))
	}
	if m.Tenant != "" {
		conds = append(conds, "tenant="+m.Tenant)
	}
	if m.Status != 0 {
		conds = append(conds, fmt.Sprintf("status=%d", m.Status))
	}
	if m.Code != "" {
		conds = append(conds, "Code="+m.Code)
	}
	if len(conds) > 0 {
		parts = append(parts, "with "+strings.Join(conds, ", "))
	}
	return strings.Join(parts, " ")
}

// misses lists how c differs from m; empty means c matches.
func (m CallMatch) misses(c Call) []string {
	var out []string
	if m.Action != "" && c.Action != m.Action {
		out = append(out, fmt.Sprintf("Action %s", c.Action))
	}
	for _, k := range sortedKeys(m.Params) {
		got, ok := c.Params[k]
		switch {
		case !ok:
			out = append(out, k+" absent")
		case got != m.Params[k]:
			out = append(out, fmt.Sprintf("%s=%q", k, got))
		}
	}
	if m.Tenant != "" && c.Tenant != m.Tenant {
		out = append(out, "tenant="+c.Tenant)
	}
	if m.Status != 0 && c.Status != m.Status {
		out = append(out, fmt.Sprintf("status=%d", c.Status))
	}
	if m.Code != "" && c.Code != m.Code {
		out = append(out, fmt.Sprintf("Code=%q", c.Code))
	}
	return out
}

// MatchingCalls returns the journalled calls that match m, oldest first.
func (s *Server) MatchingCalls(m CallMatch) []Call {
	var out []Call
	for _, c := range s.journal.calls() {
		if len(m.misses(c)) == 0 {
			out = append(out, c)
		}
	}
	return out
}

// ErrorReporter is the part of testing.TB the assertion helpers need.
type ErrorReporter interface {
	Helper()
	Errorf(format string, args ...any)
}

// ExpectCalls reports a test error unless exactly n journalled calls match m.
// The message lists the matching calls and, when there are too few, the
// nearest misses first, e.g.
//
//	expected 1 CreateEditingProject with Title="x"; saw 0
//	nearest misses:
//	  #3 CreateEditingProject 200 RequestId=… differs: Title="y"
func (s *Server) ExpectCalls(t ErrorReporter, n int, m CallMatch) bool {
	t.Helper()
	if msg := s.explainCalls(n, m); msg != "" {
		t.Errorf("%s", msg)
		return false
	}
	return true
}

// explainCalls returns "" when exactly n calls match m, else the message.
func (s *Server) explainCalls(n int, m CallMatch) string {
	all := s.journal.calls()
	type miss struct {
		i    int
		c    Call
		diff []string
	}
	var hits []miss
	var near []miss
	for i, c := range all {
		d := m.misses(c)
		if len(d) == 0 {
			hits = append(hits, miss{i + 1, c, nil})
		} else {
			near = append(near, miss{i + 1, c, d})
		}
	}
	if len(hits) == n {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "expected %d %s; saw %d", n, m, len(hits))
	line := func(x miss) {
		fmt.Fprintf(&b, "\n  #%d %s %d RequestId=%s", x.i, x.c.Action, x.c.Status, x.c.RequestId)
		if x.c.Code != "" {
			fmt.Fprintf(&b, " Code=%s", x.c.Code)
		}
		if len(x.diff) > 0 {
			fmt.Fprintf(&b, " differs: %s", strings.Join(x.diff, ", "))
		}
	}
	if len(hits) > 0 {
		b.WriteString(":")
		for _, h := range hits {
			line(h)
		}
	}
	if len(hits) < n && len(near) > 0 {
		sort.SliceStable(near, func(i, j int) bool { return len(near[i].diff) < len(near[j].diff) })
		b.WriteString("\nnearest misses:")
		for _, x := range near[:min(len(near), 5)] {
			line(x)
		}
	}
	return b.String()
}

func sortedKeys(m map[string]string) []string { return slices.Sorted(maps.Keys(m)) }

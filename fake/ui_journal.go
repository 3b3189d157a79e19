package fake

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/icefake/icefake/timeline"
)

// The journal pages: the latest calls with why each got its answer, and one
// call's page with its parameters (secrets redacted as the journal stores
// them), its answer and, for a failure, how each fault rule differs from it.

type journalPage struct {
	Filter  CallFilter
	Status  string // the status filter as typed
	Problem string // a filter that could not be read
	Rows    []Call
	Pager   pager
	Held    int
	Dropped int
}

func (s *Server) uiJournal(w http.ResponseWriter, r *http.Request, _ string) {
	q := r.URL.Query()
	pg := journalPage{Filter: CallFilter{Action: strings.TrimSpace(q.Get("action")), Tenant: strings.TrimSpace(q.Get("tenant"))},
		Status: strings.TrimSpace(q.Get("status"))}
	status := http.StatusOK
	if pg.Status != "" {
		n, err := strconv.Atoi(pg.Status)
		if err != nil || n < 100 || n > 599 {
			pg.Problem = fmt.Sprintf("status %q: give an HTTP status such as 400", pg.Status)
			status = http.StatusBadRequest
		}
		pg.Filter.Status = n
	}
	if pg.Problem == "" {
		calls := s.CallsWhere(pg.Filter)
		slices.Reverse(calls) // newest first
		page := pageParam(r)
		lo, hi := pageBounds(page, uiPageSize, len(calls))
		pg.Rows = calls[lo:hi]
		pg.Pager = newPager(r, page, len(calls))
	}
	pg.Held, _, pg.Dropped = s.journal.stats()
	s.uiRender(w, r, status, "journal", "Journal", pg)
}

// faultDiff is how one fault rule differs from a call.
type faultDiff struct {
	Rule    FaultInfo
	Summary string   // the rule in one line
	Misses  []string // empty: the rule matches the call
}

type callPage struct {
	Call    Call
	Params  []field
	Drawing *tlDrawing // the call's Timeline parameter, drawn
	Diffs   []faultDiff
	More    int // rules not shown
}

// maxFaultDiffs is how many of the nearest fault rules a call page lists.
const maxFaultDiffs = 5

// uiCall serves /calls/{RequestId}.
func (s *Server) uiCall(w http.ResponseWriter, r *http.Request, _ string) {
	id, err := url.PathUnescape(strings.TrimPrefix(r.URL.EscapedPath(), uiPrefix+"calls/"))
	if err != nil || id == "" {
		s.uiError(w, r, http.StatusNotFound, "a call page is "+uiPrefix+"calls/{RequestId}")
		return
	}
	var pg callPage
	found := false
	for _, c := range s.journal.calls() {
		if c.RequestId == id {
			pg.Call, found = c, true
		}
	}
	if !found {
		s.uiError(w, r, http.StatusNotFound, fmt.Sprintf("no journalled call has RequestId %q (the journal keeps the latest calls only)", id))
		return
	}
	for _, k := range sortedKeys(pg.Call.Params) {
		v := pg.Call.Params[k]
		if strings.HasPrefix(strings.TrimSpace(v), "{") {
			v = prettyJSON(v)
		}
		pg.Params = append(pg.Params, field{k, v})
	}
	if text := pg.Call.Params["Timeline"]; text != "" {
		if tl, err := timeline.Parse(text); err == nil {
			now := s.clock.Now()
			s.store.mu.RLock()
			media := s.store.tenantMedia(pg.Call.Tenant, now)
			d := drawTimeline(tl, timelineMedia{media}, media)
			s.store.mu.RUnlock()
			pg.Drawing = &d
		}
	}
	if pg.Call.Status >= 400 {
		pg.Diffs = faultDiffs(s.Faults(), pg.Call)
		if len(pg.Diffs) > maxFaultDiffs {
			pg.More = len(pg.Diffs) - maxFaultDiffs
			pg.Diffs = pg.Diffs[:maxFaultDiffs]
		}
	}
	s.uiRender(w, r, http.StatusOK, "call", "Call "+id, pg)
}

// faultDiffs returns every rule with how it differs from c, nearest (fewest
// differences) first, ties in rule order.
func faultDiffs(rules []FaultInfo, c Call) []faultDiff {
	out := make([]faultDiff, 0, len(rules))
	for _, fi := range rules {
		out = append(out, faultDiff{Rule: fi, Summary: ruleSummary(fi.Fault), Misses: faultMisses(fi.Fault, c)})
	}
	slices.SortStableFunc(out, func(a, b faultDiff) int { return len(a.Misses) - len(b.Misses) })
	return out
}

// faultMisses lists how c fails to match f's conditions, in the words of a
// rule: what the rule wants, what the call had. It mirrors pick and matches
// (faults.go) on the journalled call.
func faultMisses(f Fault, c Call) []string {
	var out []string
	if f.Action != c.Action {
		out = append(out, fmt.Sprintf("Action: the rule wants %s, the call was %s", f.Action, orNone(c.Action)))
	}
	if f.Tenant != "" && f.Tenant != c.Tenant {
		out = append(out, fmt.Sprintf("tenant: the rule wants %s, the call was %s", f.Tenant, orNone(c.Tenant)))
	}
	for _, k := range sortedKeys(f.Match) {
		got, ok := c.Params[k]
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("%s: the rule wants %q, the call had none", k, f.Match[k]))
		case got != f.Match[k]:
			out = append(out, fmt.Sprintf("%s: the rule wants %q, the call had %q", k, f.Match[k], got))
		}
	}
	for _, m := range f.MatchJSON {
		got, ok := jsonValueAt(c.Params[m.Param], m.Path)
		where := m.Param + strings.TrimPrefix(m.Path, "$")
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("%s: the rule wants %q, the call had nothing there", where, m.Value))
		case got != m.Value:
			out = append(out, fmt.Sprintf("%s: the rule wants %q, the call had %q", where, m.Value, got))
		}
	}
	if !inWindow(f, c.Time) {
		out = append(out, fmt.Sprintf("time: the rule applies from %s until %s, the call came at %s",
			orOpen(f.From), orOpen(f.Until), wireTime(c.Time)))
	}
	return out
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func orOpen(t time.Time) string {
	if t.IsZero() {
		return "(open)"
	}
	return wireTime(t)
}

// ruleSummary describes a fault rule in one line: what it matches and what
// it answers, e.g. `SubmitMediaProducingJob tenant=k1 after 1, 2 times -> Throttling`.
func ruleSummary(f Fault) string {
	var b strings.Builder
	b.WriteString(f.Action)
	if f.Tenant != "" {
		fmt.Fprintf(&b, " tenant=%s", f.Tenant)
	}
	for _, k := range sortedKeys(f.Match) {
		fmt.Fprintf(&b, " %s=%q", k, f.Match[k])
	}
	for _, m := range f.MatchJSON {
		fmt.Fprintf(&b, " %s%s=%q", m.Param, strings.TrimPrefix(m.Path, "$"), m.Value)
	}
	if !f.From.IsZero() || !f.Until.IsZero() {
		fmt.Fprintf(&b, " from %s until %s", orOpen(f.From), orOpen(f.Until))
	}
	if f.After > 0 {
		fmt.Fprintf(&b, " after %d", f.After)
	}
	if len(f.Sequence) > 0 {
		outs := make([]string, len(f.Sequence))
		for i, o := range f.Sequence {
			outs[i] = outcomeText(o)
		}
		fmt.Fprintf(&b, " -> sequence %s", strings.Join(outs, ", "))
		return b.String()
	}
	if f.Times > 0 {
		fmt.Fprintf(&b, " %d times", f.Times)
	}
	return b.String() + " -> " + outcomeText(f.outcome())
}

func outcomeText(o Outcome) string {
	var s string
	switch {
	case o.Code != "":
		s = string(o.Code)
		if o.Status != 0 {
			s += fmt.Sprintf(" (%d)", o.Status)
		}
	case o.Transport != "":
		s = "transport " + string(o.Transport)
	default:
		s = "ok"
	}
	if o.Delay > 0 {
		s += fmt.Sprintf(" after %s", o.Delay)
	}
	return s
}

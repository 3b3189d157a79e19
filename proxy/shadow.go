package proxy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// shadowState maps the upstream's resource IDs to the shadow fake's, learnt
// from their answers, so that a later call naming an upstream ID reaches
// the matching shadow resource.
type shadowState struct {
	mu  sync.Mutex
	ids map[string]string
}

func newShadowState() *shadowState { return &shadowState{ids: map[string]string{}} }

var (
	idLike   = regexp.MustCompile(`^[0-9a-f]{32}$`)
	timeLike = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$`)
)

// ignoredFields differ on every call: normalised away before comparing.
var ignoredFields = map[string]bool{"RequestId": true, "HostId": true, "Recommend": true}

// shadowCompare sends the call to the shadow fake, with the upstream IDs it
// names translated, and reports where the two answers differ.
func (p *Proxy) shadowCompare(r *http.Request, in *incoming, body []byte, status int, upBody []byte) []Finding {
	st := p.shadow
	st.mu.Lock()
	pairs := make([]string, 0, 2*len(st.ids))
	for up, sh := range st.ids {
		pairs = append(pairs, up, sh)
	}
	st.mu.Unlock()
	rep := strings.NewReplacer(pairs...)
	target := "/"
	if q := r.URL.RawQuery; q != "" {
		target += "?" + rep.Replace(q)
	}
	req, err := http.NewRequestWithContext(r.Context(), r.Method, target, bytes.NewReader([]byte(rep.Replace(string(body)))))
	if err != nil {
		return []Finding{{Rule: RuleShadowDifference, Path: "$", Message: "The call could not be sent to the fake: " + err.Error()}}
	}
	req.Header = r.Header.Clone()
	rec := &recorder{header: http.Header{}}
	p.o.Shadow.ServeHTTP(rec, req)
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	var out []Finding
	if rec.status != status {
		out = append(out, Finding{Rule: RuleShadowDifference, Path: "status", Message: fmt.Sprintf("Upstream answered HTTP %d, the fake %d.", status, rec.status)})
	}
	var up, sh any
	if json.Unmarshal(upBody, &up) != nil || json.Unmarshal(rec.body.Bytes(), &sh) != nil {
		if !bytes.Equal(upBody, rec.body.Bytes()) {
			out = append(out, Finding{Rule: RuleShadowDifference, Path: "$", Message: "The answers differ and are not both JSON."})
		}
		return out
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	return append(out, st.diff("$", up, sh)...)
}

// diff compares the upstream answer a with the fake's b.
func (st *shadowState) diff(path string, a, b any) []Finding {
	ma, aMap := a.(map[string]any)
	mb, bMap := b.(map[string]any)
	if aMap && bMap {
		keys := map[string]bool{}
		for k := range ma {
			keys[k] = true
		}
		for k := range mb {
			keys[k] = true
		}
		var out []Finding
		for _, k := range slices.Sorted(maps.Keys(keys)) {
			if path == "$" && ignoredFields[k] {
				continue
			}
			p := path + "." + k
			va, inA := ma[k]
			vb, inB := mb[k]
			switch {
			case !inB:
				out = append(out, Finding{Rule: RuleShadowDifference, Path: p, Message: fmt.Sprintf("Upstream has %s, the fake does not.", clip(va))})
			case !inA:
				out = append(out, Finding{Rule: RuleShadowDifference, Path: p, Message: fmt.Sprintf("The fake has %s, upstream does not.", clip(vb))})
			default:
				out = append(out, st.diff(p, va, vb)...)
			}
		}
		return out
	}
	la, aList := a.([]any)
	lb, bList := b.([]any)
	if aList && bList {
		var out []Finding
		if len(la) != len(lb) {
			out = append(out, Finding{Rule: RuleShadowDifference, Path: path, Message: fmt.Sprintf("Upstream has %d items, the fake %d.", len(la), len(lb))})
		}
		for i := range min(len(la), len(lb)) {
			out = append(out, st.diff(fmt.Sprintf("%s[%d]", path, i), la[i], lb[i])...)
		}
		return out
	}
	sa, aStr := a.(string)
	sb, bStr := b.(string)
	switch {
	case aStr && bStr && idLike.MatchString(sa) && idLike.MatchString(sb):
		known, ok := st.ids[sa]
		switch {
		case !ok && sa == sb:
			return nil // the same resource on both (seeded alike)
		case !ok:
			st.ids[sa] = sb
			return nil
		case known == sb:
			return nil
		}
	case aStr && bStr && timeLike.MatchString(sa) && timeLike.MatchString(sb):
		return nil
	}
	if jsonEqual(a, b) {
		return nil
	}
	return []Finding{{Rule: RuleShadowDifference, Path: path, Message: fmt.Sprintf("Upstream has %s (%s), the fake %s (%s).", clip(a), jsonKind(a), clip(b), jsonKind(b))}}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// recorder is a minimal in-memory http.ResponseWriter for the shadow.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.body.Write(b)
}
func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}

package scenarios

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"

	"github.com/icefake/icefake/openapi"
)

// MaxDelay bounds a fault's delay (fake.MaxFaultDelay).
const MaxDelay = 10 * time.Minute

var (
	faultKeys   = []string{"action", "tenant", "match", "matchJSON", "from", "until", "after", "times", "sequence", "code", "status", "message", "delay", "transport"}
	outcomeKeys = []string{"ok", "code", "status", "message", "delay", "transport"}
	jsonKeys    = []string{"param", "path", "value"}
	quotaKeys   = []string{"action", "rate", "burst"}

	// transports are the values Fault.Transport may take.
	transports = []string{"drop", "html414", "html502", "html504", "truncated"}

	// jsonPathRE is the JSONPath subset faults match on: $ then .Name / [n].
	jsonPathRE = regexp.MustCompile(`^\$(?:\.[A-Za-z0-9_-]+|\[\d+\])+$`)
)

func (p *parser) faults(spec *openapi.Spec, n *yaml.Node, path string, sc *Scenario) {
	items, _ := p.sequence(n, path)
	for i, item := range items {
		ip := index(path, i)
		fields, ok := p.mapping(item, ip, faultKeys)
		if !ok {
			continue
		}
		f := Fault{Line: item.Line}
		var match, matchJSON *yaml.Node
		var matchPath, matchJSONPath string
		for _, kv := range fields {
			kp := child(ip, kv.key.Value)
			switch kv.key.Value {
			case "action":
				f.Action, _ = p.action(spec, kv.val, kp)
			case "tenant":
				if v, ok := p.str(kv.val, kp); ok {
					f.Tenant = v
				}
			case "match":
				match, matchPath = kv.val, kp
			case "matchJSON":
				matchJSON, matchJSONPath = kv.val, kp
			case "from", "until":
				if v, ok := p.str(kv.val, kp); ok {
					t, err := time.Parse(time.RFC3339, v)
					if err != nil {
						p.errorf(kv.val.Line, kp, "%q is not an RFC 3339 time such as \"2024-01-01T00:05:00Z\"", clip(v))
					}
					if kv.key.Value == "from" {
						f.From = t
					} else {
						f.Until = t
					}
				}
			case "after":
				f.After = p.nonNegative(kv.val, kp)
			case "times":
				f.Times = p.positive(kv.val, kp, "omit times to fail every matching call once `after` calls have succeeded")
			case "sequence":
				f.Sequence = p.outcomes(spec, kv.val, kp)
			}
		}
		o := p.outcome(spec, fields, ip, false)
		f.Code, f.Status, f.Message, f.Delay, f.Transport = o.Code, o.Status, o.Message, o.Delay, o.Transport
		p.require(fields, item, ip, "action")
		if kv, ok := lookup(fields, "sequence"); ok {
			for _, key := range []string{"times", "code", "status", "message", "delay", "transport"} {
				if other, ok := lookup(fields, key); ok {
					p.errorf(other.key.Line, child(ip, key), "cannot be combined with sequence (line %d): give each step its own outcome", kv.key.Line)
				}
			}
		} else if !has(fields, "code") && !has(fields, "transport") && !has(fields, "delay") {
			p.errorf(item.Line, child(ip, "code"), "required unless delay, transport or sequence is set")
		}
		if !f.From.IsZero() && !f.Until.IsZero() && !f.Until.After(f.From) {
			kv, _ := lookup(fields, "until")
			p.errorf(kv.key.Line, child(ip, "until"), "must be after from")
		}
		if match != nil || matchJSON != nil {
			// Only a rule that matches on parameters needs its Action's
			// operation (a generated one is compiled here, once).
			op := p.operation(spec, f.Action, item.Line, child(ip, "action"))
			if match != nil {
				f.Match = p.match(op, f.Action, match, matchPath)
			}
			if matchJSON != nil {
				f.MatchJSON = p.matchJSON(op, f.Action, matchJSON, matchJSONPath)
			}
		}
		sc.Faults = append(sc.Faults, f)
	}
}

// outcome reads the outcome keys (code, status, message, delay, transport,
// and ok when inSequence) of one fault or sequence step and checks how they
// combine.
func (p *parser) outcome(spec *openapi.Spec, fields []field, path string, inSequence bool) Outcome {
	var o Outcome
	for _, kv := range fields {
		kp := child(path, kv.key.Value)
		switch kv.key.Value {
		case "ok":
			if p.scalar(kv.val, kp, "a boolean", "!!bool") {
				o.OK = kv.val.Value == "true"
				if !o.OK {
					p.errorf(kv.val.Line, kp, "must be true (omit it for a failing step)")
				}
			}
		case "code":
			if v, ok := p.str(kv.val, kp); ok {
				o.Code = v
				p.code(spec, v, kv.val, kp)
			}
		case "status":
			if v, ok := p.integer(kv.val, kp); ok {
				if v < 400 || v > 599 {
					p.errorf(kv.val.Line, kp, "must be an error status between 400 and 599, got %d", v)
				}
				o.Status = v
			}
		case "message":
			if v, ok := p.str(kv.val, kp); ok {
				o.Message = v
			}
		case "delay":
			if v, ok := p.str(kv.val, kp); ok {
				d, err := time.ParseDuration(v)
				switch {
				case err != nil:
					p.errorf(kv.val.Line, kp, "%q is not a duration such as \"150ms\" or \"2s\"", clip(v))
				case d < 0:
					p.errorf(kv.val.Line, kp, "must be >= 0, got %s", v)
				case d > MaxDelay:
					p.errorf(kv.val.Line, kp, "must be at most %s, got %s", MaxDelay, v)
				case d == 0 && !inSequence && !has(fields, "code") && !has(fields, "transport"):
					p.errorf(kv.val.Line, kp, "must be > 0 when code and transport are absent (the fault would do nothing)")
				}
				o.Delay = d
			}
		case "transport":
			if v, ok := p.str(kv.val, kp); ok {
				if !slices.Contains(transports, v) {
					p.errorf(kv.val.Line, kp, "unknown transport fault %q (allowed: %s)", clip(v), strings.Join(transports, ", "))
				}
				o.Transport = v
			}
		}
	}
	if kv, ok := lookup(fields, "transport"); ok && has(fields, "code") {
		p.errorf(kv.key.Line, child(path, "transport"), "give code or transport, not both")
	}
	if kv, ok := lookup(fields, "ok"); ok && (has(fields, "code") || has(fields, "transport")) {
		p.errorf(kv.key.Line, child(path, "ok"), "an ok step has no code or transport")
	}
	if !has(fields, "code") {
		for _, key := range []string{"status", "message"} {
			if kv, ok := lookup(fields, key); ok {
				p.errorf(kv.key.Line, child(path, key), "requires code")
			}
		}
	}
	return o
}

// outcomes reads a fault's sequence: each step is ok, a code or a transport,
// with an optional delay.
func (p *parser) outcomes(spec *openapi.Spec, n *yaml.Node, path string) []Outcome {
	items, ok := p.sequence(n, path)
	if !ok {
		return nil
	}
	if len(items) == 0 {
		p.errorf(n.Line, path, "must have at least one step")
	}
	out := make([]Outcome, 0, len(items))
	for i, item := range items {
		ip := index(path, i)
		fields, ok := p.mapping(item, ip, outcomeKeys)
		if !ok {
			continue
		}
		o := p.outcome(spec, fields, ip, true)
		o.Line = item.Line
		if !has(fields, "ok") && !has(fields, "code") && !has(fields, "transport") {
			p.errorf(item.Line, ip, "a step needs ok: true, a code or a transport")
		}
		out = append(out, o)
	}
	return out
}

// matchJSON reads [{param, path, value}] entries; param must be a
// JSON-carrying parameter of action (op; nil when action is unknown).
func (p *parser) matchJSON(op *openapi3.Operation, action string, n *yaml.Node, path string) []JSONMatch {
	items, ok := p.sequence(n, path)
	if !ok {
		return nil
	}
	var jsonParams []string
	if op != nil {
		for _, ref := range op.Parameters {
			if ref.Value != nil && ref.Value.Content.Get("application/json") != nil {
				jsonParams = append(jsonParams, ref.Value.Name)
			}
		}
		slices.Sort(jsonParams)
	}
	var out []JSONMatch
	for i, item := range items {
		ip := index(path, i)
		fields, ok := p.mapping(item, ip, jsonKeys)
		if !ok {
			continue
		}
		var m JSONMatch
		for _, kv := range fields {
			kp := child(ip, kv.key.Value)
			switch kv.key.Value {
			case "param":
				if v, ok := p.str(kv.val, kp); ok {
					m.Param = v
					if op != nil && !slices.Contains(jsonParams, v) {
						p.errorf(kv.val.Line, kp, "%q is not a JSON parameter of %s (known: %s)", clip(v), action, strings.Join(jsonParams, ", "))
					}
				}
			case "path":
				if v, ok := p.str(kv.val, kp); ok {
					m.Path = v
					if !jsonPathRE.MatchString(v) {
						p.errorf(kv.val.Line, kp, "%q is not a JSONPath such as $.VideoTracks[0].VideoTrackClips[0].MediaId", clip(v))
					}
				}
			case "value":
				if v, ok := p.text(kv.val, kp); ok {
					m.Value = v
				}
			}
		}
		p.require(fields, item, ip, "param", "path", "value")
		out = append(out, m)
	}
	return out
}

func (p *parser) quotas(spec *openapi.Spec, n *yaml.Node, path string, sc *Scenario) {
	items, _ := p.sequence(n, path)
	seen := map[string]int{}
	for i, item := range items {
		ip := index(path, i)
		fields, ok := p.mapping(item, ip, quotaKeys)
		if !ok {
			continue
		}
		q := Quota{Line: item.Line}
		for _, kv := range fields {
			kp := child(ip, kv.key.Value)
			switch kv.key.Value {
			case "action":
				var known bool
				if q.Action, known = p.action(spec, kv.val, kp); known {
					p.unique(seen, q.Action, kv.val, kp, "action")
				}
			case "rate":
				if v, ok := p.number(kv.val, kp); ok {
					if v <= 0 {
						p.errorf(kv.val.Line, kp, "must be > 0 calls per second, got %s", kv.val.Value)
					}
					q.Rate = v
				}
			case "burst":
				q.Burst = p.nonNegative(kv.val, kp)
			}
		}
		p.require(fields, item, ip, "action", "rate")
		sc.Quotas = append(sc.Quotas, q)
	}
}

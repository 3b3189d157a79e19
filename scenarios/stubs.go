package scenarios

import (
	"maps"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"

	"github.com/icefake/icefake/openapi"
)

// Stub is a canned answer for one Action of the merged spec (implemented
// or only known from the SDK's model); fake.Stub has the same model. Of
// the calls that pass validation and match (Tenant, Match), the first After
// go on unstubbed; the next Times get Response (every later one when Times
// is 0). Faults fire first.
type Stub struct {
	// Action is the Action answered; an Action of the ICE SDK's model.
	Action string
	// Tenant limits the stub to one AccessKeyId's calls; empty = all.
	Tenant string
	// Match holds exact request-parameter values a call must carry.
	Match map[string]string
	// After is how many matching calls go on unstubbed first.
	After int
	// Times is how many matching calls then get Response; 0 = all.
	Times int
	// Response is the 200 body without RequestId (icefake fills it in),
	// checked against the Action's response schema; a string may contain
	// ${Param}, replaced by the call's value of that parameter.
	Response map[string]any
	// Line is the line of the entry in the scenario file.
	Line int
}

var (
	stubKeys = []string{"action", "tenant", "match", "after", "times", "response"}
	// stubParamRE finds ${Param} in response strings (fake.Stub's syntax).
	stubParamRE = regexp.MustCompile(`\$\{([A-Za-z0-9_.]+)\}`)
)

func (p *parser) stubs(spec *openapi.Spec, n *yaml.Node, path string, sc *Scenario) {
	items, _ := p.sequence(n, path)
	for i, item := range items {
		ip := index(path, i)
		fields, ok := p.mapping(item, ip, stubKeys)
		if !ok {
			continue
		}
		st := Stub{Line: item.Line}
		known := false
		var match, response *yaml.Node
		var matchPath, responsePath string
		for _, kv := range fields {
			kp := child(ip, kv.key.Value)
			switch kv.key.Value {
			case "action":
				if v, ok := p.str(kv.val, kp); ok {
					st.Action = v
					known = spec.Known(v)
					if !known {
						p.errorf(kv.val.Line, kp, "unknown action %q (not an Action of the ICE SDK's model)", clip(v))
					}
				}
			case "tenant":
				if v, ok := p.str(kv.val, kp); ok {
					st.Tenant = v
				}
			case "match":
				match, matchPath = kv.val, kp
			case "after":
				st.After = p.nonNegative(kv.val, kp)
			case "times":
				st.Times = p.positive(kv.val, kp, "omit times to answer every matching call")
			case "response":
				response, responsePath = kv.val, kp
			}
		}
		p.require(fields, item, ip, "action", "response")
		if known {
			_, op, _, err := spec.MergedOperation(st.Action)
			if err != nil {
				p.errorf(item.Line, child(ip, "action"), "%v", err)
				known = false
			} else {
				if match != nil {
					st.Match = p.match(op, st.Action, match, matchPath)
				}
				if response != nil {
					st.Response = p.response(spec, st.Action, op, response, responsePath)
				}
			}
		}
		sc.Stubs = append(sc.Stubs, st)
	}
}

// response reads a stub's response mapping and checks it against the
// Action's response schema, each problem at the line of its field.
func (p *parser) response(spec *openapi.Spec, action string, op *openapi3.Operation, n *yaml.Node, path string) map[string]any {
	v, ok := p.jsonValue(n, path)
	if !ok {
		return nil
	}
	body, isMap := v.(map[string]any)
	if !isMap {
		p.errorf(n.Line, path, "expected a mapping (the response body without RequestId; {} for only the RequestId), got %s", describe(n))
		return nil
	}
	problems, err := spec.CheckResponseBody(action, body)
	if err != nil {
		p.errorf(n.Line, path, "%v", err)
		return nil
	}
	for _, pr := range problems {
		at := nodeAt(n, pr.Path)
		p.errorf(at.Line, path+strings.TrimPrefix(openapi.JSONPathOf(pr.Path), "$"), "%s", pr.Msg)
	}
	params := map[string]bool{}
	for _, ref := range op.Parameters {
		params[ref.Value.Name] = true
	}
	p.paramRefs(n, path, action, params)
	return body
}

// paramRefs checks every ${Param} in the strings under n names a
// parameter of action.
func (p *parser) paramRefs(n *yaml.Node, path, action string, params map[string]bool) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			p.paramRefs(n.Content[i+1], child(path, n.Content[i].Value), action, params)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			p.paramRefs(c, index(path, i), action, params)
		}
	case yaml.ScalarNode:
		if n.ShortTag() != "!!str" {
			return
		}
		for _, m := range stubParamRE.FindAllStringSubmatch(n.Value, -1) {
			if !params[m[1]] {
				known := slices.Sorted(maps.Keys(params))
				p.errorf(n.Line, path, "${%s} is not a parameter of %s (known: %s)", m[1], action, strings.Join(known, ", "))
			}
		}
	}
}

// jsonValue converts n to the JSON value it denotes: mappings with string
// keys, sequences, strings, finite numbers, booleans and null.
func (p *parser) jsonValue(n *yaml.Node, path string) (any, bool) {
	switch n.Kind {
	case yaml.AliasNode:
		return p.jsonValue(n.Alias, path)
	case yaml.MappingNode:
		fields, ok := p.mapping(n, path, nil)
		if !ok {
			return nil, false
		}
		out := make(map[string]any, len(fields))
		all := len(fields) == len(n.Content)/2
		for _, f := range fields {
			v, ok := p.jsonValue(f.val, child(path, f.key.Value))
			all = all && ok
			out[f.key.Value] = v
		}
		return out, all
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		all := true
		for i, c := range n.Content {
			v, ok := p.jsonValue(c, index(path, i))
			all = all && ok
			out = append(out, v)
		}
		return out, all
	}
	switch n.ShortTag() {
	case "!!null":
		return nil, true
	case "!!bool":
		return n.Value == "true" || n.Value == "True" || n.Value == "TRUE", true
	case "!!int":
		var v int64
		if err := n.Decode(&v); err != nil {
			p.errorf(n.Line, path, "integer %s is out of range", n.Value)
			return nil, false
		}
		return v, true
	case "!!float":
		var v float64
		if err := n.Decode(&v); err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			p.errorf(n.Line, path, "expected a finite number, got %s", n.Value)
			return nil, false
		}
		return v, true
	case "!!str":
		return n.Value, true
	}
	p.errorf(n.Line, path, "expected a JSON value, got %s", describe(n))
	return nil, false
}

// nodeAt returns the node at path (keys and indexes) under n, or the
// deepest one that exists (a missing field is reported at its parent).
func nodeAt(n *yaml.Node, path []any) *yaml.Node {
	for _, e := range path {
		if n.Kind == yaml.AliasNode {
			n = n.Alias
		}
		var next *yaml.Node
		switch e := e.(type) {
		case string:
			if n.Kind == yaml.MappingNode {
				for i := 0; i+1 < len(n.Content); i += 2 {
					if n.Content[i].Value == e {
						next = n.Content[i+1]
						if next.Kind != yaml.MappingNode && next.Kind != yaml.SequenceNode {
							next = n.Content[i+1]
						}
					}
				}
			}
		case int:
			if n.Kind == yaml.SequenceNode && e < len(n.Content) {
				next = n.Content[e]
			}
		}
		if next == nil {
			return n
		}
		n = next
	}
	return n
}

package fake

import (
	"net/url"
	"strconv"

	"github.com/getkin/kin-openapi/openapi3"
)

// The request validation's fast path (docs/architecture.md "Performance").
//
// An operation whose parameters all fall in respcheck.go's schema subset
// gets a compiled reqCheck: query parameters of type string, integer,
// number or boolean (form style), and JSON-carrying parameters (content:
// application/json) whose text is scanned as it is, without decoding it.
// Like the response fast path it only ever says "valid": anything else
// (a violation, an escaped string under a pattern, a parameter given twice,
// a value it does not parse the way kin-openapi would) runs the full
// validation, whose verdict and message are the answer.

type reqParam struct {
	name string
	node *respNode
	json bool // content: application/json: node checks the JSON text
}

type reqCheck struct{ params []reqParam }

// compileReqCheck compiles op's parameters, or returns nil when the
// operation needs the full validation every time.
func compileReqCheck(doc *openapi3.T, pathItem *openapi3.PathItem, op *openapi3.Operation) *reqCheck {
	if (op.Security != nil && len(*op.Security) > 0) || (op.Security == nil && len(doc.Security) > 0) ||
		op.RequestBody != nil || (pathItem != nil && len(pathItem.Parameters) > 0) {
		return nil
	}
	rc := &reqCheck{}
	for _, ref := range op.Parameters {
		p := ref.Value
		if p == nil || p.In != openapi3.ParameterInQuery || p.Style != "" || p.Explode != nil || p.AllowEmptyValue || p.AllowReserved {
			return nil
		}
		switch {
		case p.Content != nil:
			mt := p.Content.Get("application/json")
			if len(p.Content) != 1 || mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
				return nil
			}
			n, ok := compileResponseSchema(mt.Schema.Value)
			if !ok || n.open {
				return nil
			}
			rc.params = append(rc.params, reqParam{name: p.Name, node: n, json: true})
		case p.Schema != nil && p.Schema.Value != nil:
			n, ok := compileResponseSchema(p.Schema.Value)
			if !ok || n.open {
				return nil
			}
			switch n.typ {
			case openapi3.TypeString, openapi3.TypeInteger, openapi3.TypeNumber, openapi3.TypeBoolean:
			default:
				return nil
			}
			rc.params = append(rc.params, reqParam{name: p.Name, node: n})
		default:
			return nil
		}
	}
	return rc
}

// valid reports whether every parameter present in q (empty ones already
// removed) passes; false means "not shown valid".
func (rc *reqCheck) valid(q url.Values) bool {
	for i := range rc.params {
		p := &rc.params[i]
		vs, ok := q[p.name]
		if !ok {
			continue // absence: the required check ran before
		}
		if len(vs) != 1 {
			return false
		}
		v := vs[0]
		if p.json {
			if !validJSONText(p.node, v) {
				return false
			}
			continue
		}
		if !p.node.validQueryValue(v) {
			return false
		}
	}
	return true
}

// validQueryValue checks one query value as kin-openapi would after
// decoding it for the schema's type; values it might decode differently
// (a '+' sign, hexadecimal, "TRUE") are left to it.
func (n *respNode) validQueryValue(v string) bool {
	switch n.typ {
	case openapi3.TypeString:
		return checkStringText(n, v, false)
	case openapi3.TypeBoolean:
		return v == "true" || v == "false"
	case openapi3.TypeInteger:
		if !plainDecimal(v, false) {
			return false
		}
		bits := 64
		if n.int32Rn {
			bits = 32
		}
		i, err := strconv.ParseInt(v, 10, bits)
		return err == nil && n.checkNumber(float64(i))
	case openapi3.TypeNumber:
		if !plainDecimal(v, true) {
			return false
		}
		f, err := strconv.ParseFloat(v, 64)
		return err == nil && n.checkNumber(f)
	}
	return false
}

// plainDecimal reports whether v is -?[0-9]+ (with frac: and an optional
// .[0-9]+), at most 15 digits in all.
func plainDecimal(v string, frac bool) bool {
	i := 0
	if i < len(v) && v[i] == '-' {
		i++
	}
	digits, dot := 0, false
	for ; i < len(v); i++ {
		switch c := v[i]; {
		case '0' <= c && c <= '9':
			digits++
		case c == '.' && frac && !dot && digits > 0 && i+1 < len(v):
			dot = true
		default:
			return false
		}
	}
	return digits > 0 && digits <= 15
}

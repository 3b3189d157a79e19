package fake

import (
	"encoding/json"
	"math"
	"regexp"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
)

// The response self-check's fast path (docs/architecture.md "Performance").
//
// Every success body is checked against its operation's 200 schema. The
// schemas are compiled once into respNode trees, and a body is checked by
// scanning its JSON bytes once, without decoding it into maps. The fast
// path only ever says "valid"; when it cannot (a violation, or a value it
// does not judge, such as null or an escaped string under a pattern), the
// full kin-openapi check runs and its verdict and message are the answer.
// A schema using a keyword outside the subset below is not compiled, and
// its operation always takes the full check.
//
// Supported: type (one of object, array, string, integer, number, boolean),
// properties, required, additionalProperties true/false, items, enum of
// strings or numbers, pattern, minLength, maxLength, minimum, maximum, and
// format int32/int64 on integers — with kin-openapi's meaning (string
// lengths in UTF-16 units, integers as whole float64s).

// respNode is one compiled schema.
type respNode struct {
	any bool // no constraint: every non-null value
	typ string
	// object
	props      map[string]*respProp
	required   int // number of required properties (each has a bit)
	additional bool
	// array
	items *respNode
	// string
	strEnum        []string
	pattern        *regexp.Regexp
	minLen, maxLen int // maxLen < 0: none
	// number
	numEnum          []float64
	min, max         float64
	hasMin, hasMax   bool
	integer, int64Rn bool
	int32Rn          bool
}

type respProp struct {
	node *respNode
	bit  int // index among the required properties, or -1
}

// compileResponseSchema compiles s; ok is false when s uses anything
// outside the supported subset.
func compileResponseSchema(s *openapi3.Schema) (*respNode, bool) {
	return compileResp(s, map[*openapi3.Schema]*respNode{})
}

func compileResp(s *openapi3.Schema, seen map[*openapi3.Schema]*respNode) (*respNode, bool) {
	if s == nil {
		return nil, false
	}
	if _, cyc := seen[s]; cyc {
		return nil, false // recursive schemas are left to kin-openapi
	}
	seen[s] = nil
	defer delete(seen, s)
	if s.Not != nil || len(s.OneOf) > 0 || len(s.AnyOf) > 0 || len(s.AllOf) > 0 || s.Nullable || s.ReadOnly || s.WriteOnly ||
		s.AllowEmptyValue || s.UniqueItems || s.ExclusiveMin.IsSet() || s.ExclusiveMax.IsSet() || s.MultipleOf != nil ||
		s.MinItems != 0 || s.MaxItems != nil || s.MinProps != 0 || s.MaxProps != nil || s.Const != nil || s.Always != nil ||
		len(s.PrefixItems) > 0 || s.Contains != nil || s.MinContains != nil || s.MaxContains != nil ||
		len(s.PatternProperties) > 0 || len(s.DependentSchemas) > 0 || len(s.DependentRequired) > 0 ||
		s.AdditionalProperties.Schema != nil || s.UnevaluatedItems.Has != nil || s.UnevaluatedItems.Schema != nil ||
		s.UnevaluatedProperties.Has != nil || s.UnevaluatedProperties.Schema != nil || s.Discriminator != nil ||
		s.PropertyNames != nil || s.If != nil || s.Then != nil || s.Else != nil {
		return nil, false
	}
	n := &respNode{maxLen: -1, additional: true}
	if s.Type == nil {
		// No type: only an empty schema is supported.
		if s.IsEmpty() {
			return &respNode{any: true}, true
		}
		return nil, false
	}
	types := s.Type.Slice()
	if len(types) != 1 {
		return nil, false
	}
	n.typ = types[0]
	switch n.typ {
	case openapi3.TypeObject:
		if s.Format != "" || len(s.Enum) > 0 || s.Items != nil {
			return nil, false
		}
		if s.AdditionalProperties.Has != nil {
			n.additional = *s.AdditionalProperties.Has
		}
		if len(s.Required) > 64 {
			return nil, false
		}
		n.props = make(map[string]*respProp, len(s.Properties))
		for name, ref := range s.Properties {
			if ref == nil || ref.Value == nil {
				return nil, false
			}
			c, ok := compileResp(ref.Value, seen)
			if !ok {
				return nil, false
			}
			n.props[name] = &respProp{node: c, bit: -1}
		}
		for i, name := range s.Required {
			p := n.props[name]
			if p == nil {
				// Required but not described: kin-openapi still requires it.
				p = &respProp{node: &respNode{any: true}}
				if !n.additional {
					// A required property that additionalProperties: false
					// forbids; leave such a schema to kin-openapi.
					return nil, false
				}
				n.props[name] = p
			}
			if p.bit >= 0 {
				return nil, false // listed twice
			}
			p.bit = i
		}
		n.required = len(s.Required)
	case openapi3.TypeArray:
		if s.Format != "" || len(s.Enum) > 0 {
			return nil, false
		}
		if s.Items != nil {
			if s.Items.Value == nil {
				return nil, false
			}
			c, ok := compileResp(s.Items.Value, seen)
			if !ok {
				return nil, false
			}
			n.items = c
		}
	case openapi3.TypeString:
		if s.Format != "" {
			return nil, false
		}
		for _, e := range s.Enum {
			v, ok := e.(string)
			if !ok {
				return nil, false
			}
			n.strEnum = append(n.strEnum, v)
		}
		if len(s.Enum) > 0 && len(n.strEnum) == 0 {
			return nil, false
		}
		if s.Pattern != "" {
			re, err := regexp.Compile(s.Pattern)
			if err != nil || hasUnicodeEscape(s.Pattern) {
				return nil, false
			}
			n.pattern = re
		}
		n.minLen = int(s.MinLength)
		if s.MaxLength != nil {
			n.maxLen = int(*s.MaxLength)
		}
	case openapi3.TypeInteger, openapi3.TypeNumber:
		n.integer = n.typ == openapi3.TypeInteger
		switch {
		case s.Format == "":
		case n.integer && s.Format == "int64":
			n.int64Rn = true
		case n.integer && s.Format == "int32":
			n.int32Rn = true
		default:
			return nil, false
		}
		for _, e := range s.Enum {
			v, ok := e.(float64)
			if !ok {
				return nil, false
			}
			n.numEnum = append(n.numEnum, v)
		}
		if len(s.Enum) > 0 && len(n.numEnum) == 0 {
			return nil, false
		}
		if s.Min != nil {
			n.min, n.hasMin = *s.Min, true
		}
		if s.Max != nil {
			n.max, n.hasMax = *s.Max, true
		}
	case openapi3.TypeBoolean:
		if s.Format != "" || len(s.Enum) > 0 {
			return nil, false
		}
	default:
		return nil, false
	}
	if n.typ != openapi3.TypeString && (s.Pattern != "" || s.MinLength != 0 || s.MaxLength != nil) {
		return nil, false
	}
	if n.typ != openapi3.TypeInteger && n.typ != openapi3.TypeNumber && (s.Min != nil || s.Max != nil) {
		return nil, false
	}
	if n.typ != openapi3.TypeObject && (len(s.Properties) > 0 || len(s.Required) > 0 || s.AdditionalProperties.Has != nil) {
		return nil, false
	}
	if n.typ != openapi3.TypeArray && s.Items != nil {
		return nil, false
	}
	return n, true
}

// hasUnicodeEscape reports a \uXXXX in a pattern, which kin-openapi rewrites
// before compiling; such patterns are left to it.
func hasUnicodeEscape(p string) bool {
	for i := 0; i+1 < len(p); i++ {
		if p[i] == '\\' {
			if p[i+1] == 'u' {
				return true
			}
			i++
		}
	}
	return false
}

// validJSON reports whether body is exactly one JSON value that n accepts.
// false means "not shown valid": the caller runs the full check.
func (n *respNode) validJSON(body []byte) bool {
	sc := respScanner{b: body}
	if !sc.value(n) {
		return false
	}
	sc.ws()
	return sc.i == len(sc.b)
}

type respScanner struct {
	b []byte
	i int
}

func (sc *respScanner) ws() {
	for sc.i < len(sc.b) {
		switch sc.b[sc.i] {
		case ' ', '\t', '\n', '\r':
			sc.i++
		default:
			return
		}
	}
}

// value scans one value and checks it against n (nil: anything but null).
func (sc *respScanner) value(n *respNode) bool {
	sc.ws()
	if sc.i >= len(sc.b) {
		return false
	}
	if n != nil && n.any {
		n = nil
	}
	switch c := sc.b[sc.i]; {
	case c == '{':
		if n != nil && n.typ != openapi3.TypeObject {
			return false
		}
		return sc.object(n)
	case c == '[':
		if n != nil && n.typ != openapi3.TypeArray {
			return false
		}
		return sc.array(n)
	case c == '"':
		raw, escaped, ok := sc.str()
		if !ok {
			return false
		}
		if n == nil {
			return true
		}
		if n.typ != openapi3.TypeString {
			return false
		}
		return n.checkString(raw, escaped)
	case c == 't' || c == 'f':
		lit := "true"
		if c == 'f' {
			lit = "false"
		}
		if !sc.literal(lit) {
			return false
		}
		return n == nil || n.typ == openapi3.TypeBoolean
	case c == '-' || ('0' <= c && c <= '9'):
		tok, ok := sc.number()
		if !ok {
			return false
		}
		if n == nil {
			return true
		}
		if n.typ != openapi3.TypeInteger && n.typ != openapi3.TypeNumber {
			return false
		}
		v, err := strconv.ParseFloat(string(tok), 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			return false
		}
		return n.checkNumber(v)
	}
	return false // null and anything else: the full check decides
}

func (sc *respScanner) literal(lit string) bool {
	if len(sc.b)-sc.i < len(lit) || string(sc.b[sc.i:sc.i+len(lit)]) != lit {
		return false
	}
	sc.i += len(lit)
	return true
}

// str scans a string; raw is its bytes between the quotes.
func (sc *respScanner) str() (raw []byte, escaped, ok bool) {
	start := sc.i + 1
	for i := start; i < len(sc.b); i++ {
		switch c := sc.b[i]; {
		case c == '"':
			sc.i = i + 1
			return sc.b[start:i], escaped, true
		case c == '\\':
			escaped = true
			i++
		case c < 0x20:
			return nil, false, false
		}
	}
	return nil, false, false
}

// number scans a JSON number token.
func (sc *respScanner) number() ([]byte, bool) {
	start := sc.i
	i := sc.i
	if i < len(sc.b) && sc.b[i] == '-' {
		i++
	}
	digits := func() int {
		j := i
		for i < len(sc.b) && '0' <= sc.b[i] && sc.b[i] <= '9' {
			i++
		}
		return i - j
	}
	if d := digits(); d == 0 || (d > 1 && sc.b[i-d] == '0') {
		return nil, false
	}
	if i < len(sc.b) && sc.b[i] == '.' {
		i++
		if digits() == 0 {
			return nil, false
		}
	}
	if i < len(sc.b) && (sc.b[i] == 'e' || sc.b[i] == 'E') {
		i++
		if i < len(sc.b) && (sc.b[i] == '+' || sc.b[i] == '-') {
			i++
		}
		if digits() == 0 {
			return nil, false
		}
	}
	sc.i = i
	return sc.b[start:i], true
}

func (sc *respScanner) object(n *respNode) bool {
	sc.i++ // {
	var seen uint64
	sc.ws()
	if sc.i < len(sc.b) && sc.b[sc.i] == '}' {
		sc.i++
		return n == nil || n.required == 0
	}
	for {
		sc.ws()
		if sc.i >= len(sc.b) || sc.b[sc.i] != '"' {
			return false
		}
		key, escaped, ok := sc.str()
		if !ok || escaped {
			return false
		}
		sc.ws()
		if sc.i >= len(sc.b) || sc.b[sc.i] != ':' {
			return false
		}
		sc.i++
		var child *respNode
		if n != nil {
			p := n.props[string(key)]
			switch {
			case p != nil:
				child = p.node
				if p.bit >= 0 {
					if seen&(1<<p.bit) != 0 {
						return false // a duplicate key: left to the full check
					}
					seen |= 1 << p.bit
				}
			case !n.additional:
				return false
			}
		}
		if !sc.value(child) {
			return false
		}
		sc.ws()
		if sc.i >= len(sc.b) {
			return false
		}
		switch sc.b[sc.i] {
		case ',':
			sc.i++
		case '}':
			sc.i++
			return n == nil || seen == (uint64(1)<<n.required)-1 || (n.required == 64 && seen == math.MaxUint64)
		default:
			return false
		}
	}
}

func (sc *respScanner) array(n *respNode) bool {
	sc.i++ // [
	var items *respNode
	if n != nil {
		items = n.items
	}
	sc.ws()
	if sc.i < len(sc.b) && sc.b[sc.i] == ']' {
		sc.i++
		return true
	}
	for {
		if !sc.value(items) {
			return false
		}
		sc.ws()
		if sc.i >= len(sc.b) {
			return false
		}
		switch sc.b[sc.i] {
		case ',':
			sc.i++
		case ']':
			sc.i++
			return true
		default:
			return false
		}
	}
}

func (n *respNode) checkString(raw []byte, escaped bool) bool {
	if len(n.strEnum) == 0 && n.pattern == nil && n.minLen == 0 && n.maxLen < 0 {
		return true // any string
	}
	var s string
	if escaped {
		if err := json.Unmarshal(append(append([]byte{'"'}, raw...), '"'), &s); err != nil {
			return false
		}
	} else {
		if !utf8.Valid(raw) {
			return false
		}
		s = string(raw)
	}
	if len(n.strEnum) > 0 {
		found := false
		for _, e := range n.strEnum {
			if e == s {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	if n.minLen != 0 || n.maxLen >= 0 {
		l := 0
		for _, r := range s {
			if utf16.IsSurrogate(r) {
				l += 2
			} else {
				l++
			}
		}
		if l < n.minLen || (n.maxLen >= 0 && l > n.maxLen) {
			return false
		}
	}
	return n.pattern == nil || n.pattern.MatchString(s)
}

func (n *respNode) checkNumber(v float64) bool {
	if n.integer && v != math.Trunc(v) {
		return false
	}
	if n.int64Rn && !(v >= math.MinInt64 && v <= math.MaxInt64) {
		return false
	}
	if n.int32Rn && !(v >= math.MinInt32 && v <= math.MaxInt32) {
		return false
	}
	if len(n.numEnum) > 0 {
		found := false
		for _, e := range n.numEnum {
			if e == v {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return (!n.hasMin || v >= n.min) && (!n.hasMax || v <= n.max)
}

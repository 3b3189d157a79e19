package fake

import (
	"encoding/json"
	"math"
	"slices"
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
	open bool // no constraint: every non-null value
	typ  string
	// object
	props      map[string]*respProp
	required   int // number of required properties (each has a bit)
	additional bool
	// array
	items *respNode
	// string
	strEnum        []string
	pattern        patternMatcher
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
			return &respNode{open: true}, true
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
				p = &respProp{node: &respNode{open: true}}
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
			re, err := compilePattern(s.Pattern)
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
		case !n.integer && (s.Format == "float" || s.Format == "double"):
			// An annotation only: kin-openapi checks no range for it.
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
func (n *respNode) validJSON(body []byte) bool { return validJSONText(n, body) }

// validJSONText is validJSON for JSON text held in a string or []byte. It
// checks the JSON grammar strictly (escapes, numbers, literals), so text it
// accepts is text json.Unmarshal accepts.
func validJSONText[T string | []byte](n *respNode, text T) bool {
	sc := respScanner[T]{b: text}
	if !sc.value(n) {
		return false
	}
	sc.ws()
	return sc.i == len(sc.b)
}

type respScanner[T string | []byte] struct {
	b T
	i int
}

func (sc *respScanner[T]) ws() {
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
func (sc *respScanner[T]) value(n *respNode) bool {
	sc.ws()
	if sc.i >= len(sc.b) {
		return false
	}
	if n != nil && n.open {
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
		return checkStringText(n, raw, escaped)
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
		v, err := strconv.ParseFloat(string(tok), 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			return false // out of float64 range: json.Unmarshal fails too
		}
		if n == nil {
			return true
		}
		if n.typ != openapi3.TypeInteger && n.typ != openapi3.TypeNumber {
			return false
		}
		return n.checkNumber(v)
	}
	return false // null and anything else: the full check decides
}

func (sc *respScanner[T]) literal(lit string) bool {
	if len(sc.b)-sc.i < len(lit) || string(sc.b[sc.i:sc.i+len(lit)]) != lit {
		return false
	}
	sc.i += len(lit)
	return true
}

// str scans a string; raw is its bytes between the quotes. Escapes must be
// JSON's: \" \\ \/ \b \f \n \r \t or \u and four hex digits.
func (sc *respScanner[T]) str() (raw T, escaped, ok bool) {
	start := sc.i + 1
	for i := start; i < len(sc.b); i++ {
		switch c := sc.b[i]; {
		case c == '"':
			sc.i = i + 1
			return sc.b[start:i], escaped, true
		case c == '\\':
			escaped = true
			i++
			if i >= len(sc.b) {
				return raw, false, false
			}
			switch sc.b[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(sc.b) {
					return raw, false, false
				}
				for _, h := range []byte{sc.b[i+1], sc.b[i+2], sc.b[i+3], sc.b[i+4]} {
					if !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
						return raw, false, false
					}
				}
				i += 4
			default:
				return raw, false, false
			}
		case c < 0x20:
			return raw, false, false
		}
	}
	return raw, false, false
}

// number scans a JSON number token.
func (sc *respScanner[T]) number() (T, bool) {
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
		return sc.b[:0], false
	}
	if i < len(sc.b) && sc.b[i] == '.' {
		i++
		if digits() == 0 {
			return sc.b[:0], false
		}
	}
	if i < len(sc.b) && (sc.b[i] == 'e' || sc.b[i] == 'E') {
		i++
		if i < len(sc.b) && (sc.b[i] == '+' || sc.b[i] == '-') {
			i++
		}
		if digits() == 0 {
			return sc.b[:0], false
		}
	}
	sc.i = i
	return sc.b[start:i], true
}

func (sc *respScanner[T]) object(n *respNode) bool {
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
			return n == nil || seen == (uint64(1)<<n.required)-1
		default:
			return false
		}
	}
}

func (sc *respScanner[T]) array(n *respNode) bool {
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

// checkStringText checks a JSON string's raw bytes (between the quotes)
// against n.
func checkStringText[T string | []byte](n *respNode, raw T, escaped bool) bool {
	if len(n.strEnum) == 0 && n.pattern == nil && n.minLen == 0 && n.maxLen < 0 {
		return true // any string
	}
	if escaped {
		var s string
		if err := json.Unmarshal([]byte("\""+string(raw)+"\""), &s); err != nil {
			return false
		}
		return n.checkString(s)
	}
	switch r := any(raw).(type) {
	case string:
		return utf8.ValidString(r) && n.checkString(r)
	case []byte:
		return utf8.Valid(r) && n.checkBytes(r)
	}
	return false
}

// checkBytes is checkString for bytes, without copying them.
func (n *respNode) checkBytes(b []byte) bool {
	if len(n.strEnum) > 0 && !slices.Contains(n.strEnum, string(b)) {
		return false
	}
	if !n.checkLenBytes(b) {
		return false
	}
	return n.pattern == nil || n.pattern.Match(b)
}

// checkString checks a string value against n's enum, lengths and pattern.
func (n *respNode) checkString(s string) bool {
	if len(n.strEnum) > 0 && !slices.Contains(n.strEnum, s) {
		return false
	}
	return n.checkLen(s) && (n.pattern == nil || n.pattern.MatchString(s))
}

// checkLen checks minLength and maxLength in UTF-16 units, as kin-openapi
// counts them.
func (n *respNode) checkLen(s string) bool {
	if n.minLen == 0 && n.maxLen < 0 {
		return true
	}
	l := 0
	for _, r := range s {
		if utf16.IsSurrogate(r) {
			l += 2
		} else {
			l++
		}
	}
	return l >= n.minLen && (n.maxLen < 0 || l <= n.maxLen)
}

// checkLenBytes is checkLen(string(b)) without the copy: utf8.DecodeRune
// yields what ranging over the string does (U+FFFD, width 1, for each
// invalid byte).
func (n *respNode) checkLenBytes(b []byte) bool {
	if n.minLen == 0 && n.maxLen < 0 {
		return true
	}
	l := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		if utf16.IsSurrogate(r) {
			l += 2
		} else {
			l++
		}
	}
	return l >= n.minLen && (n.maxLen < 0 || l <= n.maxLen)
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
	if len(n.numEnum) > 0 && !slices.Contains(n.numEnum, v) {
		return false
	}
	return (!n.hasMin || v >= n.min) && (!n.hasMax || v <= n.max)
}

package scenarios

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"

	"github.com/icefake/icefake/openapi"
)

// parser walks one yaml.Node tree and collects every problem it finds.
type parser struct {
	file string
	errs []error
}

func (p *parser) errorf(line int, key, format string, args ...any) {
	if line < 1 { // "< 1" → "<= 1" is an equivalent mutant: line 1 stays 1
		line = 1
	}
	p.errs = append(p.errs, &Error{File: p.file, Line: line, Key: key, Msg: fmt.Sprintf(format, args...)})
}

// field is one key/value pair of a mapping.
type field struct {
	key, val *yaml.Node
}

var plainKey = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`)

// child returns the key path of key inside path, quoting keys that are not
// plain identifiers so a path never contains a newline or a stray dot.
func child(path, key string) string {
	if !plainKey.MatchString(key) {
		return path + "[" + strconv.Quote(key) + "]"
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

func index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// mapping checks that n is a mapping whose keys are unique strings, and,
// unless allowed is nil, that every key is in allowed. It returns the valid
// fields in document order and false if n is not a mapping.
func (p *parser) mapping(n *yaml.Node, path string, allowed []string) ([]field, bool) {
	if !p.kind(n, path, yaml.MappingNode, "a mapping") {
		return nil, false
	}
	var out []field
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 { // "<" → "<=" is an equivalent mutant: a mapping's Content has even length
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.ShortTag() != "!!str" {
			p.errorf(k.Line, path, "keys must be strings, got %s", describe(k))
			continue
		}
		kp := child(path, k.Value)
		if first, dup := seen[k.Value]; dup {
			p.errorf(k.Line, kp, "duplicate key (first at line %d)", first)
			continue
		}
		seen[k.Value] = k.Line
		if allowed != nil && !slices.Contains(allowed, k.Value) {
			p.errorf(k.Line, kp, "unknown key (allowed: %s)", strings.Join(allowed, ", "))
			continue
		}
		out = append(out, field{k, v})
	}
	return out, true
}

// kind reports whether n has kind k, and records an error naming want
// otherwise.
func (p *parser) kind(n *yaml.Node, path string, k yaml.Kind, want string) bool {
	if n.Kind == yaml.AliasNode {
		p.errorf(n.Line, path, "YAML aliases are not supported")
		return false
	}
	if n.Kind != k {
		p.errorf(n.Line, path, "expected %s, got %s", want, describe(n))
		return false
	}
	return true
}

func (p *parser) sequence(n *yaml.Node, path string) ([]*yaml.Node, bool) {
	if !p.kind(n, path, yaml.SequenceNode, "a sequence") {
		return nil, false
	}
	return n.Content, true
}

// scalar checks that n is a scalar tagged with one of tags.
func (p *parser) scalar(n *yaml.Node, path, want string, tags ...string) bool {
	if !p.kind(n, path, yaml.ScalarNode, want) {
		return false
	}
	if !slices.Contains(tags, n.ShortTag()) {
		p.errorf(n.Line, path, "expected %s, got %s", want, describe(n))
		return false
	}
	return true
}

func (p *parser) str(n *yaml.Node, path string) (string, bool) {
	if !p.scalar(n, path, "a string", "!!str") {
		return "", false
	}
	return n.Value, true
}

// text is a string that may also be written as a plain number or boolean,
// for values compared as request-parameter text; it keeps the literal.
func (p *parser) text(n *yaml.Node, path string) (string, bool) {
	if !p.scalar(n, path, "a string", "!!str", "!!int", "!!float", "!!bool") {
		return "", false
	}
	return n.Value, true
}

func (p *parser) integer(n *yaml.Node, path string) (int, bool) {
	if !p.scalar(n, path, "an integer", "!!int") {
		return 0, false
	}
	var v int
	if err := n.Decode(&v); err != nil {
		p.errorf(n.Line, path, "integer %s is out of range", n.Value)
		return 0, false
	}
	return v, true
}

func (p *parser) number(n *yaml.Node, path string) (float64, bool) {
	if !p.scalar(n, path, "a number", "!!int", "!!float") {
		return 0, false
	}
	var v float64
	if err := n.Decode(&v); err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		p.errorf(n.Line, path, "expected a finite number, got %s", n.Value)
		return 0, false
	}
	return v, true
}

// describe names what n is for an "expected X, got Y" message.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a sequence"
	case yaml.AliasNode:
		return "an alias"
	case yaml.DocumentNode:
		return "a document"
	}
	v := clip(n.Value)
	switch tag := n.ShortTag(); tag {
	case "!!null":
		return "null"
	case "!!str":
		return "a string " + strconv.Quote(v)
	case "!!int":
		return "an integer " + strconv.Quote(v)
	case "!!float":
		return "a number " + strconv.Quote(v)
	case "!!bool":
		return "a boolean " + strconv.Quote(v)
	default:
		return "a value tagged " + strconv.Quote(tag)
	}
}

// clip shortens long values quoted in messages.
func clip(s string) string {
	const limit = 40
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	return string([]rune(s)[:limit]) + "…"
}

// action reads an Action name and reports whether the merged spec knows it
// (ice.yaml's Actions and every other Action of the SDK's model, implemented
// or not), recording an error otherwise. It compiles nothing.
func (p *parser) action(spec *openapi.Spec, n *yaml.Node, path string) (string, bool) {
	v, ok := p.str(n, path)
	if !ok {
		return "", false
	}
	if !spec.Known(v) {
		p.errorf(n.Line, path, "unknown action %q (not an Action of the ICE SDK's model; docs/actions.md lists them)", clip(v))
		return v, false
	}
	return v, true
}

// operation returns a known action's operation in the merged spec (a
// generated one is compiled on this first use), recording an error when
// it cannot be compiled; nil for an unknown action.
func (p *parser) operation(spec *openapi.Spec, action string, line int, path string) *openapi3.Operation {
	if !spec.Known(action) {
		return nil
	}
	_, op, _, err := spec.MergedOperation(action)
	if err != nil {
		p.errorf(line, path, "%v", err)
		return nil
	}
	return op
}

// nonNegative reads an integer that must be >= 0.
func (p *parser) nonNegative(n *yaml.Node, path string) int {
	v, ok := p.integer(n, path)
	if ok && v < 0 {
		p.errorf(n.Line, path, "must be >= 0, got %d", v)
	}
	return v
}

// positive reads a count that must be at least 1 (a rule's times); hint
// says what omitting it means.
func (p *parser) positive(n *yaml.Node, path, hint string) int {
	v, ok := p.integer(n, path)
	if ok && v < 1 {
		p.errorf(n.Line, path, "must be >= 1, got %d (%s)", v, hint)
	}
	return v
}

package specgen

import (
	"go/ast"
	"regexp"
	"strconv"
	"strings"
)

// Schema is the subset of an OpenAPI schema the generator writes, with its
// properties in model order.
type Schema struct {
	Type       string
	Format     string
	Enum       []string
	Items      *Schema
	Properties []Property
	// AnyProps marks a map (additionalProperties: true).
	AnyProps bool
}

// Property is one named member of an object schema.
type Property struct {
	Name   string
	Schema *Schema
}

// maxDepth bounds nesting, guarding against self-referencing structs.
const maxDepth = 12

// schemaOf maps a model field type to a schema; ok is false for types that
// have no wire form (io.Reader of upload helpers, channels, funcs).
func (m *model) schemaOf(e ast.Expr, depth int) (*Schema, bool) {
	switch t := e.(type) {
	case *ast.StarExpr:
		return m.schemaOf(t.X, depth)
	case *ast.Ident:
		switch t.Name {
		case "string":
			return &Schema{Type: "string"}, true
		case "int", "int8", "int16", "uint8", "uint16":
			return &Schema{Type: "integer"}, true
		case "int32", "uint32":
			return &Schema{Type: "integer", Format: "int32"}, true
		case "int64", "uint64":
			return &Schema{Type: "integer", Format: "int64"}, true
		case "float32":
			return &Schema{Type: "number", Format: "float"}, true
		case "float64":
			return &Schema{Type: "number", Format: "double"}, true
		case "bool":
			return &Schema{Type: "boolean"}, true
		case "any":
			return &Schema{}, true
		}
		if st := m.structs[t.Name]; st != nil {
			if depth >= maxDepth {
				return &Schema{Type: "object", AnyProps: true}, true
			}
			return m.object(st, depth+1), true
		}
		return nil, false
	case *ast.InterfaceType:
		return &Schema{}, true
	case *ast.ArrayType:
		items, ok := m.schemaOf(t.Elt, depth)
		if !ok {
			return nil, false
		}
		return &Schema{Type: "array", Items: items}, true
	case *ast.MapType:
		return &Schema{Type: "object", AnyProps: true}, true
	}
	return nil, false
}

// object is the schema of a struct: one property per json-tagged field.
func (m *model) object(st *ast.StructType, depth int) *Schema {
	s := &Schema{Type: "object"}
	for _, f := range st.Fields.List {
		name := jsonName(f)
		if name == "" {
			continue
		}
		fs, ok := m.schemaOf(f.Type, depth)
		if !ok {
			continue
		}
		s.Properties = append(s.Properties, Property{Name: name, Schema: fs})
	}
	return s
}

// Param is one request parameter.
type Param struct {
	Name     string
	Required bool
	Schema   *Schema
	// Flattened marks an array or object the SDK sends as Name.1, Name.1.Key
	// … (no Shrink JSON form): validated by name only, never required.
	Flattened bool
}

// params lists the request struct's fields as parameters.
func (m *model) params(request string) []Param {
	st := m.structs[request]
	if st == nil {
		return nil
	}
	var out []Param
	for _, f := range st.Fields.List {
		name := jsonName(f)
		if name == "" {
			continue
		}
		s, ok := m.schemaOf(f.Type, 0)
		if !ok {
			continue
		}
		doc := docText(f.Doc)
		p := Param{Name: name, Schema: s}
		if s.Type == "array" || s.Type == "object" {
			p.Flattened = true
		} else {
			p.Required = strings.Contains(doc, "This parameter is required.")
			p.Schema.Enum = enumOf(doc, s.Type)
		}
		out = append(out, p)
	}
	return out
}

func docText(g *ast.CommentGroup) string {
	if g == nil {
		return ""
	}
	return g.Text()
}

var (
	enumItemRE  = regexp.MustCompile(`^\s*[-*]\s*(.*)$`)
	enumTokenRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.+\-]*$`)
	// noEnumRE marks comments whose listed values may be combined, or are
	// examples rather than the whole set.
	noEnumRE = regexp.MustCompile(`(?i)separat|comma|multiple|such as|e\.g\.|for example|and so on|etc\.|regular expression`)
)

// enumOf reads the list of values after "Valid values" in a field comment.
// It returns nil unless every item is a single plain token of the field's
// type and there are at least two: a wrong enum rejects valid calls, a
// missing one only accepts too much.
func enumOf(doc, typ string) []string {
	if typ != "string" && typ != "integer" {
		return nil
	}
	i := strings.Index(doc, "Valid values")
	if i < 0 || noEnumRE.MatchString(doc) {
		return nil
	}
	lines := strings.Split(doc[i:], "\n")
	rest := strings.TrimSpace(strings.TrimLeft(strings.TrimPrefix(lines[0], "Valid values"), ":"))
	if rest != "" {
		return nil // an inline range or sentence ("Valid values: 1 to 100")
	}
	var out []string
	seen := map[string]bool{}
	for _, line := range lines[1:] {
		line = strings.TrimSpace(line)
		if line == "example:" {
			break
		}
		mm := enumItemRE.FindStringSubmatch(line)
		if mm == nil {
			continue // blank lines, separators, continued item text
		}
		tok := mm[1]
		if j := strings.IndexAny(tok, ":："); j >= 0 {
			tok = tok[:j]
		}
		tok = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(tok), "(default)"))
		tok = strings.Trim(tok, "*` ")
		if !enumTokenRE.MatchString(tok) {
			return nil
		}
		if typ == "integer" {
			if _, err := strconv.ParseInt(tok, 10, 64); err != nil {
				return nil
			}
		}
		if !seen[tok] {
			seen[tok] = true
			out = append(out, tok)
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

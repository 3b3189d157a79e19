package scenarios

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/icefake/icefake/openapi"
)

// Version is the only scenario format version Parse accepts.
const Version = 1

var topKeys = []string{"version", "credentials", "media", "templates", "faults", "quotas", "projects", "stubs"}

// Parse parses and validates one scenario document. name labels the
// document in errors (a file name, usually). Actions and error codes are
// checked against the spec of package openapi.
//
// On failure Parse returns a nil Scenario and every problem it found, as
// *Error values joined with errors.Join; each one's text is
// "<name>:<line>: <key path>: <message>".
func Parse(name string, data []byte) (*Scenario, error) {
	spec, err := openapi.Load()
	if err != nil {
		return nil, fmt.Errorf("scenarios: %w", err)
	}
	p := &parser{file: name}
	root := p.decode(data)
	if len(p.errs) > 0 {
		return nil, errors.Join(p.errs...)
	}
	sc := &Scenario{Name: name}
	p.scenario(spec, root, sc)
	if len(p.errs) > 0 {
		slices.SortStableFunc(p.errs, func(a, b error) int {
			return cmp.Compare(a.(*Error).Line, b.(*Error).Line)
		})
		return nil, errors.Join(p.errs...)
	}
	return sc, nil
}

// LoadFile reads and parses the scenario file at path; errors name path.
func LoadFile(path string) (*Scenario, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("scenarios: %w", err)
	}
	return Parse(path, data)
}

// decode returns the root node of the single YAML document in data, or nil
// for an empty document, recording syntax errors and extra documents.
func (p *parser) decode(data []byte) (root *yaml.Node) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if !p.next(dec, &doc) {
		return nil
	}
	var extra yaml.Node
	if p.next(dec, &extra) {
		p.errorf(extra.Line, "", "a scenario file holds one YAML document, found another")
	}
	if len(doc.Content) == 0 {
		return nil
	}
	return doc.Content[0]
}

// next decodes the next document into n and reports whether there was one.
func (p *parser) next(dec *yaml.Decoder, n *yaml.Node) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			p.errorf(1, "", "invalid YAML: %v", r)
			ok = false
		}
	}()
	err := dec.Decode(n)
	if err == io.EOF {
		return false
	}
	if err != nil {
		p.syntax(err)
		return false
	}
	return true
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// parserProblems are yaml.v3's parser (not scanner) errors, which it
// reports with a 0-based line: of the start of the construct named here, or
// of the offending token when that construct starts on the first line.
var parserProblems = map[string]string{
	"did not find expected <stream-start>":   "",
	"did not find expected <document start>": "",
	"found duplicate %YAML directive":        "",
	"found incompatible YAML document":       "",
	"found duplicate %TAG directive":         "",
	"found undefined tag handle":             "node",
	"did not find expected node content":     "node",
	"did not find expected '-' indicator":    "block sequence",
	"did not find expected key":              "block mapping",
	"did not find expected ',' or ']'":       "flow sequence",
	"did not find expected ',' or '}'":       "flow mapping",
}

// syntax records a YAML syntax error at the line yaml.v3 names.
func (p *parser) syntax(err error) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = err.Error()[len(m[0]):]
	}
	if construct, ok := parserProblems[msg]; ok {
		line++
		if construct != "" {
			msg += " while parsing a " + construct
		}
	}
	p.errorf(line, "", "invalid YAML: %s", strings.ReplaceAll(msg, "\n", " "))
}

func (p *parser) scenario(spec *openapi.Spec, root *yaml.Node, sc *Scenario) {
	if root == nil || (root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null") {
		line := 1
		if root != nil {
			line = root.Line
		}
		p.errorf(line, "version", "required (the only version is %d)", Version)
		return
	}
	fields, ok := p.mapping(root, "", topKeys)
	if !ok {
		return
	}
	hasVersion := false
	for _, f := range fields {
		switch key := f.key.Value; key {
		case "version":
			hasVersion = true
			if v, ok := p.integer(f.val, key); ok {
				if v != Version {
					p.errorf(f.val.Line, key, "unsupported version %d (supported: %d)", v, Version)
				}
				sc.Version = v
			}
		case "credentials":
			p.credentials(f.val, key, sc)
		case "media":
			p.media(f.val, key, sc)
		case "templates":
			p.templates(f.val, key, sc)
		case "faults":
			p.faults(spec, f.val, key, sc)
		case "quotas":
			p.quotas(spec, f.val, key, sc)
		case "projects":
			p.projects(spec, f.val, key, sc)
		case "stubs":
			p.stubs(spec, f.val, key, sc)
		}
	}
	if !hasVersion {
		p.errorf(root.Line, "version", "required (the only version is %d)", Version)
	}
}

package scenarios

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/icefake/icefake/openapi"
)

const schemaFile = "scenario.schema.json"

// ordered is a JSON object that keeps its keys in order.
type ordered []member

type member struct {
	key string
	val any
}

func (o ordered) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(m.key)
		if err != nil {
			return nil, err
		}
		v, err := marshalJSON(m.val)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// marshalJSON is json.Marshal without HTML escaping.
func marshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

func enumDef(description string, values []string) ordered {
	return ordered{{"description", description}, {"type", "string"}, {"enum", values}}
}

// generatedDefs returns the $defs of the schema that are generated: from
// the spec (Actions, error codes, parameters, project enums) and from the
// parser's own lists, so that the schema cannot drift from either.
func generatedDefs(t *testing.T) []member {
	t.Helper()
	spec := openapi.MustLoad()
	var codes []string
	for _, c := range spec.Codes() {
		if !spec.Errors[c].Job {
			codes = append(codes, c)
		}
	}
	var jsonParams, byAction []any
	seenJSON := map[string]bool{}
	for _, action := range spec.Actions() {
		var params, jps []string
		for _, ref := range spec.Operations[action].Parameters {
			params = append(params, ref.Value.Name)
			if ref.Value.Content.Get("application/json") != nil {
				jps = append(jps, ref.Value.Name)
				if !seenJSON[ref.Value.Name] {
					seenJSON[ref.Value.Name] = true
					jsonParams = append(jsonParams, ref.Value.Name)
				}
			}
		}
		slices.Sort(params)
		slices.Sort(jps)
		match := ordered{}
		for _, p := range params {
			match = append(match, member{p, ordered{{"$ref", "#/$defs/text"}}})
		}
		matchJSON := ordered{{"maxItems", 0}}
		if len(jps) > 0 {
			matchJSON = ordered{{"items", ordered{{"properties", ordered{{"param", ordered{{"enum", jps}}}}}}}}
		}
		byAction = append(byAction, ordered{
			{"if", ordered{{"required", []string{"action"}}, {"properties", ordered{{"action", ordered{{"const", action}}}}}}},
			{"then", ordered{{"properties", ordered{
				{"match", ordered{{"properties", match}, {"additionalProperties", false}}},
				{"matchJSON", matchJSON},
			}}}},
		})
	}
	slices.SortFunc(jsonParams, func(a, b any) int { return strings.Compare(a.(string), b.(string)) })
	return []member{
		{"knownAction", enumDef("An Action of the ICE SDK's model (the merged spec: ice.yaml over generated.yaml), implemented or not.", spec.KnownActions())},
		{"errorCode", enumDef("An error code of the spec's catalogue that is answered over HTTP (job-only codes appear only in failed jobs). Status and message default from the catalogue.", codes)},
		{"jsonParameter", ordered{{"description", "A JSON-carrying request parameter of some Action, from the spec."}, {"type", "string"}, {"enum", jsonParams}}},
		{"matchByAction", ordered{
			{"description", "Generated from the spec: per Action, the parameters a fault's match may name and the JSON-carrying parameters its matchJSON may name."},
			{"allOf", byAction},
		}},
		{"mediaType", enumDef("A media type.", mediaTypes)},
		{"transport", enumDef("A transport fault: drop the connection before answering, answer the gateway's HTML 414/502/504 page, or truncate the JSON body.", transports)},
		{"templateType", enumDef("A template type: Timeline (regular) or VETemplate (advanced).", spec.Enum(templateTypeSchema))},
		{"projectType", enumDef("An editing project's type.", spec.Enum(projectTypeSchema))},
		{"businessStatus", enumDef("A live editing project's BusinessStatus.", spec.Enum(businessStatusSchema))},
		{"projectStatus", enumDef("The statuses a project can be seeded in (Deleted projects are not seeded).", spec.Enum(projectStatusSchema))},
		{"source", enumDef("Where a project was created (CreateSource).", spec.Enum(createSourceSchema))},
	}
}

// spliceDefs replaces the value of each of defs in the schema's $defs with
// its generated rendering.
func spliceDefs(text string, defs []member) (string, error) {
	base := strings.Index(text, "\n  \"$defs\": {")
	if base < 0 {
		return "", fmt.Errorf("%s has no top-level $defs", schemaFile)
	}
	for _, d := range defs {
		marker := "\n    " + strconvQuote(d.key) + ": "
		i := strings.Index(text[base:], marker)
		if i < 0 {
			return "", fmt.Errorf("%s: $defs has no %q", schemaFile, d.key)
		}
		start := base + i + len(marker)
		dec := json.NewDecoder(strings.NewReader(text[start:]))
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return "", fmt.Errorf("%s: $defs.%s: %v", schemaFile, d.key, err)
		}
		end := start + int(dec.InputOffset())
		r, err := render(d.val, "    ")
		if err != nil {
			return "", err
		}
		text = text[:start] + r + text[end:]
	}
	return text, nil
}

// render formats v as the hand-written parts of the schema are: a value
// that fits in a line of 100 characters is written on one line, as
// {"key": value, …} and [a, b]; a longer object or array has one member a
// line. indent is the indentation of the line v starts on.
func render(v any, indent string) (string, error) {
	if s, err := inline(v); err != nil || len(indent)+len(s) <= 100 {
		return s, err
	}
	var items []string
	open, closing := "[", "]"
	switch v := v.(type) {
	case ordered:
		open, closing = "{", "}"
		for _, m := range v {
			r, err := render(m.val, indent+"  ")
			if err != nil {
				return "", err
			}
			items = append(items, strconvQuote(m.key)+": "+r)
		}
	case []string:
		for _, e := range v {
			items = append(items, strconvQuote(e))
		}
	case []any:
		for _, e := range v {
			r, err := render(e, indent+"  ")
			if err != nil {
				return "", err
			}
			items = append(items, r)
		}
	default:
		return inline(v)
	}
	return open + "\n" + indent + "  " + strings.Join(items, ",\n"+indent+"  ") + "\n" + indent + closing, nil
}

// inline formats v on one line.
func inline(v any) (string, error) {
	var items []string
	switch v := v.(type) {
	case ordered:
		for _, m := range v {
			r, err := inline(m.val)
			if err != nil {
				return "", err
			}
			items = append(items, strconvQuote(m.key)+": "+r)
		}
		return "{" + strings.Join(items, ", ") + "}", nil
	case []string:
		for _, e := range v {
			items = append(items, strconvQuote(e))
		}
		return "[" + strings.Join(items, ", ") + "]", nil
	case []any:
		for _, e := range v {
			r, err := inline(e)
			if err != nil {
				return "", err
			}
			items = append(items, r)
		}
		return "[" + strings.Join(items, ", ") + "]", nil
	}
	b, err := marshalJSON(v)
	return string(b), err
}

func strconvQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestSchemaGenerated checks the generated $defs of the schema (Actions,
// error codes, parameters per Action, enums); go test -update rewrites them.
func TestSchemaGenerated(t *testing.T) {
	data, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	want, err := spliceDefs(string(data), generatedDefs(t))
	if err != nil {
		t.Fatal(err)
	}
	if want == string(data) {
		return
	}
	if *update {
		if err := os.WriteFile(schemaFile, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("%s: the generated $defs differ from the spec and the parser (run go test ./scenarios -run TestSchemaGenerated -update)", schemaFile)
}

func TestSchemaEmbedded(t *testing.T) {
	data, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, SchemaJSON) {
		t.Errorf("SchemaJSON differs from %s", schemaFile)
	}
	if !json.Valid(SchemaJSON) {
		t.Errorf("SchemaJSON is not JSON")
	}
}

// compileSchema compiles SchemaJSON, checking it against the 2020-12
// metaschema; formats (date-time) are asserted, as strict editors do.
func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(SchemaJSON))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	const url = "https://icefake.invalid/" + schemaFile
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatalf("compile %s: %v", schemaFile, err)
	}
	return sch
}

// yamlInstance converts a YAML document to the JSON value a schema-aware
// editor sees, by the node tags the parser goes by: a quoted "1" stays a
// string, a plain timestamp is a string.
func yamlInstance(t *testing.T, data []byte) any {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("YAML: %v", err)
	}
	if len(doc.Content) == 0 {
		return nil
	}
	return nodeValue(t, doc.Content[0])
}

func nodeValue(t *testing.T, n *yaml.Node) any {
	t.Helper()
	switch n.Kind {
	case yaml.AliasNode:
		return nodeValue(t, n.Alias)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = nodeValue(t, n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			s = append(s, nodeValue(t, c))
		}
		return s
	}
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		var v bool
		_ = n.Decode(&v)
		return v
	case "!!int":
		var v int64
		if err := n.Decode(&v); err == nil {
			return v
		}
		var f float64
		_ = n.Decode(&f)
		return f
	case "!!float":
		var v float64
		_ = n.Decode(&v)
		return v
	}
	return n.Value
}

// TestSchemaAcceptsValidFiles: every valid scenario, example.yaml and the
// package doc's annotated example pass the schema.
func TestSchemaAcceptsValidFiles(t *testing.T) {
	sch := compileSchema(t)
	files := append(glob(t, "testdata/valid/*.yaml"), "example.yaml", "doc.go")
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if file == "doc.go" {
				data = docExample(t, data)
			}
			if err := sch.Validate(yamlInstance(t, data)); err != nil {
				t.Errorf("%s fails the schema:\n%v", file, err)
			}
		})
	}
}

// docExample returns the annotated example of the package doc (as
// TestDocExample reads it).
func docExample(t *testing.T, src []byte) []byte {
	t.Helper()
	_, rest, ok := strings.Cut(string(src), "//\tversion: 1")
	if !ok {
		t.Fatal("doc.go: no example starting with version: 1")
	}
	var b strings.Builder
	lines := strings.Split(rest, "\n")
	b.WriteString("version: 1" + lines[0] + "\n")
	for _, line := range lines[1:] {
		code, ok := strings.CutPrefix(line, "//\t")
		if line == "//" {
			code, ok = "", true
		}
		if !ok {
			break
		}
		b.WriteString(code + "\n")
	}
	if _, err := Parse("doc.go", []byte(b.String())); err != nil {
		t.Fatalf("doc example: %v", err)
	}
	return []byte(b.String())
}

// TestSchemaRejectsInvalidFiles: the invalid scenarios whose problems a
// schema can express (unknown keys, enums, types, ranges, shapes, keys that
// need or exclude others) fail the schema too.
func TestSchemaRejectsInvalidFiles(t *testing.T) {
	sch := compileSchema(t)
	for _, name := range []string{
		"bad-delay", "bad-match", "bad-media-type", "bad-media-url", "job-only-code", "media-size",
		"media-without-id", "missing-required", "missing-version", "negative-after", "negative-duration",
		"not-a-mapping", "null-list", "quota-problems", "sequence-problems", "status-out-of-range", "times-zero",
		"transport-problems", "unknown-action", "unknown-code", "unknown-key-credential", "unknown-key-fault",
		"unknown-key-media", "unknown-key-top", "version-2", "window-problems", "wrong-type", "empty-values",
		"template-problems", "matchjson-problems",
		"project-unknown-key", "project-bad-enums", "project-wrong-types", "project-rules", "project-ids",
		"stub-problems",
	} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata/invalid", name+".yaml"))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(yamlInstance(t, data)); err == nil {
				t.Errorf("%s.yaml passes the schema, want it rejected", name)
			}
		})
	}
}

// TestSchemaCases pins single rules of the schema, each with a document
// that passes and one that fails it; the parser agrees on each.
func TestSchemaCases(t *testing.T) {
	sch := compileSchema(t)
	tests := []struct {
		name, ok, bad string
	}{
		{"faults and quotas name any Action of the SDK's model",
			"faults: [{action: SubmitSnapshotJob, code: Throttling}]\nquotas: [{action: GetSnapshotJob, rate: 1}]",
			"faults: [{action: SubmitSnapshotJobs, code: Throttling}]\nquotas: [{action: GetSnapshotJob, rate: 1}]"},
		{"a quota names a known Action",
			"quotas: [{action: GetSnapshotJob, rate: 1}]",
			"quotas: [{action: GetSnapshotJobs, rate: 1}]"},
		{"match names parameters of the action",
			"faults: [{action: GetEditingProject, code: InternalError, match: {ProjectId: p}}]",
			"faults: [{action: GetEditingProject, code: InternalError, match: {Title: p}}]"},
		{"matchJSON names JSON parameters of the action",
			"faults: [{action: CreateEditingProject, code: InternalError, matchJSON: [{param: Timeline, path: $.A, value: 1}]}]",
			"faults: [{action: CreateEditingProject, code: InternalError, matchJSON: [{param: OutputMediaConfig, path: $.A, value: 1}]}]"},
		{"a fault needs an outcome",
			"faults: [{action: GetEditingProject, delay: 1s}]",
			"faults: [{action: GetEditingProject, after: 1}]"},
		{"code or transport, not both",
			"faults: [{action: GetEditingProject, transport: drop}]",
			"faults: [{action: GetEditingProject, code: InternalError, transport: drop}]"},
		{"status needs code",
			"faults: [{action: GetEditingProject, code: InternalError, status: 503}]",
			"faults: [{action: GetEditingProject, transport: drop, status: 503}]"},
		{"sequence excludes times",
			"faults: [{action: GetEditingProject, sequence: [{ok: true}]}]",
			"faults: [{action: GetEditingProject, times: 1, sequence: [{ok: true}]}]"},
		{"an ok step has no code",
			"faults: [{action: GetEditingProject, sequence: [{ok: true, delay: 1s}]}]",
			"faults: [{action: GetEditingProject, sequence: [{ok: true, code: InternalError}]}]"},
		{"a Timeline template needs config",
			"templates: [{templateId: t, type: VETemplate}]",
			"templates: [{templateId: t}]"},
		{"a Draft project has no timeline",
			"projects: [{title: t, status: Editing, timeline: '{}'}]",
			"projects: [{title: t, status: Draft, timeline: '{}'}]"},
		{"errorCode needs ProduceFailed",
			"projects: [{title: t, status: ProduceFailed, errorCode: X}]",
			"projects: [{title: t, status: Produced, errorCode: X}]"},
		{"business keys need a live project",
			"projects: [{title: t, projectType: LiveEditingProject, businessStatus: Reserving}]",
			"projects: [{title: t, businessStatus: Reserving}]"},
		{"templateId needs clipsParam",
			"projects: [{title: t, templateId: x, clipsParam: '{}'}]",
			"projects: [{title: t, templateId: x}]"},
		{"modifiedTime needs createTime",
			"projects: [{title: t, createTime: 2024-01-01T00:00:00Z, modifiedTime: 2024-01-02T00:00:00Z}]",
			"projects: [{title: t, modifiedTime: 2024-01-02T00:00:00Z}]"},
		{"projectId is 32 lowercase hex, quoted",
			`projects: [{title: t, projectId: "11111111111111111111111111111111"}]`,
			"projects: [{title: t, projectId: 11111111111111111111111111111111}]"},
		{"times are RFC 3339",
			"projects: [{title: t, createTime: '2024-01-01T08:00:00+08:00'}]",
			"projects: [{title: t, createTime: '2024-01-01 08:00'}]"},
		{"delays are Go durations, not negative",
			"faults: [{action: GetEditingProject, delay: 1m30.5s}]",
			"faults: [{action: GetEditingProject, delay: -1s}]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, c := range []struct {
				doc  string
				pass bool
			}{{tt.ok, true}, {tt.bad, false}} {
				doc := "version: 1\n" + c.doc + "\n"
				err := sch.Validate(yamlInstance(t, []byte(doc)))
				if (err == nil) != c.pass {
					t.Errorf("schema on %q: error = %v, want pass = %v", c.doc, err, c.pass)
				}
				if _, perr := Parse("t.yaml", []byte(doc)); (perr == nil) != c.pass {
					t.Errorf("Parse(%q) error = %v, want pass = %v", c.doc, perr, c.pass)
				}
			}
		})
	}
}

// TestSchemaKeys checks that the schema's objects have exactly the keys the
// parser accepts, and that every object schema says what other keys it
// takes (additionalProperties).
func TestSchemaKeys(t *testing.T) {
	var schema map[string]any
	if err := json.Unmarshal(SchemaJSON, &schema); err != nil {
		t.Fatal(err)
	}
	defs := schema["$defs"].(map[string]any)
	keys := func(v any) []string {
		props, _ := v.(map[string]any)["properties"].(map[string]any)
		var out []string
		for k := range props {
			out = append(out, k)
		}
		slices.Sort(out)
		return out
	}
	sorted := func(s []string) []string { return slices.Sorted(slices.Values(s)) }
	for _, c := range []struct {
		name   string
		schema any
		want   []string
	}{
		{"top level", schema, topKeys},
		{"credential", defs["credential"], credentialKeys},
		{"media", defs["media"], mediaKeys},
		{"template", defs["template"], templateKeys},
		{"fault", defs["fault"], faultKeys},
		{"step", defs["step"], outcomeKeys},
		{"jsonMatch", defs["jsonMatch"], jsonKeys},
		{"quota", defs["quota"], quotaKeys},
		{"project", defs["project"], projectKeys},
		{"stub", defs["stub"], stubKeys},
	} {
		if got, want := keys(c.schema), sorted(c.want); !slices.Equal(got, want) {
			t.Errorf("schema %s keys = %v, want the parser's %v", c.name, got, want)
		}
	}
	if spec := openapi.MustLoad(); !slices.Equal(templateTypes, spec.Enum(templateTypeSchema)) {
		t.Errorf("templateTypes = %v, want the spec's TemplateType %v", templateTypes, spec.Enum(templateTypeSchema))
	}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			if v["type"] == "object" {
				if _, ok := v["additionalProperties"]; !ok {
					t.Errorf("schema %s: an object without additionalProperties", path)
				}
				if _, ok := v["properties"]; ok && v["additionalProperties"] != false {
					t.Errorf("schema %s: an object with properties must have additionalProperties: false", path)
				}
			}
			for k, c := range v {
				walk(path+"/"+k, c)
			}
		case []any:
			for i, c := range v {
				walk(fmt.Sprintf("%s/%d", path, i), c)
			}
		}
	}
	walk("#", schema)
}

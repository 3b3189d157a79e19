package scenarios

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/icefake/icefake/openapi"
)

var update = flag.Bool("update", false, "rewrite testdata/invalid/*.err from the current output")

// known matches the spec-derived lists in messages. Goldens hold "(known: …)"
// so that adding an Action or a code to the spec does not churn them;
// TestKnownLists checks the lists themselves.
var known = regexp.MustCompile(`\(known: [^)]*\)`)

func TestParseValidFiles(t *testing.T) {
	files := glob(t, "testdata/valid/*.yaml")
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			sc, err := LoadFile(file)
			if err != nil {
				t.Fatalf("LoadFile(%q) error = %v, want nil", file, err)
			}
			if sc.Name != file || sc.Version != 1 {
				t.Errorf("LoadFile(%q) Name, Version = %q, %d, want %q, 1", file, sc.Name, sc.Version, file)
			}
		})
	}
}

func TestParseInvalidFiles(t *testing.T) {
	files := glob(t, "testdata/invalid/*.yaml")
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			name := filepath.Base(file)
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			sc, perr := Parse(name, data)
			if perr == nil {
				t.Fatalf("Parse(%q) = %+v, nil, want an error", name, sc)
			}
			if sc != nil {
				t.Errorf("Parse(%q) scenario = %+v, want nil on error", name, sc)
			}
			got := known.ReplaceAllString(perr.Error(), "(known: …)") + "\n"
			golden := strings.TrimSuffix(file, ".yaml") + ".err"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("Parse(%q) error =\n%s\nwant (%s)\n%s", name, got, golden, want)
			}
			checkErrors(t, name, perr)
		})
	}
}

// checkErrors asserts that every line of err is one *Error naming file and line.
func checkErrors(t *testing.T, name string, err error) {
	t.Helper()
	errs := Errors(err)
	lines := strings.Split(err.Error(), "\n")
	if len(errs) != len(lines) {
		t.Errorf("len(Errors(err)) = %d, want %d (one per line of %q)", len(errs), len(lines), err)
	}
	prefix := regexp.MustCompile(`^` + regexp.QuoteMeta(name) + `:[1-9][0-9]*: `)
	for i, e := range errs {
		if e.File != name || e.Line < 1 || e.Msg == "" {
			t.Errorf("Errors(err)[%d] = %+v, want File %q, Line >= 1 and a Msg", i, e, name)
		}
		if s := e.Error(); !prefix.MatchString(s) || strings.Contains(s, "\n") {
			t.Errorf("Errors(err)[%d].Error() = %q, want one line starting %q", i, s, name+":<line>: ")
		}
	}
}

func glob(t *testing.T, pattern string) []string {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		t.Fatalf("filepath.Glob(%q) = %v, %v, want files", pattern, files, err)
	}
	return files
}

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want *Scenario
	}{
		{
			name: "defaults",
			yaml: "version: 1\nmedia:\n  - mediaId: a\n    duration: 2\nfaults:\n  - action: GetEditingProject\n    code: ProjectNotFound\n",
			want: &Scenario{
				Name: "t.yaml", Version: 1,
				Media:  []Media{{MediaId: "a", Duration: 2, Type: "video", Line: 3}},
				Faults: []Fault{{Action: "GetEditingProject", Code: "ProjectNotFound", Line: 6}},
			},
		},
		{
			name: "every fault key",
			yaml: `version: 1
faults:
  - action: GetEditingProject
    match: {ProjectId: p1, RequestSource: ""}
    after: 2
    times: 3
    code: InternalError
    status: 503
    message: boom
    delay: 1m30s
`,
			want: &Scenario{
				Name: "t.yaml", Version: 1,
				Faults: []Fault{{
					Action: "GetEditingProject", Match: map[string]string{"ProjectId": "p1", "RequestSource": ""},
					After: 2, Times: 3, Code: "InternalError", Status: 503, Message: "boom",
					Delay: 90 * time.Second, Line: 3,
				}},
			},
		},
		{
			name: "delay only, literal match values, explicit string tag",
			yaml: "version: 1\nfaults:\n- action: CreateEditingProject\n  match: {Title: 0x1F, Description: false}\n  delay: 5ms\nmedia:\n- {mediaId: !!str 7, duration: 0, type: audio, title: t}\n",
			want: &Scenario{
				Name: "t.yaml", Version: 1,
				Media: []Media{{MediaId: "7", Duration: 0, Type: "audio", Title: "t", Line: 7}},
				Faults: []Fault{{
					Action: "CreateEditingProject", Match: map[string]string{"Title": "0x1F", "Description": "false"},
					Delay: 5 * time.Millisecond, Line: 3,
				}},
			},
		},
		{
			name: "credentials",
			yaml: "version: 1\ncredentials:\n  - {accessKeyId: k, accessKeySecret: s, securityToken: tok}\n",
			want: &Scenario{
				Name: "t.yaml", Version: 1,
				Credentials: []Credential{{AccessKeyId: "k", AccessKeySecret: "s", SecurityToken: "tok", Line: 3}},
			},
		},
		{
			name: "templates and media file facts",
			yaml: `version: 1
media:
  - {mediaURL: "oss://b/a.mp4", duration: 216.206667, size: 30611502, width: 960, height: 540}
templates:
  - templateId: merge
    config: '{"VideoTracks":[]}'
  - {templateId: ve, type: VETemplate, name: Advanced}
  - {templateId: ve2, type: VETemplate, config: '{"x":1}'}
`,
			want: &Scenario{
				Name: "t.yaml", Version: 1,
				Media: []Media{{MediaURL: "oss://b/a.mp4", Duration: 216.206667, Type: "video", Size: 30611502, Width: 960, Height: 540, Line: 3}},
				Templates: []Template{
					{TemplateId: "merge", Type: "Timeline", Config: `{"VideoTracks":[]}`, Line: 5},
					{TemplateId: "ve", Type: "VETemplate", Name: "Advanced", Line: 7},
					{TemplateId: "ve2", Type: "VETemplate", Config: `{"x":1}`, Line: 8},
				},
			},
		},
		{
			name: "empty match is no match",
			yaml: "version: 1\nfaults:\n  - {action: GetEditingProject, match: {}, code: InternalError}\n",
			want: &Scenario{
				Name: "t.yaml", Version: 1,
				Faults: []Fault{{Action: "GetEditingProject", Code: "InternalError", Line: 3}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse("t.yaml", []byte(tt.yaml))
			if err != nil {
				t.Fatalf("Parse() error = %v, want nil", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse() = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestExampleYAML(t *testing.T) {
	got, err := Parse("example.yaml", ExampleYAML)
	if err != nil {
		t.Fatalf("Parse(ExampleYAML) error = %v, want nil", err)
	}
	const prefix = "http://ice-document-materials.oss-cn-shanghai.aliyuncs.com/test_media/"
	want := &Scenario{
		Name: "example.yaml", Version: 1,
		Credentials: []Credential{{AccessKeyId: "testAccessKeyId", AccessKeySecret: "testAccessKeySecret", Line: 9}},
		Media: []Media{
			{MediaId: "****4d7cf14dc7b83b0e801c****", Duration: 12.5, Type: "video", Line: 15},
			{MediaId: "4bcf9b4d7cf14dc7b83b0e801cbe****", Duration: 60, Type: "video", Line: 17},
			{MediaURL: prefix + "h1.mp4", Duration: 5, Type: "video", Line: 19},
			{MediaURL: prefix + "h2.mp4", Duration: 6, Type: "video", Line: 21},
			{MediaURL: prefix + "h3.mp4", Duration: 7, Type: "video", Line: 23},
		},
		Faults: []Fault{{Action: "CreateEditingProject", After: 1, Times: 1, Code: "Throttling.User", Line: 29}},
		Stubs: []Stub{{Action: "AddCategory", Line: 48, Response: map[string]any{"Category": map[string]any{
			"CateId": int64(1001), "CateName": "${CateName}", "Level": int64(0), "ParentId": int64(-1), "Type": "default"}}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Parse(ExampleYAML) =\n%+v\nwant\n%+v", got, want)
	}
	file, err := os.ReadFile("example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if string(file) != string(ExampleYAML) {
		t.Errorf("ExampleYAML differs from example.yaml")
	}
}

// TestDocExample parses the annotated example of the package doc.
func TestDocExample(t *testing.T) {
	src, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(src), "//\tversion: 1")
	if !ok {
		t.Fatal("doc.go: no example starting with version: 1")
	}
	var b strings.Builder
	lines := strings.Split(rest, "\n")
	b.WriteString("version: 1" + lines[0] + "\n")
	for _, line := range lines[1:] {
		if line == "//" {
			if strings.HasSuffix(b.String(), "\n\n") {
				break
			}
			b.WriteString("\n")
			continue
		}
		code, ok := strings.CutPrefix(line, "//\t")
		if !ok {
			break
		}
		b.WriteString(code + "\n")
	}
	sc, err := Parse("doc.go", []byte(b.String()))
	if err != nil {
		t.Fatalf("Parse(doc example) error = %v, want nil\n%s", err, b.String())
	}
	if len(sc.Credentials) != 2 || len(sc.Media) != 4 || len(sc.Templates) != 2 || len(sc.Faults) != 3 {
		t.Errorf("Parse(doc example) has %d credentials, %d media, %d templates, %d faults, want 2, 4, 2, 3",
			len(sc.Credentials), len(sc.Media), len(sc.Templates), len(sc.Faults))
	}
}

// TestKnownLists checks the lists that goldens elide as "(known: …)".
func TestKnownLists(t *testing.T) {
	spec := openapi.MustLoad()
	var codes []string
	for _, c := range spec.Codes() {
		if !spec.Errors[c].Job {
			codes = append(codes, c)
		}
	}
	var params []string
	for _, p := range spec.Operations["GetEditingProject"].Parameters {
		params = append(params, p.Value.Name)
	}
	slices.Sort(params)
	tests := []struct {
		name string
		yaml string
		want string
	}{
		{
			name: "unknown action points to the list of Actions",
			yaml: "version: 1\nfaults:\n  - {action: Nope, code: InternalError}\n",
			want: `t.yaml:3: faults[0].action: unknown action "Nope" (not an Action of the ICE SDK's model; docs/actions.md lists them)`,
		},
		{
			name: "unknown code lists the HTTP codes",
			yaml: "version: 1\nfaults:\n  - {action: GetEditingProject, code: Throttle}\n",
			want: `t.yaml:3: faults[0].code: unknown error code "Throttle" (known: ` + strings.Join(codes, ", ") + ")",
		},
		{
			name: "unknown match key lists the parameters",
			yaml: "version: 1\nfaults:\n  - {action: GetEditingProject, code: InternalError, match: {Nope: x}}\n",
			want: `t.yaml:3: faults[0].match.Nope: unknown parameter of GetEditingProject (known: ` + strings.Join(params, ", ") + ")",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("t.yaml", []byte(tt.yaml))
			if err == nil {
				t.Fatalf("Parse() error = nil, want %q", tt.want)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("Parse() error =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
	for _, c := range []string{"Throttling.User", "InvalidParameter", "MissingParameter", "ProjectNotFound", "InternalError", "ServiceUnavailable"} {
		if !strings.Contains(strings.Join(codes, ","), c) {
			t.Errorf("codes usable in faults = %v, want them to include %s", codes, c)
		}
	}
}

func TestErrors(t *testing.T) {
	_, err := Parse("bad.yaml", []byte("version: 2\nmedia:\n  - {mediaId: a, durtion: 1}\n"))
	want := []*Error{
		{File: "bad.yaml", Line: 1, Key: "version", Msg: "unsupported version 2 (supported: 1)"},
		{File: "bad.yaml", Line: 3, Key: "media[0].durtion", Msg: "unknown key (allowed: mediaId, mediaURL, duration, type, title, size, width, height, format, bitrate, fps, videoCodec, audioCodec)"},
		{File: "bad.yaml", Line: 3, Key: "media[0].duration", Msg: "required"},
	}
	if got := Errors(err); !reflect.DeepEqual(got, want) {
		t.Errorf("Errors(err) = %v, want %v", got, want)
	}
	var e *Error
	if !errors.As(err, &e) || e.Key != "version" {
		t.Errorf("errors.As(err, *Error) = %v, want the version error", e)
	}
	if got := Errors(errors.New("plain")); got != nil {
		t.Errorf("Errors(plain error) = %v, want nil", got)
	}
	syntax := &Error{File: "f.yaml", Line: 2, Msg: "invalid YAML: x"}
	if got, want := syntax.Error(), "f.yaml:2: invalid YAML: x"; got != want {
		t.Errorf("Error() without key = %q, want %q", got, want)
	}
}

func TestLoadFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(path, []byte("version: 1\nfaults: {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := LoadFile(path)
	if want := path + ":2: faults: expected a sequence, got a mapping"; err == nil || err.Error() != want {
		t.Errorf("LoadFile(%q) error = %v, want %q", path, err, want)
	}
	missing := filepath.Join(dir, "missing.yaml")
	if _, err := LoadFile(missing); !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), missing) {
		t.Errorf("LoadFile(%q) error = %v, want a not-exist error naming the path", missing, err)
	}
}

func TestMerge(t *testing.T) {
	a := &Scenario{
		Name: "a.yaml", Version: 1,
		Credentials: []Credential{{AccessKeyId: "k", AccessKeySecret: "s", Line: 3}},
		Faults:      []Fault{{Action: "GetEditingProject", Match: map[string]string{"ProjectId": "p"}, Code: "InternalError", Line: 5}},
	}
	b := &Scenario{
		Name: "b.yaml", Version: 1,
		Media:  []Media{{MediaId: "m", Duration: 1, Type: "video", Line: 2}},
		Faults: []Fault{{Action: "CreateEditingProject", Delay: time.Second, Line: 4}},
	}
	tests := []struct {
		name string
		in   []*Scenario
		want *Scenario
	}{
		{name: "none", want: &Scenario{Version: 1}},
		{name: "nil skipped", in: []*Scenario{nil, b, nil}, want: &Scenario{Name: "b.yaml", Version: 1, Media: b.Media, Faults: b.Faults}},
		{
			name: "in order",
			in:   []*Scenario{a, b},
			want: &Scenario{
				Name: "a.yaml, b.yaml", Version: 1,
				Credentials: a.Credentials, Media: b.Media,
				Faults: []Fault{a.Faults[0], b.Faults[0]},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Merge(tt.in...)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Merge() = %+v, want %+v", got, tt.want)
			}
		})
	}
	got := Merge(a)
	got.Faults[0].Match["ProjectId"] = "changed"
	got.Credentials[0].AccessKeyId = "changed"
	if a.Faults[0].Match["ProjectId"] != "p" || a.Credentials[0].AccessKeyId != "k" {
		t.Errorf("Merge(a) shares state with a: a = %+v", a)
	}
}

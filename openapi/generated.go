package openapi

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"regexp"
	"sort"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
)

// generatedDocument is generated.yaml: every Action of the newest ICE Go SDK
// model (github.com/alibabacloud-go/ice-20201109), written by cmd/specgen.
// Only names, types, required flags and enums; ice.yaml is merged over it.
//
//go:embed generated.yaml
var generatedDocument []byte

// GeneratedBytes returns a copy of the embedded generated document (YAML).
func GeneratedBytes() []byte { return append([]byte(nil), generatedDocument...) }

// GeneratedSource is the SDK snapshot generated.yaml was written from.
type GeneratedSource struct {
	Repository string
	Commit     string
	Tag        string
}

// generatedIndex locates each Action's path item in generated.yaml without
// parsing it: cmd/specgen writes one block per Action starting with the
// line "  /{Action}:" (see internal/specgen.Generate).
type generatedIndex struct {
	source  GeneratedSource
	head    []byte            // the document up to "paths:" (openapi, info)
	blocks  map[string][]byte // Action → its path item lines
	actions []string          // sorted
	ops     map[string]*lazyOp
}

// lazyOp compiles one generated Action on first use.
type lazyOp struct {
	once sync.Once
	doc  *openapi3.T
	op   *openapi3.Operation
	err  error
}

var (
	actionNameRE = regexp.MustCompile(`^[A-Za-z0-9]+$`)
	sourceRE     = regexp.MustCompile(`(?m)^  (repository|commit|tag): "?([^"\n]*)"?$`)
)

var generated = sync.OnceValue(func() *generatedIndex { return indexGenerated(generatedDocument) })

func indexGenerated(data []byte) *generatedIndex {
	g := &generatedIndex{blocks: map[string][]byte{}, ops: map[string]*lazyOp{}}
	paths := bytes.Index(data, []byte("\npaths:\n"))
	if paths < 0 {
		return g
	}
	g.head = data[:paths+1]
	for _, m := range sourceRE.FindAllSubmatch(g.head, -1) {
		switch string(m[1]) {
		case "repository":
			g.source.Repository = string(m[2])
		case "commit":
			g.source.Commit = string(m[2])
		case "tag":
			g.source.Tag = string(m[2])
		}
	}
	body := data[paths+len("\npaths:\n"):]
	// Path items start at lines "  /{Action}:"; deeper lines are indented more.
	var starts []int
	for off := 0; off < len(body); {
		if bytes.HasPrefix(body[off:], []byte("  /")) {
			starts = append(starts, off)
		}
		nl := bytes.IndexByte(body[off:], '\n')
		if nl < 0 {
			break
		}
		off += nl + 1
	}
	for i, start := range starts {
		end := len(body)
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		block := body[start:end]
		colon := bytes.IndexByte(block, ':')
		if colon < 0 {
			continue
		}
		action := string(block[len("  /"):colon])
		if !actionNameRE.MatchString(action) {
			continue
		}
		g.blocks[action] = block
		g.ops[action] = &lazyOp{}
		g.actions = append(g.actions, action)
	}
	sort.Strings(g.actions)
	return g
}

// GeneratedActions returns every Action of generated.yaml, sorted.
func GeneratedActions() []string {
	return append([]string(nil), generated().actions...)
}

// Generated returns the SDK snapshot generated.yaml records.
func Generated() GeneratedSource { return generated().source }

// GeneratedOperation parses, validates and returns one Action of
// generated.yaml, each Action on its first call only (later calls return
// the cached result). doc is a one-path document holding the operation at
// /{Action}. It errors for an Action generated.yaml does not have.
func GeneratedOperation(action string) (doc *openapi3.T, op *openapi3.Operation, err error) {
	g := generated()
	l := g.ops[action]
	if l == nil {
		return nil, nil, fmt.Errorf("openapi: generated.yaml has no Action %q", action)
	}
	l.once.Do(func() { l.doc, l.op, l.err = compileGenerated(g, action) })
	return l.doc, l.op, l.err
}

func compileGenerated(g *generatedIndex, action string) (*openapi3.T, *openapi3.Operation, error) {
	src := make([]byte, 0, len(g.head)+len(g.blocks[action])+8)
	src = append(src, g.head...)
	src = append(src, "paths:\n"...)
	src = append(src, g.blocks[action]...)
	doc, err := openapi3.NewLoader().LoadFromData(src)
	if err != nil {
		return nil, nil, fmt.Errorf("openapi: generated.yaml %s: %w", action, err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, nil, fmt.Errorf("openapi: generated.yaml %s: %w", action, err)
	}
	item := doc.Paths.Value("/" + action)
	if item == nil || item.Post == nil || item.Post.OperationID != action {
		return nil, nil, fmt.Errorf("openapi: generated.yaml %s: no POST operation with operationId %s", action, action)
	}
	return doc, item.Post, nil
}

var onlyInRE = regexp.MustCompile(`(?m)^      x-icefake-only-in: "([^"]*)"$`)

// GeneratedOnlyIn returns the older SDK tag an Action of generated.yaml
// comes from when the newest SDK no longer has it ("" otherwise), without
// compiling the Action.
func GeneratedOnlyIn(action string) string {
	if m := onlyInRE.FindSubmatch(generated().blocks[action]); m != nil {
		return string(m[1])
	}
	return ""
}

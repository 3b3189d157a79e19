// Package specgen turns the model of the official Go SDK of Alibaba Cloud ICE
// (github.com/alibabacloud-go/ice-20201109, the client/ directory) into an
// OpenAPI 3 description of every Action: request parameters with their type,
// required flag and enum, and response bodies with their nested shapes.
//
// Only names, types and flags are taken from the model, never its prose.
// cmd/specgen runs it to write openapi/generated.yaml.
package specgen

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// model is the parsed client/ directory: its struct types and the Actions
// client.go calls.
type model struct {
	structs map[string]*ast.StructType
	actions []action
}

// action is one Action as client.go calls it.
type action struct {
	Name     string // the wire Action
	Request  string // request struct on the wire (the Shrink one when used); "" for none
	Response string // response body struct; "" when unknown
	// Anonymous: the method sends the call unsigned (AuthType "Anonymous"
	// in its Params; every other method signs with an AccessKey, "AK").
	Anonymous bool
}

// parseModel reads every .go file of dir (the SDK's client/ directory).
func parseModel(dir string) (*model, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("specgen: no .go files in %s", dir)
	}
	sort.Strings(files)
	m := &model{structs: map[string]*ast.StructType{}}
	fset := token.NewFileSet()
	var client *ast.File
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		file, err := parser.ParseFile(fset, f, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("specgen: %w", err)
		}
		for _, d := range file.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, sp := range gd.Specs {
				ts := sp.(*ast.TypeSpec)
				if st, ok := ts.Type.(*ast.StructType); ok {
					m.structs[ts.Name.Name] = st
				}
			}
		}
		if filepath.Base(f) == "client.go" {
			client = file
		}
	}
	if client == nil {
		return nil, fmt.Errorf("specgen: %s has no client.go", dir)
	}
	for _, d := range client.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Recv == nil || !strings.HasSuffix(fn.Name.Name, "WithOptions") || fn.Body == nil {
			continue
		}
		a, ok := m.readAction(fn)
		if !ok {
			return nil, fmt.Errorf("specgen: %s: no Action literal found", fn.Name.Name)
		}
		m.actions = append(m.actions, a)
	}
	sort.Slice(m.actions, func(i, j int) bool { return m.actions[i].Name < m.actions[j].Name })
	for i := 1; i < len(m.actions); i++ {
		if m.actions[i].Name == m.actions[i-1].Name {
			return nil, fmt.Errorf("specgen: Action %s is called by two methods", m.actions[i].Name)
		}
	}
	return m, nil
}

// readAction finds, in one …WithOptions method, the Action literal, the
// request struct sent (the Shrink variant when the method converts to it)
// and the response body struct.
func (m *model) readAction(fn *ast.FuncDecl) (action, bool) {
	var a action
	for _, p := range fn.Type.Params.List {
		if name := starIdent(p.Type); strings.HasSuffix(name, "Request") {
			a.Request = name
		}
	}
	if fn.Type.Results != nil {
		for _, r := range fn.Type.Results.List {
			if name := starIdent(r.Type); strings.HasSuffix(name, "Response") {
				if st := m.structs[name]; st != nil {
					for _, f := range st.Fields.List {
						if jsonName(f) == "body" {
							a.Response = starIdent(f.Type)
						}
					}
				}
			}
		}
	}
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.KeyValueExpr:
			if k, ok := n.Key.(*ast.Ident); ok && (k.Name == "Action" || k.Name == "AuthType") {
				if call, ok := n.Value.(*ast.CallExpr); ok && len(call.Args) == 1 {
					if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
						v, _ := strconv.Unquote(lit.Value)
						if k.Name == "Action" {
							a.Name = v
						} else {
							a.Anonymous = v == "Anonymous"
						}
					}
				}
			}
		case *ast.UnaryExpr:
			if cl, ok := n.X.(*ast.CompositeLit); ok && n.Op == token.AND {
				if id, ok := cl.Type.(*ast.Ident); ok && strings.HasSuffix(id.Name, "ShrinkRequest") {
					a.Request = id.Name
				}
			}
		}
		return true
	})
	return a, a.Name != ""
}

func starIdent(e ast.Expr) string {
	if s, ok := e.(*ast.StarExpr); ok {
		if id, ok := s.X.(*ast.Ident); ok {
			return id.Name
		}
	}
	return ""
}

// jsonName is a field's wire name from its json tag ("" when it has none).
func jsonName(f *ast.Field) string {
	if f.Tag == nil {
		return ""
	}
	tag, err := strconv.Unquote(f.Tag.Value)
	if err != nil {
		return ""
	}
	name, _, _ := strings.Cut(reflect.StructTag(tag).Get("json"), ",")
	if name == "-" {
		return ""
	}
	return name
}

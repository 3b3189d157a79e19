package contract

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestREADMERecipes: docs/recipes.md (between the <!-- recipes:begin -->
// and <!-- recipes:end --> markers), linked from the README, shows iceClient
// and every Example function of recipes_test.go verbatim, so the code a
// reader copies is the code go test runs.
func TestREADMERecipes(t *testing.T) {
	readme, err := os.ReadFile("../docs/recipes.md")
	require.NoError(t, err)
	_, rest, ok := strings.Cut(string(readme), "<!-- recipes:begin -->")
	require.True(t, ok, "docs/recipes.md has no <!-- recipes:begin --> marker")
	section, _, ok := strings.Cut(rest, "<!-- recipes:end -->")
	require.True(t, ok, "docs/recipes.md has no <!-- recipes:end --> marker")

	src, err := os.ReadFile("recipes_test.go")
	require.NoError(t, err)
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "recipes_test.go", src, parser.SkipObjectResolution)
	require.NoError(t, err)
	shown := 0
	for _, d := range file.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || (fn.Name.Name != "iceClient" && !strings.HasPrefix(fn.Name.Name, "Example")) {
			continue
		}
		code := string(src[fset.Position(fn.Pos()).Offset:fset.Position(fn.End()).Offset])
		assert.Truef(t, strings.Contains(section, "```go\n"+code+"\n```"),
			"docs/recipes.md does not show %s verbatim in a Go block; it should read:\n```go\n%s\n```", fn.Name.Name, code)
		shown++
	}
	assert.Equal(t, 5, shown, "functions recipes_test.go declares for docs/recipes.md (iceClient and four examples)")
}

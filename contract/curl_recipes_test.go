package contract

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// makeRunArgs finds `make run ARGS='…'` in a recipe: the flags its server needs.
var makeRunArgs = regexp.MustCompile(`make run ARGS='([^']*)'`)

// TestCurlRecipes runs every curl recipe of the README and docs/ verbatim
// (joined continuation lines, from the repository root, so @file paths
// resolve) against the binary started as the recipe says (`make run`, or
// `make run ARGS='…'`), with only the documented address 127.0.0.1:18930
// replaced by the test server's. Each curl must succeed with a 2xx answer.
func TestCurlRecipes(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the binary per recipe")
	}
	curl, err := exec.LookPath("curl")
	if err != nil {
		t.Skip("curl is not on PATH; the curl recipes are not checked")
	}
	files := []string{"README.md", "docs/control-plane.md", "docs/recipes.md"}
	ran := 0
	for _, file := range files {
		data, err := os.ReadFile("../" + file)
		require.NoError(t, err)
		for i, part := range strings.Split(string(data), "```sh\n")[1:] {
			block, _, _ := strings.Cut(part, "```")
			if !strings.Contains(block, "curl ") {
				continue
			}
			t.Run(fmt.Sprintf("%s/block%d", file, i), func(t *testing.T) {
				args := ""
				if m := makeRunArgs.FindStringSubmatch(block); m != nil {
					args = m[1]
				}
				tg := startBinaryArgs(t, "", strings.Fields(args)...)
				joined := strings.ReplaceAll(block, "\\\n", " ")
				for _, line := range strings.Split(joined, "\n") {
					line = strings.TrimSpace(line)
					if !strings.HasPrefix(line, "curl ") {
						continue
					}
					line = strings.ReplaceAll(line, "127.0.0.1:18930", tg.endpoint)
					cmd := exec.CommandContext(t.Context(), "sh", "-c",
						strings.Replace(line, "curl ", curl+" -sS --fail-with-body ", 1))
					cmd.Dir = ".."
					cmd.Env = nodeEnv(os.Environ()) // no proxies
					out, err := cmd.CombinedOutput()
					require.NoErrorf(t, err, "%s: %s\n%s", file, line, out)
					ran++
				}
			})
		}
	}
	require.GreaterOrEqual(t, ran, 5, "curl recipes run (README's unsigned call and control-plane.md's four)")
}

package contract

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readmeJSBlocks returns the README's js code blocks by the file name their
// first line gives ("// pop-core.mjs").
func readmeJSBlocks(t *testing.T) map[string]string {
	t.Helper()
	data, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	blocks := map[string]string{}
	for _, part := range strings.Split(string(data), "```js\n")[1:] {
		block, _, ok := strings.Cut(part, "```")
		first, _, _ := strings.Cut(block, "\n")
		if ok && strings.HasPrefix(first, "// ") && strings.HasSuffix(first, ".mjs") {
			blocks[strings.TrimPrefix(first, "// ")] = block
		}
	}
	return blocks
}

// TestREADMENodeExamples runs the README's Node.js examples verbatim with the
// pinned clients of contract/node against the binary.
func TestREADMENodeExamples(t *testing.T) {
	node := nodePrerequisites(t)
	blocks := readmeJSBlocks(t)
	tests := []struct {
		name string
		file string
		want string
	}{
		{name: "pop-core", file: "pop-core.mjs", want: "hello from pop-core Draft\n"},
		{name: "openapi-client", file: "openapi-client.mjs", want: "hello from openapi-client Draft\n"},
	}
	require.Len(t, blocks, len(tests), "README Node examples")
	tg := startBinary(t, "")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, ok := blocks[tt.file]
			require.Truef(t, ok, "README has no js block starting // %s", tt.file)
			// Inside contract/node, so the imports resolve to its pinned
			// node_modules; the name is not a *.test.mjs file node --test runs.
			path := filepath.Join(nodeDir, "readme-"+tt.file)
			require.NoError(t, os.WriteFile(path, []byte(src), 0o644))
			t.Cleanup(func() { os.Remove(path) })
			cmd := exec.CommandContext(t.Context(), node, filepath.Base(path))
			cmd.Dir = nodeDir
			cmd.Env = append(nodeEnv(os.Environ()), "ICEFAKE_ENDPOINT="+tg.endpoint)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			require.NoErrorf(t, err, "node %s:\n%s", tt.file, stderr.String())
			assert.Equal(t, tt.want, string(out))
		})
	}
}

package contract

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// readmeGoBlock returns the README's Go code block that contains marker.
func readmeGoBlock(t *testing.T, marker string) string {
	t.Helper()
	data, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	for _, part := range strings.Split(string(data), "```go\n")[1:] {
		block, _, ok := strings.Cut(part, "```")
		if ok && strings.Contains(block, marker) {
			return block
		}
	}
	t.Fatalf("README has no Go block containing %q", marker)
	return ""
}

func goCmd(t *testing.T, dir string, env []string, args ...string) string {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), "go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	require.NoErrorf(t, err, "go %s:\n%s", strings.Join(args, " "), out)
	return string(out)
}

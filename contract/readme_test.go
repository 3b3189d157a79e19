package contract

import (
	"os"
	"os/exec"
	"path/filepath"
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

// moduleTempDir makes a directory inside the module (so the README code
// resolves this module's dependencies) that is removed when the test ends.
func moduleTempDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("testdata", "readme-")
	if err != nil {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		dir, err = os.MkdirTemp("testdata", "readme-")
	}
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
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

// TestREADMEEmbeddingExample runs the README's Go embedding example verbatim
// as a test of its own package.
func TestREADMEEmbeddingExample(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles a package")
	}
	dir := moduleTempDir(t)
	src := readmeGoBlock(t, "package mytest")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "readme_test.go"), []byte(src), 0o644))
	out := goCmd(t, dir, nil, "test", "-count=1", "-v", ".")
	require.Contains(t, out, "--- PASS: TestCreateProject")
}

// TestREADMEStandaloneExample runs the README's standalone SDK program
// verbatim against the icefake binary started as `make run` would.
func TestREADMEStandaloneExample(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles a program")
	}
	tg := startBinary(t, "")
	dir := moduleTempDir(t)
	src := readmeGoBlock(t, "package main")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o644))
	out := goCmd(t, dir, []string{"ICEFAKE_ENDPOINT=" + tg.endpoint}, "run", ".")
	require.Equal(t, "hello icefake Draft\n", out)
}

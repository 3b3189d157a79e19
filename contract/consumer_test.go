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

// consumerSetupMarker finds the README's shell block that makes a user's
// module depend on icefake.
const consumerSetupMarker = "go mod edit -require=github.com/icefake/icefake"

// readmeShellBlock returns the README's sh code block that contains marker.
func readmeShellBlock(t *testing.T, marker string) string {
	t.Helper()
	data, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	for _, part := range strings.Split(string(data), "```sh\n")[1:] {
		block, _, ok := strings.Cut(part, "```")
		if ok && strings.Contains(block, marker) {
			return block
		}
	}
	t.Fatalf("README has no sh block containing %q", marker)
	return ""
}

// TestConsumerModule is a new user's first minutes: a throwaway module
// outside the repository, with the repository beside it as ../icefake (the
// README's "clone it next to your module"), runs the README's set-up
// commands verbatim, then the README's embedding example as its own test and
// the standalone SDK program against the binary.
func TestConsumerModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a separate module")
	}
	repo, err := filepath.Abs("..")
	require.NoError(t, err)
	base := t.TempDir()
	require.NoError(t, os.Symlink(repo, filepath.Join(base, "icefake")))
	consumer := filepath.Join(base, "consumer")
	require.NoError(t, os.Mkdir(consumer, 0o755))
	// GOWORK=off: a go.work above the temp dir must not leak in; GOFLAGS
	// cleared so -mod=vendor or the like cannot change resolution.
	env := []string{"GOWORK=off", "GOFLAGS="}
	goCmd(t, consumer, env, "mod", "init", "example.com/consumer")

	for _, line := range strings.Split(readmeShellBlock(t, consumerSetupMarker), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cmd := exec.CommandContext(t.Context(), "sh", "-c", line)
		cmd.Dir = consumer
		cmd.Env = append(os.Environ(), env...)
		out, err := cmd.CombinedOutput()
		require.NoErrorf(t, err, "README set-up line %q:\n%s", line, out)
	}

	require.NoError(t, os.WriteFile(filepath.Join(consumer, "readme_test.go"), []byte(readmeGoBlock(t, "package mytest")), 0o644))
	require.NoError(t, os.Mkdir(filepath.Join(consumer, "hello"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(consumer, "hello", "main.go"), []byte(readmeGoBlock(t, "package main")), 0o644))
	goCmd(t, consumer, env, "mod", "tidy")

	// The versions the README pins are the ones the consumer builds with.
	versions := goCmd(t, consumer, env, "list", "-m",
		"github.com/alibabacloud-go/ice-20201109/v2", "github.com/alibabacloud-go/darabonba-openapi/v2",
		"github.com/alibabacloud-go/tea", "github.com/icefake/icefake")
	assert.Equal(t, "github.com/alibabacloud-go/ice-20201109/v2 v2.1.0\n"+
		"github.com/alibabacloud-go/darabonba-openapi/v2 v2.0.2\n"+
		"github.com/alibabacloud-go/tea v1.1.19\n"+
		"github.com/icefake/icefake v0.0.0 => ../icefake\n", versions)

	out := goCmd(t, consumer, env, "test", "-count=1", "-v", ".")
	assert.Contains(t, out, "--- PASS: TestCreateProject")

	tg := startBinary(t, "")
	got := goCmd(t, consumer, append(env, "ICEFAKE_ENDPOINT="+tg.endpoint), "run", "./hello")
	assert.Equal(t, "hello icefake Draft\n", got)
}

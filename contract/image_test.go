package contract

import (
	"debug/elf"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"strings"
	"testing"

	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// reVersion is the line icefake -version prints; group 1 is the version.
var reVersion = regexp.MustCompile(`^icefake (\S+) \(rev (?:[0-9a-f]{7}(?:-dirty)?|unknown), go1\.\d+[^,]*, linux/` + runtime.GOARCH + `\)\n$`)

// TestImageBinary checks the container image .ci/image-check built: the
// binary exported from the image's filesystem (ICEFAKE_IMAGE_BIN) is static,
// prints its version, serves a signed SDK call and answers healthcheck; the
// engine's `image inspect` JSON (ICEFAKE_IMAGE_INSPECT) has the non-root
// user, the listen address, the HEALTHCHECK and the OCI labels.
func TestImageBinary(t *testing.T) {
	bin := os.Getenv("ICEFAKE_IMAGE_BIN")
	if bin == "" {
		t.Skip("ICEFAKE_IMAGE_BIN not set: .ci/image-check sets it to /icefake exported from the container image")
	}

	t.Run("static", func(t *testing.T) {
		f, err := elf.Open(bin)
		require.NoError(t, err)
		defer f.Close()
		for _, p := range f.Progs {
			assert.NotEqual(t, elf.PT_INTERP, p.Type, "the binary names a dynamic loader, want a static binary (CGO_ENABLED=0)")
		}
		libs, err := f.ImportedLibraries()
		require.NoError(t, err)
		assert.Empty(t, libs, "imported shared libraries")
	})

	out, err := exec.Command(bin, "-version").Output()
	require.NoError(t, err, "%s -version", bin)
	m := reVersion.FindStringSubmatch(string(out))
	require.NotNil(t, m, "%s -version = %q, want %s", bin, out, reVersion)
	version := m[1]

	t.Run("serves a signed SDK call", func(t *testing.T) {
		tg := startBinaryAt(t, bin, "")
		res, err := tg.client.CreateEditingProject(&ice.CreateEditingProjectRequest{Title: tea.String("from the image")})
		require.NoError(t, err, "CreateEditingProject")
		assert.Equal(t, int32(http.StatusOK), tea.Int32Value(res.StatusCode))
		assert.Equal(t, "from the image", tea.StringValue(res.Body.Project.Title))
		assert.Equal(t, "Draft", tea.StringValue(res.Body.Project.StatusName))
		assert.Regexp(t, reRequestID, tea.StringValue(res.Body.RequestId))

		out, err := exec.Command(bin, "healthcheck", "-addr", tg.endpoint).CombinedOutput()
		require.NoError(t, err, "healthcheck -addr %s: %s", tg.endpoint, out)
		assert.Equal(t, "ok http://"+tg.endpoint+"/_icefake/healthz\n", string(out))
	})

	t.Run("healthcheck fails without a server", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		addr := ln.Addr().String()
		ln.Close()
		var stderr strings.Builder
		cmd := exec.Command(bin, "healthcheck", "-addr", addr, "-timeout", "2s")
		cmd.Stderr = &stderr
		err = cmd.Run()
		var exit *exec.ExitError
		require.True(t, errors.As(err, &exit), "healthcheck against a closed port: err = %v, want exit status 1", err)
		assert.Equal(t, 1, exit.ExitCode())
		assert.True(t, strings.HasPrefix(stderr.String(), "icefake: healthcheck: "), "stderr = %q", stderr.String())
	})

	t.Run("image config", func(t *testing.T) {
		path := os.Getenv("ICEFAKE_IMAGE_INSPECT")
		if path == "" {
			t.Skip("ICEFAKE_IMAGE_INSPECT not set: .ci/image-check sets it to the engine's image inspect output")
		}
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		var images []imageInspect
		require.NoError(t, json.Unmarshal(data, &images))
		require.Len(t, images, 1)
		img := images[0]
		c := img.Config
		hc := c.Healthcheck // docker
		if hc == nil {
			hc = img.Healthcheck // podman
		}
		assert.Equal(t, "65532:65532", c.User, "User: numeric, non-root")
		assert.Contains(t, c.Env, "ICEFAKE_ADDR=0.0.0.0:18930")
		assert.Contains(t, c.ExposedPorts, "18930/tcp")
		assert.Equal(t, []string{"/icefake"}, c.Entrypoint)
		require.NotNil(t, hc, "HEALTHCHECK (podman builds it only with --format docker)")
		assert.Equal(t, []string{"CMD", "/icefake", "healthcheck"}, hc.Test)
		assert.Equal(t, "linux", img.Os)
		assert.Equal(t, runtime.GOARCH, img.Architecture)
		assert.Equal(t, "icefake", c.Labels["org.opencontainers.image.title"])
		assert.Equal(t, version, c.Labels["org.opencontainers.image.version"], "version label, want what -version prints")
		assert.Regexp(t, `^[0-9a-f]{40}$`, c.Labels["org.opencontainers.image.revision"])
		assert.Regexp(t, `^https://`, c.Labels["org.opencontainers.image.source"])
		assert.Contains(t, c.Labels["org.opencontainers.image.description"], "Alibaba Cloud")
	})
}

// imageInspect is what docker and podman `image inspect` print per image,
// as far as TestImageBinary reads it. Docker puts Healthcheck in Config,
// podman at the top level.
type imageInspect struct {
	Os, Architecture string
	Config           struct {
		User         string
		Env          []string
		ExposedPorts map[string]struct{}
		Entrypoint   []string
		Labels       map[string]string
		Healthcheck  *imageHealthcheck
	}
	Healthcheck *imageHealthcheck
}

type imageHealthcheck struct{ Test []string }

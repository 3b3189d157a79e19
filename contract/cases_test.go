package contract

import (
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// envShared overrides where the shared/ directory is (default ../../shared:
// the repository and shared/ are siblings, locally and in CI).
const envShared = "ICEFAKE_SHARED"

// timelineCasesDir returns shared/cases/timelines, failing the test with a
// clear message when it is missing.
func timelineCasesDir(t *testing.T) string {
	t.Helper()
	shared := os.Getenv(envShared)
	if shared == "" {
		shared = filepath.Join("..", "..", "shared")
	}
	dir := filepath.Join(shared, "cases", "timelines")
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		t.Fatalf("timeline cases not found at %s (%v): check out shared/ beside the repository or set %s to its path", dir, err, envShared)
	}
	return dir
}

// timelineCases are the expectations of shared/cases/timelines/README.md,
// one per case file (name = file name without .json).
var timelineCases = []struct {
	name         string
	wantDuration float32 // Create's Duration; Get's is its truncation
	wantRejected bool    // 400 InvalidParameter naming Timeline
}{
	{name: "01-sdk-two-mediaid-concat", wantDuration: 25},
	{name: "02-vod-trim-out-only", wantDuration: 5},
	{name: "03-vod-trim-in-only", wantDuration: 50},
	{name: "05-oss-mediaurl-out-10", wantDuration: 10},
	{name: "06-three-http-mediaurls-concat", wantDuration: 18},
	{name: "10-skill-three-clips-transitions", wantDuration: 45},
	{name: "12-skill-image-slideshow-bgm", wantDuration: 10},
	{name: "13-skill-multi-track-audio", wantDuration: 60},
	{name: "14-skill-pip-two-video-tracks", wantDuration: 30},
	{name: "16-skill-subtitle-trailing-comma", wantRejected: true},
	{name: "19-skill-effecttracks-vfx-leading-comment", wantRejected: true},
}

// TestTimelineCasesAllCovered keeps timelineCases and the directory in step:
// a new case file needs an expectation here.
func TestTimelineCasesAllCovered(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(timelineCasesDir(t), "*.json"))
	require.NoError(t, err)
	var onDisk, listed []string
	for _, f := range files {
		onDisk = append(onDisk, strings.TrimSuffix(filepath.Base(f), ".json"))
	}
	for _, tc := range timelineCases {
		listed = append(listed, tc.name)
	}
	slices.Sort(onDisk)
	slices.Sort(listed)
	assert.Equal(t, listed, onDisk, "case files on disk vs timelineCases")
}

func TestTimelineCases(t *testing.T) {
	dir := timelineCasesDir(t)
	forEachTarget(t, mediaScenario, func(t *testing.T, tg *target) {
		for _, tc := range timelineCases {
			t.Run(tc.name, func(t *testing.T) {
				data, err := os.ReadFile(filepath.Join(dir, tc.name+".json"))
				require.NoError(t, err)
				timeline := string(data) // verbatim, byte for byte
				req := &ice.CreateEditingProjectRequest{Title: tea.String("case " + tc.name), Timeline: tea.String(timeline)}

				if tc.wantRejected {
					_, err := tg.client.CreateEditingProject(req)
					env := wantAPIError(t, tg, err, http.StatusBadRequest, "InvalidParameter")
					assert.Contains(t, env.Message, "Timeline", "Message names the parameter")
					return
				}

				got := mustCreate(t, tg, req)
				assert.Equal(t, timeline, tea.StringValue(got.Timeline), "Create Timeline, byte for byte")
				assert.Equal(t, int64(2), tea.Int64Value(got.Status), "Create Status")
				assert.Equal(t, "Editing", tea.StringValue(got.StatusName), "Create StatusName")

				g := mustGet(t, tg, tea.StringValue(got.ProjectId))
				assert.Equal(t, timeline, tea.StringValue(g.Timeline), "Get Timeline, byte for byte")
				assert.Equal(t, "Editing", tea.StringValue(g.Status), "Get Status")

				tg.fakeOnly(t, "Duration needs the README's media seeded")
				assert.Equal(t, tea.Float32(tc.wantDuration), got.Duration, "Create Duration (*float32)")
				assert.Equal(t, tea.Int64(int64(tc.wantDuration)), g.Duration, "Get Duration (*int64, truncated)")
			})
		}
	})
}

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

// timelineCasesDir is the repository's Timeline corpus: Timelines published
// in Alibaba Cloud's documentation, SDK samples and public guides, kept
// verbatim (see testdata/timelines/README.md for where each comes from).
const timelineCasesDir = "testdata/timelines"

// timelineCases are the expected answers of CreateEditingProject for each
// corpus file (name = file name without .json), with mediaScenario's media
// seeded. Durations follow the model in docs/fidelity.md ("Duration").
var timelineCases = []struct {
	name         string
	wantDuration float32 // Create's Duration; Get's is its truncation
	wantRejected bool    // 400 InvalidParameter naming Timeline
}{
	{name: "01-sdk-two-mediaid-concat", wantDuration: 25},                   // two clips of the 12.5 s medium back to back
	{name: "02-vod-trim-out-only", wantDuration: 5},                         // Out only
	{name: "03-vod-trim-in-only", wantDuration: 50},                         // In 10 to the end of the 60 s medium
	{name: "05-oss-mediaurl-out-10", wantDuration: 10},                      // unknown MediaURL; Out fixes the length
	{name: "06-three-http-mediaurls-concat", wantDuration: 18},              // 5 + 6 + 7 s
	{name: "10-skill-three-clips-transitions", wantDuration: 45},            // last TimelineOut
	{name: "12-skill-image-slideshow-bgm", wantDuration: 10},                // audio does not extend the output
	{name: "13-skill-multi-track-audio", wantDuration: 60},                  //
	{name: "14-skill-pip-two-video-tracks", wantDuration: 30},               // the overlay track does not extend it
	{name: "16-skill-subtitle-trailing-comma", wantRejected: true},          // not JSON: trailing comma
	{name: "19-skill-effecttracks-vfx-leading-comment", wantRejected: true}, // not JSON: // comment
}

// TestTimelineCasesAllCovered keeps timelineCases and the directory in step:
// a new case file needs an expectation here.
func TestTimelineCasesAllCovered(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(timelineCasesDir, "*.json"))
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
	forEachTarget(t, mediaScenario, func(t *testing.T, tg *target) {
		for _, tc := range timelineCases {
			t.Run(tc.name, func(t *testing.T) {
				data, err := os.ReadFile(filepath.Join(timelineCasesDir, tc.name+".json"))
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

package contract

import (
	"net/http"
	"testing"

	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/assert"
)

// TestTimelineFormatErrorsAtSubmit: SubmitMediaProducingJob answers 400
// TimelineFormatError, synchronously, for a Timeline that is not JSON, not
// the schema, or without video and audio clips, whether given or taken
// from the project (docs/fidelity.md "Fidelity: Timeline error codes").
// CreateEditingProject keeps InvalidParameter for the same Timeline.
func TestTimelineFormatErrorsAtSubmit(t *testing.T) {
	const subtitleOnly = `{"SubtitleTracks":[{"SubtitleTrackClips":[{"Type":"Text","Content":"only words"}]}]}`
	tests := []struct {
		name     string
		timeline string
		message  string
	}{
		{name: "not JSON", timeline: `{"VideoTracks":[}`,
			message: "Invalid timeline format, caused by: Malformed JSON at line 1, column 17: invalid character '}' looking for beginning of value."},
		{name: "not the schema", timeline: `{"VideoTracks":{}}`,
			message: `Invalid timeline format, caused by: $.VideoTracks: value must be an array.`},
		{name: "subtitle-only", timeline: subtitleOnly, message: "Both video tracks and audio tracks are empty."},
	}
	forEachTarget(t, "", func(t *testing.T, tg *target) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := tg.client.SubmitMediaProducingJob(&ice.SubmitMediaProducingJobRequest{
					Timeline: tea.String(tt.timeline), OutputMediaConfig: tea.String(shanghaiOutput),
				})
				env := wantAPIError(t, tg, err, http.StatusBadRequest, "TimelineFormatError")
				if tg.isFake() {
					assert.Equal(t, tt.message, env.Message, "Message")
				}
			})
		}
		t.Run("Draft project", func(t *testing.T) {
			p := mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String("draft")})
			_, err := tg.client.SubmitMediaProducingJob(&ice.SubmitMediaProducingJobRequest{ProjectId: p.ProjectId, OutputMediaConfig: tea.String(shanghaiOutput)})
			env := wantAPIError(t, tg, err, http.StatusBadRequest, "TimelineFormatError")
			assert.Equal(t, "Both video tracks and audio tracks are empty.", env.Message, "Message")
			got, err := tg.client.GetEditingProject(&ice.GetEditingProjectRequest{ProjectId: p.ProjectId})
			if assert.NoError(t, err) {
				assert.Equal(t, "Draft", tea.StringValue(got.Body.Project.Status), "project Status after a refused submit")
			}
		})
		t.Run("Create keeps InvalidParameter", func(t *testing.T) {
			_, err := tg.client.CreateEditingProject(&ice.CreateEditingProjectRequest{Title: tea.String("t"), Timeline: tea.String(`{"VideoTracks":[}`)})
			env := wantAPIError(t, tg, err, http.StatusBadRequest, "InvalidParameter")
			assert.Contains(t, env.Message, `The specified parameter "Timeline" is not valid.`, "Message")
		})
		if tg.srv != nil {
			assert.Len(t, tg.srv.Projects(tg.keyID), 1, "projects: only the Draft")
		}
	})
}

// TestTimelineJobErrors: problems only the renderer reports fail the job
// with the codes of the public error indexes; the effect rules are low
// confidence (docs/fidelity.md "Fidelity: Timeline error codes").
func TestTimelineJobErrors(t *testing.T) {
	clip := func(extra string) string {
		return `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"` + mediaID12s + `"` + extra + `}]}]}`
	}
	tests := []struct {
		name, timeline, code, message string
	}{
		{"In past the duration", clip(`,"In":12.5`), "ProduceTimelineFormatError",
			`Invalid timeline format, caused by: "Video.In greater than its duration, mediaId: ` + mediaID12s + `"`},
		{"AI_Avatar without MediaId", clip(`,"Effects":[{"Type":"AI_Avatar"}]`), "InvalidTimelineFormat",
			"Invalid timeline format: Effects[0] of type AI_Avatar requires MediaId."},
		{"Zoom EndRate below StartRate", clip(`,"Effects":[{"Type":"Zoom","StartRate":1.5,"EndRate":1}]`), "InvalidEffectParam",
			"Invalid effect param: Effects[0] Zoom EndRate (1) must be greater than StartRate (1.5)."},
		{"Volume written without Type", clip(`,"Effects":[{"Volume":0}]`), "ProduceFailed",
			`Produce failed: Effects[0] has no Type; write a volume effect as {"Type":"Volume","Gain":<number>}.`},
	}
	forEachTarget(t, productionScenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "moves the virtual clock")
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				b := mustSubmit(t, tg, &ice.SubmitMediaProducingJobRequest{Timeline: tea.String(tt.timeline)})
				j, _ := pollUntilDone(t, tg, tea.StringValue(b.JobId))
				assert.Equal(t, "Failed", tea.StringValue(j.Status), "Status")
				assert.Equal(t, tt.code, tea.StringValue(j.Code), "Code")
				assert.Equal(t, tt.message, tea.StringValue(j.Message), "Message")
			})
		}
	})
}

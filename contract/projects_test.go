package contract

import (
	"strings"
	"testing"
	"time"

	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/assert"
)

// Parameter values from the CreateEditingProject reference (API reference: CreateEditingProject).
const (
	// timeline342 lasts 4.67 - 1.25 = 3.42 s, the doc example's Duration.
	timeline342       = `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"` + mediaID12s + `","In":1.25,"Out":4.67}]}]}`
	docMaterialMaps   = `{"video":"*****2e057304fcd9b145c5cafc*****", "image":"****8021a8d493da643c8acd98*****,*****cb6307a4edea614d8b3f3c*****", "liveStream": "[{\"appName\":\"testrecord\",\"domainName\":\"test.alivecdn.com\",\"liveUrl\":\"rtmp://test.alivecdn.com/testrecord/teststream\",\"streamName\":\"teststream\"}]", "editingProject": "*****9b145c5cafc2e057304fcd*****"}`
	docBusinessConfig = `{ "OutputMediaConfig" : { "StorageLocation": "test-bucket.oss-cn-shanghai.aliyuncs.com", "Path": "test-path" }, "OutputMediaTarget": "oss-object", "ReservationTime": "2021-06-21T08:05:00Z" }`
	docTemplateID     = "****96e8864746a0b6f3****"
	docClipsParam     = `{"Media1":"` + mediaID12s + `","Text1":"Hello, ICE"}`
	docCoverURL       = "https://example.com/example.png"
)

// videoIDs returns MaterialMaps naming n video IDs (the limit is 10 per type).
func videoIDs(n int) string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = strings.Repeat(string(rune('a'+i)), 32)
	}
	return `{"video":"` + strings.Join(ids, ",") + `"}`
}

func TestCreateEditingProjectReadBack(t *testing.T) {
	tests := []struct {
		name          string
		needsTemplate bool // names a template mediaScenario seeds
		req           *ice.CreateEditingProjectRequest
		// want is the Project Create returns, without ProjectId,
		// CreateTime and ModifiedTime (checked separately). Get must
		// return asGet(want).
		want *ice.CreateEditingProjectResponseBodyProject
	}{
		{
			name: "live project with timeline and every other parameter",
			req: &ice.CreateEditingProjectRequest{
				Title:          tea.String("Contract: every parameter"),
				Description:    tea.String("spaces, + * ~ % & = and 中文"),
				Timeline:       tea.String(timeline342),
				TemplateType:   tea.String("Timeline"),
				CoverURL:       tea.String(docCoverURL + "?x=1&y=a+b"),
				MaterialMaps:   tea.String(docMaterialMaps),
				ProjectType:    tea.String("LiveEditingProject"),
				BusinessConfig: tea.String(docBusinessConfig),
			},
			want: &ice.CreateEditingProjectResponseBodyProject{
				Title:          tea.String("Contract: every parameter"),
				Description:    tea.String("spaces, + * ~ % & = and 中文"),
				Timeline:       tea.String(timeline342),
				TemplateType:   tea.String("Timeline"),
				CoverURL:       tea.String(docCoverURL + "?x=1&y=a+b"),
				Duration:       tea.Float32(3.42),
				Status:         tea.Int64(2),
				StatusName:     tea.String("Editing"),
				ProjectType:    tea.String("LiveEditingProject"),
				BusinessConfig: tea.String(docBusinessConfig),
				BusinessStatus: tea.String("Reserving"),
				CreateSource:   tea.String("LiveEditingOpenAPI"),
				ModifiedSource: tea.String("LiveEditingOpenAPI"),
			},
		},
		{
			name:          "VETemplate with ClipsParam and every other parameter",
			needsTemplate: true,
			req: &ice.CreateEditingProjectRequest{
				Title:        tea.String("Contract: template"),
				Description:  tea.String("from a template"),
				TemplateId:   tea.String(veTemplateID),
				ClipsParam:   tea.String(docClipsParam),
				TemplateType: tea.String("VETemplate"),
				CoverURL:     tea.String(docCoverURL),
				MaterialMaps: tea.String(`{"video":"` + mediaID12s + `"}`),
				ProjectType:  tea.String("EditingProject"),
			},
			want: &ice.CreateEditingProjectResponseBodyProject{
				Title:          tea.String("Contract: template"),
				Description:    tea.String("from a template"),
				TemplateId:     tea.String(veTemplateID),
				ClipsParam:     tea.String(docClipsParam),
				TemplateType:   tea.String("VETemplate"),
				CoverURL:       tea.String(docCoverURL),
				Duration:       tea.Float32(0),
				Status:         tea.Int64(2),
				StatusName:     tea.String("Editing"),
				ProjectType:    tea.String("EditingProject"),
				CreateSource:   tea.String("OpenAPI"),
				ModifiedSource: tea.String("OpenAPI"),
			},
		},
		{
			name:          "Timeline template without TemplateType fills in the Timeline",
			needsTemplate: true,
			req: &ice.CreateEditingProjectRequest{
				Title:      tea.String("Contract: template default type"),
				TemplateId: tea.String(tlTemplateID),
				ClipsParam: tea.String(docClipsParam),
			},
			want: &ice.CreateEditingProjectResponseBodyProject{
				Title:          tea.String("Contract: template default type"),
				TemplateId:     tea.String(tlTemplateID),
				ClipsParam:     tea.String(docClipsParam),
				TemplateType:   tea.String("Timeline"),
				Timeline:       tea.String(tlTemplateTimeline),
				Duration:       tea.Float32(12.5),
				Status:         tea.Int64(2),
				StatusName:     tea.String("Editing"),
				ProjectType:    tea.String("EditingProject"),
				CreateSource:   tea.String("OpenAPI"),
				ModifiedSource: tea.String("OpenAPI"),
			},
		},
		{
			name: "title only is a draft of duration 0",
			req:  &ice.CreateEditingProjectRequest{Title: tea.String("Contract: draft")},
			want: &ice.CreateEditingProjectResponseBodyProject{
				Title:          tea.String("Contract: draft"),
				Duration:       tea.Float32(0),
				Status:         tea.Int64(1),
				StatusName:     tea.String("Draft"),
				ProjectType:    tea.String("EditingProject"),
				CreateSource:   tea.String("OpenAPI"),
				ModifiedSource: tea.String("OpenAPI"),
			},
		},
		{
			name: "empty Timeline is a draft of duration 0",
			req:  &ice.CreateEditingProjectRequest{Title: tea.String("Contract: empty timeline"), Timeline: tea.String("")},
			want: &ice.CreateEditingProjectResponseBodyProject{
				Title:          tea.String("Contract: empty timeline"),
				Duration:       tea.Float32(0),
				Status:         tea.Int64(1),
				StatusName:     tea.String("Draft"),
				ProjectType:    tea.String("EditingProject"),
				CreateSource:   tea.String("OpenAPI"),
				ModifiedSource: tea.String("OpenAPI"),
			},
		},
		{
			name: "MaterialMaps with 10 video IDs is accepted",
			req:  &ice.CreateEditingProjectRequest{Title: tea.String("Contract: 10 videos"), MaterialMaps: tea.String(videoIDs(10))},
			want: &ice.CreateEditingProjectResponseBodyProject{
				Title:          tea.String("Contract: 10 videos"),
				Duration:       tea.Float32(0),
				Status:         tea.Int64(1),
				StatusName:     tea.String("Draft"),
				ProjectType:    tea.String("EditingProject"),
				CreateSource:   tea.String("OpenAPI"),
				ModifiedSource: tea.String("OpenAPI"),
			},
		},
	}
	forEachTarget(t, mediaScenario, func(t *testing.T, tg *target) {
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				if tc.needsTemplate {
					tg.fakeOnly(t, "the template is seeded by the scenario")
				}
				start := time.Now()
				got := mustCreate(t, tg, tc.req)
				id := tea.StringValue(got.ProjectId)
				tg.checkTime(t, "Create CreateTime", got.CreateTime, start)
				assert.Equal(t, tea.StringValue(got.CreateTime), tea.StringValue(got.ModifiedTime), "Create ModifiedTime of a new project")

				want := *tc.want
				want.ProjectId, want.CreateTime, want.ModifiedTime = got.ProjectId, got.CreateTime, got.ModifiedTime
				if !tg.isFake() {
					want.Duration = got.Duration // needs the media seeded by the scenario
				}
				assert.Equal(t, &want, got, "CreateEditingProject Project")

				assert.Equal(t, asGet(&want), mustGet(t, tg, id), "GetEditingProject Project")

				if tg.srv != nil { // MaterialMaps is in no response; check the stored copy
					p, ok := tg.srv.Project(tg.keyID, id)
					if assert.True(t, ok, "srv.Project(%s)", id) {
						assert.Equal(t, tea.StringValue(tc.req.MaterialMaps), p.MaterialMaps, "stored MaterialMaps")
					}
				}
			})
		}
	})
}

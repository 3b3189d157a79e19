package contract

import "github.com/icefake/icefake/fake"

// Media the Timeline corpus (testdata/timelines) refers to, by MediaId or
// MediaURL, with the durations its expected answers assume.
const (
	mediaID12s = "****4d7cf14dc7b83b0e801c****"     // 12.5 s
	mediaID60s = "4bcf9b4d7cf14dc7b83b0e801cbe****" // 60 s
	mediaURLh1 = "http://ice-document-materials.oss-cn-shanghai.aliyuncs.com/test_media/h1.mp4"
	mediaURLh2 = "http://ice-document-materials.oss-cn-shanghai.aliyuncs.com/test_media/h2.mp4"
	mediaURLh3 = "http://ice-document-materials.oss-cn-shanghai.aliyuncs.com/test_media/h3.mp4"
)

// A second tenant the fakes accept (the AccessKeyId is the tenant).
const (
	otherKeyID  = "contractOtherKeyId"
	otherSecret = "contractOtherKeySecret"
)

// Templates mediaScenario seeds. A Timeline template's config filled in with
// ClipsParam becomes the project's Timeline; a VETemplate's is opaque.
const (
	veTemplateID     = "contractvetemplate0000000000000a"
	tlTemplateID     = "contracttimelinetemplate0000000b"
	tlTemplateConfig = `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"$Media1"}]}]}`
	// tlTemplateTimeline is tlTemplateConfig filled in with docClipsParam:
	// one clip of the 12.5 s medium.
	tlTemplateTimeline = `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"` + mediaID12s + `"}]}]}`
)

// mediaScenario seeds the test credential pair, a second tenant, the media
// of the timeline cases' README with their durations, and two templates.
const mediaScenario = `version: 1
credentials:
  - accessKeyId: ` + fake.DefaultAccessKeyId + `
    accessKeySecret: ` + fake.DefaultAccessKeySecret + `
  - accessKeyId: ` + otherKeyID + `
    accessKeySecret: ` + otherSecret + `
media:
  - mediaId: "` + mediaID12s + `"
    duration: 12.5
  - mediaId: "` + mediaID60s + `"
    duration: 60
  - mediaURL: ` + mediaURLh1 + `
    duration: 5
  - mediaURL: ` + mediaURLh2 + `
    duration: 6
  - mediaURL: ` + mediaURLh3 + `
    duration: 7
templates:
  - templateId: ` + veTemplateID + `
    type: VETemplate
  - templateId: ` + tlTemplateID + `
    type: Timeline
    config: '` + tlTemplateConfig + `'
`

// throttleSecondCreateScenario is mediaScenario plus a fault: the 2nd
// CreateEditingProject call is throttled, once.
const throttleSecondCreateScenario = mediaScenario + `faults:
  - action: CreateEditingProject
    after: 1
    times: 1
    code: Throttling.User
`

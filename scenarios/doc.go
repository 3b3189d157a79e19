// Package scenarios parses icefake scenario files: strict YAML documents
// that seed state (credentials, media assets with durations, editing
// templates, editing projects in any status) and script
// faults (errors and delays) for the fake ICE service.
//
// Parse and LoadFile decode a file into a [Scenario], check it against the
// spec of package openapi (Actions, error codes, parameters) and return
// every problem found, each an [*Error] whose text is
// "<file>:<line>: <key path>: <message>", for example
//
//	bad.yaml:7: faults[0].code: unknown error code "Throttle" (known: Forbidden, …)
//	bad.yaml:3: media[0].durtion: unknown key (allowed: mediaId, mediaURL, duration, type, title)
//
// The format is strict: unknown keys, duplicate keys, values of the wrong
// type (a quoted "1" is not an integer; null is no value), YAML aliases and
// more than one document in a file are errors. [Merge] composes several
// scenarios in order. The package only parses; package fake applies a
// scenario.
//
// A complete scenario, annotated (every key but version is optional):
//
//	version: 1                      # required; the only version is 1
//
//	credentials:                    # AccessKeyId/secret pairs the fake accepts
//	  - accessKeyId: testAccessKeyId          # required, unique
//	    accessKeySecret: testAccessKeySecret  # required
//	  - accessKeyId: STS.testStsKeyId
//	    accessKeySecret: testStsKeySecret
//	    securityToken: testSecurityToken      # optional: STS credentials
//
//	media:                          # media assets timelines can name
//	  - mediaId: "****4d7cf14dc7b83b0e801c****"  # mediaId and/or mediaURL
//	    duration: 12.5              # seconds, required, >= 0
//	    type: video                 # video (default), audio, image or text
//	    title: intro.mp4            # optional
//	  - mediaURL: http://ice-document-materials.oss-cn-shanghai.aliyuncs.com/test_media/h1.mp4
//	    duration: 5
//	  - mediaId: bgm-1
//	    mediaURL: oss://example-bucket/bgm.mp3   # absolute URL
//	    duration: 30
//	    type: audio
//	  - mediaURL: https://example-bucket.oss-cn-shanghai.aliyuncs.com/intro.mp4
//	    duration: 216.206667
//	    size: 30611502              # optional file facts, integers >= 0
//	    width: 960
//	    height: 540
//
//	templates:                      # editing templates TemplateId can name
//	  - templateId: IceSys_VideoMerge # required, unique
//	    type: Timeline              # Timeline (default) or VETemplate
//	    name: Video merge           # optional
//	    config: |                   # JSON text; required (an object) for Timeline
//	      {"VideoTracks":[{"VideoTrackClips":[{"Sys_Type":"ArrayItems",
//	        "Sys_ArrayObject":"$VideoArray","Sys_Template":{"MediaId":"$MediaId"}}]}]}
//	  - templateId: IceSys_VETemplate_s100189
//	    type: VETemplate            # config optional and opaque
//
//	faults:                         # scripted faults, in order
//	  # The 2nd CreateEditingProject call is throttled, once.
//	  - action: CreateEditingProject  # required, any Action of the SDK's model (docs/actions.md)
//	    after: 1                    # matching calls that succeed first (default 0)
//	    times: 1                    # matching calls that then fail; omit for all later ones
//	    code: Throttling.User       # catalogue code, never a job-only one
//	  # Every GetEditingProject of this ProjectId fails with 503, after 150ms.
//	  - action: GetEditingProject
//	    match:                      # exact parameter values (parameters of the Action)
//	      ProjectId: "****b4549d46c88681030f6e****"
//	    code: InternalError
//	    status: 503                 # optional override, 400-599 (default: the catalogue's)
//	    message: injected by scenario   # optional override of the catalogue message
//	    delay: 150ms                # optional Go duration, >= 0
//	  # A delay alone, no error: code may be left out when delay is set.
//	  - action: GetEditingProject
//	    delay: 2s
//
//	projects:                       # editing projects to seed, in any status
//	  - title: Rough cut            # required; the only required key
//	  - tenant: testAccessKeyId     # owning AccessKeyId (the default)
//	    projectId: 0123456789abcdef0123456789abcdef  # 32 lowercase hex, unique per tenant; generated when absent
//	    title: Final cut
//	    description: for the launch
//	    timeline: '{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"bgm-1"}]}]}'  # JSON object
//	    coverURL: https://example.com/cover.jpg
//	    status: ProduceFailed       # Draft, Editing, Producing, Produced or ProduceFailed
//	                                # (default: Draft without timeline/templateId, else Editing)
//	    errorCode: InvalidMaterial.NotFound  # errorCode/errorMessage: ProduceFailed only
//	    errorMessage: The material does not exist.
//	    createTime: 2023-12-31T09:00:00Z     # RFC 3339; default: the virtual now at apply time
//	    modifiedTime: 2023-12-31T10:00:00Z   # needs createTime; default createTime
//	    createSource: WebSDK        # OpenAPI (default), AliyunConsole, WebSDK,
//	                                # LiveEditingOpenAPI or LiveEditingConsole
//	  - title: From a template
//	    templateId: IceSys_VideoMerge  # needs clipsParam; a seeded Timeline template
//	    clipsParam: '{"VideoArray":[{"MediaId":"bgm-1"}]}'  # fills in the timeline
//	    templateType: Timeline      # Timeline or VETemplate; needs templateId
//	  - title: Live show
//	    projectType: LiveEditingProject   # EditingProject (default) or LiveEditingProject
//	    businessConfig: '{"OutputMediaConfig":{"StorageLocation":"b.oss-cn-shanghai.aliyuncs.com"}}'
//	    businessStatus: BroadCasting      # live projects only (default Reserving)
//
//	stubs:                          # canned answers for any Action of the ICE SDK's model
//	  - action: AddCategory         # required; implemented or not (else 501 NotImplemented)
//	    match: {Type: material}     # optional: exact parameter values
//	    after: 0                    # optional: matching calls that go on unstubbed first
//	    times: 2                    # optional: answer this many, then stop (default: all)
//	    response:                   # required: the 200 body without RequestId, checked
//	      Category:                 # against the Action's response schema
//	        CateId: 7
//	        CateName: ${CateName}   # ${Param}: the call's value of that parameter
//
// [ExampleYAML] is a smaller example shipped as example.yaml. [SchemaJSON]
// is a JSON Schema of the format (scenario.schema.json) for editors: a
// first line "# yaml-language-server: $schema=scenario.schema.json" lets
// the YAML language server complete and check a file.
package scenarios

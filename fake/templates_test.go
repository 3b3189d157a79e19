package fake

import (
	"strings"
	"testing"

	"github.com/icefake/icefake/scenarios"
)

// Configs of the regular-template guide
// (https://help.aliyun.com/en/ims/user-guide/common-template-config-details-1,
// …/common-common-template-config-example).
const (
	cfgWatermark = `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"$Video"}]}],` +
		`"ImageTracks":[{"ImageTrackClips":[{"ImageId":"******e01cb05d417c3dbcd1b9******","Width":200,"Height":60,"X":40,"Y":40}]}]}`
	cfgDefaults = `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"$Video","TimelineIn":"$TimelineIn:0","TimelineOut":"$TimelineOut:NULL"}]}]}`
	cfgMerge    = `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"******be49ef6b7f9f663a8a97******"},` +
		`{"Sys_Type":"ArrayItems","Sys_ArrayObject":"$VideoArray","Sys_Template":{"MediaId":"$MediaId"}},` +
		`{"MediaId":"******9956582a68a59e244a59******"}]}]}`
	cfgMuteDub = `{"VideoTracks":[{"VideoTrackClips":{"Sys_Type":"Array","Sys_ArrayObject":"$VideoArray",` +
		`"Sys_Template":{"MediaId":"$MediaId","Effects":[{"Type":"Volume","Gain":"0"}]}}}],` +
		`"AudioTracks":[{"AudioTrackClips":{"Sys_Type":"Array","Sys_ArrayObject":"$AudioArray","Sys_Template":{"MediaId":"$MediaId"}}}]}`
	cfgItems = `{"VideoTracks":[{"VideoTrackClips":[{"Sys_Type":"ArrayItems","Sys_ArrayObject":"$Clips",` +
		`"Sys_Template":{"MediaId":"$Media","Out":"$Out:NULL","Speed":"$Speed:1"}}]}]}`
)

func TestExpandTemplate(t *testing.T) {
	tests := []struct {
		name   string
		config string
		params string
		want   string
	}{
		{
			name:   "plain parameter (watermark)",
			config: cfgWatermark,
			params: `{"Video":"****20b48fb04483915d4f2cd8ac****"}`,
			want: `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"****20b48fb04483915d4f2cd8ac****"}]}],` +
				`"ImageTracks":[{"ImageTrackClips":[{"ImageId":"******e01cb05d417c3dbcd1b9******","Width":200,"Height":60,"X":40,"Y":40}]}]}`,
		},
		{
			name:   "defaults: 0 kept as a number, NULL dropped",
			config: cfgDefaults,
			params: `{"Video":"v1"}`,
			want:   `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"v1","TimelineIn":0}]}]}`,
		},
		{
			name:   "numeric strings become numbers in numeric fields",
			config: cfgDefaults,
			params: `{"Video":"v1","TimelineIn":"5","TimelineOut":7.5}`,
			want:   `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"v1","TimelineIn":5,"TimelineOut":7.5}]}]}`,
		},
		{
			name:   "ArrayItems between fixed clips, string elements",
			config: cfgMerge,
			params: `{"VideoArray":["m1","m2"]}`,
			want: `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"******be49ef6b7f9f663a8a97******"},{"MediaId":"m1"},{"MediaId":"m2"},` +
				`{"MediaId":"******9956582a68a59e244a59******"}]}]}`,
		},
		{
			name:   "ArrayItems with an empty array",
			config: cfgMerge,
			params: `{"VideoArray":[]}`,
			want:   `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"******be49ef6b7f9f663a8a97******"},{"MediaId":"******9956582a68a59e244a59******"}]}]}`,
		},
		{
			name:   "Sys_Type Array objects; OSS URL elements become MediaURL",
			config: cfgMuteDub,
			params: `{"VideoArray":["v1","https://b.oss-cn-shanghai.aliyuncs.com/v2.mp4"],"AudioArray":["a1"]}`,
			want: `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"v1","Effects":[{"Type":"Volume","Gain":"0"}]},` +
				`{"MediaURL":"https://b.oss-cn-shanghai.aliyuncs.com/v2.mp4","Effects":[{"Type":"Volume","Gain":"0"}]}]}],` +
				`"AudioTracks":[{"AudioTrackClips":[{"MediaId":"a1"}]}]}`,
		},
		{
			name:   "object elements fill their own placeholders, defaults otherwise",
			config: cfgItems,
			params: `{"Clips":[{"Media":"m1","Out":"3"},{"Media":"m2","Speed":2},"m3"]}`,
			want: `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m1","Out":3,"Speed":1},{"MediaId":"m2","Speed":2},` +
				`{"MediaId":"m3","Speed":1}]}]}`,
		},
		{
			name:   "element members over top-level parameters",
			config: cfgItems,
			params: `{"Speed":3,"Clips":[{"Media":"m1"},{"Media":"m2","Speed":0.5}]}`,
			want:   `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m1","Speed":3},{"MediaId":"m2","Speed":0.5}]}]}`,
		},
		{
			name:   "non-placeholder strings, unicode and HTML stay as they are",
			config: `{"SubtitleTracks":[{"SubtitleTrackClips":[{"Type":"Text","Content":"$Title","FontSize":"$Size:40"}]}],"Note":"$5 off & <b>","Price":"$ 5"}`,
			params: `{"Title":"你好 <world> & \"ICE\""}`,
			want:   `{"SubtitleTracks":[{"SubtitleTrackClips":[{"Type":"Text","Content":"你好 <world> & \"ICE\"","FontSize":40}]}],"Note":"$5 off & <b>","Price":"$ 5"}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := expandTemplate(tt.config, tt.params)
			if err != nil {
				t.Fatalf("expandTemplate() error = %v", err)
			}
			if got != tt.want {
				t.Errorf("expandTemplate() =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestExpandTemplateErrors(t *testing.T) {
	tests := []struct {
		name   string
		config string
		params string
		want   string
	}{
		{"missing parameter", cfgWatermark, `{}`, "$.VideoTracks[0].VideoTrackClips[0].MediaId: ClipsParam has no value for the placeholder $Video"},
		{"missing array", cfgMerge, `{"Video":"x"}`, "$.VideoTracks[0].VideoTrackClips[1]: ClipsParam has no array VideoArray"},
		{"array parameter not an array", cfgMerge, `{"VideoArray":"m1,m2"}`, "ClipsParam's VideoArray must be an array"},
		{"element without a value", cfgItems, `{"Clips":[{"Out":1}]}`, "$.VideoTracks[0].VideoTrackClips[0]{Clips[0]}.MediaId: ClipsParam has no value for the placeholder $Media"},
		{"Sys_Type block without template", `{"VideoTracks":[{"VideoTrackClips":[{"Sys_Type":"ArrayItems","Sys_ArrayObject":"$A"}]}]}`, `{"A":[]}`, "needs Sys_ArrayObject"},
		{"produced Timeline invalid", cfgItems, `{"Clips":[{"Media":"m1","Speed":"fast"}]}`, "the produced Timeline is not valid: $.VideoTracks[0].VideoTrackClips[0].Speed:"},
		{"ClipsParam not an object", cfgWatermark, `["x"]`, "must be a JSON object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := expandTemplate(tt.config, tt.params)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("expandTemplate() = %q, %v, want an error containing %q", got, err, tt.want)
			}
		})
	}
}

func TestAddTemplateErrors(t *testing.T) {
	tests := []struct {
		name string
		tmpl Template
		want string
	}{
		{"no TemplateId", Template{Config: `{}`}, "TemplateId is required"},
		{"unknown Type", Template{TemplateId: "t", Type: "Regular", Config: `{}`}, `unknown Type "Regular"`},
		{"Config not JSON", Template{TemplateId: "t", Config: `{`}, "Config is not JSON"},
		{"Config not an object", Template{TemplateId: "t", Config: `[]`}, "must be a JSON object"},
		{"Timeline template without Config", Template{TemplateId: "t"}, "Config is not JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t)
			err := s.AddTemplate(Template{TemplateId: "ok", Config: `{}`}, tt.tmpl)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("AddTemplate() error = %v, want it to contain %q", err, tt.want)
			}
			if _, ok := s.store.template("ok"); ok {
				t.Errorf("AddTemplate() stored a template despite the error")
			}
		})
	}
	if err := newTestServer(t).AddTemplate(Template{TemplateId: "ve", Type: "VETemplate"}); err != nil {
		t.Errorf("AddTemplate(VETemplate without Config) = %v, want nil", err)
	}
}

func TestCreateEditingProjectWithTemplate(t *testing.T) {
	s := newProductionServer(t)
	if err := s.AddTemplate(
		Template{TemplateId: "merge", Name: "Merge", Config: cfgMerge},
		Template{TemplateId: "clips", Config: cfgItems},
		Template{TemplateId: "ve", Type: "VETemplate", Config: `{"anything":1}`},
	); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name         string
		params       map[string]string
		wantTimeline any
		wantDuration float64
		wantType     string
	}{
		{
			name:         "Timeline template: substituted Timeline and its Duration",
			params:       map[string]string{"TemplateId": "clips", "ClipsParam": `{"Clips":["` + prMedia12 + `",{"Media":"` + prMedia12 + `","Out":"2.5"}]}`},
			wantTimeline: `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"` + prMedia12 + `","Speed":1},{"MediaId":"` + prMedia12 + `","Out":2.5,"Speed":1}]}]}`,
			wantDuration: 15,
			wantType:     "Timeline",
		},
		{
			name:         "VETemplate: no Timeline; TemplateType as given",
			params:       map[string]string{"TemplateId": "ve", "ClipsParam": `{"x":"y"}`, "TemplateType": "VETemplate"},
			wantTimeline: nil,
			wantType:     "VETemplate",
		},
		{
			name:         "TemplateType defaults to Timeline (docs/fidelity.md)",
			params:       map[string]string{"TemplateId": "ve", "ClipsParam": `{}`},
			wantTimeline: nil,
			wantType:     "Timeline",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.params["Title"] = "t"
			p := prOK(t, s, "CreateEditingProject", tt.params)["Project"].(map[string]any)
			if p["Timeline"] != tt.wantTimeline || p["Duration"] != tt.wantDuration || p["TemplateType"] != tt.wantType || p["Status"] != 2.0 {
				t.Errorf("Project = %v, want Timeline %v, Duration %v, TemplateType %s, Status 2", p, tt.wantTimeline, tt.wantDuration, tt.wantType)
			}
			g := prOK(t, s, "GetEditingProject", map[string]string{"ProjectId": p["ProjectId"].(string)})["Project"].(map[string]any)
			if g["Timeline"] != tt.wantTimeline || g["ClipsParam"] != tt.params["ClipsParam"] || g["TemplateId"] != tt.params["TemplateId"] {
				t.Errorf("GetEditingProject = %v, want the same Timeline, TemplateId and ClipsParam", g)
			}
		})
	}

	errs := []struct {
		name       string
		params     map[string]string
		wantStatus int
		wantCode   string
		fragments  []string
	}{
		{"unknown TemplateId", map[string]string{"TemplateId": "nope", "ClipsParam": `{}`}, 404, "ResourceNotFound", []string{`"nope"`}},
		{"ClipsParam lacks a value", map[string]string{"TemplateId": "merge", "ClipsParam": `{}`}, 400, "InvalidParameter", []string{`"ClipsParam"`, "Template merge", "VideoArray"}},
	}
	for _, tt := range errs {
		t.Run(tt.name, func(t *testing.T) {
			tt.params["Title"] = "t"
			status, body := rpc(t, s, "CreateEditingProject", tt.params)
			requireError(t, status, body, tt.wantStatus, tt.wantCode, tt.fragments...)
			if n := len(s.Projects(DefaultAccessKeyId)); n != len(tests) {
				t.Errorf("%d projects stored, want %d (the failed call stores nothing)", n, len(tests))
			}
		})
	}
}

func TestScenarioTemplatesApply(t *testing.T) {
	sc, err := scenarios.Parse("t.yaml", []byte(`version: 1
media:
  - {mediaId: m1, duration: 4, size: 1000, width: 640, height: 360}
templates:
  - templateId: merge
    config: '`+cfgMuteDub+`'
  - {templateId: ve, type: VETemplate}
`))
	if err != nil {
		t.Fatal(err)
	}
	s := newTestServer(t, WithScenario(sc))
	p := prOK(t, s, "CreateEditingProject", map[string]string{"Title": "t", "TemplateId": "merge", "ClipsParam": `{"VideoArray":["m1","m1"],"AudioArray":[]}`})
	if got := p["Project"].(map[string]any)["Duration"]; got != 8.0 {
		t.Errorf("Duration = %v, want 8 (two 4 s clips)", got)
	}
	info := prOK(t, s, "GetMediaInfo", map[string]string{"MediaId": "m1"})["MediaInfo"].(map[string]any)
	f := info["FileInfoList"].([]any)[0].(map[string]any)["FileBasicInfo"].(map[string]any)
	if f["FileSize"] != "1000" || f["Width"] != "640" || f["Height"] != "360" || f["Duration"] != "4.000000" || f["Bitrate"] != "2.00" {
		t.Errorf("FileBasicInfo = %v, want the seeded size, width, height, duration and bitrate", f)
	}
	if _, ok := s.store.template("ve"); !ok {
		t.Error("VETemplate not seeded")
	}
	bad := &scenarios.Scenario{Name: "bad.yaml", Templates: []scenarios.Template{{TemplateId: "x", Type: "Timeline", Config: "[]"}}}
	if err := s.Apply(bad); err == nil || !strings.Contains(err.Error(), "bad.yaml: templates[0]") {
		t.Errorf("Apply(bad template) = %v, want an error naming bad.yaml: templates[0]", err)
	}
}

func TestTemplateExpansionIsBounded(t *testing.T) {
	// Three nested Sys_Type blocks over one 100-item array would make 10^6 clips.
	cfg := `{"VideoTracks":[{"Sys_Type":"Array","Sys_ArrayObject":"$A","Sys_Template":{"VideoTrackClips":[{"Sys_Type":"ArrayItems","Sys_ArrayObject":"$A","Sys_Template":{"Sys_Type":"Array","Sys_ArrayObject":"$A","Sys_Template":{"MediaURL":"$u"}}}]}}]}`
	items := make([]string, 100)
	for i := range items {
		items[i] = `{"u":"https://b/x.mp4"}`
	}
	_, err := expandTemplate(cfg, `{"A":[`+strings.Join(items, ",")+`]}`)
	if err == nil || !strings.Contains(err.Error(), "more than 100000 array items") {
		t.Fatalf("expandTemplate(nested 100^3) error = %v, want the bound named", err)
	}
}

package fake

import (
	"testing"
)

// TestCheckJSONParameterIsTheServersCheck holds CheckJSONParameter's answer
// against what CreateEditingProject answers for the same Timeline.
func TestCheckJSONParameterIsTheServersCheck(t *testing.T) {
	tests := []struct {
		name       string
		timeline   string
		wantOK     bool
		wantSyntax bool
		wantLine   int
		wantCol    int
		wantPath   string
		wantReason string
	}{
		{name: "valid", timeline: `{"VideoTracks":[]}`, wantOK: true},
		{name: "trailing comma", timeline: "{\n \"VideoTracks\": [],\n}", wantSyntax: true, wantLine: 3, wantCol: 1,
			wantReason: "Malformed JSON at line 3, column 1: invalid character '}' looking for beginning of object key string."},
		{name: "comment", timeline: "// x\n{}", wantSyntax: true, wantLine: 1, wantCol: 1,
			wantReason: "Malformed JSON at line 1, column 1: invalid character '/' looking for beginning of value."},
		{name: "two values", timeline: `{} {}`, wantSyntax: true, wantLine: 1, wantCol: 4,
			wantReason: "Not a single JSON value: unexpected data after the first value at line 1, column 4."},
		{name: "truncated", timeline: "{\"VideoTracks\":", wantSyntax: true, wantLine: 1, wantCol: 16,
			wantReason: "Malformed JSON: unexpected EOF."},
		{name: "wrong type", timeline: `{"VideoTracks":[{"VideoTrackClips":[{},{"In":"x"}]}]}`, wantPath: "$.VideoTracks[0].VideoTrackClips[1].In",
			wantReason: "$.VideoTracks[0].VideoTrackClips[1].In: value must be a number."},
		{name: "out of range", timeline: `{"VideoTracks":[{"VideoTrackClips":[{"Out":-1}]}]}`, wantPath: "$.VideoTracks[0].VideoTrackClips[0].Out",
			wantReason: "$.VideoTracks[0].VideoTrackClips[0].Out: must be a number of seconds from 0 to 10000000."},
		{name: "not an object", timeline: `[]`, wantPath: "$", wantReason: "Value must be an object."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := CheckJSONParameter("CreateEditingProject", "Timeline", tt.timeline)
			if err != nil {
				t.Fatal(err)
			}
			status, body := rpc(t, newTestServer(t), "CreateEditingProject", map[string]string{"Title": "t", "Timeline": tt.timeline})
			if tt.wantOK {
				if p != nil || status != 200 {
					t.Fatalf("CheckJSONParameter = %+v, server %d %v; want nil and 200", p, status, body)
				}
				return
			}
			if p == nil {
				t.Fatalf("CheckJSONParameter = nil, want a problem")
			}
			if p.Syntax != tt.wantSyntax || p.Line != tt.wantLine || p.Column != tt.wantCol || p.Path != tt.wantPath || p.Reason != tt.wantReason {
				t.Errorf("CheckJSONParameter = {Syntax:%v Line:%d Column:%d Path:%q Reason:%q}\nwant {Syntax:%v Line:%d Column:%d Path:%q Reason:%q}",
					p.Syntax, p.Line, p.Column, p.Path, p.Reason, tt.wantSyntax, tt.wantLine, tt.wantCol, tt.wantPath, tt.wantReason)
			}
			if got, want := p.Err.Message, body["Message"]; got != want || status != 400 || body["Code"] != "InvalidParameter" {
				t.Errorf("Err.Message = %q; server answered %d %v %q", got, status, body["Code"], want)
			}
			if got, want := p.Err.Message, `The specified parameter "Timeline" is not valid. `+tt.wantReason; got != want {
				t.Errorf("Err.Message = %q, want %q", got, want)
			}
		})
	}
}

func TestCheckJSONParameterUsage(t *testing.T) {
	for _, tt := range []struct{ name, action, param string }{
		{"unknown action", "NoSuchAction", "Timeline"},
		{"unknown parameter", "CreateEditingProject", "NoSuchParameter"},
		{"not a JSON parameter", "CreateEditingProject", "Title"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if p, err := CheckJSONParameter(tt.action, tt.param, "{}"); err == nil {
				t.Errorf("CheckJSONParameter(%s, %s) = %+v, nil; want an error", tt.action, tt.param, p)
			}
		})
	}
	if p, err := CheckJSONParameter("CreateEditingProject", "Timeline", ""); p != nil || err != nil {
		t.Errorf("empty Timeline = %+v, %v; want nil, nil (absent)", p, err)
	}
}

func TestCheckOutputConfig(t *testing.T) {
	tests := []struct {
		name, target, config string
		wantPath, wantReason string
	}{
		{name: "oss fine", config: `{"MediaURL":"https://b.oss-cn-shanghai.aliyuncs.com/o.mp4"}`},
		{name: "vod fine", target: "vod-media", config: `{"StorageLocation":"s","FileName":"f.mp4"}`},
		{name: "no MediaURL", config: `{}`, wantPath: "$.MediaURL", wantReason: "$.MediaURL: required when OutputMediaTarget is oss-object."},
		{name: "vod without FileName", target: "vod-media", config: `{"StorageLocation":"s"}`, wantPath: "$.FileName",
			wantReason: "$.FileName: required when OutputMediaTarget is vod-media."},
		{name: "too large", config: `{"MediaURL":"https://b/o.mp4","Width":4000,"Height":3000}`, wantPath: "$.Width",
			wantReason: "$.Width, $.Height: the shorter side (3000 px) must be at most 2160 px."},
		{name: "syntax", config: `{`, wantReason: "Malformed JSON: unexpected EOF."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := CheckOutputConfig(tt.target, tt.config)
			if err != nil {
				t.Fatal(err)
			}
			if tt.wantReason == "" {
				if p != nil {
					t.Errorf("CheckOutputConfig = %+v, want nil", p)
				}
				return
			}
			if p == nil || p.Path != tt.wantPath || p.Reason != tt.wantReason {
				t.Fatalf("CheckOutputConfig = %+v, want Path %q Reason %q", p, tt.wantPath, tt.wantReason)
			}
			if got, want := p.Err.Message, `The specified parameter "OutputMediaConfig" is not valid. `+tt.wantReason; got != want {
				t.Errorf("Err.Message = %q, want %q", got, want)
			}
		})
	}
	if _, err := CheckOutputConfig("ftp", `{}`); err == nil {
		t.Error("target ftp: nil error, want one")
	}
}

func TestCheckParameter(t *testing.T) {
	tests := []struct {
		name, action, param, value string
		wantReason                 string
	}{
		{name: "fine", action: "SearchEditingProject", param: "PageSize", value: "10"},
		{name: "not an integer", action: "SearchEditingProject", param: "PageSize", value: "ten", wantReason: "Value ten: an invalid integer: invalid syntax."},
		{name: "enum", action: "CreateEditingProject", param: "TemplateType", value: "Foo",
			wantReason: `Value is not one of the allowed values ["Timeline","VETemplate"].`},
		{name: "JSON", action: "SubmitMediaProducingJob", param: "OutputMediaConfig", value: `{"Width":"x"}`, wantReason: "$.Width: value must be an integer."},
		{name: "not UTF-8", action: "CreateEditingProject", param: "Title", value: "\xff", wantReason: "The value is not valid UTF-8."},
		{name: "absent", action: "CreateEditingProject", param: "Title", value: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := CheckParameter(tt.action, tt.param, tt.value)
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if p != nil {
				got = p.Reason
			}
			if got != tt.wantReason {
				t.Errorf("CheckParameter(%s %s=%q) reason = %q, want %q", tt.action, tt.param, tt.value, got, tt.wantReason)
			}
		})
	}
	if !IsCommonParameter("SignatureNonce") || IsCommonParameter("Title") {
		t.Error("IsCommonParameter: SignatureNonce must be common, Title not")
	}
}

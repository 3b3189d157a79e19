package fake

import "testing"

func TestValidationMessages(t *testing.T) {
	tests := []struct {
		name     string
		params   map[string]string
		wantCode string
		wantMsg  string
	}{
		{"missing Title", map[string]string{}, "MissingParameter", `The input parameter "Title" that is mandatory for processing this request is not supplied.`},
		{"empty Title is missing", map[string]string{"Title": ""}, "MissingParameter", `The input parameter "Title" that is mandatory for processing this request is not supplied.`},
		{"trailing comma", map[string]string{"Title": "t", "Timeline": "{\n \"VideoTracks\": [],\n}"}, "InvalidParameter",
			`The specified parameter "Timeline" is not valid. Malformed JSON at line 3, column 1: invalid character '}' looking for beginning of object key string.`},
		{"two JSON values", map[string]string{"Title": "t", "Timeline": `{} {}`}, "InvalidParameter",
			`The specified parameter "Timeline" is not valid. Not a single JSON value: unexpected data after the first value at line 1, column 4.`},
		{"structure", map[string]string{"Title": "t", "Timeline": `{"VideoTracks":{}}`}, "InvalidParameter",
			`The specified parameter "Timeline" is not valid. $.VideoTracks: value must be an array.`},
		{"nested path", map[string]string{"Title": "t", "Timeline": `{"VideoTracks":[{"VideoTrackClips":[{},{"In":"x"}]}]}`}, "InvalidParameter",
			`The specified parameter "Timeline" is not valid. $.VideoTracks[0].VideoTrackClips[1].In: value must be a number.`},
		{"seconds capped", map[string]string{"Title": "t", "Timeline": `{"VideoTracks":[{"VideoTrackClips":[{"Out":1e19}]}]}`}, "InvalidParameter",
			`The specified parameter "Timeline" is not valid. $.VideoTracks[0].VideoTrackClips[0].Out: must be a number of seconds from 0 to 10000000.`},
		{"enum", map[string]string{"Title": "t", "TemplateType": "Foo"}, "InvalidParameter",
			`The specified parameter "TemplateType" is not valid. Value is not one of the allowed values ["Timeline","VETemplate"].`},
		{"11 IDs of one type", map[string]string{"Title": "t", "MaterialMaps": `{"video":"1,2,3,4,5,6,7,8,9,10,11"}`}, "InvalidParameter",
			`The specified parameter "MaterialMaps" is not valid. $.video: at most 10 comma-separated IDs per material type.`},
		{"ID list of the wrong type", map[string]string{"Title": "t", "MaterialMaps": `{"video":["a"]}`}, "InvalidParameter",
			`The specified parameter "MaterialMaps" is not valid. $.video: value must be a string.`},
		{"both Timeline and TemplateId", map[string]string{"Title": "t", "Timeline": `{}`, "TemplateId": "x"}, "InvalidParameter",
			`The specified parameter "Timeline" is not valid. Timeline and TemplateId are mutually exclusive.`},
		{"live without StorageLocation", map[string]string{"Title": "t", "ProjectType": "LiveEditingProject", "BusinessConfig": `{"OutputMediaConfig":{}}`}, "InvalidParameter",
			`The specified parameter "BusinessConfig" is not valid. A LiveEditingProject requires BusinessConfig.OutputMediaConfig.StorageLocation.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t)
			status, body := rpc(t, s, "CreateEditingProject", tt.params)
			requireError(t, status, body, 400, tt.wantCode)
			if got := body["Message"]; got != tt.wantMsg {
				t.Errorf("Message = %q,\nwant      %q", got, tt.wantMsg)
			}
			if n := len(s.Projects(DefaultAccessKeyId)); n != 0 {
				t.Errorf("stored projects = %d, want 0", n)
			}
		})
	}
}

func TestCreateChecksLiveStreamMaterials(t *testing.T) {
	tests := []struct {
		name  string
		maps  string
		valid bool
	}{
		{"valid", `{"liveStream":"[{\"appName\":\"a\",\"domainName\":\"d\",\"liveUrl\":\"rtmp://d/a/s\",\"streamName\":\"s\"}]"}`, true},
		{"not JSON", `{"liveStream":"garbage"}`, false},
		{"null item", `{"liveStream":"[null,{}]"}`, false},
		{"eleven streams", `{"liveStream":"[{},{},{},{},{},{},{},{},{},{},{}]"}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t)
			status, body := rpc(t, s, "CreateEditingProject", map[string]string{"Title": "t", "MaterialMaps": tt.maps})
			if tt.valid {
				if status != 200 {
					t.Fatalf("status = %d, want 200: %v", status, body)
				}
				return
			}
			requireError(t, status, body, 400, "InvalidParameter", "MaterialMaps", "$.liveStream")
			if n := len(s.Projects(DefaultAccessKeyId)); n != 0 {
				t.Errorf("stored projects = %d, want 0", n)
			}
		})
	}
}

func TestTrailingGarbageAfterJSON(t *testing.T) {
	s := newTestServer(t)
	status, body := rpc(t, s, "CreateEditingProject", map[string]string{"Title": "t", "Timeline": "{}\n x"})
	requireError(t, status, body, 400, "InvalidParameter")
	if got, want := body["Message"], `The specified parameter "Timeline" is not valid. Not a single JSON value: unexpected data after the first value at line 2, column 2.`; got != want {
		t.Errorf("Message = %q, want %q", got, want)
	}
}

// TestInvalidUTF8 covers a value that is not UTF-8: signed over its raw
// bytes it is a signature mismatch (the gateway signs its U+FFFD reading);
// with auth off it is 400 InvalidParameter (docs/fidelity.md "Fidelity:
// invalid UTF-8 in parameters").
func TestInvalidUTF8(t *testing.T) {
	tests := []struct {
		name      string
		opts      []Option
		code      string
		fragments []string
	}{
		{name: "signed", code: "SignatureDoesNotMatch", fragments: []string{"%26Title%3Dbad%2520%25EF%25BF%25BD%2520byte%26Version"}},
		{name: "auth off", opts: []Option{WithAuthMode(AuthOff)}, code: "InvalidParameter", fragments: []string{`"Title"`, "not valid UTF-8"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t, tt.opts...)
			status, body := rpc(t, s, "CreateEditingProject", map[string]string{"Title": "bad \xff byte"})
			requireError(t, status, body, 400, tt.code, tt.fragments...)
			if n := len(s.Projects(DefaultAccessKeyId)); n != 0 {
				t.Errorf("stored projects = %d, want 0", n)
			}
		})
	}
}

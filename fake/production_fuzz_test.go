package fake

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

// FuzzExpandTemplate: any Config and ClipsParam either expand to a valid
// Timeline (JSON that decodes) or give an error; never a panic.
func FuzzExpandTemplate(f *testing.F) {
	f.Add(cfgWatermark, `{"Video":"v"}`)
	f.Add(cfgDefaults, `{"Video":"v","TimelineIn":"5"}`)
	f.Add(cfgMerge, `{"VideoArray":["a","https://b/c.mp4"]}`)
	f.Add(cfgMuteDub, `{"VideoArray":[{"MediaId":"x"}],"AudioArray":[1,true,null]}`)
	f.Add(cfgItems, `{"Clips":[{"Media":"m","Out":"3"}],"Speed":"x"}`)
	f.Add(`{"a":{"Sys_Type":"Array","Sys_ArrayObject":"$A","Sys_Template":"$x"}}`, `{"A":[[],{}]}`)
	f.Fuzz(func(t *testing.T, config, params string) {
		got, err := expandTemplate(config, params)
		if err != nil {
			return
		}
		var v map[string]any
		if err := json.Unmarshal([]byte(got), &v); err != nil {
			t.Fatalf("expandTemplate(%q, %q) = %q, not a JSON object: %v", config, params, got, err)
		}
	})
}

// FuzzProductionActions sends arbitrary parameters to the media and
// production Actions: never a panic, never a 500, always the envelope.
func FuzzProductionActions(f *testing.F) {
	f.Add("SubmitMediaProducingJob", "Timeline", prTimeline25, "OutputMediaConfig", prOutput)
	f.Add("SubmitMediaProducingJob", "TemplateId", "merge", "ClipsParam", `{"VideoArray":["x"]}`)
	f.Add("SubmitMediaProducingJob", "Timeline", `{"AudioTracks":[{"AudioTrackClips":[{"MediaURL":"x"}]}]}`, "OutputMediaConfig", `{"StorageLocation":"s","FileName":"f","Width":200,"Height":300}`)
	f.Add("RegisterMediaInfo", "InputURL", prURL, "MediaTags", "a,,b")
	f.Add("RegisterMediaInfo", "InputURL", "oss://b/x", "CateId", "-1")
	f.Add("GetMediaInfo", "InputURL", prURL, "MediaId", "")
	f.Add("GetMediaProducingJob", "JobId", "x", "", "")
	f.Add("CreateEditingProject", "TemplateId", "merge", "ClipsParam", `{"VideoArray":"x"}`)
	s, err := New(WithSeed(1), WithAuthMode(AuthOff), WithSubmitQPS(0), WithMedia(prSeeds...))
	if err != nil {
		f.Fatal(err)
	}
	if err := s.AddTemplate(Template{TemplateId: "merge", Config: cfgMerge}); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, action, k1, v1, k2, v2 string) {
		q := url.Values{"Action": {action}, "Version": {"2020-11-09"}, "Title": {"t"}, k1: {v1}, k2: {v2}}
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/?"+q.Encode(), nil))
		var out map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
			t.Fatalf("body is not a JSON object: %v: %q", err, rec.Body.String())
		}
		if rec.Code != 200 && (rec.Code < 400 || rec.Code > 599 || rec.Code == 500) {
			t.Fatalf("status %d for %v: %s", rec.Code, q, rec.Body.String())
		}
		s.Advance(1e9)
	})
}

package timeline

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// parseJSON is Parse's slow path: encoding/json alone.
func parseJSON(text string) (*Timeline, error) {
	tl := &Timeline{}
	err := json.Unmarshal([]byte(text), tl)
	return tl, err
}

// checkFastAgrees fails when parseFast accepts text and its Timeline is not
// exactly what encoding/json decodes.
func checkFastAgrees(t *testing.T, text string) (fast bool) {
	t.Helper()
	got, ok := parseFast(text)
	if !ok {
		return false
	}
	want, err := parseJSON(text)
	if err != nil {
		t.Fatalf("parseFast accepted %q; json.Unmarshal: %v", text, err)
	}
	if !reflect.DeepEqual(got, want) {
		gj, _ := json.Marshal(got)
		wj, _ := json.Marshal(want)
		t.Fatalf("parseFast(%q)\n got %s\nwant %s", text, gj, wj)
	}
	return true
}

func TestParseFastAgreesWithJSON(t *testing.T) {
	tests := []struct {
		name string
		text string
		fast bool // parseFast answers (no fallback)
	}{
		{name: "load test", text: `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"****4d7cf14dc7b83b0e801c****","In":0,"Out":9,"Speed":1}]}]}`, fast: true},
		{name: "empty object", text: `{}`, fast: true},
		{name: "white space", text: " \n{ \"VideoTracks\" : [ { \"MainTrack\" : true , \"VideoTrackClips\" : [ ] } ] }\t", fast: true},
		{name: "every field", text: `{"VideoTracks":[{"MainTrack":false,"VideoTrackClips":[{"MediaId":"a","MediaURL":"https://b/c.mp4","Type":"Video","SubType":"x","Content":"é","In":1.5,"Out":-2e3,"MaxOut":0,"Duration":1E2,"TimelineIn":3,"TimelineOut":4,"Speed":0.5}],"AudioTrackClips":null,"ImageTrackClips":[null],"SubtitleTrackClips":[],"EffectTrackItems":[{}]}],"AudioTracks":null,"ImageTracks":[],"SubtitleTracks":[null],"EffectTracks":[{}]}`, fast: true},
		{name: "nulls", text: `{"VideoTracks":[{"MainTrack":null,"VideoTrackClips":[{"MediaId":null,"In":null}]}]}`, fast: true},
		{name: "unknown keys skipped", text: `{"X":{"a":[1,true,false,null,"s",{"b":-0.5e+3}]},"VideoTracks":[{"Y":1,"VideoTrackClips":[{"Z":[],"In":1}]}]}`, fast: true},
		{name: "Effects falls back", text: `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"a","Effects":[{"Type":"Volume","Gain":"0"}]}]}]}`},
		{name: "Text falls back", text: `{"SubtitleTracks":[{"SubtitleTrackClips":[{"Type":"Text","Text":"hi"}]}]}`},
		{name: "case-folded key falls back", text: `{"videotracks":[{"VideoTrackClips":[{"In":1}]}]}`},
		{name: "Kelvin-sign key falls back", text: `{"VideoTracks":[{"MainTrac` + "\u212a" + `":true}]}`},
		{name: "duplicate field falls back", text: `{"VideoTracks":[{"VideoTrackClips":[{"In":1,"In":2}]}]}`},
		{name: "duplicate list falls back", text: `{"VideoTracks":[{"MainTrack":true}],"VideoTracks":[{}]}`},
		{name: "escaped value falls back", text: `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"a\"b"}]}]}`},
		{name: "escaped key falls back", text: `{"Video\u0054racks":[]}`},
		{name: "escape in skipped value falls back", text: `{"X":"a\nb"}`},
		{name: "invalid UTF-8 falls back", text: "{\"VideoTracks\":[{\"VideoTrackClips\":[{\"MediaId\":\"\xff\"}]}]}"},
		{name: "wrong type falls back", text: `{"VideoTracks":[{"VideoTrackClips":[{"In":"1"}]}]}`},
		{name: "bool for list falls back", text: `{"VideoTracks":true}`},
		{name: "number out of range falls back", text: `{"VideoTracks":[{"VideoTrackClips":[{"In":1e400}]}]}`},
		{name: "top-level array falls back", text: `[]`},
		{name: "top-level null falls back", text: `null`},
		{name: "trailing text falls back", text: `{} x`},
		{name: "trailing comma falls back", text: `{"VideoTracks":[],}`},
		{name: "leading zero falls back", text: `{"X":01}`},
		{name: "bare minus falls back", text: `{"X":-}`},
		{name: "control character falls back", text: "{\"X\":\"a\tb\"}"},
		{name: "deep nesting falls back", text: `{"X":` + strings.Repeat("[", 2000) + strings.Repeat("]", 2000) + `}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := checkFastAgrees(t, tt.text); got != tt.fast {
				t.Errorf("parseFast answered: got %v, want %v", got, tt.fast)
			}
			// Parse gives json's answer either way.
			got, gotErr := Parse(tt.text)
			want, wantErr := parseJSON(tt.text)
			if (gotErr != nil) != (wantErr != nil) {
				t.Fatalf("Parse error: got %v, want %v", gotErr, wantErr)
			}
			if gotErr == nil && !reflect.DeepEqual(got, want) {
				t.Errorf("Parse: got %+v, want %+v", got, want)
			}
		})
	}
}

func TestParseFastCorpus(t *testing.T) {
	files, err := filepath.Glob("../contract/testdata/timelines/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("corpus: %v, %d files", err, len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			text, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			checkFastAgrees(t, string(text))
		})
	}
}

func FuzzParseFast(f *testing.F) {
	f.Add(`{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m","In":0,"Out":9,"Speed":1}]}]}`)
	f.Add(`{"AudioTracks":[{"MainTrack":true,"AudioTrackClips":[{"MediaURL":"u","TimelineIn":1,"TimelineOut":2}]}],"X":[{}]}`)
	f.Add(`{"VideoTracks":null,"ImageTracks":[null,{"ImageTrackClips":[{"Type":"GlobalImage","Duration":3}]}]}`)
	f.Fuzz(func(t *testing.T, text string) {
		checkFastAgrees(t, text)
	})
}

// BenchmarkParse compares Parse (fast path) with encoding/json alone on the
// load client's 107-byte Timeline.
func BenchmarkParse(b *testing.B) {
	const text = `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"****4d7cf14dc7b83b0e801c****","In":0,"Out":9,"Speed":1}]}]}`
	b.Run("json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := parseJSON(text); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("fast", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Parse(text); err != nil {
				b.Fatal(err)
			}
		}
	})
}

package fake

import (
	"encoding/json"
	"reflect"
	"testing"
)

// cfgTyped has a placeholder default of each JSON type, on keys that are not
// numericKeys (so a number default is a number by itself): MainTrack
// boolean, Content string, Outline number, FontFace object, Effects array.
const cfgTyped = `{"VideoTracks":[{"MainTrack":"$Main:true","VideoTrackClips":[{"MediaId":"$Video",` +
	`"Effects":"$Effects:[{\"Type\":\"Volume\",\"Gain\":0}]"}]}],` +
	`"SubtitleTracks":[{"SubtitleTrackClips":[{"Type":"Text","Content":"$Title:Hello world",` +
	`"Outline":"$Outline:2","FontFace":"$FontFace:{\"Bold\":true}","Alignment":"$Align:[left"}]}]}`

// TestTemplateDefaultsKeepTheirJSONType: a placeholder's default becomes the
// JSON value it spells (docs: resolveTemplate), read back from the Timeline
// of the project CreateEditingProject makes; values given in ClipsParam keep
// their own type.
func TestTemplateDefaultsKeepTheirJSONType(t *testing.T) {
	s := newProductionServer(t)
	if err := s.AddTemplate(Template{TemplateId: "typed", Config: cfgTyped}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		params string
		want   map[string]any // JSON path → value as encoding/json decodes it
	}{
		{
			name:   "defaults",
			params: `{"Video":"` + prMedia12 + `"}`,
			want: map[string]any{
				"MainTrack": true,
				"Effects":   []any{map[string]any{"Type": "Volume", "Gain": 0.0}},
				"Content":   "Hello world",
				"Outline":   2.0,
				"FontFace":  map[string]any{"Bold": true},
				"Alignment": "[left", // not JSON: text
			},
		},
		{
			name:   "given values of each type",
			params: `{"Video":"` + prMedia12 + `","Main":false,"Effects":[],"Title":"Hi","Outline":0.5,"FontFace":{"Italic":false},"Align":"center"}`,
			want: map[string]any{
				"MainTrack": false,
				"Effects":   []any{},
				"Content":   "Hi",
				"Outline":   0.5,
				"FontFace":  map[string]any{"Italic": false},
				"Alignment": "center",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := prOK(t, s, "CreateEditingProject", map[string]string{"Title": "t", "TemplateId": "typed", "ClipsParam": tt.params})
			g := prOK(t, s, "GetEditingProject", map[string]string{"ProjectId": p["Project"].(map[string]any)["ProjectId"].(string)})
			text, _ := g["Project"].(map[string]any)["Timeline"].(string)
			var tl struct {
				VideoTracks []struct {
					MainTrack       any
					VideoTrackClips []map[string]any
				}
				SubtitleTracks []struct{ SubtitleTrackClips []map[string]any }
			}
			if err := json.Unmarshal([]byte(text), &tl); err != nil || len(tl.VideoTracks) != 1 || len(tl.SubtitleTracks) != 1 {
				t.Fatalf("Timeline = %s (%v), want one video and one subtitle track", text, err)
			}
			sub := tl.SubtitleTracks[0].SubtitleTrackClips[0]
			got := map[string]any{
				"MainTrack": tl.VideoTracks[0].MainTrack,
				"Effects":   tl.VideoTracks[0].VideoTrackClips[0]["Effects"],
				"Content":   sub["Content"], "Outline": sub["Outline"], "FontFace": sub["FontFace"], "Alignment": sub["Alignment"],
			}
			for k, want := range tt.want {
				if !reflect.DeepEqual(got[k], want) {
					t.Errorf("Timeline %s = %T %v, want %T %v (Timeline %s)", k, got[k], got[k], want, want, text)
				}
			}
		})
	}
}

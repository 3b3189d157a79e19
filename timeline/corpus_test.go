package timeline

import (
	"os"
	"path/filepath"
	"testing"
)

// corpusMedia are the durations the Timeline corpus assumes (see
// contract/testdata/timelines/README.md).
var corpusMedia = MediaMap{
	ByID: map[string]float64{"****4d7cf14dc7b83b0e801c****": 12.5, "4bcf9b4d7cf14dc7b83b0e801cbe****": 60},
	ByURL: map[string]float64{
		"http://ice-document-materials.oss-cn-shanghai.aliyuncs.com/test_media/h1.mp4": 5,
		"http://ice-document-materials.oss-cn-shanghai.aliyuncs.com/test_media/h2.mp4": 6,
		"http://ice-document-materials.oss-cn-shanghai.aliyuncs.com/test_media/h3.mp4": 7,
	},
}

// TestCorpus parses every published Timeline of the repository's corpus:
// the valid ones give their expected Duration, the two that are not JSON
// fail to parse.
func TestCorpus(t *testing.T) {
	tests := []struct {
		name         string
		wantDuration float64
		wantErr      bool
	}{
		{name: "01-sdk-two-mediaid-concat", wantDuration: 25},
		{name: "02-vod-trim-out-only", wantDuration: 5},
		{name: "03-vod-trim-in-only", wantDuration: 50},
		{name: "05-oss-mediaurl-out-10", wantDuration: 10},
		{name: "06-three-http-mediaurls-concat", wantDuration: 18},
		{name: "10-skill-three-clips-transitions", wantDuration: 45},
		{name: "12-skill-image-slideshow-bgm", wantDuration: 10},
		{name: "13-skill-multi-track-audio", wantDuration: 60},
		{name: "14-skill-pip-two-video-tracks", wantDuration: 30},
		{name: "16-skill-subtitle-trailing-comma", wantErr: true},
		{name: "19-skill-effecttracks-vfx-leading-comment", wantErr: true},
	}
	files, err := filepath.Glob("../contract/testdata/timelines/*.json")
	if err != nil || len(files) != len(tests) {
		t.Fatalf("corpus files = %d (%v), want %d", len(files), err, len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, err := os.ReadFile(filepath.Join("../contract/testdata/timelines", tt.name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			tl, err := Parse(string(text))
			if tt.wantErr {
				if err == nil {
					t.Fatalf("Parse = nil error, want one")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := tl.Duration(corpusMedia); got != tt.wantDuration {
				t.Errorf("Duration = %v, want %v", got, tt.wantDuration)
			}
		})
	}
}

package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/icefake/icefake/timeline"
)

const corpusDir = "../../contract/testdata/timelines"

// corpusMedia seeds the media the corpus names.
const corpusMedia = "testdata/corpus-media.yaml"

// validateJSON runs validate -format json with args and decodes its output.
func validateJSON(t *testing.T, args ...string) (validateResult, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := runValidate(append([]string{"-format", "json"}, args...), &out, &errOut)
	var res validateResult
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("validate %v: output is not JSON (%v); exit %d, stderr %s\n%s", args, err, code, errOut.String(), out.String())
	}
	return res, code
}

// want is a finding as the tests spell it: severity and fix come from the
// rule.
func want(rule, path string, line, col int, msg string) finding {
	r, _ := timeline.RuleByID(rule)
	return finding{Finding: timeline.Finding{Rule: rule, Severity: r.Severity, Path: path, Message: msg, Fix: r.Fix}, Line: line, Column: col}
}

func dur(v float64) *float64 { return &v }

// TestValidateCorpus runs validate on every Timeline of the repository's
// corpus, with its media seeded, and asserts the exact findings and
// Duration of each (the Durations are the ones CreateEditingProject
// answers, contract/cases_test.go).
func TestValidateCorpus(t *testing.T) {
	tests := []struct {
		name         string
		wantDuration *float64
		wantFindings []finding
	}{
		{name: "01-sdk-two-mediaid-concat", wantDuration: dur(25)},
		{name: "02-vod-trim-out-only", wantDuration: dur(5)},
		{name: "03-vod-trim-in-only", wantDuration: dur(50)},
		{name: "05-oss-mediaurl-out-10", wantDuration: dur(10)},
		{name: "06-three-http-mediaurls-concat", wantDuration: dur(18)},
		{name: "10-skill-three-clips-transitions", wantDuration: dur(45)},
		{name: "12-skill-image-slideshow-bgm", wantDuration: dur(10)},
		{name: "13-skill-multi-track-audio", wantDuration: dur(60)},
		{name: "14-skill-pip-two-video-tracks", wantDuration: dur(30), wantFindings: []finding{
			want(timeline.RuleMediaURLNotOSS, "$.VideoTracks[0].VideoTrackClips[0].MediaURL", 7, 23, `MediaURL "https://.../main_video.mp4" is not an OSS URL.`),
			want(timeline.RuleMediaURLNotOSS, "$.VideoTracks[1].VideoTrackClips[0].MediaURL", 19, 23, `MediaURL "https://.../overlay_video.mp4" is not an OSS URL.`),
		}},
		{name: "16-skill-subtitle-trailing-comma", wantFindings: []finding{
			want(timeline.RuleJSONSyntax, "$", 15, 9, "Malformed JSON at line 15, column 9: invalid character '}' looking for beginning of object key string."),
		}},
		{name: "19-skill-effecttracks-vfx-leading-comment", wantFindings: []finding{
			want(timeline.RuleJSONSyntax, "$", 1, 1, "Malformed JSON at line 1, column 1: invalid character '/' looking for beginning of value."),
		}},
	}
	files, err := filepath.Glob(filepath.Join(corpusDir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	var onDisk, listed []string
	for _, f := range files {
		onDisk = append(onDisk, strings.TrimSuffix(filepath.Base(f), ".json"))
	}
	for _, tt := range tests {
		listed = append(listed, tt.name)
	}
	if !slices.Equal(onDisk, listed) {
		t.Fatalf("corpus files %v, want a case for each: %v", onDisk, listed)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(corpusDir, tt.name+".json")
			res, code := validateJSON(t, "-scenario", corpusMedia, path)
			if len(res.Files) != 1 {
				t.Fatalf("files = %d, want 1", len(res.Files))
			}
			got := res.Files[0]
			wantFindings := tt.wantFindings
			if wantFindings == nil {
				wantFindings = []finding{}
			}
			if !reflect.DeepEqual(got.Findings, wantFindings) {
				t.Errorf("findings:\ngot  %+v\nwant %+v", got.Findings, wantFindings)
			}
			if !reflect.DeepEqual(got.Duration, tt.wantDuration) || got.UnknownLengthClips != 0 {
				t.Errorf("duration = %v (%d unknown), want %v", deref(got.Duration), got.UnknownLengthClips, deref(tt.wantDuration))
			}
			if wantCode := min(len(wantFindings), 1); code != wantCode {
				t.Errorf("exit status = %d, want %d", code, wantCode)
			}
			if got.File != path || got.Kind != "timeline" {
				t.Errorf("file, kind = %s, %s; want %s, timeline", got.File, got.Kind, path)
			}
		})
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// writeFile writes text to a new file in a test directory.
func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestValidateFindingClasses holds one case per class of finding with its
// exact JSON output: schema, renderer errors, warnings, template, scenario,
// output configuration.
func TestValidateFindingClasses(t *testing.T) {
	unknown := want(timeline.RuleUnknownMediaID, "$.VideoTracks[0].VideoTrackClips[1].MediaId", 1, 110, `MediaId "nope" is not a known medium.`)
	unknown.Value = "nope"
	unknownURL := want(timeline.RuleUnknownMediaURL, "$.AudioTracks[0].AudioTrackClips[0].MediaURL", 1, 139, `MediaURL "https://b.oss-cn-shanghai.aliyuncs.com/bgm.mp3" is not a known file.`)
	unknownURL.Value = "https://b.oss-cn-shanghai.aliyuncs.com/bgm.mp3"
	emptyScenario := writeFile(t, "empty.yaml", "version: 1\n")
	template := writeFile(t, "template.json", `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"$Media1","In":"$In:0","Out":"$Out:4"}]}]}`)
	tests := []struct {
		name         string
		args         []string // before the file
		file         string   // name of the file written with text
		text         string
		wantKind     string
		wantDuration *float64
		wantUnknown  int
		wantFindings []finding
	}{
		{name: "schema", file: "t.json", text: "{\n  \"VideoTracks\": [{\"VideoTrackClips\": [{\"In\": \"1\"}]}]\n}", wantKind: "timeline",
			wantFindings: []finding{want(timeline.RuleSchema, "$.VideoTracks[0].VideoTrackClips[0].In", 2, 47, "$.VideoTracks[0].VideoTrackClips[0].In: value must be a number.")}},
		{name: "schema range keeps checking", file: "t.json", text: `{"VideoTracks":[{"VideoTrackClips":[{"MediaURL":"oss://b/a.mp4","Out":20000000}]},{}]}`, wantKind: "timeline",
			wantFindings: []finding{
				want(timeline.RuleSchema, "$.VideoTracks[0].VideoTrackClips[0].Out", 1, 71, "$.VideoTracks[0].VideoTrackClips[0].Out: must be a number of seconds from 0 to 10000000."),
				want(timeline.RuleEmptyTrack, "$.VideoTracks[1]", 1, 83, "The track has no clips."),
			}},
		{name: "empty timeline", file: "t.json", text: `{"SubtitleTracks":[{"SubtitleTrackClips":[{"Type":"Text","Content":"hi"}]}]}`, wantKind: "timeline", wantDuration: dur(0),
			wantFindings: []finding{want(timeline.RuleEmptyTimeline, "$", 1, 1, "Both video tracks and audio tracks are empty.")}},
		{name: "renderer errors with media", args: []string{"-scenario", corpusMedia}, file: "t.json",
			text:     `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"4bcf9b4d7cf14dc7b83b0e801cbe****","In":5,"Out":5},{"MediaId":"nope"}]}]}`,
			wantKind: "timeline", wantDuration: dur(0), wantUnknown: 1,
			wantFindings: []finding{
				want(timeline.RuleOutNotAfterIn, "$.VideoTracks[0].VideoTrackClips[0].Out", 1, 96, "VideoTrackClip Out 5 is not after In 5."),
				unknown,
			}},
		{name: "strict URLs", args: []string{"-scenario", corpusMedia, "-strict-urls"}, file: "t.json",
			text:     `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"****4d7cf14dc7b83b0e801c****","Out":20}]}],"AudioTracks":[{"AudioTrackClips":[{"MediaURL":"https://b.oss-cn-shanghai.aliyuncs.com/bgm.mp3"}]}]}`,
			wantKind: "timeline", wantDuration: dur(12.5), wantUnknown: 1,
			wantFindings: []finding{
				want(timeline.RuleOutBeyondMedia, "$.VideoTracks[0].VideoTrackClips[0].Out", 1, 85, "Out 20 is past the end of the 12.5 s medium."),
				unknownURL,
			}},
		{name: "unknown lengths without media", file: "t.json", text: `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"a"},{"MediaId":"b","Out":3}]}]}`,
			wantKind: "timeline", wantDuration: dur(3), wantUnknown: 1},
		{name: "template filled", args: []string{"-scenario", corpusMedia, "-template", template}, file: "clips.json",
			text: `{"Media1":"****4d7cf14dc7b83b0e801c****"}`, wantKind: "clips-param", wantDuration: dur(4)},
		{name: "template finding in the produced Timeline", args: []string{"-scenario", corpusMedia, "-template", template}, file: "clips.json",
			text: `{"Media1":"****4d7cf14dc7b83b0e801c****","Out":0}`, wantKind: "clips-param", wantDuration: dur(0),
			wantFindings: []finding{func() finding {
				f := want(timeline.RuleOutNotAfterIn, "$.VideoTracks[0].VideoTrackClips[0].Out", 0, 0, "VideoTrackClip Out 0 is not after In 0.")
				f.Source = "timeline"
				return f
			}()}},
		{name: "template not filled", args: []string{"-template", template}, file: "clips.json", text: `{}`, wantKind: "clips-param",
			wantFindings: []finding{want(timeline.RuleTemplate, "$", 0, 0, `Template template.json: $.VideoTracks[0].VideoTrackClips[0].MediaId: ClipsParam has no value for the placeholder $Media1.`)}},
		{name: "ClipsParam not JSON", args: []string{"-template", template}, file: "clips.json", text: `{"Media1":}`, wantKind: "clips-param",
			wantFindings: []finding{want(timeline.RuleJSONSyntax, "$", 1, 11, "Malformed JSON at line 1, column 11: invalid character '}' looking for beginning of value.")}},
		{name: "scenario does not load", file: "s.yaml", text: "version: 1\nmedia:\n  - mediaId: m\n    duration: -1\n", wantKind: "scenario",
			wantFindings: []finding{func() finding {
				f := want(timeline.RuleScenario, "", 4, 0, "must be from 0 to 10000000 seconds, got -1")
				f.Source = "media[0].duration"
				return f
			}()}},
		{name: "scenario project Timelines", file: "s.yaml", wantKind: "scenario",
			text: "version: 1\nmedia:\n  - mediaId: m\n    duration: 3\nprojects:\n  - title: a\n    timeline: '{\"VideoTracks\":[{\"VideoTrackClips\":[{\"MediaId\":\"m\",\"In\":4}]}]}'\n" +
				"  - title: b\n    timeline: '{\"VideoTracks\":[{\"VideoTrackClips\":[{\"MediaId\":\"zz\"}]}]}'\n",
			wantFindings: []finding{func() finding {
				f := want(timeline.RuleInBeyondMedia, "$.VideoTracks[0].VideoTrackClips[0].In", 6, 0, "In 4 is at or past the end of the 3 s medium.")
				f.Source = "projects[0].timeline"
				return f
			}(), func() finding {
				f := want(timeline.RuleUnknownMediaID, "$.VideoTracks[0].VideoTrackClips[0].MediaId", 8, 0, `MediaId "zz" is not a known medium.`)
				f.Source, f.Value = "projects[1].timeline", "zz"
				return f
			}()}},
		{name: "a -scenario without media knows none", args: []string{"-scenario", emptyScenario}, file: "t.json",
			text: `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"zz","Out":1}]}]}`, wantKind: "timeline", wantDuration: dur(1),
			wantFindings: []finding{func() finding {
				f := want(timeline.RuleUnknownMediaID, "$.VideoTracks[0].VideoTrackClips[0].MediaId", 1, 48, `MediaId "zz" is not a known medium.`)
				f.Value = "zz"
				return f
			}()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, tt.file, tt.text)
			res, code := validateJSON(t, append(tt.args, path)...)
			if len(res.Files) != 1 {
				t.Fatalf("files = %d, want 1", len(res.Files))
			}
			got := res.Files[0]
			wantFindings := tt.wantFindings
			if wantFindings == nil {
				wantFindings = []finding{}
			}
			if !reflect.DeepEqual(got.Findings, wantFindings) {
				t.Errorf("findings:\ngot  %+v\nwant %+v", got.Findings, wantFindings)
			}
			if got.Kind != tt.wantKind || !reflect.DeepEqual(got.Duration, tt.wantDuration) || got.UnknownLengthClips != tt.wantUnknown {
				t.Errorf("kind, duration, unknown = %s, %v, %d; want %s, %v, %d", got.Kind, deref(got.Duration), got.UnknownLengthClips, tt.wantKind, deref(tt.wantDuration), tt.wantUnknown)
			}
			if wantCode := min(len(wantFindings), 1); code != wantCode {
				t.Errorf("exit status = %d, want %d", code, wantCode)
			}
		})
	}
}

func TestValidateOutputConfig(t *testing.T) {
	cfg := writeFile(t, "out.json", `{"StorageLocation":"s"}`)
	res, code := validateJSON(t, "-output-config", cfg, "-output-target", "vod-media")
	wantF := want(timeline.RuleOutputConfig, "$.FileName", 1, 1, "$.FileName: required when OutputMediaTarget is vod-media.")
	if code != 1 || len(res.Files) != 1 || res.Files[0].Kind != "output-config" || !reflect.DeepEqual(res.Files[0].Findings, []finding{wantF}) {
		t.Errorf("validate -output-config = %d %+v, want 1 and %+v", code, res, wantF)
	}
	good := writeFile(t, "out.json", `{"MediaURL":"https://b.oss-cn-shanghai.aliyuncs.com/o.mp4","Width":1920,"Height":1080}`)
	if res, code := validateJSON(t, "-output-config", good); code != 0 || res.Errors+res.Warnings != 0 {
		t.Errorf("validate -output-config good = %d %+v, want 0 and no findings", code, res)
	}
}

// TestValidateText holds the text format exactly.
func TestValidateText(t *testing.T) {
	var out, errOut bytes.Buffer
	code := runValidate([]string{
		filepath.Join(corpusDir, "01-sdk-two-mediaid-concat.json"),
		filepath.Join(corpusDir, "16-skill-subtitle-trailing-comma.json"),
		filepath.Join(corpusDir, "14-skill-pip-two-video-tracks.json"),
	}, &out, &errOut)
	wantOut := `../../contract/testdata/timelines/01-sdk-two-mediaid-concat.json: duration 0 s or more (2 clips of unknown length: give their media with -scenario)
../../contract/testdata/timelines/16-skill-subtitle-trailing-comma.json:15:9: error json-syntax $: Malformed JSON at line 15, column 9: invalid character '}' looking for beginning of object key string.
    fix: fix the JSON at that line and column: no trailing commas, no comments, keys in double quotes
../../contract/testdata/timelines/14-skill-pip-two-video-tracks.json:7:23: warning media-url-not-oss $.VideoTracks[0].VideoTrackClips[0].MediaURL: MediaURL "https://.../main_video.mp4" is not an OSS URL.
    fix: use an OSS URL in the service's region, e.g. https://bucket.oss-cn-shanghai.aliyuncs.com/a.mp4, or a MediaId
../../contract/testdata/timelines/14-skill-pip-two-video-tracks.json:19:23: warning media-url-not-oss $.VideoTracks[1].VideoTrackClips[0].MediaURL: MediaURL "https://.../overlay_video.mp4" is not an OSS URL.
    fix: use an OSS URL in the service's region, e.g. https://bucket.oss-cn-shanghai.aliyuncs.com/a.mp4, or a MediaId
../../contract/testdata/timelines/14-skill-pip-two-video-tracks.json: duration 30 s
3 files: 1 errors, 2 warnings
`
	if got := out.String(); got != wantOut || code != 1 || errOut.Len() != 0 {
		t.Errorf("validate (text) = exit %d, stderr %q, output:\n%s\nwant exit 1, output:\n%s", code, errOut.String(), got, wantOut)
	}
}

func TestValidateExitStatus(t *testing.T) {
	clean := filepath.Join(corpusDir, "02-vod-trim-out-only.json")
	badScenario := writeFile(t, "bad.yaml", "version: 2\n")
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStderr string
	}{
		{name: "clean", args: []string{clean}, wantCode: 0},
		{name: "findings", args: []string{filepath.Join(corpusDir, "16-skill-subtitle-trailing-comma.json")}, wantCode: 1},
		{name: "no files", args: nil, wantCode: 2, wantStderr: "no FILE to check"},
		{name: "bad format", args: []string{"-format", "xml", clean}, wantCode: 2, wantStderr: `-format "xml": want text or json`},
		{name: "missing file", args: []string{"/nonexistent.json"}, wantCode: 2, wantStderr: "/nonexistent.json"},
		{name: "bad -scenario", args: []string{"-scenario", badScenario, clean}, wantCode: 2, wantStderr: "-scenario: "},
		{name: "missing -template", args: []string{"-template", "/nonexistent.json", clean}, wantCode: 2, wantStderr: "-template: "},
		{name: "bad -output-target", args: []string{"-output-config", clean, "-output-target", "ftp"}, wantCode: 2, wantStderr: "-output-target: "},
		{name: "unknown flag", args: []string{"-nope", clean}, wantCode: 2, wantStderr: "flag provided but not defined: -nope"},
		{name: "help", args: []string{"-h"}, wantCode: 0, wantStderr: "usage: icefake validate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := runValidate(tt.args, &out, &errOut)
			if code != tt.wantCode || !strings.Contains(errOut.String(), tt.wantStderr) {
				t.Errorf("validate %v = exit %d, stderr %q; want %d and %q", tt.args, code, errOut.String(), tt.wantCode, tt.wantStderr)
			}
			if tt.wantStderr == "" && errOut.Len() != 0 {
				t.Errorf("stderr = %q, want empty", errOut.String())
			}
		})
	}
}

var update = flag.Bool("update", false, "rewrite generated doc sections")

// TestValidateDocsRules keeps docs/validate.md's rule table in step with
// timeline.Rules.
func TestValidateDocsRules(t *testing.T) {
	var b strings.Builder
	b.WriteString("| rule | severity | finds |\n|---|---|---|\n")
	for _, r := range timeline.Rules {
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", r.ID, r.Severity, r.Summary)
	}
	const path = "../../docs/validate.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	before, rest, ok1 := strings.Cut(string(data), "<!-- rules:begin -->\n")
	_, after, ok2 := strings.Cut(rest, "<!-- rules:end -->")
	if !ok1 || !ok2 {
		t.Fatal("docs/validate.md lacks the rules:begin/rules:end markers")
	}
	got := strings.TrimSuffix(rest[:len(rest)-len(after)-len("<!-- rules:end -->")], "\n")
	if want := strings.TrimSuffix(b.String(), "\n"); got != want {
		if *update {
			out := before + "<!-- rules:begin -->\n" + want + "\n<!-- rules:end -->" + after
			if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("docs/validate.md rule table is stale (go test ./cmd/icefake -run TestValidateDocsRules -update):\ngot\n%s\nwant\n%s", got, want)
	}
}

// jqFilter finds the CI recipe's jq program in a doc.
var jqFilter = regexp.MustCompile(`(?s)icefake validate -format json[^|]*\|\s*jq -r '([^']*)'`)

// TestValidateCIRecipe runs the CI recipe's jq program, as README.md and
// docs/validate.md print it, on validate's JSON output: one GitHub
// annotation per finding.
func TestValidateCIRecipe(t *testing.T) {
	jq, err := exec.LookPath("jq")
	if err != nil {
		t.Skip("jq is not on PATH; the CI recipe is not checked")
	}
	var out bytes.Buffer
	runValidate([]string{"-format", "json", filepath.Join(corpusDir, "14-skill-pip-two-video-tracks.json"), filepath.Join(corpusDir, "16-skill-subtitle-trailing-comma.json")}, &out, io.Discard)
	want := `::warning file=../../contract/testdata/timelines/14-skill-pip-two-video-tracks.json,line=7,col=23,title=media-url-not-oss::MediaURL "https://.../main_video.mp4" is not an OSS URL. Fix: use an OSS URL in the service's region, e.g. https://bucket.oss-cn-shanghai.aliyuncs.com/a.mp4, or a MediaId
::warning file=../../contract/testdata/timelines/14-skill-pip-two-video-tracks.json,line=19,col=23,title=media-url-not-oss::MediaURL "https://.../overlay_video.mp4" is not an OSS URL. Fix: use an OSS URL in the service's region, e.g. https://bucket.oss-cn-shanghai.aliyuncs.com/a.mp4, or a MediaId
::error file=../../contract/testdata/timelines/16-skill-subtitle-trailing-comma.json,line=15,col=9,title=json-syntax::Malformed JSON at line 15, column 9: invalid character '}' looking for beginning of object key string. Fix: fix the JSON at that line and column: no trailing commas, no comments, keys in double quotes
`
	for _, doc := range []string{"../../README.md", "../../docs/validate.md"} {
		data, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		m := jqFilter.FindSubmatch(data)
		if m == nil {
			t.Fatalf("%s has no `icefake validate -format json … | jq -r '…'` recipe", doc)
		}
		cmd := exec.CommandContext(t.Context(), jq, "-r", string(m[1]))
		cmd.Stdin = bytes.NewReader(out.Bytes())
		got, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: jq: %v", doc, err)
		}
		if string(got) != want {
			t.Errorf("%s recipe output:\n%s\nwant:\n%s", doc, got, want)
		}
	}
}

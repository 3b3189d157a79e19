package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/icefake/icefake/fake"
	"github.com/icefake/icefake/scenarios"
	"github.com/icefake/icefake/timeline"
)

// validateUsage is `icefake validate -h`.
const validateUsage = `usage: icefake validate [-format text|json] [-scenario FILE]... [-strict-urls]
                        [-template CONFIG] [-output-config FILE [-output-target T]] FILE...

Checks Timelines before they fail a production job, with the code the icefake
server runs: JSON syntax (line and column), the spec's Timeline schema (JSON
path), and every rule the fake fails a job for, plus warnings for likely
mistakes. It prints the Duration each project would have.

FILE is a Timeline (JSON); with -template, a ClipsParam (JSON) filled into the
template CONFIG; a .yaml or .yml FILE is a scenario, whose seeded projects'
Timelines are checked against its media. Rules, output formats and exit
statuses: docs/validate.md.

Exit status: 0 no findings, 1 findings, 2 could not run.

`

// validateOptions are validate's flags.
type validateOptions struct {
	format       string
	scenarios    listFlag
	strictURLs   bool
	template     string
	outputConfig string
	outputTarget string
}

// fileReport is what validate found in one file; -format json prints a
// list of them (docs/validate.md).
type fileReport struct {
	File string `json:"file"`
	// Kind is timeline, clips-param, scenario or output-config.
	Kind string `json:"kind"`
	// Duration is the project's Duration in seconds; absent when the
	// Timeline cannot be read.
	Duration *float64 `json:"duration,omitempty"`
	// UnknownLengthClips counts clips whose length is unknown (media not
	// given with -scenario and no Out): Duration is then a lower bound.
	UnknownLengthClips int       `json:"unknownLengthClips,omitempty"`
	Findings           []finding `json:"findings"`
}

// finding is a timeline.Finding placed in its file.
type finding struct {
	timeline.Finding
	// Source names the part of a scenario file the finding is in, e.g.
	// projects[0].timeline; "" for a Timeline file.
	Source string `json:"source,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}

// validateResult is the -format json document.
type validateResult struct {
	Files    []fileReport `json:"files"`
	Errors   int          `json:"errors"`
	Warnings int          `json:"warnings"`
}

// runValidate is `icefake validate`; it returns the exit status.
func runValidate(args []string, stdout, stderr io.Writer) int {
	o := &validateOptions{}
	fs := flag.NewFlagSet("icefake validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, validateUsage)
		fs.PrintDefaults()
	}
	fs.StringVar(&o.format, "format", "text", "output format: text or json (docs/validate.md)")
	fs.Var(&o.scenarios, "scenario", "scenario YAML whose media are the ones that exist (their durations count, unknown MediaIds are errors); repeatable")
	fs.BoolVar(&o.strictURLs, "strict-urls", false, "a clip MediaURL that no -scenario medium has is an error (the server's WithStrictMediaURLs)")
	fs.StringVar(&o.template, "template", "", "Timeline template Config (JSON with $placeholders): every FILE is a ClipsParam to fill it with")
	fs.StringVar(&o.outputConfig, "output-config", "", "also check this SubmitMediaProducingJob OutputMediaConfig (JSON)")
	fs.StringVar(&o.outputTarget, "output-target", "oss-object", "OutputMediaTarget for -output-config: oss-object or vod-media")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if o.format != "text" && o.format != "json" {
		fmt.Fprintf(stderr, "icefake validate: -format %q: want text or json\n", o.format)
		return 2
	}
	if fs.NArg() == 0 && o.outputConfig == "" {
		fmt.Fprintln(stderr, "icefake validate: no FILE to check (icefake validate -h for help)")
		return 2
	}
	v, err := newValidator(o)
	if err != nil {
		fmt.Fprintln(stderr, "icefake validate:", err)
		return 2
	}
	var res validateResult
	if o.outputConfig != "" {
		r, err := v.outputConfigFile(o.outputConfig, o.outputTarget)
		if err != nil {
			fmt.Fprintln(stderr, "icefake validate:", err)
			return 2
		}
		res.Files = append(res.Files, r)
	}
	for _, path := range fs.Args() {
		r, err := v.file(path)
		if err != nil {
			fmt.Fprintln(stderr, "icefake validate:", err)
			return 2
		}
		res.Files = append(res.Files, r)
	}
	for _, f := range res.Files {
		for _, x := range f.Findings {
			if x.Severity == timeline.SeverityError {
				res.Errors++
			} else {
				res.Warnings++
			}
		}
	}
	if o.format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(res)
	} else {
		printText(stdout, res)
	}
	if res.Errors+res.Warnings > 0 {
		return 1
	}
	return 0
}

// validator holds what every file is checked against.
type validator struct {
	o        *validateOptions
	media    timeline.MediaMap
	template string // the -template Config text
	// mediaKnown: -scenario said which media exist, so unknown MediaIds
	// are errors.
	mediaKnown bool
}

func newValidator(o *validateOptions) (*validator, error) {
	v := &validator{o: o, media: timeline.MediaMap{ByID: map[string]float64{}, ByURL: map[string]float64{}}}
	for _, path := range o.scenarios {
		sc, err := scenarios.LoadFile(path)
		if err != nil {
			return nil, fmt.Errorf("-scenario: %w", err)
		}
		v.media = withMedia(v.media, sc.Media)
		v.mediaKnown = true
	}
	if o.template != "" {
		b, err := os.ReadFile(o.template)
		if err != nil {
			return nil, fmt.Errorf("-template: %w", err)
		}
		v.template = string(b)
	}
	return v, nil
}

// withMedia returns m plus the seeded media md, as the server seeds them.
func withMedia(m timeline.MediaMap, md []scenarios.Media) timeline.MediaMap {
	out := timeline.MediaMap{ByID: map[string]float64{}, ByURL: map[string]float64{}}
	for k, d := range m.ByID {
		out.ByID[k] = d
	}
	for k, d := range m.ByURL {
		out.ByURL[k] = d
	}
	for _, x := range md {
		if x.MediaId != "" {
			out.ByID[x.MediaId] = x.Duration
		}
		if x.MediaURL != "" {
			out.ByURL[x.MediaURL] = x.Duration
		}
	}
	return out
}

// checkOptions are the timeline.Check options for media m; known says m
// are all the media that exist.
func (v *validator) checkOptions(m timeline.MediaMap, known bool) timeline.CheckOptions {
	opts := timeline.CheckOptions{Media: m}
	if known || v.o.strictURLs {
		opts.KnownMediaID = func(id string) bool { _, ok := m.ByID[id]; return ok }
	}
	if v.o.strictURLs {
		opts.KnownMediaURL = func(u string) bool { _, ok := m.ByURL[u]; return ok }
	}
	return opts
}

func (v *validator) file(path string) (fileReport, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return fileReport{}, err
	}
	text := string(b)
	switch {
	case strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".yml"):
		return v.scenarioFile(path, b), nil
	case v.template != "":
		r := fileReport{File: path, Kind: "clips-param", Findings: []finding{}}
		if p, err := fake.CheckJSONParameter("CreateEditingProject", "ClipsParam", text); err != nil {
			return r, err
		} else if p != nil {
			r.Findings = append(r.Findings, paramFinding(text, p))
			return r, nil
		}
		tl, err := fake.ExpandTemplate(v.template, text)
		if err != nil {
			r.Findings = append(r.Findings, finding{Finding: timeline.NewFinding(timeline.RuleTemplate, "$", "Template %s: %v.", filepath.Base(v.o.template), err)})
			return r, nil
		}
		// Findings are in the produced Timeline, not in the file.
		v.timeline(&r, tl, v.media, v.mediaKnown, "")
		for i := range r.Findings {
			r.Findings[i].Source = "timeline"
		}
		return r, nil
	}
	r := fileReport{File: path, Kind: "timeline", Findings: []finding{}}
	v.timeline(&r, text, v.media, v.mediaKnown, text)
	return r, nil
}

// timeline checks Timeline text as CreateEditingProject and the renderer
// would, adding findings (located in locateIn when it is the file's text)
// and the Duration to r.
func (v *validator) timeline(r *fileReport, text string, media timeline.MediaMap, known bool, locateIn string) {
	p, err := fake.CheckJSONParameter("CreateEditingProject", "Timeline", text)
	if err != nil {
		panic(err) // the spec always has CreateEditingProject's Timeline
	}
	if p != nil {
		f := paramFinding(locateIn, p)
		if locateIn == "" {
			f.Line, f.Column = 0, 0
		}
		r.Findings = append(r.Findings, f)
		if !p.Syntax {
			// A schema problem may still leave a readable Timeline.
			if tl, err := timeline.Parse(text); err == nil {
				r.Findings = append(r.Findings, v.check(tl, media, known, locateIn)...)
			}
		}
		return
	}
	tl, err := timeline.Parse(text)
	if err != nil {
		return // schema-valid Timelines parse
	}
	r.Findings = append(r.Findings, v.check(tl, media, known, locateIn)...)
	d := tl.Duration(media)
	r.Duration = &d
	for _, l := range tl.Layout(media) {
		if l.Kind == timeline.KindVideo || l.Kind == timeline.KindImage || l.Kind == timeline.KindAudio {
			for _, b := range l.Boxes {
				if !b.LengthKnown && !b.Global {
					r.UnknownLengthClips++
				}
			}
		}
	}
}

func (v *validator) check(tl *timeline.Timeline, media timeline.MediaMap, known bool, locateIn string) []finding {
	var out []finding
	for _, f := range timeline.Check(tl, v.checkOptions(media, known)) {
		x := finding{Finding: f}
		if locateIn != "" {
			x.Line, x.Column, _ = timeline.Locate(locateIn, f.Path)
		}
		out = append(out, x)
	}
	return out
}

// paramFinding turns the server's verdict on a JSON parameter into a
// finding located in text.
func paramFinding(text string, p *fake.ParamProblem) finding {
	if p.Syntax {
		return finding{Finding: timeline.NewFinding(timeline.RuleJSONSyntax, "$", "%s", p.Reason), Line: p.Line, Column: p.Column}
	}
	f := finding{Finding: timeline.NewFinding(timeline.RuleSchema, p.Path, "%s", p.Reason)}
	f.Line, f.Column, _ = timeline.Locate(text, p.Path)
	return f
}

// scenarioFile checks a scenario file as the server loads it, then the
// Timelines of its seeded projects against its media (and -scenario's).
func (v *validator) scenarioFile(path string, data []byte) fileReport {
	r := fileReport{File: path, Kind: "scenario", Findings: []finding{}}
	sc, err := scenarios.Parse(path, data)
	if err != nil {
		for _, e := range scenarios.Errors(err) {
			f := finding{Finding: timeline.NewFinding(timeline.RuleScenario, "", "%s", e.Msg), Source: e.Key, Line: e.Line}
			r.Findings = append(r.Findings, f)
		}
		if len(r.Findings) == 0 {
			r.Findings = append(r.Findings, finding{Finding: timeline.NewFinding(timeline.RuleScenario, "", "%v", err)})
		}
		return r
	}
	media := withMedia(v.media, sc.Media)
	for i, p := range sc.Projects {
		if p.Timeline == "" {
			continue
		}
		pr := fileReport{}
		v.timeline(&pr, p.Timeline, media, true, "")
		for _, f := range pr.Findings {
			f.Source, f.Line = fmt.Sprintf("projects[%d].timeline", i), p.Line
			r.Findings = append(r.Findings, f)
		}
	}
	return r
}

// outputConfigFile checks an OutputMediaConfig file.
func (v *validator) outputConfigFile(path, target string) (fileReport, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return fileReport{}, err
	}
	r := fileReport{File: path, Kind: "output-config", Findings: []finding{}}
	p, err := fake.CheckOutputConfig(target, string(b))
	if err != nil {
		return r, fmt.Errorf("-output-target: %w", err)
	}
	if p != nil {
		f := paramFinding(string(b), p)
		if !p.Syntax {
			f.Rule, f.Fix = timeline.RuleOutputConfig, mustRule(timeline.RuleOutputConfig).Fix
		}
		r.Findings = append(r.Findings, f)
	}
	return r, nil
}

func mustRule(id string) timeline.Rule {
	r, _ := timeline.RuleByID(id)
	return r
}

// printText writes the text format: one line per finding,
// FILE:LINE:COL: SEVERITY RULE PATH: MESSAGE, its fix indented below, a
// line per file with its Duration, and a summary.
func printText(w io.Writer, res validateResult) {
	for _, f := range res.Files {
		for _, x := range f.Findings {
			where := f.File
			if x.Line > 0 {
				where += fmt.Sprintf(":%d", x.Line)
				if x.Column > 0 {
					where += fmt.Sprintf(":%d", x.Column)
				}
			}
			subject := x.Path
			if x.Source != "" {
				subject = strings.TrimSpace(x.Source + " " + x.Path)
			}
			if subject != "" {
				subject += ": "
			}
			fmt.Fprintf(w, "%s: %s %s %s%s\n    fix: %s\n", where, x.Severity, x.Rule, subject, x.Message, x.Fix)
		}
		if f.Duration != nil {
			line := fmt.Sprintf("%s: duration %g s", f.File, *f.Duration)
			if f.UnknownLengthClips > 0 {
				line += fmt.Sprintf(" or more (%d clips of unknown length: give their media with -scenario)", f.UnknownLengthClips)
			}
			fmt.Fprintln(w, line)
		}
	}
	fmt.Fprintf(w, "%d files: %d errors, %d warnings\n", len(res.Files), res.Errors, res.Warnings)
}

package scenarios

import (
	"maps"
	"slices"
	"strings"
	"time"
)

// Scenario is one parsed, validated scenario file: state to seed and faults
// to script. Parse and LoadFile return it; the fake applies it.
type Scenario struct {
	// Name is the file name or label given to Parse (the path for LoadFile).
	Name string
	// Version is the format version; always 1.
	Version int
	// Credentials are AccessKeyId/secret pairs the fake accepts, in file order.
	Credentials []Credential
	// Media are media assets to seed, in file order.
	Media []Media
	// Templates are editing templates to seed, in file order.
	Templates []Template
	// Faults are scripted faults, in file order.
	Faults []Fault
	// Quotas are token buckets to turn on, in file order.
	Quotas []Quota
	// Projects are editing projects to seed, in file order (projects.go).
	Projects []Project
	// Stubs are canned answers, in file order (stubs.go).
	Stubs []Stub
}

// Credential is one accepted AccessKeyId with its secret and, for STS
// credentials, its SecurityToken.
type Credential struct {
	AccessKeyId     string // required, unique within a file
	AccessKeySecret string // required
	SecurityToken   string // optional
	Line            int    // line of the entry in the scenario file
}

// MaxSeconds caps a media duration, like every Timeline time (the spec's
// Seconds schema), so that project durations fit every SDK's types.
const MaxSeconds = 10000000

// Media is one media asset to seed, so that timelines naming it (by MediaId
// or MediaURL) have a known duration.
type Media struct {
	MediaId  string  // at least one of MediaId and MediaURL; each unique within a file
	MediaURL string  // absolute URL (scheme and host), e.g. http(s)://, oss://
	Duration float64 // seconds, >= 0
	Type     string  // "video" (default), "audio", "image" or "text"
	Title    string  // optional
	Size     int64   // file size in bytes, >= 0; 0 = unknown
	Width    int     // pixels, >= 0; 0 = unknown
	Height   int     // pixels, >= 0; 0 = unknown
	// File and stream facts; "" or 0 = the fake's default for the type.
	Format     string  // container as ffprobe names it, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
	Bitrate    float64 // kbit/s, >= 0
	FPS        float64 // frames per second, >= 0
	VideoCodec string  // e.g. "h264", or "none"
	AudioCodec string  // e.g. "aac", or "none"
	Line       int     // line of the entry in the scenario file
}

// Template is one editing template to seed, so that CreateEditingProject
// and SubmitMediaProducingJob can name it by TemplateId.
type Template struct {
	TemplateId string // required, unique within a file
	Type       string // "Timeline" (default) or "VETemplate"
	Name       string // optional
	// Config is the template's JSON text: required for a Timeline template
	// and then a JSON object (a Timeline with $Name placeholders); optional
	// and opaque for a VETemplate.
	Config string
	Line   int // line of the entry in the scenario file
}

// Fault scripts what happens to the calls of one Action; the fake's
// fake.Fault has the same model.
//
// Of the calls that match (Tenant, Match, MatchJSON, the From–Until window
// of the virtual clock), the first After go through; then the next Times get
// the fault's outcome (all later ones when Times is 0) — or, with a
// Sequence, the k-th call after After gets Sequence[k-1] and later calls go
// through.
type Fault struct {
	// Action is the Action the fault applies to: any Action of the merged
	// spec (openapi/ice.yaml over generated.yaml), implemented or not.
	Action string
	// Tenant limits the fault to one AccessKeyId's calls; empty = all.
	Tenant string
	// Match holds exact request-parameter values a call must carry to count;
	// nil or empty matches every call of Action. Keys are parameters of Action.
	Match map[string]string
	// MatchJSON holds values inside JSON-carrying parameters.
	MatchJSON []JSONMatch
	// From and Until bound the fault to a window of the virtual clock
	// (zero = unbounded).
	From, Until time.Time
	// After is how many matching calls succeed before the fault fires.
	After int
	// Times is how many matching calls then fail; 0 means every matching
	// call after After. Not used with a Sequence.
	Times int
	// Sequence gives one outcome per matching call after After.
	Sequence []Outcome
	// Code is the vendor error code answered; empty for a delay-only or
	// transport fault. It is in the spec's catalogue and is never a job-only
	// code.
	Code string
	// Status overrides the catalogue's HTTP status (400-599); 0 keeps it.
	Status int
	// Message overrides the catalogue's message; empty keeps it.
	Message string
	// Delay is how long the fake waits before answering (>= 0).
	Delay time.Duration
	// Transport is a transport-level fault: drop, html414, html502,
	// html504 or truncated.
	Transport string
	// Line is the line of the entry in the scenario file.
	Line int
}

// Outcome is one step of a Fault's Sequence: OK (the call goes through),
// an error Code (optional Status/Message), a Transport fault, and/or a Delay.
type Outcome struct {
	OK        bool
	Code      string
	Status    int
	Message   string
	Delay     time.Duration
	Transport string
	Line      int
}

// JSONMatch selects calls by the value at Path (a JSONPath such as
// $.VideoTracks[0].VideoTrackClips[0].MediaId) inside the JSON-carrying
// parameter Param.
type JSONMatch struct {
	Param string
	Path  string
	Value string
}

// Quota turns on a token bucket per tenant for Action: Rate calls per
// second of real time, Burst tokens (0 = ceil(Rate)).
type Quota struct {
	Action string
	Rate   float64
	Burst  int
	Line   int
}

// Merge composes scenarios in order into a new one: their credentials,
// media, templates, faults, quotas and projects are concatenated, and Name joins the non-empty names
// with ", ". Nil scenarios are skipped. Merge does not check for entries
// that repeat across scenarios; when they do, the later entry is the one
// applied last. The inputs are not modified or shared.
func Merge(scs ...*Scenario) *Scenario {
	out := &Scenario{Version: 1}
	var names []string
	for _, sc := range scs {
		if sc == nil {
			continue
		}
		if sc.Name != "" {
			names = append(names, sc.Name)
		}
		out.Credentials = append(out.Credentials, sc.Credentials...)
		out.Media = append(out.Media, sc.Media...)
		out.Templates = append(out.Templates, sc.Templates...)
		for _, f := range sc.Faults {
			f.Match = maps.Clone(f.Match)
			f.MatchJSON = slices.Clone(f.MatchJSON)
			f.Sequence = slices.Clone(f.Sequence)
			out.Faults = append(out.Faults, f)
		}
		out.Quotas = append(out.Quotas, sc.Quotas...)
		out.Projects = append(out.Projects, sc.Projects...)
		for _, st := range sc.Stubs {
			st.Match = maps.Clone(st.Match)
			out.Stubs = append(out.Stubs, st)
		}
	}
	out.Name = strings.Join(names, ", ")
	return out
}

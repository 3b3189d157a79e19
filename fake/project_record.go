package fake

import (
	"encoding/hex"
	"time"
)

// The compact project record (docs/architecture.md "Performance": memory per
// project). The store keeps each editing project as a projectRec, not as
// the public Project (16 strings and two time.Time, 320 bytes before any
// content): a million projects must fit in a few hundred MB. Project values
// are made from records at the edges (direct access, handlers' responses)
// and changes go through a Project and back (tenantState.changeProject).
//
// What every project has sits in the record: its ID as 16 raw bytes (every
// stored ProjectId is 32 lowercase hex characters), Title, Timeline,
// Duration, the two times as Unix seconds and nanoseconds, its Status and
// the enum strings CreateSource, ModifiedSource and ProjectType as one-byte
// codes into projectNames. What few projects have (Description, a
// template, a cover, materials, a live project's business fields, a
// failure) sits in one projectMore, allocated only when one of them is set.

// projectKey is a ProjectId as raw bytes: the key of a tenant's projects.
type projectKey [16]byte

// parseProjectKey returns id's key; ok is false when id is not 32 lowercase
// hex characters, which no stored project has.
func parseProjectKey(id string) (k projectKey, ok bool) {
	if len(id) != 2*len(k) {
		return k, false
	}
	for i := range k {
		hi, ok1 := lowerHexDigit(id[2*i])
		lo, ok2 := lowerHexDigit(id[2*i+1])
		if !ok1 || !ok2 {
			return projectKey{}, false
		}
		k[i] = hi<<4 | lo
	}
	return k, true
}

func lowerHexDigit(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	}
	return 0, false
}

// String returns the ProjectId: 32 lowercase hex characters.
func (k projectKey) String() string { return hex.EncodeToString(k[:]) }

// projectNames are the values CreateSource, ModifiedSource and ProjectType
// take (the spec's Source and ProjectType enums), coded by their index; 0 is
// "". A value not listed is coded nameOther and kept in projectMore.
var projectNames = [...]string{
	"", "OpenAPI", "AliyunConsole", "WebSDK", "LiveEditingOpenAPI", "LiveEditingConsole",
	"EditingProject", "LiveEditingProject",
}

// nameOther codes a value not in projectNames.
const nameOther = 255

func nameCode(s string) uint8 {
	for i, n := range projectNames {
		if n == s {
			return uint8(i)
		}
	}
	return nameOther
}

// projectRec is a stored editing project. Its size is pinned by a test
// (projectRecSize): 96 bytes, a Go size class.
type projectRec struct {
	id       projectKey
	title    string
	timeline string
	duration float64
	// createSec and modifiedSec are the times in Unix seconds, createNsec
	// and modifiedNsec their nanoseconds; both times are UTC.
	createSec, modifiedSec   int64
	createNsec, modifiedNsec int32
	// seq is 1 + the project's position in its tenant's creation order
	// once stored, 0 before (project_index.go).
	seq    int32
	status uint8 // a ProjectStatus: 1..7
	// createSource, modifiedSource and projectType index projectNames, or
	// are nameOther with the value in more.
	createSource, modifiedSource, projectType uint8
	more                                      *projectMore
}

// projectMore holds a project's rarely set fields; the fields of a
// projectRec coded nameOther sit in the last three.
type projectMore struct {
	description, templateId, templateType, clipsParam, coverURL, materialMaps string
	businessConfig, businessStatus, errorCode, errorMessage                   string
	createSource, modifiedSource, projectType                                 string
}

// newProjectRec returns p as a record, not yet stored (seq 0). p.ProjectId
// must be 32 lowercase hex characters.
func newProjectRec(p *Project) *projectRec {
	r := &projectRec{}
	r.set(p)
	return r
}

// set makes r hold p, keeping r's seq.
func (r *projectRec) set(p *Project) {
	id, ok := parseProjectKey(p.ProjectId)
	if !ok {
		panic("icefake: stored ProjectId " + p.ProjectId + " is not 32 lowercase hex characters")
	}
	m := projectMore{
		description: p.Description, templateId: p.TemplateId, templateType: p.TemplateType,
		clipsParam: p.ClipsParam, coverURL: p.CoverURL, materialMaps: p.MaterialMaps,
		businessConfig: p.BusinessConfig, businessStatus: p.BusinessStatus,
		errorCode: p.ErrorCode, errorMessage: p.ErrorMessage,
	}
	*r = projectRec{
		id: id, title: p.Title, timeline: p.Timeline, duration: p.Duration,
		createSec: p.CreateTime.Unix(), createNsec: int32(p.CreateTime.Nanosecond()),
		modifiedSec: p.ModifiedTime.Unix(), modifiedNsec: int32(p.ModifiedTime.Nanosecond()),
		seq: r.seq, status: uint8(p.Status),
		createSource:   codeOrKeep(p.CreateSource, &m.createSource),
		modifiedSource: codeOrKeep(p.ModifiedSource, &m.modifiedSource),
		projectType:    codeOrKeep(p.ProjectType, &m.projectType),
	}
	if m != (projectMore{}) {
		more := m // only here: m itself stays on the stack
		r.more = &more
	}
}

// codeOrKeep returns s's code in projectNames, or nameOther after storing s
// in *other.
func codeOrKeep(s string, other *string) uint8 {
	c := nameCode(s)
	if c == nameOther {
		*other = s
	}
	return c
}

// project returns r as a Project.
func (r *projectRec) project() Project {
	p := Project{
		ProjectId: r.id.String(), Title: r.title, Timeline: r.timeline, Duration: r.duration,
		Status:         r.statusOf(),
		CreateSource:   r.createSourceOf(),
		ModifiedSource: r.modifiedSourceOf(),
		ProjectType:    r.projectTypeOf(),
		CreateTime:     r.createTime(),
		ModifiedTime:   r.modifiedTime(),
	}
	if m := r.more; m != nil {
		p.Description, p.TemplateId, p.TemplateType = m.description, m.templateId, m.templateType
		p.ClipsParam, p.CoverURL, p.MaterialMaps = m.clipsParam, m.coverURL, m.materialMaps
		p.BusinessConfig, p.BusinessStatus = m.businessConfig, m.businessStatus
		p.ErrorCode, p.ErrorMessage = m.errorCode, m.errorMessage
	}
	return p
}

func (r *projectRec) statusOf() ProjectStatus { return ProjectStatus(r.status) }

// deleted reports whether r is soft-deleted.
func (r *projectRec) deleted() bool { return r.status == uint8(StatusDeleted) }

func (r *projectRec) createTime() time.Time {
	return time.Unix(r.createSec, int64(r.createNsec)).UTC()
}

func (r *projectRec) modifiedTime() time.Time {
	return time.Unix(r.modifiedSec, int64(r.modifiedNsec)).UTC()
}

func (r *projectRec) nameOf(code uint8, other func(*projectMore) string) string {
	if code == nameOther {
		return other(r.more)
	}
	return projectNames[code]
}

func (r *projectRec) createSourceOf() string {
	return r.nameOf(r.createSource, func(m *projectMore) string { return m.createSource })
}

func (r *projectRec) modifiedSourceOf() string {
	return r.nameOf(r.modifiedSource, func(m *projectMore) string { return m.modifiedSource })
}

func (r *projectRec) projectTypeOf() string {
	return r.nameOf(r.projectType, func(m *projectMore) string { return m.projectType })
}

// templateId and templateType return the project's template fields.
func (r *projectRec) templateId() string {
	if r.more == nil {
		return ""
	}
	return r.more.templateId
}

func (r *projectRec) templateType() string {
	if r.more == nil {
		return ""
	}
	return r.more.templateType
}

func (r *projectRec) materialMaps() string {
	if r.more == nil {
		return ""
	}
	return r.more.materialMaps
}

package scenarios

import (
	"encoding/json"
	"errors"
	"regexp"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/icefake/icefake/openapi"
)

// DefaultTenant is the tenant (AccessKeyId) a seeded project belongs to when
// its entry names none: the documented test AccessKeyId, which the fake
// always accepts unless told otherwise.
const DefaultTenant = "testAccessKeyId"

// Project is one editing project to seed, in any status, as the fake stores
// it: a project a test can Get, Search, List, update, delete or produce
// without creating it first. The fake's Server.SeedProject takes the same
// fields; Parse fills the defaults that do not depend on the fake's state
// (Tenant, Status, ProjectType, CreateSource) and leaves the rest to it.
type Project struct {
	// Tenant is the AccessKeyId that owns the project; DefaultTenant when
	// the entry names none.
	Tenant string
	// ProjectId is 32 lowercase hex characters, unique per tenant within a
	// file; "" lets the fake generate one (from its seeded ID generator).
	ProjectId string
	// Title is required.
	Title       string
	Description string
	// Timeline is the project's Timeline, JSON text of an object that
	// CreateEditingProject would accept (Parse checks it against the
	// spec's Timeline schema); "" for none. The fake works out the
	// project's Duration from it and the seeded media.
	Timeline string
	// TemplateId names the project's template; it needs ClipsParam, as in
	// CreateEditingProject. Without a Timeline, the fake fills a known
	// Timeline template's Config with ClipsParam to make one.
	TemplateId string
	// ClipsParam is the template's parameters, JSON text of an object; only
	// with TemplateId.
	ClipsParam string
	// TemplateType is Timeline or VETemplate, only with TemplateId; "" lets
	// the fake take the template's own type (Timeline when it does not know
	// the template).
	TemplateType string
	CoverURL     string
	// ProjectType is EditingProject (the default) or LiveEditingProject.
	ProjectType string
	// BusinessConfig (JSON text of an object, checked against the spec)
	// and BusinessStatus belong to live projects only; a live project's BusinessStatus defaults to
	// Reserving in the fake, as CreateEditingProject starts it.
	BusinessConfig string
	BusinessStatus string
	// Status is Draft, Editing, Producing, Produced or ProduceFailed; the
	// default is Draft without Timeline and TemplateId, else Editing. A
	// Draft project has neither.
	Status string
	// ErrorCode and ErrorMessage explain a ProduceFailed project, as
	// SearchEditingProject reports them; only with that status.
	ErrorCode    string
	ErrorMessage string
	// CreateTime is zero for the fake's virtual now when the scenario is
	// applied; ModifiedTime is zero for CreateTime and is never before it.
	CreateTime   time.Time
	ModifiedTime time.Time
	// CreateSource is OpenAPI (the default; LiveEditingOpenAPI for a
	// LiveEditingProject, as CreateEditingProject does), AliyunConsole,
	// WebSDK, LiveEditingOpenAPI or LiveEditingConsole. ModifiedSource
	// follows it.
	CreateSource string
	// Line is the line of the entry in the scenario file.
	Line int
}

var (
	projectKeys = []string{
		"tenant", "projectId", "title", "description", "timeline", "templateId", "clipsParam",
		"templateType", "coverURL", "projectType", "businessConfig", "businessStatus", "status",
		"errorCode", "errorMessage", "createTime", "modifiedTime", "createSource",
	}

	// projectIDRE is the shape of a ProjectId (the spec's Id32).
	projectIDRE = regexp.MustCompile(`^[0-9a-f]{32}$`)
)

// Project enums come from the spec's schemas, so that a seeded project is
// always one the fake's responses may carry.
const (
	projectStatusSchema  = "ListedStatus" // the statuses a live project can have
	createSourceSchema   = "Source"
	projectTypeSchema    = "ProjectType"
	templateTypeSchema   = "TemplateType"
	businessStatusSchema = "BusinessStatus"
)

func (p *parser) projects(spec *openapi.Spec, n *yaml.Node, path string, sc *Scenario) {
	items, _ := p.sequence(n, path)
	seen := map[string]int{} // tenant + "\x00" + projectId
	for i, item := range items {
		ip := index(path, i)
		fields, ok := p.mapping(item, ip, projectKeys)
		if !ok {
			continue
		}
		pr := Project{Tenant: DefaultTenant, Line: item.Line}
		// known records whether status and projectType, when given, are
		// valid: the rules that depend on them are checked only then.
		known := projectKnown{status: true, projectType: true}
		for _, f := range fields {
			kp := child(ip, f.key.Value)
			switch f.key.Value {
			case "createTime", "modifiedTime":
				if t, ok := p.timestamp(f.val, kp); ok {
					if f.key.Value == "createTime" {
						pr.CreateTime = t
					} else {
						pr.ModifiedTime = t
					}
				}
				continue
			}
			if f.key.Value == "projectId" && f.val.Kind == yaml.ScalarNode && (f.val.ShortTag() == "!!int" || f.val.ShortTag() == "!!float") {
				p.errorf(f.val.Line, kp, "expected a string, got %s: quote the ProjectId", describe(f.val))
				continue
			}
			v, ok := p.str(f.val, kp)
			if !ok {
				continue
			}
			switch f.key.Value {
			case "tenant":
				if v == "" {
					p.errorf(f.val.Line, kp, "must not be empty (omit tenant for %s)", DefaultTenant)
				}
				pr.Tenant = v
			case "projectId":
				if !projectIDRE.MatchString(v) {
					p.errorf(f.val.Line, kp, "%q is not a ProjectId: 32 lowercase hex characters (omit projectId to have one generated)", clip(v))
				}
				pr.ProjectId = v
			case "title":
				if v == "" {
					p.errorf(f.val.Line, kp, "must not be empty")
				}
				pr.Title = v
			case "description":
				pr.Description = v
			case "timeline":
				pr.Timeline = v
				p.jsonParam(spec, "Timeline", v, f.val, kp, "timeline")
			case "templateId":
				if v == "" {
					p.errorf(f.val.Line, kp, "must not be empty")
				}
				pr.TemplateId = v
			case "clipsParam":
				pr.ClipsParam = v
				p.jsonParam(spec, "ClipsParam", v, f.val, kp, "clipsParam")
			case "templateType":
				pr.TemplateType, _ = p.enum(spec, templateTypeSchema, v, f.val, kp, "template type")
			case "coverURL":
				pr.CoverURL = v
			case "projectType":
				pr.ProjectType, known.projectType = p.enum(spec, projectTypeSchema, v, f.val, kp, "project type")
			case "businessConfig":
				pr.BusinessConfig = v
				p.jsonParam(spec, "BusinessConfig", v, f.val, kp, "businessConfig")
			case "businessStatus":
				pr.BusinessStatus, _ = p.enum(spec, businessStatusSchema, v, f.val, kp, "business status")
			case "status":
				pr.Status, known.status = p.enum(spec, projectStatusSchema, v, f.val, kp, "status")
			case "errorCode":
				pr.ErrorCode = v
			case "errorMessage":
				pr.ErrorMessage = v
			case "createSource":
				pr.CreateSource, _ = p.enum(spec, createSourceSchema, v, f.val, kp, "source")
			}
		}
		p.require(fields, item, ip, "title")
		p.projectRules(fields, ip, &pr, known)
		if pr.ProjectId != "" && pr.Tenant != "" {
			if kv, ok := lookup(fields, "projectId"); ok {
				key := pr.Tenant + "\x00" + pr.ProjectId
				if first, dup := seen[key]; dup {
					p.errorf(kv.val.Line, child(ip, "projectId"), "duplicate projectId %q for tenant %s (first at line %d)", pr.ProjectId, clip(pr.Tenant), first)
				} else {
					seen[key] = kv.val.Line
				}
			}
		}
		sc.Projects = append(sc.Projects, pr)
	}
}

// projectKnown records which of a project's status and projectType are
// valid (or absent).
type projectKnown struct{ status, projectType bool }

// projectRules checks how a project's keys combine and fills the defaults
// that follow from them.
func (p *parser) projectRules(fields []field, path string, pr *Project, known projectKnown) {
	keyLine := func(key string) int {
		kv, _ := lookup(fields, key)
		return kv.key.Line
	}
	// Each rule: key needs other, with why.
	for _, r := range []struct{ key, needs, why string }{
		{"templateId", "clipsParam", "a project made from a template has its ClipsParam, as CreateEditingProject requires"},
		{"clipsParam", "templateId", "ClipsParam fills the project's template"},
		{"templateType", "templateId", "only a project made from a template has a template type"},
		{"modifiedTime", "createTime", "modifiedTime is never before createTime, whose default is the time the scenario is applied"},
	} {
		if has(fields, r.key) && !has(fields, r.needs) {
			p.errorf(keyLine(r.key), child(path, r.key), "requires %s (%s)", r.needs, r.why)
		}
	}
	if pr.ProjectType == "" {
		pr.ProjectType = "EditingProject"
	}
	live := pr.ProjectType == "LiveEditingProject"
	for _, key := range []string{"businessConfig", "businessStatus"} {
		if has(fields, key) && !live && known.projectType {
			p.errorf(keyLine(key), child(path, key), "only a live project has it (set projectType: LiveEditingProject)")
		}
	}
	if pr.CreateSource == "" {
		pr.CreateSource = "OpenAPI"
		if live {
			pr.CreateSource = "LiveEditingOpenAPI"
		}
	}
	content := has(fields, "timeline") || has(fields, "templateId")
	switch {
	case !known.status:
	case pr.Status == "" && content:
		pr.Status = "Editing"
	case pr.Status == "":
		pr.Status = "Draft"
	case pr.Status == "Draft" && content:
		key := "timeline"
		if !has(fields, key) {
			key = "templateId"
		}
		p.errorf(keyLine("status"), child(path, "status"), "a Draft project has no timeline or templateId (%s is set at line %d): use Editing, or omit status", key, keyLine(key))
	}
	if pr.Status != "ProduceFailed" && known.status {
		for _, key := range []string{"errorCode", "errorMessage"} {
			if has(fields, key) {
				p.errorf(keyLine(key), child(path, key), "only a ProduceFailed project has it (status is %s)", pr.Status)
			}
		}
	}
	if !pr.CreateTime.IsZero() && !pr.ModifiedTime.IsZero() && pr.ModifiedTime.Before(pr.CreateTime) {
		p.errorf(keyLine("modifiedTime"), child(path, "modifiedTime"), "must not be before createTime")
	}
}

// enum checks that v is one of the values of the spec's schema name; it
// returns v and whether it is.
func (p *parser) enum(spec *openapi.Spec, name, v string, n *yaml.Node, path, what string) (string, bool) {
	allowed := spec.Enum(name)
	if !slices.Contains(allowed, v) {
		p.errorf(n.Line, path, "unknown %s %q (allowed: %s)", what, clip(v), strings.Join(allowed, ", "))
		return v, false
	}
	return v, true
}

// jsonParam checks that v, the text of key at n, is a JSON object that
// CreateEditingProject's parameter param accepts (its schema in the spec:
// the Timeline's structure and value ranges, for example), as the fake
// checks the parameter.
func (p *parser) jsonParam(spec *openapi.Spec, param, v string, n *yaml.Node, path, key string) {
	if strings.TrimSpace(v) == "" {
		p.errorf(n.Line, path, "must be JSON text of an object, got an empty string (omit %s for none)", key)
		return
	}
	var x any
	if err := json.Unmarshal([]byte(v), &x); err != nil {
		p.errorf(n.Line, path, "not JSON: %v", err)
		return
	}
	if _, ok := x.(map[string]any); !ok {
		p.errorf(n.Line, path, "must be a JSON object, got %s", jsonKind(x))
		return
	}
	schema := paramSchema(spec, "CreateEditingProject", param)
	if schema == nil {
		return
	}
	err := schema.VisitJSON(x)
	var se *openapi3.SchemaError
	switch {
	case err == nil:
	case errors.As(err, &se):
		reason := se.Reason
		// The spec's own wording for range and pattern failures, as the fake's.
		if r, ok := se.Schema.Extensions["x-icefake-reason"].(string); ok && se.SchemaField != "type" {
			reason = r
		}
		p.errorf(n.Line, path, "%s: %s (as CreateEditingProject checks %s)", openapi.JSONPath(se.JSONPointer()), reason, param)
	default:
		p.errorf(n.Line, path, "%v (as CreateEditingProject checks %s)", err, param)
	}
}

// paramSchema returns the JSON schema of action's JSON-carrying parameter
// name, or nil.
func paramSchema(spec *openapi.Spec, action, name string) *openapi3.Schema {
	op := spec.Operations[action]
	if op == nil {
		return nil
	}
	for _, ref := range op.Parameters {
		if ref == nil || ref.Value == nil || ref.Value.Name != name {
			continue
		}
		if mt := ref.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil {
			return mt.Schema.Value
		}
	}
	return nil
}

func jsonKind(x any) string {
	switch x.(type) {
	case []any:
		return "an array"
	case string:
		return "a string"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	}
	return "null"
}

// timestamp reads an RFC 3339 time, quoted or not (YAML tags a plain one
// !!timestamp). Its year, in UTC, must be 0000-9999: the service's wire
// format has four digits.
func (p *parser) timestamp(n *yaml.Node, path string) (time.Time, bool) {
	if !p.scalar(n, path, "an RFC 3339 time", "!!str", "!!timestamp") {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339, n.Value)
	if err != nil {
		p.errorf(n.Line, path, "%q is not an RFC 3339 time such as \"2024-01-01T00:05:00Z\"", clip(n.Value))
		return time.Time{}, false
	}
	if y := t.UTC().Year(); y < 0 || y > 9999 {
		p.errorf(n.Line, path, "%q is out of range: the year in UTC must be 0000-9999", n.Value)
		return time.Time{}, false
	}
	return t, true
}

package fake

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/icefake/icefake/openapi"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/icefake/icefake/scenarios"
)

// Template is an ICE editing template as icefake knows it: seeded by a
// scenario file (templates) or Server.AddTemplate, shared by every tenant
// (like the public IceSys_* templates). Templates a tenant adds through the
// AddTemplate Action are its own (templates_api.go).
type Template struct {
	TemplateId string // required
	// Type is "Timeline" (a regular template; the default) or "VETemplate"
	// (an advanced template).
	Type string
	Name string
	// Config is the template's JSON. For a Timeline template it is a
	// Timeline with $Name placeholders and Sys_Type array blocks, which
	// ClipsParam fills in (see resolveTemplate); a VETemplate's Config is
	// opaque to icefake.
	Config string
}

// Template types.
const (
	TemplateTypeTimeline   = "Timeline"
	TemplateTypeVETemplate = "VETemplate"
)

func (t *Template) check() error {
	if t.TemplateId == "" {
		return errors.New("icefake: template: TemplateId is required")
	}
	switch t.Type {
	case "":
		t.Type = TemplateTypeTimeline
	case TemplateTypeTimeline, TemplateTypeVETemplate:
	default:
		return fmt.Errorf("icefake: template %s: unknown Type %q (Timeline or VETemplate)", t.TemplateId, t.Type)
	}
	if t.Type == TemplateTypeTimeline {
		v, err := parseOrdered(t.Config)
		if err != nil {
			return fmt.Errorf("icefake: template %s: Config is not JSON: %v", t.TemplateId, err)
		}
		if v.kind != 'o' {
			return fmt.Errorf("icefake: template %s: a Timeline template's Config must be a JSON object", t.TemplateId)
		}
	}
	return nil
}

// AddTemplate seeds templates (shared by every tenant) that
// CreateEditingProject and SubmitMediaProducingJob can name by TemplateId.
// A later template with the same TemplateId replaces the earlier one. It
// errors, adding none, for a template without TemplateId, of an unknown
// Type, or a Timeline template whose Config is not a JSON object.
func (s *Server) AddTemplate(t ...Template) error {
	t = slices.Clone(t)
	for i := range t {
		if err := t[i].check(); err != nil {
			return err
		}
	}
	s.store.addTemplates(t...)
	return nil
}

// addTemplates stores checked templates.
func (st *store) addTemplates(t ...Template) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.templates == nil {
		st.templates = map[string]Template{}
	}
	for _, tt := range t {
		st.templates[tt.TemplateId] = tt
	}
}

// scenarioTemplates converts and checks a scenario's templates.
func scenarioTemplates(sc *scenarios.Scenario) ([]Template, error) {
	out := make([]Template, 0, len(sc.Templates))
	for i, st := range sc.Templates {
		t := Template{TemplateId: st.TemplateId, Type: st.Type, Name: st.Name, Config: st.Config}
		if err := t.check(); err != nil {
			return nil, fmt.Errorf("%s: templates[%d]: %w", sc.Name, i, err)
		}
		out = append(out, t)
	}
	return out, nil
}

// template returns the seeded template id.
func (st *store) template(id string) (Template, bool) {
	st.mu.RLock()
	defer st.mu.RUnlock()
	t, ok := st.templates[id]
	return t, ok
}

// resolveTemplate returns the Timeline and the template type a TemplateId
// with its ClipsParam stand for. It is shared by CreateEditingProject,
// UpdateEditingProject and SubmitMediaProducingJob.
//
//   - Unknown TemplateId → 404 ResourceNotFound naming it (icefake's choice;
//     the real code is UNCONFIRMED, ICE API reference: error codes).
//   - A VETemplate yields no Timeline ("", "VETemplate"): advanced templates
//     are rendered from their own Config, which icefake does not interpret.
//   - A Timeline template yields its Config with the ClipsParam values
//     substituted, as the regular-template guide describes (sources:
//     https://help.aliyun.com/en/ims/user-guide/common-template-config-details-1
//     and …/common-common-template-config-example):
//   - a string value "$Name" is replaced by ClipsParam's Name, of any
//     JSON type; "$Name:default" falls back to default (a JSON object
//     or array, a number, true/false or text) and "$Name:NULL" drops the field when Name is
//     absent; a placeholder without value or default is 400
//     InvalidParameter naming ClipsParam;
//   - an array element {"Sys_Type":"ArrayItems","Sys_ArrayObject":"$X",
//     "Sys_Template":{…}} expands in place into one Sys_Template copy per
//     element of ClipsParam's array X, and an object
//     {"Sys_Type":"Array",…} becomes that array. Inside the copy, an
//     object element's members fill the placeholders; a scalar element
//     (a MediaId or an OSS URL, as the public templates take them) fills
//     every placeholder that has no default. Other placeholders fall back
//     to the top-level ClipsParam, then to their defaults;
//   - a substituted MediaId that is a URL (contains "://") is written as
//     MediaURL; a numeric string substituted into a numeric Timeline
//     field (In, Out, TimelineIn, Width, …) becomes a number
//     ("TimelineIn":"5" → 5), as the guide's example shows.
//     The result must be a valid Timeline (400 InvalidParameter naming
//     ClipsParam and the path otherwise); it is returned compact, keys in
//     the template's order.
func (s *Server) resolveTemplate(tenant, templateID, clipsParam string) (timeline, templateType string, err error) {
	t, ok := s.store.templateFor(tenant, templateID)
	if !ok {
		e := NewError(CodeResourceNotFound)
		e.Message += fmt.Sprintf(": the template %q does not exist.", templateID)
		e.Explain = "no template " + templateID + " (seed one with a scenario's templates or Server.AddTemplate)"
		return "", "", e
	}
	if t.Type == TemplateTypeVETemplate {
		return "", TemplateTypeVETemplate, nil
	}
	tl, err := expandTemplate(t.Config, clipsParam)
	if err != nil {
		return "", "", invalidParameter("ClipsParam", "Template %s: %v.", templateID, err)
	}
	return tl, TemplateTypeTimeline, nil
}

// CodeResourceNotFound is 404 ResourceNotFound (ICE API reference: error codes): unknown
// templates, media and media-producing jobs.
const CodeResourceNotFound Code = "ResourceNotFound"

// expandTemplate substitutes clipsParam into config (see resolveTemplate).
func expandTemplate(config, clipsParam string) (string, error) {
	cfg, err := parseOrdered(config)
	if err != nil {
		return "", fmt.Errorf("the template Config is not JSON: %v", err)
	}
	params := map[string]*jval{}
	if strings.TrimSpace(clipsParam) != "" {
		p, err := parseOrdered(clipsParam)
		if err != nil || p.kind != 'o' {
			return "", errors.New("the ClipsParam value must be a JSON object")
		}
		for _, m := range p.obj {
			params[m.key] = m.val
		}
	}
	x := &expander{scopes: []scope{{params: params}}}
	out, drop, err := x.expand(cfg, "$")
	if err != nil {
		return "", err
	}
	if drop || out.kind != 'o' {
		return "", errors.New("the template Config does not yield a Timeline object")
	}
	var buf bytes.Buffer
	out.write(&buf)
	if err := checkTimeline(buf.Bytes()); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// checkTimeline validates a produced Timeline against the spec's schema.
func checkTimeline(text []byte) error {
	if err := timelineLimitsError(text); err != nil {
		return err
	}
	var v any
	if err := json.Unmarshal(text, &v); err != nil {
		return err
	}
	ref := iceSpec().Doc.Components.Schemas["Timeline"]
	err := ref.Value.VisitJSON(v)
	if err == nil {
		return nil
	}
	var se *openapi3.SchemaError
	if errors.As(err, &se) {
		return fmt.Errorf("the produced Timeline is not valid: %s: %s", openapi.JSONPath(se.JSONPointer()), se.Reason)
	}
	return fmt.Errorf("the produced Timeline is not valid: %v", err)
}

// scope binds placeholders: an array element's object members, or a
// scalar element (for placeholders without a default), over the outer
// scopes.
type scope struct {
	params map[string]*jval
	scalar *jval
}

type expander struct {
	scopes []scope
	items  int // array items produced so far, bounded by maxTemplateItems
}

// maxTemplateItems bounds how many array items a template expansion may
// produce in all (nested Sys_Type blocks multiply), so a small ClipsParam
// cannot make a huge Timeline. The service's own limits (100 tracks of each
// kind, API reference: SubmitMediaProducingJob) are far below it.
const maxTemplateItems = 100000

var placeholder = regexp.MustCompile(`^\$([A-Za-z_][A-Za-z0-9_]*)(?::(.*))?$`)

// numericKeys are Timeline fields whose substituted numeric strings become
// numbers.
var numericKeys = map[string]bool{
	"In": true, "Out": true, "MaxOut": true, "Duration": true, "TimelineIn": true, "TimelineOut": true,
	"Speed": true, "Opacity": true, "X": true, "Y": true, "Width": true, "Height": true,
	"DyncFrames": true, "Gain": true, "Radius": true, "FontSize": true,
}

// lookup resolves placeholder name (hasDefault: the placeholder has one).
func (x *expander) lookup(name string, hasDefault bool) (*jval, bool) {
	for i := len(x.scopes) - 1; i >= 0; i-- {
		sc := x.scopes[i]
		if v, ok := sc.params[name]; ok {
			return v, true
		}
		if sc.scalar != nil && !hasDefault {
			return sc.scalar, true
		}
	}
	return nil, false
}

// expand returns v with placeholders substituted; drop is true when v is a
// placeholder whose default is NULL and that has no value.
func (x *expander) expand(v *jval, path string) (out *jval, drop bool, err error) {
	switch v.kind {
	case 's':
		m := placeholder.FindStringSubmatch(v.str)
		if m == nil {
			return v, false, nil
		}
		name, def := m[1], m[2]
		hasDefault := strings.Contains(v.str, ":")
		if val, ok := x.lookup(name, hasDefault); ok {
			return val, false, nil
		}
		switch {
		case !hasDefault:
			return nil, false, fmt.Errorf("%s: ClipsParam has no value for the placeholder $%s", path, name)
		case def == "NULL":
			return nil, true, nil
		}
		return literal(def), false, nil
	case 'a':
		res := &jval{kind: 'a'}
		for i, el := range v.arr {
			p := path + "[" + strconv.Itoa(i) + "]"
			if el.kind == 'o' && el.member("Sys_Type") != nil && el.member("Sys_Type").str == "ArrayItems" {
				items, err := x.array(el, p)
				if err != nil {
					return nil, false, err
				}
				res.arr = append(res.arr, items...)
				continue
			}
			e, drop, err := x.expand(el, p)
			if err != nil {
				return nil, false, err
			}
			if !drop {
				res.arr = append(res.arr, e)
			}
		}
		return res, false, nil
	case 'o':
		if t := v.member("Sys_Type"); t != nil && t.str == "Array" {
			items, err := x.array(v, path)
			if err != nil {
				return nil, false, err
			}
			return &jval{kind: 'a', arr: items}, false, nil
		}
		res := &jval{kind: 'o'}
		for _, m := range v.obj {
			e, drop, err := x.expand(m.val, path+"."+m.key)
			if err != nil {
				return nil, false, err
			}
			if drop {
				continue
			}
			key := m.key
			if e != m.val { // substituted
				if key == "MediaId" && e.kind == 's' && strings.Contains(e.str, "://") {
					key = "MediaURL"
				}
				if numericKeys[key] && e.kind == 's' {
					if f, err := strconv.ParseFloat(strings.TrimSpace(e.str), 64); err == nil {
						e = &jval{kind: 'n', raw: strconv.FormatFloat(f, 'f', -1, 64)}
					}
				}
			}
			res.obj = append(res.obj, jmember{key: key, val: e})
		}
		return res, false, nil
	}
	return v, false, nil
}

// array expands a Sys_Type block into its items.
func (x *expander) array(block *jval, path string) ([]*jval, error) {
	name := block.member("Sys_ArrayObject")
	tmpl := block.member("Sys_Template")
	if name == nil || name.kind != 's' || tmpl == nil {
		return nil, fmt.Errorf("%s: a Sys_Type block needs Sys_ArrayObject (\"$Name\") and Sys_Template", path)
	}
	m := placeholder.FindStringSubmatch(name.str)
	if m == nil {
		return nil, fmt.Errorf("%s.Sys_ArrayObject: %q is not a $Name placeholder", path, name.str)
	}
	arr, ok := x.lookup(m[1], true)
	if !ok {
		return nil, fmt.Errorf("%s: ClipsParam has no array %s", path, m[1])
	}
	if arr.kind != 'a' {
		return nil, fmt.Errorf("%s: ClipsParam's %s must be an array", path, m[1])
	}
	out := make([]*jval, 0, len(arr.arr))
	for i, el := range arr.arr {
		sc := scope{}
		if el.kind == 'o' {
			sc.params = map[string]*jval{}
			for _, mm := range el.obj {
				sc.params[mm.key] = mm.val
			}
		} else {
			sc.scalar = el
		}
		if x.items++; x.items > maxTemplateItems {
			return nil, fmt.Errorf("%s: the template expands to more than %d array items", path, maxTemplateItems)
		}
		x.scopes = append(x.scopes, sc)
		item, drop, err := x.expand(tmpl, fmt.Sprintf("%s{%s[%d]}", path, m[1], i))
		x.scopes = x.scopes[:len(x.scopes)-1]
		if err != nil {
			return nil, err
		}
		if !drop {
			out = append(out, item)
		}
	}
	return out, nil
}

// literal is a placeholder default as a JSON value: a JSON object or array
// (text starting with { or [ that parses), a number, true/false, or text.
func literal(def string) *jval {
	if strings.HasPrefix(def, "{") || strings.HasPrefix(def, "[") {
		if v, err := parseOrdered(def); err == nil {
			return v
		}
	}
	if def == "true" || def == "false" {
		return &jval{kind: 'b', raw: def}
	}
	if f, err := strconv.ParseFloat(def, 64); err == nil {
		return &jval{kind: 'n', raw: strconv.FormatFloat(f, 'f', -1, 64)}
	}
	return &jval{kind: 's', str: def}
}

// jval is a JSON value that keeps object member order, so a produced
// Timeline keeps the template's key order.
type jval struct {
	kind byte // 'o' object, 'a' array, 's' string, 'n' number, 'b' bool, 'z' null
	obj  []jmember
	arr  []*jval
	str  string
	raw  string // number or bool literal
}

type jmember struct {
	key string
	val *jval
}

func (v *jval) member(key string) *jval {
	for _, m := range v.obj {
		if m.key == key {
			return m.val
		}
	}
	return nil
}

// maxJSONDepth bounds the nesting parseOrdered accepts, as encoding/json's
// Unmarshal bounds its own (10000): deeper text is "not JSON", so a hostile
// template Config cannot grow the recursive decoder's stack (and every walk
// over the result) past Go's limit and kill the process.
const maxJSONDepth = 10000

// parseOrdered decodes one JSON value of at most maxJSONDepth nested arrays
// and objects.
func parseOrdered(text string) (*jval, error) {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	v, err := decodeValue(dec, 0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("unexpected data after the JSON value")
	}
	return v, nil
}

func decodeValue(dec *json.Decoder, depth int) (*jval, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if depth >= maxJSONDepth {
			return nil, fmt.Errorf("exceeded max depth %d", maxJSONDepth)
		}
		switch t {
		case '{':
			v := &jval{kind: 'o'}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				key, _ := kt.(string)
				val, err := decodeValue(dec, depth+1)
				if err != nil {
					return nil, err
				}
				v.obj = append(v.obj, jmember{key: key, val: val})
			}
			_, err := dec.Token() // '}'
			return v, err
		case '[':
			v := &jval{kind: 'a'}
			for dec.More() {
				el, err := decodeValue(dec, depth+1)
				if err != nil {
					return nil, err
				}
				v.arr = append(v.arr, el)
			}
			_, err := dec.Token() // ']'
			return v, err
		}
		return nil, fmt.Errorf("unexpected %v", t)
	case string:
		return &jval{kind: 's', str: t}, nil
	case json.Number:
		return &jval{kind: 'n', raw: t.String()}, nil
	case bool:
		return &jval{kind: 'b', raw: strconv.FormatBool(t)}, nil
	case nil:
		return &jval{kind: 'z'}, nil
	}
	return nil, fmt.Errorf("unexpected token %v", tok)
}

// write encodes v compactly.
func (v *jval) write(b *bytes.Buffer) {
	switch v.kind {
	case 'o':
		b.WriteByte('{')
		for i, m := range v.obj {
			if i > 0 {
				b.WriteByte(',')
			}
			writeString(b, m.key)
			b.WriteByte(':')
			m.val.write(b)
		}
		b.WriteByte('}')
	case 'a':
		b.WriteByte('[')
		for i, el := range v.arr {
			if i > 0 {
				b.WriteByte(',')
			}
			el.write(b)
		}
		b.WriteByte(']')
	case 's':
		writeString(b, v.str)
	case 'n', 'b':
		b.WriteString(v.raw)
	default:
		b.WriteString("null")
	}
}

func writeString(b *bytes.Buffer, s string) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	b.Truncate(b.Len() - 1) // Encode's newline
}

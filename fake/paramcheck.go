package fake

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/icefake/icefake/openapi"
)

// ParamProblem is what the server's request validation finds wrong with one
// JSON-carrying parameter value (Timeline, ClipsParam, OutputMediaConfig, …).
type ParamProblem struct {
	// Syntax is true for text that is not one JSON value; Line and Column
	// (1-based) then point at the offending byte.
	Syntax       bool
	Line, Column int
	// Path is the JSON path of a schema problem, e.g.
	// $.VideoTracks[0].VideoTrackClips[0].In; "$" for the whole value.
	Path string
	// Reason is the sentence the server's 400 InvalidParameter Message
	// carries after "The specified parameter "X" is not valid."
	Reason string
	// Err is exactly what the server answers with.
	Err *APIError
}

// JSONSyntax checks that text is exactly one JSON value, as request
// validation checks JSON-carrying parameters before their schema; nil when
// it is.
func JSONSyntax(text string) *ParamProblem {
	dec := json.NewDecoder(strings.NewReader(text))
	var v any
	err := dec.Decode(&v)
	if err == nil {
		off := int(dec.InputOffset())
		if _, extra := dec.Token(); extra != io.EOF {
			line, col := lineCol(text, off+1+len(text[off:])-len(strings.TrimLeft(text[off:], " \t\r\n")))
			return &ParamProblem{Syntax: true, Line: line, Column: col,
				Reason: fmt.Sprintf("Not a single JSON value: unexpected data after the first value at line %d, column %d.", line, col)}
		}
		return nil
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line, col := lineCol(text, int(se.Offset))
		return &ParamProblem{Syntax: true, Line: line, Column: col,
			Reason: fmt.Sprintf("Malformed JSON at line %d, column %d: %s.", line, col, se.Error())}
	}
	line, col := lineCol(text, len(text)+1)
	return &ParamProblem{Syntax: true, Line: line, Column: col, Reason: fmt.Sprintf("Malformed JSON: %s.", err.Error())}
}

// schemaProblem is the path and reason of a schema failure: the schema's own
// x-icefake-reason explains range and pattern failures; a value of the wrong
// type keeps kin-openapi's "must be a …".
func schemaProblem(se *openapi3.SchemaError) *ParamProblem {
	reason := se.Reason
	if r, ok := se.Schema.Extensions["x-icefake-reason"].(string); ok && se.SchemaField != "type" {
		reason = r
	}
	if ptr := se.JSONPointer(); len(ptr) > 0 {
		path := openapi.JSONPath(ptr)
		return &ParamProblem{Path: path, Reason: fmt.Sprintf("%s: %s.", path, reason)}
	}
	return &ParamProblem{Path: "$", Reason: upperFirst(reason) + "."}
}

// CheckJSONParameter checks text as the value of action's JSON-carrying
// parameter param exactly as the server's request validation does — JSON
// syntax first, then the parameter's schema in the spec (the first
// problem only, as the server reports it) — and returns nil when the server
// would accept it. Empty text is absent, as on the wire. An action or
// parameter the spec lacks, or one that does not carry JSON, is an error.
func CheckJSONParameter(action, param, text string) (*ParamProblem, error) {
	p, err := specParameter(action, param)
	if err != nil {
		return nil, err
	}
	if p.Content.Get("application/json") == nil {
		return nil, fmt.Errorf("icefake: %s has no JSON parameter %q", action, param)
	}
	return CheckParameter(action, param, text)
}

// CheckParameter checks value as action's parameter param as the server's
// request validation does: JSON syntax for a JSON-carrying parameter, then
// its type, enum, pattern or schema in the spec. It returns nil when the
// server would accept the value; "" is absent (a required parameter's
// absence is the caller's to report). An action or parameter the spec
// lacks is an error.
func CheckParameter(action, param, value string) (*ParamProblem, error) {
	p, err := specParameter(action, param)
	if err != nil {
		return nil, err
	}
	if value == "" {
		return nil, nil
	}
	if !utf8.ValidString(value) {
		return &ParamProblem{Path: "$", Reason: "The value is not valid UTF-8.", Err: invalidParameter(param, "The value is not valid UTF-8.")}, nil
	}
	if p.Content.Get("application/json") != nil {
		if sp := JSONSyntax(value); sp != nil {
			sp.Err = invalidParameter(param, "%s", sp.Reason)
			return sp, nil
		}
	}
	r, _ := http.NewRequest(http.MethodPost, "/", nil)
	in := &openapi3filter.RequestValidationInput{Request: r, QueryParams: url.Values{param: {value}}, Route: routeFor(action).kin, Options: validationOptions}
	err = openapi3filter.ValidateParameter(context.Background(), in, p)
	if err == nil {
		return nil, nil
	}
	var ae *APIError
	if !errors.As(mapValidationError(err), &ae) {
		return nil, err
	}
	out := &ParamProblem{Path: "$", Reason: strings.TrimSpace(strings.TrimPrefix(ae.Message, NewError(CodeInvalidParameter, param).Message)), Err: ae}
	var se *openapi3.SchemaError
	if errors.As(err, &se) {
		sp := schemaProblem(se)
		out.Path, out.Reason = sp.Path, sp.Reason
	}
	return out, nil
}

// specParameter returns action's parameter param from the spec.
func specParameter(action, param string) (*openapi3.Parameter, error) {
	rt := routeFor(action)
	if rt == nil {
		return nil, fmt.Errorf("icefake: no Action %q in the spec", action)
	}
	for _, ref := range rt.op.Parameters {
		if ref.Value.Name == param {
			return ref.Value, nil
		}
	}
	return nil, fmt.Errorf("icefake: %s has no parameter %q", action, param)
}

// IsCommonParameter reports whether name is one of the POP protocol's
// common parameters (Action, Version, AccessKeyId, Signature, …), which
// every Action takes and no operation lists.
func IsCommonParameter(name string) bool { return commonParams[name] }

// ExpandTemplate fills a Timeline template's Config with clipsParam as
// CreateEditingProject, UpdateEditingProject and SubmitMediaProducingJob do
// (the rules are on Server.AddTemplate's templates; see docs/recipes.md)
// and returns the Timeline, compact. Its error is the reason the server's
// 400 InvalidParameter naming ClipsParam gives.
func ExpandTemplate(config, clipsParam string) (string, error) {
	return expandTemplate(config, clipsParam)
}

// CheckOutputConfig checks SubmitMediaProducingJob's OutputMediaConfig text
// for OutputMediaTarget target ("" is oss-object) as the server does: syntax
// and schema (CheckJSONParameter), then the rules the schema cannot state
// (MediaURL for oss-object, StorageLocation and FileName for vod-media, the
// shorter side at most 2160 px). nil when the server would accept it.
func CheckOutputConfig(target, text string) (*ParamProblem, error) {
	if p, err := CheckJSONParameter("SubmitMediaProducingJob", "OutputMediaConfig", text); p != nil || err != nil {
		return p, err
	}
	switch target {
	case "":
		target = "oss-object"
	case "oss-object", "vod-media":
	default:
		return nil, fmt.Errorf("icefake: OutputMediaTarget %q: want oss-object or vod-media", target)
	}
	var omc outputMediaConfig
	_ = json.Unmarshal([]byte(text), &omc) // schema-valid
	var ae *APIError
	if !errors.As(checkOutput(target, omc), &ae) {
		return nil, nil
	}
	reason := strings.TrimSpace(strings.TrimPrefix(ae.Message, NewError(CodeInvalidParameter, "OutputMediaConfig").Message))
	path, _, _ := strings.Cut(reason, ":")
	path, _, _ = strings.Cut(path, ",")
	return &ParamProblem{Path: path, Reason: reason, Err: ae}, nil
}

// Package openapi holds icefake's one machine-readable description of the
// Alibaba Cloud ICE (Intelligent Media Services, API 2020-11-09) operations it
// serves, and loads it.
//
// The document (ice.yaml, embedded) is the single source of truth for:
//   - every supported Action, described at a virtual path /{Action} whose
//     operationId is the Action (the wire path is always "/");
//   - every request parameter with its type, enum and required flag, and the
//     JSON-carrying string parameters (Timeline, ClipsParam, MaterialMaps,
//     BusinessConfig) as content: application/json with their own schemas;
//   - exact response wire types as the official Go SDK v2.1.0 decodes them;
//   - the POP error envelope and the error-code catalogue (x-icefake-errors),
//     with each operation's possible codes (x-icefake-error-codes).
//
// Facts come from Alibaba Cloud's public ICE API reference and SDK models;
// where they are silent, docs/fidelity.md records the choice made.
//
// The document is parsed and validated once per process (Load caches it).
package openapi

import (
	"context"
	_ "embed"
	"fmt"
	"sort"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
)

//go:embed ice.yaml
var document []byte

// APIVersion is the ICE API version every Action of the document belongs to.
const APIVersion = "2020-11-09"

// Bytes returns a copy of the embedded OpenAPI 3 document (YAML).
func Bytes() []byte { return append([]byte(nil), document...) }

// ErrorCode is one entry of the error-code catalogue: the vendor's Code, the
// HTTP status it is answered with, and its default Message. A Message may
// contain one %s verb for the parameter or resource it names.
type ErrorCode struct {
	Code    string
	Status  int
	Message string
	// Job marks codes that only appear inside a failed media-producing job
	// (GetMediaProducingJob Code/Message), never as an HTTP error.
	Job bool
}

// Spec is the loaded document plus the indexes icefake needs from it.
type Spec struct {
	// Doc is the parsed and validated document. Treat it as read-only.
	Doc *openapi3.T
	// Operations maps Action (operationId) to its operation.
	Operations map[string]*openapi3.Operation
	// Errors is the error-code catalogue keyed by Code.
	Errors map[string]ErrorCode
	// ActionErrors maps Action to the codes it can return.
	ActionErrors map[string][]string
}

var load = sync.OnceValues(func() (*Spec, error) { return parse(document) })

// Load parses and validates the embedded document once per process and
// returns the shared, read-only result. It errors only if the embedded
// document is broken, which the package tests rule out.
func Load() (*Spec, error) { return load() }

// MustLoad is Load for package initialisation and tests: it panics on error.
func MustLoad() *Spec {
	s, err := Load()
	if err != nil {
		panic(err)
	}
	return s
}

func parse(data []byte) (*Spec, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("openapi: parse ice.yaml: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("openapi: validate ice.yaml: %w", err)
	}
	s := &Spec{
		Doc:          doc,
		Operations:   map[string]*openapi3.Operation{},
		Errors:       map[string]ErrorCode{},
		ActionErrors: map[string][]string{},
	}
	if err := s.readCatalogue(); err != nil {
		return nil, err
	}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if method != "POST" {
				return nil, fmt.Errorf("openapi: %s: only POST is used for virtual Action paths, got %s", path, method)
			}
			if "/"+op.OperationID != path {
				return nil, fmt.Errorf("openapi: %s: operationId %q must equal the path's Action", path, op.OperationID)
			}
			if v, ok := op.Extensions[AuthExtension]; ok && v != AuthAnonymous {
				return nil, fmt.Errorf("openapi: %s: %s must be %q, got %v", path, AuthExtension, AuthAnonymous, v)
			}
			s.Operations[op.OperationID] = op
			codes, err := stringList(op.Extensions["x-icefake-error-codes"])
			if err != nil {
				return nil, fmt.Errorf("openapi: %s: x-icefake-error-codes: %w", path, err)
			}
			for _, c := range codes {
				if _, ok := s.Errors[c]; !ok {
					return nil, fmt.Errorf("openapi: %s: error code %q is not in x-icefake-errors", path, c)
				}
			}
			s.ActionErrors[op.OperationID] = codes
		}
	}
	return s, nil
}

func (s *Spec) readCatalogue() error {
	raw, ok := s.Doc.Extensions["x-icefake-errors"].(map[string]any)
	if !ok {
		return fmt.Errorf("openapi: x-icefake-errors missing or not a map")
	}
	for code, v := range raw {
		m, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("openapi: x-icefake-errors.%s: not a map", code)
		}
		status, _ := m["status"].(float64)
		msg, _ := m["message"].(string)
		job, _ := m["job"].(bool)
		if status < 400 || status > 599 || msg == "" {
			return fmt.Errorf("openapi: x-icefake-errors.%s: needs status 400-599 and a message", code)
		}
		s.Errors[code] = ErrorCode{Code: code, Status: int(status), Message: msg, Job: job}
	}
	return nil
}

// Actions returns every Action of the document, sorted.
func (s *Spec) Actions() []string {
	out := make([]string, 0, len(s.Operations))
	for a := range s.Operations {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}

// Codes returns every code of the catalogue, sorted.
func (s *Spec) Codes() []string {
	out := make([]string, 0, len(s.Errors))
	for c := range s.Errors {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

func stringList(v any) ([]string, error) {
	if v == nil {
		return nil, nil
	}
	items, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("not a list")
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		s, ok := it.(string)
		if !ok {
			return nil, fmt.Errorf("item %v is not a string", it)
		}
		out = append(out, s)
	}
	return out, nil
}

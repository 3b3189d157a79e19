package openapi

import (
	"regexp"
	"sort"

	"github.com/getkin/kin-openapi/openapi3"
)

// The merged spec: ice.yaml (hand-written: JSON-in-string schemas, error
// catalogues, exact wire types) is the authority for every Action it
// describes; every other Action of generated.yaml (the newest SDK's model)
// is known with its generated description. An Action in neither does not
// exist (404 InvalidAction.NotFound).

// KnownActions returns every Action of the merged spec (ice.yaml's and
// generated.yaml's), sorted.
func (s *Spec) KnownActions() []string {
	seen := make(map[string]bool, len(s.Operations))
	out := make([]string, 0, len(generated().actions)+len(s.Operations))
	for a := range s.Operations {
		seen[a] = true
		out = append(out, a)
	}
	for _, a := range generated().actions {
		if !seen[a] {
			out = append(out, a)
		}
	}
	sort.Strings(out)
	return out
}

// Known reports whether the merged spec has action.
func (s *Spec) Known(action string) bool {
	if s.Operations[action] != nil {
		return true
	}
	_, ok := generated().blocks[action]
	return ok
}

// MergedOperation returns action's operation in the merged spec and the
// document holding it at /{Action}: ice.yaml's when it describes action,
// else generated.yaml's (compiled on first use). generated tells which.
// It errors for an unknown Action.
func (s *Spec) MergedOperation(action string) (doc *openapi3.T, op *openapi3.Operation, generated bool, err error) {
	if op := s.Operations[action]; op != nil {
		return s.Doc, op, false, nil
	}
	doc, op, err = GeneratedOperation(action)
	return doc, op, true, err
}

var anonymousRE = regexp.MustCompile(`(?m)^      ` + AuthExtension + `: ` + AuthAnonymous + `$`)

// AnonymousActions returns the Actions of the merged spec marked
// x-icefake-auth: anonymous (the SDK sends them unsigned), sorted: ice.yaml's
// mark for the Actions it describes, generated.yaml's for the others, read
// without compiling them.
func (s *Spec) AnonymousActions() []string {
	var out []string
	for a, op := range s.Operations {
		if Anonymous(op) {
			out = append(out, a)
		}
	}
	for _, a := range generated().actions {
		if s.Operations[a] == nil && anonymousRE.Match(generated().blocks[a]) {
			out = append(out, a)
		}
	}
	sort.Strings(out)
	return out
}

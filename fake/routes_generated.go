package fake

import (
	"fmt"
	"sync"

	"github.com/icefake/icefake/openapi"
)

// Routes of the Actions known only from openapi/generated.yaml (the newest
// SDK's model) are built on first use, one sync.Once per Action, so start-up
// compiles none of them (docs/architecture.md "Generated spec").

// lazyRoute is one generated Action's route, built once.
type lazyRoute struct {
	once sync.Once
	rt   *route
	err  error
}

var generatedRoutes sync.Map // Action → *lazyRoute

// lookupRoute returns the route of a known Action: ice.yaml's, built at
// start, or generated.yaml's, compiled on its first call. It returns nil,
// nil for an Action the merged spec does not have.
func lookupRoute(action string) (*route, error) {
	if rt := routeFor(action); rt != nil {
		return rt, nil
	}
	if !iceSpec().Known(action) {
		return nil, nil
	}
	v, _ := generatedRoutes.LoadOrStore(action, &lazyRoute{})
	l := v.(*lazyRoute)
	l.once.Do(func() { l.rt, l.err = buildGeneratedRoute(action) })
	return l.rt, l.err
}

func buildGeneratedRoute(action string) (*route, error) {
	doc, op, err := openapi.GeneratedOperation(action)
	if err != nil {
		return nil, fmt.Errorf("icefake: compile %s: %w", action, err)
	}
	return newRoute(action, doc, op), nil
}

// unknownActionHint ends the message for a name the merged spec lacks.
const unknownActionHint = "not an Action of the ICE SDK's model; docs/actions.md lists them"

// knownAction reports whether the merged spec has action (ice.yaml's
// Actions and every Action of generated.yaml), compiling nothing: faults,
// quotas and stubs may name any of them.
func knownAction(action string) bool {
	return routeFor(action) != nil || iceSpec().Known(action)
}

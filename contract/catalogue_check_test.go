package contract

import (
	"slices"
	"testing"

	"github.com/icefake/icefake/fake"
	"github.com/icefake/icefake/openapi"
)

// spec is the embedded document, for the error-code catalogue.
var spec = openapi.MustLoad()

// checkCatalogue fails the test when the embedded fake answered an Action
// with an error code its x-icefake-error-codes list lacks (scripted faults
// aside, which may use any catalogue code): the spec must declare every
// code a client can meet (docs/fidelity.md "Fidelity: catalogue gaps").
func checkCatalogue(t *testing.T, srv *fake.Server) {
	t.Helper()
	for _, c := range srv.Calls() {
		codes, known := spec.ActionErrors[c.Action]
		if c.Code == "" || c.Fault != "" || !known {
			continue
		}
		if !slices.Contains(codes, c.Code) {
			t.Errorf("%s answered %d %s, which its x-icefake-error-codes in openapi/ice.yaml lacks", c.Action, c.Status, c.Code)
		}
	}
}

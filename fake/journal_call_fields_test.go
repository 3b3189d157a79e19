package fake

import (
	"reflect"
	"testing"
)

// TestCallHasOnlyExportedFields: Call (Server.Calls) is compared whole in
// users' tests, go-cmp's cmp.Diff among them, which panics on a struct
// with an unexported field unless given an option. The journal's own
// bookkeeping (the lazily built Params) lives in heldCall instead.
func TestCallHasOnlyExportedFields(t *testing.T) {
	typ := reflect.TypeFor[Call]()
	for i := range typ.NumField() {
		if f := typ.Field(i); !f.IsExported() {
			t.Errorf("Call has the unexported field %s %s; keep journal bookkeeping out of Call", f.Name, f.Type)
		}
	}
}

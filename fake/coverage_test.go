package fake

import (
	"sort"
	"testing"
)

// unimplemented lists Actions the spec describes that have no handler yet;
// they answer 501 NotImplemented. Keep it empty unless on purpose.
var unimplemented = map[string]bool{}

func TestRegistryMatchesSpec(t *testing.T) {
	for action := range operations {
		if _, ok := iceSpec().Operations[action]; !ok {
			t.Errorf("registry has %s, the spec does not", action)
		}
	}
	for _, action := range iceSpec().Actions() {
		if operations[action] == nil && !unimplemented[action] {
			t.Errorf("spec has %s, the registry does not (and it is not listed as unimplemented)", action)
		}
	}
}

func TestSupportedActionsSorted(t *testing.T) {
	got := SupportedActions()
	if !sort.StringsAreSorted(got) || len(got) != len(operations) {
		t.Errorf("SupportedActions() = %v, want the %d registry Actions sorted", got, len(operations))
	}
}

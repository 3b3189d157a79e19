package fake

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestDocsListGatewayCodes: the "Error codes of the gateway" row of
// docs/fidelity.md's gateway table names
// each code the gateway steps of the pipeline answer, with its status.
func TestDocsListGatewayCodes(t *testing.T) {
	var row string
	for _, path := range []string{"../README.md", "../docs/fidelity.md"} {
		data, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		for _, l := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(l, "| Error codes of the gateway |") {
				row = l
			}
		}
	}
	if row == "" {
		t.Fatal(`no "| Error codes of the gateway |" row in README.md or docs/fidelity.md`)
	}
	for _, c := range []Code{CodeInvalidAPINotFound, CodeInvalidActionNotFound, CodeInvalidVersion, CodeMissingAction, CodeMissingVersion, CodeUnsupportedHTTPMethod, CodeThrottlingUser} {
		if want := fmt.Sprintf("`%s` %d", c, c.Status()); !strings.Contains(row, want) {
			t.Errorf("the gateway row lacks %q:\n%s", want, row)
		}
	}
}

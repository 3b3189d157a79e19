package fake

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestDocsListGatewayCodes: the gateway row of the fidelity table
// (docs/fidelity.md "| Gateway codes |") names each code the gateway steps
// of the pipeline answer, with its status ("`Code` 404", or shared as
// "`A`/`B` 400").
func TestDocsListGatewayCodes(t *testing.T) {
	data, err := os.ReadFile("../docs/fidelity.md")
	if err != nil {
		t.Fatal(err)
	}
	var row string
	for _, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, "| Gateway codes |") {
			row = l
		}
	}
	if row == "" {
		t.Fatal(`docs/fidelity.md has no "| Gateway codes |" row`)
	}
	for _, c := range []Code{CodeInvalidAPINotFound, CodeInvalidActionNotFound, CodeInvalidVersion, CodeMissingAction,
		CodeMissingVersion, CodeUnsupportedHTTPMethod, CodeThrottlingUser} {
		want := regexp.MustCompile(fmt.Sprintf("`%s`(?:/`[^`]+`)* %d\\b", regexp.QuoteMeta(string(c)), c.Status()))
		if !want.MatchString(row) {
			t.Errorf("the gateway row lacks %s with status %d:\n%s", c, c.Status(), row)
		}
	}
}

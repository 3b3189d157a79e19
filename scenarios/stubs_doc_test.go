package scenarios

import (
	"os"
	"strings"
	"testing"
)

// TestControlPlaneStubExample: the stubs example of docs/control-plane.md
// parses (with the version line it leaves out).
func TestControlPlaneStubExample(t *testing.T) {
	data, err := os.ReadFile("../docs/control-plane.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(data), "```yaml\nstubs:\n")
	if !ok {
		t.Fatal("docs/control-plane.md has no ```yaml block starting with stubs:")
	}
	block, _, _ := strings.Cut(rest, "```")
	sc, err := Parse("control-plane.md", []byte("version: 1\nstubs:\n"+block))
	if err != nil {
		t.Fatalf("the stubs example does not parse: %v", err)
	}
	if got := len(sc.Stubs); got != 1 || sc.Stubs[0].Action != "GetSnapshotJob" || sc.Stubs[0].Times != 2 {
		t.Errorf("Stubs = %+v, want the GetSnapshotJob stub answering 2 calls", sc.Stubs)
	}
}

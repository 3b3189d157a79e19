package contract

import (
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"testing"
)

// initLine is one line of GODEBUG=inittrace=1: a package initialiser's
// clock time, bytes and allocations.
var initLine = regexp.MustCompile(`(?m)^init (\S+) @\S+ ms, \S+ ms clock, (\d+) bytes, (\d+) allocs$`)

// TestStartupInitAllocs guards what go.mod's replace of
// github.com/santhosh-tekuri/jsonschema/v6 buys (third_party/jsonschema/
// PATCH.md): upstream's init compiles every draft's meta-schema before
// main, some 21,000 allocations and 1.7 MB at every start; the patched copy
// compiles them on first use. Read from the binary's own
// GODEBUG=inittrace=1 output of -version.
func TestStartupInitAllocs(t *testing.T) {
	cmd := exec.Command(icefakeBin, "-version")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("icefake -version: %v\n%s", err, out)
	}
	const pkg, maxAllocs = "github.com/santhosh-tekuri/jsonschema/v6", 1000
	found := false
	for _, m := range initLine.FindAllStringSubmatch(string(out), -1) {
		if m[1] != pkg {
			continue
		}
		found = true
		allocs, _ := strconv.Atoi(m[3])
		if allocs > maxAllocs {
			t.Errorf("init %s: %d allocs (%s bytes), want at most %d: are its meta-schemas compiled at init again?", pkg, allocs, m[2], maxAllocs)
		}
	}
	if !found {
		// Not linked any more (kin-openapi dropped it?): then the copy and
		// the replace are dead weight.
		t.Fatalf("no inittrace line for %s: if the binary no longer links it, drop third_party/jsonschema and go.mod's replace\n%s", pkg, out)
	}
}

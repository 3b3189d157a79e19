package main

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"testing"
)

func TestVersionLine(t *testing.T) {
	platform := runtime.Version() + ", " + runtime.GOOS + "/" + runtime.GOARCH
	vcs := func(rev, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	tests := []struct {
		name     string
		info     *debug.BuildInfo
		ver, rev string
		want     string
	}{
		{"no build info", nil, "", "", "icefake (devel) (rev unknown, " + platform + ")"},
		{"go run", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "", "", "icefake (devel) (rev unknown, " + platform + ")"},
		{"go install of a release", &debug.BuildInfo{Main: debug.Module{Version: "v0.3.1"}}, "", "", "icefake v0.3.1 (rev unknown, " + platform + ")"},
		{"VCS stamp", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261130173100-0123456789ab"}, Settings: vcs("0123456789abcdef0123456789abcdef01234567", "false")}, "", "",
			"icefake v0.0.0-20261130173100-0123456789ab (rev 0123456, " + platform + ")"},
		{"modified work tree", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("0123456789abcdef0123456789abcdef01234567", "true")}, "", "",
			"icefake (devel) (rev 0123456-dirty, " + platform + ")"},
		{"ldflags override both", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("0123456789abcdef0123456789abcdef01234567", "true")}, "v1.2.3", "fedcba9",
			"icefake v1.2.3 (rev fedcba9, " + platform + ")"},
		{"ldflags override version", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("0123456789abcdef0123456789abcdef01234567", "false")}, "v1.2.3", "",
			"icefake v1.2.3 (rev 0123456, " + platform + ")"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := versionLine(tt.info, tt.ver, tt.rev); got != tt.want {
				t.Errorf("versionLine = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRunVersion(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if err := run(t.Context(), []string{"-version", "-addr", "127.0.0.1:0"}, noEnv, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	if got, want := stdout.String(), currentVersion()+"\n"; got != want {
		t.Errorf("-version printed %q, want %q", got, want)
	}
	if stderr.Len() != 0 {
		t.Errorf("stderr = %q, want empty", stderr.String())
	}
}

// TestVersionLdflags builds the binary with the -ldflags the Makefile
// passes and checks what -version prints.
func TestVersionLdflags(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "icefake")
	build := exec.Command("go", "build", "-ldflags", "-X main.version=v9.8.7-test -X main.revision=abc1234", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "-version").Output()
	if err != nil {
		t.Fatalf("%s -version: %v", bin, err)
	}
	want := regexp.MustCompile(`^icefake v9\.8\.7-test \(rev abc1234, go1\.\d+[^,]*, ` + runtime.GOOS + "/" + runtime.GOARCH + `\)\n$`)
	if !want.Match(out) {
		t.Errorf("-version = %q, want it to match %s", out, want)
	}
}

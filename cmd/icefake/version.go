package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// version and revision override the module version and VCS revision that
// -version prints, which otherwise come from the build information the go
// command embeds (absent under -buildvcs=false or in a git worktree). The
// Makefile sets both from git: -ldflags "-X main.version=v1.2.3
// -X main.revision=0123abc" (make dist VERSION=v1.2.3).
var version, revision string

// versionLine is what icefake -version prints:
//
//	icefake v0.1.0 (rev 0123abc, go1.26.1, linux/amd64)
//
// The version is ver when set, else the main module's version from info
// ("(devel)" under go run and go test); the revision is rev when set, else
// the first 7 characters of info's VCS revision with "-dirty" added for a
// modified work tree, else "unknown". info may be nil.
func versionLine(info *debug.BuildInfo, ver, rev string) string {
	v, r, modified := "(devel)", "unknown", false
	if info != nil {
		if info.Main.Version != "" {
			v = info.Main.Version
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				r = s.Value
				if len(r) > 7 {
					r = r[:7]
				}
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if modified && r != "unknown" {
		r += "-dirty"
	}
	if ver != "" {
		v = ver
	}
	if rev != "" {
		r = rev
	}
	return fmt.Sprintf("icefake %s (rev %s, %s, %s/%s)", v, r, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// currentVersion is versionLine for this binary.
func currentVersion() string {
	info, _ := debug.ReadBuildInfo()
	return versionLine(info, version, revision)
}

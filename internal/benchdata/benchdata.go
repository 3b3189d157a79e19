// Package benchdata holds what icefake's scale benchmarks share and cannot
// import from one another (package fake's own tests cannot import
// internal/loadtest, which imports fake): realistic project Titles and the
// ICEFAKE_BENCH_PROJECTS knob (docs/architecture.md "Performance").
package benchdata

import (
	"fmt"
	"os"
	"strconv"
)

// ProjectsEnv names the environment variable that sets how many projects a
// scale benchmark creates, e.g. 1000000 for a report.
const ProjectsEnv = "ICEFAKE_BENCH_PROJECTS"

// Projects returns ICEFAKE_BENCH_PROJECTS as a count, def when it is unset,
// and an error when it is not a positive integer.
func Projects(def int) (int, error) {
	v := os.Getenv(ProjectsEnv)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("%s=%q: want a positive integer", ProjectsEnv, v)
	}
	return n, nil
}

// Title is a varied project Title for call n (18 to 46 bytes up to n of
// 9,999,999), as people name editing projects.
func Title(n uint64) string {
	what := [...]string{"Summer trip", "Product launch teaser", "Weekly vlog", "Wedding highlights", "Recipe: noodles", "Team offsite recap", "Tutorial part"}
	cut := [...]string{"rough cut", "final", "v2", "social 9x16", "director's cut"}
	return what[n%uint64(len(what))] + " " + strconv.FormatUint(n, 10) + " - " + cut[n/7%uint64(len(cut))]
}

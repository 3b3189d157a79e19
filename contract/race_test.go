//go:build race

package contract

// raceEnabled reports whether the test binary runs under the race detector;
// the icefake binary is then built with -race too.
const raceEnabled = true

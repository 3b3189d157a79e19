//go:build unix

package contract

import (
	"os"
	"syscall"
)

// minorFaults returns the minor page faults of the exited process ps over
// its whole life (getrusage ru_minflt), and whether the OS reported them.
func minorFaults(ps *os.ProcessState) (int64, bool) {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok || ru == nil {
		return 0, false
	}
	return int64(ru.Minflt), true
}

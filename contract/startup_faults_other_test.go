//go:build !unix

package contract

import "os"

// minorFaults reports no page faults where the OS has no getrusage.
func minorFaults(*os.ProcessState) (int64, bool) { return 0, false }

package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// clockTick is the unit of utime and stime in /proc/PID/stat: USER_HZ, 100
// on every Linux architecture Go supports (getconf CLK_TCK).
const clockTick = 10 * time.Millisecond

// procStat is what benchcompare reads of a server process.
type procStat struct {
	CPU    time.Duration // user plus system CPU time, all threads
	MinFlt int64         // minor page faults (a fresh page of memory touched)
}

// readProcStat reads process pid's /proc/PID/stat; it fails where there is
// no /proc (the server columns then read "-").
func readProcStat(pid int) (procStat, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return procStat{}, err
	}
	return parseProcStat(string(b))
}

// parseProcStat returns minflt (field 10) and utime+stime (fields 14 and
// 15, in clock ticks, as a duration) of a /proc/PID/stat line. Field 2, the
// command name in parentheses, may itself hold spaces and parentheses, so
// the fields are counted from the last ')'.
func parseProcStat(s string) (procStat, error) {
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return procStat{}, fmt.Errorf("proc stat: no ')' closing the command name")
	}
	f := strings.Fields(s[i+1:])
	// f[0] is field 3 (state), so field n is f[n-3].
	const minflt, utime, stime = 10 - 3, 14 - 3, 15 - 3
	if len(f) <= stime {
		return procStat{}, fmt.Errorf("proc stat: %d fields after the command name, want at least %d", len(f), stime+1)
	}
	var n [3]int64
	for k, j := range [3]int{minflt, utime, stime} {
		v, err := strconv.ParseInt(f[j], 10, 64)
		if err != nil || v < 0 {
			return procStat{}, fmt.Errorf("proc stat: field %d %q is not a count", j+3, f[j])
		}
		n[k] = v
	}
	return procStat{CPU: time.Duration(n[1]+n[2]) * clockTick, MinFlt: n[0]}, nil
}

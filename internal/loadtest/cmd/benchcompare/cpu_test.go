package main

import (
	"os"
	"testing"
	"time"

	"github.com/icefake/icefake/internal/loadtest"
)

func TestParseProcStat(t *testing.T) {
	tests := []struct {
		name    string
		line    string
		want    procStat
		wantErr bool
	}{
		{
			name: "plain command name",
			line: "4242 (icefake) S 1 4242 4242 0 -1 4194560 1783 0 0 0 250 37 0 0 20 0 7 0 12345 1261568000 4321 18446744073709551615 1 1 0 0 0 0 0 0 2143420159 0 0 0 17 1 0 0 0 0 0\n",
			want: procStat{CPU: 287 * 10 * time.Millisecond, MinFlt: 1783},
		},
		{
			name: "command name with spaces and parentheses",
			line: "7 (a) b (c)) R 1 7 7 0 -1 0 12 0 0 0 3 4 0 0 20 0 1 0 1 1 1 1",
			want: procStat{CPU: 7 * 10 * time.Millisecond, MinFlt: 12},
		},
		{
			name: "zero CPU",
			line: "1 (x) S 0 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 1 1 1",
			want: procStat{},
		},
		{name: "no closing parenthesis", line: "1 (x S 0 1 1 0 -1 0 0 0 0 0 1 2", wantErr: true},
		{name: "truncated before stime", line: "1 (x) S 0 1 1 0 -1 0 0 0 0 0 5", wantErr: true},
		{name: "utime not a number", line: "1 (x) S 0 1 1 0 -1 0 0 0 0 0 zz 2 0 0", wantErr: true},
		{name: "negative stime", line: "1 (x) S 0 1 1 0 -1 0 0 0 0 0 1 -2 0 0", wantErr: true},
		{name: "minflt not a number", line: "1 (x) S 0 1 1 0 -1 0 x 0 0 0 1 2 0 0", wantErr: true},
		{name: "empty", line: "", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseProcStat(tt.line)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("parseProcStat(%q) = %v, nil; want an error", tt.line, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseProcStat(%q): %v", tt.line, err)
			}
			if got != tt.want {
				t.Errorf("parseProcStat(%q) = %v, want %v", tt.line, got, tt.want)
			}
		})
	}
}

func TestReadProcStat(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc on this system")
	}
	// A running Go program has touched pages of memory.
	if got, err := readProcStat(os.Getpid()); err != nil || got.CPU < 0 || got.MinFlt <= 0 {
		t.Errorf("readProcStat(self) = %+v, %v; want CPU >= 0, MinFlt > 0, nil", got, err)
	}
	// PIDs are below /proc/sys/kernel/pid_max (at most 2^22): no such process.
	if got, err := readProcStat(1 << 30); err == nil {
		t.Errorf("readProcStat(no such pid) = %+v, nil; want an error", got)
	}
}

func TestCPUColumns(t *testing.T) {
	withCPU := func(requests int, cpu time.Duration, ok bool) *target {
		return &target{
			results: map[int]*loadtest.Result{4: {Requests: requests}},
			cpu:     map[int]time.Duration{4: cpu},
			cpuOK:   ok,
		}
	}
	tests := []struct {
		name      string
		t, bare   *target
		wantCells string
	}{
		{name: "both known", t: withCPU(1000, 130*time.Millisecond, true), bare: withCPU(2000, 130*time.Millisecond, true), wantCells: "130.0\t2.00\t"},
		{name: "external target", t: withCPU(1000, 0, false), bare: withCPU(2000, 130*time.Millisecond, true), wantCells: "-\t-\t"},
		{name: "no calls answered", t: withCPU(0, 5*time.Millisecond, true), bare: withCPU(2000, 130*time.Millisecond, true), wantCells: "-\t-\t"},
		{name: "bare unknown", t: withCPU(1000, 65*time.Millisecond, true), bare: withCPU(2000, 0, false), wantCells: "65.0\t-\t"},
		{name: "bare used no ticks", t: withCPU(1000, 65*time.Millisecond, true), bare: withCPU(2000, 0, true), wantCells: "65.0\t-\t"},
	}
	faults := withCPU(800, 0, true)
	faults.faults = map[int]int64{4: 300}
	if got, want := faultsColumn(faults, 4), "0.38\t"; got != want {
		t.Errorf("faultsColumn = %q, want %q", got, want)
	}
	if got, want := faultsColumn(withCPU(800, 0, false), 4), "-\t"; got != want {
		t.Errorf("faultsColumn unknown = %q, want %q", got, want)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cpuColumns(tt.t, tt.bare, 4); got != tt.wantCells {
				t.Errorf("cpuColumns = %q, want %q", got, tt.wantCells)
			}
		})
	}
}

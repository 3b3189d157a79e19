package fake

import (
	"fmt"
	"testing"
)

// TestJournalGrowsAsCallsCome: the ring starts small and doubles up to the
// journal size, keeping calls oldest first through growth and wrap-around.
func TestJournalGrowsAsCallsCome(t *testing.T) {
	j := newJournal(100, 1<<30)
	if got := len(j.ring); got != journalInitial {
		t.Fatalf("initial ring = %d, want %d", got, journalInitial)
	}
	add := func(from, to int) {
		for i := from; i < to; i++ {
			j.add(&heldCall{Call: Call{RequestId: fmt.Sprint(i)}})
		}
	}
	check := func(first, count, ringLen, dropped int) {
		t.Helper()
		calls := j.calls()
		if len(calls) != count || len(j.ring) != ringLen || j.dropped != dropped {
			t.Fatalf("calls = %d, ring = %d, dropped = %d; want %d, %d, %d", len(calls), len(j.ring), j.dropped, count, ringLen, dropped)
		}
		for i, c := range calls {
			if want := fmt.Sprint(first + i); c.RequestId != want {
				t.Fatalf("calls[%d] = %s, want %s (oldest first)", i, c.RequestId, want)
			}
		}
	}
	add(0, 16)
	check(0, 16, 16, 0)
	add(16, 40) // grows 16 → 32 → 64
	check(0, 40, 64, 0)
	add(40, 130) // grows to 100 (the size), then drops the oldest 30
	check(30, 100, 100, 30)
	add(130, 175) // wraps around the full ring
	check(75, 100, 100, 75)
}

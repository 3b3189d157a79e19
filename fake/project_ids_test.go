package fake

import (
	"encoding/binary"
	"testing"
)

// TestProjectIDIndex adds keys through several growths, including keys
// that differ only in their last bytes, and finds each, and no other.
func TestProjectIDIndex(t *testing.T) {
	var x projectIDIndex
	var order []*projectRec
	key := func(i int) projectKey {
		var k projectKey
		binary.BigEndian.PutUint32(k[12:], uint32(i)) // same prefix for all
		return k
	}
	if got := x.find(order, key(0)); got != nil {
		t.Fatalf("find in an empty index = %v, want nil", got)
	}
	const n = 5000
	for i := range n {
		order = append(order, &projectRec{id: key(i)})
		x.add(order, i)
	}
	for i := range n {
		if got := x.find(order, key(i)); got != order[i] {
			t.Fatalf("find(key %d) = %p, want %p", i, got, order[i])
		}
	}
	for _, i := range []int{n, n + 1, -1} {
		if got := x.find(order, key(i)); got != nil {
			t.Errorf("find(key %d, never added) = %v, want nil", i, got)
		}
	}
	if got, want := len(x.slots), 16384; got != want { // the first power of two ≥ 2n
		t.Errorf("slots = %d, want %d", got, want)
	}
	if allocs := testing.AllocsPerRun(100, func() { x.find(order, key(n/2)) }); allocs != 0 {
		t.Errorf("find allocates %v times, want 0", allocs)
	}
}

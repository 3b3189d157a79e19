package fake

import (
	"hash/maphash"
)

// projectIDIndex finds a tenant's project by its ProjectId (docs/
// architecture.md "Performance": memory per project). Projects are never
// removed one by one (deletion is soft; Reset drops the whole tenant), so
// an insert-only open-addressing table of positions in the tenant's
// creation order does: 4 bytes a slot at a load of at most 1/2, about 8-16
// bytes a project, where a map[projectKey]*projectRec costs about 24 bytes
// a slot at a load of 7/16..7/8 and is scanned by the GC. The store's lock
// guards it.
type projectIDIndex struct {
	seed maphash.Seed
	// slots hold positions + 1 (0 = empty), linear probing on the hash of
	// the key; nil before the first project, else a power of two long.
	slots []uint32
	n     int
}

func (x *projectIDIndex) home(k projectKey) uint64 {
	return maphash.Bytes(x.seed, k[:]) & uint64(len(x.slots)-1)
}

// find returns the project of order with key k, nil when there is none.
func (x *projectIDIndex) find(order []*projectRec, k projectKey) *projectRec {
	if len(x.slots) == 0 {
		return nil
	}
	mask := uint64(len(x.slots) - 1)
	for i := x.home(k); ; i = (i + 1) & mask {
		s := x.slots[i]
		if s == 0 {
			return nil
		}
		if r := order[s-1]; r.id == k {
			return r
		}
	}
}

// add indexes order[pos], whose key is new.
func (x *projectIDIndex) add(order []*projectRec, pos int) {
	if 2*(x.n+1) > len(x.slots) {
		x.grow(order[:pos])
	}
	x.put(order[pos].id, pos)
	x.n++
}

func (x *projectIDIndex) put(k projectKey, pos int) {
	mask := uint64(len(x.slots) - 1)
	i := x.home(k)
	for x.slots[i] != 0 {
		i = (i + 1) & mask
	}
	x.slots[i] = uint32(pos) + 1
}

// grow doubles the table (16 slots at first) and indexes indexed, the
// projects already in it, again.
func (x *projectIDIndex) grow(indexed []*projectRec) {
	if len(x.slots) == 0 {
		x.seed = maphash.MakeSeed()
		x.slots = make([]uint32, 16)
		return
	}
	x.slots = make([]uint32, 2*len(x.slots))
	for pos, r := range indexed {
		x.put(r.id, pos)
	}
}

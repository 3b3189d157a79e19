package fake

import (
	"hash/maphash"
	"sync"
	"time"
)

// DefaultNonceWindow is how long a SignatureNonce is remembered after its
// request's Timestamp, the same as the Timestamp window (docs/fidelity.md
// "Signatures"; the gateway's own window is UNCONFIRMED). A replay older
// than that fails the Timestamp check anyway.
const DefaultNonceWindow = 15 * time.Minute

// DefaultMaxNonces is how many SignatureNonces are remembered at most
// (WithNonceCacheSize). Each costs about 20 bytes (a 64-bit digest and its
// Timestamp in a ring, a 32-bit index entry), about 24 MiB at this cap.
const DefaultMaxNonces = 1 << 20

// nonceCache remembers (AccessKeyId, nonce) pairs, as 64-bit keyed digests,
// until their request's Timestamp is older than the window, in bounded
// memory: a ring in arrival order plus an open-addressing index into it
// (about 20 bytes a nonce).
//
// Full-cache policy (docs/fidelity.md "Nonce cache"): when the ring is full
// of unexpired nonces, the oldest is forgotten early and the floor rises to
// its Timestamp. A request whose Timestamp is not after the floor is then
// refused as a possible replay (SignatureNonceUsed), since its nonce may be
// one forgotten; a fresh call whose Timestamp is newer than every forgotten
// one is not affected. So a full cache never lets a replay through, and
// never refuses a well-synchronised client.
type nonceCache struct {
	mu      sync.Mutex
	window  time.Duration
	max     int
	seed    maphash.Seed
	keys    []uint64 // ring, arrival order; its length grows (doubling) to max
	stamps  []int64  // the request Timestamp (Unix seconds) of keys[i]
	head, n int
	// index holds ring positions + 1 (0 = empty), linear probing on the
	// digest; its length is a power of two at least twice the ring's.
	index   []uint32
	floor   int64 // newest Timestamp forgotten early (Unix seconds); 0 = none
	refused int   // requests refused by the floor
}

func newNonceCache(window time.Duration, max int) *nonceCache {
	return &nonceCache{window: window, max: max, seed: maphash.MakeSeed()}
}

// nonceVerdict is what use found.
type nonceVerdict int

const (
	nonceFresh  nonceVerdict = iota
	nonceUsed                // seen within the window
	nonceTooOld              // not after the floor of a full cache
)

func (n *nonceCache) digest(ak, nonce string) uint64 {
	var h maphash.Hash
	h.SetSeed(n.seed)
	h.WriteString(ak)
	h.WriteByte(0)
	h.WriteString(nonce)
	return h.Sum64()
}

// use records (ak, nonce) signed at stamp, the request's Timestamp, and
// reports whether it was fresh; now is real time.
func (n *nonceCache) use(ak, nonce string, stamp, now time.Time) nonceVerdict {
	key := n.digest(ak, nonce)
	ts := stamp.Unix()
	n.mu.Lock()
	defer n.mu.Unlock()
	expired := now.Add(-n.window).Unix()
	for n.n > 0 && n.stamps[n.head] < expired {
		n.dropHead()
	}
	if n.floor != 0 && ts <= n.floor {
		n.refused++
		return nonceTooOld
	}
	if _, found := n.find(key); found {
		return nonceUsed
	}
	if n.n == n.max {
		n.floor = max(n.floor, n.stamps[n.head])
		n.dropHead()
	}
	if n.n == len(n.keys) {
		n.grow()
	}
	pos := (n.head + n.n) % len(n.keys)
	n.keys[pos], n.stamps[pos] = key, ts
	n.n++
	slot, _ := n.find(key)
	n.index[slot] = uint32(pos) + 1
	return nonceFresh
}

// find returns key's slot in the index, or the empty slot where it would go.
// Callers hold mu.
func (n *nonceCache) find(key uint64) (slot int, found bool) {
	if len(n.index) == 0 {
		return 0, false
	}
	mask := len(n.index) - 1
	for i := int(key) & mask; ; i = (i + 1) & mask {
		e := n.index[i]
		if e == 0 {
			return i, false
		}
		if n.keys[e-1] == key {
			return i, true
		}
	}
}

// grow doubles the ring (up to max), putting it in arrival order from 0,
// and rebuilds the index. Callers hold mu.
func (n *nonceCache) grow() {
	size := min(max(2*len(n.keys), 64), n.max)
	keys, stamps := make([]uint64, size), make([]int64, size)
	for i := range n.n {
		j := (n.head + i) % len(n.keys)
		keys[i], stamps[i] = n.keys[j], n.stamps[j]
	}
	n.keys, n.stamps, n.head = keys, stamps, 0
	tab := 1
	for tab < 2*size {
		tab *= 2
	}
	n.index = make([]uint32, tab)
	for i := range n.n {
		slot, _ := n.find(keys[i])
		n.index[slot] = uint32(i) + 1
	}
}

// dropHead forgets the oldest entry, closing the gap it leaves in the
// index (backward-shift deletion). Callers hold mu.
func (n *nonceCache) dropHead() {
	i, _ := n.find(n.keys[n.head])
	mask := len(n.index) - 1
	n.index[i] = 0
	for j := (i + 1) & mask; n.index[j] != 0; j = (j + 1) & mask {
		home := int(n.keys[n.index[j]-1]) & mask
		// Move the entry at j into the hole at i unless its home lies
		// cyclically in (i, j].
		if (i < j && (home <= i || home > j)) || (i > j && home <= i && home > j) {
			n.index[i], n.index[j] = n.index[j], 0
			i = j
		}
	}
	n.head = (n.head + 1) % len(n.keys)
	n.n--
}

// NonceStats is the SignatureNonce cache's occupancy (Server.NonceStats,
// GET /_icefake/state).
type NonceStats struct {
	Size    int `json:"size"`    // nonces remembered
	Max     int `json:"max"`     // WithNonceCacheSize
	Refused int `json:"refused"` // requests refused because their Timestamp was not after the newest nonce the full cache forgot early
}

// NonceStats returns how many SignatureNonces are remembered and how many
// requests the full-cache rule refused (docs/fidelity.md "Nonce cache").
func (s *Server) NonceStats() NonceStats {
	n := s.nonces
	n.mu.Lock()
	defer n.mu.Unlock()
	return NonceStats{Size: n.n, Max: n.max, Refused: n.refused}
}

// WithNonceCacheSize bounds how many SignatureNonces are remembered (n ≥ 1).
// When the cache is full of unexpired nonces, the oldest is forgotten and
// requests whose Timestamp is not after its Timestamp are refused with 400
// SignatureNonceUsed, so a replay never gets through (docs/fidelity.md
// "Nonce cache"). Default: DefaultMaxNonces.
func WithNonceCacheSize(n int) Option { return func(c *config) { c.nonceCacheSize = n } }

// len is how many nonces are remembered now.
func (n *nonceCache) len() int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.n
}

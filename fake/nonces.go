package fake

import (
	"sync"
	"time"
)

// DefaultNonceWindow is how long a SignatureNonce is remembered, the same
// as the Timestamp window (docs/fidelity.md "Signatures"; the gateway's own window
// is UNCONFIRMED).
const DefaultNonceWindow = 15 * time.Minute

// DefaultMaxNonces bounds the memory of remembered nonces; past it the
// oldest are forgotten early.
const DefaultMaxNonces = 1 << 20

// nonceCache remembers (AccessKeyId, nonce) pairs for a window, in bounded
// memory: a FIFO of insertions plus a set; expired or excess entries leave
// from the front.
type nonceCache struct {
	mu     sync.Mutex
	window time.Duration
	max    int
	seen   map[string]struct{}
	fifo   []nonceEntry
	head   int
}

type nonceEntry struct {
	key string
	at  time.Time
}

func newNonceCache(window time.Duration, max int) *nonceCache {
	return &nonceCache{window: window, max: max, seen: map[string]struct{}{}}
}

// use records key at now and reports whether it was fresh.
func (n *nonceCache) use(key string, now time.Time) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	for n.head < len(n.fifo) && (now.Sub(n.fifo[n.head].at) > n.window || len(n.fifo)-n.head >= n.max) {
		delete(n.seen, n.fifo[n.head].key)
		n.fifo[n.head] = nonceEntry{}
		n.head++
	}
	if n.head > len(n.fifo)/2 && n.head > 1024 {
		n.fifo = append(n.fifo[:0], n.fifo[n.head:]...)
		n.head = 0
	}
	if _, dup := n.seen[key]; dup {
		return false
	}
	n.seen[key] = struct{}{}
	n.fifo = append(n.fifo, nonceEntry{key: key, at: now})
	return true
}

func (n *nonceCache) len() int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return len(n.seen)
}

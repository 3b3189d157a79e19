package fake

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	mrand "math/rand/v2"
	"sync"
)

// ids generates ProjectId/MediaId/JobId values (32 lowercase hex characters)
// and RequestIds (uppercase UUID 8-4-4-4-12), from a seedable generator so
// that a test run with a fixed seed sees the same IDs every time (docs/fidelity.md
// "State and semantics").
type ids struct {
	mu  sync.Mutex
	rng *mrand.ChaCha8
}

func newIDs(seed uint64, seeded bool) *ids {
	var key [32]byte
	if seeded {
		binary.LittleEndian.PutUint64(key[:], seed)
	} else if _, err := rand.Read(key[:]); err != nil {
		panic(fmt.Sprintf("icefake: crypto/rand: %v", err))
	}
	return &ids{rng: mrand.NewChaCha8(key)}
}

func (g *ids) bytes16() [16]byte {
	var b [16]byte
	g.mu.Lock()
	_, _ = g.rng.Read(b[:])
	g.mu.Unlock()
	return b
}

// resourceID returns 32 lowercase hex characters.
func (g *ids) resourceID() string {
	b := g.bytes16()
	return hex.EncodeToString(b[:])
}

// requestID returns an uppercase UUID (version 4 layout).
func (g *ids) requestID() string {
	b := g.bytes16()
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	const upper = "0123456789ABCDEF"
	var out [36]byte
	j := 0
	for i, c := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			out[j] = '-'
			j++
		}
		out[j], out[j+1] = upper[c>>4], upper[c&0x0f]
		j += 2
	}
	return string(out[:])
}

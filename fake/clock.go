package fake

import (
	"sync"
	"time"
)

// DefaultStartTime is where StartT's virtual clock starts, so that test
// output (CreateTime, ModifiedTime) is stable: 2024-01-01T00:00:00Z.
var DefaultStartTime = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// clock is icefake's one virtual clock: resource timestamps (and, later, job
// progress and page-token expiry) read it; signature freshness never does.
// It follows a base time source (real time unless WithClock) plus an offset,
// or stands still at a set time once SetTime or WithStartTime froze it.
type clock struct {
	mu     sync.Mutex
	base   func() time.Time
	offset time.Duration
	frozen bool
	at     time.Time
}

func newClock() *clock { return &clock{base: time.Now} }

// Now returns the current virtual time in UTC.
func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.frozen {
		return c.at.UTC()
	}
	return c.base().Add(c.offset).UTC()
}

// Set freezes the clock at t.
func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.frozen, c.at = true, t
}

// Advance moves the clock forward by d (backward if d < 0).
func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.frozen {
		c.at = c.at.Add(d)
		return
	}
	c.offset += d
}

// wireTime formats t as the service does: UTC yyyy-MM-ddTHH:mm:ssZ.
func wireTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

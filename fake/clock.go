package fake

import (
	"fmt"
	"sync"
	"sync/atomic"
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

// The virtual clock stays within the years the wire format can carry
// (yyyy-MM-ddTHH:mm:ssZ, as encoding/json can marshal a time.Time).
var (
	minClockTime = time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)
	maxClockTime = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)
)

func checkClockTime(t time.Time) error {
	if t.Before(minClockTime) || t.After(maxClockTime) {
		return fmt.Errorf("icefake: the virtual clock must stay within years 0000-9999, got %s", t.UTC().Format(time.RFC3339))
	}
	return nil
}

// Set freezes the clock at t; it errors (changing nothing) for a time
// outside years 0000-9999.
func (c *clock) Set(t time.Time) error {
	if err := checkClockTime(t); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.frozen, c.at = true, t
	return nil
}

// Advance moves the clock forward by d (backward if d < 0); it errors
// (changing nothing) when that leaves years 0000-9999.
func (c *clock) Advance(d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.at
	if !c.frozen {
		now = c.base().Add(c.offset)
	}
	if err := checkClockTime(now.Add(d)); err != nil {
		return err
	}
	if c.frozen {
		c.at = c.at.Add(d)
		return nil
	}
	c.offset += d
	return nil
}

// wireTime formats t as the service does: UTC yyyy-MM-ddTHH:mm:ssZ. The
// last second formatted is cached: the text depends on the second alone,
// and most calls format the current one (CreateTime, ModifiedTime, …).
func wireTime(t time.Time) string {
	sec := t.Unix()
	if e := lastWireTime.Load(); e != nil && e.sec == sec {
		return e.text
	}
	text := t.UTC().Format("2006-01-02T15:04:05Z")
	lastWireTime.Store(&wireTimeText{sec: sec, text: text})
	return text
}

type wireTimeText struct {
	sec  int64
	text string
}

var lastWireTime atomic.Pointer[wireTimeText]

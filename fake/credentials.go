package fake

import (
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"
)

// AuthMode says what icefake does with request signatures
// (docs/fidelity.md "Authentication").
type AuthMode string

// Authentication modes.
const (
	// AuthEnforce verifies every request and rejects a bad one with the
	// gateway's error. The default.
	AuthEnforce AuthMode = "enforce"
	// AuthLog verifies every request and journals the verdict, but never
	// rejects; the tenant is the AccessKeyId sent, known or not.
	AuthLog AuthMode = "log"
	// AuthOff skips verification; any AccessKeyId (or none) is accepted and
	// names the tenant.
	AuthOff AuthMode = "off"
)

// ParseAuthMode parses "enforce", "log" or "off".
func ParseAuthMode(s string) (AuthMode, error) {
	switch m := AuthMode(s); m {
	case AuthEnforce, AuthLog, AuthOff:
		return m, nil
	}
	return "", fmt.Errorf("icefake: auth mode %q: want enforce, log or off", s)
}

// Credential is an AccessKeyId the fake accepts, with its secret. An STS
// credential also has a SecurityToken that every request with this
// AccessKeyId must carry, an optional Expiration (real time, like signature
// freshness), and usually a Tenant: the long-term AccessKeyId whose projects
// it sees (default: its own AccessKeyId).
type Credential struct {
	AccessKeyId     string
	AccessKeySecret string
	SecurityToken   string
	Expiration      time.Time
	Tenant          string
}

func (c Credential) tenant() string {
	if c.Tenant != "" {
		return c.Tenant
	}
	return c.AccessKeyId
}

// keyring holds the accepted credentials.
type keyring struct {
	mu   sync.RWMutex
	keys map[string]Credential
}

func (k *keyring) add(cs ...Credential) error {
	for _, c := range cs {
		if c.AccessKeyId == "" || c.AccessKeySecret == "" {
			return fmt.Errorf("icefake: credential needs an AccessKeyId and an AccessKeySecret")
		}
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	for _, c := range cs {
		if old, ok := k.keys[c.AccessKeyId]; ok && (old.AccessKeySecret != c.AccessKeySecret || old.SecurityToken != c.SecurityToken) {
			return fmt.Errorf("icefake: AccessKeyId %s is already accepted with another secret or SecurityToken; use another AccessKeyId", c.AccessKeyId)
		}
	}
	for _, c := range cs {
		k.keys[c.AccessKeyId] = c
	}
	return nil
}

func (k *keyring) get(id string) (Credential, bool) {
	k.mu.RLock()
	defer k.mu.RUnlock()
	c, ok := k.keys[id]
	return c, ok
}

// tokenOwner reports whether some credential carries token.
func (k *keyring) tokenKnown(token string) bool {
	k.mu.RLock()
	defer k.mu.RUnlock()
	for _, c := range k.keys {
		if c.SecurityToken == token {
			return true
		}
	}
	return false
}

func (k *keyring) ids() []string {
	k.mu.RLock()
	defer k.mu.RUnlock()
	return slices.Sorted(maps.Keys(k.keys))
}

// AddCredential makes the fake accept more credentials at runtime. It errors
// for an empty AccessKeyId or secret.
func (s *Server) AddCredential(c ...Credential) error { return s.keys.add(c...) }

// Credentials returns the accepted AccessKeyIds, sorted.
func (s *Server) Credentials() []string { return s.keys.ids() }

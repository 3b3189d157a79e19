package popsign

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"hash"
	"slices"
	"sync"
	"sync/atomic"
)

// The V1 hot path (docs/architecture.md "Performance"): the string-to-sign
// is built in one pass into a pooled buffer — each name and value
// percent-encoded twice at once (a reserved byte c becomes "%25XX", '='
// "%3D", '&' "%26") — and signed without becoming a string unless a caller
// needs it.

type v1Scratch struct {
	sum  []byte // an HMAC sum (CheckV1Sorted)
	buf  []byte
	keys []string
	vals []string
}

var v1Pool = sync.Pool{New: func() any { return &v1Scratch{buf: make([]byte, 0, 1024), keys: make([]string, 0, 16)} }}

// appendV1StringToSign appends V1StringToSign(method, params) to sc.buf.
func (sc *v1Scratch) appendV1StringToSign(method string, params map[string][]string) {
	sc.buf = append(sc.buf[:0], method...)
	sc.buf = append(sc.buf, "&%2F&"...)
	sc.keys = sc.keys[:0]
	for k := range params {
		if k != V1SignatureParam {
			sc.keys = append(sc.keys, k)
		}
	}
	slices.Sort(sc.keys)
	first := true
	for _, k := range sc.keys {
		vs := params[k]
		if len(vs) > 1 {
			sc.vals = append(sc.vals[:0], vs...)
			slices.Sort(sc.vals)
			vs = sc.vals
		}
		for _, v := range vs {
			if !first {
				sc.buf = append(sc.buf, "%26"...)
			}
			first = false
			sc.buf = appendTwiceEncoded(sc.buf, k)
			sc.buf = append(sc.buf, "%3D"...)
			sc.buf = appendTwiceEncoded(sc.buf, v)
		}
	}
	clear(sc.vals)
	clear(sc.keys)
}

// appendTwiceEncoded appends PercentEncode(PercentEncode(s)).
func appendTwiceEncoded(dst []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) {
			continue
		}
		dst = append(dst, s[start:i]...)
		dst = append(dst, '%', '2', '5', upperHex[c>>4], upperHex[c&0x0F])
		start = i + 1
	}
	return append(dst, s[start:]...)
}

// verifyV1Fast is VerifyV1's check: it reports whether got is the
// signature of params, and returns the scratch holding the string-to-sign
// (the caller puts it back into v1Pool).
func verifyV1Fast(method string, params map[string][]string, secret, got string) (bool, *v1Scratch) {
	sc := v1Pool.Get().(*v1Scratch)
	sc.appendV1StringToSign(method, params)
	if got == "" {
		return false, sc
	}
	pool := v1MacPool(secret)
	m := pool.Get().(hash.Hash)
	m.Write(sc.buf)
	var sum [sha1.Size]byte
	var want [28]byte // base64 of 20 bytes
	base64.StdEncoding.Encode(want[:], m.Sum(sum[:0]))
	m.Reset()
	pool.Put(m)
	return hmac.Equal([]byte(got), want[:]), sc
}

// v1Macs holds, per secret, a pool of HMAC-SHA1 states keyed with
// secret+"&" (hmac.New costs four allocations and two key schedules per
// call otherwise). Secrets are the server's credentials, so they are few;
// past maxV1MacSecrets a secret gets a pool that is not kept.
var (
	v1Macs       sync.Map // string → *sync.Pool of hash.Hash
	v1MacSecrets atomic.Int32
)

const maxV1MacSecrets = 256

func v1MacPool(secret string) *sync.Pool {
	if p, ok := v1Macs.Load(secret); ok {
		return p.(*sync.Pool)
	}
	key := []byte(secret + "&")
	p := &sync.Pool{New: func() any { return hmac.New(sha1.New, key) }}
	if v1MacSecrets.Load() >= maxV1MacSecrets {
		return p
	}
	actual, loaded := v1Macs.LoadOrStore(secret, p)
	if !loaded {
		v1MacSecrets.Add(1)
	}
	return actual.(*sync.Pool)
}

func putV1Scratch(sc *v1Scratch) {
	if cap(sc.buf) > 64<<10 {
		return // do not keep huge buffers alive
	}
	v1Pool.Put(sc)
}

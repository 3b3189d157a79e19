package popsign

import (
	"crypto/hmac"
	"encoding/base64"
	"hash"
	"net/url"
)

// Param is one decoded request parameter.
type Param struct {
	Name, Value string
}

// CheckV1Sorted is [CheckV1] for parameters held as a slice sorted by Name
// in byte order (docs/architecture.md "Performance"): it walks them in
// order, so it neither hashes nor sorts. When params are not strictly
// ascending (a repeated or out-of-order name) it answers exactly as
// CheckV1 does on the same parameters as url.Values
// (FuzzCheckV1SortedMatchesCheckV1).
func CheckV1Sorted(method string, params []Param, secret string) (ok bool, stringToSign string) {
	for i := 1; i < len(params); i++ {
		if params[i-1].Name >= params[i].Name {
			v := make(url.Values, len(params))
			for _, p := range params {
				v[p.Name] = append(v[p.Name], p.Value)
			}
			return CheckV1(method, v, secret)
		}
	}
	sc := v1Pool.Get().(*v1Scratch)
	sc.buf = append(sc.buf[:0], method...)
	sc.buf = append(sc.buf, "&%2F&"...)
	got, first := "", true
	for _, p := range params {
		if p.Name == V1SignatureParam {
			got = p.Value
			continue
		}
		if !first {
			sc.buf = append(sc.buf, "%26"...)
		}
		first = false
		sc.buf = appendTwiceEncoded(sc.buf, p.Name)
		sc.buf = append(sc.buf, "%3D"...)
		sc.buf = appendTwiceEncoded(sc.buf, p.Value)
	}
	if got != "" {
		pool := v1MacPool(secret)
		m := pool.Get().(hash.Hash)
		m.Write(sc.buf)
		// The sum goes into the scratch: a local array passed to the
		// interface's Sum would escape.
		sc.sum = m.Sum(sc.sum[:0])
		var want [28]byte // base64 of 20 bytes
		base64.StdEncoding.Encode(want[:], sc.sum)
		m.Reset()
		pool.Put(m)
		ok = hmac.Equal([]byte(got), want[:])
	}
	if !ok {
		stringToSign = string(sc.buf)
	}
	putV1Scratch(sc)
	return ok, stringToSign
}

package fake

import (
	"net/url"
	"strings"
	"unsafe"
)

// maxIgnoredNames and maxIgnoredName bound what the journal notes of the
// unknown parameters a call carried.
const (
	maxIgnoredNames = 10
	maxIgnoredName  = 64
)

// keptParams returns the parameters of a call that icefake keeps (handlers,
// the store, the journal) and the sorted names of the unknown ones it
// ignores. Common POP parameters are left out; an operation's own
// parameters are copied out of the request (strings.Clone), so nothing kept
// pins the request's body or URL; a parameter the operation does not have is
// ignored, as the POP gateway does (docs/fidelity.md "Unknown and repeated
// parameters"), and only its name is noted (at most maxIgnoredNames names,
// each cut to maxIgnoredName bytes).
func keptParams(rt *route, all paramList) (kept url.Values, ignored []string) {
	// One pass to size things: the kept names (all is sorted, so a
	// repeated name is a run), the kept values and their bytes.
	names, n, size := 0, 0, 0
	for i, p := range all {
		if isCommonParam(p.Name) {
			continue
		}
		if _, ok := rt.known[p.Name]; ok {
			if i == 0 || all[i-1].Name != p.Name {
				names++
			}
			n++
			size += len(p.Value)
		}
	}
	kept = make(url.Values, names)
	// One backing array for every kept value, each name's slice capped so
	// an append copies; the values copied into one buffer (nothing kept
	// pins the request's URL or body), the names the spec's own strings.
	backing := make([]string, n)
	buf := make([]byte, 0, size)
	for i := 0; i < len(all); {
		name := all[i].Name
		j := i + 1
		for j < len(all) && all[j].Name == name {
			j++
		}
		run := all[i:j]
		i = j
		if isCommonParam(name) {
			continue
		}
		key, ok := rt.known[name]
		if !ok {
			if len(ignored) < maxIgnoredNames {
				ignored = append(ignored, strings.Clone(clipName(name)))
			}
			continue
		}
		cp := backing[:len(run):len(run)]
		backing = backing[len(run):]
		for k, p := range run {
			start := len(buf)
			buf = append(buf, p.Value...)
			// buf never grows past size, so it is never reallocated, and
			// its bytes are never written again.
			cp[k] = unsafe.String(unsafe.SliceData(buf[start:]), len(p.Value))
		}
		kept[key] = cp
	}
	return kept, ignored
}

func clipName(k string) string {
	if len(k) <= maxIgnoredName {
		return k
	}
	return k[:maxIgnoredName] + "…"
}

// checkRepeated answers 400 InvalidParameter naming a parameter given more
// than once (twice in the query, twice in the body, or in both), so that a
// signature always pins the one value icefake acts on (docs/fidelity.md
// "Unknown and repeated parameters"). Of several such names it names the
// first in byte order.
func checkRepeated(all paramList) error {
	for i := 1; i < len(all); i++ {
		if all[i].Name != all[i-1].Name {
			continue
		}
		// all is sorted: this is the first repeated name in byte order.
		name, n := all[i].Name, 2
		for i++; i < len(all) && all[i].Name == name; i++ {
			n++
		}
		return invalidParameter(clipName(name), "The parameter is given %d times; give it once.", n)
	}
	return nil
}

// isCommonParam is commonParams[name] as a switch (no hashing: it runs for
// every parameter of every call); TestIsCommonParam keeps the two equal.
func isCommonParam(name string) bool {
	switch name {
	case "Action", "Version", "Format", "AccessKeyId",
		"SignatureMethod", "SignatureVersion", "SignatureNonce",
		"SignatureType", "Timestamp", "SecurityToken",
		"Signature", "BearerToken", "RegionId":
		return true
	}
	return false
}

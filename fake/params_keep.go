package fake

import (
	"net/url"
	"slices"
	"strings"
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
func keptParams(rt *route, all url.Values) (kept url.Values, ignored []string) {
	known := rt.known
	// One backing array for every kept value, each name's slice capped so
	// an append copies; the map sized for the kept names only.
	names, n := 0, 0
	for k, vs := range all {
		if !isCommonParam(k) && known[k] {
			names++
			n += len(vs)
		}
	}
	kept = make(url.Values, names)
	backing := make([]string, n)
	for k, vs := range all {
		if isCommonParam(k) {
			continue
		}
		if !known[k] {
			if len(ignored) < maxIgnoredNames {
				ignored = append(ignored, strings.Clone(clipName(k)))
			}
			continue
		}
		cp := backing[:len(vs):len(vs)]
		backing = backing[len(vs):]
		for i, v := range vs {
			cp[i] = strings.Clone(v)
		}
		kept[strings.Clone(k)] = cp
	}
	slices.Sort(ignored)
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
func checkRepeated(all url.Values) error {
	name, found := "", false
	for k, vs := range all {
		if len(vs) > 1 && (!found || k < name) {
			name, found = k, true
		}
	}
	if !found {
		return nil
	}
	e := invalidParameter(clipName(name), "The parameter is given %d times; give it once.", len(all[name]))
	return e
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

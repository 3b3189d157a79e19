package openapi

import (
	"slices"
	"testing"
)

// TestAnonymousActions: the Actions the SDK sends unsigned (AuthType
// Anonymous in its model) are marked in the merged spec, the text index
// agrees with the compiled operations, and ice.yaml keeps the mark for any
// of them it describes.
func TestAnonymousActions(t *testing.T) {
	s := MustLoad()
	got := s.AnonymousActions()
	want := []string{"GetPublicMediaInfo", "ListAllPublicMediaTags", "ListPublicMediaBasicInfos"}
	if !slices.Equal(got, want) {
		t.Errorf("AnonymousActions() = %v, want %v", got, want)
	}
	for _, a := range GeneratedActions() {
		_, op, err := GeneratedOperation(a)
		if err != nil {
			t.Fatal(err)
		}
		if Anonymous(op) {
			if hand := s.Operations[a]; hand != nil && !Anonymous(hand) {
				t.Errorf("ice.yaml %s lacks %s: %s, which the SDK's model gives it", a, AuthExtension, AuthAnonymous)
			}
			if s.Operations[a] == nil && !slices.Contains(got, a) {
				t.Errorf("%s is anonymous when compiled but not in AnonymousActions()", a)
			}
		} else if slices.Contains(got, a) && s.Operations[a] == nil {
			t.Errorf("%s is in AnonymousActions() but its compiled operation is not anonymous", a)
		}
	}
}

// TestAuthExtensionValue: ice.yaml may only say x-icefake-auth: anonymous.
func TestAuthExtensionValue(t *testing.T) {
	doc := []byte(`openapi: 3.0.3
info: {title: t, version: "2020-11-09"}
x-icefake-errors:
  InternalError: {status: 500, message: m}
paths:
  /Ping:
    post:
      operationId: Ping
      x-icefake-auth: ak
      responses:
        "200": {description: OK}
`)
	_, err := parse(doc)
	if got, want := errString(err), `openapi: /Ping: x-icefake-auth must be "anonymous", got ak`; got != want {
		t.Errorf("parse() error = %q, want %q", got, want)
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

package fake

import (
	"errors"
	"fmt"
	"net/http"
	"testing"
)

func TestCodesAreInCatalogue(t *testing.T) {
	tests := []struct {
		name   string
		code   Code
		status int
	}{
		{"MissingAction", CodeMissingAction, 400},
		{"MissingVersion", CodeMissingVersion, 400},
		{"InvalidAction.NotFound", CodeInvalidActionNotFound, 404},
		{"InvalidVersion", CodeInvalidVersion, 400},
		{"InvalidApi.NotFound", CodeInvalidAPINotFound, 404},
		{"UnsupportedHTTPMethod", CodeUnsupportedHTTPMethod, 403},
		{"NotImplemented", CodeNotImplemented, 501},
		{"MissingParameter", CodeMissingParameter, 400},
		{"InvalidParameter", CodeInvalidParameter, 400},
		{"ProjectNotFound", CodeProjectNotFound, 404},
		{"Throttling.User", CodeThrottlingUser, 400},
		{"InternalError", CodeInternalError, 500},
		{"ServiceUnavailable", CodeServiceUnavailable, 503},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, ok := iceSpec().Errors[string(tt.code)]; !ok {
				t.Fatalf("code %s is not in the spec catalogue", tt.code)
			}
			if got := tt.code.Status(); got != tt.status {
				t.Errorf("%s.Status() = %d, want %d", tt.code, got, tt.status)
			}
		})
	}
}

func TestUnknownCodeIs500(t *testing.T) {
	if got := Code("NoSuchCode").Status(); got != http.StatusInternalServerError {
		t.Errorf("Status() = %d, want 500", got)
	}
}

func TestNewErrorFillsParameter(t *testing.T) {
	e := NewError(CodeMissingParameter, "Title")
	want := `The input parameter "Title" that is mandatory for processing this request is not supplied.`
	if e.Message != want {
		t.Errorf("Message = %q, want %q", e.Message, want)
	}
	if got := e.HTTPStatus(); got != 400 {
		t.Errorf("HTTPStatus() = %d, want 400", got)
	}
	e.Status = 429
	if got := e.HTTPStatus(); got != 429 {
		t.Errorf("HTTPStatus() with override = %d, want 429", got)
	}
}

func TestCodeOfUnwraps(t *testing.T) {
	wrapped := fmt.Errorf("context: %w", NewError(CodeProjectNotFound))
	if got := CodeOf(wrapped); got != CodeProjectNotFound {
		t.Errorf("CodeOf(wrapped) = %s, want ProjectNotFound", got)
	}
	if got := CodeOf(errors.New("boom")); got != CodeInternalError {
		t.Errorf("CodeOf(plain) = %s, want InternalError", got)
	}
}

func TestEveryCatalogueCodeHasValidStatusAndMessage(t *testing.T) {
	for code, e := range iceSpec().Errors {
		if e.Status < 400 || e.Status > 599 || e.Message == "" {
			t.Errorf("catalogue %s = %+v, want status 400-599 and a message", code, e)
		}
	}
}

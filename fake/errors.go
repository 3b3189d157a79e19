package fake

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Code is a vendor error code exactly as ICE and the POP gateway spell it,
// e.g. "InvalidParameter" or "Throttling.User". Its HTTP status and default
// message come from the error-code catalogue of the embedded spec
// (openapi/ice.yaml x-icefake-errors; ICE API reference: error codes; docs/fidelity.md "Signatures").
type Code string

// Codes used by icefake itself. Every constant is in the spec catalogue; a
// test fails otherwise.
const (
	CodeMissingAction         Code = "MissingAction"          // 400
	CodeMissingVersion        Code = "MissingVersion"         // 400
	CodeInvalidActionNotFound Code = "InvalidAction.NotFound" // 404
	CodeInvalidVersion        Code = "InvalidVersion"         // 400
	CodeInvalidAPINotFound    Code = "InvalidApi.NotFound"    // 404
	CodeUnsupportedHTTPMethod Code = "UnsupportedHTTPMethod"  // 403
	CodeNotImplemented        Code = "NotImplemented"         // 501
	CodeMissingParameter      Code = "MissingParameter"       // 400
	CodeInvalidParameter      Code = "InvalidParameter"       // 400
	CodeProjectNotFound       Code = "ProjectNotFound"        // 404
	CodeThrottlingUser        Code = "Throttling.User"        // 400
	CodeInternalError         Code = "InternalError"          // 500
	CodeServiceUnavailable    Code = "ServiceUnavailable"     // 503
)

// Status returns the HTTP status the catalogue gives c, or 500 for a code the
// catalogue does not know.
func (c Code) Status() int {
	if e, ok := iceSpec().Errors[string(c)]; ok {
		return e.Status
	}
	return http.StatusInternalServerError
}

// template returns the catalogue's default message for c.
func (c Code) template() string {
	if e, ok := iceSpec().Errors[string(c)]; ok {
		return e.Message
	}
	return string(c)
}

// APIError is an error answered in the POP envelope. Handlers and pipeline
// steps return it (possibly wrapped); writeError finds it with errors.As.
type APIError struct {
	Code Code
	// Status overrides Code.Status() when non-zero (scenario faults).
	Status int
	// Message is the envelope's Message.
	Message string
	// Header holds extra response headers (e.g. x-acs-retry-after).
	Header http.Header
	// Explain is a one-line reason for the journal (never sent).
	Explain string
}

// Error implements error.
func (e *APIError) Error() string { return string(e.Code) + ": " + e.Message }

// HTTPStatus returns the status the error is answered with.
func (e *APIError) HTTPStatus() int {
	if e.Status != 0 {
		return e.Status
	}
	return e.Code.Status()
}

// NewError returns an APIError with code's catalogue message. If the
// message has a %s verb, arg fills it (e.g. the parameter name).
func NewError(code Code, arg ...string) *APIError {
	msg := code.template()
	if strings.Contains(msg, "%s") {
		a := ""
		if len(arg) > 0 {
			a = arg[0]
		}
		msg = fmt.Sprintf(msg, a)
	}
	return &APIError{Code: code, Message: msg}
}

// missingParameter is 400 MissingParameter naming the parameter.
func missingParameter(name string) *APIError {
	return NewError(CodeMissingParameter, name)
}

// invalidParameter is 400 InvalidParameter naming the parameter, with a
// detail appended after the catalogue sentence.
func invalidParameter(name, detailFormat string, args ...any) *APIError {
	e := NewError(CodeInvalidParameter, name)
	if detailFormat != "" {
		e.Message += " " + fmt.Sprintf(detailFormat, args...)
	}
	return e
}

// CodeOf returns the Code of err if it is (or wraps) an *APIError, else
// InternalError.
func CodeOf(err error) Code {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.Code
	}
	return CodeInternalError
}

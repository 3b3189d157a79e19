package scenarios

import (
	"errors"
	"fmt"
)

// Error is one problem found in a scenario file. Parse and LoadFile return
// every problem they find, joined with errors.Join; use Errors to list them.
type Error struct {
	File string // file name or label given to Parse
	Line int    // 1-based line of the offending key or entry
	Key  string // key path such as "faults[0].code"; empty for YAML syntax errors
	Msg  string
}

// Error formats e as "<file>:<line>: <key>: <msg>", or "<file>:<line>: <msg>"
// when e has no key.
func (e *Error) Error() string {
	if e.Key == "" {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s: %s", e.File, e.Line, e.Key, e.Msg)
}

// Errors returns the *Error values in err, which is an error from Parse or
// LoadFile, in order. It returns nil when err holds none (for example a
// file that could not be read).
func Errors(err error) []*Error {
	var out []*Error
	var walk func(error)
	walk = func(err error) {
		switch e := err.(type) {
		case nil:
		case *Error:
			out = append(out, e)
		case interface{ Unwrap() []error }:
			for _, inner := range e.Unwrap() {
				walk(inner)
			}
		default:
			var se *Error
			if errors.As(err, &se) {
				out = append(out, se)
			}
		}
	}
	walk(err)
	return out
}

package openapi

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// miniDoc is a smallest document parse accepts, with errors (the
// x-icefake-errors entries) and operation (the lines under post:) filled in.
func miniDoc(errors, operation string) string {
	return "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nx-icefake-errors:\n" + errors +
		"paths:\n  /A:\n    post:\n" + operation + "      responses: {'200': {description: ok}}\n"
}

const miniOp = "      operationId: A\n      x-icefake-error-codes: [E]\n"

// TestParseCatalogue: every code's status is 400-599, both ends included,
// and every code has a message.
func TestParseCatalogue(t *testing.T) {
	tests := []struct {
		name    string
		errors  string
		want    ErrorCode
		wantErr string
	}{
		{"status 400", "  E: {status: 400, message: m}\n", ErrorCode{Code: "E", Status: 400, Message: "m"}, ""},
		{"status 599, job code", "  E: {status: 599, message: m, job: true}\n", ErrorCode{Code: "E", Status: 599, Message: "m", Job: true}, ""},
		{"status 399", "  E: {status: 399, message: m}\n", ErrorCode{}, "openapi: x-icefake-errors.E: needs status 400-599 and a message"},
		{"status 600", "  E: {status: 600, message: m}\n", ErrorCode{}, "openapi: x-icefake-errors.E: needs status 400-599 and a message"},
		{"no message", "  E: {status: 500}\n", ErrorCode{}, "openapi: x-icefake-errors.E: needs status 400-599 and a message"},
		{"entry not a map", "  E: 400\n", ErrorCode{}, "openapi: x-icefake-errors.E: not a map"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := parse([]byte(miniDoc(tt.errors, miniOp)))
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("parse() error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("parse() error = %v", err)
			}
			if got := s.Errors["E"]; got != tt.want {
				t.Errorf("Errors[E] = %+v, want %+v", got, tt.want)
			}
			if got, want := s.ActionErrors["A"], []string{"E"}; !reflect.DeepEqual(got, want) {
				t.Errorf("ActionErrors[A] = %v, want %v", got, want)
			}
		})
	}
	if _, err := parse([]byte("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n")); err == nil || err.Error() != "openapi: x-icefake-errors missing or not a map" {
		t.Errorf("parse(no catalogue) error = %v, want the missing catalogue named", err)
	}
}

// TestParseActionErrors: x-icefake-error-codes lists each operation's codes,
// every one from the catalogue; an operation without the list has none.
func TestParseActionErrors(t *testing.T) {
	errs := "  E: {status: 400, message: m}\n"
	tests := []struct {
		name    string
		op      string
		want    []string
		wantErr string
	}{
		{"no list", "      operationId: A\n", nil, ""},
		{"empty list", "      operationId: A\n      x-icefake-error-codes: []\n", []string{}, ""},
		{"not a list", "      operationId: A\n      x-icefake-error-codes: E\n", nil, "openapi: /A: x-icefake-error-codes: not a list"},
		{"not strings", "      operationId: A\n      x-icefake-error-codes: [1]\n", nil, "openapi: /A: x-icefake-error-codes: item 1 is not a string"},
		{"unknown code", "      operationId: A\n      x-icefake-error-codes: [E, F]\n", nil, `openapi: /A: error code "F" is not in x-icefake-errors`},
		{"operationId not the path's Action", "      operationId: B\n", nil, `openapi: /A: operationId "B" must equal the path's Action`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := parse([]byte(miniDoc(errs, tt.op)))
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("parse() error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("parse() error = %v", err)
			}
			got, ok := s.ActionErrors["A"]
			if !ok || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ActionErrors[A] = %#v (present %v), want %#v", got, ok, tt.want)
			}
		})
	}
	get := "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nx-icefake-errors:\n" + errs +
		"paths:\n  /A:\n    get:\n      operationId: A\n      responses: {'200': {description: ok}}\n"
	if _, err := parse([]byte(get)); err == nil || err.Error() != "openapi: /A: only POST is used for virtual Action paths, got GET" {
		t.Errorf("parse(GET operation) error = %v, want the method named", err)
	}
}

// TestActionErrorsOfTheDocument: every Action of ice.yaml can answer the
// gateway's codes, and lists only catalogue codes that are HTTP errors.
func TestActionErrorsOfTheDocument(t *testing.T) {
	s := MustLoad()
	if got, want := len(s.ActionErrors), len(s.Operations); got != want {
		t.Errorf("len(ActionErrors) = %d, want one entry per Action (%d)", got, want)
	}
	for _, action := range s.Actions() {
		codes := s.ActionErrors[action]
		for _, want := range []string{"MissingAction", "InvalidAccessKeyId.NotFound", "SignatureDoesNotMatch", "SignatureNonceUsed", "Throttling.User", "InternalError"} {
			if !slices.Contains(codes, want) {
				t.Errorf("ActionErrors[%s] lacks %s", action, want)
			}
		}
		for _, c := range codes {
			ec, ok := s.Errors[c]
			if !ok || ec.Job || ec.Status < 400 || ec.Status > 599 || strings.TrimSpace(ec.Message) == "" {
				t.Errorf("ActionErrors[%s] code %s = %+v (known %v), want a catalogue HTTP error", action, c, ec, ok)
			}
		}
	}
	if got := s.Errors["ProjectNotFound"]; got.Status != 404 || got.Job {
		t.Errorf("Errors[ProjectNotFound] = %+v, want status 404, not a job code", got)
	}
	if !slices.Contains(s.ActionErrors["GetEditingProject"], "ProjectNotFound") {
		t.Errorf("ActionErrors[GetEditingProject] = %v, want ProjectNotFound among them", s.ActionErrors["GetEditingProject"])
	}
}

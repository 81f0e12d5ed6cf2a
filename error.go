package tend

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Error codes. Codes are only ever added, never renamed or removed: the
// command line and the API map them to exit statuses and HTTP statuses.
const (
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	ECONFLICT     = "conflict"
	EUNAUTHORIZED = "unauthorized"
	EFORBIDDEN    = "forbidden"
	EINTERNAL     = "internal"
)

// Error is the domain error. Message is safe to show to the person who
// caused it; Err, if set, is the underlying cause, for logs only.
type Error struct {
	Code    string
	Message string
	// Field is the name, as the API spells it ("time_zone"), of the one
	// field the error is about, or "". It travels as data, so that a
	// page can put Message beside that field without reading names out
	// of words; Message then says what is wrong without naming it.
	Field string
	Op    string
	Err   error
	// Problems lists every field that is wrong, when an input was
	// checked whole (a form, a request body); Message then joins them.
	Problems []Problem
}

// Error returns the message (after the field's name, when the error is
// about one), or the wrapped error when there is no message.
func (e *Error) Error() string {
	switch {
	case e.Message != "" && e.Field != "":
		return e.Field + ": " + e.Message
	case e.Message != "":
		return e.Message
	case e.Err != nil:
		return e.Err.Error()
	}
	return e.Code
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldErrorf returns an EINVALID *Error about one field, named as the
// API names it: the message says what is wrong with it and how to fix
// it, without the field's name.
func FieldErrorf(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Message: fmt.Sprintf(format, args...)}
}

// OnField returns e about the field (see Error.Field), for a code other
// than EINVALID: Errorf(ECONFLICT, "...").OnField("from").
func (e *Error) OnField(field string) *Error {
	e.Field = field
	return e
}

// ErrorCode returns the code of the first *Error in err's chain, "" for a
// nil error and EINTERNAL for any other error.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of the first *Error in err's
// chain, after its field's name when it is about one ("time_zone: pick
// a zone from the list", for the API and the command line; a page shows
// the message beside the field instead), or a generic message for any
// other error, so that internals never reach a person.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) && e.Message != "" {
		if e.Field != "" {
			return e.Field + ": " + e.Message
		}
		return e.Message
	}
	return "Something went wrong on our side. Please try again."
}

// Problems collects what is wrong with an input, so that a person
// learns of every mistake at once, not one per try. Each Problem's Path
// is the field's name in the API ("display_name", "limits").
type Problems []Problem

// Add notes a problem with the field.
func (ps *Problems) Add(field, format string, args ...any) {
	*ps = append(*ps, Problem{Path: field, Message: fmt.Sprintf(format, args...)})
}

// Check notes err, if it is not nil: the problems of an EINVALID error
// (its list, or its one field), anything else as it is, under the field.
func (ps *Problems) Check(field string, err error) {
	if err == nil {
		return
	}
	*ps = append(*ps, ProblemsOf(err, field)...)
}

// Err returns nil when there are no problems, else one EINVALID error
// with all of them, its message joining them as "field: what; field:
// what"; with one problem, the error is about its field.
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = p.String()
	}
	e := &Error{Code: EINVALID, Message: strings.Join(parts, "; "), Problems: slices.Clone(ps)}
	if len(ps) == 1 && ps[0].Path != "" {
		e.Field, e.Message = ps[0].Path, ps[0].Message
	}
	return e
}

// Field returns the message of the first problem with the field, or "".
func (ps Problems) Field(name string) string {
	for _, p := range ps {
		if p.Path == name {
			return p.Message
		}
	}
	return ""
}

// ProblemsOf returns the problems an EINVALID err carries: its list, or
// its one problem, under its own field or else under field. Errors of
// other codes have none. Fields are only ever read from the error's
// data, never from its words.
func ProblemsOf(err error, field string) Problems {
	var e *Error
	if !errors.As(err, &e) || e.Code != EINVALID {
		return nil
	}
	if len(e.Problems) > 0 {
		return slices.Clone(e.Problems)
	}
	if e.Field != "" {
		field = e.Field
	}
	return Problems{{Path: field, Message: e.Message}}
}

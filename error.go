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
	Op      string
	Err     error
	// Problems lists every field that is wrong, when an input was
	// checked whole (a form, a request body); Message then joins them.
	Problems []Problem
}

// Error returns the message, or the wrapped error when there is no message.
func (e *Error) Error() string {
	switch {
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
// chain, or a generic message for any other error, so that internals never
// reach a person.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) && e.Message != "" {
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
// (a message "field: what" is taken apart), anything else as it is,
// under the field.
func (ps *Problems) Check(field string, err error) {
	if err == nil {
		return
	}
	*ps = append(*ps, ProblemsOf(err, field)...)
}

// Err returns nil when there are no problems, else one EINVALID error
// with all of them, its message joining them as "field: what; field:
// what".
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = p.String()
	}
	return &Error{Code: EINVALID, Message: strings.Join(parts, "; "), Problems: slices.Clone(ps)}
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

// ProblemsOf returns the problems err carries: its list, or one problem
// from its message (split at "field: " when it starts with a field name,
// else under field). Errors other than EINVALID have none.
func ProblemsOf(err error, field string) Problems {
	var e *Error
	if !errors.As(err, &e) || e.Code != EINVALID {
		return nil
	}
	if len(e.Problems) > 0 {
		return slices.Clone(e.Problems)
	}
	if name, rest, ok := strings.Cut(e.Message, ": "); ok && isFieldName(name) {
		return Problems{{Path: name, Message: rest}}
	}
	return Problems{{Path: field, Message: e.Message}}
}

// isFieldName reports whether s looks like a field's name: lowercase
// letters, digits, underscores, dots and brackets, as the API names them.
func isFieldName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '.' || r == '[' || r == ']') {
			return false
		}
	}
	return true
}

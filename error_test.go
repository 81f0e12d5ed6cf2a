package tend

import (
	"errors"
	"fmt"
	"testing"
)

// TestErrorText: an error's text is its message, else its cause, else
// its code; a person only ever sees a message meant for them.
func TestErrorText(t *testing.T) {
	cause := errors.New("disk on fire")
	tests := []struct {
		name        string
		err         error
		text        string
		code, shown string
	}{
		{"Message", &Error{Code: ECONFLICT, Message: "taken", Err: cause}, "taken", ECONFLICT, "taken"},
		{"CauseOnly", &Error{Code: EINTERNAL, Err: cause}, "disk on fire", EINTERNAL, "Something went wrong on our side. Please try again."},
		{"CodeOnly", &Error{Code: ENOTFOUND}, ENOTFOUND, ENOTFOUND, "Something went wrong on our side. Please try again."},
		{"Wrapped", fmt.Errorf("find: %w", Errorf(ENOTFOUND, "no such circle")), "find: no such circle", ENOTFOUND, "no such circle"},
		{"Other", cause, "disk on fire", EINTERNAL, "Something went wrong on our side. Please try again."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.err.Error(); got != tc.text {
				t.Errorf("Error(): got %q, want %q", got, tc.text)
			}
			if got := ErrorCode(tc.err); got != tc.code {
				t.Errorf("ErrorCode: got %q, want %q", got, tc.code)
			}
			if got := ErrorMessage(tc.err); got != tc.shown {
				t.Errorf("ErrorMessage: got %q, want %q", got, tc.shown)
			}
		})
	}
	if ErrorCode(nil) != "" || ErrorMessage(nil) != "" {
		t.Error("a nil error has a code or a message")
	}
	if !errors.Is(&Error{Code: EINTERNAL, Err: cause}, cause) {
		t.Error("the cause is not unwrapped")
	}
}

// TestProblemsField: Field answers the first problem of that field, and
// nothing for a field without one.
func TestProblemsField(t *testing.T) {
	var ps Problems
	ps.Add("name", "too long")
	ps.Add("mood", "from %d to %d", 1, 5)
	ps.Add("mood", "second")
	tests := []struct{ field, want string }{
		{"name", "too long"},
		{"mood", "from 1 to 5"},
		{"energy", ""},
	}
	for _, tc := range tests {
		if got := ps.Field(tc.field); got != tc.want {
			t.Errorf("Field(%q): got %q, want %q", tc.field, got, tc.want)
		}
	}
	if got := ErrorMessage(ps.Err()); got != "name: too long; mood: from 1 to 5; mood: second" {
		t.Errorf("message: got %q", got)
	}
	if (Problems{}).Err() != nil {
		t.Error("no problems: got an error")
	}
}

// TestProblemsOfFieldNames: a message "field: what" is split only where
// the part before the colon is written as the API names fields.
func TestProblemsOfFieldNames(t *testing.T) {
	tests := []struct {
		msg, path, message string
	}{
		{"name: too long", "name", "too long"},
		{"az09_.[]: x", "az09_.[]", "x"},
		{"z: x", "z", "x"},
		{"a9: x", "a9", "x"},
		{"0: x", "0", "x"},
		{"custom[0].id: x", "custom[0].id", "x"},
		{"Name: x", "f", "Name: x"},
		{"A sentence: x", "f", "A sentence: x"},
		{"a-b: x", "f", "a-b: x"},
		{"a/b: x", "f", "a/b: x"},
		{"a:b: x", "f", "a:b: x"},
		{"{: x", "f", "{: x"},
		{"`: x", "f", "`: x"},
		{": x", "f", ": x"},
		{"no colon", "f", "no colon"},
	}
	for _, tc := range tests {
		got := ProblemsOf(Errorf(EINVALID, "%s", tc.msg), "f")
		if len(got) != 1 || got[0].Path != tc.path || got[0].Message != tc.message {
			t.Errorf("ProblemsOf(%q): got %+v, want %s: %s", tc.msg, got, tc.path, tc.message)
		}
	}
	// The characters on either side of each range allowed in a name.
	for _, r := range []rune{'a', 'z', '0', '9', '_', '.', '[', ']'} {
		if !isFieldName(string(r)) {
			t.Errorf("isFieldName(%q): got false, want true", r)
		}
	}
	for _, r := range []rune{'`', '{', '/', ':', 'A', 'Z', '-', ' ', 'é'} {
		if isFieldName(string(r)) {
			t.Errorf("isFieldName(%q): got true, want false", r)
		}
	}
}

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

// TestProblemsOfField: the field of a problem is the error's data,
// never read out of its words: a message that starts "name: " stays
// whole, under the field given.
func TestProblemsOfField(t *testing.T) {
	var two Problems
	two.Add("name", "too long")
	two.Add("mood", "from 1 to 5")
	tests := []struct {
		name  string
		err   error
		field string
		want  Problems
	}{
		{"OwnField", FieldErrorf("time_zone", "pick one"), "f", Problems{{"time_zone", "pick one"}}},
		{"WrappedField", fmt.Errorf("save: %w", FieldErrorf("name", "too long")), "", Problems{{"name", "too long"}}},
		{"NoFieldTakesTheGiven", Errorf(EINVALID, "too short"), "password", Problems{{"password", "too short"}}},
		{"WordsAreNotAField", Errorf(EINVALID, "name: too long"), "f", Problems{{"f", "name: too long"}}},
		{"List", two.Err(), "f", two},
		{"OneOfAList", Problems{{"notes", "too many"}}.Err(), "", Problems{{"notes", "too many"}}},
		{"Conflict", Errorf(ECONFLICT, "taken").OnField("username"), "", nil},
		{"Other", errors.New("disk on fire"), "f", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ProblemsOf(tc.err, tc.field)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestFieldError: an error about one field says what is wrong without
// its name; the API and the command line read the name before it.
func TestFieldError(t *testing.T) {
	err := FieldErrorf("expires_in", "from %d hour to %d days", 1, 90)
	if err.Code != EINVALID || err.Field != "expires_in" || err.Message != "from 1 hour to 90 days" {
		t.Errorf("got %+v", err)
	}
	if got := ErrorMessage(fmt.Errorf("share: %w", err)); got != "expires_in: from 1 hour to 90 days" {
		t.Errorf("ErrorMessage: got %q", got)
	}
	if got := err.Error(); got != "expires_in: from 1 hour to 90 days" {
		t.Errorf("Error(): got %q", got)
	}
	c := Errorf(ECONFLICT, "it moved on").OnField("from")
	if c.Code != ECONFLICT || c.Field != "from" || ErrorMessage(c) != "from: it moved on" {
		t.Errorf("OnField: got %+v", c)
	}
	one := Problems{{"notes", "too many"}}.Err()
	var e *Error
	if !errors.As(one, &e) || e.Field != "notes" || e.Message != "too many" || ErrorMessage(one) != "notes: too many" {
		t.Errorf("one problem: got %+v", e)
	}
}

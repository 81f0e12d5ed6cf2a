package web

import (
	"reflect"
	"testing"

	"github.com/tendcare/tend"
)

func TestLabelOf(t *testing.T) {
	tests := map[string]string{
		"notes[0]":     "Notes for partners, line 1",
		"drop.helps":   "What helps with drop",
		"custom[1]":    "My own practice 2",
		"current":      "Current password",
		"receive.x":    "",
		"display_name": "Name",
	}
	for in, want := range tests {
		if got := labelOf(in); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}

// TestPlaceProblems: each problem goes beside its field, in the order of
// the page's fields, with the field's label; lines of a list are named;
// a problem of no field on the page comes first, without an API name.
func TestPlaceProblems(t *testing.T) {
	fields := []formField{
		{Path: "pronouns", ID: "pronouns", Label: "Pronouns"},
		{Path: "notes", ID: "notes", Label: "Notes for partners"},
		{Path: "drop.when", ID: "drop_when", Label: "When does it tend to come?", Link: "drop_when-0"},
		{Path: "drop", ID: "drop", Label: "Drop"},
	}
	ps := tend.Problems{
		{Path: "notes[2]", Message: "is 600 characters long; the limit is 500"},
		{Path: "pronouns", Message: "must not be empty"},
		{Path: "notes", Message: "has 60 entries; the limit is 20"},
		{Path: "drop.when", Message: "pick one of the choices"},
		{Path: "drop.signs[0]", Message: "contains a control character (U+0007); remove it"},
		{Path: "receive.x", Message: `"x" is not one of need`},
		{Path: "current", Message: "that isn't the password you sign in with"},
		{Path: "", Message: "the form could not be read"},
	}
	want := []fieldProblem{
		{Message: `receive.x: "x" is not one of need`},
		{Message: "Current password: that isn't the password you sign in with"},
		{Message: "The form could not be read"},
		{ID: "pronouns", Link: "pronouns", Label: "Pronouns", Message: "must not be empty"},
		{ID: "notes", Link: "notes", Label: "Notes for partners", Message: "line 3: is 600 characters long; the limit is 500"},
		{ID: "notes", Link: "notes", Label: "Notes for partners", Message: "has 60 lines; the most is 20"},
		{ID: "drop_when", Link: "drop_when-0", Label: "When does it tend to come?", Message: "pick one of the choices"},
		{ID: "drop", Link: "drop", Label: "Drop", Message: "How drop shows, line 1: contains a control character (U+0007); remove it"},
	}
	got := placeProblems(ps, fields)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%+v\nwant\n%+v", got, want)
	}
}

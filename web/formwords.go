package web

import (
	"strconv"
	"strings"
)

// Problems name fields by their API names and card paths ("notes[2]",
// "drop.helps"). On a page, a field has a label: a page lists its fields
// with their labels (formField); these are the words for a problem whose
// field the page does not show.
var fieldLabels = map[string]string{
	"pronouns":            "Pronouns",
	"notes":               "Notes for partners",
	"avoid":               "Things to avoid",
	"drop":                "Drop",
	"drop.when":           "When drop tends to come",
	"drop.signs":          "How drop shows",
	"drop.helps":          "What helps with drop",
	"space_first_minutes": "Time to myself first",
	"custom":              "My own practice",
	"comments":            "A note for partners",
	"current":             "Current password",
	"practices":           "Practices to share",
	"share":               "What to share",
	"name":                "Name",
	"display_name":        "Name",
	"username":            "Username",
	"time_zone":           "Time zone",
	"quiet_hours":         "Quiet hours",
	"password":            "Password",
}

// labelOf is the words for a problem's path: its field's label, with a
// line ("Notes for partners, line 3") or a number ("My own practice 2")
// for a place in a list; "" when the field has no label.
func labelOf(path string) string {
	name, rest, _ := strings.Cut(path, "[")
	label, ok := fieldLabels[name]
	if !ok {
		return ""
	}
	if rest == "" {
		return label
	}
	n, err := strconv.Atoi(strings.SplitN(rest, "]", 2)[0])
	if err != nil {
		return label
	}
	if name == "custom" {
		return label + " " + strconv.Itoa(n+1)
	}
	return label + ", line " + strconv.Itoa(n+1)
}

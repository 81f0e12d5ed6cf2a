package web

import (
	"regexp"
	"strconv"
	"strings"
)

// The store checks a profile by the card rules and names problems by
// their place in the card ("profile: notes[2]: is 600 characters long;
// the limit is 500"). On a page, that place is a field with a label.

var cardPlace = regexp.MustCompile(`^profile: ([a-z_.]+)(?:\[(\d+)\])?(?:\.([a-z_]+))?: (.*)$`)

var fieldLabels = map[string]string{
	"pronouns":            "Pronouns",
	"notes":               "Notes for partners",
	"avoid":               "Things to avoid",
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
	"password":            "Password",
}

// formWords rewrites an error message for a form: field names become the
// labels the person sees, and list positions become line numbers.
func formWords(msg string) string {
	if m := cardPlace.FindStringSubmatch(msg); m != nil {
		label, ok := fieldLabels[m[1]]
		if !ok {
			return msg
		}
		if m[2] != "" {
			n, _ := strconv.Atoi(m[2])
			if m[1] == "custom" {
				label += " " + strconv.Itoa(n+1)
			} else {
				label += ", line " + strconv.Itoa(n+1)
			}
		}
		rest := m[4]
		rest = strings.Replace(rest, " entries; the limit is ", " lines; the most is ", 1)
		return label + ": " + rest
	}
	for field, label := range fieldLabels {
		if rest, ok := strings.CutPrefix(msg, field+": "); ok {
			return label + ": " + rest
		}
	}
	return msg
}

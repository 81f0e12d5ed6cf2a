package tend_test

import (
	"strings"
	"testing"

	"github.com/tendcare/tend"
)

// TestPersonTimeZone: a time zone is a name from the zone database,
// spelled as it spells it, so that it means the same on every machine
// (LoadLocation would also find "Europe/./Berlin" among the system's
// zone files, but not in the copy built into Tend, and takes "Local" for
// the server's own zone).
func TestPersonTimeZone(t *testing.T) {
	tests := []struct {
		zone string
		want string // the zone kept; "" when refused
	}{
		{"", "UTC"},
		{" Europe/Berlin ", "Europe/Berlin"},
		{"America/Argentina/ComodRivadavia", "America/Argentina/ComodRivadavia"},
		{"Etc/GMT+5", "Etc/GMT+5"},
		{"Mars/Base", ""},
		{"Europe/./Berlin", ""},
		{"Europe//Berlin", ""},
		{"./UTC", ""},
		{"Europe/Berlin/", ""},
		{"Europe/../Europe/Berlin", ""},
		{"/etc/localtime", ""},
		{"Etc/" + strings.Repeat("./", 28) + "UTC", ""},
		{"Europe/Berlin\x00", ""},
		{"Local", ""}, // the server's own zone, whatever it is
		{"UTC", "UTC"},
	}
	for _, tc := range tests {
		p := &tend.Person{Username: "sam", DisplayName: "Sam", TimeZone: tc.zone}
		err := p.Validate()
		if tc.want == "" {
			if ps := tend.ProblemsOf(err, ""); len(ps) != 1 || ps[0].Path != "time_zone" {
				t.Errorf("%q: got %v, want a problem with time_zone", tc.zone, err)
			}
			continue
		}
		if err != nil || p.TimeZone != tc.want {
			t.Errorf("%q: got %q, %v; want %q", tc.zone, p.TimeZone, err, tc.want)
		}
	}
}

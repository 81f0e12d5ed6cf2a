package web

import "testing"

func TestFormWords(t *testing.T) {
	tests := []struct{ in, want string }{
		{"profile: notes[0]: is 3000 characters long; the limit is 500", "Notes for partners, line 1: is 3000 characters long; the limit is 500"},
		{"profile: notes: has 60 entries; the limit is 20", "Notes for partners: has 60 lines; the most is 20"},
		{"profile: drop.helps[9]: contains a control character (U+0007); remove it", "What helps with drop, line 10: contains a control character (U+0007); remove it"},
		{"profile: custom[1].title: must not be empty", "My own practice 2: must not be empty"},
		{"current: that isn't the password you sign in with", "Current password: that isn't the password you sign in with"},
		{"profile: receive.water: \"x\" is not one of need", "profile: receive.water: \"x\" is not one of need"},
		{"the two passwords are not the same", "the two passwords are not the same"},
		{"practices: choose at least one practice to share", "Practices to share: choose at least one practice to share"},
	}
	for _, tc := range tests {
		if got := formWords(tc.in); got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.in, got, tc.want)
		}
	}
}

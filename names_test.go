package tend_test

import (
	"testing"

	"github.com/tendcare/tend"
)

func TestJoinNames(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want string
	}{
		{nil, ""}, {[]string{"Sam"}, "Sam"}, {[]string{"Sam", "Alex"}, "Sam and Alex"}, {[]string{"Sam", "Jo", "Alex"}, "Sam, Jo and Alex"},
	} {
		if got := tend.JoinNames(tc.in); got != tc.want {
			t.Errorf("JoinNames(%q): got %q, want %q", tc.in, got, tc.want)
		}
	}
}

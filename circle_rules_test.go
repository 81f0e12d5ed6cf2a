package tend

import "testing"

func circleOf(creator string, members ...string) *Circle {
	c := &Circle{ID: "c", CreatedBy: creator}
	for _, m := range members {
		c.Members = append(c.Members, &Member{PersonID: m})
	}
	return c
}

func TestCircleCanDelete(t *testing.T) {
	c := circleOf("ana", "ana", "ben")
	if err := c.CanDelete("ana"); err != nil {
		t.Errorf("the creator may not delete: %v", err)
	}
	for _, who := range []string{"ben", "", "stranger"} {
		if err := c.CanDelete(who); ErrorCode(err) != EFORBIDDEN {
			t.Errorf("%q deletes: %v", who, err)
		}
	}
}

func TestCircleCanRemove(t *testing.T) {
	c := circleOf("ana", "ana", "ben", "cy")
	for _, tc := range []struct {
		who, member, code string
	}{
		{"ana", "ben", ""},
		{"ana", "cy", ""},
		{"ana", "ana", EINVALID},
		{"ben", "cy", EFORBIDDEN},
		{"ben", "ben", EFORBIDDEN},
		{"ben", "ana", EFORBIDDEN},
		{"ana", "stranger", ENOTFOUND},
		{"ana", "", ENOTFOUND},
	} {
		if got := ErrorCode(c.CanRemove(tc.who, tc.member)); got != tc.code {
			t.Errorf("%s removes %q: code %q, want %q", tc.who, tc.member, got, tc.code)
		}
	}
}

func TestCircleHandOver(t *testing.T) {
	for _, tc := range []struct {
		name    string
		c       *Circle
		leaving string
		want    string
	}{
		{"a member leaves, the creator stays", circleOf("ana", "ana", "ben", "cy"), "ben", "ana"},
		{"the creator leaves, the longest-standing takes over", circleOf("ana", "ana", "ben", "cy"), "ana", "ben"},
		{"the creator joined later than others", circleOf("cy", "ana", "ben", "cy"), "cy", "ana"},
		{"the last one leaves", circleOf("ana", "ana"), "ana", ""},
		{"nobody holds it (a creator long gone)", circleOf("", "ana", "ben"), "ana", "ben"},
		{"a creator not among the members", circleOf("zed", "ana", "ben"), "ben", "ana"},
	} {
		if got := tc.c.HandOver(tc.leaving); got != tc.want {
			t.Errorf("%s: HandOver(%q) = %q, want %q", tc.name, tc.leaving, got, tc.want)
		}
	}
}

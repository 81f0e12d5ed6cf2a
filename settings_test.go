package tend_test

import (
	"testing"
	"time"

	"github.com/tendcare/tend"
)

func TestQuietHours(t *testing.T) {
	night, err := tend.ParseQuietHours("22:00", "07:30")
	if err != nil || night.StartText() != "22:00" || night.EndText() != "07:30" {
		t.Fatalf("parse: %+v %v", night, err)
	}
	day, _ := tend.ParseQuietHours("09:00", "17:00")
	at := func(h, m int) time.Time { return time.Date(2026, 11, 24, h, m, 0, 0, time.UTC) }
	tests := []struct {
		q    *tend.QuietHours
		t    time.Time
		want bool
	}{
		{night, at(23, 0), true}, {night, at(3, 0), true}, {night, at(7, 29), true}, {night, at(7, 30), false},
		{night, at(12, 0), false}, {night, at(22, 0), true}, {day, at(9, 0), true}, {day, at(17, 0), false}, {day, at(8, 59), false},
	}
	for _, tc := range tests {
		if got := tc.q.Contains(tc.t); got != tc.want {
			t.Errorf("%s-%s contains %s: got %v, want %v", tc.q.StartText(), tc.q.EndText(), tc.t.Format("15:04"), got, tc.want)
		}
	}
	for _, bad := range [][2]string{{"25:00", "07:00"}, {"22:00", "7"}, {"", ""}, {"08:00", "08:00"}} {
		if _, err := tend.ParseQuietHours(bad[0], bad[1]); tend.ErrorCode(err) != tend.EINVALID {
			t.Errorf("ParseQuietHours(%q, %q): got %v, want EINVALID", bad[0], bad[1], err)
		}
	}
}

// TestQuietHoursValid: both times within a day, and different.
func TestQuietHoursValid(t *testing.T) {
	const day = 24 * 60
	tests := []struct {
		start, end int
		want       bool
	}{
		{0, 1, true},
		{day - 1, 0, true},
		{0, day - 1, true},
		{day, 0, false},
		{0, day, false},
		{-1, 60, false},
		{60, -1, false},
		{60, 60, false},
	}
	for _, tc := range tests {
		q := &tend.QuietHours{Start: tc.start, End: tc.end}
		if got := q.Valid(); got != tc.want {
			t.Errorf("%d-%d: got %v, want %v", tc.start, tc.end, got, tc.want)
		}
	}
	late := &tend.QuietHours{Start: day - 1, End: 0}
	if !late.Contains(time.Date(2026, 1, 1, 23, 59, 0, 0, time.UTC)) || late.Contains(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Error("23:59-00:00: got the wrong minute")
	}
}

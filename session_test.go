package tend_test

import (
	"testing"
	"time"

	"github.com/tendcare/tend"
)

// TestSessionExpired: a session ends after a week unused, and after 30
// days whatever its use, at the exact moment.
func TestSessionExpired(t *testing.T) {
	start := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	if tend.SessionIdleTimeout != 7*24*time.Hour || tend.SessionAbsoluteTimeout != 30*24*time.Hour {
		t.Fatalf("timeouts: got %v and %v, want 7 and 30 days", tend.SessionIdleTimeout, tend.SessionAbsoluteTimeout)
	}
	tests := []struct {
		name     string
		seen     time.Duration // after start
		now      time.Duration // after start
		expected bool
	}{
		{"JustMade", 0, 0, false},
		{"IdleJustUnderAWeek", 0, 7*24*time.Hour - time.Nanosecond, false},
		{"IdleAWeek", 0, 7 * 24 * time.Hour, true},
		{"UsedJustUnderThirtyDays", 29 * 24 * time.Hour, 30*24*time.Hour - time.Nanosecond, false},
		{"UsedButThirtyDaysOld", 29 * 24 * time.Hour, 30 * 24 * time.Hour, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := &tend.Session{CreatedAt: start, LastSeenAt: start.Add(tc.seen)}
			if got := s.Expired(start.Add(tc.now)); got != tc.expected {
				t.Errorf("got %v, want %v", got, tc.expected)
			}
		})
	}
}

// TestSessionRecentlyAuthenticated: exporting everything or deleting the
// account trusts the password given in the session for ten minutes, and
// never a session in which it was not given.
func TestSessionRecentlyAuthenticated(t *testing.T) {
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		auth time.Time
		now  time.Time
		want bool
	}{
		{"JustNow", at, at, true},
		{"JustUnderTenMinutes", at, at.Add(10*time.Minute - time.Nanosecond), true},
		{"TenMinutes", at, at.Add(10 * time.Minute), false},
		{"Never", time.Time{}, at, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := &tend.Session{AuthenticatedAt: tc.auth}
			if got := s.RecentlyAuthenticated(tc.now); got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// TestCardShareLifetime: a card link lives from an hour to 90 days, both
// included, and a lifetime is read as hours or days.
func TestCardShareLifetime(t *testing.T) {
	day := 24 * time.Hour
	for _, tc := range []struct {
		d  time.Duration
		ok bool
	}{
		{time.Hour - time.Nanosecond, false}, {time.Hour, true}, {90 * day, true}, {90*day + time.Nanosecond, false}, {-time.Hour, false}, {0, false},
	} {
		if err := tend.ValidateCardShareTTL(tc.d); (err == nil) != tc.ok || err != nil && tend.ErrorCode(err) != tend.EINVALID {
			t.Errorf("ValidateCardShareTTL(%v): got %v, want ok %v", tc.d, err, tc.ok)
		}
	}
	tests := []struct {
		in   string
		want time.Duration // 0: refused
	}{
		{"1h", time.Hour},
		{"12h", 12 * time.Hour},
		{"1d", day},
		{"30d", 30 * day},
		{"90d", 90 * day},
		{"2160h", 90 * day},
		{"91d", 0},
		{"2161h", 0},
		{"0d", 0},
		{"-1d", 0},
		{"59m", 0},
		{"d", 0},
		{"1.5d", 0},
		{"", 0},
		{"soon", 0},
	}
	for _, tc := range tests {
		got, err := tend.ParseLifetime(tc.in)
		if tc.want == 0 {
			if tend.ErrorCode(err) != tend.EINVALID || got != 0 {
				t.Errorf("ParseLifetime(%q): got %v, %v; want %s", tc.in, got, err, tend.EINVALID)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseLifetime(%q): got %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

// TestProfileNeedsReview: a saved profile is suggested for review from
// exactly 90 days after its last save; one never saved is not.
func TestProfileNeedsReview(t *testing.T) {
	saved := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		version int
		now     time.Time
		want    bool
	}{
		{"JustUnder90Days", 3, saved.Add(90*24*time.Hour - time.Nanosecond), false},
		{"90Days", 3, saved.Add(90 * 24 * time.Hour), true},
		{"NeverSaved", 0, saved.Add(365 * 24 * time.Hour), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := &tend.Profile{Version: tc.version, UpdatedAt: saved}
			if got := p.NeedsReview(tc.now); got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

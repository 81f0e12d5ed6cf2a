package tend_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/catalog"
	"github.com/tendcare/tend/plan"
)

// TestFollowupAnswer: the three answers are known, and only low and care
// tell the others.
func TestFollowupAnswer(t *testing.T) {
	tests := []struct {
		a          tend.FollowupAnswer
		valid, low bool
	}{
		{tend.FollowupGood, true, false},
		{tend.FollowupLow, true, true},
		{tend.FollowupCare, true, true},
		{"", false, false},
		{"Good", false, false},
		{"bad", false, false},
	}
	for _, tc := range tests {
		if got := tc.a.Valid(); got != tc.valid {
			t.Errorf("%q.Valid(): got %v, want %v", tc.a, got, tc.valid)
		}
		if got := tc.a.Low(); got != tc.low {
			t.Errorf("%q.Low(): got %v, want %v", tc.a, got, tc.low)
		}
	}
	if got := tend.FollowupAnswers(); !slices.Equal(got, []tend.FollowupAnswer{"good", "low", "care"}) {
		t.Errorf("answers: got %q", got)
	}
}

// TestDropTell: three choices, asking by default.
func TestDropTell(t *testing.T) {
	for _, c := range tend.DropTells() {
		if !c.Valid() {
			t.Errorf("%q: want valid", c)
		}
	}
	if got := tend.DropTells(); !slices.Equal(got, []tend.DropTell{"auto", "ask", "never"}) {
		t.Errorf("choices: got %q", got)
	}
	for _, c := range []tend.DropTell{"", "always", "Auto", "no"} {
		if c.Valid() {
			t.Errorf("%q: want invalid", c)
		}
	}
	if tend.DefaultDropTell != tend.DropTellAsk {
		t.Errorf("default: got %q, want ask", tend.DefaultDropTell)
	}
}

// TestFollowupPrefsValidate: circle ids are checked, a repeated one kept
// once, and too many refused, all about the "off_circles" field.
func TestFollowupPrefsValidate(t *testing.T) {
	many := make([]string, tend.MaxFollowupOffCircles+1)
	for i := range many {
		many[i] = "c" + strings.Repeat("x", i%50) + string(rune('a'+i%26)) + string(rune('a'+i/26%26))
	}
	tests := []struct {
		name    string
		circles []string
		want    []string // after Validate; nil with ok false for an error
		ok      bool
	}{
		{"ZeroValue", nil, nil, true},
		{"UUIDs", []string{"0190f1e2-7b3c-7d4e-8f5a-6b7c8d9e0f1a", "c_2"}, []string{"0190f1e2-7b3c-7d4e-8f5a-6b7c8d9e0f1a", "c_2"}, true},
		{"RepeatedKeptOnce", []string{"a", "b", "a"}, []string{"a", "b"}, true},
		{"ErrEmptyID", []string{""}, nil, false},
		{"ErrSpace", []string{"a b"}, nil, false},
		{"ErrControl", []string{"a\x1b[2J"}, nil, false},
		{"ErrTooLongID", []string{strings.Repeat("a", 65)}, nil, false},
		{"LongestID", []string{strings.Repeat("a", 64)}, []string{strings.Repeat("a", 64)}, true},
		{"ErrTooMany", many, nil, false},
		{"MostAllowed", many[:tend.MaxFollowupOffCircles], many[:tend.MaxFollowupOffCircles], true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := tend.FollowupPrefs{OffCircles: slices.Clone(tc.circles)}
			err := p.Validate()
			if !tc.ok {
				if tend.ErrorCode(err) != tend.EINVALID || tend.ProblemsOf(err, "").Field("off_circles") == "" {
					t.Fatalf("got %v, want EINVALID about off_circles", err)
				}
				if msg := tend.ErrorMessage(err); strings.ContainsAny(msg, "\x1b") || len(msg) > 200 {
					t.Errorf("message not short and printable: %q", msg)
				}
				return
			}
			if err != nil {
				t.Fatalf("got %v, want nil", err)
			}
			if !slices.Equal(p.OffCircles, tc.want) {
				t.Errorf("off circles: got %q, want %q", p.OffCircles, tc.want)
			}
		})
	}
}

// TestParseFollowupAfter: the forms a plan writes, and combinations of
// them, are read; anything else is EINVALID with a hint at what to write.
func TestParseFollowupAfter(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		hint string // a word the message must contain when it is refused
	}{
		{"PT1H", time.Hour, ""},
		{"PT3H", 3 * time.Hour, ""},
		{"PT6H", 6 * time.Hour, ""},
		{"PT12H", 12 * time.Hour, ""},
		{"P1D", 24 * time.Hour, ""},
		{"P3D", 72 * time.Hour, ""},
		{"PT45M", 45 * time.Minute, ""},
		{"PT1M", time.Minute, ""},
		{"PT1H30M", 90 * time.Minute, ""},
		{"PT90M", 90 * time.Minute, ""},
		{"P1DT6H", 30 * time.Hour, ""},
		{"P1DT6H30M", 30*time.Hour + 30*time.Minute, ""},
		{"P1DT30M", 24*time.Hour + 30*time.Minute, ""},
		{"PT06H", 6 * time.Hour, ""},
		{"P14D", 14 * 24 * time.Hour, ""},
		{"P13DT24H", 14 * 24 * time.Hour, ""},
		{"PT0M", 0, "at least a minute"},
		{"P0D", 0, "at least a minute"},
		{"P0DT0H0M", 0, "at least a minute"},
		{"P15D", 0, "at most 14 days"},
		{"P14DT1M", 0, "at most 14 days"},
		{"PT999999999H", 0, "at most 14 days"},
		{"P9999999999D", 0, "9 digits"},
		{"", 0, "ISO 8601"},
		{"P", 0, "ISO 8601"},
		{"PT", 0, "ISO 8601"},
		{"P1DT", 0, "ISO 8601"},
		{"T1H", 0, "ISO 8601"},
		{"6H", 0, "ISO 8601"},
		{"pt6h", 0, "ISO 8601"},
		{"PT6h", 0, "ISO 8601"},
		{" PT6H", 0, "ISO 8601"},
		{"PT6H ", 0, "ISO 8601"},
		{"-P1D", 0, "ISO 8601"},
		{"P-1D", 0, "ISO 8601"},
		{"P+1D", 0, "ISO 8601"},
		{"PT6", 0, "ISO 8601"},
		{"PTH", 0, "ISO 8601"},
		{"PT1M1H", 0, "ISO 8601"},
		{"PT1H1H", 0, "ISO 8601"},
		{"P1D1D", 0, "ISO 8601"},
		{"PT1D", 0, "ISO 8601"},
		{"P1DT1HT1M", 0, "ISO 8601"},
		{"P1H", 0, "after a T"},
		{"P1W", 0, "weeks"},
		{"P1M", 0, "months"},
		{"P1Y", 0, "years"},
		{"PT30S", 0, "seconds"},
		{"PT1.5H", 0, "fractions"},
		{"PT1,5H", 0, "fractions"},
		{"P\x1b[2JT1H", 0, `\x1b`},
		{"P\u202eT1H", 0, `\u202e`},
	}
	for _, tc := range tests {
		got, err := tend.ParseFollowupAfter(tc.in)
		if tc.hint == "" {
			if err != nil || got != tc.want {
				t.Errorf("%q: got %v, %v; want %v", tc.in, got, err, tc.want)
			}
			continue
		}
		if tend.ErrorCode(err) != tend.EINVALID || got != 0 {
			t.Errorf("%q: got %v, %v; want 0 and EINVALID", tc.in, got, err)
			continue
		}
		if msg := tend.ErrorMessage(err); !strings.Contains(msg, tc.hint) || strings.ContainsRune(msg, 0x1b) {
			t.Errorf("%q: message %q, want it printable and to mention %q", tc.in, msg, tc.hint)
		}
	}
}

// TestParseFollowupAfterReadsEveryPlan: every follow-up time the plan
// engine writes, for every kind and drop timing, is read back.
func TestParseFollowupAfterReadsEveryPlan(t *testing.T) {
	cat, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	checkins := map[string]tend.Receive{"evening-checkin": tend.Need, "good-morning-message": tend.Need, "next-day-checkin": tend.Need, "days-later-checkin": tend.Need}
	seen := map[string]bool{}
	for _, kind := range tend.Kinds() {
		for _, when := range []tend.DropWhen{tend.DropNone, tend.DropSameDay, tend.DropNextDay, tend.DropDaysLater} {
			cards := []*tend.Card{{Tend: tend.CardVersion, Name: "Sam", Receive: checkins, Drop: &tend.Drop{When: when}}}
			if kind != tend.Solo {
				cards = append(cards, &tend.Card{Tend: tend.CardVersion, Name: "Alex", Give: map[string]tend.Give{"evening-checkin": tend.Glad, "next-day-checkin": tend.Glad}})
			}
			p, err := plan.Make(cat, cards, kind)
			if err != nil {
				t.Fatalf("%s %s: %v", kind, when, err)
			}
			for _, f := range p.Followups {
				if _, err := tend.ParseFollowupAfter(f.After); err != nil {
					t.Errorf("%s %s: %v", kind, when, err)
				}
				seen[f.After] = true
			}
		}
	}
	for _, want := range []string{"PT1H", "PT3H", "PT6H", "P1D", "P3D"} {
		if !seen[want] {
			t.Errorf("no plan wrote %s; seen %v", want, seen)
		}
	}
}

// ts reads an RFC 3339 time with its offset, so that every time in these
// tables says exactly which instant it is, whatever the zone's rules.
func ts(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

func zone(tb testing.TB, name string) *time.Location {
	tb.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		tb.Fatal(err)
	}
	return loc
}

func quiet(tb testing.TB, start, end string) *tend.QuietHours {
	tb.Helper()
	q, err := tend.ParseQuietHours(start, end)
	if err != nil {
		tb.Fatal(err)
	}
	return q
}

// TestQuietHoursDelay: something due in quiet hours waits until they
// end on the person's own clock, also on the nights the clocks change.
func TestQuietHoursDelay(t *testing.T) {
	tests := []struct {
		name, zone, start, end string
		at, want               string
	}{
		{"BeforeStart", "Europe/Berlin", "22:00", "07:00", "2025-06-10T21:59:59+02:00", "2025-06-10T21:59:59+02:00"},
		{"ExactlyAtStart", "Europe/Berlin", "22:00", "07:00", "2025-06-10T22:00:00+02:00", "2025-06-11T07:00:00+02:00"},
		{"AfterMidnight", "Europe/Berlin", "22:00", "07:00", "2025-06-11T03:00:00+02:00", "2025-06-11T07:00:00+02:00"},
		{"JustBeforeEnd", "Europe/Berlin", "22:00", "07:00", "2025-06-11T06:59:59+02:00", "2025-06-11T07:00:00+02:00"},
		{"ExactlyAtEnd", "Europe/Berlin", "22:00", "07:00", "2025-06-11T07:00:00+02:00", "2025-06-11T07:00:00+02:00"},
		{"Daytime", "Europe/Berlin", "09:00", "17:00", "2025-06-11T12:00:00+02:00", "2025-06-11T17:00:00+02:00"},
		{"DaytimeBefore", "Europe/Berlin", "09:00", "17:00", "2025-06-11T08:59:00+02:00", "2025-06-11T08:59:00+02:00"},
		{"UTC", "UTC", "22:00", "07:00", "2025-06-10T23:15:00Z", "2025-06-11T07:00:00Z"},
		{"Kolkata", "Asia/Kolkata", "22:30", "06:45", "2025-01-15T17:00:00Z", "2025-01-16T06:45:00+05:30"},
		{"KolkataJustBefore", "Asia/Kolkata", "22:30", "06:45", "2025-01-15T16:59:00Z", "2025-01-15T16:59:00Z"},
		// Europe/Berlin: 2025-03-30 02:00 CET -> 03:00 CEST; 2025-10-26 03:00 CEST -> 02:00 CET.
		{"BerlinSpringNight", "Europe/Berlin", "22:00", "07:00", "2025-03-29T23:30:00+01:00", "2025-03-30T07:00:00+02:00"},
		{"BerlinAutumnNight", "Europe/Berlin", "22:00", "07:00", "2025-10-25T23:30:00+02:00", "2025-10-26T07:00:00+01:00"},
		{"BerlinAutumnSecondPass", "Europe/Berlin", "22:00", "07:00", "2025-10-26T02:30:00+01:00", "2025-10-26T07:00:00+01:00"},
		{"BerlinEndSkipped", "Europe/Berlin", "23:00", "02:30", "2025-03-30T00:30:00+01:00", "2025-03-30T03:00:00+02:00"},
		{"BerlinEndTwiceFirst", "Europe/Berlin", "23:00", "02:30", "2025-10-26T00:30:00+02:00", "2025-10-26T02:30:00+02:00"},
		{"BerlinEndTwiceSecondPass", "Europe/Berlin", "23:00", "02:30", "2025-10-26T02:10:00+01:00", "2025-10-26T02:30:00+01:00"},
		{"BerlinClocksGoBackOutOfQuiet", "Europe/Berlin", "02:15", "03:00", "2025-10-26T02:19:00+02:00", "2025-10-26T02:00:00+01:00"},
		{"BerlinBetweenTheTwo", "Europe/Berlin", "23:00", "02:30", "2025-10-26T02:40:00+02:00", "2025-10-26T02:40:00+02:00"},
		// America/New_York: 2025-03-09 02:00 EST -> 03:00 EDT; 2025-11-02 02:00 EDT -> 01:00 EST.
		{"NewYorkSpringNight", "America/New_York", "22:00", "07:00", "2025-03-08T23:00:00-05:00", "2025-03-09T07:00:00-04:00"},
		{"NewYorkAutumnNight", "America/New_York", "22:00", "07:00", "2025-11-01T23:00:00-04:00", "2025-11-02T07:00:00-05:00"},
		{"NewYorkEndSkipped", "America/New_York", "00:00", "02:30", "2025-03-09T01:00:00-05:00", "2025-03-09T03:00:00-04:00"},
		{"NewYorkEndTwiceFirst", "America/New_York", "00:00", "01:30", "2025-11-02T00:15:00-04:00", "2025-11-02T01:30:00-04:00"},
		{"NewYorkEndTwiceSecondPass", "America/New_York", "00:00", "01:30", "2025-11-02T01:10:00-05:00", "2025-11-02T01:30:00-05:00"},
		// Pacific/Auckland: 2025-04-06 03:00 NZDT -> 02:00 NZST; 2025-09-28 02:00 NZST -> 03:00 NZDT.
		{"AucklandAutumnNight", "Pacific/Auckland", "21:30", "06:30", "2025-04-05T23:00:00+13:00", "2025-04-06T06:30:00+12:00"},
		{"AucklandSpringNight", "Pacific/Auckland", "21:30", "06:30", "2025-09-27T22:00:00+12:00", "2025-09-28T06:30:00+13:00"},
		// Samoa left out 2011-12-30 altogether: the end that night never
		// comes, and where the clocks land is quiet again.
		{"DayLeftOut", "Pacific/Apia", "22:00", "07:00", "2011-12-29T23:00:00-10:00", "2011-12-31T07:00:00+14:00"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := quiet(t, tc.start, tc.end).Delay(ts(t, tc.at), zone(t, tc.zone))
			if want := ts(t, tc.want); !got.Equal(want) || got.Location() != time.UTC {
				t.Errorf("%s-%s in %s, due %s: got %s, want %s (UTC)", tc.start, tc.end, tc.zone, tc.at,
					got.In(zone(t, tc.zone)).Format(time.RFC3339), tc.want)
			}
		})
	}
	at := ts(t, "2025-06-10T23:00:00+02:00")
	if got := (*tend.QuietHours)(nil).Delay(at, zone(t, "Europe/Berlin")); !got.Equal(at) || got.Location() != time.UTC {
		t.Errorf("no quiet hours: got %s, want %s in UTC", got, at)
	}
	if got, want := quiet(t, "22:00", "07:00").Delay(at, nil), ts(t, "2025-06-10T23:00:00+02:00"); !got.Equal(want) {
		t.Errorf("no zone is UTC (21:00 there): got %s, want %s", got, want)
	}
}

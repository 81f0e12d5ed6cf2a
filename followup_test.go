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

// followupCard is a card for a plan: a drop timing ("" for none) and
// the check-in practices the person needs or gives.
func followupCard(name string, when tend.DropWhen, needs, gives []string) *tend.Card {
	c := &tend.Card{Tend: tend.CardVersion, Name: name, Receive: map[string]tend.Receive{}, Give: map[string]tend.Give{}}
	if when != "" {
		c.Drop = &tend.Drop{When: when}
	}
	for _, id := range needs {
		c.Receive[id] = tend.Need
	}
	for _, id := range gives {
		c.Give[id] = tend.Glad
	}
	return c
}

// showFollowups writes each follow-up as its due time on the person's
// clock and the plan's time after the start.
func showFollowups(fs []tend.FollowupAt, loc *time.Location) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Due.In(loc).Format(time.RFC3339)+" "+f.After.String())
	}
	return out
}

// TestScheduleFollowups: the real plan's follow-ups for every kind, for
// one person, on their clock: moved out of their quiet hours, days
// counted on their calendar, turned off where they said so.
func TestScheduleFollowups(t *testing.T) {
	cat, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	checkins := []string{"evening-checkin", "good-morning-message"}
	tests := []struct {
		name   string
		kind   tend.Kind
		sam    *tend.Card // Alex joins unless the kind is solo
		who    string
		zone   string
		quiet  []string
		start  string
		circle string
		prefs  tend.FollowupPrefs
		off    bool // for this encounter
		want   []string
		whys   []string // words each follow-up's Why holds, in order, when given
	}{
		{name: "Intense", kind: tend.Intense, sam: followupCard("Sam", "", nil, nil), zone: "Europe/Berlin", start: "2025-06-10T20:00:00+02:00",
			want: []string{"2025-06-11T02:00:00+02:00 6h0m0s", "2025-06-11T20:00:00+02:00 24h0m0s"}},
		{name: "IntenseEveningWaitsForMorning", kind: tend.Intense, sam: followupCard("Sam", "", nil, nil), zone: "Europe/Berlin", quiet: []string{"22:00", "07:00"}, start: "2025-06-10T20:00:00+02:00",
			want: []string{"2025-06-11T07:00:00+02:00 6h0m0s", "2025-06-11T20:00:00+02:00 24h0m0s"}},
		{name: "IntenseSameDayDrop", kind: tend.Intense, sam: followupCard("Sam", tend.DropSameDay, nil, nil), zone: "America/New_York", quiet: []string{"23:00", "07:00"}, start: "2025-06-10T18:00:00-04:00",
			want: []string{"2025-06-10T21:00:00-04:00 3h0m0s", "2025-06-11T18:00:00-04:00 24h0m0s"}},
		{name: "IntenseNextDayDrop", kind: tend.Intense, sam: followupCard("Sam", tend.DropNextDay, nil, nil), zone: "Asia/Kolkata", quiet: []string{"22:30", "06:45"}, start: "2025-06-10T21:30:00+05:30",
			want: []string{"2025-06-11T06:45:00+05:30 6h0m0s", "2025-06-11T21:30:00+05:30 24h0m0s"},
			whys: []string{"within hours", "next day; a check-in then"}},
		{name: "IntenseDaysLaterDrop", kind: tend.Intense, sam: followupCard("Sam", tend.DropDaysLater, nil, nil), zone: "Pacific/Auckland", quiet: []string{"22:00", "07:00"}, start: "2025-06-10T15:00:00+12:00",
			want: []string{"2025-06-10T21:00:00+12:00 6h0m0s", "2025-06-11T15:00:00+12:00 24h0m0s", "2025-06-13T15:00:00+12:00 72h0m0s"},
			whys: []string{"within hours", "next day", "a few days later"}},
		{name: "IntensePartnerGetsOnlyTheirOwn", kind: tend.Intense, sam: followupCard("Sam", tend.DropDaysLater, nil, nil), who: "Alex", zone: "UTC", start: "2025-06-10T12:00:00Z",
			want: []string{"2025-06-10T18:00:00Z 6h0m0s", "2025-06-11T12:00:00Z 24h0m0s"}},
		{name: "FirstTime", kind: tend.FirstTime, sam: followupCard("Sam", "", nil, nil), zone: "Pacific/Auckland", quiet: []string{"22:00", "07:00"}, start: "2025-06-10T23:00:00+12:00",
			want: []string{"2025-06-12T07:00:00+12:00 24h0m0s"}, whys: []string{"first time"}},
		{name: "FirstTimeNextDayAcrossSpringForward", kind: tend.FirstTime, sam: followupCard("Sam", "", nil, nil), zone: "America/New_York", quiet: []string{"22:00", "07:00"}, start: "2025-03-08T21:00:00-05:00",
			want: []string{"2025-03-09T21:00:00-04:00 24h0m0s"}},
		{name: "FirstTimeNextDayAcrossFallBack", kind: tend.FirstTime, sam: followupCard("Sam", "", nil, nil), zone: "Europe/Berlin", quiet: []string{"22:00", "07:00"}, start: "2025-10-25T21:30:00+02:00",
			want: []string{"2025-10-26T21:30:00+01:00 24h0m0s"}},
		{name: "FirstTimeNextDayHourSkipped", kind: tend.FirstTime, sam: followupCard("Sam", "", nil, nil), zone: "Europe/Berlin", start: "2025-03-29T02:30:00+01:00",
			want: []string{"2025-03-30T03:00:00+02:00 24h0m0s"}},
		{name: "FirstTimeNextDayHourTwice", kind: tend.FirstTime, sam: followupCard("Sam", "", nil, nil), zone: "America/New_York", start: "2025-11-01T01:30:00-04:00",
			want: []string{"2025-11-02T01:30:00-04:00 24h0m0s"}},
		{name: "LongDistance", kind: tend.LongDistance, sam: followupCard("Sam", "", nil, nil), zone: "UTC", quiet: []string{"22:00", "07:00"}, start: "2025-06-10T20:30:00Z",
			want: []string{"2025-06-10T21:30:00Z 1h0m0s"}, whys: []string{"an hour later"}},
		{name: "LongDistanceIntoQuiet", kind: tend.LongDistance, sam: followupCard("Sam", "", nil, nil), zone: "UTC", quiet: []string{"22:00", "07:00"}, start: "2025-06-10T21:30:00Z",
			want: []string{"2025-06-11T07:00:00Z 1h0m0s"}},
		{name: "Quickie", kind: tend.Quickie, sam: followupCard("Sam", "", nil, nil), zone: "Europe/Berlin", start: "2025-06-10T12:00:00+02:00"},
		{name: "QuickieSameDayDrop", kind: tend.Quickie, sam: followupCard("Sam", tend.DropSameDay, nil, nil), zone: "Europe/Berlin", start: "2025-06-10T12:00:00+02:00",
			want: []string{"2025-06-10T15:00:00+02:00 3h0m0s"}},
		{name: "Solo", kind: tend.Solo, sam: followupCard("Sam", tend.DropNextDay, nil, nil), zone: "Asia/Kolkata", quiet: []string{"23:00", "06:00"}, start: "2025-06-10T23:30:00+05:30",
			want: []string{"2025-06-12T06:00:00+05:30 24h0m0s"}},
		{name: "SoloIsTheirsWhateverTheName", kind: tend.Solo, sam: followupCard("Sam", tend.DropSameDay, nil, nil), who: "Samantha", zone: "UTC", start: "2025-06-10T10:00:00Z",
			want: []string{"2025-06-10T13:00:00Z 3h0m0s"}},
		{name: "NameAsThePlanComparesIt", kind: tend.FirstTime, sam: followupCard("Sam", "", nil, nil), who: " sAM ", zone: "UTC", start: "2025-06-10T10:00:00Z",
			want: []string{"2025-06-11T10:00:00Z 24h0m0s"}},
		{name: "SomeoneElse", kind: tend.FirstTime, sam: followupCard("Sam", "", nil, nil), who: "Samantha", zone: "UTC", start: "2025-06-10T10:00:00Z"},
		{name: "Gentle", kind: tend.Gentle, sam: followupCard("Sam", "", nil, nil), zone: "Europe/Berlin", start: "2025-06-10T19:00:00+02:00"},
		{name: "GentleAsked", kind: tend.Gentle, sam: followupCard("Sam", "", nil, nil), zone: "Europe/Berlin", start: "2025-06-10T19:00:00+02:00",
			prefs: tend.FollowupPrefs{AfterGentle: true}, want: []string{"2025-06-11T19:00:00+02:00 24h0m0s"}, whys: []string{"gentle"}},
		{name: "GentleAskedIntoQuiet", kind: tend.Gentle, sam: followupCard("Sam", "", nil, nil), zone: "America/New_York", quiet: []string{"22:00", "07:00"}, start: "2025-06-10T23:30:00-04:00",
			prefs: tend.FollowupPrefs{AfterGentle: true}, want: []string{"2025-06-12T07:00:00-04:00 24h0m0s"}},
		{name: "GentleAskedMergesWithNextDayDrop", kind: tend.Gentle, sam: followupCard("Sam", tend.DropNextDay, nil, nil), zone: "Europe/Berlin", start: "2025-06-10T19:00:00+02:00",
			prefs: tend.FollowupPrefs{AfterGentle: true}, want: []string{"2025-06-11T19:00:00+02:00 24h0m0s"}, whys: []string{"next day. You asked"}},
		{name: "AskedAfterGentleNotAfterQuickie", kind: tend.Quickie, sam: followupCard("Sam", "", nil, nil), zone: "UTC", start: "2025-06-10T10:00:00Z",
			prefs: tend.FollowupPrefs{AfterGentle: true}},
		{name: "CheckinsInQuietHoursBecomeOne", kind: tend.Gentle, sam: followupCard("Sam", "", checkins, nil), zone: "Europe/Berlin", quiet: []string{"22:00", "07:00"}, start: "2025-06-10T19:30:00+02:00",
			want: []string{"2025-06-11T07:00:00+02:00 6h0m0s"}, whys: []string{"that evening; Alex is glad to send it. Sam needs a good-morning message"}},
		{name: "CheckinsApart", kind: tend.Gentle, sam: followupCard("Sam", "", checkins, nil), zone: "Europe/Berlin", start: "2025-06-10T19:30:00+02:00",
			want: []string{"2025-06-11T01:30:00+02:00 6h0m0s", "2025-06-11T07:30:00+02:00 12h0m0s"}},
		{name: "OffEverywhere", kind: tend.Intense, sam: followupCard("Sam", tend.DropNextDay, nil, nil), zone: "UTC", start: "2025-06-10T10:00:00Z", circle: "c1",
			prefs: tend.FollowupPrefs{Off: true, AfterGentle: true}},
		{name: "OffForTheCircle", kind: tend.Intense, sam: followupCard("Sam", tend.DropNextDay, nil, nil), zone: "UTC", start: "2025-06-10T10:00:00Z", circle: "c1",
			prefs: tend.FollowupPrefs{OffCircles: []string{"c0", "c1"}}},
		{name: "OffForAnotherCircle", kind: tend.Intense, sam: followupCard("Sam", "", nil, nil), zone: "UTC", start: "2025-06-10T10:00:00Z", circle: "c1",
			prefs: tend.FollowupPrefs{OffCircles: []string{"c2"}}, want: []string{"2025-06-10T16:00:00Z 6h0m0s", "2025-06-11T10:00:00Z 24h0m0s"}},
		{name: "OffForTheEncounter", kind: tend.Intense, sam: followupCard("Sam", tend.DropNextDay, nil, nil), zone: "UTC", start: "2025-06-10T10:00:00Z", circle: "c1", off: true},
		{name: "OffForTheEncounterGentle", kind: tend.Gentle, sam: followupCard("Sam", "", nil, nil), zone: "UTC", start: "2025-06-10T10:00:00Z", circle: "c1", off: true,
			prefs: tend.FollowupPrefs{AfterGentle: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cards := []*tend.Card{tc.sam}
			if tc.kind != tend.Solo {
				cards = append(cards, followupCard("Alex", "", nil, []string{"evening-checkin", "good-morning-message"}))
			}
			p, err := plan.Make(cat, cards, tc.kind)
			if err != nil {
				t.Fatal(err)
			}
			who := tc.who
			if who == "" {
				who = "Sam"
			}
			loc := zone(t, tc.zone)
			in := tend.FollowupInput{Start: ts(t, tc.start), Kind: tc.kind, CircleID: tc.circle, Followups: p.Followups,
				Name: who, Loc: loc, Prefs: tc.prefs, EncounterOff: tc.off}
			if tc.quiet != nil {
				in.Quiet = quiet(t, tc.quiet[0], tc.quiet[1])
			}
			got, err := tend.ScheduleFollowups(in)
			if err != nil {
				t.Fatal(err)
			}
			if s := showFollowups(got, loc); !slices.Equal(s, tc.want) {
				t.Errorf("follow-ups of %s after %s (plan %v):\ngot  %q\nwant %q", who, tc.start, p.Followups, s, tc.want)
			}
			for i, f := range got {
				if f.Due.Location() != time.UTC || f.Why == "" {
					t.Errorf("follow-up %d: due %s in %s, why %q; want UTC and a reason", i, f.Due, f.Due.Location(), f.Why)
				}
				if i < len(tc.whys) && !strings.Contains(f.Why, tc.whys[i]) {
					t.Errorf("follow-up %d: why %q, want it to hold %q", i, f.Why, tc.whys[i])
				}
			}
		})
	}
}

// TestScheduleFollowupsMerge: follow-ups less than an hour apart, once
// out of quiet hours, are one, counted from the earliest kept; each
// reason is kept once; the plan's order does not matter.
func TestScheduleFollowupsMerge(t *testing.T) {
	f := func(after, why string) tend.Followup {
		return tend.Followup{After: after, For: []string{"Alex", "Sam"}, Why: why}
	}
	tests := []struct {
		name  string
		plan  []tend.Followup
		quiet []string
		want  []string // due and after, then the reason
	}{
		{"HourApartStayTwo", []tend.Followup{f("PT1H", "a."), f("PT2H", "b.")}, nil,
			[]string{"2025-06-10T11:00:00Z 1h0m0s a.", "2025-06-10T12:00:00Z 2h0m0s b."}},
		{"LessThanAnHourApartBecomeOne", []tend.Followup{f("PT1H", "a."), f("PT1H59M", "b.")}, nil,
			[]string{"2025-06-10T11:00:00Z 1h0m0s a. b."}},
		{"CountedFromTheFirstKept", []tend.Followup{f("PT1H", "a."), f("PT1H40M", "b."), f("PT2H20M", "c.")}, nil,
			[]string{"2025-06-10T11:00:00Z 1h0m0s a. b.", "2025-06-10T12:20:00Z 2h20m0s c."}},
		{"SameReasonOnce", []tend.Followup{f("PT13H", "a."), f("PT14H", "a."), f("PT15H", "b.")}, []string{"22:00", "07:00"},
			[]string{"2025-06-11T07:00:00Z 13h0m0s a. b."}},
		{"InTimeOrderNotPlanOrder", []tend.Followup{f("P1D", "late."), f("PT3H", "soon.")}, nil,
			[]string{"2025-06-10T13:00:00Z 3h0m0s soon.", "2025-06-11T10:00:00Z 24h0m0s late."}},
		{"EarlierOffsetFirstWhenDueTogether", []tend.Followup{f("PT20H", "b."), f("PT13H", "a.")}, []string{"22:00", "07:00"},
			[]string{"2025-06-11T07:00:00Z 13h0m0s a. b."}},
		{"WithoutReason", []tend.Followup{f("PT1H", ""), f("PT1H30M", "b.")}, nil,
			[]string{"2025-06-10T11:00:00Z 1h0m0s b."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := tend.FollowupInput{Start: ts(t, "2025-06-10T10:00:00Z"), Kind: tend.Intense, Followups: tc.plan, Name: "Sam"}
			if tc.quiet != nil {
				in.Quiet = quiet(t, tc.quiet[0], tc.quiet[1])
			}
			got, err := tend.ScheduleFollowups(in)
			if err != nil {
				t.Fatal(err)
			}
			var s []string
			for i, x := range showFollowups(got, time.UTC) {
				s = append(s, x+" "+got[i].Why)
			}
			if !slices.Equal(s, tc.want) {
				t.Errorf("got  %q\nwant %q", s, tc.want)
			}
		})
	}
}

// TestScheduleFollowupsErrors: what cannot be scheduled says why, unless
// the person wants none anyway.
func TestScheduleFollowupsErrors(t *testing.T) {
	good := tend.FollowupInput{Start: ts(t, "2025-06-10T10:00:00Z"), Kind: tend.Intense, Name: "Sam",
		Followups: []tend.Followup{{After: "PT6H", For: []string{"Sam"}, Why: "a."}}}
	tests := []struct {
		name   string
		change func(*tend.FollowupInput)
		code   string
	}{
		{"Good", func(*tend.FollowupInput) {}, ""},
		{"ErrNoStart", func(in *tend.FollowupInput) { in.Start = time.Time{} }, tend.EINVALID},
		{"ErrKind", func(in *tend.FollowupInput) { in.Kind = "romantic" }, tend.EINVALID},
		{"ErrNoName", func(in *tend.FollowupInput) { in.Name = " " }, tend.EINVALID},
		{"NoNameSolo", func(in *tend.FollowupInput) { in.Name, in.Kind = "", tend.Solo }, ""},
		{"ErrAfter", func(in *tend.FollowupInput) {
			in.Followups = append(in.Followups, tend.Followup{After: "P1M", For: []string{"Sam"}})
		}, tend.EINVALID},
		{"OthersAfterIsTheirs", func(in *tend.FollowupInput) {
			in.Followups = append(in.Followups, tend.Followup{After: "P1M", For: []string{"Alex"}})
		}, ""},
		{"OffNeedsNothing", func(in *tend.FollowupInput) { in.Prefs.Off, in.Start, in.Kind = true, time.Time{}, "" }, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := good
			in.Followups = slices.Clone(good.Followups)
			tc.change(&in)
			got, err := tend.ScheduleFollowups(in)
			if code := tend.ErrorCode(err); code != tc.code {
				t.Fatalf("got %v (%q), want code %q", err, code, tc.code)
			}
			if err != nil && (got != nil || tend.ErrorMessage(err) == "") {
				t.Errorf("got %v with %v; want nothing and a message", got, err)
			}
		})
	}
}

// TestSnooze: each choice, on the person's clock, out of their quiet
// hours, across clock changes; an unknown choice lists the known ones.
func TestSnooze(t *testing.T) {
	tests := []struct {
		name   string
		choice tend.SnoozeChoice
		zone   string
		quiet  []string
		now    string
		want   string
	}{
		{"Hour", tend.SnoozeHour, "Europe/Berlin", nil, "2025-06-10T14:00:00+02:00", "2025-06-10T15:00:00+02:00"},
		{"HourIntoQuiet", tend.SnoozeHour, "Europe/Berlin", []string{"22:00", "07:00"}, "2025-06-10T21:30:00+02:00", "2025-06-11T07:00:00+02:00"},
		{"HourToQuietStart", tend.SnoozeHour, "Europe/Berlin", []string{"22:00", "07:00"}, "2025-06-10T21:00:00+02:00", "2025-06-11T07:00:00+02:00"},
		{"HourToQuietEnd", tend.SnoozeHour, "Europe/Berlin", []string{"22:00", "07:00"}, "2025-06-11T06:00:00+02:00", "2025-06-11T07:00:00+02:00"},
		{"HourJustBeforeQuiet", tend.SnoozeHour, "Asia/Kolkata", []string{"22:30", "06:45"}, "2025-06-10T21:29:00+05:30", "2025-06-10T22:29:00+05:30"},
		{"ThreeHours", tend.SnoozeThreeHours, "UTC", nil, "2025-06-10T12:00:00Z", "2025-06-10T15:00:00Z"},
		{"ThreeHoursIntoQuiet", tend.SnoozeThreeHours, "America/New_York", []string{"22:00", "07:00"}, "2025-06-10T20:00:00-04:00", "2025-06-11T07:00:00-04:00"},
		{"ThreeHoursAcrossSpringForward", tend.SnoozeThreeHours, "America/New_York", nil, "2025-03-09T00:30:00-05:00", "2025-03-09T04:30:00-04:00"},
		{"ThreeHoursAcrossFallBack", tend.SnoozeThreeHours, "Europe/Berlin", nil, "2025-10-26T01:30:00+02:00", "2025-10-26T03:30:00+01:00"},
		{"Morning", tend.SnoozeMorning, "Europe/Berlin", nil, "2025-06-10T14:00:00+02:00", "2025-06-11T09:00:00+02:00"},
		{"MorningLateEvening", tend.SnoozeMorning, "Pacific/Auckland", nil, "2025-06-10T23:30:00+12:00", "2025-06-11T09:00:00+12:00"},
		{"MorningEarlyMorning", tend.SnoozeMorning, "UTC", nil, "2025-06-11T07:00:00Z", "2025-06-12T09:00:00Z"},
		{"MorningInTheNightIsTheComingOne", tend.SnoozeMorning, "Europe/Berlin", nil, "2025-06-11T01:00:00+02:00", "2025-06-11T09:00:00+02:00"},
		{"MorningNightEndsAtFour", tend.SnoozeMorning, "Europe/Berlin", nil, "2025-06-11T03:59:00+02:00", "2025-06-11T09:00:00+02:00"},
		{"MorningFromFourIsTomorrow", tend.SnoozeMorning, "Europe/Berlin", nil, "2025-06-11T04:00:00+02:00", "2025-06-12T09:00:00+02:00"},
		{"MorningQuietEndsEarlier", tend.SnoozeMorning, "Asia/Kolkata", []string{"22:00", "07:00"}, "2025-06-10T21:00:00+05:30", "2025-06-11T09:00:00+05:30"},
		{"MorningQuietEndsLater", tend.SnoozeMorning, "Asia/Kolkata", []string{"23:00", "10:00"}, "2025-06-10T21:00:00+05:30", "2025-06-11T10:00:00+05:30"},
		{"MorningAfterFallBack", tend.SnoozeMorning, "Europe/Berlin", []string{"22:00", "07:00"}, "2025-10-25T20:00:00+02:00", "2025-10-26T09:00:00+01:00"},
		{"MorningAfterSpringForward", tend.SnoozeMorning, "America/New_York", []string{"22:00", "07:00"}, "2025-03-08T22:00:00-05:00", "2025-03-09T09:00:00-04:00"},
		{"MorningAfterFallBackNewYork", tend.SnoozeMorning, "America/New_York", nil, "2025-11-02T01:30:00-05:00", "2025-11-02T09:00:00-05:00"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var q *tend.QuietHours
			if tc.quiet != nil {
				q = quiet(t, tc.quiet[0], tc.quiet[1])
			}
			loc := zone(t, tc.zone)
			got, err := tend.Snooze(ts(t, tc.now), tc.choice, loc, q)
			if err != nil {
				t.Fatal(err)
			}
			if want := ts(t, tc.want); !got.Equal(want) || got.Location() != time.UTC {
				t.Errorf("%s at %s: got %s, want %s (UTC)", tc.choice, tc.now, got.In(loc).Format(time.RFC3339), tc.want)
			}
		})
	}
	if got, err := tend.Snooze(ts(t, "2025-06-10T23:30:00+02:00"), tend.SnoozeMorning, nil, nil); err != nil || !got.Equal(ts(t, "2025-06-11T09:00:00Z")) {
		t.Errorf("no zone is UTC: got %s, %v; want 09:00 UTC the next day", got, err)
	}
	for _, c := range []tend.SnoozeChoice{"", "2h", "Hour", "tomorrow", "hour\x1b"} {
		got, err := tend.Snooze(ts(t, "2025-06-10T12:00:00Z"), c, time.UTC, nil)
		msg := tend.ProblemsOf(err, "").Field("snooze")
		if tend.ErrorCode(err) != tend.EINVALID || !got.IsZero() || msg == "" || strings.ContainsRune(msg, 0x1b) {
			t.Errorf("%q: got %s, %v; want EINVALID about snooze", c, got, err)
		}
		for _, name := range tend.SnoozeChoices() {
			if !strings.Contains(msg, string(name)) {
				t.Errorf("%q: message %q does not offer %s", c, msg, name)
			}
		}
		if c.Valid() {
			t.Errorf("%q: want invalid", c)
		}
	}
	for _, c := range tend.SnoozeChoices() {
		if !c.Valid() {
			t.Errorf("%q: want valid", c)
		}
	}
}

// TestFollowupQuestion: the question names the time since the encounter
// as the person would, on their own clock and calendar.
func TestFollowupQuestion(t *testing.T) {
	tests := []struct {
		name, zone, encounter, due, want string
	}{
		{"ThisMorning", "Europe/Berlin", "2025-06-10T09:00:00+02:00", "2025-06-10T15:00:00+02:00", "this morning"},
		{"ThisAfternoon", "Europe/Berlin", "2025-06-10T12:00:00+02:00", "2025-06-10T18:00:00+02:00", "this afternoon"},
		{"ThisEvening", "America/New_York", "2025-06-10T17:00:00-04:00", "2025-06-10T21:00:00-04:00", "this evening"},
		{"EarlierTonight", "America/New_York", "2025-06-10T22:00:00-04:00", "2025-06-11T01:00:00-04:00", "earlier tonight"},
		{"AfterMidnightStillTonight", "Asia/Kolkata", "2025-06-11T00:30:00+05:30", "2025-06-11T03:59:00+05:30", "earlier tonight"},
		{"LastNight", "Europe/Berlin", "2025-06-10T21:59:00+02:00", "2025-06-11T07:00:00+02:00", "last night"},
		{"LastNightFromTheSmallHours", "Europe/Berlin", "2025-06-11T02:00:00+02:00", "2025-06-11T04:00:00+02:00", "last night"},
		{"LastNightUntilFive", "Europe/Berlin", "2025-06-10T23:00:00+02:00", "2025-06-11T16:59:00+02:00", "last night"},
		{"YesterdayInTheEvening", "Europe/Berlin", "2025-06-10T23:00:00+02:00", "2025-06-11T17:00:00+02:00", "yesterday"},
		{"YesterdayMorning", "Pacific/Auckland", "2025-06-10T10:00:00+12:00", "2025-06-11T10:00:00+12:00", "yesterday"},
		{"YesterdayAfternoonAtNight", "UTC", "2025-06-10T16:59:00Z", "2025-06-11T07:00:00Z", "yesterday"},
		{"YesterdayLateAtNight", "UTC", "2025-06-09T20:00:00Z", "2025-06-11T02:00:00Z", "yesterday"},
		{"Weekday", "Europe/Berlin", "2025-06-07T20:00:00+02:00", "2025-06-10T20:00:00+02:00", "Saturday"},
		{"WeekdayOfTheNightBefore", "Europe/Berlin", "2025-06-08T01:00:00+02:00", "2025-06-10T09:00:00+02:00", "Saturday"},
		{"SixDays", "America/New_York", "2025-06-04T12:00:00-04:00", "2025-06-10T12:00:00-04:00", "Wednesday"},
		{"Date", "Europe/Berlin", "2025-05-03T20:00:00+02:00", "2025-05-10T20:00:00+02:00", "3 May"},
		{"DateOfAnotherYear", "Pacific/Auckland", "2024-12-28T20:00:00+13:00", "2025-01-05T09:00:00+13:00", "28 December 2024"},
		{"DueBeforeTheEncounter", "UTC", "2025-06-10T12:00:00Z", "2025-06-10T11:00:00Z", "this afternoon"},
		{"DaysAcrossSpringForward", "Europe/Berlin", "2025-03-29T23:30:00+01:00", "2025-03-30T09:00:00+02:00", "last night"},
		{"DaysAcrossFallBack", "America/New_York", "2025-11-01T20:00:00-04:00", "2025-11-03T19:00:00-05:00", "Saturday"},
		// One pair of instants, each person on their own clock.
		{"UTCSees", "UTC", "2025-06-10T20:00:00Z", "2025-06-11T07:00:00Z", "last night"},
		{"AucklandSees", "Pacific/Auckland", "2025-06-10T20:00:00Z", "2025-06-11T07:00:00Z", "this morning"},
		{"NewYorkSees", "America/New_York", "2025-06-10T20:00:00Z", "2025-06-11T07:00:00Z", "this afternoon"},
		{"KolkataSees", "Asia/Kolkata", "2025-06-10T20:00:00Z", "2025-06-11T07:00:00Z", "last night"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tend.FollowupQuestion(ts(t, tc.due), ts(t, tc.encounter), zone(t, tc.zone))
			if want := "How are you feeling since " + tc.want + "?"; got != want {
				t.Errorf("encounter %s, due %s in %s: got %q, want %q", tc.encounter, tc.due, tc.zone, got, want)
			}
		})
	}
	if got := tend.FollowupQuestion(ts(t, "2025-06-11T07:00:00Z"), ts(t, "2025-06-10T20:00:00Z"), nil); got != "How are you feeling since last night?" {
		t.Errorf("no zone is UTC: got %q", got)
	}
}

// BenchmarkScheduleFollowups: one person's follow-ups after an intense
// encounter (three, one moved out of quiet hours, across a clock change),
// the work starting an aftercare adds per member.
func BenchmarkScheduleFollowups(b *testing.B) {
	in := tend.FollowupInput{Start: ts(b, "2025-10-25T20:00:00+02:00"), Kind: tend.Intense, Name: "Sam",
		Loc: zone(b, "Europe/Berlin"), Quiet: quiet(b, "22:00", "07:00"), Prefs: tend.FollowupPrefs{OffCircles: []string{"c2"}}, CircleID: "c1",
		Followups: []tend.Followup{{After: "PT6H", For: []string{"Alex", "Sam"}, Why: "a."}, {After: "P1D", For: []string{"Alex", "Sam"}, Why: "b."},
			{After: "P3D", For: []string{"Sam"}, Why: "c."}}}
	for b.Loop() {
		if fs, err := tend.ScheduleFollowups(in); err != nil || len(fs) != 3 {
			b.Fatal(fs, err)
		}
	}
}

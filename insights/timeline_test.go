package insights

import (
	"reflect"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

func TestMood(t *testing.T) {
	tokyo := time.FixedZone("Tokyo", 9*3600)
	for _, tc := range []struct {
		name    string
		h       *tend.History
		now     time.Time
		loc     *time.Location
		months  []MoodMonth
		reading string
	}{
		{"NoHistory", history().build(), day(6, 1), nil, []MoodMonth{},
			"How you felt after will show here once you have reflected a few times."},
		{"TooLittle", history().enc(day(5, 3), refl(2)).enc(day(6, 1), refl(5)).build(), day(6, 20), nil,
			[]MoodMonth{{Month: "2026-05", Reflections: 1, Mean: 2}, {Month: "2026-06", Reflections: 1, Mean: 5}},
			"There is too little to see a pattern yet: 2 reflections so far."},
		{"EncountersWithoutReflectionsAreNoGuess", history().enc(day(5, 3)).enc(day(6, 1)).enc(day(6, 2)).build(), day(6, 20), nil,
			[]MoodMonth{{Month: "2026-05"}, {Month: "2026-06"}},
			"How you felt after will show here once you have reflected a few times."},
		{"SixMonthsMarchLowest", history().
			enc(day(1, 3), refl(4)).enc(day(1, 9), refl(5)).enc(day(1, 20), refl(4)).
			enc(day(3, 2), refl(2)).enc(day(3, 4), refl(3)).
			enc(day(5, 5), refl(5)).enc(day(6, 1), refl(4)).build(), day(6, 20), nil,
			[]MoodMonth{{Month: "2026-01", Reflections: 3, Mean: 4.3}, {Month: "2026-02"},
				{Month: "2026-03", Reflections: 2, Mean: 2.5}, {Month: "2026-04"},
				{Month: "2026-05", Reflections: 1, Mean: 5}, {Month: "2026-06", Reflections: 1, Mean: 4}},
			"Over the last 6 months you felt 3.9 out of 5 on average after; March was the lowest."},
		{"TwoLowest", history().
			enc(day(1, 3), refl(3)).enc(day(2, 3), refl(5)).enc(day(3, 3), refl(3)).build(), day(3, 20), nil,
			[]MoodMonth{{Month: "2026-01", Reflections: 1, Mean: 3}, {Month: "2026-02", Reflections: 1, Mean: 5},
				{Month: "2026-03", Reflections: 1, Mean: 3}},
			"Over the last 3 months you felt 3.7 out of 5 on average after; January and March were the lowest."},
		{"AllAlikeNoLowest", history().
			enc(day(1, 3), refl(4)).enc(day(2, 3), refl(4)).enc(day(2, 9), refl(4)).build(), day(2, 20), nil,
			[]MoodMonth{{Month: "2026-01", Reflections: 1, Mean: 4}, {Month: "2026-02", Reflections: 2, Mean: 4}},
			"Over the last 2 months you felt 4 out of 5 on average after."},
		{"ThisMonth", history().enc(day(2, 3), refl(4)).enc(day(2, 4), refl(3)).enc(day(2, 9), refl(4)).build(), day(2, 20), nil,
			[]MoodMonth{{Month: "2026-02", Reflections: 3, Mean: 3.7}},
			"This month you felt 3.7 out of 5 on average after."},
		{"AcrossYearsNamesTheYear", history().
			enc(time.Date(2025, 12, 3, 0, 0, 0, 0, time.UTC), refl(2)).enc(day(1, 3), refl(4)).enc(day(1, 9), refl(5)).build(), day(1, 20), nil,
			[]MoodMonth{{Month: "2025-12", Reflections: 1, Mean: 2}, {Month: "2026-01", Reflections: 2, Mean: 4.5}},
			"Over the last 2 months you felt 3.7 out of 5 on average after; December 2025 was the lowest."},
		{"MonthsInThePersonsZone", history().
			enc(time.Date(2026, 1, 31, 20, 0, 0, 0, time.UTC), refl(4)).build(), day(2, 10), tokyo,
			[]MoodMonth{{Month: "2026-02", Reflections: 1, Mean: 4}},
			"There is too little to see a pattern yet: 1 reflection so far."},
		{"MoodOneCounts", history().enc(day(2, 3), refl(1)).enc(day(2, 4), refl(1)).enc(day(2, 9), refl(4)).build(), day(2, 20), nil,
			[]MoodMonth{{Month: "2026-02", Reflections: 3, Mean: 2}},
			"This month you felt 2 out of 5 on average after."},
		{"FollowupsByTheMonthAnswered", history().
			enc(time.Date(2026, 1, 31, 20, 0, 0, 0, time.UTC), aftercare(0, 20*time.Minute),
				followup(tend.FollowupGood, 2*hour), followup(tend.FollowupLow, 5*hour), followup(tend.FollowupCare, 30*hour),
				followup(tend.FollowupCare, 31*hour)).build(), day(2, 10), nil,
			[]MoodMonth{{Month: "2026-01", Good: 1}, {Month: "2026-02", Low: 1, Care: 2}},
			"How you felt after will show here once you have reflected a few times."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := mine(t, tc.h, testNames, tc.now, tc.loc).Mood
			if !reflect.DeepEqual(got.Months, tc.months) {
				t.Errorf("months:\ngot  %+v\nwant %+v", got.Months, tc.months)
			}
			if got.Reading != tc.reading {
				t.Errorf("reading:\ngot  %q\nwant %q", got.Reading, tc.reading)
			}
		})
	}
}

func TestMoodAtMost24Months(t *testing.T) {
	b := history()
	for m := range 30 {
		b.enc(time.Date(2024, time.Month(1+m), 10, 0, 0, 0, 0, time.UTC), refl(3))
	}
	now := time.Date(2026, 6, 20, 0, 0, 0, 0, time.UTC)
	got := mine(t, b.build(), testNames, now, nil)
	if n := len(got.Mood.Months); n != MaxMonths {
		t.Fatalf("got %d months, want %d", n, MaxMonths)
	}
	if first, last := got.Mood.Months[0].Month, got.Mood.Months[MaxMonths-1].Month; first != "2024-07" || last != "2026-06" {
		t.Errorf("got %s to %s, want 2024-07 to 2026-06", first, last)
	}
	if len(got.Rhythm.Months) != MaxMonths {
		t.Errorf("rhythm has %d months, want %d", len(got.Rhythm.Months), MaxMonths)
	}
	for i, m := range got.Mood.Months {
		if m.Reflections != 1 || got.Rhythm.Months[i].Encounters != 1 {
			t.Errorf("%s: %d reflections, %d encounters; want 1 and 1 (older ones left out)", m.Month, m.Reflections, got.Rhythm.Months[i].Encounters)
		}
	}
	// Older months leave the chart, not the counts: 30 encounters.
	if got.Encounters != 30 {
		t.Errorf("encounters %d, want 30", got.Encounters)
	}
	want := "Over the last 24 months you felt 3 out of 5 on average after (older months are left out)."
	if r := got.Mood.Reading; r != want {
		t.Errorf("reading %q, want %q", r, want)
	}
}

func TestRhythm(t *testing.T) {
	for _, tc := range []struct {
		name    string
		h       *tend.History
		now     time.Time
		months  []RhythmMonth
		reading string
	}{
		{"NoHistory", history().build(), day(6, 1), []RhythmMonth{},
			"How often aftercare happened will show here after your first encounter."},
		{"MediansByMonth", history().
			enc(day(1, 2), aftercare(0, 10*time.Minute)).enc(day(1, 3), aftercare(0, 30*time.Minute)).
			enc(day(1, 4), aftercare(0, 20*time.Minute)).
			enc(day(3, 2), aftercare(0, 10*time.Minute)).enc(day(3, 3), aftercare(0, 15*time.Minute)).
			enc(day(3, 4), noAftercare()).build(), day(3, 9),
			[]RhythmMonth{{Month: "2026-01", Encounters: 3, Aftercare: 3, Minutes: 20}, {Month: "2026-02"},
				{Month: "2026-03", Encounters: 3, Aftercare: 2, Minutes: 13}},
			"Aftercare happened 5 times in the last 3 months, usually for about 15 minutes."},
		{"NonsenseLengthsLeftOut", history().
			enc(day(1, 2), aftercare(0, -5*time.Minute)).enc(day(1, 3), aftercare(0, 0)).
			enc(day(1, 4), aftercare(0, MaxAftercare+time.Minute)).enc(day(1, 5), aftercare(0, MaxAftercare)).
			enc(day(1, 6), aftercare(0, 40*time.Minute)).build(), day(1, 9),
			[]RhythmMonth{{Month: "2026-01", Encounters: 5, Aftercare: 5, Minutes: 200}},
			"Aftercare happened 5 times this month, usually for about 3 hours and 20 minutes."},
		{"ReflectedRightAway", history().enc(day(1, 2), func(e *tend.PastEncounter) { e.AftercareEnd = e.AftercareAt }).build(), day(1, 9),
			[]RhythmMonth{{Month: "2026-01", Encounters: 1, Aftercare: 1}},
			"Aftercare happened once this month, for under a minute."},
		{"OnceUntimed", history().enc(day(1, 2), aftercare(0, 0)).build(), day(1, 9),
			[]RhythmMonth{{Month: "2026-01", Encounters: 1, Aftercare: 1}},
			"Aftercare happened once this month."},
		{"OnceTimed", history().enc(day(1, 2), aftercare(0, time.Hour)).build(), day(2, 9),
			[]RhythmMonth{{Month: "2026-01", Encounters: 1, Aftercare: 1, Minutes: 60}, {Month: "2026-02"}},
			"Aftercare happened once in the last 2 months, for about an hour."},
		{"NoAftercare", history().enc(day(1, 2), noAftercare()).enc(day(1, 3), noAftercare()).build(), day(1, 9),
			[]RhythmMonth{{Month: "2026-01", Encounters: 2}},
			"Aftercare was not started in Tend after 2 encounters this month."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := mine(t, tc.h, testNames, tc.now, nil).Rhythm
			if !reflect.DeepEqual(got.Months, tc.months) {
				t.Errorf("months:\ngot  %+v\nwant %+v", got.Months, tc.months)
			}
			if got.Reading != tc.reading {
				t.Errorf("reading:\ngot  %q\nwant %q", got.Reading, tc.reading)
			}
		})
	}
}

func TestAbout(t *testing.T) {
	for _, tc := range []struct {
		mins int
		want string
	}{{0, "under a minute"}, {1, "about a minute"}, {20, "about 20 minutes"}, {60, "about an hour"},
		{61, "about 1 hour and 1 minute"}, {120, "about 2 hours"}, {150, "about 2 hours and 30 minutes"}} {
		if got := about(tc.mins); got != tc.want {
			t.Errorf("about(%d) = %q, want %q", tc.mins, got, tc.want)
		}
	}
}

func TestMonth(t *testing.T) {
	for _, tc := range []struct {
		m          month
		want, name string
	}{
		{month(2026 * 12), "2026-01", "January 2026"}, {month(2026*12 + 8), "2026-09", "September 2026"},
		{month(2026*12 + 9), "2026-10", "October 2026"}, {month(2025*12 + 11), "2025-12", "December 2025"},
		{month(12*12 + 11), "0012-12", "December 12"},
	} {
		if got := tc.m.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
		if got := tc.m.name(true); got != tc.name {
			t.Errorf("name(true) = %q, want %q", got, tc.name)
		}
	}
}

func TestWindow(t *testing.T) {
	now := time.Date(2026, 6, 20, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name   string
		first  time.Time
		n      int
		cut    bool
		starts string
	}{
		{"None", time.Time{}, 0, false, ""},
		{"AfterNow", now.Add(time.Hour), 0, false, ""},
		{"ThisMonth", day(6, 1), 1, false, "2026-06"},
		{"TwentyFourMonths", time.Date(2024, 7, 31, 0, 0, 0, 0, time.UTC), 24, false, "2024-07"},
		{"TwentyFiveMonths", time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC), 24, true, "2024-07"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWindow(tc.first, now, time.UTC)
			if w.n != tc.n || w.cut != tc.cut || w.n > 0 && w.month(0).String() != tc.starts {
				t.Errorf("got %d months from %s, cut %v; want %d from %s, cut %v", w.n, w.month(0), w.cut, tc.n, tc.starts, tc.cut)
			}
			if w.index(tc.first, time.UTC) != 0 && tc.n > 0 && !tc.cut {
				t.Errorf("the first month is at %d, want 0", w.index(tc.first, time.UTC))
			}
		})
	}
}

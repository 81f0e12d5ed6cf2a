package insights

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

func TestHelped(t *testing.T) {
	now := day(6, 1)
	own := &tend.Card{Custom: []tend.CustomPractice{{ID: "x-tea", Title: "Tea in bed", Mode: tend.Given}}}
	for _, tc := range []struct {
		name    string
		h       *tend.History
		want    []HelpedPractice
		reading string
	}{
		{"Nothing", history().enc(day(1, 2), needs("water")).build(), []HelpedPractice{},
			"What helped will show here once steps are ticked done or you name what helped in a reflection."},
		{"SaidAndTickedOncePerEncounter", history().
			enc(day(1, 2), refl(4, "cuddle", "cuddle"), ticked("cuddle", "water", "water")).
			enc(day(1, 3), ticked("cuddle")).
			enc(day(1, 4), refl(3, "water")).build(),
			[]HelpedPractice{{"cuddle", "A cuddle", 1, 2}, {"water", "A glass of water", 1, 1}},
			"A cuddle came up most: you said it helped once, and it was ticked done twice."},
		{"TiesByIDTitlesFallBack", history().
			enc(day(1, 2), ticked("zz-unknown", "blanket", "x-tea")).build(),
			[]HelpedPractice{{"blanket", "A soft blanket", 0, 1}, {"x-tea", "Tea in bed", 0, 1}, {"zz-unknown", "zz-unknown", 0, 1}},
			"A soft blanket came up most: it was ticked done once."},
		{"FirstAtTheSecondEncounter", history().enc(day(1, 2), ticked("cuddle")).enc(day(1, 3), refl(4, "water")).build(),
			[]HelpedPractice{{"cuddle", "A cuddle", 0, 1}, {"water", "A glass of water", 1, 0}},
			"A cuddle came up most: it was ticked done once."},
		{"OwnPracticeFirst", history().enc(day(1, 2), refl(4, "x-tea")).build(),
			[]HelpedPractice{{"x-tea", "Tea in bed", 1, 0}},
			"“Tea in bed” came up most: you said it helped once."},
		{"NeverDoneNeverListed", history().
			enc(day(1, 2), needs("massage"), ticked("cuddle")).enc(day(1, 3), needs("massage"), missing("a massage")).build(),
			[]HelpedPractice{{"cuddle", "A cuddle", 0, 1}},
			"A cuddle came up most: it was ticked done once."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.h.Profile = own
			got := mine(t, tc.h, testNames, now, nil).Helped
			if !reflect.DeepEqual(got.Practices, tc.want) {
				t.Errorf("practices:\ngot  %+v\nwant %+v", got.Practices, tc.want)
			}
			if got.Reading != tc.reading {
				t.Errorf("reading:\ngot  %q\nwant %q", got.Reading, tc.reading)
			}
		})
	}
}

func TestHelpedAtMostTen(t *testing.T) {
	b := history()
	for i := range 12 {
		ids := []string{}
		for j := 0; j <= i; j++ {
			ids = append(ids, fmt.Sprintf("p%02d", j))
		}
		b.enc(day(1, 1+i), ticked(ids...))
	}
	got := mine(t, b.build(), testNames, day(6, 1), nil).Helped.Practices
	if len(got) != MaxHelped {
		t.Fatalf("got %d practices, want %d", len(got), MaxHelped)
	}
	if got[0].Practice != "p00" || got[0].Ticked != 12 || got[9].Practice != "p09" || got[9].Ticked != 3 {
		t.Errorf("got %+v, want p00 (12) first and p09 (3) last", got)
	}
}

func TestUnmet(t *testing.T) {
	now := day(6, 1)
	for _, tc := range []struct {
		name    string
		h       *tend.History
		needs   []UnmetNeed
		missing []MissingWords
		reading string
	}{
		{"Early", history().enc(day(1, 2), aftercare(0, 0), needs("water")).build(), []UnmetNeed{}, []MissingWords{},
			"Needs that went unmet will show here once aftercare has happened a few times."},
		{"NothingTwice", history().
			enc(day(1, 2), needs("water"), refl(4, "water")).enc(day(1, 3), needs("water"), ticked("water")).
			enc(day(1, 4), needs("water")).enc(day(1, 5), missing("time to talk")).build(), []UnmetNeed{}, []MissingWords{},
			"No need went unmet more than once."},
		{"NeedsOnlyOnceAftercareEnded", history().
			enc(day(1, 2), needs("water", "water", "cuddle")).
			enc(day(1, 3), needs("water", "cuddle", "blanket"), ticked("blanket")).
			enc(day(1, 4), needs("cuddle", "blanket"), refl(3, "cuddle")).
			enc(day(1, 5), aftercare(0, 0), needs("blanket", "water")).
			enc(day(1, 6), noAftercare(), needs("blanket")).build(),
			[]UnmetNeed{{"cuddle", "A cuddle", 2}, {"water", "A glass of water", 2}}, []MissingWords{},
			"Needs that went unmet more than once: a cuddle (twice) and a glass of water (twice)."},
		{"FirstNeededAtTheSecond", history().
			enc(day(1, 2), needs("cuddle"), ticked("cuddle")).enc(day(1, 3), needs("rest")).enc(day(1, 4), needs("rest")).build(),
			[]UnmetNeed{{"rest", "Time to rest", 2}}, []MissingWords{},
			"Needs that went unmet more than once: time to rest (twice)."},
		{"MissingFoldedFirstWording", history().
			enc(day(1, 2), missing("  More time  to talk ")).
			enc(day(1, 3), missing("more time to TALK")).
			enc(day(1, 4), missing("a snack")).
			enc(day(1, 5), missing("A snack")).
			enc(day(1, 6), missing("more  time to talk")).
			enc(day(1, 7), missing("water")).build(),
			[]UnmetNeed{}, []MissingWords{{"More time  to talk", 3}, {"a snack", 2}},
			"2 things you wrote as missing came up more than once."},
		{"ManyNeeds", history().times(2, day(1, 2), needs("water", "cuddle", "blanket", "rest", "snack"), missing("warmth")).build(),
			[]UnmetNeed{{"blanket", "A soft blanket", 2}, {"cuddle", "A cuddle", 2}, {"rest", "Time to rest", 2}, {"snack", "A snack", 2}, {"water", "A glass of water", 2}},
			[]MissingWords{{"warmth", 2}},
			"Needs that went unmet more than once: a soft blanket (twice), a cuddle (twice), time to rest (twice) and 2 more. Something you wrote as missing came up more than once."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := mine(t, tc.h, testNames, now, nil).Unmet
			if !reflect.DeepEqual(got.Needs, tc.needs) {
				t.Errorf("needs:\ngot  %+v\nwant %+v", got.Needs, tc.needs)
			}
			if !reflect.DeepEqual(got.Missing, tc.missing) {
				t.Errorf("missing:\ngot  %+v\nwant %+v", got.Missing, tc.missing)
			}
			if got.Reading != tc.reading {
				t.Errorf("reading:\ngot  %q\nwant %q", got.Reading, tc.reading)
			}
		})
	}
}

// evidenceHistory is n reflected encounters: with of them have the
// practice ticked (better of those rated 5, the rest 2; drops of them
// followed by a low answer), and the others have not (betterWithout
// rated 5, dropsWithout followed by a low answer).
func evidenceHistory(b *builder, id string, with, better, drops, without, betterWithout, dropsWithout int) *builder {
	start := day(1, 1)
	if n := len(b.h.Encounters); n > 0 {
		start = b.h.Encounters[n-1].CreatedAt.Add(24 * time.Hour)
	}
	for i := range with + without {
		opts := []opt{refl(2)}
		k, in := i, i < with
		if !in {
			k = i - with
		}
		if in {
			opts = append(opts, ticked(id))
		}
		if in && k < better || !in && k < betterWithout {
			opts = append(opts, refl(5))
		}
		if in && k < drops || !in && k < dropsWithout {
			opts = append(opts, followup(tend.FollowupLow, 20*hour))
		}
		b.enc(start.Add(time.Duration(i)*24*time.Hour), opts...)
	}
	return b
}

func TestComesWith(t *testing.T) {
	now := day(12, 1)
	for _, tc := range []struct {
		name    string
		h       *tend.History
		want    []Evidence
		reading string
	}{
		{"TooFewReflections", history().enc(day(1, 2), refl(4, "cuddle")).enc(day(1, 3), ticked("cuddle")).build(), []Evidence{},
			"What comes with better days will show once you have reflected at least 10 times (1 so far)."},
		{"NotEnoughWith", evidenceHistory(history(), "cuddle", 4, 4, 0, 8, 0, 0).build(), []Evidence{},
			"To compare, a practice needs at least 5 reflections with it and 5 without; none has that yet."},
		{"NotEnoughWithout", evidenceHistory(history(), "cuddle", 8, 8, 0, 4, 0, 0).build(), []Evidence{},
			"To compare, a practice needs at least 5 reflections with it and 5 without; none has that yet."},
		{"BetterWith", evidenceHistory(history(), "cuddle", 5, 4, 0, 5, 1, 0).build(),
			[]Evidence{{"cuddle", "A cuddle", 5, 4, 0, 5, 1, 0}},
			"A cuddle comes with better days: 4 of 5 times with it were rated 4 or 5, and 1 of 5 without."},
		{"FourIsBetter", history().times(5, day(1, 1), refl(4), ticked("cuddle")).times(5, day(2, 1), refl(3)).build(),
			[]Evidence{{"cuddle", "A cuddle", 5, 5, 0, 5, 0, 0}},
			"A cuddle comes with better days: 5 of 5 times with it were rated 4 or 5, and 0 of 5 without."},
		{"NoMoodNoEvidence", evidenceHistory(history(), "cuddle", 5, 4, 0, 5, 1, 0).enc(day(11, 1), refl(0), ticked("cuddle")).build(),
			[]Evidence{{"cuddle", "A cuddle", 5, 4, 0, 5, 1, 0}},
			"A cuddle comes with better days: 4 of 5 times with it were rated 4 or 5, and 1 of 5 without."},
		{"FewerDropsWith", evidenceHistory(history(), "water", 5, 1, 0, 6, 2, 3).build(),
			[]Evidence{{"water", "A glass of water", 5, 1, 0, 6, 2, 3}},
			"A glass of water comes with fewer low times: a low time followed 0 of 5 times with it, and 3 of 6 without."},
		{"SameSharesNothingStandsOut", evidenceHistory(history(), "cuddle", 5, 2, 1, 10, 4, 2).build(), []Evidence{},
			"Nothing stands out yet: with or without each practice, your days after felt much the same."},
		{"WorseWithNotListed", evidenceHistory(history(), "cuddle", 5, 1, 3, 5, 4, 0).build(), []Evidence{},
			"Nothing stands out yet: with or without each practice, your days after felt much the same."},
		{"SaidOrTickedOncePerEncounter", history().
			times(5, day(1, 1), refl(5, "rest", "rest"), ticked("rest")).times(5, day(2, 1), refl(2)).build(),
			[]Evidence{{"rest", "Time to rest", 5, 5, 0, 5, 0, 0}},
			"Time to rest comes with better days: 5 of 5 times with it were rated 4 or 5, and 0 of 5 without."},
		{"SortedByGap", evidenceHistory(evidenceHistory(history(), "cuddle", 6, 4, 0, 6, 3, 0), "water", 6, 6, 0, 6, 1, 0).build(),
			[]Evidence{{"water", "A glass of water", 6, 6, 0, 18, 8, 0}, {"cuddle", "A cuddle", 6, 4, 0, 18, 10, 0}},
			"A glass of water comes with better days: 6 of 6 times with it were rated 4 or 5, and 8 of 18 without."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := mine(t, tc.h, testNames, now, nil).ComesWith
			if got.MinWith != 5 || got.MinWithout != 5 {
				t.Errorf("thresholds %d, %d; want 5, 5", got.MinWith, got.MinWithout)
			}
			if !reflect.DeepEqual(got.Practices, tc.want) {
				t.Errorf("practices:\ngot  %+v\nwant %+v", got.Practices, tc.want)
			}
			if got.Reading != tc.reading {
				t.Errorf("reading:\ngot  %q\nwant %q", got.Reading, tc.reading)
			}
		})
	}
}

func TestByGap(t *testing.T) {
	// a has the larger sum of shares, b the larger gap: b comes first.
	a := Evidence{Practice: "a", With: 5, WithBetter: 5, Without: 20, WithoutBetter: 10}
	b := Evidence{Practice: "b", With: 5, WithBetter: 3, Without: 5, WithoutBetter: 0}
	c := Evidence{Practice: "c", With: 5, WithBetter: 3, Without: 5, WithoutBetter: 0}
	list := []Evidence{c, a, b}
	slices.SortFunc(list, byGap)
	if list[0].Practice != "b" || list[1].Practice != "c" || list[2].Practice != "a" {
		t.Errorf("got %s, %s, %s; want b, c, a", list[0].Practice, list[1].Practice, list[2].Practice)
	}
}

func TestPhrase(t *testing.T) {
	for _, tc := range []struct{ id, title, phrase, start string }{
		{"cuddle", "A cuddle", "a cuddle", "A cuddle"},
		{"zen", "zen time", "zen time", "Zen time"},
		{"sos", "SOS call", "SOS call", "SOS call"},
		{"x-tea", "tea in bed", "“tea in bed”", "“tea in bed”"},
	} {
		if got := phrase(tc.id, tc.title); got != tc.phrase {
			t.Errorf("phrase(%q) = %q, want %q", tc.title, got, tc.phrase)
		}
		if got := startPhrase(tc.id, tc.title); got != tc.start {
			t.Errorf("startPhrase(%q) = %q, want %q", tc.title, got, tc.start)
		}
	}
}

package insights

import (
	"reflect"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

// cuddleHistory is the example: a cuddle was part of 8 of the
// person's 9 best-rated times (and 1 of 6 others).
func cuddleHistory(c *tend.Card) *builder {
	return evidenceHistory(history().profile(c), "cuddle", 9, 8, 0, 6, 1, 0)
}

func TestReceiveSuggestion(t *testing.T) {
	now := day(12, 1)
	tea := func(r tend.Receive) *tend.Card {
		return &tend.Card{Custom: []tend.CustomPractice{{ID: "x-tea", Title: "Tea in bed", Mode: tend.Given, Receive: r}}}
	}
	okay := Suggestion{ID: "receive.cuddle.like",
		Text:     "A cuddle was part of 8 of your 9 best-rated times; you marked it “okay either way”.",
		Question: "Mark it “I'd like this”?", Why: "From your insights: part of 8 of your 9 best-rated times.",
		Path: "receive.cuddle", From: "okay", To: "like"}
	unset := okay
	unset.Text, unset.From = "A cuddle was part of 8 of your 9 best-rated times; you have not marked it yet.", ""
	for _, tc := range []struct {
		name string
		h    *tend.History
		want []Suggestion
	}{
		{"Okay", cuddleHistory(&tend.Card{Receive: map[string]tend.Receive{"cuddle": tend.Okay}}).build(), []Suggestion{okay}},
		{"Unset", cuddleHistory(&tend.Card{Receive: map[string]tend.Receive{"water": tend.Need}}).build(), []Suggestion{unset}},
		{"NoProfile", cuddleHistory(nil).build(), []Suggestion{unset}},
		{"AlreadyLike", cuddleHistory(&tend.Card{Receive: map[string]tend.Receive{"cuddle": tend.Like}}).build(), []Suggestion{}},
		{"AlreadyNeed", cuddleHistory(&tend.Card{Receive: map[string]tend.Receive{"cuddle": tend.Need}}).build(), []Suggestion{}},
		{"RatherNotIsRespected", cuddleHistory(&tend.Card{Receive: map[string]tend.Receive{"cuddle": tend.RatherNot}}).build(), []Suggestion{}},
		{"NeverIsRespected", cuddleHistory(&tend.Card{Receive: map[string]tend.Receive{"cuddle": tend.Never}}).build(), []Suggestion{}},
		{"DeclinedForOneKindIsRespected", cuddleHistory(&tend.Card{Receive: map[string]tend.Receive{"cuddle": tend.Okay},
			Encounters: map[tend.Kind]*tend.Override{tend.Intense: {Receive: map[string]tend.Receive{"cuddle": tend.Never}}, tend.Solo: nil}}).build(), []Suggestion{}},
		{"Dismissed", cuddleHistory(nil).dismiss("receive.cuddle.like").build(), []Suggestion{}},
		{"OwnPractice", evidenceHistory(history().profile(tea(tend.Okay)), "x-tea", 9, 8, 0, 6, 1, 0).build(), []Suggestion{{
			ID: "receive.x-tea.like", Text: "“Tea in bed” was part of 8 of your 9 best-rated times; you marked it “okay either way”.",
			Question: "Mark it “I'd like this”?", Why: "From your insights: part of 8 of your 9 best-rated times.",
			Path: "custom.x-tea.receive", From: "okay", To: "like"}}},
		{"OwnPracticeUnset", evidenceHistory(history().profile(tea("")), "x-tea", 9, 8, 0, 6, 1, 0).build(), []Suggestion{{
			ID: "receive.x-tea.like", Text: "“Tea in bed” was part of 8 of your 9 best-rated times; you have not marked it yet.",
			Question: "Mark it “I'd like this”?", Why: "From your insights: part of 8 of your 9 best-rated times.",
			Path: "custom.x-tea.receive", From: "", To: "like"}}},
		{"OwnPracticeDeclined", evidenceHistory(history().profile(tea(tend.RatherNot)), "x-tea", 9, 8, 0, 6, 1, 0).build(), []Suggestion{}},
		{"UnknownPractice", evidenceHistory(history(), "x-someone-elses", 9, 8, 0, 6, 1, 0).build(), []Suggestion{}},
		{"TwoThirdsOfBestIsEnough", evidenceHistory(history(), "cuddle", 5, 4, 0, 10, 2, 0).build(), []Suggestion{{
			ID: "receive.cuddle.like", Text: "A cuddle was part of 4 of your 6 best-rated times; you have not marked it yet.",
			Question: "Mark it “I'd like this”?", Why: "From your insights: part of 4 of your 6 best-rated times.",
			Path: "receive.cuddle", To: "like"}}},
		{"FiveBestIsEnough", evidenceHistory(history(), "cuddle", 5, 4, 0, 10, 1, 0).build(), []Suggestion{{
			ID: "receive.cuddle.like", Text: "A cuddle was part of 4 of your 5 best-rated times; you have not marked it yet.",
			Question: "Mark it “I'd like this”?", Why: "From your insights: part of 4 of your 5 best-rated times.",
			Path: "receive.cuddle", To: "like"}}},
		{"UnderTwoThirdsOfBest", evidenceHistory(history(), "cuddle", 5, 3, 0, 10, 2, 0).build(), []Suggestion{}},
		{"FewerThanFiveBest", evidenceHistory(history(), "cuddle", 5, 4, 0, 5, 0, 0).build(), []Suggestion{}},
		{"TooFewWithout", evidenceHistory(history(), "cuddle", 9, 8, 0, 4, 0, 0).build(), []Suggestion{}},
		{"NotBetterWith", evidenceHistory(history(), "cuddle", 9, 6, 0, 6, 5, 0).build(), []Suggestion{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := mine(t, tc.h, testNames, now, nil).Suggestions
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("\ngot  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestDropSuggestion(t *testing.T) {
	now := day(12, 1)
	lows := func(b *builder, after ...int) *builder {
		for i, h := range after {
			b.enc(day(2, 1+i), followup(tend.FollowupLow, time.Duration(h)*hour))
		}
		return b
	}
	for _, tc := range []struct {
		name string
		h    *tend.History
		want []Suggestion
	}{
		{"NextDay", lows(history(), 20, 20, 30, 2).build(), []Suggestion{{ID: "drop.when.next-day",
			Text:     "3 of your 4 low times after an encounter came the next day; your profile does not say when drop tends to come.",
			Question: "Say that drop tends to come the next day?", Why: "From your insights: 3 of 4 low times came the next day.",
			Path: "drop.when", From: "", To: "next-day"}}},
		{"SameDayIsDuringAndSameDay", lows(history(), 0, 5, 11, 20).build(), []Suggestion{{ID: "drop.when.same-day",
			Text:     "3 of your 4 low times after an encounter came the same day; your profile does not say when drop tends to come.",
			Question: "Say that drop tends to come the same day?", Why: "From your insights: 3 of 4 low times came the same day.",
			Path: "drop.when", From: "", To: "same-day"}}},
		{"DaysLaterFromNone", lows(history().profile(&tend.Card{Drop: &tend.Drop{When: tend.DropNone}}), 40, 50, 20).build(), []Suggestion{{ID: "drop.when.days-later",
			Text:     "2 of your 3 low times after an encounter came a few days later; your profile says it doesn't really happen to you.",
			Question: "Say that drop tends to come a few days later?", Why: "From your insights: 2 of 3 low times came a few days later.",
			Path: "drop.when", From: "none", To: "days-later"}}},
		{"LowPlacesCount", history().enc(day(2, 1), lowPlace(20*hour)).enc(day(2, 3), lowPlace(25*hour)).
			enc(day(2, 5), followup(tend.FollowupCare, 30*hour)).build(), []Suggestion{{ID: "drop.when.next-day",
			Text:     "3 of your 3 low times after an encounter came the next day; your profile does not say when drop tends to come.",
			Question: "Say that drop tends to come the next day?", Why: "From your insights: 3 of 3 low times came the next day.",
			Path: "drop.when", From: "", To: "next-day"}}},
		{"NotOkayIsDuringNotAfter", history().enc(day(2, 1), notOkay(0), notOkay(hour), followup(tend.FollowupLow, 20*hour)).
			enc(day(2, 3), notOkay(0), followup(tend.FollowupLow, 20*hour)).build(), []Suggestion{}},
		{"FewerThanThree", lows(history(), 20, 20).build(), []Suggestion{}},
		{"HalfIsNotMost", lows(history(), 20, 20, 40, 40).build(), []Suggestion{}},
		{"ProfileSaysAlready", lows(history().profile(&tend.Card{Drop: &tend.Drop{When: tend.DropSameDay}}), 20, 20, 20).build(), []Suggestion{}},
		{"EmptyDrop", lows(history().profile(&tend.Card{Drop: &tend.Drop{Signs: []string{"quiet"}}}), 20, 20, 20).build(), []Suggestion{{ID: "drop.when.next-day",
			Text:     "3 of your 3 low times after an encounter came the next day; your profile does not say when drop tends to come.",
			Question: "Say that drop tends to come the next day?", Why: "From your insights: 3 of 3 low times came the next day.",
			Path: "drop.when", From: "", To: "next-day"}}},
		{"Dismissed", lows(history(), 20, 20, 20).dismiss("drop.when.next-day").build(), []Suggestion{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := mine(t, tc.h, testNames, now, nil).Suggestions
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("\ngot  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestSuggestionOrder(t *testing.T) {
	// Water is part of 8 of the 9 best-rated times and 1 of 9 others;
	// a cuddle of 8 of 9 too, but of 2 of 9 others: water is stronger.
	b := history().
		times(8, day(1, 1), refl(5), ticked("cuddle", "water")).
		times(1, day(2, 1), refl(2), ticked("water")).
		times(2, day(3, 1), refl(2), ticked("cuddle")).
		times(6, day(4, 1), refl(2)).
		times(1, day(5, 1), refl(5)).
		times(3, day(6, 1), followup(tend.FollowupLow, 20*hour))
	got := mine(t, b.build(), testNames, day(12, 1), nil).Suggestions
	var ids []string
	for _, s := range got {
		ids = append(ids, s.ID)
	}
	want := []string{"drop.when.next-day", "receive.water.like", "receive.cuddle.like"}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("got %v, want %v", ids, want)
	}
}

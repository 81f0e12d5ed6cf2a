package insights

import (
	"reflect"
	"testing"

	"github.com/tendcare/tend"
)

// TestApplyRoundTrip applies every suggestion Mine makes on the
// fixtures and checks that tend.DiffCards sees exactly the one change,
// as the suggestion names it, and that the card given is untouched.
func TestApplyRoundTrip(t *testing.T) {
	cards := map[string]*tend.Card{
		"nil":   nil,
		"empty": {},
		"okay": {Name: "Sam", Receive: map[string]tend.Receive{"cuddle": tend.Okay, "water": tend.Need},
			Drop: &tend.Drop{When: tend.DropNone, Signs: []string{"quiet"}, Helps: []string{"a message"}},
			Custom: []tend.CustomPractice{{ID: "x-tea", Title: "Tea in bed", Mode: tend.Given, Receive: tend.Okay},
				{ID: "x-walk", Title: "A walk", Mode: tend.Together}},
			Encounters: map[tend.Kind]*tend.Override{tend.Solo: {Minutes: 20}}},
	}
	seen := 0
	for name, c := range cards {
		h := history().profile(c).
			times(8, day(1, 1), refl(5), ticked("cuddle", "x-tea")).
			times(1, day(2, 1), refl(5)).
			times(1, day(3, 1), refl(2), ticked("cuddle", "x-tea")).
			times(5, day(4, 1), refl(2)).
			times(3, day(11, 1), followup(tend.FollowupLow, 20*hour))
		for _, s := range mine(t, h.build(), testNames, day(12, 1), nil).Suggestions {
			t.Run(name+"/"+s.ID, func(t *testing.T) {
				seen++
				var before *tend.Card
				if c != nil {
					before = c.Clone()
				}
				got, err := Apply(s, c)
				if err != nil {
					t.Fatalf("Apply: %v", err)
				}
				want := []tend.Change{{Path: s.Path, From: s.From, To: s.To}}
				if d := tend.DiffCards(c, got); !reflect.DeepEqual(d, want) {
					t.Errorf("changes %+v, want %+v", d, want)
				}
				if c != nil && !reflect.DeepEqual(c, before) {
					t.Errorf("the card given was changed: %+v", c)
				}
			})
		}
	}
	// nil and empty: drop, cuddle (x-tea is unknown to them); okay:
	// drop, cuddle, x-tea.
	if seen != 7 {
		t.Errorf("applied %d suggestions, want 7", seen)
	}
}

func TestApply(t *testing.T) {
	card := func() *tend.Card {
		return &tend.Card{Receive: map[string]tend.Receive{"cuddle": tend.Okay},
			Drop:   &tend.Drop{When: tend.DropNextDay, Signs: []string{"quiet"}},
			Custom: []tend.CustomPractice{{ID: "x-tea", Title: "Tea in bed", Mode: tend.Given}}}
	}
	for _, tc := range []struct {
		name string
		s    Suggestion
		c    *tend.Card
		want *tend.Card // nil: EINVALID
	}{
		{"ReceiveUnset", Suggestion{Path: "receive.water", From: "", To: "like"}, card(),
			&tend.Card{Receive: map[string]tend.Receive{"cuddle": tend.Okay, "water": tend.Like},
				Drop:   &tend.Drop{When: tend.DropNextDay, Signs: []string{"quiet"}},
				Custom: []tend.CustomPractice{{ID: "x-tea", Title: "Tea in bed", Mode: tend.Given}}}},
		{"ReceiveOnNoMap", Suggestion{Path: "receive.water", From: "", To: "like"}, &tend.Card{},
			&tend.Card{Receive: map[string]tend.Receive{"water": tend.Like}}},
		{"DropOnNone", Suggestion{Path: "drop.when", From: "", To: "same-day"}, &tend.Card{},
			&tend.Card{Drop: &tend.Drop{When: tend.DropSameDay}}},
		{"DropKeepsSigns", Suggestion{Path: "drop.when", From: "next-day", To: "days-later"}, card(),
			&tend.Card{Receive: map[string]tend.Receive{"cuddle": tend.Okay},
				Drop:   &tend.Drop{When: tend.DropDaysLater, Signs: []string{"quiet"}},
				Custom: []tend.CustomPractice{{ID: "x-tea", Title: "Tea in bed", Mode: tend.Given}}}},
		{"Custom", Suggestion{Path: "custom.x-tea.receive", From: "", To: "like"}, card(),
			&tend.Card{Receive: map[string]tend.Receive{"cuddle": tend.Okay},
				Drop:   &tend.Drop{When: tend.DropNextDay, Signs: []string{"quiet"}},
				Custom: []tend.CustomPractice{{ID: "x-tea", Title: "Tea in bed", Mode: tend.Given, Receive: tend.Like}}}},
		{"NilCard", Suggestion{Path: "receive.water", From: "", To: "like"}, nil,
			&tend.Card{Receive: map[string]tend.Receive{"water": tend.Like}}},
		{"ReceiveChangedSince", Suggestion{Path: "receive.cuddle", From: "", To: "like"}, card(), nil},
		{"ReceiveChangedSinceToo", Suggestion{Path: "receive.water", From: "okay", To: "like"}, card(), nil},
		{"DropChangedSince", Suggestion{Path: "drop.when", From: "", To: "next-day"}, card(), nil},
		{"CustomGone", Suggestion{Path: "custom.x-walk.receive", From: "", To: "like"}, card(), nil},
		{"CustomChangedSince", Suggestion{Path: "custom.x-tea.receive", From: "okay", To: "like"}, card(), nil},
		{"UnknownPath", Suggestion{Path: "give.cuddle", From: "", To: "glad"}, card(), nil},
		{"EmptyPath", Suggestion{}, card(), nil},
		{"NoID", Suggestion{Path: "receive.", From: "", To: "like"}, card(), nil},
		{"DottedID", Suggestion{Path: "receive.a.b", From: "", To: "like"}, card(), nil},
		{"CustomNotOwnID", Suggestion{Path: "custom.cuddle.receive", From: "", To: "like"}, card(), nil},
		{"CustomOtherField", Suggestion{Path: "custom.x-tea.title", From: "Tea in bed", To: "like"}, card(), nil},
		{"NotALevel", Suggestion{Path: "receive.water", From: "", To: "lots"}, card(), nil},
		{"NotACustomLevel", Suggestion{Path: "custom.x-tea.receive", From: "", To: "lots"}, card(), nil},
		{"NotATiming", Suggestion{Path: "drop.when", From: "next-day", To: "sometimes"}, card(), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Apply(tc.s, tc.c)
			if tc.want == nil {
				if code := tend.ErrorCode(err); code != tend.EINVALID || got != nil {
					t.Errorf("got %+v, %v (code %q); want nil, EINVALID", got, err, code)
				}
				return
			}
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("\ngot  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

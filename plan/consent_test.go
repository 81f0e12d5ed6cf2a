package plan_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/tendcare/tend"
)

// TestWaysThrough: the ways a conflict suggests never lean on someone who
// turns something down: a "close" practice is suggested only when nobody
// here turns it down (or, given, when someone offers it), never to a
// person alone as if someone were there to share it, and never more than
// two, so the list stays one people can read.
func TestWaysThrough(t *testing.T) {
	cat := mustCatalog(t)
	tests := []struct {
		name  string
		kind  string // conflict kind
		cards []*tend.Card
		ways  []string // the ways, in order, that contain "which is close" or "apart" or "alone:"
	}{
		{"SharedAndCloseWhenNobodyTurnsItDown", tend.UnmetNeed,
			[]*tend.Card{card("Bo", recv("massage", "need")), card("Cy", give("massage", "no"))},
			[]string{"Nobody here turns down a hand to hold, which is close; ask Bo whether that would help.",
				"Nobody here turns down skin-to-skin contact, which is close; ask Bo whether that would help.",
				"Bo can do a version alone: Knead your own shoulders, hands or feet slowly, or roll a ball under them."}},
		{"NotWhatSomeoneElseWouldRatherNot", tend.UnmetNeed,
			[]*tend.Card{card("Bo", recv("massage", "need")), card("Cy", give("massage", "no"), recv("hold-hand", "rather-not"))},
			[]string{"Nobody here turns down skin-to-skin contact, which is close; ask Bo whether that would help.",
				"Bo can do a version alone: Knead your own shoulders, hands or feet slowly, or roll a ball under them."}},
		{"NotWhatSomeoneSaidNoToGiving", tend.UnmetNeed,
			[]*tend.Card{card("Bo", recv("massage", "need")), card("Cy", give("massage", "no", "hold-hand", "no", "skin-contact", "no"))},
			[]string{"Bo can do a version alone: Knead your own shoulders, hands or feet slowly, or roll a ball under them."}},
		{"NothingSharedSuggestedToSomeoneAlone", tend.UnmetNeed,
			[]*tend.Card{card("Bo", recv("slow-kiss", "need"))},
			nil},
		{"AtMostTwoCloseThings", tend.UnmetNeed,
			[]*tend.Card{card("Bo", recv("massage", "need")), card("Cy", give("massage", "no", "stroke-hair", "glad", "foot-rub", "willing"))},
			[]string{"Cy is glad to offer gentle hair stroking, which is close; ask Bo whether that would help.",
				"Nobody here turns down a hand to hold, which is close; ask Bo whether that would help.",
				"Bo can do a version alone: Knead your own shoulders, hands or feet slowly, or roll a ball under them."}},
		{"TwoWhoWantItShareItApartInAGroupOfThree", tend.DeclinedTogether,
			[]*tend.Card{card("Bo", recv("cuddle", "like")), card("Cy", recv("cuddle", "like")), card("Di", recv("cuddle", "never"))},
			[]string{"Bo and Cy could share it a little apart, if everyone is comfortable with that.",
				"Bo and Cy can do a version alone: Wrap yourself in a blanket or hold a pillow close and let your breathing slow."}},
		{"OneWhoWantsItDoesItAlone", tend.DeclinedTogether,
			[]*tend.Card{card("Bo", recv("cuddle", "like")), card("Cy", recv("cuddle", "never")), card("Di")},
			[]string{"Bo can do a version alone: Wrap yourself in a blanket or hold a pillow close and let your breathing slow."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := mustPlan(t, cat, tend.Gentle, tc.cards...)
			c := conflicts(p, tc.kind)
			if len(c) != 1 {
				t.Fatalf("got %d %s conflicts, want 1: %s", len(c), tc.kind, dump(p))
			}
			var got []string
			for _, w := range c[0].Ways {
				if strings.Contains(w, "which is close") || strings.Contains(w, "apart") || strings.Contains(w, "alone:") {
					got = append(got, w)
				}
			}
			if !slices.Equal(got, tc.ways) {
				t.Errorf("ways:\ngot  %q\nwant %q", got, tc.ways)
			}
		})
	}
}

// TestPossessive: a name ending in s takes an apostrophe alone ("Jess'
// card"), others "'s".
func TestPossessive(t *testing.T) {
	cat := mustCatalog(t)
	p := mustPlan(t, cat, tend.Gentle, card("Jess", recv("x-tea", "need")), card("Sam", recv("x-pie", "need")))
	for _, want := range []string{`Add "x-tea" to Jess' card`, `Add "x-pie" to Sam's card`} {
		if !slices.ContainsFunc(p.Conflicts, func(c tend.Conflict) bool { return strings.HasPrefix(c.Ways[0], want) }) {
			t.Errorf("no way starts %q: %s", want, dump(p))
		}
	}
}

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

// TestWhomToAsk: for a need nobody offers, the first way through asks
// only those whose card does not say; a no stands and is not asked
// again; someone alone is pointed to someone they trust, another time.
func TestWhomToAsk(t *testing.T) {
	cat := mustCatalog(t)
	tests := []struct {
		name  string
		cards []*tend.Card
		want  string
	}{
		{"OnlyThoseWhoDidNotSay", []*tend.Card{card("Bo", recv("massage", "need")), card("Cy", give("massage", "no")), card("Di")},
			"Ask Di beforehand: their card does not say whether they would offer it."},
		{"EveryoneWhoDidNotSay", []*tend.Card{card("Bo", recv("massage", "need")), card("Cy"), card("Di")},
			"Ask Cy and Di beforehand: their cards do not say whether they would offer it."},
		{"ANoStands", []*tend.Card{card("Bo", recv("massage", "need")), card("Cy", give("massage", "no")), card("Di", give("massage", "no"))},
			"Cy and Di said no to giving it; that stands. Talk beforehand about what else would help Bo."},
		{"AloneSomeoneTheyTrust", []*tend.Card{card("Bo", recv("slow-kiss", "need"))},
			"Ask someone Bo trusts whether they could offer it another time."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := mustPlan(t, cat, tend.Gentle, tc.cards...)
			if c := conflicts(p, tend.UnmetNeed); len(c) != 1 || c[0].Ways[0] != tc.want {
				t.Errorf("want one unmet need whose first way is %q, got %s", tc.want, dump(p))
			}
		})
	}
}

// TestSpaceConflictSaysWhatTimeIsTaken: the conflict names the time the
// person takes (alone, without touch, or quiet) and gives them words for
// it that fit.
func TestSpaceConflictSaysWhatTimeIsTaken(t *testing.T) {
	cat := mustCatalog(t)
	tests := []struct {
		name          string
		cards         []*tend.Card
		practice, why string
		warm          string // the first way
	}{
		{"Alone", []*tend.Card{card("Bo", recv("cuddle", "need")), card("Cy", space(10))}, "space-first",
			"Cy needs 10 minutes alone before any touch or talk, while Bo needs a cuddle straight away.",
			`Before stepping away, Cy says one warm sentence, like "I need 10 minutes, then I'm right here", so the space does not feel like leaving.`},
		{"WithoutTouch", []*tend.Card{card("Bo", recv("cuddle", "need")), card("Cy", recv("no-touch-first", "need"))}, "no-touch-first",
			"Cy needs 5 minutes without touch first, while Bo needs a cuddle straight away.",
			`Cy says so warmly, like "No touch for 5 minutes, then I'm all yours"; talking is fine meanwhile.`},
		{"Quiet", []*tend.Card{card("Bo", recv("ask-feelings", "need")), card("Cy", recv("quiet-no-talk", "need"), give("ask-feelings", "glad"))}, "quiet-no-talk",
			"Cy needs 5 minutes of quiet first, while Bo needs a question about how they feel straight away.",
			`Cy says so warmly, like "Let's be quiet for 5 minutes, then let's talk"; closeness is fine meanwhile.`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := mustPlan(t, cat, tend.Gentle, tc.cards...)
			c := conflicts(p, tend.SpaceAndCloseness)
			if len(c) != 1 || c[0].Practices[0] != tc.practice || c[0].Why != tc.why || c[0].Ways[0] != tc.warm {
				t.Errorf("want one conflict over %s: %q, %q; got %s", tc.practice, tc.why, tc.warm, dump(p))
			}
		})
	}
}

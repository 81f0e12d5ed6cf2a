package plan_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/tendcare/tend"
)

// TestNeverIsNever: a practice marked never is called never, and nothing
// "close" to it is suggested to the person who marked it, nor anything
// they turned down to the person it is offered to.
func TestNeverIsNever(t *testing.T) {
	cat := mustCatalog(t)
	tests := []struct {
		name  string
		kind  string // conflict kind
		cards []*tend.Card
		why   string   // the conflict's why contains it
		ways  []string // some way contains each
		not   []string // no way and not the why contains these
	}{
		{"NeverIsNotRatherNot", tend.DeclinedTogether,
			[]*tend.Card{card("Bo", recv("cuddle", "never")), card("Cy", recv("cuddle", "like"))},
			"Cy would like a cuddle, but Bo never wants it, so it is left out.",
			[]string{"Bo has said no, and that stands"},
			[]string{"rather not", "which is close"}},
		{"RatherNotMayHearOfSomethingClose", tend.DeclinedTogether,
			[]*tend.Card{card("Bo", recv("cuddle", "rather-not")), card("Cy", recv("cuddle", "like"))},
			"Cy would like a cuddle, but Bo would rather not, so it is left out.",
			[]string{"Nobody here turns down spooning, big or little spoon, which is close"}, nil},
		{"EachInTheirOwnWords", tend.DeclinedTogether,
			[]*tend.Card{card("Bo", recv("cuddle", "never")), card("Cy", recv("cuddle", "need")), card("Di", recv("cuddle", "rather-not")), card("Ed", give("cuddle", "no"))},
			"Cy needs a cuddle, but Bo never wants it, Di would rather not and Ed said no to it, so it is left out.",
			nil, []string{"which is close"}},
		{"NotFromTheOneWhoSaidNever", tend.DeclinedTogether,
			// Jo never showers together; a bath from Jo in its place is
			// not offered, a bath from Alex is.
			[]*tend.Card{card("Sam", recv("shower-together", "like")), card("Jo", recv("shower-together", "never"), give("bath", "glad")), card("Alex", give("bath", "willing"))},
			"but Jo never wants it",
			[]string{"Alex is willing to offer a warm bath, which is close; ask Sam whether that would do."},
			[]string{"Jo is glad to offer"}},
		{"NotWhatTheyTurnedDown", tend.DeclinedTogether,
			[]*tend.Card{card("Sam", recv("shower-together", "like", "bath", "never")), card("Jo", recv("shower-together", "rather-not")), card("Alex", give("bath", "glad", "clean-up", "glad"))},
			"but Jo would rather not",
			[]string{"Alex is glad to offer help cleaning up, which is close; ask Sam whether that would do."},
			[]string{"warm bath"}},
		{"UnmetNeedNotWhatTheyTurnedDown", tend.UnmetNeed,
			[]*tend.Card{card("Sam", recv("massage", "need", "stroke-hair", "never")), card("Alex", give("massage", "no", "stroke-hair", "glad"))},
			"Sam needs a gentle massage, and nobody here offers it.",
			nil, []string{"hair stroking"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := mustPlan(t, cat, tend.Gentle, tc.cards...)
			c := conflicts(p, tc.kind)
			if len(c) != 1 {
				t.Fatalf("got %d %s conflicts, want 1: %s", len(c), tc.kind, dump(p))
			}
			if !strings.Contains(c[0].Why, tc.why) {
				t.Errorf("why: got %q, want it to contain %q", c[0].Why, tc.why)
			}
			for _, want := range tc.ways {
				if !slices.ContainsFunc(c[0].Ways, func(w string) bool { return strings.Contains(w, want) }) {
					t.Errorf("ways: none contains %q:\n%s", want, strings.Join(c[0].Ways, "\n"))
				}
			}
			for _, not := range tc.not {
				if strings.Contains(c[0].Why+"\n"+strings.Join(c[0].Ways, "\n"), not) {
					t.Errorf("want nothing with %q: %q\n%s", not, c[0].Why, strings.Join(c[0].Ways, "\n"))
				}
			}
		})
	}
}

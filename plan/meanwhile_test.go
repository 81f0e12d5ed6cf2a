package plan_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/tendcare/tend"
)

// TestMeanwhile: a need that waits for a partner's time alone always says
// what the person can do meanwhile, in the conflict's ways and, when there
// is a stand-in, as a step of its own right away.
func TestMeanwhile(t *testing.T) {
	cat := mustCatalog(t)
	tests := []struct {
		name  string
		cards []*tend.Card
		// interimHow is the start of the how-to of the waiting person's
		// step right away; "" when none is wanted.
		interimHow string
		ways       []string // each must be one of the conflict's ways
		notWays    []string // none of the ways may contain these
	}{
		{"OwnVersionOfALaterNeed",
			// Slow kisses come first and have no version alone; the massage
			// after them has one, and it is planned meanwhile.
			[]*tend.Card{card("Ana", recv("slow-kiss", "need", "massage", "need")), card("Bo", space(10), give("massage", "glad"))},
			"Knead your own shoulders",
			[]string{"Meanwhile Ana can start alone: Knead your own shoulders"}, nil},
		{"NearVersionWhenItHasNone",
			[]*tend.Card{card("Ana", recv("slow-kiss", "need")), card("Bo", space(10))},
			"Wrap yourself in a blanket",
			[]string{"Meanwhile Ana can start alone with something close to slow kisses (a cuddle): Wrap yourself in a blanket"}, nil},
		{"NearVersionNotOneTheyTurnDown",
			[]*tend.Card{card("Ana", recv("slow-kiss", "need", "cuddle", "never", "hold-hand", "rather-not")), card("Bo", space(10))},
			"Breathe in for a count of four",
			[]string{"Meanwhile Ana can start alone with slow breathing: Breathe in for a count of four"},
			[]string{"blanket", "Hold your own hand"}},
		{"SomethingToAgreeOnWhenNothingFits",
			[]*tend.Card{card("Ana", recv("slow-kiss", "need", "cuddle", "never", "hold-hand", "never", "breathe-together", "never")), card("Bo", space(10))},
			"",
			[]string{"Meanwhile, agree beforehand what would comfort Ana until Bo is ready."}, nil},
		{"AFreeGiverWhoOffersSomethingClose",
			[]*tend.Card{card("Ana", recv("affirm", "need")), card("Bo", space(10), give("affirm", "glad")), card("Cy", give("affirm", "no", "praise", "glad"))},
			"Tell yourself",
			[]string{"Meanwhile Ana can start alone: Tell yourself",
				"Meanwhile Cy, who is free, is glad to offer praise, which is close; ask Ana whether that would help."},
			[]string{"ask Cy beforehand"}},
		{"AFreePersonWhoseCardDoesNotSay",
			[]*tend.Card{card("Ana", recv("affirm", "need")), card("Bo", space(10), give("affirm", "glad")), card("Cy")},
			"Tell yourself",
			[]string{"Meanwhile Cy is free: ask Cy beforehand whether they would offer words of reassurance until Bo is ready; their card does not say."}, nil},
		{"NobodyFreeWhoSaidNo",
			[]*tend.Card{card("Ana", recv("affirm", "need")), card("Bo", space(10), give("affirm", "glad")), card("Cy", give("affirm", "no"))},
			"Tell yourself", nil, []string{"Cy"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := mustPlan(t, cat, tend.Gentle, tc.cards...)
			c := conflicts(p, tend.SpaceAndCloseness)
			if len(c) != 1 {
				t.Fatalf("got %d space-and-closeness conflicts, want 1: %s", len(c), dump(p))
			}
			for _, want := range tc.ways {
				if !slices.ContainsFunc(c[0].Ways, func(w string) bool { return strings.HasPrefix(w, want) }) {
					t.Errorf("ways: none starts with %q:\n%s", want, strings.Join(c[0].Ways, "\n"))
				}
			}
			for _, not := range tc.notWays {
				if slices.ContainsFunc(c[0].Ways, func(w string) bool { return strings.Contains(w, not) }) {
					t.Errorf("ways: want nothing with %q:\n%s", not, strings.Join(c[0].Ways, "\n"))
				}
			}
			var interim []tend.Step
			for _, s := range p.Steps {
				if s.Phase == tend.First && s.Mode == tend.Self && slices.Equal(s.For, []string{"Ana"}) {
					interim = append(interim, s)
				}
			}
			switch {
			case tc.interimHow == "" && len(interim) != 0:
				t.Errorf("want no step for Ana right away, got %+v", interim)
			case tc.interimHow != "" && (len(interim) != 1 || !strings.HasPrefix(interim[0].HowTo, tc.interimHow)):
				t.Errorf("want one step for Ana right away starting %q, got %+v", tc.interimHow, interim)
			case tc.interimHow != "" && (interim[0].Title != "Comfort for Ana until Bo is ready" || interim[0].Minutes != 10):
				t.Errorf("the step right away: got %q for %d minutes", interim[0].Title, interim[0].Minutes)
			}
			// The step that waits says what to do until then.
			for _, s := range p.Steps {
				if s.At > 0 && slices.Contains(s.For, "Ana") && !strings.Contains(s.Why, "Until then, Ana starts alone: see \"Comfort for Ana until Bo is ready\".") && !strings.Contains(s.Why, "Until then, Ana and the others agree beforehand what would comfort Ana meanwhile.") {
					t.Errorf("step %s waits %d minutes without saying what Ana does until then: %q", s.Practice, s.At, s.Why)
				}
			}
		})
	}
}

// TestNeedNotHeldUpByAnotherReceiver: a giver who is free gives a need
// straight away, even when someone else getting the same practice from
// them takes time first.
func TestNeedNotHeldUpByAnotherReceiver(t *testing.T) {
	cat := mustCatalog(t)
	p := mustPlan(t, cat, tend.Gentle,
		card("Ana", recv("massage", "need")),
		card("Bo", give("massage", "glad")),
		card("Cy", recv("massage", "like", "no-touch-first", "need")))
	for _, s := range steps(p, "massage") {
		if slices.Contains(s.For, "Ana") && s.At != 0 {
			t.Errorf("Ana's massage waits %d minutes for Cy's time without touch: %+v", s.At, s)
		}
		if slices.Contains(s.For, "Cy") && s.At != 5 {
			t.Errorf("Cy's massage: starts at %d, want 5, after Cy's time without touch", s.At)
		}
	}
	if len(steps(p, "massage")) != 2 {
		t.Errorf("want Bo's massage for Ana now and for Cy later: %s", dump(p))
	}
}

// TestOwnTimeIsNoWait: a step that starts after the person's own time
// alone does not tell them what to do until then.
func TestOwnTimeIsNoWait(t *testing.T) {
	cat := mustCatalog(t)
	p := mustPlan(t, cat, tend.Gentle, card("Ana", space(10), recv("music", "need", "cuddle", "need")), card("Bo"))
	for _, id := range []string{"music", "cuddle"} {
		s := steps(p, id)
		if len(s) != 1 || s[0].At != 10 || strings.Contains(s[0].Why, "Until then") {
			t.Errorf("%s: got %+v, want it after Ana's own 10 minutes, with nothing to do until then", id, s)
		}
	}
}

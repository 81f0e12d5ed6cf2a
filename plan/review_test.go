package plan_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/plan"
)

// Regression tests for defects found in review.

func TestDeterministicWithUndescribedPractices(t *testing.T) {
	cat := mustCatalog(t)
	c := card("Gil", recv("x-aa", "need", "x-bb", "need", "x-cc", "need", "x-dd", "need", "x-ee", "need"))
	first, _ := tend.MarshalPlan(mustPlan(t, cat, tend.Gentle, c, card("Hal")))
	for range 30 {
		p, err := plan.Make(cat, []*tend.Card{c, card("Hal")}, tend.Gentle)
		if err != nil {
			t.Fatal(err)
		}
		if again, _ := tend.MarshalPlan(p); !bytes.Equal(first, again) {
			t.Fatalf("the plan changed between runs:\n%s\n%s", first, again)
		}
	}
}

func TestAlone(t *testing.T) {
	cat := mustCatalog(t)
	robin := card("Robin", recv("slow-kiss", "need", "cuddle", "like", "space-first", "need"))
	for _, k := range []tend.Kind{tend.Solo, tend.Gentle} {
		t.Run(string(k), func(t *testing.T) {
			p := mustPlan(t, cat, k, robin)
			if len(steps(p, "slow-kiss")) != 0 || len(conflicts(p, tend.UnmetNeed)) != 1 {
				t.Errorf("slow kisses have no solo version: want an unmet need, got %s", dump(p))
			}
			if c := steps(p, "cuddle"); len(c) != 1 || c[0].Mode != tend.Self || c[0].HowTo == "" {
				t.Errorf("cuddle alone: want the self version, got %+v", c)
			}
			if len(steps(p, "space-first")) != 1 {
				t.Errorf("time alone first: want a step, got %s", dump(p))
			}
		})
	}
}

func TestSpaceFirstLevels(t *testing.T) {
	cat := mustCatalog(t)
	t.Run("NeverForThisKindTurnsItOff", func(t *testing.T) {
		ana := card("Ana", space(10), override(tend.Quickie, &tend.Override{Receive: map[string]tend.Receive{"space-first": tend.Never}}))
		bo := card("Bo", recv("cuddle", "need"))
		if p := mustPlan(t, cat, tend.Quickie, ana, bo); len(steps(p, "space-first")) != 0 || len(p.Conflicts) != 0 {
			t.Errorf("quickie: Ana turned time alone off; got %s", dump(p))
		}
		if p := mustPlan(t, cat, tend.Gentle, ana, bo); len(steps(p, "space-first")) != 1 {
			t.Errorf("gentle: Ana's 10 minutes alone are missing")
		}
	})
	t.Run("ALikeNeverHoldsUpANeed", func(t *testing.T) {
		p := mustPlan(t, cat, tend.Gentle,
			card("Rae", recv("space-first", "like"), give("affirm", "glad")),
			card("Sol", recv("cuddle", "need", "affirm", "need")))
		if len(p.Conflicts) != 0 {
			t.Errorf("conflicts: got %+v, want none", p.Conflicts)
		}
		for _, s := range p.Steps {
			if s.At != 0 {
				t.Errorf("step %s waits %d minutes for a liked time alone", s.Practice, s.At)
			}
		}
		if s := steps(p, "space-first"); len(s) != 1 || !strings.Contains(s[0].Why, "would like") {
			t.Errorf("space-first: got %+v, want Rae's liked time alone", s)
		}
	})
	t.Run("OneConflictPerPersonTakingSpace", func(t *testing.T) {
		p := mustPlan(t, cat, tend.Gentle,
			card("Ada", space(5), give("stroke-hair", "glad", "affirm", "glad", "blanket", "glad")),
			card("Ben", recv("stroke-hair", "need", "affirm", "need", "blanket", "need")),
			card("Cy", recv("stroke-hair", "need")))
		c := conflicts(p, tend.SpaceAndCloseness)
		if len(c) != 1 {
			t.Fatalf("got %d space-and-closeness conflicts, want one for Ada: %+v", len(c), c)
		}
		if slices.Contains(c[0].Practices, "blanket") {
			t.Errorf("a blanket needs no closeness; it waits for Ada without a clash: %+v", c[0])
		}
		if !slices.Equal(c[0].People, []string{"Ada", "Ben", "Cy"}) || !strings.Contains(c[0].Why, "while others need closeness straight away: Ben needs gentle hair stroking and words of reassurance; Cy needs gentle hair stroking.") {
			t.Errorf("got %+v", c[0])
		}
	})
}

func TestDeclinedTogetherNamesEveryone(t *testing.T) {
	cat := mustCatalog(t)
	t.Run("WantingItIsNotDecliningIt", func(t *testing.T) {
		p := mustPlan(t, cat, tend.Gentle, card("Ana", recv("cuddle", "need")), card("Ben", recv("cuddle", "need"), give("cuddle", "no")))
		if len(steps(p, "cuddle")) != 1 || len(p.Conflicts) != 0 {
			t.Errorf("both need the cuddle: want it planned, got %s", dump(p))
		}
	})
	t.Run("AllWhoWantIt", func(t *testing.T) {
		p := mustPlan(t, cat, tend.Gentle,
			card("Cleo", recv("cuddle", "need")), card("Dev", recv("cuddle", "like")),
			card("Eli", recv("cuddle", "need")), card("Fay", recv("cuddle", "never")))
		c := conflicts(p, tend.DeclinedTogether)
		if len(c) != 1 || !strings.HasPrefix(c[0].Why, "Cleo and Eli need a cuddle and Dev would like it too, but Fay never wants it") {
			t.Fatalf("got %+v", c)
		}
		if !strings.Contains(strings.Join(c[0].Ways, "\n"), "Cleo, Dev and Eli could share it a little apart") {
			t.Errorf("ways: %q", c[0].Ways)
		}
	})
	t.Run("ShareApartOnlyWithTwoWanters", func(t *testing.T) {
		p := mustPlan(t, cat, tend.Gentle, card("Cleo", recv("cuddle", "need")), card("Dev"), card("Fay", recv("cuddle", "never")))
		if c := conflicts(p, tend.DeclinedTogether); len(c) != 1 || strings.Contains(strings.Join(c[0].Ways, " "), "apart") {
			t.Errorf("one person cannot share it apart: %+v", c)
		}
	})
}

func TestWaysFitTheKind(t *testing.T) {
	cat := mustCatalog(t)
	p := mustPlan(t, cat, tend.Quickie, card("Sam", recv("massage", "need")), card("Alex", give("massage", "no")))
	ways := strings.Join(conflicts(p, tend.UnmetNeed)[0].Ways, "\n")
	if strings.Contains(ways, "skin-to-skin") {
		t.Errorf("a quickie should not suggest a slow practice: %s", ways)
	}
}

func TestMinutesCoverNeeds(t *testing.T) {
	cat := mustCatalog(t)
	p := mustPlan(t, cat, tend.Gentle, card("Sam", space(10), recv("massage", "need")), card("Alex", give("massage", "glad")))
	m := steps(p, "massage")[0]
	if p.Minutes < m.At+m.Minutes {
		t.Errorf("minutes: got %d, want at least %d, when the needed massage ends", p.Minutes, m.At+m.Minutes)
	}
}

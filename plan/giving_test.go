package plan_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/tendcare/tend"
)

// TestWhoGivesWhat: who is asked to give what, and in which order the
// wants are served: needs pick their giver before any like, likes someone
// is glad to give fill the like cap first, giving is shared out (check-ins
// included), a giver's own time without touch holds up only the touch
// they give, and between equal givers the first by name gives.
func TestWhoGivesWhat(t *testing.T) {
	cat := mustCatalog(t)
	all := func(level string) opt { return give("water", level, "snack", level, "towel", level, "blanket", level) }
	own := func(id string, r tend.Receive) opt {
		return func(c *tend.Card) {
			c.Custom = append(c.Custom, tend.CustomPractice{ID: id, Title: "Own " + id, Mode: tend.Given, Receive: r})
		}
	}
	tests := []struct {
		name  string
		kind  tend.Kind
		cards []*tend.Card
		want  []string // practice:for>by@at, every step in plan order
	}{
		{"NeedsPickTheirGiverBeforeLikes", tend.Gentle,
			// Alex is glad to give, Di only willing; Alex takes three acts
			// of giving before Di is asked, and Zed's need is one of them
			// although Cy's likes come first by name.
			[]*tend.Card{card("Cy", recv("water", "like", "snack", "like", "towel", "like")), card("Zed", recv("blanket", "need")), card("Alex", all("glad")), card("Di", all("willing"))},
			[]string{"water:Cy>Alex@0", "towel:Cy>Di@0", "blanket:Zed>Alex@0", "snack:Cy>Alex@0"}},
		{"LikesSomeoneIsGladToGiveFillTheCapFirst", tend.Quickie,
			// A quickie plans two likes: the towel and blanket Alex is
			// glad to give, not the water Alex is only willing to bring.
			[]*tend.Card{card("Bo", recv("water", "like", "towel", "like", "blanket", "like")), card("Alex", give("water", "willing", "towel", "glad", "blanket", "glad"))},
			[]string{"towel:Bo>Alex@0", "blanket:Bo>Alex@0"}},
		{"EqualGiversInNameOrder", tend.Gentle,
			[]*tend.Card{card("Bo", recv("water", "need")), card("Cy", give("water", "glad")), card("Al", give("water", "glad"))},
			[]string{"water:Bo>Al@0"}},
		{"OwnPracticesServedInIDOrder", tend.Gentle,
			[]*tend.Card{card("Bo", own("x-b", tend.Like)), card("Cy", own("x-a", tend.Like)), card("Al", give("x-a", "glad", "x-b", "glad")), card("Di", give("x-a", "glad", "x-b", "glad"))},
			[]string{"x-a:Cy>Al@0", "x-b:Bo>Di@0"}},
		{"NoTouchFirstHoldsUpOnlyTouch", tend.Gentle,
			// Al needs five minutes without touch: the water comes at
			// once, the massage after.
			[]*tend.Card{card("Bo", recv("water", "need", "massage", "need")), card("Al", recv("no-touch-first", "need"), give("water", "glad", "massage", "glad"))},
			[]string{"no-touch-first:Al>Al@0", "massage:Bo>Bo@0", "water:Bo>Al@0", "massage:Bo>Al@5"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := mustPlan(t, cat, tc.kind, tc.cards...)
			var got []string
			for _, s := range p.Steps {
				got = append(got, s.Practice+":"+strings.Join(s.For, ",")+">"+strings.Join(s.By, ",")+"@"+itoa(s.At))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

// TestCheckinsSharedOut: sending a check-in counts as giving, so two
// check-ins go to two people glad to send them, not both to the first.
func TestCheckinsSharedOut(t *testing.T) {
	cat := mustCatalog(t)
	p := mustPlan(t, cat, tend.Gentle,
		card("Bo", recv("evening-checkin", "need", "next-day-checkin", "like")),
		card("Al", give("evening-checkin", "glad", "next-day-checkin", "glad")),
		card("Cy", give("evening-checkin", "glad", "next-day-checkin", "glad")))
	want := map[string]string{
		"PT6H": "Bo needs a check-in that evening; Al is glad to send it.",
		"P1D":  "Bo would like a check-in the next day; Cy is glad to send it.",
	}
	for after, why := range want {
		if f, ok := followup(p, after); !ok || f.Why != why {
			t.Errorf("%s: got %+v, want %q", after, f, why)
		}
	}
}

// TestOwnPracticeAlone: alone, a person's own practice is theirs to do as
// they wrote it; at a distance, one that is not remote cannot happen.
func TestOwnPracticeAlone(t *testing.T) {
	cat := mustCatalog(t)
	hug := func() *tend.Card {
		c := card("Bo")
		c.Custom = []tend.CustomPractice{{ID: "x-hug", Title: "A long hug", Mode: tend.Given, Receive: tend.Need}}
		return c
	}
	solo := mustPlan(t, cat, tend.Solo, hug())
	if s := steps(solo, "x-hug"); len(s) != 1 || s[0].Mode != tend.Self || len(conflicts(solo, tend.UnmetNeed)) != 0 {
		t.Errorf("solo: want Bo's own hug as a step alone, got %s", dump(solo))
	}
	apart := mustPlan(t, cat, tend.LongDistance, hug(), card("Cy", give("x-hug", "glad")))
	if c := conflicts(apart, tend.UnmetNeed); len(steps(apart, "x-hug")) != 0 || len(c) != 1 || !strings.Contains(c[0].Why, "cannot happen at a distance") {
		t.Errorf("long distance: want the hug an unmet need, got %s", dump(apart))
	}
}

// TestEveryoneNamedInNameOrder: a step many people want names them in
// name order, however many wants the plan sorts.
func TestEveryoneNamedInNameOrder(t *testing.T) {
	cat := mustCatalog(t)
	var cards []*tend.Card
	names := []string{"An", "Bo", "Cy", "Di", "Ed", "Fa", "Gu", "Hi"}
	for _, n := range names {
		cards = append(cards, card(n, recv("cuddle", "like", "hold-hand", "like", "stay-close", "like", "breathe-together", "like")))
	}
	p := mustPlan(t, cat, tend.Gentle, cards...)
	if len(p.Steps) != 4 {
		t.Fatalf("want four shared steps, got %s", dump(p))
	}
	for _, s := range p.Steps {
		if !slices.Equal(s.For, names) {
			t.Errorf("%s: for %v, want %v", s.Practice, s.For, names)
		}
	}
}

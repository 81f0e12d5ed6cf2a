package plan_test

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tendcare/tend"
)

// stepOrder is the order the engine promises for steps: by phase, then by
// the minute they start, then time alone and the comfort that stands in
// for a wait before anything else starting then, then catalog order (own
// practices last, by id), then whom it is for.
type stepOrder struct {
	rank, at, prio, order int
	id, first             string
}

func orderOf(kind tend.Kind, practice func(string) *tend.Practice, s tend.Step) stepOrder {
	o := stepOrder{rank: s.Phase.Rank(), at: s.At, id: s.Practice, first: s.For[0]}
	switch {
	case strings.HasPrefix(s.Title, "Comfort for "):
		o.prio = -1
	case kind != tend.Solo && (s.Practice == "space-first" || s.Practice == "no-touch-first" || s.Practice == "quiet-no-talk"):
		o.prio = -2
	}
	if p := practice(s.Practice); p != nil {
		o.order = p.Order
	}
	return o
}

func compareOrder(a, b stepOrder) int {
	return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(a.at, b.at), cmp.Compare(a.prio, b.prio),
		cmp.Compare(a.order, b.order), strings.Compare(a.id, b.id), strings.Compare(a.first, b.first))
}

// checkStepOrder asserts, for any plan, that steps come in the promised
// order, and that a step that waits for someone is not "right away".
func checkStepOrder(tb testing.TB, kind tend.Kind, practice func(string) *tend.Practice, p *tend.Plan) {
	tb.Helper()
	for i, s := range p.Steps {
		if s.At > 0 && s.Phase == tend.First {
			tb.Errorf("step %s starts after %d minutes but is in phase first", s.Practice, s.At)
		}
		if i > 0 && compareOrder(orderOf(kind, practice, p.Steps[i-1]), orderOf(kind, practice, s)) >= 0 {
			tb.Errorf("steps out of order: %s (%s, at %d, for %v) before %s (%s, at %d, for %v)",
				p.Steps[i-1].Practice, p.Steps[i-1].Phase, p.Steps[i-1].At, p.Steps[i-1].For, s.Practice, s.Phase, s.At, s.For)
		}
	}
}

// TestStepsInTimeOrder: the plan reads top to bottom in the order things
// happen, so nobody is asked to do something before what comes first.
func TestStepsInTimeOrder(t *testing.T) {
	cat := mustCatalog(t)
	own := func(id, title string, r tend.Receive) opt {
		return func(c *tend.Card) {
			c.Custom = append(c.Custom, tend.CustomPractice{ID: id, Title: title, Mode: tend.Self, Receive: r})
		}
	}
	tests := []struct {
		name  string
		kind  tend.Kind
		cards []*tend.Card
		want  []string // practice:first receiver@at, in order
	}{
		{"ByPhase", tend.Gentle,
			[]*tend.Card{card("Bo", recv("walk", "like", "snack", "need", "water", "need")), card("Cy", give("water", "glad", "snack", "glad"))},
			[]string{"water:Bo@0", "snack:Bo@0", "walk:Bo@0"}},
		{"ByMinuteWithinAPhase", tend.Gentle,
			// Bo's massage waits for Cy's time alone; Bo's foot rub from
			// Di comes first, though it is later in the catalog.
			[]*tend.Card{card("Bo", recv("massage", "need", "foot-rub", "need")), card("Cy", space(10), give("massage", "glad")), card("Di", give("foot-rub", "glad"))},
			[]string{"space-first:Cy@0", "massage:Bo@0", "foot-rub:Bo@0", "massage:Bo@10"}},
		{"WaitingMovesARightAwayStepToSoon", tend.Gentle,
			[]*tend.Card{card("Bo", recv("cuddle", "need", "snack", "like")), card("Cy", space(10), give("snack", "glad"))},
			[]string{"space-first:Cy@0", "cuddle:Bo@0", "snack:Bo@10", "cuddle:Bo@10"}},
		{"TimeAloneThenComfortThenTheRest", tend.Gentle,
			// Water is first in the catalog, yet the comfort that stands in
			// for Bo's massage while Cy takes time alone comes before it.
			[]*tend.Card{card("Bo", recv("massage", "need", "water", "need")), card("Cy", space(10), give("massage", "glad")), card("Di", give("water", "glad"))},
			[]string{"space-first:Cy@0", "massage:Bo@0", "water:Bo@0", "massage:Bo@10"}},
		{"EveryonesTimeAloneInNameOrder", tend.Gentle,
			[]*tend.Card{card("Di", space(5)), card("Bo", space(10)), card("Cy", recv("quiet-no-talk", "need"))},
			[]string{"space-first:Bo@0", "space-first:Di@0", "quiet-no-talk:Cy@0"}},
		{"OneGiftToTwoInNameOrder", tend.Gentle,
			[]*tend.Card{card("Di", recv("water", "need")), card("Bo", recv("water", "need")), card("Al", give("water", "glad")), card("Cy", give("water", "glad"))},
			[]string{"water:Bo@0", "water:Di@0"}},
		{"OwnPracticesAfterTheCatalogByID", tend.Gentle,
			[]*tend.Card{card("Bo", own("x-b", "Tea on the porch", tend.Need), own("x-a", "A hot bath", tend.Need), recv("journal", "need")), card("Cy")},
			[]string{"x-a:Bo@0", "x-b:Bo@0", "journal:Bo@0"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := mustPlan(t, cat, tc.kind, tc.cards...)
			var got []string
			for _, s := range p.Steps {
				got = append(got, s.Practice+":"+s.For[0]+"@"+itoa(s.At))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got  %v\nwant %v\n%s", got, tc.want, dump(p))
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

package plan_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/plan"
)

// TestTitlesUnique: one practice planned more than once (given by two
// people, or each person's own time alone) gets titles that say for whom.
func TestTitlesUnique(t *testing.T) {
	cat := mustCatalog(t)
	tests := []struct {
		name  string
		kind  tend.Kind
		cards []*tend.Card
		want  []string // titles that must be in the plan
	}{
		{"ReassuranceBothWays", tend.Gentle,
			[]*tend.Card{card("Ana", recv("affirm", "need"), give("affirm", "glad")), card("Bo", recv("affirm", "need"), give("affirm", "glad"))},
			[]string{"Words of reassurance for Ana", "Words of reassurance for Bo"}},
		{"TwoGiversInAGroup", tend.Gentle,
			[]*tend.Card{card("Ana", recv("affirm", "need")), card("Bo", give("affirm", "glad")), card("Cy", recv("affirm", "need")), card("Di", give("affirm", "glad"))},
			[]string{"Words of reassurance for Ana", "Words of reassurance for Cy"}},
		{"EachTakesTimeAlone", tend.Gentle,
			[]*tend.Card{card("Ana", space(5)), card("Bo", space(10))},
			[]string{"A few minutes alone first for Ana", "A few minutes alone first for Bo"}},
		{"EachHasAKitAtADistance", tend.LongDistance,
			[]*tend.Card{card("Ana"), card("Bo")},
			[]string{"A self-care kit ready for Ana", "A self-care kit ready for Bo"}},
		{"TwoWaitForTheSamePerson", tend.Gentle,
			[]*tend.Card{card("Ana", recv("cuddle", "need")), card("Bo", space(10)), card("Cy", recv("cuddle", "need"))},
			nil}, // in a group the two start the cuddle together: no wait
		{"TwoWaitForTheSameGiver", tend.Gentle,
			[]*tend.Card{card("Ana", recv("stroke-hair", "need")), card("Bo", space(10), give("stroke-hair", "glad")), card("Cy", recv("stroke-hair", "need"))},
			[]string{"Comfort for Ana until Bo is ready", "Comfort for Cy until Bo is ready"}},
		{"OneOfAKindKeepsItsTitle", tend.Gentle,
			[]*tend.Card{card("Ana", recv("affirm", "need")), card("Bo", give("affirm", "glad"))},
			[]string{"Words of reassurance"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := mustPlan(t, cat, tc.kind, tc.cards...) // checks titles are unique
			var titles []string
			for _, s := range p.Steps {
				titles = append(titles, s.Title)
			}
			for _, want := range tc.want {
				if !slices.Contains(titles, want) {
					t.Errorf("titles: %q missing from %q", want, titles)
				}
			}
		})
	}
}

// doubled finds punctuation doubled where card text meets the plan's own:
// "?." "!." "…." and exactly two full stops.
var doubled = regexp.MustCompile(`[?!…]["”')]?[.]|(^|[^.])[.]["”')]?[.]($|[^.])`)

// TestNoDoubledPunctuation: text from cards that already ends a sentence
// gets no second full stop.
func TestNoDoubledPunctuation(t *testing.T) {
	cat := mustCatalog(t)
	tests := []struct {
		name  string
		cards []*tend.Card
		want  string // some text in the plan equals or contains it
	}{
		{"HelpsEndingInAFullStop", []*tend.Card{card("Sam", drop(tend.DropNextDay, "a walk together."))},
			"Sam's low mood tends to come the next day; what helps then: a walk together."},
		{"HelpsEndingInAQuestion", []*tend.Card{card("Sam", drop(tend.DropNextDay, "a message in the morning.", "could you call me?"))},
			"what helps then: a message in the morning, could you call me?"},
		{"HelpsEndingInAnExclamation", []*tend.Card{card("Sam", drop(tend.DropNextDay, "tea!"))},
			"what helps then: tea!"},
		{"HelpsEndingInAnEllipsis", []*tend.Card{card("Sam", drop(tend.DropSameDay, "time…"))},
			"what helps then: time…"},
		{"NameEndingInAFullStop", []*tend.Card{card("Sam B.", recv("massage", "need")), card("Alex", give("massage", "no"))},
			"Talk beforehand about what else would help Sam B."},
		{"OwnPracticeEndingInAQuestion", []*tend.Card{
			{Tend: tend.CardVersion, Name: "Sam", Custom: []tend.CustomPractice{{ID: "x-tea", Title: "Tea?", Mode: tend.Together, Receive: tend.Like}}},
			card("Alex")},
			`Sam would like "Tea?"; it is shared, and neither turns it down`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := mustPlan(t, cat, tend.Gentle, tc.cards...) // checks every text
			if texts := planTexts(p); !slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, tc.want) }) {
				t.Errorf("want %q in one of %q", tc.want, texts)
			}
		})
	}
	t.Run("Language", func(t *testing.T) {
		c := &tend.Card{Name: "Sam", Custom: []tend.CustomPractice{{ID: "x-tea", Title: "Tea?", Mode: tend.Together, Receive: tend.Need}}}
		if got, want := plan.Language(cat, c, tend.Gentle), `Sam: "Tea?"`; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
}

// planTexts lists every sentence the plan writes itself.
func planTexts(p *tend.Plan) []string {
	var out []string
	for _, s := range p.Steps {
		out = append(out, s.Why)
	}
	for _, c := range p.Conflicts {
		out = append(out, c.Why)
		out = append(out, c.Ways...)
	}
	for _, s := range p.Supplies {
		out = append(out, s.Why)
	}
	for _, f := range p.Followups {
		out = append(out, f.Why)
	}
	return out
}

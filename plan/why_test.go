package plan_test

import (
	"cmp"
	"strings"
	"testing"

	"github.com/tendcare/tend"
)

// TestWhyWaitsForWhom: a step's reason says who it waits for, and only
// when it waits; what the person waiting does until then; who joins in
// late; and the comfort right away names everyone it waits for and stands
// in for the need that hurts to wait for: closeness before a drink.
func TestWhyWaitsForWhom(t *testing.T) {
	cat := mustCatalog(t)
	tests := []struct {
		name     string
		cards    []*tend.Card
		title    string    // the step's title
		why, how string    // how: the start of its how-to, if given
		kind     tend.Kind // gentle if empty
	}{
		{"RightAwaySaysNothingOfWaiting",
			[]*tend.Card{card("Bo", recv("water", "need")), card("Al", give("water", "glad"))},
			"A glass of water", "Bo needs a glass of water; Al is glad to offer it.", "", ""},
		{"WaitsForWhoeverIsNotReady",
			[]*tend.Card{card("Bo", space(1), recv("cuddle", "need")), card("Cy", recv("cuddle", "need"))},
			"A cuddle", "Bo and Cy need a cuddle; it is shared, and neither turns it down. It starts after 1 minute, when Bo is ready. Until then, Cy starts alone: see \"Comfort for Cy until Bo is ready\".", "", ""},
		{"OneMinute",
			[]*tend.Card{card("Bo", space(1), recv("cuddle", "need")), card("Cy", recv("cuddle", "need"))},
			"A few minutes alone first", "Bo needs 1 minute alone before any touch or talk.", "", ""},
		{"TwoFreeStartAndTheOtherJoins",
			[]*tend.Card{card("Bo", space(10)), card("Cy", recv("cuddle", "need")), card("Di")},
			"A cuddle", "Cy needs a cuddle; it is shared, and nobody here turns it down. Bo joins in when ready.", "", ""},
		{"ComfortNamesEveryoneItWaitsFor",
			[]*tend.Card{card("Bo", recv("massage", "need", "foot-rub", "need")), card("Cy", space(10), give("massage", "glad")), card("Di", space(5), give("foot-rub", "glad"))},
			"Comfort for Bo until Cy and Di are ready",
			"Bo needs a gentle massage straight away and Cy and Di need up to 10 minutes first; meanwhile this stands in for it.", "Knead your own shoulders", ""},
		{"ComfortForClosenessBeforeADrink",
			[]*tend.Card{card("Bo", recv("water", "need", "cuddle", "need")), card("Cy", space(10), give("water", "glad"))},
			"Comfort for Bo until Cy is ready",
			"Bo needs a cuddle straight away and Cy needs 10 minutes first; meanwhile this stands in for it.", "Wrap yourself in a blanket", ""},
		{"ALikedTimeWithoutTouch",
			[]*tend.Card{card("Bo", recv("no-touch-first", "like")), card("Cy")},
			"No touch for the first minutes", "Bo would like 5 minutes without touch first, as long as nobody needs a hug straight away.", "", ""},
		{"ALikedQuiet",
			[]*tend.Card{card("Bo", recv("quiet-no-talk", "like")), card("Cy")},
			"A few minutes without talking", "Bo would like 5 minutes of quiet first, as long as nobody needs to talk straight away.", "", ""},
		{"ApartKeptInReach",
			[]*tend.Card{card("Bo", recv("water", "like")), card("Cy")},
			"A glass of water", "Bo would like a glass of water; at a distance nobody can hand it over, so Bo keeps water in reach.", "Keep a bottle", tend.LongDistance},
		{"ApartTheVersionAlone",
			[]*tend.Card{card("Bo", recv("cuddle", "need")), card("Cy")},
			"A cuddle", "Bo needs a cuddle; at a distance this is the version Bo can do alone.", "Wrap yourself", tend.LongDistance},
		{"SoloKeptInReach",
			[]*tend.Card{card("Bo", recv("water", "like"))},
			"A glass of water", "Bo would like a glass of water; alone, Bo keeps water within reach.", "Keep a bottle", tend.Solo},
		{"SoloTheVersionAlone",
			[]*tend.Card{card("Bo", recv("cuddle", "need"))},
			"A cuddle", "Bo needs a cuddle; alone, Bo can do a version of it.", "Wrap yourself", tend.Solo},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			kind := cmp.Or(tc.kind, tend.Gentle)
			p := mustPlan(t, cat, kind, tc.cards...)
			for _, s := range p.Steps {
				if s.Title != tc.title {
					continue
				}
				if s.Why != tc.why || !strings.HasPrefix(s.HowTo, tc.how) {
					t.Errorf("why:\ngot  %q\nwant %q\nhow: got %q, want it to start %q", s.Why, tc.why, s.HowTo, tc.how)
				}
				return
			}
			t.Errorf("no step titled %q: %s", tc.title, dump(p))
		})
	}
}

// index is the catalog with some practices replaced, to plan with other
// catalog values than the built-in ones.
type index struct {
	tend.PracticeIndex
	replaced map[string]*tend.Practice
}

func (x index) Practice(id string) (*tend.Practice, bool) {
	if p, ok := x.replaced[id]; ok {
		return p, true
	}
	return x.PracticeIndex.Practice(id)
}

// TestTimeAloneFromTheCatalog: someone who needs time alone (or without
// touch) and gives no minutes gets the catalog's minutes for it, and a
// default when the catalog gives none.
func TestTimeAloneFromTheCatalog(t *testing.T) {
	cat := mustCatalog(t)
	with := func(id string, minutes int) *tend.Practice {
		p, _ := cat.Practice(id)
		q := *p
		q.Minutes = minutes
		return &q
	}
	idx := index{cat, map[string]*tend.Practice{"space-first": with("space-first", 12), "no-touch-first": with("no-touch-first", 0)}}
	p := mustPlan(t, idx, tend.Gentle, card("Bo", recv("space-first", "need")), card("Cy", recv("no-touch-first", "need")))
	for id, want := range map[string]int{"space-first": 12, "no-touch-first": 5} {
		if s := steps(p, id); len(s) != 1 || s[0].Minutes != want {
			t.Errorf("%s: got %+v, want %d minutes", id, s, want)
		}
	}
}

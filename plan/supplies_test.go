package plan_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/tendcare/tend"
)

// TestSuppliesListed: what to have at hand names the right people: those
// a planned step is for, everyone who needs something nobody gives, and
// at a distance each person's own kit (never someone else's items); the
// basics of an intense plan leave out what someone marked never.
func TestSuppliesListed(t *testing.T) {
	cat := mustCatalog(t)
	tests := []struct {
		name  string
		kind  tend.Kind
		cards []*tend.Card
		want  []string // item [for]: why
		kit   map[string]string
	}{
		{"ForWhomTheStepIs", tend.Gentle,
			[]*tend.Card{card("Bo", recv("water", "need"), give("blanket", "glad")), card("Al", recv("blanket", "like"), give("water", "glad"))},
			[]string{"water []: For a glass of water in the plan (Bo).", "a soft blanket []: For a soft blanket in the plan (Al)."}, nil},
		{"EveryoneWhoNeedsWhatNobodyGives", tend.Gentle,
			[]*tend.Card{card("Bo", recv("water", "need", "blanket", "need")), card("Cy", recv("water", "need", "snack", "need"))},
			[]string{
				"water [Bo Cy]: Bo and Cy need a glass of water and nobody here offers it; with water at hand, Bo and Cy are covered either way.",
				"a snack [Cy]: Cy needs a snack and nobody here offers it; with a snack at hand, Cy is covered either way.",
				"a soft blanket [Bo]: Bo needs a soft blanket and nobody here offers it; with a soft blanket at hand, Bo is covered either way."}, nil},
		{"EachOneTheirOwnKitApart", tend.LongDistance,
			[]*tend.Card{card("Bo", recv("blanket", "like", "water", "like", "music", "like")), card("Cy")},
			[]string{"a playlist []: For soft music in the plan (Bo).",
				"water [Bo]: Part of Bo's self-care kit: apart, nobody can hand it over.",
				"a soft blanket [Bo]: Part of Bo's self-care kit: apart, nobody can hand it over."},
			map[string]string{
				"Bo": "Apart, nobody can hand Bo anything, so Bo keeps these within reach: water and a soft blanket.",
				"Cy": "Apart, nobody can hand Cy anything, so Cy keeps these within reach: water, something warm to wrap up in, and the phone charged."}},
		{"IntenseBasicsNotWhatSomeoneMarkedNever", tend.Intense,
			[]*tend.Card{card("Bo", recv("self-care-kit", "like", "snack", "never")), card("Cy", recv("water", "never"))},
			[]string{"a self-care kit []: For a self-care kit ready in the plan (Bo).",
				"a soft blanket []: After intense play bodies often get thirsty, cold or shaky; have it at hand even if nobody asked."}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := mustPlan(t, cat, tc.kind, tc.cards...)
			var got []string
			for _, s := range p.Supplies {
				got = append(got, s.Item+" ["+strings.Join(s.For, " ")+"]: "+s.Why)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("supplies:\ngot  %q\nwant %q", got, tc.want)
			}
			for who, why := range tc.kit {
				var kit []tend.Step
				for _, s := range steps(p, "self-care-kit") {
					if slices.Equal(s.For, []string{who}) {
						kit = append(kit, s)
					}
				}
				if len(kit) != 1 || kit[0].Why != why {
					t.Errorf("%s's kit: got %+v, want %q", who, kit, why)
				}
			}
		})
	}
}

package plan_test

import (
	"testing"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/plan"
)

func TestLanguage(t *testing.T) {
	cat := mustCatalog(t)
	tests := []struct {
		name string
		card *tend.Card
		kind tend.Kind
		want string
	}{
		{"NeedsBeforeLikes", &tend.Card{Name: "Sam", Receive: map[string]tend.Receive{"cuddle": tend.Like, "water": tend.Need, "blanket": tend.Need, "snack": tend.Like}},
			tend.Gentle, "Sam: a glass of water, a soft blanket and a snack."},
		{"SpaceFirst", &tend.Card{Name: "Jo", SpaceFirstMinutes: 10, Receive: map[string]tend.Receive{"water": tend.Need, "cuddle": tend.Like, "snack": tend.Like}},
			tend.Gentle, "Jo: 10 minutes alone first, a glass of water and a snack."},
		{"OwnPractice", &tend.Card{Name: "Alex", Custom: []tend.CustomPractice{{ID: "x-song", Title: "Our song", Mode: tend.Together, Receive: tend.Need}}},
			tend.Gentle, `Alex: "Our song".`},
		{"PerKind", &tend.Card{Name: "Kim", Receive: map[string]tend.Receive{"water": tend.Like},
			Encounters: map[tend.Kind]*tend.Override{tend.Intense: {Receive: map[string]tend.Receive{"blanket": tend.Need}}}},
			tend.Intense, "Kim: a soft blanket and a glass of water."},
		{"Nothing", &tend.Card{Name: "Ry"}, tend.Gentle, "Ry has not said yet what helps."},
		{"TimeAloneLikedWithoutMinutes", &tend.Card{Name: "Bo", Receive: map[string]tend.Receive{"space-first": tend.Like}},
			tend.Gentle, "Bo: a few minutes alone first."},
		{"TimeAloneOnceWithItsMinutes", &tend.Card{Name: "Jo", SpaceFirstMinutes: 10, Receive: map[string]tend.Receive{"space-first": tend.Need, "water": tend.Need}},
			tend.Gentle, "Jo: 10 minutes alone first and a glass of water."},
		{"OwnPracticesAtTheirLevel", &tend.Card{Name: "Al", Custom: []tend.CustomPractice{{ID: "x-like", Title: "Liked own", Mode: tend.Self, Receive: tend.Like}, {ID: "x-need", Title: "Needed own", Mode: tend.Self, Receive: tend.Need}}},
			tend.Gentle, `Al: "Needed own" and "Liked own".`},
		{"ThreeAtMostWithOwnPractices", &tend.Card{Name: "Ed", Receive: map[string]tend.Receive{"water": tend.Need, "snack": tend.Need, "blanket": tend.Need},
			Custom: []tend.CustomPractice{{ID: "x-need", Title: "Needed own", Mode: tend.Self, Receive: tend.Need}}},
			tend.Gentle, "Ed: a glass of water, a snack and a soft blanket."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := plan.Language(cat, tc.card, tc.kind); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

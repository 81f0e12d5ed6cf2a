package tend_test

import (
	"testing"

	"github.com/tendcare/tend"
)

func TestDiffCards(t *testing.T) {
	a := &tend.Card{Receive: map[string]tend.Receive{"water": tend.Need, "cuddle": tend.Like}, Notes: []string{"one"}}
	b := &tend.Card{Receive: map[string]tend.Receive{"water": tend.Like, "blanket": tend.Need}, Notes: []string{"one"}, SpaceFirstMinutes: 10,
		Drop: &tend.Drop{When: tend.DropNextDay}}
	got := tend.DiffCards(a, b)
	want := []tend.Change{
		{Path: "receive.blanket", From: "", To: "need"},
		{Path: "receive.cuddle", From: "like", To: ""},
		{Path: "receive.water", From: "need", To: "like"},
		{Path: "space_first_minutes", From: "", To: "10"},
		{Path: "drop.when", From: "", To: "next-day"},
	}
	sameChanges(t, "cards", got, want)
	// Own practices and per-kind adjustments change field by field.
	c := &tend.Card{Custom: []tend.CustomPractice{{ID: "x-song", Title: "Our song", Mode: tend.Together, Receive: tend.Like}},
		Encounters: map[tend.Kind]*tend.Override{tend.Intense: {Receive: map[string]tend.Receive{"water": tend.Need}, Minutes: 30}}}
	d := c.Clone()
	d.Custom[0].Receive, d.Custom[0].Quick = tend.Need, true
	d.Encounters[tend.Intense].Receive["water"], d.Encounters[tend.Intense].Minutes = tend.Like, 0
	got = tend.DiffCards(c, d)
	want = []tend.Change{
		{Path: "custom.x-song.quick", From: "", To: "yes"},
		{Path: "custom.x-song.receive", From: "like", To: "need"},
		{Path: "encounters.intense.minutes", From: "30", To: ""},
		{Path: "encounters.intense.receive.water", From: "need", To: "like"},
	}
	sameChanges(t, "own and kinds", got, want)
	if d := tend.DiffCards(b, b); len(d) != 0 {
		t.Errorf("a card against itself: %+v", d)
	}
	if d := tend.DiffCards(nil, a); len(d) != 3 {
		t.Errorf("from nothing: %+v", d)
	}
}

func sameChanges(t *testing.T, what string, got, want []tend.Change) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: got %+v, want %+v", what, got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%s, change %d: got %+v, want %+v", what, i, got[i], want[i])
		}
	}
}

package storetest

import (
	"context"
	"slices"
	"testing"

	"github.com/tendcare/tend"
)

// testPlanCards: the cards a circle's and an encounter's plans are made
// from, as the store reads them: each member's as the circle sees it,
// the reader's own whole, and the reader's own alone once the others no
// longer share anything with them.
func testPlanCards(t *testing.T, s Store) {
	ctx := context.Background()
	sam, alex, e := pair(t, s, tend.NewEncounter{Kind: tend.Intense, Minutes: 20})
	mustSaveProfile(t, s, sam.ID, &tend.Card{Receive: map[string]tend.Receive{"water": tend.Need, "cuddle": tend.Like}})
	mustSaveProfile(t, s, alex.ID, &tend.Card{Receive: map[string]tend.Receive{"blanket": tend.Need, "talk": tend.Like}})
	if _, err := s.DB.SetShare(ctx, alex.ID, e.CircleID, tend.ShareSome, []string{"blanket"}); err != nil {
		t.Fatal(err)
	}

	cc, err := s.DB.CircleCards(ctx, sam.ID, e.CircleID)
	if err != nil {
		t.Fatal(err)
	}
	if cc.Circle.ID != e.CircleID || len(cc.Shared) != 2 || cc.Shared[0].Name != "Sam" || cc.Shared[1].Name != "Alex" {
		t.Fatalf("circle cards: %+v", cc)
	}
	if got := cc.Shared[1].Receive; got["blanket"] != tend.Need || got["talk"] != "" {
		t.Errorf("Alex's card as the circle sees it: %v", got)
	}
	if cc.Mine == nil || cc.Mine.Receive["cuddle"] != tend.Like || cc.Mine.Name != "Sam" {
		t.Errorf("Sam's own card: %+v", cc.Mine)
	}
	mineAlex, err := s.DB.CircleCards(ctx, alex.ID, e.CircleID)
	if err != nil || mineAlex.Mine.Receive["talk"] != tend.Like {
		t.Errorf("Alex's own whole card: %+v %v", mineAlex, err)
	}

	const kim0 = "0193a6f0-0000-7000-8000-00000000dead" // nobody's
	ec, err := s.DB.EncounterCards(ctx, sam.ID, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if ec.Kind != tend.Intense || ec.Encounter.ID != e.ID || len(ec.Cards) != 2 || ec.Cards[1].Receive["talk"] != "" || ec.Cards[1].Receive["blanket"] != tend.Need {
		t.Errorf("encounter cards: kind %s, %d cards, %+v", ec.Kind, len(ec.Cards), ec.Cards)
	}
	if !slices.Equal(ec.People, []string{sam.ID, alex.ID}) || ec.CardOf(alex.ID) != ec.Cards[1] || ec.CardOf(kim0) != nil {
		t.Errorf("whose each card is: %v", ec.People)
	}

	kim := mustCreatePerson(t, s.DB, "kim", "Kim")
	_, err = s.DB.CircleCards(ctx, kim.ID, e.CircleID)
	wantCode(t, "another's circle's cards", err, tend.ENOTFOUND)
	_, err = s.DB.EncounterCards(ctx, kim.ID, e.ID)
	wantCode(t, "another's encounter's cards", err, tend.ENOTFOUND)

	// Alex leaves the circle: nothing of Sam's is shared with Alex any
	// more, and the encounter's plan is Alex's own, alone.
	if err := s.DB.LeaveCircle(ctx, alex.ID, e.CircleID); err != nil {
		t.Fatal(err)
	}
	ec, err = s.DB.EncounterCards(ctx, alex.ID, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if ec.Kind != tend.Solo || len(ec.Cards) != 1 || ec.Cards[0].Name != "Alex" || ec.Cards[0].Receive["talk"] != tend.Like || ec.CardOf(alex.ID) != ec.Cards[0] {
		t.Errorf("after leaving the circle: kind %s, %+v", ec.Kind, ec.Cards)
	}
	// Sam's plan keeps only who is still in both.
	ec, err = s.DB.EncounterCards(ctx, sam.ID, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{}
	for _, c := range ec.Cards {
		names = append(names, c.Name)
	}
	if ec.Kind != tend.Intense || !slices.Equal(names, []string{"Sam"}) {
		t.Errorf("Sam's after Alex left the circle: kind %s, %v", ec.Kind, names)
	}

	solo, err := s.DB.CreateEncounter(ctx, kim.ID, tend.NewEncounter{Kind: tend.Solo})
	if err != nil {
		t.Fatal(err)
	}
	ec, err = s.DB.EncounterCards(ctx, kim.ID, solo.ID)
	if err != nil || ec.Kind != tend.Solo || len(ec.Cards) != 1 || ec.Cards[0].Name != "Kim" {
		t.Errorf("solo: %+v %v", ec, err)
	}
}

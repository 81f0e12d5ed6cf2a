package storetest

import (
	"context"
	"testing"

	"github.com/tendcare/tend"
)

// testEncounterFollowups: the person's own follow-ups after each of
// their encounters, in every state, with whether they turned them off
// there; nobody else's, and nothing for an encounter they are not in.
func testEncounterFollowups(t *testing.T, s Store) {
	ctx := context.Background()
	planned(t, s)
	sam, alex, e := pair(t, s, tend.NewEncounter{Kind: tend.Intense, Minutes: 20})
	solo, err := s.DB.CreateEncounter(ctx, sam.ID, tend.NewEncounter{Kind: tend.Solo})
	if err != nil {
		t.Fatal(err)
	}
	alone, err := s.DB.CreateEncounter(ctx, alex.ID, tend.NewEncounter{Kind: tend.Solo})
	if err != nil {
		t.Fatal(err)
	}
	mustMove(t, s, sam.ID, e.ID, tend.StageBefore)
	const missing = "01a2208b-0000-7000-8000-000000000000"
	ids := []string{e.ID, solo.ID, alone.ID, missing}

	got, err := s.DB.FindEncounterFollowups(ctx, sam.ID, ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[e.ID] == nil || got[solo.ID] == nil {
		t.Fatalf("Sam's: %+v, want the pair's and the solo one only", got)
	}
	if g := got[e.ID]; g.Off || len(g.Items) != 2 || !g.Waiting() || len(g.Answered()) != 0 {
		t.Errorf("after the aftercare began: %+v", g)
	}
	for _, f := range got[e.ID].Items {
		if f.PersonID != sam.ID || f.EncounterID != e.ID || f.State != tend.FollowupScheduled {
			t.Errorf("not Sam's, or not scheduled: %+v", f)
		}
	}
	if g := got[solo.ID]; g.Off || len(g.Items) != 0 || g.Waiting() {
		t.Errorf("a solo one not begun: %+v", g)
	}
	if none, err := s.DB.FindEncounterFollowups(ctx, sam.ID, nil); err != nil || len(none) != 0 {
		t.Errorf("no encounters asked for: %+v %v", none, err)
	}
	kim := mustCreatePerson(t, s.DB, "kim", "Kim")
	if none, err := s.DB.FindEncounterFollowups(ctx, kim.ID, ids); err != nil || len(none) != 0 {
		t.Errorf("Kim, in none of them: %+v %v", none, err)
	}

	// Sam answers the first with words; Alex sees only Alex's own.
	answerFirst(t, s, sam.ID, e.ID, tend.FollowupCare, "a heavy morning")
	got, err = s.DB.FindEncounterFollowups(ctx, sam.ID, ids)
	if err != nil {
		t.Fatal(err)
	}
	if a := got[e.ID].Answered(); len(a) != 1 || a[0].Answer != tend.FollowupCare || a[0].Words != "a heavy morning" || a[0].AnsweredAt.IsZero() {
		t.Errorf("Sam's answered: %+v", a)
	}
	theirs, err := s.DB.FindEncounterFollowups(ctx, alex.ID, ids)
	if err != nil {
		t.Fatal(err)
	}
	if g := theirs[e.ID]; len(theirs) != 2 || g == nil || len(g.Items) != 2 || len(g.Answered()) != 0 {
		t.Fatalf("Alex's: %+v", theirs)
	}
	for _, f := range theirs[e.ID].Items {
		if f.PersonID != alex.ID || f.Words != "" {
			t.Errorf("Alex sees %+v", f)
		}
	}

	// Turned off: said so, and nothing waits; the answer stays.
	if err := s.DB.SetEncounterFollowups(ctx, sam.ID, e.ID, false); err != nil {
		t.Fatal(err)
	}
	got, err = s.DB.FindEncounterFollowups(ctx, sam.ID, []string{e.ID})
	if g := got[e.ID]; err != nil || g == nil || !g.Off || g.Waiting() || len(g.Answered()) != 1 {
		t.Errorf("turned off: %+v %v", g, err)
	}
	if theirs, _ := s.DB.FindEncounterFollowups(ctx, alex.ID, []string{e.ID}); theirs[e.ID] == nil || theirs[e.ID].Off {
		t.Errorf("Sam's choice turned Alex's off: %+v", theirs[e.ID])
	}
}

package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/catalog"
	"github.com/tendcare/tend/plan"
)

// planned gives the store a planner, as cmd/tend does, so that the
// aftercare's beginning schedules follow-ups.
func planned(t *testing.T, s Store) {
	t.Helper()
	cat, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	s.DB.SetPlanner(func(cards []*tend.Card, kind tend.Kind) (*tend.Plan, error) { return plan.Make(cat, cards, kind) })
}

// during runs fn with the store's clock at t, then sets it back.
func during(s Store, t time.Time, fn func()) {
	prev := s.DB.Now
	s.DB.Now = func() time.Time { return t }
	defer func() { s.DB.Now = prev }()
	fn()
}

// answerFirst makes the person's first follow-up after the encounter due
// and answers it with the words.
func answerFirst(t *testing.T, s Store, personID, encounterID string, a tend.FollowupAnswer, words string) *tend.FollowupItem {
	t.Helper()
	ctx := context.Background()
	x, err := s.DB.Export(ctx, personID)
	if err != nil {
		t.Fatal(err)
	}
	var first *tend.ExportFollowup
	for _, e := range x.Encounters {
		if e.ID == encounterID && len(e.Followups) > 0 {
			first = &e.Followups[0]
		}
	}
	if first == nil {
		t.Fatalf("%s has no follow-up after %s", personID, encounterID)
	}
	var f *tend.FollowupItem
	during(s, first.Due, func() {
		if err := s.DB.MakeFollowupDue(ctx, first.ID); err != nil {
			t.Fatal(err)
		}
		if f, err = s.DB.AnswerFollowup(ctx, personID, first.ID, &tend.FollowupReply{Answer: a, Words: words}); err != nil {
			t.Fatal(err)
		}
	})
	return f
}

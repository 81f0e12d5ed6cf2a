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

// testFollowups: the aftercare's beginning schedules each member's
// follow-ups once; one becomes due at its time, not before; only its
// person answers it, once; a snooze moves it; leaving the circle cancels
// the rest, and turning them off for an encounter too.
func testFollowups(t *testing.T, s Store) {
	ctx := context.Background()
	planned(t, s)
	sam, alex, e := pair(t, s, tend.NewEncounter{Kind: tend.Intense, Minutes: 20})
	mustMove(t, s, sam.ID, e.ID, tend.StageBefore)
	list := func(who *tend.Person) []tend.ExportFollowup {
		t.Helper()
		x, err := s.DB.Export(ctx, who.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, xe := range x.Encounters {
			if xe.ID == e.ID {
				return xe.Followups
			}
		}
		return nil
	}
	samF, alexF := list(sam), list(alex)
	// Intense: the evening (6 hours) and the next day, for each.
	if len(samF) != 2 || len(alexF) != 2 || samF[0].AfterMinutes != 360 || samF[1].AfterMinutes != 1440 ||
		!samF[0].Due.Equal(now.Add(6*time.Hour)) || samF[0].State != tend.FollowupScheduled {
		t.Fatalf("scheduled: Sam %+v, Alex %+v", samF, alexF)
	}

	first := samF[0].ID
	wantState := func(what, id string, who *tend.Person, st tend.FollowupState) {
		t.Helper()
		f, err := s.DB.FindFollowup(ctx, who.ID, id)
		if err != nil || f.State != st {
			t.Errorf("%s: %+v %v, want %s", what, f, err, st)
		}
	}
	// Its time has not come.
	during(s, now.Add(6*time.Hour-time.Minute), func() {
		if err := s.DB.MakeFollowupDue(ctx, first); err != nil {
			t.Fatal(err)
		}
	})
	wantState("a minute early", first, sam, tend.FollowupScheduled)
	_, err := s.DB.AnswerFollowup(ctx, sam.ID, first, &tend.FollowupReply{Answer: tend.FollowupGood})
	wantCode(t, "answering before it is due", err, tend.ECONFLICT)

	during(s, now.Add(6*time.Hour), func() {
		if err := s.DB.MakeFollowupDue(ctx, first); err != nil {
			t.Fatal(err)
		}
	})
	inbox, err := s.DB.FindFollowups(ctx, sam.ID)
	if err != nil || len(inbox) != 1 || inbox[0].ID != first || inbox[0].State != tend.FollowupDue || !inbox[0].Since.Equal(now) {
		t.Fatalf("Sam's inbox: %+v %v", inbox, err)
	}
	if other, err := s.DB.FindFollowups(ctx, alex.ID); err != nil || len(other) != 0 {
		t.Errorf("Alex's inbox holds Sam's: %+v %v", other, err)
	}
	_, err = s.DB.FindFollowup(ctx, alex.ID, first)
	wantCode(t, "another's follow-up", err, tend.ENOTFOUND)
	_, err = s.DB.AnswerFollowup(ctx, alex.ID, first, &tend.FollowupReply{Answer: tend.FollowupGood})
	wantCode(t, "answering another's follow-up", err, tend.ENOTFOUND)
	_, err = s.DB.SnoozeFollowup(ctx, alex.ID, first, now.Add(8*time.Hour))
	wantCode(t, "snoozing another's follow-up", err, tend.ENOTFOUND)
	_, err = s.DB.AnswerFollowup(ctx, sam.ID, first, &tend.FollowupReply{Answer: "meh"})
	wantCode(t, "an answer that is none of the three", err, tend.EINVALID)
	wantState("after a wrong answer", first, sam, tend.FollowupDue)

	f, err := s.DB.AnswerFollowup(ctx, sam.ID, first, &tend.FollowupReply{Answer: tend.FollowupLow, Words: "  a slow evening "})
	if err != nil || f.State != tend.FollowupAnswered || f.Answer != tend.FollowupLow || f.Words != "a slow evening" || f.AnsweredAt.IsZero() {
		t.Fatalf("answered: %+v %v", f, err)
	}
	_, err = s.DB.AnswerFollowup(ctx, sam.ID, first, &tend.FollowupReply{Answer: tend.FollowupGood})
	wantCode(t, "answering twice", err, tend.ECONFLICT)
	if got, _ := s.DB.FindFollowup(ctx, sam.ID, first); got.Answer != tend.FollowupLow {
		t.Errorf("the second answer changed the first: %+v", got)
	}
	_, err = s.DB.SnoozeFollowup(ctx, sam.ID, first, now.Add(9*time.Hour))
	wantCode(t, "snoozing an answered one", err, tend.ECONFLICT)

	// A snooze moves the next day's to later; its old time finds it
	// waiting still.
	second := samF[1].ID
	later := now.Add(27 * time.Hour)
	if f, err := s.DB.SnoozeFollowup(ctx, sam.ID, second, later); err != nil || !f.Due.Equal(later) || f.State != tend.FollowupScheduled {
		t.Fatalf("snoozed: %+v %v", f, err)
	}
	_, err = s.DB.SnoozeFollowup(ctx, sam.ID, second, now.Add(-time.Hour))
	wantCode(t, "a snooze into the past", err, tend.EINVALID)
	during(s, now.Add(24*time.Hour), func() {
		if err := s.DB.MakeFollowupDue(ctx, second); err != nil {
			t.Fatal(err)
		}
	})
	wantState("at its old time", second, sam, tend.FollowupScheduled)
	during(s, later, func() {
		if err := s.DB.MakeFollowupDue(ctx, second); err != nil {
			t.Fatal(err)
		}
	})
	wantState("at its snoozed time", second, sam, tend.FollowupDue)

	// Sam turns them off for this encounter: the due one goes.
	if err := s.DB.SetEncounterFollowups(ctx, sam.ID, e.ID, false); err != nil {
		t.Fatal(err)
	}
	wantState("turned off for the encounter", second, sam, tend.FollowupCancelled)
	wantState("answered before it was turned off", first, sam, tend.FollowupAnswered)
	if inbox, _ := s.DB.FindFollowups(ctx, sam.ID); len(inbox) != 0 {
		t.Errorf("Sam's inbox after turning them off: %+v", inbox)
	}
	kim := mustCreatePerson(t, s.DB, "kim", "Kim")
	err = s.DB.SetEncounterFollowups(ctx, kim.ID, e.ID, false)
	wantCode(t, "turning off another's encounter's", err, tend.ENOTFOUND)

	// Alex leaves the circle: Alex's are cancelled, and stay so at their
	// time.
	if err := s.DB.LeaveCircle(ctx, alex.ID, e.CircleID); err != nil {
		t.Fatal(err)
	}
	for _, f := range alexF {
		during(s, f.Due, func() {
			if err := s.DB.MakeFollowupDue(ctx, f.ID); err != nil {
				t.Fatal(err)
			}
		})
		wantState("after leaving the circle", f.ID, alex, tend.FollowupCancelled)
	}
	if inbox, _ := s.DB.FindFollowups(ctx, alex.ID); len(inbox) != 0 {
		t.Errorf("Alex's inbox after leaving: %+v", inbox)
	}
	err = s.DB.MakeFollowupDue(ctx, "01a2208b-0000-7000-8000-000000000000")
	wantCode(t, "a follow-up that is not there", err, tend.ENOTFOUND)
}

// testFollowupPrefs: what a person chose decides what the aftercare's
// beginning schedules: off everywhere, off for a circle, and one after
// gentle encounters too.
func testFollowupPrefs(t *testing.T, s Store) {
	ctx := context.Background()
	planned(t, s)
	sam, alex, e := pair(t, s, tend.NewEncounter{Kind: tend.Gentle, Minutes: 20})
	if p, err := s.DB.FindFollowupPrefs(ctx, sam.ID); err != nil || p.Off || p.AfterGentle || len(p.OffCircles) != 0 {
		t.Fatalf("the default: %+v %v", p, err)
	}
	err := s.DB.SetFollowupPrefs(ctx, sam.ID, &tend.FollowupPrefs{OffCircles: []string{"not a circle id"}})
	wantCode(t, "a circle id of the wrong shape", err, tend.EINVALID)
	if err := s.DB.SetFollowupPrefs(ctx, sam.ID, &tend.FollowupPrefs{AfterGentle: true}); err != nil {
		t.Fatal(err)
	}
	if err := s.DB.SetFollowupPrefs(ctx, alex.ID, &tend.FollowupPrefs{Off: true}); err != nil {
		t.Fatal(err)
	}
	if p, err := s.DB.FindFollowupPrefs(ctx, sam.ID); err != nil || !p.AfterGentle || p.Off {
		t.Fatalf("Sam's: %+v %v", p, err)
	}
	mustMove(t, s, sam.ID, e.ID, tend.StageBefore)
	count := func(who *tend.Person, id string) int {
		t.Helper()
		x, err := s.DB.Export(ctx, who.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, xe := range x.Encounters {
			if xe.ID == id {
				return len(xe.Followups)
			}
		}
		return -1
	}
	if n, m := count(sam, e.ID), count(alex, e.ID); n != 1 || m != 0 {
		t.Errorf("gentle: Sam (asked for one after gentle) has %d, Alex (off) %d", n, m)
	}
	// Off for this circle: the next encounter in it brings Sam none.
	if err := s.DB.SetFollowupPrefs(ctx, sam.ID, &tend.FollowupPrefs{AfterGentle: true, OffCircles: []string{e.CircleID}}); err != nil {
		t.Fatal(err)
	}
	e2, err := s.DB.CreateEncounter(ctx, sam.ID, tend.NewEncounter{CircleID: e.CircleID, Kind: tend.Intense})
	if err != nil {
		t.Fatal(err)
	}
	mustMove(t, s, sam.ID, e2.ID, tend.StageBefore)
	if n := count(sam, e2.ID); n != 0 {
		t.Errorf("off for the circle, Sam has %d", n)
	}
	// Turned off for one encounter before its aftercare began.
	e3, err := s.DB.CreateEncounter(ctx, sam.ID, tend.NewEncounter{Kind: tend.Solo})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DB.SetEncounterFollowups(ctx, sam.ID, e3.ID, false); err != nil {
		t.Fatal(err)
	}
	mustMove(t, s, sam.ID, e3.ID, tend.StageBefore)
	if n := count(sam, e3.ID); n != 0 {
		t.Errorf("off for the encounter, Sam has %d", n)
	}
}

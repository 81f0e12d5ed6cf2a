package storetest

import (
	"context"
	"slices"
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

	rec := told(s)
	rec.take()
	during(s, now.Add(6*time.Hour), func() {
		if err := s.DB.MakeFollowupDue(ctx, first); err != nil {
			t.Fatal(err)
		}
	})
	if got := rec.inboxes(); !slices.Equal(got, []string{sam.ID}) {
		t.Errorf("a follow-up come due told the inboxes of %v, want Sam's alone", got)
	}
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
	// Only one's own circles can be chosen; one chosen before stays
	// chosen after leaving it.
	kim := mustCreatePerson(t, s.DB, "kim", "Kim")
	kims, err := s.DB.CreateCircle(ctx, kim.ID, "Kim's")
	if err != nil {
		t.Fatal(err)
	}
	err = s.DB.SetFollowupPrefs(ctx, sam.ID, &tend.FollowupPrefs{AfterGentle: true, OffCircles: []string{e.CircleID, kims.ID}})
	wantCode(t, "another's circle", err, tend.EINVALID)
	if p, _ := s.DB.FindFollowupPrefs(ctx, sam.ID); !slices.Equal(p.OffCircles, []string{e.CircleID}) {
		t.Errorf("a refused choice changed what was kept: %v", p.OffCircles)
	}
	alexOff := &tend.FollowupPrefs{Off: true, OffCircles: []string{e.CircleID}}
	if err := s.DB.SetFollowupPrefs(ctx, alex.ID, alexOff); err != nil {
		t.Fatal(err)
	}
	if err := s.DB.LeaveCircle(ctx, alex.ID, e.CircleID); err != nil {
		t.Fatal(err)
	}
	if err := s.DB.SetFollowupPrefs(ctx, alex.ID, alexOff); err != nil {
		t.Errorf("a circle chosen before and left since, sent back: %v", err)
	}
	err = s.DB.SetFollowupPrefs(ctx, alex.ID, &tend.FollowupPrefs{Off: true, OffCircles: []string{e.CircleID, kims.ID}})
	wantCode(t, "another's circle beside one left", err, tend.EINVALID)
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

// testDropCare: a low answer tells the others as the person chose
// (ask by default, at once, or never), once; the others see it with
// their one-tap answers, and nobody else does; "I'm in a low place"
// works for seven days after the encounter.
func testDropCare(t *testing.T, s Store) {
	ctx := context.Background()
	planned(t, s)
	sam, alex, e := pair(t, s, tend.NewEncounter{Kind: tend.Intense, Minutes: 20})
	kim := mustCreatePerson(t, s.DB, "kim", "Kim")
	mustMove(t, s, sam.ID, e.ID, tend.StageBefore)
	if tell, err := s.DB.FindDropTell(ctx, sam.ID); err != nil || tell != tend.DropTellAsk {
		t.Fatalf("the default: %q %v", tell, err)
	}
	err := s.DB.SetDropTell(ctx, sam.ID, "sometimes")
	wantCode(t, "a choice that is none of the three", err, tend.EINVALID)

	// Asked: nothing is told until Sam says yes.
	f := answerFirst(t, s, sam.ID, e.ID, tend.FollowupLow, "tired")
	if got, _ := s.DB.FindDropAlerts(ctx, alex.ID); len(got) != 0 {
		t.Fatalf("told before Sam said yes: %+v", got)
	}
	_, err = s.DB.TellDrop(ctx, alex.ID, f.ID)
	wantCode(t, "telling of another's answer", err, tend.ENOTFOUND)
	rec := told(s)
	rec.take()
	a, err := s.DB.TellDrop(ctx, sam.ID, f.ID)
	if got := rec.inboxes(); !slices.Equal(got, []string{sam.ID, alex.ID}) {
		t.Errorf("telling of a low time told the inboxes of %v, want Sam's and Alex's", got)
	}
	if err != nil || a.PersonID != sam.ID || a.DisplayName != "Sam" || a.Answer != tend.FollowupLow || a.FollowupID != f.ID {
		t.Fatalf("told: %+v %v", a, err)
	}
	_, err = s.DB.TellDrop(ctx, sam.ID, f.ID)
	wantCode(t, "telling twice", err, tend.ECONFLICT)
	// The alert waits in Alex's inbox (the navigation's count, read
	// with the person and with the signed-in session alike), not in
	// Sam's own, nor in anyone's outside the encounter.
	alexToken, _, err := s.DB.CreateSession(ctx, alex.ID, "phone")
	if err != nil {
		t.Fatal(err)
	}
	wantWaiting(t, s, "Alex, told", alex.ID, 1)
	if _, p, err := s.DB.FindSignedIn(ctx, alexToken); err != nil || p.Waiting != 1 {
		t.Errorf("Alex signed in: %v waiting, %v; want 1", p, err)
	}
	wantWaiting(t, s, "Sam, who told", sam.ID, 0)
	wantWaiting(t, s, "Kim, outside", kim.ID, 0)
	seen, err := s.DB.FindDropAlerts(ctx, alex.ID)
	if err != nil || len(seen) != 1 || seen[0].ID != a.ID {
		t.Fatalf("Alex sees: %+v %v", seen, err)
	}
	if got, _ := s.DB.FindDropAlerts(ctx, kim.ID); len(got) != 0 {
		t.Errorf("someone outside the encounter sees %+v", got)
	}

	// One-tap answers reach Sam; only the others give them.
	_, err = s.DB.ReplyDrop(ctx, alex.ID, a.ID, "hug")
	wantCode(t, "an answer that is none of the three", err, tend.EINVALID)
	_, err = s.DB.ReplyDrop(ctx, sam.ID, a.ID, tend.DropThinking)
	wantCode(t, "answering one's own", err, tend.ECONFLICT)
	_, err = s.DB.ReplyDrop(ctx, kim.ID, a.ID, tend.DropThinking)
	wantCode(t, "answering from outside the encounter", err, tend.ENOTFOUND)
	rec.take()
	if _, err := s.DB.ReplyDrop(ctx, alex.ID, a.ID, tend.DropCall); err != nil {
		t.Fatal(err)
	}
	if got := rec.inboxes(); !slices.Equal(got, []string{sam.ID, alex.ID}) {
		t.Errorf("an answer told the inboxes of %v, want Sam's (and Alex's own)", got)
	}
	wantWaiting(t, s, "Alex, who answered", alex.ID, 0)
	if _, err := s.DB.ReplyDrop(ctx, alex.ID, a.ID, tend.DropComing); err != nil {
		t.Fatal(err)
	}
	mine, err := s.DB.FindDropAlerts(ctx, sam.ID)
	if err != nil || len(mine) != 1 || len(mine[0].Replies) != 2 || mine[0].Replies[0].Kind != tend.DropCall ||
		mine[0].Replies[1].Kind != tend.DropComing || mine[0].Replies[0].DisplayName != "Alex" {
		t.Fatalf("Sam sees the answers: %+v %v", mine, err)
	}

	// Never: a low answer tells nobody, and cannot be told.
	if err := s.DB.SetDropTell(ctx, alex.ID, tend.DropTellNever); err != nil {
		t.Fatal(err)
	}
	af := answerFirst(t, s, alex.ID, e.ID, tend.FollowupCare, "")
	_, err = s.DB.TellDrop(ctx, alex.ID, af.ID)
	wantCode(t, "telling when the choice is never", err, tend.ECONFLICT)
	// At once: the answer tells them in the same change.
	if err := s.DB.SetDropTell(ctx, alex.ID, tend.DropTellAuto); err != nil {
		t.Fatal(err)
	}
	if p, err := s.DB.FindFollowupPrefs(ctx, alex.ID); err != nil || p.Off {
		t.Fatalf("the choice of telling changed the others: %+v %v", p, err)
	}
	x, err := s.DB.Export(ctx, alex.ID)
	if err != nil {
		t.Fatal(err)
	}
	var second string
	for _, xe := range x.Encounters {
		for _, xf := range xe.Followups {
			if xf.State == tend.FollowupScheduled {
				second = xf.ID
			}
		}
	}
	due := now.Add(24 * time.Hour)
	during(s, due, func() {
		if err := s.DB.MakeFollowupDue(ctx, second); err != nil {
			t.Fatal(err)
		}
		if _, err := s.DB.AnswerFollowup(ctx, alex.ID, second, &tend.FollowupReply{Answer: tend.FollowupGood}); err != nil {
			t.Fatal(err)
		}
	})
	if got, _ := s.DB.FindDropAlerts(ctx, sam.ID); len(got) != 1 {
		t.Errorf("a good answer told the others: %+v", got)
	}

	// "I'm in a low place", for seven days; then no longer, and the old
	// alerts leave the lists.
	if _, err := s.DB.RaiseLow(ctx, kim.ID, e.ID); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("someone outside the encounter raised one: %v", err)
	}
	during(s, now.Add(7*24*time.Hour), func() {
		low, err := s.DB.RaiseLow(ctx, alex.ID, e.ID)
		if err != nil || low.Answer != "" || low.FollowupID != "" {
			t.Errorf("a low place on the seventh day: %+v %v", low, err)
		}
		wantWaiting(t, s, "Sam, told of a low place", sam.ID, 1)
	})
	during(s, now.Add(7*24*time.Hour+time.Minute), func() {
		_, err := s.DB.RaiseLow(ctx, alex.ID, e.ID)
		wantCode(t, "a low place after seven days", err, tend.ECONFLICT)
	})
	during(s, now.Add(15*24*time.Hour), func() {
		if got, _ := s.DB.FindDropAlerts(ctx, sam.ID); len(got) != 0 {
			t.Errorf("alerts more than seven days old are listed: %+v", got)
		}
		wantWaiting(t, s, "Sam, a week after the low place", sam.ID, 0)
		_, err := s.DB.ReplyDrop(ctx, alex.ID, a.ID, tend.DropThinking)
		wantCode(t, "answering an alert more than seven days old", err, tend.ECONFLICT)
	})

	// Alex leaves the encounter: Alex's alerts and answers go with them.
	if err := s.DB.LeaveEncounter(ctx, alex.ID, e.ID); err != nil {
		t.Fatal(err)
	}
	during(s, now.Add(7*24*time.Hour), func() {
		got, err := s.DB.FindDropAlerts(ctx, sam.ID)
		if err != nil || len(got) != 1 || len(got[0].Replies) != 0 {
			t.Errorf("after Alex left: %+v %v", got, err)
		}
	})
	_, err = s.DB.ReplyDrop(ctx, alex.ID, a.ID, tend.DropCall)
	wantCode(t, "answering after leaving", err, tend.ENOTFOUND)
}

// wantWaiting checks the count of what waits in the person's inbox.
func wantWaiting(t *testing.T, s Store, who, id string, want int) {
	t.Helper()
	p, err := s.DB.FindPersonByID(context.Background(), id)
	if err != nil || p.Waiting != want {
		t.Errorf("%s: %v waiting, %v; want %d", who, p, err, want)
	}
}

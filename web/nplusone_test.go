package web

import (
	"context"
	"testing"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/sqlstore/storetest"
)

// TestPagesNoNPlusOne: the pages that list a person's encounters (home,
// the encounters page, the past encounters with their reflections and
// follow-ups) cost
// as many queries with 50 encounters as with one.
func TestPagesNoNPlusOne(t *testing.T) {
	counter := &storetest.QueryCounter{}
	s, _ := newCountedServer(t, "open", counter)
	h := s.Handler()
	sam, alex, first := pairEncounter(t, s, h)
	ctx := context.Background()
	samSess, _ := s.Sessions.FindSessionByToken(ctx, sam)
	alexSess, _ := s.Sessions.FindSessionByToken(ctx, alex)
	samID, alexID := samSess.PersonID, alexSess.PersonID
	// Follow-ups after the gentle ones too, for the history to read.
	if err := s.Followups.SetFollowupPrefs(ctx, samID, &tend.FollowupPrefs{AfterGentle: true}); err != nil {
		t.Fatal(err)
	}
	e, err := s.Encounters.FindEncounter(ctx, samID, first)
	if err != nil {
		t.Fatal(err)
	}
	finish := func(id string, people ...string) {
		t.Helper()
		for _, p := range people {
			if _, err := s.Encounters.SaveCheckIn(ctx, p, id, &tend.CheckIn{Mood: 4, Confirmed: true}); err != nil {
				t.Fatal(err)
			}
		}
		for _, from := range []tend.Stage{tend.StageBefore, tend.StageAfter} {
			if _, err := s.Encounters.MoveEncounter(ctx, people[0], id, tend.Move{From: from}); err != nil {
				t.Fatal(err)
			}
		}
		for _, p := range people {
			if _, err := s.Encounters.SaveReflection(ctx, p, id, &tend.Reflection{Mood: 3, Note: "thank you"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	finish(first, samID, alexID)

	paths := []string{"/", "/encounters", "/encounters/history"}
	// count asks for each page and returns the statements each cost.
	count := func() map[string][]string {
		t.Helper()
		out := map[string][]string{}
		for _, path := range paths {
			browse(t, h, "GET", path, sam, nil) // anything done once (a session's touch) done
			counter.Reset()
			page := browse(t, h, "GET", path, sam, nil)
			if page.status != 200 {
				t.Fatalf("%s: %d", path, page.status)
			}
			out[path] = counter.Queries()
		}
		return out
	}
	one := count()
	done := 1
	for i := range 49 {
		if i%3 == 0 {
			solo, err := s.Encounters.CreateEncounter(ctx, samID, tend.NewEncounter{Kind: tend.Solo})
			if err != nil {
				t.Fatal(err)
			}
			finish(solo.ID, samID)
			done++
			continue
		}
		more, err := s.Encounters.CreateEncounter(ctx, samID, tend.NewEncounter{CircleID: e.CircleID, Kind: tend.Gentle})
		if err != nil {
			t.Fatal(err)
		}
		if i%3 == 1 {
			finish(more.ID, samID, alexID) // the rest stay under way
			done++
		}
	}
	fifty := count()
	for _, path := range paths {
		t.Logf("%s: %d queries with 1 encounter, %d with 50", path, len(one[path]), len(fifty[path]))
		if len(one[path]) == 0 || len(fifty[path]) != len(one[path]) {
			t.Errorf("%s: %d queries with 1 encounter, %d with 50:\n%q", path, len(one[path]), len(fifty[path]), fifty[path])
		}
	}
	if past := browse(t, h, "GET", "/encounters/history", sam, nil); past.doc.Find(`.encounter-past`).Length() != done {
		t.Errorf("the history shows %d past encounters, want %d", past.doc.Find(`.encounter-past`).Length(), done)
	}
}

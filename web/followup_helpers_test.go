package web

import (
	"context"
	"testing"

	"github.com/tendcare/tend"
)

// followupsOf returns the person's follow-ups after the encounter,
// earliest first.
func followupsOf(t *testing.T, s *Server, personID, encounterID string) []*tend.FollowupItem {
	t.Helper()
	all, err := s.Followups.FindEncounterFollowups(context.Background(), personID, []string{encounterID})
	if err != nil || all[encounterID] == nil {
		t.Fatalf("follow-ups of %s after %s: %v %v", personID, encounterID, all, err)
	}
	return all[encounterID].Items
}

// makeDue moves the clock to the follow-up's time and puts it in its
// person's inbox, as the job queue does then.
func makeDue(t *testing.T, s *Server, clock *testClock, f *tend.FollowupItem) {
	t.Helper()
	if clock.t.Before(f.Due) {
		clock.t = f.Due
	}
	if err := s.Followups.MakeFollowupDue(context.Background(), f.ID); err != nil {
		t.Fatal(err)
	}
}

// soloFollowup gives the person a profile whose low mood tends to come
// the next day, begins the aftercare of a solo encounter, and returns
// its follow-up (still to come, the next day).
func soloFollowup(t *testing.T, s *Server, personID string) *tend.FollowupItem {
	t.Helper()
	ctx := context.Background()
	card := &tend.Card{Drop: &tend.Drop{When: tend.DropNextDay, Helps: []string{"a walk outside", "a message in the morning"}}}
	if _, err := s.Profiles.SaveProfile(ctx, personID, card); err != nil {
		t.Fatal(err)
	}
	e := careStart(t, s, personID, tend.NewEncounter{Kind: tend.Solo})
	fs := followupsOf(t, s, personID, e.ID)
	if len(fs) != 1 || fs[0].State != tend.FollowupScheduled {
		t.Fatalf("the solo encounter's follow-ups: %+v", fs)
	}
	return fs[0]
}

// dueFollowup is soloFollowup made due, the clock at its time.
func dueFollowup(t *testing.T, s *Server, clock *testClock, personID string) *tend.FollowupItem {
	t.Helper()
	f := soloFollowup(t, s, personID)
	makeDue(t, s, clock, f)
	got, err := s.Followups.FindFollowup(context.Background(), personID, f.ID)
	if err != nil || got.State != tend.FollowupDue {
		t.Fatalf("not due: %+v %v", got, err)
	}
	return got
}

// sessionPerson is the id of the person a session token is for.
func sessionPerson(t *testing.T, s *Server, token string) string {
	t.Helper()
	sess, err := s.Sessions.FindSessionByToken(context.Background(), token)
	if err != nil {
		t.Fatal(err)
	}
	return sess.PersonID
}

package web

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

// seeded is a year of Sam and Alex's encounters, for the insights pages.
type seeded struct {
	samTok, alexTok string
	samID, alexID   string
	circleID        string
}

// seedYear gives Sam and Alex a circle and n encounters over the year
// before the clock's time, every other one with cuddling ticked for Sam
// and rated 5, the others rated 2 with a low follow-up answer after.
// Sam marked cuddling "okay either way", so the insights suggest "I'd
// like this". The clock ends where it began.
func seedYear(t *testing.T, s *Server, h http.Handler, clock *testClock, n int) seeded {
	t.Helper()
	return seedHistory(t, s, h, clock, n, false)
}

// seedHistory is seedYear; with every, each encounter is intense, Sam's
// drop tends to come days later (three follow-ups each) and Sam answers
// every follow-up, low after the encounters without cuddling.
func seedHistory(t *testing.T, s *Server, h http.Handler, clock *testClock, n int, every bool) seeded {
	t.Helper()
	ctx := context.Background()
	var out seeded
	out.samTok, out.alexTok = people(t, s, h)
	out.samID, out.alexID = sessionPerson(t, s, out.samTok), sessionPerson(t, s, out.alexTok)
	check := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	card := &tend.Card{Receive: map[string]tend.Receive{"cuddle": tend.Okay, "water": tend.Need}}
	if every {
		card.Drop = &tend.Drop{When: tend.DropDaysLater}
	}
	_, err := s.Profiles.SaveProfile(ctx, out.samID, card)
	check(err)
	c, err := s.Circles.CreateCircle(ctx, out.samID, "Sam & Alex")
	check(err)
	out.circleID = c.ID
	inv, _, err := s.Circles.CreateInvite(ctx, out.samID, c.ID)
	check(err)
	_, err = s.Circles.AcceptInvite(ctx, inv, out.alexID)
	check(err)
	end := clock.t
	step := 365 * 24 * time.Hour / time.Duration(n+1)
	for i := range n {
		clock.t = end.Add(-365 * 24 * time.Hour).Add(time.Duration(i) * step)
		good := i%2 == 0
		kind := tend.Intense
		if good && !every {
			kind = tend.Gentle
		}
		e, err := s.Encounters.CreateEncounter(ctx, out.samID, tend.NewEncounter{CircleID: c.ID, Kind: kind, Minutes: 20})
		check(err)
		_, err = s.Encounters.SaveCheckIn(ctx, out.samID, e.ID, &tend.CheckIn{Needs: []string{"water", "cuddle"}})
		check(err)
		_, err = s.Encounters.MoveEncounter(ctx, out.samID, e.ID, tend.Move{From: tend.StageBefore})
		check(err)
		_, err = s.Encounters.AddSignal(ctx, out.alexID, e.ID, &tend.Signal{Kind: tend.SignalTick, Ref: "water:Sam"})
		check(err)
		if good {
			_, err = s.Encounters.AddSignal(ctx, out.alexID, e.ID, &tend.Signal{Kind: tend.SignalTick, Ref: "cuddle:Sam"})
			check(err)
		}
		clock.t = clock.t.Add(25 * time.Minute)
		_, err = s.Encounters.MoveEncounter(ctx, out.samID, e.ID, tend.Move{From: tend.StageAfter})
		check(err)
		mood, missing := tend.Scale(2), "more time to talk"
		if good {
			mood, missing = 5, ""
		}
		_, err = s.Encounters.SaveReflection(ctx, out.samID, e.ID, &tend.Reflection{Mood: mood, Helped: []string{"water"}, Missing: missing,
			Journal: "canary-journal"})
		check(err)
		_, err = s.Encounters.SaveReflection(ctx, out.alexID, e.ID, &tend.Reflection{Mood: 4, Helped: []string{"snack"}})
		check(err)
		if !good || every {
			fs := followupsOf(t, s, out.samID, e.ID)
			if len(fs) == 0 {
				t.Fatalf("no follow-up after an intense encounter")
			}
			if !every {
				fs = fs[:1]
			}
			answer := tend.FollowupGood
			if !good {
				answer = tend.FollowupLow
			}
			for _, f := range fs {
				makeDue(t, s, clock, f)
				_, err = s.Followups.AnswerFollowup(ctx, out.samID, f.ID, &tend.FollowupReply{Answer: answer, Words: "canary-words"})
				check(err)
			}
		}
	}
	clock.t = end
	return out
}

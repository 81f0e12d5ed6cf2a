package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tendcare/tend"
)

// TestHomeUnderWay: Sam starts an encounter in their circle; Alex's home
// shows it, with what waits for Alex at each stage (the check-in, then
// the reflection) as a link to the right page, until it is over. Someone
// outside the circle sees nothing of it.
func TestHomeUnderWay(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	sam, c, _ := invitingCircle(t, s)
	ctx := t.Context()
	session := func(username string) (string, string) {
		p, err := s.People.FindPersonByUsername(ctx, username)
		if err != nil {
			t.Fatal(err)
		}
		tok, _, err := s.Sessions.CreateSession(ctx, p.ID, "test")
		if err != nil {
			t.Fatal(err)
		}
		return p.ID, tok
	}
	samSession := func() string { _, tok := session("sam"); return tok }()
	alexID, alex := session("alex")
	_, kim := mustAccount(t, s, "kim", "Kim")
	underWay := func(session string) pageAnswer {
		t.Helper()
		got := browse(t, h, "GET", "/", session, nil)
		if got.status != http.StatusOK {
			t.Fatalf("home: %d", got.status)
		}
		return got
	}
	if n := underWay(alex).doc.Find(`section[aria-labelledby="underway-h"]`).Length(); n != 0 {
		t.Fatalf("before anything started, home shows %d encounters under way", n)
	}

	started := browse(t, h, "POST", "/encounters", samSession, url.Values{"circle": {c.ID}, "kind": {"gentle"}, "reveal": {"0"}})
	id, _, _ := strings.Cut(strings.TrimPrefix(started.location, "/encounters/"), "?")
	if started.status != http.StatusSeeOther || id == "" {
		t.Fatalf("start: %d to %q %s", started.status, started.location, started.find("#problem"))
	}
	if got := underWay(samSession).find(`section[aria-labelledby="underway-h"] li`); !strings.Contains(got, "Your check-in is waiting") || strings.Contains(got, "Sam started it") {
		t.Errorf("Sam's home: %q", got)
	}
	if n := underWay(kim).doc.Find(`section[aria-labelledby="underway-h"]`).Length(); n != 0 {
		t.Errorf("the home of someone outside the circle shows %d encounters", n)
	}

	steps := []struct {
		name     string
		do       func() error
		href     string
		says     string
		waiting  bool
		underWay bool
	}{
		{"Started", func() error { return nil }, "/encounters/" + id + "#mine-h", "Your check-in is waiting", true, true},
		{"CheckedIn", func() error {
			_, err := s.Encounters.SaveCheckIn(ctx, alexID, id, &tend.CheckIn{Confirmed: true})
			return err
		}, "/encounters/" + id, "Checking in: you have confirmed", false, true},
		{"Aftercare", func() error {
			_, err := s.Encounters.MoveEncounter(ctx, sam.ID, id, tend.Move{From: tend.StageBefore})
			return err
		}, "/encounters/" + id + "/aftercare", "Aftercare now", false, true},
		{"Reflecting", func() error {
			_, err := s.Encounters.MoveEncounter(ctx, sam.ID, id, tend.Move{From: tend.StageAfter})
			return err
		}, "/encounters/" + id + "#reflect-h", "Your reflection is waiting", true, true},
		{"Reflected", func() error {
			_, err := s.Encounters.SaveReflection(ctx, alexID, id, &tend.Reflection{Mood: 4})
			return err
		}, "/encounters/" + id, "Looking back: waiting for the others", false, true},
		{"Done", func() error {
			_, err := s.Encounters.SaveReflection(ctx, sam.ID, id, &tend.Reflection{Mood: 4})
			return err
		}, "", "", false, false},
	}
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		got := underWay(alex)
		items := got.doc.Find(`section[aria-labelledby="underway-h"] li`)
		if !st.underWay {
			if items.Length() != 0 {
				t.Errorf("%s: home shows %q", st.name, items.Text())
			}
			continue
		}
		link := items.Find("a")
		href, _ := link.Attr("href")
		text := strings.TrimSpace(link.Text())
		if items.Length() != 1 || href != st.href || !strings.Contains(text, st.says) || !strings.Contains(text, "Gentle, with us") ||
			!strings.Contains(text, "Sam started it 24 Nov 2026, 21:00 UTC") || (link.Find("strong").Length() == 1) != st.waiting {
			t.Errorf("%s: got %d items, %q to %q; want %q to %q (waiting %v)", st.name, items.Length(), text, href, st.says, st.href, st.waiting)
		}
	}
}

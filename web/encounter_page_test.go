package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tendcare/tend"
)

// formPair is a circle of Sam and Alex with a gentle encounter in it, and
// Kim, who is in neither: sessions, person ids and the encounter's id.
type formPair struct {
	s                 *Server
	h                 http.Handler
	sam, alex, kim    string
	samID, alexID, id string
}

func formPairEncounter(t *testing.T) formPair {
	t.Helper()
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	sam, alex, id := pairEncounter(t, s, h)
	ctx := context.Background()
	samSess, _ := s.Sessions.FindSessionByToken(ctx, sam)
	alexSess, _ := s.Sessions.FindSessionByToken(ctx, alex)
	do(t, h, call{method: "POST", path: "/api/v1/signup", body: `{"display_name": "Kim", "username": "kim", "password": "a third good password"}`})
	c, err := s.Credentials.FindCredentials(ctx, "kim")
	if err != nil {
		t.Fatal(err)
	}
	kim, _, err := s.Sessions.CreateSession(ctx, c.PersonID, "test")
	if err != nil {
		t.Fatal(err)
	}
	return formPair{s: s, h: h, sam: sam, alex: alex, kim: kim, samID: samSess.PersonID, alexID: alexSess.PersonID, id: id}
}

// formReflect moves the encounter on to reflecting, as the aftercare
// screen would.
func formReflect(t *testing.T, p formPair) {
	t.Helper()
	for _, from := range []tend.Stage{tend.StageBefore, tend.StageAfter} {
		if _, err := p.s.Encounters.MoveEncounter(context.Background(), p.samID, p.id, tend.Move{From: from}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestEncounterFormsFlow: start by the form, check in and confirm; the
// other member sees it; "Aftercare now" goes to the aftercare screen.
func TestEncounterFormsFlow(t *testing.T) {
	p := formPairEncounter(t)
	page := browse(t, p.h, "GET", "/encounters", p.sam, nil)
	if page.status != 200 || page.doc.Find(`select[name=circle] option`).Length() != 2 || page.doc.Find(`input[name=reveal]`).Length() != 4 {
		t.Fatalf("start page: %d %s", page.status, page.body)
	}
	if !strings.Contains(page.find(`section[aria-labelledby=current-h]`), "us") {
		t.Errorf("the encounter under way is not listed: %q", page.find("main"))
	}
	circle := page.doc.Find(`select[name=circle] option`).First().AttrOr("value", "")
	got := browse(t, p.h, "POST", "/encounters", p.sam, url.Values{"circle": {circle}, "kind": {"intense"}, "minutes": {"30"}, "reveal": {"3"}})
	if got.status != http.StatusSeeOther || !strings.HasPrefix(got.location, "/encounters/") {
		t.Fatalf("start: %d %s %s", got.status, got.location, got.find("#problem"))
	}
	id := strings.SplitN(strings.TrimPrefix(got.location, "/encounters/"), "?", 2)[0]
	e, err := p.s.Encounters.FindEncounter(t.Context(), p.alexID, id)
	if err != nil || e.Kind != tend.Intense || e.Minutes != 30 || e.RevealAfter.Hours() != 72 || len(e.Members) != 2 {
		t.Fatalf("started: %+v %v", e, err)
	}
	page = browse(t, p.h, "GET", got.location, p.sam, nil)
	if page.status != 200 || !strings.Contains(page.find("main"), "never a promise, a consent form") || page.find("h1") != "Check-in" {
		t.Fatalf("check-in page: %d %q", page.status, page.find("main"))
	}
	if page.doc.Find(`script[src*="checkin"]`).Length() != 1 || page.doc.Find(`[data-live]`).AttrOr("data-live", "") != "/api/v1/encounters/"+id+"/events" {
		t.Errorf("the page does not listen for the others")
	}
	got = browse(t, p.h, "POST", "/encounters/"+id+"/check-in", p.sam, url.Values{"mood": {"4"}, "energy": {"2"},
		"limits": {"SAM-LIMIT"}, "triggers": {"SAM-TRIGGER"}, "safeword": {"pineapple"}, "confirm": {"yes"}})
	if got.status != http.StatusSeeOther {
		t.Fatalf("check in: %d %s", got.status, got.find("#problem"))
	}
	page = browse(t, p.h, "GET", "/encounters/"+id, p.alex, nil)
	all := page.find(`section[aria-labelledby=all-h]`)
	for _, want := range []string{"Sam", "Confirmed", "Good", "Low", "SAM-LIMIT", "SAM-TRIGGER", "pineapple", "Alex (me)", "Not checked in yet"} {
		if !strings.Contains(all, want) {
			t.Errorf("Alex does not see %q in %q", want, all)
		}
	}
	if now := page.find(`section[aria-labelledby=now-h]`); !strings.Contains(now, "Not confirmed yet: Alex") {
		t.Errorf("aftercare now: %q", now)
	}
	got = browse(t, p.h, "POST", "/encounters/"+id+"/move", p.alex, url.Values{"from": {"before"}})
	if got.status != http.StatusSeeOther || got.location != "/encounters/"+id+"/aftercare" {
		t.Errorf("aftercare now: %d %s", got.status, got.location)
	}
	if got = browse(t, p.h, "GET", "/encounters/"+id, p.sam, nil); got.location != "/encounters/"+id+"/aftercare" {
		t.Errorf("during the aftercare: %d %s", got.status, got.location)
	}
	// A second press, from a page that did not know yet, says so.
	if got = browse(t, p.h, "POST", "/encounters/"+id+"/move", p.sam, url.Values{"from": {"before"}}); got.status != http.StatusSeeOther || !strings.Contains(got.location, "moved-already") {
		t.Errorf("moving twice: %d %s", got.status, got.location)
	}
}

// TestEncounterFormsBadInput: every form's mistakes come back with the
// field's label and what to fix, with the entries kept and nothing saved.
func TestEncounterFormsBadInput(t *testing.T) {
	p := formPairEncounter(t)
	circle := browse(t, p.h, "GET", "/encounters", p.sam, nil).doc.Find(`select[name=circle] option`).First().AttrOr("value", "")
	long := strings.Repeat("x", tend.MaxCheckInTextLen+1)
	for _, tc := range []struct {
		name, path string
		form       url.Values
		want, kept string
	}{
		{"StartMinutes", "/encounters", url.Values{"circle": {circle}, "kind": {"gentle"}, "minutes": {"ten"}, "reveal": {"0"}}, "Minutes set aside for aftercare:", `input[name=minutes][value=ten]`},
		{"StartTooLong", "/encounters", url.Values{"circle": {circle}, "kind": {"gentle"}, "minutes": {"999"}, "reveal": {"0"}}, "Minutes set aside for aftercare: from 0 to 240", `input[name=minutes][value="999"]`},
		{"StartSoloInCircle", "/encounters", url.Values{"circle": {circle}, "kind": {"solo"}, "reveal": {"0"}}, "Kind of encounter: solo is for you alone", `option[value=solo][selected]`},
		{"StartNoCircle", "/encounters", url.Values{"circle": {""}, "kind": {"intense"}, "reveal": {"1"}}, "With whom: choose a circle", `input[name=reveal][value="1"][checked]`},
		{"StartReveal", "/encounters", url.Values{"circle": {circle}, "kind": {"gentle"}, "reveal": {"2"}}, "When to show reflections:", `option[value=gentle][selected]`},
		{"StartNotMyCircle", "/encounters", url.Values{"circle": {"0193a6f0-0000-7000-8000-00000000dead"}, "kind": {"gentle"}, "reveal": {"0"}}, "With whom: that circle is not one of yours", ``},
		{"CheckInMood", "/encounters/" + p.id + "/check-in", url.Values{"mood": {"9"}, "limits": {"KEEP-ME"}, "confirm": {"yes"}}, "My mood today: choose one of the five", `textarea[name=limits]:contains("KEEP-ME")`},
		{"CheckInEnergy", "/encounters/" + p.id + "/check-in", url.Values{"energy": {"loads"}, "safeword": {"KEEP-WORD"}}, "My energy today:", `input[name=safeword][value=KEEP-WORD]`},
		{"CheckInLimits", "/encounters/" + p.id + "/check-in", url.Values{"mood": {"3"}, "limits": {long}}, "My limits for today: is 501 characters long; the limit is 500", `input[name=mood][value="3"][checked]`},
		{"CheckInNeed", "/encounters/" + p.id + "/check-in", url.Values{"need": {"no such thing!"}, "triggers": {"KEEP-T"}}, "Afterwards I'll probably need:", `textarea[name=triggers]:contains("KEEP-T")`},
		{"LeaveNotSure", "/encounters/" + p.id + "/leave", url.Values{}, "Leave this encounter: tick", ``},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := browse(t, p.h, "POST", tc.path, p.sam, tc.form)
			if got.status != http.StatusBadRequest || !strings.Contains(got.find("#problem"), tc.want) {
				t.Fatalf("got %d %q, want 400 saying %q", got.status, got.find("#problem"), tc.want)
			}
			if tc.kept != "" && got.doc.Find(tc.kept).Length() != 1 {
				t.Errorf("the entry is lost: no %s", tc.kept)
			}
		})
	}
	list, _ := p.s.Encounters.FindEncounters(t.Context(), p.samID)
	e, err := p.s.Encounters.FindEncounter(t.Context(), p.samID, p.id)
	if len(list) != 1 || err != nil || e.Member(p.samID).CheckIn != nil {
		t.Fatalf("after the mistakes: %d encounters, %v, %+v", len(list), err, e)
	}

	formReflect(t, p)
	journal := strings.Repeat("j", tend.MaxJournalLen+1)
	for _, tc := range []struct {
		name string
		form url.Values
		want string
		kept string
	}{
		{"ReflectNoMood", url.Values{"journal": {"KEEP-JOURNAL"}, "emotion": {"calm"}}, "How I feel now: choose how you feel now", `input[name=emotion][value=calm][checked]`},
		{"ReflectEmotion", url.Values{"mood": {"4"}, "emotion": {"giddy"}, "note": {"KEEP-NOTE"}}, "Feelings: \"giddy\" is not one of the words offered", `textarea[name=note]:contains("KEEP-NOTE")`},
		{"ReflectJournal", url.Values{"mood": {"4"}, "journal": {journal}, "favourite": {"KEEP-FAV"}}, "My private journal: is 4001 characters long; the limit is 4000", `textarea[name=favourite]:contains("KEEP-FAV")`},
		{"ReflectMissing", url.Values{"mood": {"2"}, "missing": {long}}, "What was missing: is 501 characters long; the limit is 500", `input[name=mood][value="2"][checked]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := browse(t, p.h, "POST", "/encounters/"+p.id+"/reflection", p.sam, tc.form)
			if got.status != http.StatusBadRequest || !strings.Contains(got.find("#problem"), tc.want) {
				t.Fatalf("got %d %q, want 400 saying %q", got.status, got.find("#problem"), tc.want)
			}
			if got.doc.Find(tc.kept).Length() != 1 {
				t.Errorf("the entry is lost: no %s", tc.kept)
			}
		})
	}
	if mine, _, _, err := p.s.Encounters.FindReflections(t.Context(), p.samID, p.id); mine != nil || err != nil {
		t.Errorf("a reflection was saved: %+v %v", mine, err)
	}
	// Checking in after the aftercare began is closed: said, not saved.
	if got := browse(t, p.h, "POST", "/encounters/"+p.id+"/check-in", p.sam, url.Values{"mood": {"3"}}); got.status != http.StatusSeeOther || !strings.Contains(got.location, "moved-already") {
		t.Errorf("a late check-in: %d %s", got.status, got.location)
	}
}

// TestEncounterFormsNotFound: someone not in the encounter gets the same
// 404 as for one that does not exist, on every page and form.
func TestEncounterFormsNotFound(t *testing.T) {
	p := formPairEncounter(t)
	missing := "0193a6f0-0000-7000-8000-00000000dead"
	for _, rt := range []struct {
		method, path string
		form         url.Values
	}{
		{"GET", "", nil},
		{"POST", "/check-in", url.Values{"mood": {"9"}}},
		{"POST", "/check-in", url.Values{"mood": {"3"}}},
		{"POST", "/move", url.Values{"from": {"before"}}},
		{"POST", "/reflection", url.Values{"mood": {"3"}}},
		{"POST", "/leave", url.Values{"sure": {"yes"}}},
		{"POST", "/leave", url.Values{}},
	} {
		theirs := browse(t, p.h, rt.method, "/encounters/"+p.id+rt.path, p.kim, rt.form)
		none := browse(t, p.h, rt.method, "/encounters/"+missing+rt.path, p.kim, rt.form)
		if theirs.status != http.StatusNotFound || theirs.body != none.body || strings.Contains(theirs.body, p.id) {
			t.Errorf("%s %s as Kim: %d, a missing one %d; want the same 404", rt.method, rt.path, theirs.status, none.status)
		}
	}
	if e, err := p.s.Encounters.FindEncounter(t.Context(), p.samID, p.id); err != nil || len(e.Members) != 2 || e.Stage != tend.StageBefore {
		t.Errorf("after Kim's tries: %+v %v", e, err)
	}
	// Leaving, in words: once sure, I am out, and the page is gone for me.
	got := browse(t, p.h, "POST", "/encounters/"+p.id+"/leave", p.alex, url.Values{"sure": {"yes"}})
	if got.status != http.StatusSeeOther || !strings.HasPrefix(got.location, "/encounters?done=") {
		t.Fatalf("leave: %d %s", got.status, got.location)
	}
	if got = browse(t, p.h, "GET", got.location, p.alex, nil); !strings.Contains(got.find(".flash"), "You are out of that encounter") {
		t.Errorf("after leaving: %q", got.find(".flash"))
	}
	if got = browse(t, p.h, "GET", "/encounters/"+p.id, p.alex, nil); got.status != http.StatusNotFound {
		t.Errorf("after leaving, the page: %d", got.status)
	}
}

// TestEncounterFormsPrivacy: no page ever shows another member's journal,
// nor a reflection before it is revealed.
func TestEncounterFormsPrivacy(t *testing.T) {
	p := formPairEncounter(t)
	formReflect(t, p)
	pages := func(session string) string {
		var b strings.Builder
		for _, path := range []string{"/encounters", "/encounters/" + p.id, "/encounters/history"} {
			got := browse(t, p.h, "GET", path, session, nil)
			if got.status != 200 {
				t.Fatalf("%s: %d", path, got.status)
			}
			b.WriteString(got.body)
		}
		return b.String()
	}
	got := browse(t, p.h, "POST", "/encounters/"+p.id+"/reflection", p.sam, url.Values{"mood": {"4"}, "emotion": {"calm", "tender"},
		"note": {"SAM-NOTE"}, "favourite": {"SAM-FAVOURITE"}, "journal": {"SAM-JOURNAL"}})
	if got.status != http.StatusSeeOther {
		t.Fatalf("Sam reflects: %d %s", got.status, got.find("#problem"))
	}
	alexSees := pages(p.alex)
	for _, secret := range []string{"SAM-NOTE", "SAM-FAVOURITE", "SAM-JOURNAL"} {
		if strings.Contains(alexSees, secret) {
			t.Errorf("before Alex answers, Alex sees %q", secret)
		}
	}
	sam := browse(t, p.h, "GET", "/encounters/"+p.id, p.sam, nil)
	if w := sam.find(`section[aria-labelledby=wait-h]`); !strings.Contains(w, "Waiting for Alex") || !strings.Contains(w, "Answered so far: you") {
		t.Errorf("Sam waits: %q", w)
	}
	if j := sam.find(".journal"); !strings.Contains(j, "SAM-JOURNAL") || !strings.Contains(j, "only you see this") {
		t.Errorf("Sam's own journal: %q", j)
	}
	if sam.doc.Find(`form[action$="/reflection"]`).Length() != 0 {
		t.Errorf("Sam is asked again")
	}

	got = browse(t, p.h, "POST", "/encounters/"+p.id+"/reflection", p.alex, url.Values{"mood": {"2"}, "note": {"ALEX-NOTE"}, "journal": {"ALEX-JOURNAL"}})
	if got.status != http.StatusSeeOther {
		t.Fatalf("Alex reflects: %d %s", got.status, got.find("#problem"))
	}
	for who, session := range map[string]string{"Sam": p.sam, "Alex": p.alex} {
		seen := pages(session)
		own, other := "SAM", "ALEX"
		if who == "Alex" {
			own, other = other, own
		}
		if strings.Contains(seen, other+"-JOURNAL") {
			t.Errorf("%s sees the other's journal", who)
		}
		if !strings.Contains(seen, other+"-NOTE") || !strings.Contains(seen, own+"-JOURNAL") {
			t.Errorf("%s does not see the other's note or their own journal", who)
		}
	}
	h := browse(t, p.h, "GET", "/encounters/history", p.alex, nil)
	if h.doc.Find(`.encounter-past`).Length() != 1 || h.doc.Find(`.reflection`).Length() != 2 {
		t.Errorf("history: %q", h.find("main"))
	}
}

// TestEncounterFormsSolo: one person, in words for one.
func TestEncounterFormsSolo(t *testing.T) {
	_, h, _, sam, _ := pageServer(t)
	got := browse(t, h, "POST", "/encounters", sam, url.Values{"circle": {""}, "kind": {"solo"}, "reveal": {"0"}})
	if got.status != http.StatusSeeOther {
		t.Fatalf("start: %d %s", got.status, got.find("#problem"))
	}
	page := browse(t, h, "GET", got.location, sam, nil)
	main := page.find("main")
	if !strings.Contains(page.find(".flash"), "check in with yourself") || strings.Contains(main, "the others") || strings.Contains(main, "confirm") ||
		page.doc.Find(`section[aria-labelledby=all-h]`).Length() != 0 || page.doc.Find(`[data-live]`).Length() != 0 {
		t.Errorf("solo check-in: %q", main)
	}
	id := strings.SplitN(strings.TrimPrefix(got.location, "/encounters/"), "?", 2)[0]
	for _, from := range []string{"before", "after"} {
		if got = browse(t, h, "POST", "/encounters/"+id+"/move", sam, url.Values{"from": {from}}); got.status != http.StatusSeeOther {
			t.Fatalf("move from %s: %d", from, got.status)
		}
	}
	page = browse(t, h, "GET", "/encounters/"+id, sam, nil)
	if page.doc.Find(`form[action$="/reflection"]`).Length() != 1 || page.doc.Find(`textarea[name=note]`).Length() != 0 {
		t.Errorf("solo reflection form: %q", page.find("main"))
	}
	got = browse(t, h, "POST", "/encounters/"+id+"/reflection", sam, url.Values{"mood": {"5"}, "note": {"NOT-FOR-ANYONE"}, "journal": {"MINE"}})
	page = browse(t, h, "GET", "/encounters/"+id, sam, nil)
	if got.status != http.StatusSeeOther || !strings.Contains(page.find("main"), "MINE") || strings.Contains(page.body, "NOT-FOR-ANYONE") ||
		strings.Contains(page.find("main"), "Waiting") {
		t.Errorf("solo, done: %d %q", got.status, page.find("main"))
	}
}

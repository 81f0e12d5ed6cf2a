package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/tendcare/tend"
)

// TestAftercareScreenParts: the screen's own title; "sees" for one other,
// "see" for more; how-tos folded away; the wait of a step that must wait;
// the newest request from someone else at the top, and every item of the
// news with its time in the person's time zone; a mistake named by its
// label.
func TestAftercareScreenParts(t *testing.T) {
	s, clock := newAccountServer(t, "open")
	h := s.Handler()
	ctx := context.Background()
	sam, alex, samID, alexID, e := careCircle(t, s, h, tend.Gentle)
	berlin := "Europe/Berlin"
	if _, err := s.People.UpdatePerson(ctx, samID, tend.PersonUpdate{TimeZone: &berlin}); err != nil {
		t.Fatal(err)
	}
	// Alex needs time alone first: the touch waits for it.
	careNeedsOf(t, h, alex, "space-first", "water", "cuddle")
	path := "/encounters/" + e.ID + "/aftercare"

	got := browse(t, h, "GET", path, sam, nil)
	if title := got.find("title"); title != "Aftercare · us · Tend" {
		t.Errorf("title %q", title)
	}
	if list := browse(t, h, "GET", "/encounters", sam, nil).find("title"); list == got.find("title") {
		t.Errorf("the list and the screen share the title %q", list)
	}
	if hint := got.find("#needs .hint"); !strings.HasPrefix(hint, "Tap one: Alex sees it at once.") {
		t.Errorf("hint %q", hint)
	}

	// How-tos on demand, closed.
	if got.doc.Find(".checklist p.howto").Length() != 0 {
		t.Error("a how-to shows in full")
	}
	howtos := got.doc.Find(".checklist > li details.howto")
	if howtos.Length() == 0 {
		t.Fatalf("no how-to: %s", got.find("#plan"))
	}
	howtos.Each(func(_ int, d *goquery.Selection) {
		if _, open := d.Attr("open"); open || d.Find("summary").Length() != 1 || strings.TrimSpace(d.Find("p").Text()) == "" {
			t.Errorf("how-to: open %v, %q", open, d.Text())
		}
	})

	// The wait of a step that must wait, as the circle plan says it.
	me, err := s.People.FindPersonByID(ctx, samID)
	if err != nil {
		t.Fatal(err)
	}
	pl, err := s.encounterPlan(ctx, me, e)
	if err != nil {
		t.Fatal(err)
	}
	waits := 0
	for i, st := range pl.Steps {
		wait := strings.TrimSpace(got.doc.Find("#step-" + strconv.Itoa(i+1) + " .wait").Text())
		if st.At == 0 {
			if wait != "" {
				t.Errorf("step %q: wait %q", st.Title, wait)
			}
			continue
		}
		waits++
		from := e.StageAt.Add(time.Duration(st.At) * time.Minute).In(mustZone(t, berlin)).Format("15:04")
		if want := "(after " + strconv.Itoa(st.At) + " minutes, from " + from + ")"; wait != want {
			t.Errorf("step %q: wait %q, want %q", st.Title, wait, want)
		}
	}
	if waits == 0 {
		t.Fatalf("no step waits: %+v", pl.Steps)
	}

	// Alex asks for water at 21:04 UTC: 22:04 for Sam, in Berlin.
	clock.t = clock.t.Add(4 * time.Minute)
	water := careSignal(t, s, alexID, e.ID, &tend.Signal{Kind: tend.SignalWater})
	careSignal(t, s, samID, e.ID, &tend.Signal{Kind: tend.SignalBlanket})
	got = browse(t, h, "GET", path, sam, nil)
	latest := got.doc.Find("#latest")
	if _, hidden := latest.Attr("hidden"); hidden || latest.Find(".says").Text() != "Alex would like some water." ||
		strings.TrimSpace(latest.Find("time").Text()) != "22:04" || latest.Find("time").AttrOr("datetime", "") != water.At.UTC().Format(time.RFC3339) ||
		latest.Find(".coming-button").Length() != 1 || latest.Find(".item[id]").Length() != 0 {
		t.Errorf("newest request: hidden %v, %q", hidden, latest.Text())
	}
	if got.doc.Find("#latest ~ #needs").Length() != 1 {
		t.Error("the newest request is not above the needs")
	}
	got.doc.Find("#feed-list > .item").Each(func(_ int, li *goquery.Selection) {
		if !regexp.MustCompile(`^\d\d:\d\d$`).MatchString(strings.TrimSpace(li.Find("time").Text())) {
			t.Errorf("news item without its time: %q", li.Text())
		}
	})
	if at := strings.TrimSpace(got.doc.Find("#s-" + strconv.Itoa(int(water.Seq)) + " time").Text()); at != "22:04" {
		t.Errorf("water at %q in the news", at)
	}
	// Alex's own need is not Alex's newest request; nothing from Sam is.
	if latest := browse(t, h, "GET", path, alex, nil).doc.Find("#latest"); latest.Find(".item").Length() != 1 || !strings.Contains(latest.Text(), "Sam would like a blanket.") {
		t.Errorf("Alex's newest request: %q", latest.Text())
	}

	// A mistake names the field by its label.
	long := strings.Repeat("x", tend.MaxSignalTextLen+1)
	bad := browse(t, h, "POST", "/encounters/"+e.ID+"/signals", sam, url.Values{"kind": {"custom"}, "text": {long}})
	if p := bad.find("#problem"); bad.status != http.StatusBadRequest || !strings.Contains(p, "Something else, in a few words: ") || strings.Contains(p, "text:") {
		t.Errorf("%d %q", bad.status, p)
	}
}

// TestAftercareScreenGroup: three people, "see", not "sees".
func TestAftercareScreenGroup(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	sam, _, samID, _, pair := careCircle(t, s, h, tend.Gentle)
	careJoin(t, s, h, samID, pair.CircleID)
	e := careStart(t, s, samID, tend.NewEncounter{CircleID: pair.CircleID, Kind: tend.Gentle})
	got := browse(t, h, "GET", "/encounters/"+e.ID+"/aftercare", sam, nil)
	if hint := got.find("#needs .hint"); !strings.HasPrefix(hint, "Tap one: Alex and Kim see it at once.") {
		t.Errorf("hint %q", hint)
	}
}

// TestAftercareSoloWords: alone, no live-news wording on the screen and
// no safeword or confirming on the check-in.
func TestAftercareSoloWords(t *testing.T) {
	s, h, _, sam, samID := pageServer(t)
	ctx := context.Background()
	solo, err := s.Encounters.CreateEncounter(ctx, samID, tend.NewEncounter{Kind: tend.Solo})
	if err != nil {
		t.Fatal(err)
	}
	checkIn := browse(t, h, "GET", "/encounters/"+solo.ID, sam, nil)
	if checkIn.doc.Find("#safeword").Length() != 0 || strings.Contains(checkIn.find("main"), "Safeword") {
		t.Error("a solo check-in asks for a safeword")
	}
	got := browse(t, h, "POST", "/encounters/"+solo.ID+"/check-in", sam, url.Values{"mood": {"3"}, "confirm": {"yes"}})
	if got.status != http.StatusSeeOther {
		t.Fatalf("solo check-in: %d %s", got.status, got.find("#problem"))
	}
	page := browse(t, h, "GET", got.location, sam, nil)
	if text := page.find("main"); strings.Contains(text, "onfirm") {
		t.Errorf("a solo check-in speaks of confirming: %q", page.find(".flash")+" / "+page.find(".flash-quiet"))
	}
	e := careStart(t, s, samID, tend.NewEncounter{Kind: tend.Solo})
	screen := browse(t, h, "GET", "/encounters/"+e.ID+"/aftercare", sam, nil)
	if screen.doc.Find("#live-status, #check-news").Length() != 0 || strings.Contains(screen.find("main"), "news") {
		t.Errorf("live-news wording on a solo screen: %q", screen.find(".quiet-status"))
	}
	if title := screen.find("title"); title != "Time for yourself · Tend" {
		t.Errorf("solo title %q", title)
	}
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// TestStepKeysUnique: a plan with a step standing in for another (the
// same practice for the same person) keys them apart, so that a tick on
// one never ticks the other; a plan without keeps the plain keys.
func TestStepKeysUnique(t *testing.T) {
	steps := []tend.Step{
		{Practice: "affirm", For: []string{"Alex"}},
		{Practice: "water", For: []string{"Alex", "Sam"}},
		{Practice: "affirm", For: []string{"Alex"}, At: 10},
		{Practice: "affirm", For: []string{"Sam"}},
		{Practice: "affirm", For: []string{"Alex"}, At: 20},
	}
	got := stepKeys(steps)
	want := []string{"affirm:Alex", "water:Alex+Sam", "affirm:Alex~2", "affirm:Sam", "affirm:Alex~3"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

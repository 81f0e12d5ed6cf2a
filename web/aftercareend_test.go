package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tendcare/tend"
)

// TestAftercareEndWhileNotOkay: Sam is not okay and Alex taps "We're
// done". The form asks first, naming Sam, with "End anyway"; ending
// anyway moves the encounter on, but Sam's screen stays, with the
// grounding help and a note that the others moved on. The reflect page
// shows Alex that Sam is not okay, with the way back to the screen, until
// Sam taps "I'm okay now".
func TestAftercareEndWhileNotOkay(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	sam, alex, samID, _, e := careCircle(t, s, h, tend.Gentle)
	base := "/encounters/" + e.ID
	stage := func() tend.Stage {
		t.Helper()
		now, err := s.Encounters.FindEncounter(context.Background(), samID, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		return now.Stage
	}
	careSignal(t, s, samID, e.ID, &tend.Signal{Kind: tend.SignalNotOkay})

	// "We're done" asks first.
	got := browse(t, h, "POST", base+"/move", alex, url.Values{"from": {"after"}})
	if got.status != http.StatusSeeOther || got.location != base+"/aftercare?end=confirm#end-confirm-h" || stage() != tend.StageAfter {
		t.Fatalf("ending while Sam is not okay: %d to %q, stage %s", got.status, got.location, stage())
	}
	ask := browse(t, h, "GET", base+"/aftercare?end=confirm", alex, nil)
	if !strings.Contains(ask.find("#end-confirm"), "Sam is not okay yet.") {
		t.Errorf("the question: %q", ask.find("#end-confirm"))
	}
	anyway := ask.doc.Find(`#end-confirm form[action="` + base + `/move"]`)
	if anyway.Find(`input[name=anyway][value="1"]`).Length() != 1 || anyway.Find(`input[name=from][value=after]`).Length() != 1 ||
		strings.TrimSpace(anyway.Find("button").Text()) != "End anyway" {
		t.Errorf("no End anyway form: %s", ask.find("#end-confirm"))
	}
	if ask.doc.Find(`#end-confirm a[href="`+base+`/aftercare"]`).Length() != 1 {
		t.Error("no way to stay")
	}
	if plain := browse(t, h, "GET", base+"/aftercare", alex, nil); plain.doc.Find("#end-confirm").Length() != 0 {
		t.Error("the question shows without being asked")
	}
	// Sam, ending themselves, is told it is their own "not okay".
	if mine := browse(t, h, "GET", base+"/aftercare?end=confirm", sam, nil); !strings.Contains(mine.find("#end-confirm"), "You said you are not okay") {
		t.Errorf("Sam's question: %q", mine.find("#end-confirm"))
	}

	seen, _ := anyway.Find(`input[name=seen]`).Attr("value")
	// Ending anyway without having seen a "not okay" is asked again.
	if again := browse(t, h, "POST", base+"/move", alex, url.Values{"from": {"after"}, "anyway": {"1"}}); again.status != http.StatusSeeOther ||
		!strings.Contains(again.location, "end=confirm") || stage() != tend.StageAfter {
		t.Fatalf("ending anyway, not having seen it: %d to %q, stage %s", again.status, again.location, stage())
	}
	got = browse(t, h, "POST", base+"/move", alex, url.Values{"from": {"after"}, "anyway": {"1"}, "seen": {seen}})
	if got.status != http.StatusSeeOther || got.location != base || stage() != tend.StageReflect {
		t.Fatalf("ending anyway: %d to %q, stage %s", got.status, got.location, stage())
	}

	// Sam's screen stays, with the help, the note and the way on.
	screen := browse(t, h, "GET", base+"/aftercare", sam, nil)
	if screen.status != http.StatusOK {
		t.Fatalf("Sam's screen while the others reflect: %d to %q", screen.status, screen.location)
	}
	if _, open := screen.doc.Find("#grounding-details").Attr("open"); !open {
		t.Error("Sam's grounding help is closed")
	}
	if !strings.Contains(screen.find("#moved-on"), "Alex ended the aftercare") || screen.doc.Find(`#moved-on a[href="`+base+`"]`).Length() != 1 {
		t.Errorf("the note: %q", screen.find("#moved-on"))
	}
	if _, hidden := screen.doc.Find("#end-now").Attr("hidden"); !hidden || screen.doc.Find(`#end-go a[href="`+base+`"]`).Length() != 1 {
		t.Error("the screen still offers to end the aftercare")
	}
	okayForms := screen.doc.Find(`form[data-okay]`)
	if okayForms.Length() == 0 || okayForms.Find(`input[name=kind][value=okay]`).Length() != okayForms.Length() {
		t.Fatal("no I'm okay now")
	}
	if _, hidden := okayForms.First().Attr("hidden"); hidden {
		t.Error("I'm okay now is hidden from Sam")
	}
	// Alex may come back to the screen too.
	if back := browse(t, h, "GET", base+"/aftercare", alex, nil); back.status != http.StatusOK || !strings.Contains(back.find("#moved-on"), "You ended the aftercare") ||
		!strings.Contains(back.find("#alerts"), "Sam is not okay") {
		t.Errorf("Alex back on the screen: %d, %q, alerts %q", back.status, back.find("#moved-on"), back.find("#alerts"))
	}

	// The reflect page shows it, with the way back.
	reflect := browse(t, h, "GET", base, alex, nil)
	if !strings.Contains(reflect.find("#not-okay-note"), "Sam is not okay yet.") || reflect.doc.Find(`#not-okay-note a[href="`+base+`/aftercare"]`).Length() != 1 {
		t.Errorf("Alex's reflect page: %q", reflect.find("#not-okay-note"))
	}
	if role, _ := reflect.doc.Find("#not-okay-note").Attr("role"); role != "alert" {
		t.Errorf("the note's role %q", role)
	}
	if mine := browse(t, h, "GET", base, sam, nil); !strings.Contains(mine.find("#not-okay-note"), "You said you are not okay") {
		t.Errorf("Sam's reflect page: %q", mine.find("#not-okay-note"))
	}

	// "I'm okay now" takes it back everywhere.
	if got := browse(t, h, "POST", base+"/signals", sam, url.Values{"kind": {"okay"}}); got.status != http.StatusSeeOther {
		t.Fatalf("okay: %d %s", got.status, got.find("#problem"))
	}
	if reflect := browse(t, h, "GET", base, alex, nil); reflect.doc.Find("#not-okay-note").Children().Length() != 0 {
		t.Errorf("Alex's reflect page after okay: %q", reflect.find("#not-okay-note"))
	}
	screen = browse(t, h, "GET", base+"/aftercare", sam, nil)
	if _, hidden := screen.doc.Find(`form[data-okay]`).First().Attr("hidden"); !hidden {
		t.Error("I'm okay now is still shown")
	}
	if _, open := screen.doc.Find("#grounding-details").Attr("open"); open {
		t.Error("the grounding help is still open")
	}
	for _, want := range []string{"You said you were not okay.", "You said you are okay now."} {
		if !strings.Contains(screen.find("#feed-list"), want) {
			t.Errorf("Sam's news lacks %q: %q", want, screen.find("#feed-list"))
		}
	}
	theirs := browse(t, h, "GET", base+"/aftercare", alex, nil)
	if theirs.doc.Find("#alerts-list > li").Length() != 0 || !strings.Contains(theirs.find("#feed-list"), "Sam was not okay.") ||
		!strings.Contains(theirs.find("#feed-list"), "Sam is okay now.") || theirs.doc.Find(`#feed-list [data-kind="not-okay"] form`).Length() != 0 {
		t.Errorf("Alex's screen after okay: alerts %q, news %q", theirs.find("#alerts"), theirs.find("#feed-list"))
	}

	// Once reflected, the way on leads back to the reflections; once all
	// is done, the screen is closed.
	for _, who := range []string{alex, sam} {
		if got := browse(t, h, "POST", base+"/reflection", who, url.Values{"mood": {"4"}}); got.status != http.StatusSeeOther {
			t.Fatalf("reflect: %d %s", got.status, got.find("#problem"))
		}
		if who == alex {
			if back := browse(t, h, "GET", base+"/aftercare", alex, nil); back.status != http.StatusOK || !strings.Contains(back.find("#end-go"), "Back to the reflections") {
				t.Errorf("after reflecting: %d %q", back.status, back.find("#end-go"))
			}
		}
	}
	if got := browse(t, h, "GET", base+"/aftercare", sam, nil); got.status != http.StatusSeeOther || got.location != base {
		t.Errorf("the screen once done: %d to %q", got.status, got.location)
	}
}

// TestAftercareEndSoloNotOkay: alone, "I'm done" while one's own "not
// okay" stands asks too, in words for one.
func TestAftercareEndSoloNotOkay(t *testing.T) {
	s, h, _, sam, samID := pageServer(t)
	e := careStart(t, s, samID, tend.NewEncounter{Kind: tend.Solo})
	base := "/encounters/" + e.ID
	careSignal(t, s, samID, e.ID, &tend.Signal{Kind: tend.SignalNotOkay})
	got := browse(t, h, "POST", base+"/move", sam, url.Values{"from": {"after"}})
	if got.location != base+"/aftercare?end=confirm#end-confirm-h" {
		t.Fatalf("solo end while not okay: %d to %q", got.status, got.location)
	}
	ask := browse(t, h, "GET", base+"/aftercare?end=confirm", sam, nil)
	if text := ask.find("#end-confirm"); !strings.Contains(text, "You said you are not okay") || strings.Contains(text, "others") {
		t.Errorf("the solo question: %q", text)
	}
	// Without a standing "not okay", it ends at once.
	careSignal(t, s, samID, e.ID, &tend.Signal{Kind: tend.SignalOkay})
	if got := browse(t, h, "POST", base+"/move", sam, url.Values{"from": {"after"}}); got.location != base {
		t.Errorf("solo end once okay: %d to %q", got.status, got.location)
	}
}

// TestAftercareHelpOutlastsTheEnd: once everyone has reflected and the
// encounter is done, Sam, whose "not okay" still stands, keeps the
// aftercare screen with its grounding help and can tap "I'm okay now";
// then, and for Alex always, the screen gives way to the encounter.
func TestAftercareHelpOutlastsTheEnd(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	sam, alex, samID, alexID, e := careCircle(t, s, h, tend.Gentle)
	base := "/encounters/" + e.ID
	ctx := context.Background()
	careSignal(t, s, samID, e.ID, &tend.Signal{Kind: tend.SignalNotOkay})
	latest, err := s.Encounters.FindEncounter(ctx, samID, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Encounters.MoveEncounter(ctx, alexID, e.ID, tend.Move{From: tend.StageAfter, Anyway: true, Seen: latest.LastSeq}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{samID, alexID} {
		if _, err := s.Encounters.SaveReflection(ctx, id, e.ID, &tend.Reflection{Mood: 3}); err != nil {
			t.Fatal(err)
		}
	}
	screen := browse(t, h, "GET", base+"/aftercare", sam, nil)
	if screen.status != http.StatusOK || screen.doc.Find("#grounding-details").Length() == 0 {
		t.Fatalf("Sam's screen once done, still not okay: %d to %q", screen.status, screen.location)
	}
	if page := browse(t, h, "GET", base, sam, nil); !strings.Contains(page.find("#not-okay-note"), "You said you are not okay") {
		t.Errorf("the encounter's page once done does not lead Sam back to the help: %q", page.find("main"))
	}
	if got := browse(t, h, "GET", base+"/aftercare", alex, nil); got.status != http.StatusSeeOther {
		t.Errorf("Alex's screen once done: %d", got.status)
	}
	if got := browse(t, h, "POST", base+"/signals", sam, url.Values{"kind": {"okay"}}); got.status != http.StatusSeeOther {
		t.Fatalf("I'm okay now, once done: %d %s", got.status, got.find("#problem"))
	}
	if got := browse(t, h, "POST", base+"/signals", sam, url.Values{"kind": {"water"}}); got.status == http.StatusSeeOther && strings.Contains(got.location, "aftercare") {
		t.Errorf("a need once done was taken: %d to %q", got.status, got.location)
	}
	if got := browse(t, h, "GET", base+"/aftercare", sam, nil); got.status != http.StatusSeeOther {
		t.Errorf("Sam's screen once okay and done: %d", got.status)
	}
}

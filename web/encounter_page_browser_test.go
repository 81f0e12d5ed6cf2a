package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/tendcare/tend"
)

// formWaitText waits until the text of sel on b's page contains want
// (the page may reload meanwhile, by its script), and returns it.
func formWaitText(b *browser, sel, want string) string {
	b.t.Helper()
	var last string
	for range 300 {
		var s string
		err := chromedp.Run(b.ctx, chromedp.Evaluate(`(function(){var e=document.querySelector(`+"`"+sel+"`"+`);return e?e.innerText:""})()`, &s))
		if err == nil {
			last = s
			if strings.Contains(s, want) {
				return s
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	b.t.Fatalf("%s never said %q; last: %q", sel, want, last)
	return ""
}

// formClick clicks the element (a radio button, a box) without leaving
// the page.
func formClick(b *browser, sel string) {
	b.t.Helper()
	b.run(chromedp.Click(sel, chromedp.ByQuery))
}

// formMark marks the page in b, and formMarked checks the mark is still
// there: the page was not loaded again meanwhile.
func formMark(b *browser) {
	b.t.Helper()
	var ok bool
	b.run(chromedp.Evaluate(`window.__sameLoad = true`, &ok))
}

func formMarked(b *browser) {
	b.t.Helper()
	var ok bool
	b.run(chromedp.Evaluate(`window.__sameLoad === true`, &ok))
	if !ok {
		b.t.Error("the page was loaded again under the person reading it")
	}
}

// formWidth sets the phone's width: 320 or 390 pixels.
func formWidth(b *browser, w int64) {
	b.t.Helper()
	b.run(emulation.SetDeviceMetricsOverride(w, 844, 1, true))
}

// TestBrowserEncounterForms: Sam and Alex, each in their own browser,
// start an encounter in their circle, check in and confirm, and each sees
// the other's confirmation arrive. After the aftercare they look back:
// Alex sees nothing of Sam's reflection until both have answered, and
// then only its shared parts, never Sam's journal; and the other way
// round.
func TestBrowserEncounterForms(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	sam := newBrowser(t, s.Handler())
	alex := sam.another()

	sam.signUp("Sam", "sam")
	sam.open("/profile/practices?category=body")
	sam.fill(map[string]string{`select[name="r.water"]`: "need"})
	sam.submit(`.sticky-save button`)
	sam.open("/circles")
	sam.fill(map[string]string{"#name": "us"})
	sam.submit(`main form button[type=submit]`)
	sam.submit(`form[action$="/invite"] button`)
	link := sam.text(".secret")
	alex.signUp("Alex", "alex")
	alex.open("/profile/practices?category=body")
	alex.fill(map[string]string{`select[name="g.water"]`: "glad"})
	alex.submit(`.sticky-save button`)
	alex.run(chromedp.Navigate(link), chromedp.WaitReady("body"))
	alex.submit(`form[action$="/accept"] button`)

	sam.open("/encounters")
	sam.check("50-encounters")
	sam.fill(map[string]string{"#kind": "intense", "#minutes": "20"})
	formClick(sam, `input[name=reveal][value="1"]`)
	sam.submit(`form[action="/encounters"] button[type=submit]`)
	page := strings.SplitN(sam.path(), "?", 2)[0]
	if !strings.HasPrefix(page, "/encounters/") {
		t.Fatalf("after starting: at %s", sam.path())
	}
	sam.check("51-checkin")

	alex.open("/encounters")
	alex.submit(`section[aria-labelledby=current-h] a`)
	if alex.path() != page {
		t.Fatalf("Alex is at %s, not %s", alex.path(), page)
	}

	// Sam checks in and confirms; Alex's page shows it in place, never
	// reloaded under Alex.
	formMark(alex)
	formClick(sam, `input[name=mood][value="4"]`)
	formClick(sam, `input[name=energy][value="3"]`)
	formClick(sam, `input[name=need][value=water]`)
	sam.run(chromedp.SendKeys("#limits", "SAM-LIMIT", chromedp.ByQuery), chromedp.SendKeys("#safeword", "pineapple", chromedp.ByQuery))
	sam.submit(`button[name=confirm][value=yes]`)
	if got := sam.text(".flash"); !strings.Contains(got, "Confirmed") {
		t.Errorf("Sam's flash: %q", got)
	}
	seen := formWaitText(alex, `section[aria-labelledby=all-h]`, "Confirmed")
	for _, want := range []string{"SAM-LIMIT", "pineapple", "A glass of water", "Good"} {
		if !strings.Contains(seen, want) {
			t.Errorf("Alex does not see Sam's %q: %q", want, seen)
		}
	}
	formMarked(alex)
	alex.check("52-checkin-other")

	// Alex starts typing, on a narrow phone; Sam saves again: Alex's page
	// says so, in the flow above, never over the field Alex is in, and
	// Alex's typing and focus stay.
	formWidth(alex, 320)
	alex.run(chromedp.SendKeys("#limits", "ALEX-LIMIT", chromedp.ByQuery))
	sam.submit(`button[name=confirm][value=yes]`)
	formWaitText(alex, `#live-note`, "Sam confirmed their check-in.")
	formMarked(alex)
	var focus struct {
		ID, Value, Position string
		Overlap             bool
	}
	alex.run(chromedp.Evaluate(`(function(){
		var n = document.getElementById("live-note"), f = document.activeElement;
		var a = n.getBoundingClientRect(), b = f.getBoundingClientRect();
		return {ID: f.id, Value: f.value, Position: getComputedStyle(n).position,
			Overlap: a.bottom > b.top && a.top < b.bottom && a.right > b.left && a.left < b.right};
	})()`, &focus))
	if focus.ID != "limits" || focus.Value != "ALEX-LIMIT" || focus.Position == "sticky" || focus.Position == "fixed" || focus.Overlap {
		t.Errorf("Alex's field after Sam's news: %+v", focus)
	}
	alex.check("53-checkin-note")
	formWidth(alex, 390)
	formClick(alex, `input[name=mood][value="2"]`)
	alex.submit(`button[name=confirm][value=yes]`)
	if got := alex.text(`section[aria-labelledby=all-h]`); !strings.Contains(got, "ALEX-LIMIT") {
		t.Errorf("Alex's check-in: %q", got)
	}
	sam.open(page)
	formWaitText(sam, `section[aria-labelledby=now-h]`, "Anyone can open")
	if got := sam.text(`section[aria-labelledby=all-h]`); strings.Count(got, "Confirmed") != 2 || !strings.Contains(got, "ALEX-LIMIT") {
		t.Errorf("Sam sees: %q", got)
	}
	if got := sam.text(`section[aria-labelledby=now-h]`); strings.Contains(got, "Not confirmed") {
		t.Errorf("Aftercare now: %q", got)
	}

	// The aftercare is another screen: move on past it in the store.
	ctx := context.Background()
	c, err := s.Credentials.FindCredentials(ctx, "sam")
	if err != nil {
		t.Fatal(err)
	}
	id := strings.TrimPrefix(page, "/encounters/")
	formMark(alex)
	for _, from := range []tend.Stage{tend.StageBefore, tend.StageAfter} {
		if _, err := s.Encounters.MoveEncounter(ctx, c.PersonID, id, tend.Move{From: from}); err != nil {
			t.Fatal(err)
		}
		if from == tend.StageBefore {
			// Alex's page offers the aftercare screen; it does not go
			// there by itself.
			formWaitText(alex, `#live-note`, "Sam opened the aftercare screen.")
			alex.run(chromedp.WaitReady(`.live-note-more a[href="`+page+`/aftercare"]`, chromedp.ByQuery))
			formMarked(alex)
		}
	}
	sam.open(page)
	alex.open(page)
	sam.check("54-reflect")

	formClick(sam, `input[name=mood][value="4"]`)
	formClick(sam, `input[name=emotion][value=tender]`)
	formClick(sam, `input[name=helped][value=water]`)
	sam.run(chromedp.SendKeys("#note", "SAM-NOTE", chromedp.ByQuery), chromedp.SendKeys("#journal", "SAM-JOURNAL", chromedp.ByQuery),
		chromedp.SendKeys("#favourite", "SAM-FAVOURITE", chromedp.ByQuery))
	sam.submit(`form[action$="/reflection"] button[type=submit]`)
	if got := sam.text("main"); !strings.Contains(got, "Waiting for Alex") || !strings.Contains(got, "SAM-JOURNAL") {
		t.Errorf("Sam, waiting: %q", got)
	}
	sam.check("55-waiting")
	// Alex's page shows that Sam answered, in place, nothing of what Sam
	// said.
	formMark(alex)
	alexSees := formWaitText(alex, "main", "Already answered: Sam")
	formMarked(alex)
	for _, secret := range []string{"SAM-NOTE", "SAM-JOURNAL", "SAM-FAVOURITE"} {
		if strings.Contains(alexSees, secret) {
			t.Errorf("before answering, Alex sees %q", secret)
		}
	}
	formClick(alex, `input[name=mood][value="3"]`)
	alex.run(chromedp.SendKeys("#note", "ALEX-NOTE", chromedp.ByQuery), chromedp.SendKeys("#journal", "ALEX-JOURNAL", chromedp.ByQuery))
	alex.submit(`form[action$="/reflection"] button[type=submit]`)
	alexSees = alex.text("main")
	if !strings.Contains(alexSees, "SAM-NOTE") || !strings.Contains(alexSees, "SAM-FAVOURITE") || !strings.Contains(alexSees, "ALEX-JOURNAL") || strings.Contains(alexSees, "SAM-JOURNAL") {
		t.Errorf("Alex, done: %q", alexSees)
	}
	alex.check("56-done")
	// Sam's waiting page hears that Alex answered, and shows the
	// reflections when Sam asks.
	formWaitText(sam, "#live-note", "Everyone has looked back")
	sam.submit(`.live-note-more button`)
	samSees := formWaitText(sam, "main", "ALEX-NOTE")
	if strings.Contains(samSees, "ALEX-JOURNAL") || !strings.Contains(samSees, "SAM-JOURNAL") {
		t.Errorf("Sam, done: %q", samSees)
	}
	sam.open("/encounters/history")
	if got := sam.text("main"); !strings.Contains(got, "ALEX-NOTE") || strings.Contains(got, "ALEX-JOURNAL") {
		t.Errorf("Sam's history: %q", got)
	}
	sam.check("57-history")
}

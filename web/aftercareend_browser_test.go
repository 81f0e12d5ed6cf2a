package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/tendcare/tend"
)

// careKey moves the focus to what sel matches and presses Enter there,
// as someone with a keyboard does; the page stays (the script sends it).
func careKey(b *browser, sel string) {
	b.t.Helper()
	var ok bool
	b.run(chromedp.Evaluate(`(function(){var e=document.querySelector(`+"`"+sel+"`"+`);if(!e)return false;e.focus();return document.activeElement===e})()`, &ok))
	if !ok {
		b.t.Fatalf("cannot focus %s", sel)
	}
	careEnter(b)
}

// careEnter presses Enter wherever the focus is.
func careEnter(b *browser) {
	b.t.Helper()
	b.run(chromedp.KeyEvent(kb.Enter))
}

// careKeyAway is careKey for a form that loads the next page.
func careKeyAway(b *browser, sel string) {
	b.t.Helper()
	var ok bool
	b.run(chromedp.Evaluate(`window.__oldPage = true`, &ok))
	careKey(b, sel)
	b.waitNewPage()
}

// careFocused describes the element with the focus: its id, classes and
// text.
func careFocused(b *browser) string {
	b.t.Helper()
	var s string
	b.run(chromedp.Evaluate(`(function(){var e=document.activeElement;return e.tagName+"#"+e.id+"."+e.className+" "+(e.textContent||"").trim().slice(0,60)})()`, &s))
	return s
}

// careEval runs a script that answers true, or fails.
func careEval(b *browser, what, script string) {
	b.t.Helper()
	var ok bool
	b.run(chromedp.Evaluate(script, &ok))
	if !ok {
		b.t.Errorf("%s: %s is not so", what, script)
	}
}

// careUntil waits until the script answers true (the news comes by the
// event stream, in its own time).
func careUntil(b *browser, what, script string) {
	b.t.Helper()
	for range 300 {
		var ok bool
		if err := chromedp.Run(b.ctx, chromedp.Evaluate(script, &ok)); err == nil && ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	b.t.Fatalf("%s: %s never became true", what, script)
}

// TestBrowserAftercareEndNotOkay: Sam (on a 320 px phone) says "I'm not
// okay"; Alex (390 px) taps "We're done" and is asked first, naming Sam,
// and ends anyway. Sam's screen stays, with the grounding help and a note
// that the others moved on. Sam taps "I'm okay now"; the "not okay" on
// Alex's reflect page clears by itself. All by keyboard.
func TestBrowserAftercareEndNotOkay(t *testing.T) {
	s, clock := newAccountServer(t, "open")
	clock.t = time.Now()
	h := s.Handler()
	defer s.Shutdown(context.Background())
	sam, alex, _, _, e := careCircle(t, s, h, tend.Gentle)
	base := "/encounters/" + e.ID
	samB := newBrowser(t, h)
	alexB := samB.another()
	formWidth(samB, 320)
	careSignIn(samB, sam)
	careSignIn(alexB, alex)
	careOpen(samB, e.ID)
	careOpen(alexB, e.ID)

	careKey(samB, `#needs form[data-not-okay] button`)
	careWait(samB, `#grounding-details[open]`)
	careWait(alexB, `#alerts-list .item[data-kind="not-okay"]`)

	// "We're done" asks first, naming Sam, with the focus on the question.
	careKeyAway(alexB, `#end-now button`)
	if p := alexB.path(); p != base+"/aftercare?end=confirm" {
		t.Fatalf("Alex is at %s", p)
	}
	if got := alexB.text("#end-confirm"); !strings.Contains(got, "Sam is not okay yet.") {
		t.Errorf("the question: %q", got)
	}
	if f := careFocused(alexB); !strings.HasPrefix(f, "H2#end-confirm-h") {
		t.Errorf("focus on %q", f)
	}
	alexB.check("45-aftercare-end-confirm")

	formMark(samB)
	careKeyAway(alexB, `#end-confirm button[type=submit]`)
	if p := alexB.path(); p != base {
		t.Fatalf("after ending anyway, Alex is at %s", p)
	}
	if got := alexB.text("#not-okay-note"); !strings.Contains(got, "Sam is not okay yet.") {
		t.Errorf("Alex's reflect page: %q", got)
	}
	alexB.check("46-reflect-not-okay")

	// Sam's screen stays where it is, help and all.
	careUntil(samB, "the note", `document.getElementById("moved-on").textContent.indexOf("Alex ended the aftercare") >= 0`)
	formMarked(samB)
	if p := samB.path(); p != base+"/aftercare" {
		t.Errorf("Sam was moved to %s", p)
	}
	careEval(samB, "grounding help", `document.getElementById("grounding-details").open`)
	careEval(samB, "the way on", `!document.getElementById("end-go").hidden && document.getElementById("end-now").hidden`)
	samB.check("47-aftercare-moved-on")

	careKey(samB, `#needs form[data-okay] button`)
	careUntil(alexB, "the alert clears", `document.getElementById("not-okay-note").children.length === 0`)
	formWaitText(alexB, "#live-note", "Sam is okay now.")
	careEval(samB, "I'm okay now goes", `Array.prototype.every.call(document.querySelectorAll("form[data-okay]"), function(f){return f.hidden})`)
	if f := careFocused(samB); strings.HasPrefix(f, "BODY") {
		t.Errorf("Sam's focus fell to %q", f)
	}
	// Sam goes on when ready.
	careKeyAway(samB, `#moved-on a`)
	if p := samB.path(); p != base {
		t.Errorf("Sam went on to %s", p)
	}
}

// TestBrowserAftercareKeyboard: on 320 px phones, by keyboard. Enter on a
// need, and Enter again at once, and once more later: three needs, the
// focus still on the button. The
// newest request shows at the top for the other, read out, with a buzz,
// and its time; "On my way" keeps the focus in the item. A tick and an
// untick by Enter twice, read out to the other. A custom need too long:
// the error in the form's words, next to it, gone once a need goes
// through. "Not okay" and "okay" clear the other's alert live.
func TestBrowserAftercareKeyboard(t *testing.T) {
	s, clock := newAccountServer(t, "open")
	clock.t = time.Now()
	h := s.Handler()
	defer s.Shutdown(context.Background())
	sam, alex, samID, _, e := careCircle(t, s, h, tend.Gentle)
	samB := newBrowser(t, h)
	alexB := samB.another()
	for b, token := range map[*browser]string{samB: sam, alexB: alex} {
		formWidth(b, 320)
		careSignIn(b, token)
		careOpen(b, e.ID)
	}
	var ok bool
	alexB.run(chromedp.Evaluate(`navigator.vibrate = function (p) { (window.__buzz = window.__buzz || []).push(p); return true; }; true`, &ok))

	// Enter, and Enter again at once (the first still on its way).
	water := `#needs input[value="water"] ~ button`
	careKey(samB, water)
	careEnter(samB)
	careUntil(samB, "two waters", `document.querySelectorAll('#feed-list .item[data-kind="water"]').length === 2`)
	if f := careFocused(samB); !strings.Contains(f, "Water") {
		t.Errorf("after Enter twice the focus is on %q", f)
	}
	careEnter(samB)
	careUntil(samB, "a third, later", `document.querySelectorAll('#feed-list .item[data-kind="water"]').length === 3`)
	sigs, err := s.Encounters.FindSignals(context.Background(), samID, e.ID, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, sig := range sigs {
		if sig.Kind == tend.SignalWater {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d water signals, want 3", n)
	}

	// Alex sees it at the top, hears it, feels it.
	careUntil(alexB, "newest at the top", `(function(){var l=document.getElementById("latest");return !l.hidden && l.querySelectorAll(".item").length===1})()`)
	if got := alexB.text("#latest .says"); got != "Sam would like some water." {
		t.Errorf("newest: %q", got)
	}
	careEval(alexB, "in view", `document.getElementById("latest").getBoundingClientRect().bottom <= innerHeight`)
	careEval(alexB, "its time", `/^\d\d:\d\d$/.test(document.querySelector("#latest time").textContent)`)
	careEval(alexB, "news times", `Array.prototype.every.call(document.querySelectorAll("#feed-list .item"), function(li){return /^\d\d:\d\d$/.test(li.querySelector("time").textContent)})`)
	careUntil(alexB, "read out", `document.getElementById("announce").textContent === "Sam would like some water."`)
	careEval(alexB, "polite", `document.getElementById("announce").getAttribute("role") === "status"`)
	careEval(alexB, "a buzz", `(window.__buzz || []).length > 0`)
	alexB.check("48-aftercare-newest")

	careKey(alexB, `#latest .coming-button`)
	careUntil(samB, "on the way", `document.getElementById("announce").textContent === "Alex is on the way."`)
	careUntil(alexB, "answered", `!document.querySelector("#latest .coming-button")`)
	if f := careFocused(alexB); !strings.HasPrefix(f, "LI#.item") {
		t.Errorf("after On my way the focus is on %q", f)
	}

	// A tick and an untick, Enter twice.
	tick := `.checklist > li:first-child button.tick`
	careKey(alexB, tick)
	careUntil(alexB, "ticked", `document.querySelector("`+tick+`").getAttribute("aria-pressed") === "true"`)
	careUntil(samB, "tick read out", `document.getElementById("announce").textContent.indexOf("Alex ticked off: ") === 0`)
	careEnter(alexB)
	careUntil(alexB, "unticked", `document.querySelector("`+tick+`").getAttribute("aria-pressed") === "false"`)
	if f := careFocused(alexB); !strings.HasPrefix(f, "BUTTON#step-1.tick") {
		t.Errorf("after ticking the focus is on %q", f)
	}

	// Too long a need: the error in words, next to the form, until the
	// next need goes through.
	samB.run(chromedp.Evaluate(`document.getElementById("custom-text").value = "x".repeat(700); true`, &ok))
	careKey(samB, `#custom-text`)
	careUntil(samB, "the error", `!document.getElementById("care-problem").hidden`)
	if got := samB.text("#care-problem"); got != "Something else, in a few words: is 700 characters long; the limit is 200" {
		t.Errorf("error %q", got)
	}
	careEval(samB, "next to the form", `document.getElementById("care-problem").previousElementSibling.classList.contains("custom-need")`)
	samB.check("49-aftercare-error")
	careKey(samB, `#needs input[value="blanket"] ~ button`)
	careUntil(samB, "the error goes", `document.getElementById("care-problem").hidden`)

	// "Not okay", then "okay": Alex's alert comes and goes.
	careKey(samB, `#needs form[data-not-okay] button`)
	careWait(alexB, `#alerts-list .item[data-kind="not-okay"]`)
	careEval(alexB, "assertive", `document.getElementById("alerts").getAttribute("role") === "alert"`)
	careUntil(samB, "I'm okay now shown", `!document.querySelector("#grounding form[data-okay]").hidden`)
	careKey(samB, `#grounding form[data-okay] button`)
	careUntil(alexB, "the alert clears", `document.querySelectorAll("#alerts-list > li").length === 0`)
	careUntil(alexB, "okay read out", `document.getElementById("announce").textContent === "Sam is okay now."`)
	if got := alexB.text(`#feed-list`); !strings.Contains(got, "Sam was not okay.") || !strings.Contains(got, "Sam is okay now.") {
		t.Errorf("Alex's news: %q", got)
	}
	if f := careFocused(samB); !strings.HasPrefix(f, "SUMMARY") {
		t.Errorf("after I'm okay now Sam's focus is on %q", f)
	}
	var wide bool
	alexB.run(chromedp.Evaluate(`document.documentElement.scrollWidth > document.documentElement.clientWidth`, &wide))
	if wide {
		t.Error("the screen scrolls sideways at 320 px")
	}
}

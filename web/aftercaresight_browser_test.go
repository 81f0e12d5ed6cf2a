package web

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/tendcare/tend"
)

// viewShot saves a screenshot of what is on the screen now (not the
// whole page): what the person sees.
func (b *browser) viewShot(name string) {
	b.t.Helper()
	var png []byte
	b.run(chromedp.CaptureScreenshot(&png))
	if err := os.WriteFile(filepath.Join(b.shots, name+"-view.png"), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// sightTop is where the screen's content starts: below the sticky
// header.
const sightTop = `document.querySelector(".top").getBoundingClientRect().bottom`

// sightIn is a script true when what sel matches is wholly on the screen,
// below the sticky header.
func sightIn(sel string) string {
	return `(function(){var e=document.querySelector(` + "`" + sel + "`" + `);if(!e)return false;var r=e.getBoundingClientRect();` +
		`return r.height>0&&r.top>=` + sightTop + `-1&&r.bottom<=innerHeight+1})()`
}

// TestBrowserAftercareInSight: Sam (a 320 px phone) has scrolled down to
// the checklist and ticked a step by keyboard when Alex asks for water:
// nothing Sam is reading moves (even without the browser's own scroll
// anchoring), and a bar at the bottom of Sam's screen says so, clear of
// the focused button; Tab reaches its "On my way", Enter answers, and it
// can be closed. A second request, and "See" takes Sam to it at the top.
// Sam is typing a message further down when Alex says "I'm not okay": the
// alert comes into view, and the focus and every word typed stay in the
// field. Later, Sam on the checklist again, another "not okay" comes into
// view and takes the focus.
func TestBrowserAftercareInSight(t *testing.T) {
	s, clock := newAccountServer(t, "open")
	clock.t = time.Now()
	h := s.Handler()
	defer s.Shutdown(context.Background())
	sam, alex, _, _, e := careCircle(t, s, h, tend.LongDistance)
	samB := newBrowser(t, h)
	alexB := samB.another()
	formWidth(samB, 320)
	careSignIn(samB, sam)
	careSignIn(alexB, alex)
	careOpen(samB, e.ID)
	careOpen(alexB, e.ID)

	// Sam, at the checklist, ticks its last step by keyboard.
	tick := `.checklist > li:last-child button.tick`
	careKey(samB, tick)
	careUntil(samB, "ticked", `document.querySelector("`+tick+`").getAttribute("aria-pressed") === "true"`)
	careEval(samB, "the top out of view", `scrollY > 0 && !`+sightIn("#needs-h"))
	// Without the browser's scroll anchoring, the screen steadies itself.
	careEval(samB, "no anchoring", `(document.documentElement.style.overflowAnchor = document.body.style.overflowAnchor = "none") === "none"`)
	var was float64
	samB.run(chromedp.Evaluate(`document.querySelector("`+tick+`").getBoundingClientRect().top`, &was))

	careKey(alexB, `#needs input[value="water"] ~ button`)
	careUntil(samB, "the bar", `!document.getElementById("care-bar").hidden`)
	var now float64
	samB.run(chromedp.Evaluate(`document.querySelector("`+tick+`").getBoundingClientRect().top`, &now))
	if now < was-1 || now > was+1 {
		t.Errorf("the step Sam was at moved from %v to %v px", was, now)
	}
	careEval(samB, "newest still at the top, out of view", `!document.getElementById("latest").hidden && !`+sightIn("#latest .says"))
	careEval(samB, "the bar on the screen", sightIn("#care-bar"))
	careEval(samB, "the bar clear of the focus", `document.activeElement.matches("`+tick+`") && document.activeElement.getBoundingClientRect().bottom <= document.getElementById("care-bar").getBoundingClientRect().top`)
	if got := samB.text("#care-bar .says"); got != "Alex would like some water." {
		t.Errorf("the bar says %q", got)
	}
	careEval(samB, "its time", `/^\d\d:\d\d$/.test(document.querySelector("#care-bar time").textContent)`)
	careUntil(samB, "read out", `document.getElementById("announce").textContent === "Alex would like some water."`)
	careEval(samB, "a region named", `document.getElementById("care-bar-h").textContent === "Newest request"`)
	samB.viewShot("50-aftercare-bar-320")
	samB.check("50-aftercare-bar-320")
	formWidth(samB, 390)
	careUntil(samB, "the bar at 390", sightIn("#care-bar"))
	samB.viewShot("50-aftercare-bar-390")
	samB.check("50-aftercare-bar-390")
	formWidth(samB, 320)

	// Tab reaches the bar's "On my way"; Enter answers, the focus stays
	// in the bar.
	samB.run(chromedp.Focus(tick, chromedp.ByQuery))
	samB.tabTo(`#care-bar .coming-button`)
	careEnter(samB)
	careUntil(alexB, "Sam on the way", `document.getElementById("announce").textContent === "Sam is on the way."`)
	careUntil(samB, "answered in the bar", `!document.querySelector("#care-bar .coming-button") && document.querySelector("#care-bar .coming").textContent === "You are on your way."`)
	careEval(samB, "the focus in the bar", `document.getElementById("care-bar").contains(document.activeElement)`)
	// Closed: gone, the focus back where it was before the bar.
	samB.tabTo(`#care-bar .care-bar-close`)
	careEnter(samB)
	careUntil(samB, "closed", `document.getElementById("care-bar").hidden`)
	if f := careFocused(samB); strings.HasPrefix(f, "BODY") || strings.Contains(f, "care-bar") {
		t.Errorf("after closing the bar the focus is on %q", f)
	}

	// Another request, while Sam's focus is on a step at the very bottom
	// of the screen: it moves just clear of the bar, and so does the
	// next control Tab reaches. "See" goes to the request, at the top.
	first := `.checklist > li:first-child button.tick`
	careEval(samB, "a step at the bottom", `(function(){var b=document.querySelector("`+first+`");b.focus();scrollBy(0,b.getBoundingClientRect().bottom-innerHeight+4);return document.activeElement===b&&b.getBoundingClientRect().bottom>innerHeight-60})()`)
	careKey(alexB, `#needs input[value="blanket"] ~ button`)
	careUntil(samB, "the bar again", `!document.getElementById("care-bar").hidden && document.querySelector("#care-bar .says").textContent === "Alex would like a blanket."`)
	clearOfBar := `(function(){var r=document.activeElement.getBoundingClientRect();return r.height>0&&r.top>=` + sightTop + `-1&&r.bottom<=document.getElementById("care-bar").getBoundingClientRect().top+1})()`
	careUntil(samB, "the focused step clear of the bar", `document.activeElement.matches("`+first+`") && `+clearOfBar)
	samB.viewShot("50-aftercare-bar-focus-320")
	for range 3 {
		samB.key(kb.Tab)
		careUntil(samB, "the next control clear of the bar", clearOfBar)
	}
	samB.tabTo(`#care-bar .care-bar-ways .secondary`)
	careEnter(samB)
	careUntil(samB, "at the top", sightIn("#latest .says"))
	careEval(samB, "the bar goes", `document.getElementById("care-bar").hidden`)
	if f := careFocused(samB); !strings.HasPrefix(f, "LI#.item") || !strings.Contains(f, "blanket") {
		t.Errorf("after See the focus is on %q", f)
	}

	// Sam types a message, further down; Alex is not okay.
	samB.run(chromedp.SendKeys("#message-text", "back in a mi", chromedp.ByQuery))
	careEval(samB, "the alerts out of view", `(function(){var f=document.getElementById("message-text");scrollBy(0,f.getBoundingClientRect().top-`+sightTop+`-8);return document.getElementById("alerts").getBoundingClientRect().bottom<`+sightTop+`})()`)
	careKey(alexB, `#needs form[data-not-okay] button`)
	careWait(samB, `#alerts-list .item[data-kind="not-okay"]`)
	careUntil(samB, "the alert in view", sightIn(`#alerts-list .item[data-kind="not-okay"]`))
	var kept struct{ Focus, Value string }
	samB.run(chromedp.Evaluate(`({Focus: document.activeElement.id, Value: document.getElementById("message-text").value})`, &kept))
	if kept.Focus != "message-text" || kept.Value != "back in a mi" {
		t.Errorf("Sam was typing; now the focus is on %q and the message is %q", kept.Focus, kept.Value)
	}
	samB.viewShot("51-aftercare-alert-typing-320")
	samB.check("51-aftercare-alert-typing-320")
	samB.key("nute")
	var typed string
	samB.run(chromedp.Value("#message-text", &typed, chromedp.ByQuery))
	if typed != "back in a minute" {
		t.Errorf("typing on: %q", typed)
	}

	// Alex is okay again; Sam goes back to the checklist, and the next
	// "not okay" takes the focus.
	careKey(alexB, `#needs form[data-okay] button`)
	careUntil(samB, "the alert clears", `document.querySelectorAll("#alerts-list > li").length === 0`)
	careKey(samB, tick)
	careUntil(samB, "unticked", `document.querySelector("`+tick+`").getAttribute("aria-pressed") === "false"`)
	careEval(samB, "the alerts out of view", `document.getElementById("alerts").getBoundingClientRect().bottom < `+sightTop)
	careKey(alexB, `#needs form[data-not-okay] button`)
	careUntil(samB, "the second alert in view", sightIn(`#alerts-list .item[data-kind="not-okay"]`))
	if f := careFocused(samB); !strings.HasPrefix(f, "LI#s-") || !strings.Contains(f, "Alex is not okay") {
		t.Errorf("on the checklist, the alert did not take the focus: %q", f)
	}
	samB.viewShot("52-aftercare-alert-checklist-320")
	// Enter from there: Tab goes on to its "On my way".
	samB.key(kb.Tab)
	if f := careFocused(samB); !strings.Contains(f, "coming-button") {
		t.Errorf("Tab from the alert went to %q", f)
	}
}

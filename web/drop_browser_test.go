package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserDropCare: Sam and Alex after an intense encounter, Alex's
// Home open on a 320 px phone. The next day Sam's follow-up comes due;
// Sam answers "I could use some care" and tells Alex. Alex's open Home
// shows the alert without a reload, with what helps Sam, and says the
// inbox changed; Alex taps "Coming over" and Sam's open Home shows it.
// axe finds nothing, at 320 and 390 px, and nothing scrolls sideways.
func TestBrowserDropCare(t *testing.T) {
	p := newFollowupPair(t)
	shareDrop(t, p, true)
	alex := newBrowser(t, p.h)
	alex.signIn("alex")
	alex.setWidth(320)
	alex.open("/")
	if got := alex.text("main"); strings.Contains(got, "is having a low time") {
		t.Fatalf("an alert before any: %q", got)
	}

	f := p.samF[1]
	makeDue(t, p.s, p.clock, f)
	sam := alex.another()
	sam.signIn("sam")
	sam.setWidth(320)
	sam.open("/followups/" + f.ID)
	sam.run(chromedp.Click("#answer-care", chromedp.ByQuery))
	sam.submit(`form[action$="/answer"] button[type=submit]`)
	if got := sam.text("form.drop-tell button"); got != "Tell Alex" {
		t.Fatalf("the offer to tell: %q", got)
	}
	sam.checkWidths("dweb-1-tell")
	sam.submit("form.drop-tell button")
	if got := sam.text("p.drop-told"); !strings.Contains(got, "Alex know") {
		t.Errorf("after telling: %q", got)
	}

	alex.run(chromedp.WaitVisible("section.drops article.drop ul.drop-helps", chromedp.ByQuery))
	if got := alex.text("section.drops article.drop h3"); got != "Sam is having a low time" {
		t.Errorf("the alert: %q", got)
	}
	if got := alex.text("section.drops ul.drop-helps"); !strings.Contains(got, "a message in the morning") || !strings.Contains(got, "a walk together") {
		t.Errorf("what helps Sam: %q", got)
	}
	if got := alex.text("#inbox-note"); got != "Your inbox has changed." {
		t.Errorf("the note: %q", got)
	}
	alex.checkWidths("dweb-2-alert")

	sam.setWidth(320)
	sam.open("/")
	alex.submit(`section.drops button[name="kind"][value="coming"]`)
	if got := alex.text("#flash"); got != "Your answer reached them." {
		t.Errorf("Alex's flash: %q", got)
	}
	sam.run(chromedp.WaitVisible("section.drops article.drop.mine ul.drop-replies", chromedp.ByQuery))
	if got := sam.text("section.drops article.drop.mine ul.drop-replies"); got != "Alex: Coming over" {
		t.Errorf("Sam's Home: %q", got)
	}
	sam.checkWidths("dweb-3-answered")

	sam.setWidth(320)
	sam.open("/settings")
	sam.run(chromedp.ScrollIntoView("#drop-tell-h", chromedp.ByQuery))
	sam.checkWidths("dweb-4-settings")
}

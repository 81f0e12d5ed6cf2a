package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserCircle: two people in two browsers make a circle by an
// invitation link, each with different needs, and both see the same plan,
// with Sam's time alone first and Alex's wish for a cuddle worked through.
func TestBrowserCircle(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	sam := newBrowser(t, s.Handler())
	alex := sam.another()

	sam.signUp("Sam", "sam")
	sam.open("/profile/about")
	sam.fill(map[string]string{"#space_first": "10"})
	sam.submit(`.sticky-save button`)
	sam.open("/circles")
	sam.check("30-circles")
	sam.fill(map[string]string{"#name": "us"})
	sam.submit(`main form button[type=submit]`)
	sam.submit(`form[action$="/invite"] button`)
	link := sam.text(".secret")
	if !strings.Contains(link, "/invites/") {
		t.Fatalf("invitation link: %q", link)
	}
	sam.check("31-circle-invite")

	alex.signUp("Alex", "alex")
	alex.open("/profile/practices?category=touch")
	alex.fill(map[string]string{`select[name="r.cuddle"]`: "need"})
	alex.submit(`.sticky-save button`)
	alex.run(chromedp.Navigate(link), chromedp.WaitReady("body"))
	if got := alex.text("main"); !strings.Contains(got, "“us”") || !strings.Contains(got, "Sam") {
		t.Fatalf("the invitation page: %q", got)
	}
	alex.check("32-invite")
	alex.submit(`form[action$="/accept"] button`)
	if p := alex.path(); !strings.HasPrefix(p, "/circles/") {
		t.Fatalf("after joining: at %s", p)
	}
	circle := strings.SplitN(alex.path(), "?", 2)[0]
	alex.check("33-circle-joined")

	plans := map[string]string{}
	for name, b := range map[string]*browser{"Sam": sam, "Alex": alex} {
		b.open(circle + "?encounter=gentle")
		plans[name] = b.text(`section[aria-labelledby="plan-h"]`)
	}
	if plans["Sam"] != plans["Alex"] {
		t.Errorf("the plans differ:\nSam:\n%s\nAlex:\n%s", plans["Sam"], plans["Alex"])
	}
	for _, want := range []string{"Where needs don't fit yet", "10 minutes", "cuddle", "Alex: a cuddle.", "Sam: 10 minutes alone first."} {
		if !strings.Contains(plans["Sam"], want) {
			t.Errorf("the plan lacks %q:\n%s", want, plans["Sam"])
		}
	}
	// The how-tos and the long parts wait folded, and open by keyboard.
	sam.open(circle + "?encounter=gentle")
	var folds struct{ Howtos, Open, Shares int }
	sam.run(chromedp.Evaluate(`({Howtos: document.querySelectorAll("details.howto").length,
		Open: document.querySelectorAll("details.howto[open], details.fold[open]").length,
		Shares: document.querySelectorAll("details.fold").length})`, &folds))
	if folds.Howtos == 0 || folds.Open != 0 || folds.Shares < 2 {
		t.Errorf("folded parts: %+v, want how-tos, all closed, and at least 2 folds", folds)
	}
	sam.run(chromedp.Focus("details.howto > summary", chromedp.ByQuery))
	sam.key(kb.Enter)
	var opened bool
	sam.run(chromedp.Evaluate(`document.querySelector("details.howto").open`, &opened))
	if !opened {
		t.Errorf("Enter on a how-to's summary did not open it")
	}
	sam.fits("34-circle")
	var height int
	sam.run(chromedp.Evaluate(`document.documentElement.scrollHeight`, &height))
	t.Logf("the circle page at 390 px is %d px high", height)
	sam.check("34-circle")
	// The same link does not work twice.
	sam.run(chromedp.Navigate(link), chromedp.WaitReady("body"))
	if got := sam.text("h1"); got != "Not found" {
		t.Errorf("a used invitation link: %q", got)
	}
}

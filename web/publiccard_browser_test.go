package web

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestBrowserSharedCard: Sam shares a card; a third person, without an
// account, opens the link in their own browser, adds what they need and
// sees the plan for both. axe-core checks the pages; the card is also
// looked at as printed.
func TestBrowserSharedCard(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	sam := newBrowser(t, s.Handler())
	sam.signUp("Sam", "sam")
	sam.open("/profile/practices")
	sam.fill(map[string]string{`select[name="r.water"]`: "need", `select[name="g.blanket"]`: "glad"})
	sam.submit(`.sticky-save button`)
	sam.open("/profile/cards")
	sam.check("40-cards")
	sam.submit(`form[action="/profile/cards"] button`)
	link := sam.text(".secret")
	if !strings.Contains(link, "/c/") {
		t.Fatalf("the card's link: %q", link)
	}
	sam.check("41-cards-made")

	robin := sam.another()
	robin.run(chromedp.Navigate(link), chromedp.WaitReady("body"))
	if got := robin.text("h1"); got != "Sam's aftercare card" {
		t.Fatalf("the card page: %q", got)
	}
	robin.check("42-card")
	robin.fill(map[string]string{"#name": "Robin", `select[name="r.cuddle"]`: "need", `select[name="g.water"]`: "glad"})
	robin.submit(`section[aria-labelledby="visitor-h"] button[type=submit]`)
	// The plan is where the visitor looks: its heading has the focus and
	// is in sight, not far below the card.
	robin.waitFocus("plan-h")
	var inView bool
	robin.run(chromedp.Evaluate(`(function(){const r = document.getElementById("plan-h").getBoundingClientRect();
		return r.top >= 0 && r.bottom <= window.innerHeight})()`, &inView))
	if !inView {
		t.Errorf("after “See a plan for us both” the plan's heading is out of sight")
	}
	plan := robin.text(`section[aria-labelledby="plan-h"]`)
	for _, want := range []string{"Robin: a cuddle.", "Sam: a glass of water."} {
		if !strings.Contains(plan, want) {
			t.Errorf("the plan lacks %q:\n%s", want, plan)
		}
	}
	robin.check("43-card-plan")
	// Printed with the plan shown: the plan, then the card; not the form.
	robin.run(emulation.SetEmulatedMedia().WithMedia("print"))
	var printed struct{ Plan, Card, Form bool }
	robin.run(chromedp.Evaluate(`(function(){
		const shown = sel => { const e = document.querySelector(sel); return !!e && getComputedStyle(e).display !== "none" && e.getBoundingClientRect().height > 0; };
		return {Plan: shown("#plan"), Card: shown("article.shared-card"), Form: shown('section[aria-labelledby="visitor-h"]')};
	})()`, &printed))
	if !printed.Plan || !printed.Card || printed.Form {
		t.Errorf("printing with the plan shown: %+v, want the plan and the card without the form", printed)
	}
	var png0 []byte
	robin.run(chromedp.FullScreenshot(&png0, 100))
	if err := os.WriteFile(filepath.Join(robin.shots, "43-card-plan-print.png"), png0, 0o644); err != nil {
		t.Fatal(err)
	}
	robin.run(emulation.SetEmulatedMedia().WithMedia(""))

	// As printed: one page, the card without the forms.
	robin.run(chromedp.Navigate(link), chromedp.WaitReady("body"),
		emulation.SetEmulatedMedia().WithMedia("print"))
	var shown bool
	robin.run(chromedp.Evaluate(`getComputedStyle(document.querySelector('section[aria-labelledby="visitor-h"]')).display !== "none"`, &shown))
	if shown {
		t.Errorf("the visitor's form shows in print")
	}
	var png []byte
	robin.run(chromedp.FullScreenshot(&png, 100))
	if err := os.WriteFile(filepath.Join(robin.shots, "44-card-print.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
	// An A4 page less 15 mm margins is 180 by 267 mm: at CSS's 96 pixels
	// to the inch, 680 by 1009 pixels. Laid out at that width, the card
	// must fit that height.
	var height int
	robin.run(emulation.SetDeviceMetricsOverride(680, 1009, 1, false),
		chromedp.Evaluate(`Math.ceil(document.querySelector("main").getBoundingClientRect().bottom)`, &height))
	if height > 1009 {
		t.Errorf("the printed card is %d pixels high: more than one A4 page", height)
	}
}

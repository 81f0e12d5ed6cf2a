package web

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserInsights: Sam, with a year of encounters, opens insights on
// a phone: every chart is there with its table, nothing scrolls
// sideways, axe finds nothing in the dark or the light; Sam accepts the
// suggestion about cuddling (dismissing any before it), lands on the
// profile's history, which says why, and the profile has the change.
// Then the circle's insights, and Home's link.
func TestBrowserInsights(t *testing.T) {
	s, clock := newAccountServer(t, "open")
	h := s.Handler()
	sd := seedYear(t, s, h, clock, 24)
	b := newBrowser(t, h)
	b.signIn("sam")

	b.open("/insights")
	var charts int
	b.run(chromedp.Evaluate(`document.querySelectorAll('figure.chart-figure svg[role="img"]').length`, &charts))
	if charts != 6 {
		t.Errorf("charts drawn: got %d, want 6", charts)
	}
	b.checkWidths("insights")

	// Dismiss what comes before the cuddling suggestion, then accept it.
	for range 5 {
		var id string
		b.run(chromedp.AttributeValue(`#suggestion form[action$="/accept"]`, "action", &id, nil, chromedp.ByQuery))
		if strings.Contains(id, "receive.cuddle.like") {
			break
		}
		b.submit(`#suggestion form[action$="/dismiss"] button`)
		if got := b.text("main"); !strings.Contains(got, "won't come back") {
			t.Fatalf("after dismissing: no word of it")
		}
	}
	b.submit(`#suggestion form[action$="/accept"] button`)
	if p := b.path(); !strings.HasPrefix(p, "/profile/history") {
		t.Fatalf("after accepting: at %s", p)
	}
	if got := b.text("tbody tr:first-child"); !strings.Contains(got, "insights") {
		t.Errorf("the newest version does not say why: %q", got)
	}
	b.checkWidths("insights-accepted")
	p, err := s.Profiles.FindProfile(context.Background(), sd.samID)
	if err != nil {
		t.Fatal(err)
	}
	if p.Card.Receive["cuddle"] != "like" {
		t.Errorf("cuddling after accepting: %q", p.Card.Receive["cuddle"])
	}

	b.open("/circles/" + sd.circleID + "/insights")
	b.checkWidths("circle-insights")
	b.run(chromedp.Click(`input[name=count][value=no]`, chromedp.ByQuery))
	b.submit(`form[action$="/insights"] button[type=submit]`)
	if got := b.text("main"); !strings.Contains(got, "kept out of this circle's insights") {
		t.Errorf("after keeping mine out: no word of it")
	}
	b.open("/")
	if got := b.text("main"); !strings.Contains(got, "Insights") {
		t.Errorf("Home does not link to insights")
	}
}

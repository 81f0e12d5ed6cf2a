package web

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/tendcare/tend"
)

// TestBrowserGuides: signed out, someone goes from the list of guides to
// the deck to start the conversation with the keyboard alone, chooses
// an intense encounter with someone new, and shuffles; an address with
// a wrong kind says so, the focus on what was wrong. Signed in, Sam
// (whose profile is empty, in a circle of three, with a first time
// together to check in for) sees the guides linked where they help, and
// opens the check-in's questions by keyboard. axe finds nothing on any
// of these pages, dark or light, at 320 and 390 px, and none scrolls
// sideways.
func TestBrowserGuides(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	samSession, circle, _ := circleOf(t, s, "Alex", "Joey")
	b := newBrowser(t, s.Handler())

	b.open("/guides")
	b.fits("guides-0-list")
	b.checkWidths("guides-0-list")
	b.setWidth(320)
	b.tabTo(`main a[href="/guides/decks/starter"]`)
	b.pressEnter()
	if p := b.path(); p != "/guides/decks/starter" {
		t.Fatalf("from the list: at %s", p)
	}
	b.fits("guides-1-deck")
	b.checkWidths("guides-1-deck")

	b.setWidth(320)
	b.tabTo("#encounter")
	b.key(kb.ArrowDown) // Gentle to Intense
	b.tabTo("#casual")
	b.key(" ")
	b.tabTo(`form[action="/guides/decks/starter"] button[type=submit]`)
	b.keySubmit()
	if p := b.path(); p != "/guides/decks/starter?encounter=intense&casual=yes" {
		t.Fatalf("the form: at %s", p)
	}
	if got := b.text("#questions-h"); got != "For intense encounters, with someone new" {
		t.Errorf("the questions' heading: %q", got)
	}
	b.tabTo(`main a.button`)
	b.pressEnter()
	if p := b.path(); p != "/guides/decks/starter?casual=yes&encounter=intense&seed=5" {
		t.Fatalf("shuffled: at %s", p)
	}
	b.checkWidths("guides-2-deck-shuffled")

	b.open("/guides/decks/starter?encounter=sleepy&group=maybe")
	b.waitFocus("problem")
	if got := b.describedBy("encounter"); !strings.Contains(got, "pick one from the list") {
		t.Errorf("the kind's message: %q", got)
	}
	b.describedBy("group")
	b.fits("guides-3-deck-mistake")
	b.checkWidths("guides-3-deck-mistake")

	b.open("/guides/starting-the-conversation")
	b.fits("guides-4-guide")
	b.checkWidths("guides-4-guide")

	// Signed in: the links where they help.
	sam := sessionPerson(t, s, samSession)
	e, err := s.Encounters.CreateEncounter(context.Background(), sam, tend.NewEncounter{CircleID: circle, Kind: tend.FirstTime})
	if err != nil {
		t.Fatal(err)
	}
	token, _, err := s.CardShares.CreateCardShare(context.Background(), sam, tend.ShareLevels, nil, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	b.open("/c/" + token)
	b.fits("guides-8-public-card")
	b.checkWidths("guides-8-public-card")
	b.signIn("sam")
	for _, page := range []struct{ path, link, shot string }{
		{"/", "/guides/starting-the-conversation", "guides-5-home"},
		{"/profile", "/guides/starting-the-conversation", "guides-6-profile"},
		{"/circles/" + circle, "/guides/groups", "guides-7-circle"},
		{"/profile/cards", "/guides/casual", "guides-8-cards"},
		{"/c/" + token, "/guides/casual", "guides-8-public-card-signed-in"},
	} {
		b.open(page.path)
		var n int
		b.run(chromedp.Evaluate(`document.querySelectorAll('main a[href="`+page.link+`"]').length`, &n))
		if n != 1 {
			t.Errorf("%s: %d links to %s", page.path, n, page.link)
		}
		b.fits(page.shot)
		b.checkWidths(page.shot)
	}

	b.open("/encounters/" + e.ID)
	b.setWidth(320)
	b.tabTo("details.check-in-deck summary")
	b.key(kb.Enter)
	var open bool
	b.run(chromedp.Evaluate(`document.querySelector("details.check-in-deck").open`, &open))
	if !open {
		t.Fatalf("Enter on the summary did not open the questions")
	}
	b.tabTo("details.check-in-deck a")
	var href string
	b.run(chromedp.Evaluate(`document.activeElement.getAttribute("href")`, &href))
	if u, err := url.Parse(href); err != nil || u.Path != "/guides/decks/starter" || u.Query().Get("encounter") != "first-time" {
		t.Errorf("the link to more questions: %q", href)
	}
	b.fits("guides-9-checkin")
	b.checkWidths("guides-9-checkin")
}

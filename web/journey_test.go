package web

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/tendcare/tend"
)

// TestBrowserJourney walks journey step 1 in a real browser at phone
// size: sign up, build a profile, see the solo plan, download the card,
// leave by quick exit, sign out. axe-core checks every page on the way.
func TestBrowserJourney(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	b := newBrowser(t, s.Handler())

	b.open("/")
	b.check("01-welcome")
	b.submit(`a[href="/signup"]`)
	b.fill(map[string]string{"#display_name": "Sam", "#username": "sam", "#password": "correct horse battery", "#password_again": "correct horse batterie", "#time_zone": "Europe/Berlin"})
	b.submit(`main form button[type=submit]`)
	if got := b.text("#problem"); !strings.Contains(got, "not the same") {
		t.Errorf("mismatched passwords: got %q", got)
	}
	b.check("02-signup-mistake")
	b.fill(map[string]string{"#password": "correct horse battery", "#password_again": "correct horse battery"})
	b.submit(`main form button[type=submit]`)
	if p := b.path(); !strings.HasPrefix(p, "/profile") {
		t.Fatalf("after sign-up: at %s, want the profile", p)
	}
	b.check("03-profile-new")

	b.open("/profile/practices")
	b.fill(map[string]string{`select[name="r.water"]`: "need", `select[name="g.water"]`: "glad", `select[name="r.blanket"]`: "like", `input[name="c.water"]`: "Cold, please"})
	b.check("04-practices")
	b.submit(`.sticky-save button`)
	if got := b.text(".flash"); !strings.Contains(got, "Saved") {
		t.Errorf("saving practices: flash %q", got)
	}
	// The live filter hides what does not match, without a round trip.
	b.run(chromedp.SendKeys("#q", "blank", chromedp.ByQuery))
	var hidden bool
	b.run(chromedp.Poll(`document.querySelector('fieldset[data-text^="A glass of water"]').hidden`, &hidden))

	b.open("/profile/practices?category=touch")
	b.fill(map[string]string{`select[name="r.cuddle"]`: "need", `select[name="g.cuddle"]`: "willing"})
	// Leaving with unsaved choices asks first; staying keeps them.
	b.run(chromedp.Click(`fieldset[data-text^="A cuddle"] summary`, chromedp.ByQuery),
		chromedp.SendKeys(`input[name="c.cuddle"]`, "Big spoon", chromedp.ByQuery))
	asked := make(chan cdppage.DialogType, 1)
	chromedp.ListenTarget(b.ctx, func(ev any) {
		if e, ok := ev.(*cdppage.EventJavascriptDialogOpening); ok {
			asked <- e.Type
			go chromedp.Run(b.ctx, cdppage.HandleJavaScriptDialog(false))
		}
	})
	b.run(chromedp.Click(`a[href="/profile/practices?category=words"]`, chromedp.ByQuery))
	select {
	case typ := <-asked:
		if typ != cdppage.DialogTypeBeforeunload {
			t.Errorf("leaving unsaved choices: a %s dialog", typ)
		}
	case <-time.After(5 * time.Second):
		t.Errorf("leaving unsaved choices did not ask")
	}
	if p := b.path(); p != "/profile/practices?category=touch" {
		t.Errorf("after choosing to stay: at %s", p)
	}
	b.submit(`.sticky-save button`)

	b.open("/profile/practices?kind=intense")
	b.fill(map[string]string{"#minutes": "45", `select[name="r.blanket"]`: "need"})
	b.check("05-practices-intense")
	b.submit(`.sticky-save button`)

	b.open("/profile/about")
	b.fill(map[string]string{"#notes": "I go quiet for a while; it isn't about you.", "#avoid": "Leaving straight away", "#space_first": "10", "#drop_helps": "A message the next day"})
	b.submit(`.sticky-save button`)
	if got := b.text("#problem"); !strings.Contains(got, "pick when it tends to come") {
		t.Errorf("what helps with drop, but not when: got %q", got)
	}
	b.check("06-about-mistake")
	b.run(chromedp.Click(`input[name="drop_when"][value="next-day"]`, chromedp.ByQuery))
	b.submit(`.sticky-save button`)
	if got := b.text(".flash"); !strings.Contains(got, "Saved") {
		t.Errorf("saving about: flash %q", got)
	}

	b.open("/profile/own")
	b.fill(map[string]string{"#title": "Our song on repeat", "#r": "like"})
	b.run(chromedp.Click(`input[name="mode"][value="together"]`, chromedp.ByQuery))
	b.submit(`form[action="/profile/own/add"] button`)
	b.check("07-own")

	b.open("/profile")
	plan := b.text("#main")
	for _, want := range []string{"A glass of water", "10 minutes", "A message the next day"} {
		if !strings.Contains(plan, want) {
			t.Errorf("the profile page lacks %q:\n%s", want, plan)
		}
	}
	b.check("08-profile-plan")

	b.open("/profile/history")
	b.check("09-history")
	b.submit(`table a`)
	b.check("10-version")

	// Download the card, and read it back as a card file.
	b.run(cdpbrowser.SetDownloadBehavior(cdpbrowser.SetDownloadBehaviorBehaviorAllowAndName).WithDownloadPath(b.download).WithEventsEnabled(true))
	b.open("/profile")
	b.run(chromedp.Click(`a[href="/api/v1/profile/card"]`, chromedp.ByQuery))
	card := waitForDownload(t, b.download)
	c, _, err := tend.ParseCard("download", card, s.Catalog)
	if err != nil {
		t.Fatalf("the downloaded card does not read back: %v", err)
	}
	if c.Name != "Sam" || c.Receive["water"] != tend.Need || c.Comments["water"] != "Cold, please" || c.SpaceFirstMinutes != 10 {
		t.Errorf("downloaded card: %+v", c)
	}

	b.open("/profile/import")
	b.check("11-import")
	b.open("/settings")
	b.check("12-settings")
	b.open("/settings/devices")
	b.check("13-devices")
	b.open("/settings/tokens")
	b.fill(map[string]string{"#name": "backup script"})
	b.submit(`main form button[type=submit]`)
	if got := b.text(".secret"); !strings.HasPrefix(got, tend.APITokenPrefix) {
		t.Errorf("new token: got %q", got)
	}
	b.check("14-tokens")
	b.open("/settings/account")
	b.check("15-account")

	// Quick exit: one tap, and the page is gone from the history.
	b.open("/profile")
	var before, after int
	b.run(chromedp.Evaluate(`history.length`, &before))
	b.submit(`[data-quick-exit]`)
	b.run(chromedp.Evaluate(`history.length`, &after))
	if p := b.path(); p != "/away" || after != before {
		t.Errorf("quick exit: at %s with %d history entries (was %d), want /away replacing the page", p, after, before)
	}
	if title := b.text("h1"); strings.Contains(strings.ToLower(title), "tend") {
		t.Errorf("the quick exit page says %q", title)
	}
	b.check("16-away")

	b.open("/")
	b.submit(`footer button`)
	if p := b.path(); p != "/signin" {
		t.Errorf("after signing out: at %s", p)
	}
	b.check("17-signin")
	b.open("/profile")
	if p := b.path(); !strings.HasPrefix(p, "/signin") {
		t.Errorf("signed out, /profile went to %s", p)
	}
}

// waitForDownload waits for one finished file in dir and returns it.
func waitForDownload(t *testing.T, dir string) []byte {
	t.Helper()
	for range 200 {
		names, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, n := range names {
			if !strings.HasSuffix(n, ".crdownload") {
				if data, err := os.ReadFile(n); err == nil && len(data) > 0 {
					return data
				}
			}
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatal("no download arrived")
	return nil
}

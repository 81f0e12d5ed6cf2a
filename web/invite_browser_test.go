package web

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// widths are the phone widths pages are looked at: the narrowest
// common one, and a usual one.
var widths = []int{320, 390}

// checkWidths runs axe and takes screenshots at each phone width, and
// fails if the page scrolls sideways at any of them.
func (b *browser) checkWidths(name string) {
	b.t.Helper()
	for _, w := range widths {
		b.run(emulation.SetDeviceMetricsOverride(int64(w), 844, 1, true))
		var wide int
		b.run(chromedp.Evaluate(`document.documentElement.scrollWidth`, &wide))
		if wide > w {
			b.t.Errorf("%s: %d pixels wide at %d: it scrolls sideways", name, wide, w)
		}
		b.check(fmt.Sprintf("%s-%d", name, w))
	}
}

// tabTo presses Tab, as someone using the keyboard alone does, until sel
// has the focus.
func (b *browser) tabTo(sel string) {
	b.t.Helper()
	for range 40 {
		b.run(chromedp.KeyEvent(kb.Tab))
		var there bool
		b.run(chromedp.Evaluate(fmt.Sprintf(`document.activeElement && document.activeElement.matches(%q)`, sel), &there))
		if there {
			return
		}
	}
	b.t.Fatalf("Tab never reaches %s", sel)
}

// press presses Enter on what has the focus and waits for the next page.
func (b *browser) pressEnter() {
	b.t.Helper()
	var ok bool
	b.run(chromedp.Evaluate(`window.__oldPage = true`, &ok), chromedp.KeyEvent(kb.Enter))
	b.waitNewPage()
}

// TestBrowserInviteSignup: on a server that takes new accounts by
// invitation only, someone signed out opens an invitation, makes an
// account, comes back to it and joins; someone with an account signs in
// from another invitation, comes back and joins. Keyboard only.
func TestBrowserInviteSignup(t *testing.T) {
	s, _ := newAccountServer(t, "invite")
	_, c, token := invitingCircle(t, s)
	kim := newBrowser(t, s.Handler())

	kim.open("/invites/" + token)
	if got := kim.text("main p"); got != "Sam invites you to join “us”, a circle on Tend." {
		t.Fatalf("the invitation, signed out: %q", got)
	}
	kim.checkWidths("62-invite-signed-out")
	kim.tabTo(`main a[href^="/signup"]`)
	kim.pressEnter()
	if p := kim.path(); !strings.HasPrefix(p, "/signup?next=") {
		t.Fatalf("make an account: at %s", p)
	}
	kim.checkWidths("63-signup-invited")
	kim.fill(map[string]string{"#display_name": "Kim", "#username": "kim", "#password": "correct horse battery", "#password_again": "correct horse battery"})
	kim.tabTo("#password_again")
	kim.pressEnter()
	// The welcome shows, and its ?done= leaves the address (flash.js).
	if p := kim.path(); p != "/invites/"+token || !strings.Contains(kim.text(".flash"), "here is your invitation") {
		t.Fatalf("after signing up: at %s (%s)", p, kim.text("main"))
	}
	kim.checkWidths("64-invite-signed-up")
	kim.tabTo(`form[action$="/accept"] button`)
	kim.pressEnter()
	if p := kim.path(); !strings.HasPrefix(p, "/circles/"+c.ID) || !strings.Contains(kim.text("main"), "Kim") {
		t.Fatalf("after joining: at %s", p)
	}

	// Someone with an account signs in from an invitation.
	sam, err := s.People.FindPersonByUsername(t.Context(), "sam")
	if err != nil {
		t.Fatal(err)
	}
	again, _, err := s.Circles.CreateInvite(t.Context(), sam.ID, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	mustAccount(t, s, "lee", "Lee")
	lee := kim.another()
	lee.open("/invites/" + again)
	lee.tabTo(`main a[href^="/signin"]`)
	lee.pressEnter()
	lee.checkWidths("65-signin-invited")
	lee.fill(map[string]string{"#username": "lee", "#password": "correct horse battery"})
	lee.tabTo("#password")
	lee.pressEnter()
	if p := lee.path(); p != "/invites/"+again {
		t.Fatalf("after signing in: at %s (%s)", p, lee.text("main"))
	}
	lee.tabTo(`form[action$="/accept"] button`)
	lee.pressEnter()
	if p := lee.path(); !strings.HasPrefix(p, "/circles/"+c.ID) {
		t.Fatalf("after joining: at %s", p)
	}
	joined, err := s.Circles.FindCircle(t.Context(), sam.ID, c.ID)
	if err != nil || len(joined.Members) != 4 {
		t.Fatalf("the circle: %v %v", joined, err)
	}
}

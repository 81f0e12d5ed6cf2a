package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/tendcare/tend"
)

// careSignIn signs a browser in with a session made through the store.
func careSignIn(b *browser, token string) {
	b.t.Helper()
	b.run(network.SetCookie("tend", token).WithURL(b.base).WithPath("/").WithHTTPOnly(true))
}

// careWait waits for an element matching sel (never a fixed sleep).
func careWait(b *browser, sel string) {
	b.t.Helper()
	b.run(chromedp.WaitReady(sel, chromedp.ByQuery))
}

// careClick clicks what sel matches, without waiting for a new page
// (the script sends it with fetch).
func careClick(b *browser, sel string) {
	b.t.Helper()
	b.run(chromedp.Click(sel, chromedp.ByQuery))
}

// careOpen opens the aftercare screen and waits until it is live.
func careOpen(b *browser, id string) {
	b.t.Helper()
	b.open("/encounters/" + id + "/aftercare")
	careWait(b, `#care[data-live="open"]`)
}

// careJoin adds a third person, Kim, to the encounter's circle before it
// starts; it returns Kim's session.
func careJoin(t *testing.T, s *Server, h http.Handler, samID, circleID string) (string, string) {
	t.Helper()
	ctx := context.Background()
	do(t, h, call{method: "POST", path: "/api/v1/signup", body: `{"display_name": "Kim", "username": "kim", "password": "kim's good password"}`})
	cred, err := s.Credentials.FindCredentials(ctx, "kim")
	if err != nil {
		t.Fatal(err)
	}
	kim, _, err := s.Sessions.CreateSession(ctx, cred.PersonID, "test")
	if err != nil {
		t.Fatal(err)
	}
	inv, _, err := s.Circles.CreateInvite(ctx, samID, circleID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Circles.AcceptInvite(ctx, inv, cred.PersonID); err != nil {
		t.Fatal(err)
	}
	return kim, cred.PersonID
}

// TestBrowserAftercareThree: three people on three phones. A need tapped
// on one appears on the other two, an answer comes back, a tick shows
// everywhere, and a screen that dropped catches up when it reconnects.
func TestBrowserAftercareThree(t *testing.T) {
	s, clock := newAccountServer(t, "open")
	// The timer counts in the browser's time: the aftercare begins now.
	clock.t = time.Now()
	h := s.Handler()
	defer s.Shutdown(context.Background())
	ctx := context.Background()
	sam, alex, samID, _, pair := careCircle(t, s, h, tend.Gentle)
	kim, _ := careJoin(t, s, h, samID, pair.CircleID)
	e := careStart(t, s, samID, tend.NewEncounter{CircleID: pair.CircleID, Kind: tend.Intense, Minutes: 30})
	if len(e.Members) != 3 {
		t.Fatalf("%d members", len(e.Members))
	}

	samB := newBrowser(t, h)
	alexB, kimB := samB.another(), samB.another()
	for b, token := range map[*browser]string{samB: sam, alexB: alex, kimB: kim} {
		careSignIn(b, token)
		careOpen(b, e.ID)
	}
	if got := samB.text("h1"); got != "Aftercare" {
		t.Fatalf("Sam's screen: %q", got)
	}

	// Sam asks for water; Alex and Kim see it.
	careClick(samB, `#needs input[value="water"] ~ button`)
	water := `#feed-list .item[data-kind="water"]`
	for _, b := range []*browser{alexB, kimB} {
		careWait(b, water+` .coming-button`)
		if got := b.text(water + " .says"); got != "Sam would like some water." {
			t.Errorf("the need: %q", got)
		}
	}
	careWait(samB, water)
	if got := samB.text(water + " .says"); got != "You asked for water." {
		t.Errorf("Sam's own need: %q", got)
	}
	// Alex answers; Sam sees it, and Alex's button is gone.
	careClick(alexB, water+` .coming-button`)
	careWait(samB, water+` .coming li`)
	if got := samB.text(water + " .coming"); !strings.Contains(got, "Alex is on the way.") {
		t.Errorf("Sam sees %q", got)
	}
	careWait(kimB, water+` .coming li`)
	careWait(alexB, water+` .coming li`)
	var left int
	alexB.run(chromedp.Evaluate(`document.querySelectorAll('`+water+` .coming-button').length`, &left))
	if left != 0 {
		t.Error("Alex's 'On my way' button is still there")
	}

	// Kim ticks the first step; Sam and Alex see it ticked.
	first := `.checklist > li:first-child`
	careClick(kimB, first+` button.tick`)
	for _, b := range []*browser{samB, alexB} {
		careWait(b, first+` button.tick[aria-pressed="true"]`)
		if got := b.text(first + " .by"); got != "Done (Kim)" {
			t.Errorf("ticked by %q", got)
		}
	}
	samB.check("40-aftercare")

	// Kim's screen drops; while it is down Sam asks for a blanket, which
	// Kim's screen shows once it has reconnected.
	kimSession, err := s.Sessions.FindSessionByToken(ctx, kim)
	if err != nil {
		t.Fatal(err)
	}
	s.live.CloseScreens(kimSession.PersonID)
	careWait(kimB, `#care[data-live="down"]`)
	// Stored straight into the store: what it tells reaches the screens.
	if _, err := s.Encounters.AddSignal(ctx, samID, e.ID, &tend.Signal{Kind: tend.SignalBlanket}); err != nil {
		t.Fatal(err)
	}
	careWait(kimB, `#feed-list .item[data-kind="blanket"]`)
	careWait(kimB, `#care[data-live="open"]`)
	if got := kimB.text(`#feed-list .item[data-kind="blanket"] .says`); got != "Sam would like a blanket." {
		t.Errorf("after reconnecting: %q", got)
	}
	var count int
	kimB.run(chromedp.Evaluate(`document.querySelectorAll('#feed-list .item[data-kind="blanket"]').length`, &count))
	if count != 1 {
		t.Errorf("the blanket shows %d times", count)
	}
}

// TestBrowserAftercarePair: the basics for two, and "I'm not okay":
// grounding help for the one who said it, an alert for the other.
func TestBrowserAftercarePair(t *testing.T) {
	s, clock := newAccountServer(t, "open")
	// The timer counts in the browser's time: the aftercare begins now.
	clock.t = time.Now()
	h := s.Handler()
	defer s.Shutdown(context.Background())
	sam, alex, _, _, e := careCircle(t, s, h, tend.Gentle)
	samB := newBrowser(t, h)
	alexB := samB.another()
	careSignIn(samB, sam)
	careSignIn(alexB, alex)
	careOpen(samB, e.ID)
	careOpen(alexB, e.ID)

	careClick(alexB, `#needs input[value="hold"] ~ button`)
	careWait(samB, `#feed-list .item[data-kind="hold"] .coming-button`)
	careClick(samB, `#feed-list .item[data-kind="hold"] .coming-button`)
	careWait(alexB, `#feed-list .item[data-kind="hold"] .coming li`)

	careClick(alexB, `#needs input[value="not-okay"] ~ button`)
	careWait(alexB, `#grounding-details[open]`)
	careWait(samB, `#alerts-list .item[data-kind="not-okay"] .coming-button`)
	if got := samB.text(`#alerts .says`); !strings.Contains(got, "Alex is not okay") {
		t.Errorf("Sam's alert: %q", got)
	}
	var role string
	samB.run(chromedp.Evaluate(`document.querySelector('#alerts-list').closest('[role]').getAttribute('role')`, &role))
	if role != "alert" {
		t.Errorf("the alert's region has role %q", role)
	}
	alexB.check("41-aftercare-grounding")
	samB.check("42-aftercare-alert")
	// The grounding help says the same, live and after a reload, and
	// "I'm okay now" takes who has been told away.
	var live, reloaded string
	alexB.run(chromedp.Evaluate(`document.querySelector("#grounding-details > p").innerText`, &live))
	careOpen(alexB, e.ID)
	alexB.run(chromedp.Evaluate(`document.querySelector("#grounding-details > p").innerText`, &reloaded))
	if !strings.HasSuffix(live, " Sam has been told.") || live != reloaded {
		t.Errorf("the grounding help says, live: %q; after a reload: %q", live, reloaded)
	}
	careClick(alexB, `#needs form[data-okay] button`)
	careUntil(alexB, "okay", `document.getElementById("grounding-told").hidden`)

	// Without a script, the same forms work and the screen comes back,
	// at what was sent.
	samB.run(emulation.SetScriptExecutionDisabled(true))
	samB.open("/encounters/" + e.ID + "/aftercare")
	samB.fill(map[string]string{"#custom-text": "my glasses"})
	samB.submit(`.custom-need button`)
	if p := samB.path(); p != "/encounters/"+e.ID+"/aftercare" {
		t.Errorf("after the form: at %s", p)
	}
	var at struct{ Hash, Focus string }
	samB.run(chromedp.Evaluate(`({Hash: location.hash, Focus: document.activeElement.id})`, &at))
	if !strings.HasPrefix(at.Hash, "#s-") || at.Focus != at.Hash[1:] {
		t.Errorf("back at %+v: the focus is not on what was sent", at)
	}
	samB.run(emulation.SetScriptExecutionDisabled(false))
	careWait(alexB, `#feed-list .item[data-kind="custom"]`)
	if got := alexB.text(`#feed-list .item[data-kind="custom"] .says`); got != "Sam would like: my glasses" {
		t.Errorf("custom need: %q", got)
	}
}

// TestBrowserAftercareVariants: the solo and the long-distance screens.
func TestBrowserAftercareVariants(t *testing.T) {
	s, clock := newAccountServer(t, "open")
	// The timer counts in the browser's time: the aftercare begins now.
	clock.t = time.Now()
	h := s.Handler()
	defer s.Shutdown(context.Background())
	sam, alex, samID, _, e := careCircle(t, s, h, tend.LongDistance)
	samB := newBrowser(t, h)
	alexB := samB.another()
	careSignIn(samB, sam)
	careSignIn(alexB, alex)
	careOpen(samB, e.ID)
	careOpen(alexB, e.ID)
	samB.fill(map[string]string{"#message-text": "back in a minute"})
	careClick(samB, `form.message button`)
	careWait(alexB, `#feed-list .item[data-kind="message"]`)
	if got := alexB.text(`#feed-list .item[data-kind="message"] .says`); got != "Sam: back in a minute" {
		t.Errorf("message: %q", got)
	}
	alexB.check("44-aftercare-long-distance")

	careNeedsOf(t, h, sam, "water", "blanket")
	solo := careStart(t, s, samID, tend.NewEncounter{Kind: tend.Solo, Minutes: 15})
	careOpen(samB, solo.ID)
	if got := samB.text("h1"); got != "Time for yourself" {
		t.Errorf("solo: %q", got)
	}
	careClick(samB, `#needs input[value="not-okay"] ~ button`)
	careWait(samB, `#grounding-details[open]`)
	samB.check("43-aftercare-solo")
}

package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tendcare/tend"
)

// TestBrowserAftercareHeight: a full plan for two on a phone. The screen
// is measured at 320 and 390 px wide (the numbers are logged, for the
// record: how-tos on demand keep it short); it must not scroll sideways
// and must stay within a generous bound. A how-to opens by keyboard.
func TestBrowserAftercareHeight(t *testing.T) {
	s, clock := newAccountServer(t, "open")
	clock.t = time.Now()
	h := s.Handler()
	defer s.Shutdown(context.Background())
	sam, alex, samID, _, e := careCircle(t, s, h, tend.Gentle)
	if _, err := s.Circles.SetShare(context.Background(), samID, e.CircleID, tend.ShareLevels, nil); err != nil {
		t.Fatal(err)
	}
	alexNeeds := []string{"water", "cuddle", "blanket", "massage", "affirm", "talk-feelings", "warm-drink"}
	samNeeds := []string{"snack", "stroke-hair", "appreciate", "breathe-together", "rest"}
	careGiveTake(t, h, alex, alexNeeds, samNeeds)
	careGiveTake(t, h, sam, samNeeds, alexNeeds)
	b := newBrowser(t, h)
	careSignIn(b, sam)
	for _, w := range []int64{390, 320} {
		formWidth(b, w)
		careOpen(b, e.ID)
		var m struct{ Height, Wide, Steps int }
		b.run(chromedp.Evaluate(`({Height: document.documentElement.scrollHeight,
			Wide: document.documentElement.scrollWidth - document.documentElement.clientWidth,
			Steps: document.querySelectorAll(".checklist > li").length})`, &m))
		t.Logf("aftercare screen at %d px: %d px high, %d steps", w, m.Height, m.Steps)
		if m.Steps < 6 {
			t.Errorf("only %d steps: not a full plan", m.Steps)
		}
		if m.Wide > 0 {
			t.Errorf("at %d px the screen scrolls sideways by %d px", w, m.Wide)
		}
		if m.Height > 4500 {
			t.Errorf("at %d px the screen is %d px high", w, m.Height)
		}
	}
	b.check("4a-aftercare-full-plan")

	// A how-to opens by keyboard, and says how.
	careKey(b, `.checklist > li:first-child details.howto summary`)
	careUntil(b, "how-to open", `document.querySelector(".checklist > li:first-child details.howto").open`)
}

// careGiveTake sets what the person needs and is glad to give.
func careGiveTake(t *testing.T, h http.Handler, session string, need, give []string) {
	t.Helper()
	form := url.Values{}
	for _, p := range need {
		form.Add("p", p)
		form.Set("r."+p, "need")
	}
	for _, p := range give {
		form.Add("p", p)
		form.Set("g."+p, "glad")
	}
	if got := browse(t, h, "POST", "/profile/practices", session, form); got.status != http.StatusSeeOther {
		t.Fatalf("profile: %d %s", got.status, got.find("#problem"))
	}
}

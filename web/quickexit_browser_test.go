package web

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/tendcare/tend"
)

// back goes one step back in the history, as the browser's Back button
// does, without waiting for the page to load.
func (b *browser) back() {
	b.t.Helper()
	b.run(chromedp.ActionFunc(func(ctx context.Context) error {
		at, entries, err := cdppage.GetNavigationHistory().Do(ctx)
		if err != nil {
			return err
		}
		return cdppage.NavigateToHistoryEntry(entries[at-1].ID).Do(ctx)
	}))
}

// waitPath waits until a new page (not the one open when mark was
// called) is loaded at the path.
func (b *browser) waitPath(want string) {
	b.t.Helper()
	for range 300 {
		var there bool
		if err := chromedp.Run(b.ctx, chromedp.Evaluate(`!window.__oldPage && location.pathname === "`+want+`" && document.readyState === "complete"`, &there)); err == nil && there {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	b.t.Fatalf("never at %s (at %s)", want, b.path())
}

// mark marks the page open now, for waitPath.
func (b *browser) mark() {
	b.t.Helper()
	var ok bool
	b.run(chromedp.Evaluate(`window.__oldPage = true`, &ok))
}

// TestBrowserQuickExitBack: Sam goes from the profile to the aftercare
// screen and leaves by Escape twice. Back does not show the profile: the
// page goes on to the blank page, and nothing of it is ever painted (each
// page reports, as it goes, whether it had its first contentful paint
// and whether its body began while it was not hidden; the server takes its
// time with the blank page, so a page that would be painted is). Back again, the same. A page shown again from the
// browser's page cache goes too. Opening Tend afresh, by its address,
// shows it again. Every page is sent with Cache-Control: no-store.
func TestBrowserQuickExitBack(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	inner := s.Handler()
	var slow atomic.Bool
	var mu sync.Mutex
	var reports []shownReport
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/test-report":
			var rep shownReport
			if err := json.NewDecoder(r.Body).Decode(&rep); err == nil {
				mu.Lock()
				reports = append(reports, rep)
				mu.Unlock()
			}
			return
		case r.URL.Path == "/away" && slow.Load():
			time.Sleep(600 * time.Millisecond)
		}
		inner.ServeHTTP(w, r)
	})
	b := newBrowser(t, h)
	b.setWidth(320)
	b.signUp("Sam", "sam")
	c, err := s.Credentials.FindCredentials(context.Background(), "sam")
	if err != nil {
		t.Fatal(err)
	}
	e := careStart(t, s, c.PersonID, tend.NewEncounter{Kind: tend.Solo})
	// Every page from now on says, as it goes, whether it was painted.
	b.run(chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := cdppage.AddScriptToEvaluateOnNewDocument(`(function () {
			var atBody = null;
			new MutationObserver(function (m, o) {
				if (document.body && atBody === null) { atBody = document.documentElement.hidden; o.disconnect(); }
			}).observe(document, {childList: true, subtree: true});
			addEventListener("pagehide", function () {
				navigator.sendBeacon("/test-report", JSON.stringify({Path: location.pathname, BodyShown: atBody === false,
					Painted: performance.getEntriesByName("first-contentful-paint").length, Hidden: document.documentElement.hidden}));
			});
		})();`).Do(ctx)
		return err
	}))

	b.open("/profile")
	var cache string
	b.run(chromedp.Evaluate(`fetch("/profile").then(r => r.headers.get("Cache-Control"))`, &cache, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
	if cache != "no-store" {
		t.Errorf("the profile is sent with Cache-Control %q", cache)
	}
	b.open("/encounters/" + e.ID + "/aftercare")
	b.mark()
	b.key(kb.Escape)
	b.key(kb.Escape)
	b.waitPath("/away")

	// Back: the profile's page loads, hidden, and goes on to the blank
	// page before it is ever painted.
	slow.Store(true)
	mu.Lock()
	reports = nil
	mu.Unlock()
	b.mark()
	b.back()
	b.waitPath("/away")
	if got := b.text("h1"); got != "New tab" {
		t.Errorf("after Back: %q", got)
	}
	b.viewShot("18-back-after-quick-exit-320")
	found := false
	for range 100 {
		mu.Lock()
		for _, r := range reports {
			if r.Path == "/profile" {
				found = true
				if r.Painted != 0 || !r.Hidden || r.BodyShown {
					t.Errorf("Back after the quick exit showed the profile: %+v", r)
				}
			}
		}
		mu.Unlock()
		if found {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !found {
		t.Error("Back after the quick exit never loaded the profile's page")
	}

	// Back again: the page before the profile goes too.
	b.mark()
	b.back()
	b.waitPath("/away")
	slow.Store(false)

	// Opened afresh by its address, Tend shows again, and the mark is
	// gone; a page shown again from the page cache after a quick exit
	// goes at once.
	b.open("/profile")
	if got := b.text("h1"); got == "" || got == "New tab" {
		t.Errorf("opened afresh, the profile shows %q", got)
	}
	var mark string
	b.run(chromedp.Evaluate(`String(sessionStorage.getItem("tend-left"))`, &mark))
	if mark != "null" {
		t.Errorf("opened afresh, the quick exit's mark is still %q", mark)
	}
	b.mark()
	var ok bool
	b.run(chromedp.Evaluate(`sessionStorage.setItem("tend-left", "1"), window.dispatchEvent(new PageTransitionEvent("pageshow", {persisted: true})), true`, &ok))
	b.waitPath("/away")
}

// shownReport is what a page said of itself as it went.
type shownReport struct {
	Path    string
	Painted int
	// Hidden: the page was hidden as it went; BodyShown: its body began
	// while it was not (a page stopped before its body has none).
	Hidden, BodyShown bool
}

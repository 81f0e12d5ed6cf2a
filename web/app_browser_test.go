package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/serviceworker"
	"github.com/chromedp/chromedp"
)

// unplugged serves h until down is set; then every request's connection
// is closed before any answer, as when the network is gone.
func unplugged(h http.Handler, down *atomic.Bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
				conn.Close()
				return
			}
		}
		h.ServeHTTP(w, r)
	})
}

// awaitJS evaluates a script that gives a promise and waits for it.
func (b *browser) awaitJS(script string, out any) {
	b.t.Helper()
	b.run(chromedp.Evaluate(script, out, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
}

// workerReady waits until the service worker is ready and activated (ready
// resolves while it may still be activating), and controls the page.
func (b *browser) workerReady() {
	b.t.Helper()
	var state string
	for range 500 {
		var controlled bool
		b.awaitJS(`navigator.serviceWorker.ready.then(r => r.active.state)`, &state)
		b.run(chromedp.Evaluate(`!!navigator.serviceWorker.controller`, &controlled))
		if state == "activated" && controlled {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	b.t.Fatalf("the service worker is %q, or has not taken the page over", state)
}

// cached is every cache's addresses (paths), by the cache's name.
func (b *browser) cached() map[string][]string {
	b.t.Helper()
	var out map[string][]string
	b.awaitJS(`(async () => {
		const out = {};
		for (const name of await caches.keys()) {
			out[name] = (await (await caches.open(name)).keys()).map(r => new URL(r.url).pathname);
		}
		return out;
	})()`, &out)
	return out
}

// TestBrowserInstallableApp: signed in, Tend's service worker registers
// and takes over, and Chromium finds nothing missing to install Tend
// (nor anything wrong in its manifest). Requests other than pages and
// static files are routed round the worker. After signed-in pages and an API
// answer, the only cache is this release's, holding exactly the offline
// page, the blank page and their files. With the network gone, any page
// shows the offline page, styled from the cache (screenshots at 390 and
// 320 px, axe-core finds nothing); the quick exit still reaches the
// blank page; back online, "Try again" brings the page it stood for.
func TestBrowserInstallableApp(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	var down atomic.Bool
	b := newBrowser(t, unplugged(s.Handler(), &down))
	b.open("/signin")
	var scripts int
	b.run(chromedp.Evaluate(`document.querySelectorAll('script[src$="/swregister.js"]').length`, &scripts))
	if scripts != 0 {
		t.Error("a signed-out page registers the service worker")
	}
	b.signUp("Sam", "sam")
	b.open("/")
	b.workerReady()

	b.run(chromedp.ActionFunc(func(ctx context.Context) error {
		errs, err := cdppage.GetInstallabilityErrors().Do(ctx)
		if err != nil {
			return err
		}
		for _, e := range errs {
			var args []string
			for _, a := range e.ErrorArguments {
				args = append(args, a.Name+"="+a.Value)
			}
			t.Errorf("installability: %s %v", e.ErrorID, args)
		}
		u, problems, _, parsed, err := cdppage.GetAppManifest().Do(ctx)
		if err != nil {
			return err
		}
		for _, p := range problems {
			t.Errorf("manifest %s: %s (line %d)", u, p.Message, p.Line)
		}
		if parsed == nil || !strings.HasSuffix(u, "/manifest.webmanifest") {
			t.Errorf("no manifest read (%q)", u)
		}
		return nil
	}))

	// Everything but pages and static files goes round the worker.
	if _, routes := b.workerState(); !strings.Contains(routes, `"not":{"or":[{"request":{"mode":"navigate"}},{"urlPattern":{`) ||
		!strings.Contains(routes, `"pathname":"/static/*"`) || !strings.Contains(routes, `"source":["network"]`) {
		t.Errorf("the worker's routes: %s", routes)
	}

	for _, p := range []string{"/profile", "/settings", "/circles"} {
		b.open(p)
	}
	var status int
	b.awaitJS(`fetch("/api/v1/profile").then(r => r.status)`, &status)
	if status != http.StatusOK {
		t.Fatalf("the API: %d", status)
	}
	var source string
	b.awaitJS(`fetch("/sw.js").then(r => r.text())`, &source)
	caches := b.cached()
	if len(caches) != 1 {
		t.Fatalf("caches: %v", caches)
	}
	for name, paths := range caches {
		if want := precacheOf(t, source); !strings.Contains(source, `const CACHE = "`+name+`";`) || !slices.Equal(paths, want) {
			t.Errorf("cache %s holds %v, want %v", name, paths, want)
		}
	}

	down.Store(true)
	b.open("/profile")
	if h1 := b.text("h1"); h1 != "You're offline" || b.path() != "/profile" {
		t.Fatalf("offline, /profile shows %q at %s", h1, b.path())
	}
	var look struct{ Header, Reload string }
	b.run(chromedp.Evaluate(`({header: getComputedStyle(document.querySelector("header")).position, reload: document.querySelector("#try-again").href})`, &look))
	if look.Header != "sticky" || look.Reload != b.base+"/profile" {
		t.Errorf("the offline page: header %s (tend.css not from the cache?), Try again goes to %s", look.Header, look.Reload)
	}
	b.check("app-offline-390")
	b.setWidth(320)
	b.fits("the offline page")
	b.check("app-offline-320")
	b.setWidth(390)

	b.mark()
	b.run(chromedp.Click("[data-quick-exit]", chromedp.ByQuery))
	b.waitPath("/away")
	if h1 := b.text("h1"); h1 != "New tab" {
		t.Errorf("the quick exit, offline, shows %q", h1)
	}

	b.open("/settings")
	down.Store(false)
	b.submit("#try-again")
	if h1 := b.text("h1"); h1 != "Settings" || b.path() != "/settings" {
		t.Errorf("back online, Try again shows %q at %s", h1, b.path())
	}
	if after := b.cached(); fmt.Sprint(after) != fmt.Sprint(caches) {
		t.Errorf("the caches changed: %v, were %v", after, caches)
	}
}

// workerState is what Chromium's DevTools tell of the service worker:
// its registration's id (to deliver push messages as a push service
// would) and the static routes of its active version.
func (b *browser) workerState() (serviceworker.RegistrationID, string) {
	b.t.Helper()
	regs := make(chan serviceworker.RegistrationID, 16)
	routes := make(chan string, 16)
	ctx, cancel := context.WithCancel(b.ctx)
	defer cancel()
	chromedp.ListenTarget(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *serviceworker.EventWorkerRegistrationUpdated:
			for _, r := range ev.Registrations {
				if !r.IsDeleted && r.ScopeURL == b.base+"/" {
					regs <- r.RegistrationID
				}
			}
		case *serviceworker.EventWorkerVersionUpdated:
			for _, v := range ev.Versions {
				if v.ScriptURL == b.base+"/sw.js" && v.Status == serviceworker.VersionStatusActivated {
					routes <- v.RouterRules
				}
			}
		}
	})
	b.run(serviceworker.Enable())
	var id serviceworker.RegistrationID
	var rules string
	for id == "" || rules == "" {
		select {
		case id = <-regs:
		case rules = <-routes:
		case <-time.After(10 * time.Second):
			b.t.Fatalf("no service worker registration (%q) or active version (%q)", id, rules)
		}
	}
	return id, rules
}

type shownNotification struct {
	Title, Body, Tag, Icon, Badge, URL string
	Renotify                           bool
}

// notifications are the notifications the service worker shows now.
func (b *browser) notifications() []shownNotification {
	b.t.Helper()
	var out []shownNotification
	b.awaitJS(`navigator.serviceWorker.ready.then(r => r.getNotifications()).then(ns => ns.map(n => ({
		title: n.title, body: n.body, tag: n.tag, icon: n.icon, badge: n.badge, url: n.data && n.data.url, renotify: n.renotify})))`, &out)
	return out
}

// worker attaches to the running service worker, to evaluate scripts in
// it. The context is never cancelled before the browser's: cancelling
// it would close the worker.
func (b *browser) worker() context.Context {
	b.t.Helper()
	targets, err := chromedp.Targets(b.ctx)
	if err != nil {
		b.t.Fatal(err)
	}
	for _, info := range targets {
		if info.Type == "service_worker" && info.URL == b.base+"/sw.js" {
			ctx, _ := chromedp.NewContext(b.ctx, chromedp.WithTargetID(info.TargetID))
			return ctx
		}
	}
	b.t.Fatal("no service worker target")
	return nil
}

// inWorker evaluates a script in the service worker, waiting for the
// promise it gives.
func (b *browser) inWorker(ctx context.Context, script string) {
	b.t.Helper()
	if err := chromedp.Run(ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		_, exc, err := runtime.Evaluate(script).WithAwaitPromise(true).Do(ctx)
		if err == nil && exc != nil {
			err = fmt.Errorf("%s", exc.Exception.Description)
		}
		return err
	})); err != nil {
		b.t.Fatal(err)
	}
}

// TestBrowserAppPush: a push message shows a notification with its
// title, body and tag, the app's icon and badge, and its address; one
// with the same tag replaces it without a new alert; a message without a
// title, or that is not JSON, says "Tend"; an address on another site
// becomes the home page. A click closes the notification and shows its
// address in the open Tend window; another site's address opens home.
func TestBrowserAppPush(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	b := newBrowser(t, s.Handler())
	b.run(cdpbrowser.SetPermission(&cdpbrowser.PermissionDescriptor{Name: "notifications"}, cdpbrowser.PermissionSettingGranted).WithOrigin(b.base))
	b.signUp("Sam", "sam")
	b.open("/")
	b.workerReady()
	reg, _ := b.workerState()
	push := func(payload string) {
		t.Helper()
		b.run(serviceworker.DeliverPushMessage(b.base, reg, payload))
	}
	waitFor := func(n int) []shownNotification {
		t.Helper()
		for range 300 {
			if got := b.notifications(); len(got) == n {
				return got
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Fatalf("notifications: %+v, want %d", b.notifications(), n)
		return nil
	}

	push(`{"title": "How are you feeling?", "body": "A question from yesterday", "url": "/settings", "tag": "followup"}`)
	got := waitFor(1)[0]
	icon := s.assetURL("icons/icon-192.png")
	if got.Title != "How are you feeling?" || got.Body != "A question from yesterday" || got.Tag != "followup" || got.Renotify ||
		got.URL != b.base+"/settings" || got.Icon != b.base+icon || got.Badge != b.base+s.assetURL("icons/badge-96.png") {
		t.Errorf("the notification: %+v", got)
	}
	push(`{"title": "How are you now?", "url": "/settings", "tag": "followup"}`)
	for range 300 {
		if got = b.notifications()[0]; got.Title == "How are you now?" {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if all := b.notifications(); len(all) != 1 || all[0].Title != "How are you now?" {
		t.Errorf("after a second with the same tag: %+v", all)
	}
	push(`{"body": "Someone answered", "url": "https://example.com/elsewhere", "tag": "drop"}`)
	push(`not json`)
	all := waitFor(3)
	for _, n := range all {
		switch n.Tag {
		case "drop":
			if n.Title != "Tend" || n.Body != "Someone answered" || n.URL != b.base+"/" {
				t.Errorf("without a title, to another site: %+v", n)
			}
		case "":
			if n.Title != "Tend" || n.Body != "" || n.URL != b.base+"/" {
				t.Errorf("not JSON: %+v", n)
			}
		}
	}

	// Chromium cannot click a notification for a test: the worker is
	// handed the click event a click would give it.
	worker := b.worker()
	click := func(tag, want string) {
		t.Helper()
		b.mark()
		b.inWorker(worker, `self.registration.getNotifications({tag: `+fmt.Sprintf("%q", tag)+`}).then(([n]) => {
			self.dispatchEvent(new NotificationEvent("notificationclick", {notification: n}));
		})`)
		b.waitPath(want)
	}
	b.open("/profile")
	click("followup", "/settings")
	click("drop", "/")
	left := b.notifications()
	if len(left) != 1 || left[0].Tag != "" {
		t.Errorf("after two clicks: %+v", left)
	}
	if u, _ := url.Parse(b.base); u.Hostname() != "localhost" {
		t.Errorf("served from %s, not localhost (a secure context)", b.base)
	}
}

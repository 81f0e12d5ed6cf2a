package web

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/tendcare/tend"
)

// TestBrowserChannelsByKeyboard works the settings page's section on
// reaching you outside Tend by keyboard on 320 and 390 px phones: an
// email address added with a mistake first (the focus on the summary,
// the field marked), then as it should be; its wording and kinds
// changed; a webhook added, its secret taking the focus. axe finds
// nothing, in the dark and the light scheme, and nothing is wider than
// the screen.
func TestBrowserChannelsByKeyboard(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	s.Outbound = OutboundConfig{EmailReady: true, VAPIDPublicKey: testVAPIDKey(t)}
	b := newBrowser(t, s.Handler())
	b.signUp("Sam", "sam")
	c, err := s.Credentials.FindCredentials(context.Background(), "sam")
	if err != nil {
		t.Fatal(err)
	}
	samID := c.PersonID
	// The longest a device's name and an address may be, unbroken, must
	// fit a phone too.
	addChannelFor(t, s, samID, &tend.Channel{Type: tend.ChannelPush, Address: "https://push.example/x", P256dh: "p", Auth: "a", Device: strings.Repeat("W", 60)})
	long, confirm := addChannelFor(t, s, samID, &tend.Channel{Type: tend.ChannelEmail, Address: strings.Repeat("s", 64) + "@" + strings.Repeat("e", 60) + ".example.org"})
	for _, width := range []int64{320, 390} {
		b.setWidth(width)
		w := map[int64]string{320: "-320", 390: "-390"}[width]
		b.open("/settings")
		// The email form opens from its summary, by Enter; Tab goes on
		// to its field.
		b.run(chromedp.Focus("#add-email > summary", chromedp.ByQuery))
		b.key(kb.Enter)
		var open bool
		if b.run(chromedp.Evaluate(`document.getElementById("add-email").open`, &open)); !open {
			t.Fatalf("Enter on the summary did not open the email form")
		}
		b.key(kb.Tab)
		if id := b.activeID(); id != "email-address" {
			t.Fatalf("Tab from the summary went to %q", id)
		}
		address := "sam" + w + "@example"
		b.key(address)
		b.keySubmit()
		b.waitFocus("problem")
		if msg := b.describedBy("email-address"); !strings.Contains(msg, "email address") {
			t.Errorf("the address's mistake says %q", msg)
		}
		var kept string
		b.run(chromedp.Value("#email-address", &kept, chromedp.ByQuery))
		if kept != address {
			t.Errorf("the address typed came back as %q", kept)
		}
		b.fits("channels-mistake" + w)
		b.check("70-channels-mistake" + w)
		b.shot("#add-email", "70-channels-mistake-form"+w)
		// Fixed, by keyboard: the form goes through, the focus on the
		// message that says so.
		b.run(chromedp.Focus("#email-address", chromedp.ByQuery))
		b.key(kb.End)
		b.key(".org")
		b.keySubmit()
		b.waitFocus("flash")
		if got := b.text("#flash"); !strings.Contains(got, "We sent a link to that address") {
			t.Errorf("after adding the address: %q", got)
		}
		var row *tend.Channel
		for _, c := range channelsOf(t, s, samID) {
			if c.Address == address+".org" {
				row = c
			}
		}
		if row == nil || row.Wording != tend.WordingDiscreet || len(row.Notices) != 3 {
			t.Fatalf("kept: %+v", row)
		}
		// Its wording by arrow key, a kind unticked by Space, saved by
		// Enter on Save.
		prefix := "ch-" + row.ID
		b.run(chromedp.Focus("#"+prefix+"-wording-discreet", chromedp.ByQuery))
		b.key(kb.ArrowDown)
		b.key(kb.Tab)
		if id := b.activeID(); id != prefix+"-notice-followup" {
			t.Fatalf("Tab from the wording went to %q", id)
		}
		b.key(kb.Tab)
		b.key(kb.Tab)
		b.key(" ")
		b.key(kb.Tab)
		var label string
		b.run(chromedp.Evaluate(`document.activeElement.getAttribute("aria-label") || ""`, &label))
		if !strings.HasPrefix(label, "Save: Email") {
			t.Fatalf("Tab went to %q, not the address's Save", label)
		}
		b.keySubmit()
		b.waitFocus("flash")
		if c, _ := s.Channels.FindChannel(context.Background(), samID, row.ID); c.Wording != tend.WordingPlain || len(c.Notices) != 2 || c.Notices[1] != tend.NoticeAlert {
			t.Errorf("changed by keyboard: %+v", c)
		}
		if got := b.text("#" + prefix + "-h + p"); got != address+".org" {
			t.Errorf("the address is shown as %q", got)
		}
		b.fits("channels" + w)
		b.check("71-channels" + w)
		b.shot("#channels", "71-channels-section"+w)
	}
	// The ntfy form, open, with its relay choice, at 320 px.
	b.setWidth(320)
	b.open("/settings")
	b.run(chromedp.Focus("#add-ntfy > summary", chromedp.ByQuery))
	b.key(kb.Enter)
	b.fits("channels-ntfy-320")
	b.check("72-channels-ntfy-320")
	b.shot("#add-ntfy", "72-channels-ntfy-form-320")
	b.setWidth(390)
	// A webhook: its secret takes the focus, once.
	b.open("/settings")
	b.run(chromedp.Focus("#add-webhook > summary", chromedp.ByQuery))
	b.key(kb.Enter)
	b.key(kb.Tab)
	b.key("https://hooks.example.org/tend/a-rather-long-path-for-a-receiver")
	b.keySubmit()
	b.waitFocus("new-webhook")
	if got := b.text("#new-webhook .secret"); !strings.HasPrefix(got, "whsec_") {
		t.Errorf("the secret shown: %q", got)
	}
	b.fits("channels-webhook")
	b.check("72-channels-webhook-390")
	b.shot("#channels", "72-channels-webhook-section-390")
	b.setWidth(320)
	b.check("72-channels-webhook-320")
	b.fits("channels-webhook-320")
	b.open("/settings")
	var shown int
	if b.run(chromedp.Evaluate(`document.querySelectorAll("#new-webhook").length`, &shown)); shown != 0 {
		t.Errorf("the secret shows again")
	}

	// The email's links, opened signed out: each page asks, and its
	// button (by keyboard) does it.
	o := b.another()
	o.setWidth(320)
	o.open("/channels/confirm/" + confirm)
	o.fits("channel-confirm")
	o.check("76-channel-confirm-320")
	o.run(chromedp.Focus("main form button", chromedp.ByQuery))
	o.keySubmit()
	if p := o.path(); p != "/channels/confirmed" {
		t.Fatalf("after confirming: at %s: %q", p, o.text("main"))
	}
	o.check("77-channel-confirmed-320")
	if c, _ := s.Channels.FindChannel(context.Background(), samID, long.ID); c.Confirmed.IsZero() {
		t.Errorf("the address is not confirmed")
	}
	o.open("/unsubscribe/" + long.Unsubscribe)
	o.check("78-unsubscribe-320")
	o.run(chromedp.Focus("main form button", chromedp.ByQuery))
	o.keySubmit()
	if got := o.text("main [role=status]"); !strings.Contains(got, "This address will no longer get messages from Tend") {
		t.Errorf("after unsubscribing: %q", got)
	}
	o.check("79-unsubscribed-320")
	if _, err := s.Channels.FindChannel(context.Background(), samID, long.ID); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("the address is still there: %v", err)
	}
}

// TestBrowserPushButton checks push.js in a real Chromium, as far as a
// headless one goes (it has no push service to sign up with): the
// button shows where the browser has notifications, and pressing it
// says in the status region why nothing was turned on: the permission
// refused, or (once granted) the browser unable to sign up. Where the
// browser has no push at all, the button stays hidden and the page says
// why.
func TestBrowserPushButton(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	s.Outbound = OutboundConfig{EmailReady: true, VAPIDPublicKey: testVAPIDKey(t)}
	b := newBrowser(t, s.Handler())
	b.signUp("Sam", "sam")
	b.setWidth(320)
	b.open("/settings")
	waitStatus := func(how string) string {
		t.Helper()
		for range 600 { // push.js gives up on each wait after 10 s
			var busy bool
			b.run(chromedp.Evaluate(`document.querySelector("[data-push-on]").getAttribute("aria-busy") === "true"`, &busy))
			if got := strings.TrimSpace(b.text("[data-push-status]")); got != "" && !busy && got != "Your browser is asking whether Tend may show notifications." {
				return got
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("%s: the status still says %q", how, b.text("[data-push-status]"))
		return ""
	}
	var hidden bool
	var permission string
	b.run(chromedp.Evaluate(`document.querySelector("[data-push-on]").hidden`, &hidden),
		chromedp.Evaluate(`Notification.permission`, &permission))
	if hidden {
		t.Fatalf("the button is hidden in a browser with notifications")
	}
	// Asked only when the button is pressed: headless Chromium turns a
	// request down at once, so one made on loading would show here.
	time.Sleep(300 * time.Millisecond)
	if b.run(chromedp.Evaluate(`Notification.permission`, &permission)); permission != "default" {
		t.Errorf("before the button was pressed, the permission is %q", permission)
	}
	// Pressed by keyboard; headless Chromium answers the permission
	// prompt itself.
	b.run(chromedp.Focus("[data-push-on]", chromedp.ByQuery))
	b.key(kb.Enter)
	said := waitStatus("without permission")
	var after string
	b.run(chromedp.Evaluate(`Notification.permission`, &after))
	t.Logf("permission %s, then %s: %q", permission, after, said)
	if after != "granted" && !strings.Contains(said, "Notifications") {
		t.Errorf("refused, the status says %q", said)
	}
	b.check("73-push-refused-320")

	// Granted, the browser gets as far as signing up, which a headless
	// one cannot (no service worker in this build, or no push service).
	b.run(chromedp.ActionFunc(func(ctx context.Context) error {
		return cdpbrowser.SetPermission(&cdpbrowser.PermissionDescriptor{Name: "notifications"}, cdpbrowser.PermissionSettingGranted).WithOrigin(b.base).Do(ctx)
	}))
	b.open("/settings")
	b.run(chromedp.Focus("[data-push-on]", chromedp.ByQuery))
	b.key(kb.Enter)
	said = waitStatus("granted")
	t.Logf("granted: %q", said)
	if !strings.Contains(said, "background helper") && !strings.Contains(said, "could not sign up") && !strings.Contains(said, "Notifications are on") {
		t.Errorf("granted, the status says %q", said)
	}
	var role string
	b.run(chromedp.Evaluate(`document.querySelector("[data-push-status]").getAttribute("role")`, &role))
	if role != "status" {
		t.Errorf("the status is role=%q", role)
	}
	b.check("74-push-granted-320")
	b.shot("[data-push]", "74-push-granted-part-320")

	// A browser without web push (Safari in a tab on an iPhone): no
	// button, and the reason.
	b.run(chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := cdppage.AddScriptToEvaluateOnNewDocument(`delete window.PushManager;`).Do(ctx)
		return err
	}))
	b.open("/settings")
	b.run(chromedp.Evaluate(`document.querySelector("[data-push-on]").hidden`, &hidden))
	if got := b.text("[data-push-status]"); !hidden || !strings.Contains(got, "This browser cannot show notifications from websites") {
		t.Errorf("without web push: button hidden %v, status %q", hidden, got)
	}
	var hint bool
	if b.run(chromedp.Evaluate(`document.getElementById("push-hint").hidden`, &hint)); !hint {
		t.Errorf("without web push, the hint about the button still shows")
	}
	if got := b.text("[data-push]"); !strings.Contains(got, "Add to Home Screen") {
		t.Errorf("the iPhone note is missing: %q", got)
	}
	b.check("75-push-unsupported-320")
	b.shot("#channels", "75-push-unsupported-section-320")
}

// shot saves a screenshot of the element sel alone, to look at a part
// of a long page.
func (b *browser) shot(sel, name string) {
	b.t.Helper()
	var png []byte
	b.run(chromedp.Screenshot(sel, &png, chromedp.ByQuery))
	if err := os.WriteFile(filepath.Join(b.shots, name+".png"), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

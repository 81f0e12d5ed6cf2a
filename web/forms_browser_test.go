package web

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/tendcare/tend"
)

// setWidth lays pages out as on a phone w CSS pixels wide.
func (b *browser) setWidth(w int64) {
	b.t.Helper()
	b.run(emulation.SetDeviceMetricsOverride(w, 844, 1, true))
}

// activeID is the id of the element that has the focus ("" for none).
func (b *browser) activeID() string {
	b.t.Helper()
	var id string
	b.run(chromedp.Evaluate(`document.activeElement ? document.activeElement.id : ""`, &id))
	return id
}

// waitFocus waits until the element with the id has the focus: autofocus
// and fragments move it a moment after the page has loaded.
func (b *browser) waitFocus(id string) {
	b.t.Helper()
	for range 200 {
		if b.activeID() == id {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	b.t.Errorf("%s: the focus is on %q, want #%s", b.path(), b.activeID(), id)
}

// key presses a key where the focus is, as a keyboard does.
func (b *browser) key(k string) {
	b.t.Helper()
	b.run(chromedp.KeyEvent(k))
}

// keySubmit presses Enter where the focus is and waits for the next page.
func (b *browser) keySubmit() {
	b.t.Helper()
	var ok bool
	b.run(chromedp.Evaluate(`window.__oldPage = true`, &ok), chromedp.KeyEvent(kb.Enter))
	b.waitNewPage()
}

// fits checks that nothing on the page is wider than the screen: no
// sideways scrolling (WCAG 1.4.10), and it names what sticks out. The
// screen is the layout viewport, document.documentElement.clientWidth,
// which the page's viewport tag makes the phone's width: under mobile
// emulation a page too wide zooms out, and innerWidth grows to the
// page's width, so measuring against innerWidth lets any page pass.
// Fitting by cutting ordinary words in two is no fit either: no word of
// letters alone, up to 15 of them, may be split across two lines (long
// unbroken names and codes may).
func (b *browser) fits(name string) {
	b.t.Helper()
	var res struct {
		Scroll, Inner, Screen int
		Wide, Broken          []string
	}
	b.run(chromedp.Evaluate(`(function(){
		const inner = document.documentElement.clientWidth, wide = [], broken = [];
		for (const el of document.querySelectorAll("body *")) {
			const r = el.getBoundingClientRect();
			if (r.width > 0 && (r.right > inner + 0.5 || r.left < -0.5) && !el.closest(".visually-hidden, .skip")) {
				wide.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className && typeof el.className === "string" ? "." + el.className.split(" ").join(".") : "") + " " + Math.round(r.left) + ".." + Math.round(r.right));
			}
		}
		const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		const range = document.createRange();
		for (let n = walk.nextNode(); n; n = walk.nextNode()) {
			if (n.parentElement.closest(".visually-hidden, .skip, script, style, option") || !n.parentElement.checkVisibility()) continue;
			for (const m of n.data.matchAll(/\S+/g)) {
				const word = m[0].replace(/^[^A-Za-z]+|[^A-Za-z]+$/g, "");
				if (!/^[A-Za-z]{2,15}$/.test(word)) continue;
				const at = m.index + m[0].indexOf(word);
				range.setStart(n, at);
				range.setEnd(n, at + word.length);
				const tops = new Set(Array.from(range.getClientRects()).filter(q => q.width > 0).map(q => Math.round(q.top)));
				if (tops.size > 1) broken.push(word + " (in " + n.parentElement.tagName.toLowerCase() + "." + n.parentElement.className + ")");
			}
		}
		return {Scroll: document.documentElement.scrollWidth, Inner: inner, Screen: screen.width, Wide: wide.slice(0, 8), Broken: broken.slice(0, 8)};
	})()`, &res))
	if res.Inner != res.Screen {
		b.t.Errorf("%s (%s): the layout viewport is %d px on a %d px screen", name, b.path(), res.Inner, res.Screen)
	}
	if res.Scroll > res.Inner || len(res.Wide) > 0 {
		b.t.Errorf("%s (%s): %d px wide in a %d px window; sticking out: %s", name, b.path(), res.Scroll, res.Inner, strings.Join(res.Wide, ", "))
	}
	if len(res.Broken) > 0 {
		b.t.Errorf("%s (%s): words cut in two across lines: %s", name, b.path(), strings.Join(res.Broken, ", "))
	}
}

// describedBy checks that the field is marked invalid and described by
// its own message, and returns the message.
func (b *browser) describedBy(id string) string {
	b.t.Helper()
	var res struct {
		Invalid, First, Message string
	}
	b.run(chromedp.Evaluate(fmt.Sprintf(`(function(){
		const f = document.getElementById(%q);
		if (!f) return {};
		const ids = (f.getAttribute("aria-describedby") || "").split(" ");
		const m = document.getElementById(ids[0]);
		return {Invalid: f.getAttribute("aria-invalid") || "", First: ids[0], Message: m ? m.innerText : ""};
	})()`, id), &res))
	if res.Invalid != "true" || res.First != id+"-error" || strings.TrimSpace(res.Message) == "" {
		b.t.Errorf("%s: #%s is aria-invalid=%q, described first by %q saying %q", b.path(), id, res.Invalid, res.First, res.Message)
	}
	return res.Message
}

// TestBrowserFormMistakesByKeyboard: a form sent by keyboard with several
// mistakes comes back with the focus on the summary of all of them, as a
// screen reader user needs to learn that it failed; each field is marked
// and described by its own message; Tab reaches the summary's links and
// Enter on one takes the focus to its field. A save that works moves the
// focus to the "Saved" message. At 320 and 390 px, dark and light.
func TestBrowserFormMistakesByKeyboard(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	b := newBrowser(t, s.Handler())
	b.setWidth(320)
	b.open("/signup")
	b.fill(map[string]string{"#display_name": " ", "#username": "K!", "#password": "short", "#password_again": "other", "#time_zone": "Mars/Olympus"})
	b.run(chromedp.Focus("#time_zone", chromedp.ByQuery))
	b.keySubmit()
	b.waitFocus("problem")
	for _, id := range []string{"display_name", "username", "password", "password_again", "time_zone"} {
		b.describedBy(id)
	}
	var links int
	b.run(chromedp.Evaluate(`document.querySelectorAll("#problem li a").length`, &links))
	if links != 5 {
		t.Errorf("the summary links %d mistakes, want 5: %q", links, b.text("#problem"))
	}
	if got := b.text("#problem"); !strings.Contains(got, "Your name:") || !strings.Contains(got, "The same password again:") || strings.Contains(got, "display_name") {
		t.Errorf("the summary names the fields as: %q", got)
	}
	b.fits("60-signup-mistakes")
	b.check("60-signup-mistakes-320")
	b.setWidth(390)
	b.check("60-signup-mistakes-390")
	// Tab from the summary reaches its first link; Enter there takes
	// the focus to the field.
	b.run(chromedp.Focus("#problem", chromedp.ByQuery))
	b.key(kb.Tab)
	var href string
	b.run(chromedp.Evaluate(`document.activeElement.getAttribute("href") || ""`, &href))
	if href != "#display_name" {
		t.Errorf("Tab from the summary went to %q, want its first link", href)
	}
	var before, after float64
	b.run(chromedp.Evaluate(`performance.timeOrigin`, &before))
	b.key(kb.Enter)
	b.waitFocus("display_name")
	time.Sleep(200 * time.Millisecond)
	if b.run(chromedp.Evaluate(`performance.timeOrigin`, &after)); after != before {
		t.Errorf("Enter on the summary's link sent the form again")
	}
	// The entries are kept; fixed, the form goes through, and the focus
	// is on the message that says so.
	var kept string
	b.run(chromedp.Value("#time_zone", &kept, chromedp.ByQuery))
	if kept != "Mars/Olympus" {
		t.Errorf("the time zone typed came back as %q", kept)
	}
	b.fill(map[string]string{"#display_name": "Sam", "#username": "sam", "#password": "correct horse battery", "#password_again": "correct horse battery", "#time_zone": "Europe/Berlin"})
	b.run(chromedp.Focus("#time_zone", chromedp.ByQuery))
	b.keySubmit()
	if p := b.path(); !strings.HasPrefix(p, "/profile") {
		t.Fatalf("after signing up: at %s: %q", p, b.text("main"))
	}
	b.waitFocus("flash")
	var role string
	b.run(chromedp.Evaluate(`document.activeElement.getAttribute("role") || ""`, &role))
	if role != "status" {
		t.Errorf("the saved message is role=%q, want status", role)
	}
	// Shown once: the address drops it, and a reload does not say it
	// again.
	if p := b.path(); strings.Contains(p, "done=") {
		t.Errorf("after the message, the address is still %s", p)
	}
	b.run(chromedp.Reload(), chromedp.WaitReady("body"))
	var flashes int
	b.run(chromedp.Evaluate(`document.querySelectorAll(".flash").length`, &flashes))
	if flashes != 0 {
		t.Errorf("a reload says again what was saved")
	}

	// A group of radio buttons: its summary link goes to the first one.
	b.setWidth(320)
	b.open("/profile/about")
	b.fill(map[string]string{"#space_first": "500", "#drop_helps": "A message the next day"})
	b.run(chromedp.Focus("#space_first", chromedp.ByQuery))
	b.keySubmit()
	b.waitFocus("problem")
	b.describedBy("space_first")
	b.describedBy("drop_when")
	b.fits("61-about-mistakes")
	b.check("61-about-mistakes-320")
	b.run(chromedp.Click(`#problem a[href="#drop_when-0"]`, chromedp.ByQuery))
	b.waitFocus("drop_when-0")

	// A pasted card with a JSON slip: said in plain words, with where.
	b.open("/profile/import")
	b.fill(map[string]string{"#card": "{\n  \"notes\": [\"Hold me\",]\n}"})
	b.submit(`form[action="/profile/import"] button[type=submit]`)
	b.waitFocus("problem")
	if got := b.describedBy("card"); !strings.Contains(got, "Line 2, column 23") || !strings.Contains(got, "comma") {
		t.Errorf("the import's mistake says %q", got)
	}
	b.fits("62-import-mistake")
	b.check("62-import-mistake-320")
	b.setWidth(390)
	b.check("62-import-mistake-390")

	// Settings, and a check-in, each with several mistakes.
	b.setWidth(320)
	b.open("/settings")
	b.fill(map[string]string{"#display_name": " ", "#time_zone": "Mars/Olympus"})
	b.submit(`form[action="/settings"] button[type=submit]`)
	b.waitFocus("problem")
	b.describedBy("display_name")
	b.describedBy("time_zone")
	b.fits("63-settings-mistakes")
	b.check("63-settings-mistakes-320")
	ctx := context.Background()
	c, err := s.Credentials.FindCredentials(ctx, "sam")
	if err != nil {
		t.Fatal(err)
	}
	e, err := s.Encounters.CreateEncounter(ctx, c.PersonID, tend.NewEncounter{Kind: tend.Solo})
	if err != nil {
		t.Fatal(err)
	}
	b.open("/encounters/" + e.ID)
	// A solo check-in has no safeword (nobody to say it to).
	b.fill(map[string]string{"#limits": strings.Repeat("l", 501), "#triggers": strings.Repeat("w", 501)})
	b.submit(`form[action$="/check-in"] button[type=submit]`)
	b.waitFocus("problem")
	b.describedBy("limits")
	b.describedBy("triggers")
	b.fits("64-checkin-mistakes")
	b.check("64-checkin-mistakes-320")

	// A shared card's form sent with nothing chosen (as an old page or a
	// changed list could): both mistakes at once, each beside its field.
	b.open("/profile/cards")
	var ok bool
	b.run(chromedp.Evaluate(`(function(){
		for (const r of document.querySelectorAll("input[name=share]")) r.checked = false;
		const o = document.createElement("option");
		o.value = "forever"; o.textContent = "Forever";
		const sel = document.getElementById("expires_in");
		sel.appendChild(o); sel.value = "forever";
		return true;
	})()`, &ok))
	b.submit(`form[action="/profile/cards"] button[type=submit]`)
	b.waitFocus("problem")
	b.describedBy("share")
	b.describedBy("expires_in")
	b.fits("65-card-share-mistakes")
	b.check("65-card-share-mistakes-320")
	b.setWidth(390)
	b.check("65-card-share-mistakes-390")
}

package web

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
)

// focusSays is what a screen reader is given for the element with the
// focus, from the browser's accessibility tree: its role, its name and
// its description.
func (b *browser) focusSays() (role, name, desc string) {
	b.t.Helper()
	var nodes []*cdp.Node
	b.run(chromedp.Nodes(`document.activeElement`, &nodes, chromedp.ByJSPath))
	if len(nodes) != 1 {
		b.t.Fatalf("no element has the focus")
	}
	b.run(chromedp.ActionFunc(func(ctx context.Context) error {
		ax, err := accessibility.GetPartialAXTree().WithBackendNodeID(nodes[0].BackendNodeID).WithFetchRelatives(false).Do(ctx)
		if err != nil || len(ax) == 0 {
			return err
		}
		str := func(v *accessibility.Value) string {
			if v == nil {
				return ""
			}
			var s string
			_ = json.Unmarshal(v.Value, &s)
			return s
		}
		role, name, desc = str(ax[0].Role), str(ax[0].Name), str(ax[0].Description)
		return nil
	}))
	return role, name, desc
}

// TestBrowserNewLinkFocus: a new invitation link, and a new shared card's
// link, appear after a new page load, where a status region says nothing.
// Their panel takes the focus instead, so that a screen reader reads its
// heading and what to do with the link, and it is in view. By keyboard,
// at 320 and 390 px, dark and light.
func TestBrowserNewLinkFocus(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	b := newBrowser(t, s.Handler())
	b.signUp("Sam", "sam")
	b.setWidth(320)
	b.open("/circles")
	b.fill(map[string]string{"#name": "us"})
	b.submit(`main form button[type=submit]`)

	for _, c := range []struct {
		name, page, button, panel, heading, says string
	}{
		{"35-circle-new-link", "", `form[action$="/invite"] button`, "new-invite", "Your new invitation link", "Send this link to one person"},
		{"36-cards-new-link", "/profile/cards", `form[action="/profile/cards"] button`, "new-link", "Your new link", "Send it only to the person it is for"},
	} {
		if c.page != "" {
			b.open(c.page)
		}
		b.tabTo(c.button)
		b.pressEnter()
		b.waitFocus(c.panel)
		role, name, desc := b.focusSays()
		if role != "region" || name != c.heading || !strings.HasPrefix(desc, c.says) {
			t.Errorf("%s: the focus is on a %q named %q, described as %q", c.name, role, name, desc)
		}
		careEval(b, "the link in view", `(function(){var r=document.querySelector("#`+c.panel+` .secret").getBoundingClientRect();return r.top>=0&&r.bottom<=innerHeight})()`)
		b.viewShot(c.name + "-320")
		b.checkWidths(c.name)
		b.setWidth(320)
		// Shown once: a reload has no link, and the focus stays put.
		b.run(chromedp.Reload(), chromedp.WaitReady("body"))
		var panels int
		b.run(chromedp.Evaluate(`document.querySelectorAll("[autofocus]").length`, &panels))
		if panels != 0 {
			t.Errorf("%s: after a reload, %d elements still take the focus", c.name, panels)
		}
	}
}

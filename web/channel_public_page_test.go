package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

// TestChannelConfirmPage: the link in the email opens a page that asks
// (GET confirms nothing, so a mail scanner fetching it does no harm);
// its button confirms, once, and goes on to a page saying so. A link
// used, replaced or expired says plainly what to do. No page names the
// address or whose it is.
func TestChannelConfirmPage(t *testing.T) {
	f := channelServer(t)
	email, token := addChannelFor(t, f.s, f.samID, &tend.Channel{Type: tend.ChannelEmail, Address: "sam@example.org"})
	confirmed := func() bool {
		c, err := f.s.Channels.FindChannel(context.Background(), f.samID, email.ID)
		if err != nil {
			t.Fatal(err)
		}
		return !c.Confirmed.IsZero()
	}
	page := browse(t, f.h, "GET", "/channels/confirm/"+token, "", nil)
	if page.status != http.StatusOK || page.find("h1") != "Confirm this address for Tend" {
		t.Fatalf("the confirmation page: %d %q", page.status, page.find("main"))
	}
	form := page.doc.Find(`main form[method=post]`)
	if form.AttrOr("action", "") != "/channels/confirm/"+token || form.Find("button").Text() != "Confirm this address" {
		t.Errorf("the page's button: %q to %q", form.Find("button").Text(), form.AttrOr("action", ""))
	}
	if confirmed() {
		t.Fatal("opening the link confirmed the address")
	}
	if strings.Contains(page.body, "sam@example.org") || strings.Contains(page.body, ">Sam<") {
		t.Errorf("the page names the address or its person")
	}
	done := browse(t, f.h, "POST", "/channels/confirm/"+token, "", url.Values{})
	if done.status != http.StatusSeeOther || done.location != "/channels/confirmed" || !confirmed() {
		t.Fatalf("confirming: %d to %q, confirmed %v", done.status, done.location, confirmed())
	}
	thanks := browse(t, f.h, "GET", done.location, "", nil)
	if thanks.status != http.StatusOK || !strings.Contains(thanks.find("main"), "This address now gets the messages you chose") {
		t.Errorf("after confirming: %d %q", thanks.status, thanks.find("main"))
	}
	used := browse(t, f.h, "POST", "/channels/confirm/"+token, "", url.Values{})
	if used.status != http.StatusNotFound || !strings.Contains(used.find("main"), "it was used already, or a newer one replaced it") ||
		!strings.Contains(used.find("main"), "Send the link again") {
		t.Errorf("the link used twice: %d %q", used.status, used.find("main"))
	}

	// An expired link: 409, saying so, the address still waiting.
	late, lateToken := addChannelFor(t, f.s, f.samID, &tend.Channel{Type: tend.ChannelEmail, Address: "late@example.org"})
	f.clock.t = f.clock.t.Add(25 * time.Hour)
	expired := browse(t, f.h, "POST", "/channels/confirm/"+lateToken, "", url.Values{})
	if expired.status != http.StatusConflict || !strings.Contains(expired.find("main"), "This link has expired") {
		t.Errorf("an expired link: %d %q", expired.status, expired.find("main"))
	}
	if c, _ := f.s.Channels.FindChannel(context.Background(), f.samID, late.ID); !c.Confirmed.IsZero() {
		t.Errorf("an expired link confirmed the address")
	}
	if none := browse(t, f.h, "POST", "/channels/confirm/no-such-link", "", url.Values{}); none.status != http.StatusNotFound {
		t.Errorf("a made-up link: %d", none.status)
	}
}

// TestUnsubscribePage: the link every email carries opens a page that
// asks, without showing the address; its button removes the address.
func TestUnsubscribePage(t *testing.T) {
	f := channelServer(t)
	email, _ := addChannelFor(t, f.s, f.samID, &tend.Channel{Type: tend.ChannelEmail, Address: "sam@example.org"})
	page := browse(t, f.h, "GET", "/unsubscribe/"+email.Unsubscribe, "", nil)
	if page.status != http.StatusOK || page.find("h1") != "Stop messages from Tend" ||
		!strings.Contains(page.find("main"), "this address will no longer get messages from Tend") {
		t.Fatalf("the unsubscribe page: %d %q", page.status, page.find("main"))
	}
	if strings.Contains(page.body, "sam@example.org") || strings.Contains(page.body, ">Sam<") {
		t.Errorf("the page names the address or its person")
	}
	if n := len(channelsOf(t, f.s, f.samID)); n != 1 {
		t.Fatalf("opening the link removed the address")
	}
	form := page.doc.Find(`main form[method=post]`)
	if form.AttrOr("action", "") != "/unsubscribe/"+email.Unsubscribe {
		t.Fatalf("the page's form posts to %q", form.AttrOr("action", ""))
	}
	done := browse(t, f.h, "POST", form.AttrOr("action", ""), "", url.Values{"List-Unsubscribe": {"One-Click"}})
	if done.status != http.StatusOK || done.find("[role=status]") != "Done. This address will no longer get messages from Tend." {
		t.Errorf("unsubscribing: %d %q", done.status, done.find("main"))
	}
	if strings.Contains(done.body, "sam@example.org") {
		t.Errorf("the answer names the address")
	}
	if n := len(channelsOf(t, f.s, f.samID)); n != 0 {
		t.Errorf("the address is still there")
	}
	again := browse(t, f.h, "POST", form.AttrOr("action", ""), "", url.Values{})
	if again.status != http.StatusNotFound || !strings.Contains(again.find("main"), "the address was removed already") {
		t.Errorf("the link used twice: %d %q", again.status, again.find("main"))
	}
}

// TestUnsubscribeOneClick: a mail provider's one-click unsubscribe (RFC
// 8058) is a POST from its own server: no cookie, no Origin, no
// Sec-Fetch-Site, the body List-Unsubscribe=One-Click (as a form, or
// multipart). The cross-origin protection lets it through, and it
// removes the address. A browser's POST from another site is refused.
func TestUnsubscribeOneClick(t *testing.T) {
	f := channelServer(t)
	for _, tc := range []struct {
		name, contentType, body string
	}{
		{"form", "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click"},
		{"multipart", "multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--b--\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			email, _ := addChannelFor(t, f.s, f.samID, &tend.Channel{Type: tend.ChannelEmail, Address: tc.name + "@example.org"})
			req := httptest.NewRequest("POST", "https://tend.example/unsubscribe/"+email.Unsubscribe, strings.NewReader(tc.body))
			req.Header.Set("Content-Type", tc.contentType)
			rec := httptest.NewRecorder()
			f.h.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				t.Fatalf("one-click: %d %s", rec.Code, rec.Body)
			}
			if _, err := f.s.Channels.FindChannel(context.Background(), f.samID, email.ID); tend.ErrorCode(err) != tend.ENOTFOUND {
				t.Errorf("the address is still there: %v", err)
			}
		})
	}
	email, _ := addChannelFor(t, f.s, f.samID, &tend.Channel{Type: tend.ChannelEmail, Address: "kept@example.org"})
	req := httptest.NewRequest("POST", "/unsubscribe/"+email.Unsubscribe, strings.NewReader("List-Unsubscribe=One-Click"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, req)
	if rec.Code != http.StatusForbidden {
		t.Errorf("a browser's POST from another site: %d", rec.Code)
	}
	if _, err := f.s.Channels.FindChannel(context.Background(), f.samID, email.ID); err != nil {
		t.Errorf("a POST from another site removed the address: %v", err)
	}
}

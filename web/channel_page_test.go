package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/tendcare/tend"
)

// TestChannelSectionWhatTheServerOffers: the section says plainly what
// the operator has not set up (email without SMTP, devices without a
// push key) instead of offering a form that cannot work; what is set up
// is offered, a new channel's defaults ticked (discreet, every kind).
func TestChannelSectionWhatTheServerOffers(t *testing.T) {
	f := channelServer(t)
	f.s.Outbound = OutboundConfig{}
	page := browse(t, f.h, "GET", "/settings", f.sam, nil)
	section := page.doc.Find("section#channels")
	if got := strings.TrimSpace(section.Find("h2").Text()); got != "Reaching you outside Tend" {
		t.Fatalf("the section's heading: %q", got)
	}
	if got := section.Find("#add-email p").Text(); !strings.Contains(got, "Email is not set up on this server: ask whoever runs it to configure SMTP") {
		t.Errorf("without SMTP the email part says %q", got)
	}
	if section.Find("#email-address").Length() != 0 {
		t.Errorf("without SMTP there is still an email form")
	}
	if section.Find("[data-push]").Length() != 0 || !strings.Contains(section.Text(), "Notifications on devices are not set up on this server") {
		t.Errorf("without a push key the page still offers notifications")
	}
	if strings.Contains(page.body, "push.js") {
		t.Errorf("push.js is loaded with nothing to do")
	}
	// Ntfy and webhooks need nothing of the operator.
	for _, id := range []string{"ntfy-address", "ntfy-token", "webhook-address"} {
		if section.Find("#"+id).Length() != 1 {
			t.Errorf("no field #%s", id)
		}
	}

	f.s.Outbound = OutboundConfig{EmailReady: true, VAPIDPublicKey: "BKey"}
	page = browse(t, f.h, "GET", "/settings", f.sam, nil)
	section = page.doc.Find("section#channels")
	if section.Find("#email-address").AttrOr("type", "") != "email" {
		t.Errorf("with SMTP there is no email field")
	}
	push := section.Find("[data-push]")
	if push.AttrOr("data-vapid", "") != "BKey" || push.Find("button[data-push-on][hidden]").Length() != 1 {
		t.Errorf("the push part: %q", push.Text())
	}
	if !strings.Contains(push.Find("noscript").Text(), "needs JavaScript") ||
		!strings.Contains(push.Text(), "On iPhone and iPad, notifications work only after adding Tend to the Home Screen (Share → Add to Home Screen)") {
		t.Errorf("the push part does not say why it may not work: %q", push.Text())
	}
	if !strings.Contains(page.body, "js/push.js") {
		t.Errorf("push.js is not loaded")
	}
	for _, form := range []string{"email", "ntfy", "webhook"} {
		if v := section.Find("#"+form+"-wording input:checked").AttrOr("value", ""); v != "discreet" {
			t.Errorf("%s: wording ticked %q, want discreet", form, v)
		}
		if n := section.Find("#" + form + "-notices input:checked").Length(); n != 3 {
			t.Errorf("%s: %d kinds ticked, want all 3", form, n)
		}
	}
	if got := section.Find(".wordings").Text(); !strings.Contains(got, "Tend: A check-in is waiting for you") || !strings.Contains(got, "Sam is having a low day") {
		t.Errorf("the wordings are explained as %q", got)
	}
	if got := section.Find(".muted").First().Text(); !strings.Contains(got, "No ways yet") {
		t.Errorf("an empty list says %q", got)
	}
}

// TestChannelAddForms: each add form keeps its channel and goes back to
// Settings, where the channel is listed in words: an email address in
// full, waiting for its confirmation (with "Send the link again", and no
// test until then); a web address shortened; its wording and kinds as
// chosen.
func TestChannelAddForms(t *testing.T) {
	f := channelServer(t)
	for _, tc := range []struct {
		form url.Values
		done string
	}{
		{url.Values{"type": {"email"}, "address": {"sam@example.org"}, "wording": {"plain"}, "notice": {"followup", "alert"}}, "channel-email"},
		{url.Values{"type": {"ntfy"}, "address": {"https://ntfy.example/sam-secret-topic-name-0123456789"}, "token": {"tk_abc"}, "relay": {"yes"}, "wording": {"discreet"}, "notice": {"started"}}, "channel-added"},
		{url.Values{"type": {"webhook"}, "address": {"https://hooks.example/tend"}, "wording": {"discreet"}, "notice": {"followup"}}, ""},
	} {
		got := browse(t, f.h, "POST", "/settings/channels", f.sam, tc.form)
		want := "/settings"
		if tc.done != "" {
			want += "?done=" + tc.done
		}
		if got.status != http.StatusSeeOther || got.location != want {
			t.Errorf("%s: %d to %q, want 303 to %s: %s", tc.form.Get("type"), got.status, got.location, want, got.find("#problem"))
		}
	}
	list := channelsOf(t, f.s, f.samID)
	if len(list) != 3 || list[0].Wording != tend.WordingPlain || !slices.Equal(list[0].Notices, []tend.Notice{tend.NoticeFollowup, tend.NoticeAlert}) ||
		list[1].Token != "tk_abc" || !list[1].Relay || list[0].Relay || !strings.HasPrefix(list[2].Secret, "whsec_") {
		t.Fatalf("kept: %+v", list)
	}
	page := browse(t, f.h, "GET", "/settings?done=channel-email", f.sam, nil)
	if got := page.find("#flash"); !strings.Contains(got, "We sent a link to that address") {
		t.Errorf("the message after adding an address: %q", got)
	}
	rows := page.doc.Find("article.channel")
	if rows.Length() != 3 {
		t.Fatalf("%d channels listed", rows.Length())
	}
	email := rows.Eq(0)
	if email.Find("h3").Text() != "Email" || email.Find(".channel-address").Text() != "sam@example.org" {
		t.Errorf("the email address is listed as %q", email.Text())
	}
	if !strings.Contains(email.Find(".channel-state").Text(), "Waiting for you to confirm: we sent a link to this address") ||
		email.Find(`form[action$="/confirm-again"] button`).Text() != "Send the link again" {
		t.Errorf("the address waiting: %q", email.Find(".channel-state").Text())
	}
	if email.Find(`form[action$="/test"]`).Length() != 0 {
		t.Errorf("an address not confirmed offers a test")
	}
	if v := email.Find(`input[name=wording]:checked`).AttrOr("value", ""); v != "plain" {
		t.Errorf("its wording shows %q", v)
	}
	ntfy := rows.Eq(1)
	if got := ntfy.Find(".channel-address").Text(); got != "ntfy.example/sam-sec…23456789" || strings.Contains(ntfy.Text(), "tk_abc") {
		t.Errorf("the topic is shown as %q: %q", got, ntfy.Text())
	}
	if ntfy.Find(`form[action$="/test"] button`).AttrOr("aria-label", "") != "Send me a test: ntfy ntfy.example/sam-sec…23456789" {
		t.Errorf("the test button is named %q", ntfy.Find(`form[action$="/test"] button`).AttrOr("aria-label", ""))
	}
	if got := rows.Eq(2).Find("h3").Text(); got != "Webhook" || strings.Contains(page.body, list[2].Secret) {
		t.Errorf("the webhook is listed as %q, or its secret shows", got)
	}
	for _, c := range list {
		if strings.Contains(page.body, c.Unsubscribe) {
			t.Errorf("the page shows an unsubscribe token")
		}
	}
}

// TestChannelFormsShowEveryMistake: each of the section's forms, sent
// with several mistakes, comes back with all of them beside their
// fields, what was typed kept, and nothing saved or changed.
func TestChannelFormsShowEveryMistake(t *testing.T) {
	f := channelServer(t)
	push, _ := addChannelFor(t, f.s, f.samID, &tend.Channel{Type: tend.ChannelPush, Address: "https://push.example/sub", P256dh: "p", Auth: "a", Device: "Phone"})
	bell := "ring\a"
	tests := []formCase{
		{"Email", "/settings/channels", url.Values{"type": {"email"}, "address": {"sam at example"}, "wording": {"loud"}, "notice": {"gossip"}},
			[]string{"email-address", "email-wording", "email-notices"}, map[string]string{"#email-address": "sam at example"}},
		{"EmailNothingTicked", "/settings/channels", url.Values{"type": {"email"}, "address": {""}, "wording": {"plain"}},
			[]string{"email-address", "email-notices"}, map[string]string{"#email-wording-plain:checked": "plain"}},
		{"Ntfy", "/settings/channels", url.Values{"type": {"ntfy"}, "address": {"ftp://ntfy.example/x"}, "token": {bell}, "relay": {"yes"}, "wording": {"discreet"}, "notice": {"alert"}},
			[]string{"ntfy-address", "ntfy-token"}, map[string]string{"#ntfy-address": "ftp://ntfy.example/x", "#ntfy-token": bell, "#ntfy-relay:checked": "yes"}},
		{"Webhook", "/settings/channels", url.Values{"type": {"webhook"}, "address": {""}, "wording": {"discreet"}},
			[]string{"webhook-address", "webhook-notices"}, nil},
		{"Change", "/settings/channels/" + push.ID, url.Values{"device": {bell}, "wording": {"shout"}, "notice": {"followup", "gossip"}},
			[]string{"ch-" + push.ID + "-device", "ch-" + push.ID + "-wording", "ch-" + push.ID + "-notices"},
			map[string]string{"#ch-" + push.ID + "-device": bell, "#ch-" + push.ID + "-notice-followup:checked": "followup"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := browse(t, f.h, "POST", tc.path, f.sam, tc.form)
			checkMistakes(t, got, tc)
			if open := got.doc.Find("details[open]").Length(); strings.HasPrefix(tc.path, "/settings/channels") && tc.name != "Change" && open != 1 {
				t.Errorf("%d add forms are open, want the one with mistakes", open)
			}
			list := channelsOf(t, f.s, f.samID)
			if len(list) != 1 || list[0].Device != "Phone" || list[0].Wording != tend.WordingDiscreet || len(list[0].Notices) != 3 {
				t.Errorf("something was saved: %+v", list)
			}
		})
	}
}

// TestChannelAddressTwice: an address already listed is refused beside
// its field; nothing new is kept.
func TestChannelAddressTwice(t *testing.T) {
	f := channelServer(t)
	addChannelFor(t, f.s, f.samID, &tend.Channel{Type: tend.ChannelEmail, Address: "sam@example.org"})
	got := browse(t, f.h, "POST", "/settings/channels", f.sam, url.Values{"type": {"email"}, "address": {"Sam@Example.org"}, "wording": {"discreet"}, "notice": {"alert"}})
	if got.status != http.StatusBadRequest || !strings.Contains(got.find("#email-address-error"), "in your list already") {
		t.Errorf("the same address again: %d %q", got.status, got.find("#problem"))
	}
	if n := len(channelsOf(t, f.s, f.samID)); n != 1 {
		t.Errorf("%d channels kept", n)
	}
}

// TestChannelTypeNotSetUp: an email form posted to a server without
// SMTP says so, keeps nothing.
func TestChannelTypeNotSetUp(t *testing.T) {
	f := channelServer(t)
	f.s.Outbound.EmailReady = false
	got := browse(t, f.h, "POST", "/settings/channels", f.sam, url.Values{"type": {"email"}, "address": {"sam@example.org"}, "wording": {"discreet"}, "notice": {"alert"}})
	if got.status != http.StatusConflict || !strings.Contains(got.find("#problem"), "Email is not set up on this server") {
		t.Errorf("email without SMTP: %d %q", got.status, got.find("#problem"))
	}
	if n := len(channelsOf(t, f.s, f.samID)); n != 0 {
		t.Errorf("%d channels kept", n)
	}
}

// TestChannelChangeTestRemove: a channel's own forms change what it
// takes, send a test, send a new confirmation link, and remove it, each
// answering with a redirect to Settings and its message.
func TestChannelChangeTestRemove(t *testing.T) {
	f := channelServer(t)
	push, _ := addChannelFor(t, f.s, f.samID, &tend.Channel{Type: tend.ChannelPush, Address: "https://push.example/sub", P256dh: "p", Auth: "a", Device: "Phone"})
	email, _ := addChannelFor(t, f.s, f.samID, &tend.Channel{Type: tend.ChannelEmail, Address: "sam@example.org"})
	for _, tc := range []struct {
		path string
		form url.Values
		done string
	}{
		{"/settings/channels/" + push.ID, url.Values{"device": {"Tablet"}, "wording": {"plain"}, "notice": {"started"}}, "channel-saved"},
		{"/settings/channels/" + push.ID + "/test", url.Values{}, "channel-test"},
		{"/settings/channels/" + email.ID + "/confirm-again", url.Values{}, "channel-link"},
		{"/settings/channels/" + email.ID, url.Values{"wording": {"discreet"}}, "channel-saved"},
	} {
		got := browse(t, f.h, "POST", tc.path, f.sam, tc.form)
		if got.status != http.StatusSeeOther || got.location != "/settings?done="+tc.done {
			t.Errorf("%s: %d to %q: %s", tc.path, got.status, got.location, got.find("#problem"))
		}
	}
	c, err := f.s.Channels.FindChannel(context.Background(), f.samID, push.ID)
	if err != nil || c.Device != "Tablet" || c.Wording != tend.WordingPlain || !slices.Equal(c.Notices, []tend.Notice{tend.NoticeStarted}) {
		t.Errorf("changed: %+v %v", c, err)
	}
	if c, _ := f.s.Channels.FindChannel(context.Background(), f.samID, email.ID); len(c.Notices) != 0 {
		t.Errorf("nothing ticked should pause the address: %v", c.Notices)
	}
	page := browse(t, f.h, "GET", "/settings?done=channel-test", f.sam, nil)
	if !strings.Contains(page.find("#flash"), "A test message is on its way") {
		t.Errorf("after a test: %q", page.find("#flash"))
	}
	if got := page.doc.Find("article.channel h3").Eq(0).Text(); got != "Notifications on Tablet" {
		t.Errorf("the device is listed as %q", got)
	}
	// A test to an address not confirmed is refused in words.
	got := browse(t, f.h, "POST", "/settings/channels/"+email.ID+"/test", f.sam, url.Values{})
	if got.status != http.StatusConflict || !strings.Contains(got.find("main"), "confirm this address first") {
		t.Errorf("a test to an address not confirmed: %d %q", got.status, got.find("main"))
	}
	if got := browse(t, f.h, "POST", "/settings/channels/"+push.ID+"/delete", f.sam, url.Values{}); got.status != http.StatusSeeOther || got.location != "/settings?done=channel-removed" {
		t.Errorf("removing: %d %q", got.status, got.location)
	}
	if list := channelsOf(t, f.s, f.samID); len(list) != 1 || list[0].ID != email.ID {
		t.Errorf("after removing the device: %+v", list)
	}
}

// TestChannelFailingShown: a channel that failed three times in a row
// says so, with what went wrong.
func TestChannelFailingShown(t *testing.T) {
	f := channelServer(t)
	c, _ := addChannelFor(t, f.s, f.samID, &tend.Channel{Type: tend.ChannelWebhook, Address: "https://hooks.example/tend", Secret: "whsec_x"})
	failer, ok := f.s.Channels.(interface {
		ChannelFailed(ctx context.Context, channelID, problem string, gone bool) error
	})
	if !ok {
		t.Fatal("the store cannot count failures")
	}
	page := browse(t, f.h, "GET", "/settings", f.sam, nil)
	if page.doc.Find(".channel-failing").Length() != 0 {
		t.Errorf("a new channel shows as failing")
	}
	for range tend.ChannelFailing {
		if err := failer.ChannelFailed(context.Background(), c.ID, "the receiver answered 500", false); err != nil {
			t.Fatal(err)
		}
	}
	page = browse(t, f.h, "GET", "/settings", f.sam, nil)
	if got := page.find("article.channel .channel-failing"); got != "Failing: the receiver answered 500" {
		t.Errorf("a failing channel says %q", got)
	}
}

// TestChannelFormsOfAnother: another person's channel (or none) answers
// every form with the same 404, and stays as it was.
func TestChannelFormsOfAnother(t *testing.T) {
	f := channelServer(t)
	alexs, _ := addChannelFor(t, f.s, f.alexID, &tend.Channel{Type: tend.ChannelNtfy, Address: "https://ntfy.example/alex"})
	for _, action := range []string{"", "/test", "/confirm-again", "/delete"} {
		form := url.Values{"wording": {"plain"}, "notice": {"alert"}}
		mine := browse(t, f.h, "POST", "/settings/channels/"+alexs.ID+action, f.sam, form)
		none := browse(t, f.h, "POST", "/settings/channels/0193a6f0-0000-7000-8000-00000000dead"+action, f.sam, form)
		if mine.status != http.StatusNotFound || mine.status != none.status || mine.body != none.body {
			t.Errorf("%q: Alex's %d, a missing one %d; want the same 404", action, mine.status, none.status)
		}
	}
	if c, err := f.s.Channels.FindChannel(context.Background(), f.alexID, alexs.ID); err != nil || c.Wording != tend.WordingDiscreet {
		t.Errorf("Alex's channel after Sam's forms: %+v %v", c, err)
	}
}

// TestWebhookSecretShownOnce: the secret of a new webhook is on the page
// the form leads to, once, with how to check a signature; never again,
// and never to another session.
func TestWebhookSecretShownOnce(t *testing.T) {
	f := channelServer(t)
	made := browse(t, f.h, "POST", "/settings/channels", f.sam, url.Values{"type": {"webhook"}, "address": {"https://hooks.example/tend"}, "wording": {"plain"}, "notice": {"alert"}})
	if made.status != http.StatusSeeOther || made.location != "/settings" {
		t.Fatalf("adding a webhook: %d to %q", made.status, made.location)
	}
	with := func(session string) pageAnswer {
		req := httptest.NewRequest("GET", "/settings", nil)
		req.AddCookie(&http.Cookie{Name: "tend", Value: session})
		for _, c := range (&http.Response{Header: made.header}).Cookies() {
			req.AddCookie(c)
		}
		return serve(t, f.h, req)
	}
	// Another session of Sam's, sent the same cookie, sees nothing.
	other, _, err := f.s.Sessions.CreateSession(context.Background(), f.samID, "other")
	if err != nil {
		t.Fatal(err)
	}
	if got := with(other); got.doc.Find("#new-webhook").Length() != 0 {
		t.Errorf("another session was shown the secret")
	}
	page := with(f.sam)
	secret := page.find("#new-webhook .secret")
	list := channelsOf(t, f.s, f.samID)
	if len(list) != 1 || secret == "" || secret != list[0].Secret || !strings.HasPrefix(secret, "whsec_") {
		t.Fatalf("the secret shown %q, kept %+v", secret, list)
	}
	how := page.find("#new-webhook")
	for _, want := range []string{"webhook-id", "webhook-timestamp", "webhook-signature", "HMAC-SHA256", "shown only this once"} {
		if !strings.Contains(how, want) {
			t.Errorf("the panel does not say %q: %q", want, how)
		}
	}
	if _, ok := page.doc.Find("#new-webhook").Attr("autofocus"); !ok || page.doc.Find("[autofocus]").Length() != 1 {
		t.Errorf("the secret's panel does not take the focus alone")
	}
	if cleared := strings.Join(page.header.Values("Set-Cookie"), ";"); !strings.Contains(cleared, "tend-new=;") {
		t.Errorf("the page did not clear the cookie: %q", cleared)
	}
	if again := browse(t, f.h, "GET", "/settings", f.sam, nil); again.doc.Find("#new-webhook").Length() != 0 || strings.Contains(again.body, secret) {
		t.Errorf("the secret shows again")
	}
}

// TestNoChannelsWithoutTheService: a server given no ChannelService
// shows no section and has none of its routes, rather than failing on
// a form.
func TestNoChannelsWithoutTheService(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	s.Channels = nil
	h := s.Handler()
	sam, _ := people(t, s, h)
	if page := browse(t, h, "GET", "/settings", sam, nil); page.status != http.StatusOK || page.doc.Find("#channels").Length() != 0 {
		t.Errorf("the settings page without channels: %d, section %d", page.status, page.doc.Find("#channels").Length())
	}
	got := browse(t, h, "POST", "/settings/channels", sam, url.Values{"type": {"ntfy"}, "address": {"https://ntfy.example/t"}})
	if got.status != http.StatusNotFound && got.status != http.StatusMethodNotAllowed {
		t.Errorf("adding a channel: %d", got.status)
	}
	if st, _, _ := do(t, h, call{method: "GET", path: "/api/v1/channels", token: sam}); st != http.StatusNotFound {
		t.Errorf("the API: %d", st)
	}
}

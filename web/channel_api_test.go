package web

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tendcare/tend"
)

// TestChannelAPICreate: every type, and every way a request goes wrong:
// 400 naming each wrong field, 409 for what the server does not offer,
// nothing kept then. A webhook's secret is in its 201 alone; an email
// address's confirmation token never is.
func TestChannelAPICreate(t *testing.T) {
	f := channelServer(t)
	sub := pushSubscription(t, "https://push.example/send/abc")
	tests := []struct {
		name, body string
		status     int
		fields     []string // of the 400's problems
	}{
		{"email", `{"type": "email", "address": "sam@example.org"}`, 201, nil},
		{"push", `{"type": "push", "subscription": ` + sub + `, "device": "Phone"}`, 201, nil},
		{"ntfy", `{"type": "ntfy", "address": "https://ntfy.example/a-long-topic", "token": "tk_x", "relay": true, "wording": "plain", "notices": ["alert"]}`, 201, nil},
		{"webhook", `{"type": "webhook", "address": "https://hooks.example/tend"}`, 201, nil},
		{"the same address", `{"type": "email", "address": "SAM@example.org"}`, 400, []string{"address"}},
		{"no type", `{"address": "x@example.org"}`, 400, []string{"type"}},
		{"bad email", `{"type": "email", "address": "sam", "wording": "loud", "notices": ["gossip"]}`, 400, []string{"address", "wording", "notices"}},
		{"no kinds", `{"type": "ntfy", "address": "https://ntfy.example/t", "notices": []}`, 400, []string{"notices"}},
		{"not a web address", `{"type": "webhook", "address": "ftp://hooks.example/x", "token": "tk", "device": "Phone"}`, 400, []string{"address", "token", "device"}},
		{"push without a subscription", `{"type": "push", "address": "https://push.example/x"}`, 400, []string{"subscription", "address"}},
		{"push keys wrong", `{"type": "push", "subscription": {"endpoint": "http://push.example/x", "keys": {"p256dh": "AAAA", "auth": "!"}}}`, 400,
			[]string{"subscription.endpoint", "subscription.keys.p256dh", "subscription.keys.auth"}},
		{"a subscription elsewhere", `{"type": "email", "address": "kim@example.org", "subscription": ` + sub + `}`, 400, []string{"subscription"}},
		{"relayed elsewhere", `{"type": "webhook", "address": "https://hooks.example/r", "relay": true}`, 400, []string{"relay"}},
		{"unknown field", `{"type": "email", "address": "kim@example.org", "secret": "mine"}`, 400, nil},
	}
	var secret string
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := len(channelsOf(t, f.s, f.samID))
			st, a := rawResponse(t, f.h, call{method: "POST", path: "/api/v1/channels", body: tc.body, token: f.sam})
			if st != tc.status {
				t.Fatalf("%d %s, want %d", st, a.body, tc.status)
			}
			out := jsonOf(t, a)
			if st == 201 {
				checkAnswer(t, "POST", "/api/v1/channels", 201, a.body)
				if s, ok := out["secret"].(string); ok != (tc.name == "webhook") {
					t.Errorf("secret in the answer: %q", s)
				} else if ok {
					secret = s
				}
				if len(channelsOf(t, f.s, f.samID)) != before+1 {
					t.Errorf("not kept")
				}
				return
			}
			if len(channelsOf(t, f.s, f.samID)) != before {
				t.Errorf("kept despite the mistakes")
			}
			if tc.fields == nil {
				return
			}
			var fields []string
			problems, _ := out["error"].(map[string]any)["problems"].([]any)
			for _, p := range problems {
				fields = append(fields, p.(map[string]any)["field"].(string))
			}
			if strings.Join(fields, " ") != strings.Join(tc.fields, " ") {
				t.Errorf("problems of %v, want %v: %s", fields, tc.fields, a.body)
			}
		})
	}
	list := channelsOf(t, f.s, f.samID)
	if len(list) != 4 || list[3].Secret != secret || !strings.HasPrefix(secret, "whsec_") || list[1].Device != "Phone" || list[1].P256dh == "" ||
		!list[2].Relay || list[3].Relay {
		t.Errorf("kept: %+v (secret %q)", list, secret)
	}
	// What the server does not offer: 409 in words, nothing kept.
	f.s.Outbound = OutboundConfig{}
	for _, body := range []string{`{"type": "email", "address": "kim@example.org"}`, `{"type": "push", "subscription": ` + sub + `}`} {
		st, a := rawResponse(t, f.h, call{method: "POST", path: "/api/v1/channels", body: body, token: f.sam})
		if code, msg := errorOf(jsonOf(t, a)); st != 409 || code != "conflict" || !strings.Contains(msg, "not set up on this server") {
			t.Errorf("%s without it set up: %d %s", body, st, a.body)
		}
	}
	if n := len(channelsOf(t, f.s, f.samID)); n != 4 {
		t.Errorf("%d kept", n)
	}
}

// TestChannelAPIOutboundCheck: the operator's guard decides which web
// addresses may be added; its words go beside the field.
func TestChannelAPIOutboundCheck(t *testing.T) {
	f := channelServer(t)
	f.s.Outbound.CheckURL = func(raw string) error {
		if strings.Contains(raw, "10.0.0.1") {
			return tend.Errorf(tend.EINVALID, "Tend does not send to addresses inside this network")
		}
		return nil
	}
	st, a := rawResponse(t, f.h, call{method: "POST", path: "/api/v1/channels", body: `{"type": "webhook", "address": "https://10.0.0.1/hook"}`, token: f.sam})
	out := jsonOf(t, a)["error"].(map[string]any)
	if st != 400 || out["field"] != "address" || !strings.Contains(out["message"].(string), "inside this network") {
		t.Errorf("a refused address: %d %s", st, a.body)
	}
	f.s.Outbound.CheckNtfy = func(topic, token string) error {
		var ps tend.Problems
		ps.Add("url", "give the topic's name after the server's address")
		ps.Add("token", "an ntfy token starts with tk_")
		return ps.Err()
	}
	st, a = rawResponse(t, f.h, call{method: "POST", path: "/api/v1/channels", body: `{"type": "ntfy", "address": "https://ntfy.example/", "token": "x"}`, token: f.sam})
	if st != 400 || !strings.Contains(a.body, `"field":"address"`) || !strings.Contains(a.body, `"field":"token"`) {
		t.Errorf("ntfy refused: %d %s", st, a.body)
	}
	if n := len(channelsOf(t, f.s, f.samID)); n != 0 {
		t.Errorf("%d kept", n)
	}
}

// TestChannelAPIListHidesSecrets: the list shows what each channel is,
// never a token, a secret, a device's keys or push address, or its
// unsubscribe link.
func TestChannelAPIListHidesSecrets(t *testing.T) {
	f := channelServer(t)
	push, _ := addChannelFor(t, f.s, f.samID, &tend.Channel{Type: tend.ChannelPush, Address: "https://push.example/ENDPOINT", P256dh: "P256DH-KEY", Auth: "AUTH-KEY", Device: "Phone"})
	ntfy, _ := addChannelFor(t, f.s, f.samID, &tend.Channel{Type: tend.ChannelNtfy, Address: "https://ntfy.example/topic", Token: "tk_TOKEN"})
	hook, _ := addChannelFor(t, f.s, f.samID, &tend.Channel{Type: tend.ChannelWebhook, Address: "https://hooks.example/x", Secret: "whsec_SECRET"})
	email, _ := addChannelFor(t, f.s, f.samID, &tend.Channel{Type: tend.ChannelEmail, Address: "sam@example.org"})
	st, a := rawResponse(t, f.h, call{method: "GET", path: "/api/v1/channels", token: f.sam})
	if st != 200 {
		t.Fatalf("%d %s", st, a.body)
	}
	checkAnswer(t, "GET", "/api/v1/channels", 200, a.body)
	for _, secret := range []string{"ENDPOINT", "P256DH-KEY", "AUTH-KEY", "tk_TOKEN", "whsec_SECRET", push.Unsubscribe, ntfy.Unsubscribe, hook.Unsubscribe, email.Unsubscribe} {
		if strings.Contains(a.body, secret) {
			t.Errorf("the list shows %q", secret)
		}
	}
	var out struct{ Channels []channelJSON }
	json.Unmarshal([]byte(a.body), &out)
	if len(out.Channels) != 4 || out.Channels[0].Device != "Phone" || out.Channels[1].Address != "https://ntfy.example/topic" ||
		!out.Channels[0].Confirmed || out.Channels[3].Confirmed || out.Channels[3].Address != "sam@example.org" {
		t.Errorf("the list: %+v", out.Channels)
	}
	// Alex sees none of Sam's.
	if _, a := rawResponse(t, f.h, call{method: "GET", path: "/api/v1/channels", token: f.alex}); a.body != "{\"channels\":[]}\n" {
		t.Errorf("Alex's list: %s", a.body)
	}
}

// TestChannelAPIOneChannel: change, test, confirm again and remove, with
// the right statuses, and another person's channel answering exactly
// like a missing one.
func TestChannelAPIOneChannel(t *testing.T) {
	f := channelServer(t)
	push, _ := addChannelFor(t, f.s, f.samID, &tend.Channel{Type: tend.ChannelPush, Address: "https://push.example/x", P256dh: "p", Auth: "a", Device: "Phone"})
	ntfy, _ := addChannelFor(t, f.s, f.samID, &tend.Channel{Type: tend.ChannelNtfy, Address: "https://ntfy.example/topic"})
	email, _ := addChannelFor(t, f.s, f.samID, &tend.Channel{Type: tend.ChannelEmail, Address: "sam@example.org"})
	alexs, _ := addChannelFor(t, f.s, f.alexID, &tend.Channel{Type: tend.ChannelNtfy, Address: "https://ntfy.example/alex"})
	const missing = "0193a6f0-0000-7000-8000-00000000dead"
	tests := []struct {
		name, method, path, body string
		status                   int
		field                    string
	}{
		{"change", "PATCH", "/api/v1/channels/" + push.ID, `{"wording": "plain", "notices": ["started"], "device": "Tablet"}`, 200, ""},
		{"change nothing", "PATCH", "/api/v1/channels/" + push.ID, `{}`, 200, ""},
		{"pause", "PATCH", "/api/v1/channels/" + ntfy.ID, `{"notices": []}`, 200, ""},
		{"wrong wording", "PATCH", "/api/v1/channels/" + ntfy.ID, `{"wording": "loud"}`, 400, "wording"},
		{"a name for a topic", "PATCH", "/api/v1/channels/" + ntfy.ID, `{"device": "Phone"}`, 400, "device"},
		{"an empty device name", "PATCH", "/api/v1/channels/" + push.ID, `{"device": " "}`, 400, "device"},
		{"test", "POST", "/api/v1/channels/" + ntfy.ID + "/test", "", 204, ""},
		{"test an address not confirmed", "POST", "/api/v1/channels/" + email.ID + "/test", "", 409, ""},
		{"a new link", "POST", "/api/v1/channels/" + email.ID + "/confirm-again", "", 204, ""},
		{"a link for a topic", "POST", "/api/v1/channels/" + ntfy.ID + "/confirm-again", "", 409, ""},
		{"remove", "DELETE", "/api/v1/channels/" + ntfy.ID, "", 204, ""},
		{"remove again", "DELETE", "/api/v1/channels/" + ntfy.ID, "", 404, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st, a := rawResponse(t, f.h, call{method: tc.method, path: tc.path, body: tc.body, token: f.sam})
			if st != tc.status {
				t.Fatalf("%d %s, want %d", st, a.body, tc.status)
			}
			if st == 200 {
				checkAnswer(t, tc.method, "/api/v1/channels/{id}", 200, a.body)
			}
			if tc.field != "" {
				if e := jsonOf(t, a)["error"].(map[string]any); e["field"] != tc.field {
					t.Errorf("the error names %v, want %s", e["field"], tc.field)
				}
			}
		})
	}
	c, _ := f.s.Channels.FindChannel(context.Background(), f.samID, push.ID)
	if c.Device != "Tablet" || c.Wording != tend.WordingPlain || len(c.Notices) != 1 || c.Notices[0] != tend.NoticeStarted {
		t.Errorf("after the changes: %+v", c)
	}
	// Another's and a missing one: byte for byte the same 404.
	for _, route := range []struct{ method, suffix, body string }{
		{"PATCH", "", `{"wording": "plain"}`}, {"DELETE", "", ""}, {"POST", "/test", ""}, {"POST", "/confirm-again", ""},
	} {
		s1, b1 := raw(t, f.h, call{method: route.method, path: "/api/v1/channels/" + alexs.ID + route.suffix, body: route.body, token: f.sam})
		s2, b2 := raw(t, f.h, call{method: route.method, path: "/api/v1/channels/" + missing + route.suffix, body: route.body, token: f.sam})
		if s1 != 404 || s1 != s2 || b1 != b2 {
			t.Errorf("%s %s: Alex's %d %q, a missing one %d %q", route.method, route.suffix, s1, b1, s2, b2)
		}
	}
	if c, err := f.s.Channels.FindChannel(context.Background(), f.alexID, alexs.ID); err != nil || c.Wording != tend.WordingDiscreet {
		t.Errorf("Alex's channel: %+v %v", c, err)
	}
}

// TestChannelAPIPushAgain: the same device subscribed again replaces its
// entry (a browser may hand out new keys), keeping what was chosen for
// it unless the request says otherwise.
func TestChannelAPIPushAgain(t *testing.T) {
	f := channelServer(t)
	body := func(extra string) string {
		return `{"type": "push", "subscription": ` + pushSubscription(t, "https://push.example/send/abc") + extra + `}`
	}
	if st, a := rawResponse(t, f.h, call{method: "POST", path: "/api/v1/channels", body: body(`, "wording": "plain", "notices": ["alert"], "device": "Phone"`), token: f.sam}); st != 201 {
		t.Fatalf("%d %s", st, a.body)
	}
	first := channelsOf(t, f.s, f.samID)[0]
	if st, a := rawResponse(t, f.h, call{method: "POST", path: "/api/v1/channels", body: body(""), token: f.sam}); st != 201 {
		t.Fatalf("%d %s", st, a.body)
	}
	list := channelsOf(t, f.s, f.samID)
	if len(list) != 1 || list[0].ID == first.ID || list[0].P256dh == first.P256dh || list[0].Wording != tend.WordingPlain ||
		list[0].Device != "Phone" || len(list[0].Notices) != 1 {
		t.Errorf("subscribed again: %+v, was %+v", list, first)
	}
}

// TestChannelAPIScopes: a token reads channels with channels:read and
// changes them with channels:write; the profile's and the follow-ups'
// scopes do neither.
func TestChannelAPIScopes(t *testing.T) {
	f := channelServer(t)
	token := func(scopes ...tend.Scope) string {
		secret, _, err := f.s.Tokens.CreateAPIToken(context.Background(), f.samID, "script", scopes)
		if err != nil {
			t.Fatal(err)
		}
		return secret
	}
	add := `{"type": "ntfy", "address": "https://ntfy.example/t"}`
	for _, tc := range []struct {
		scopes    []tend.Scope
		list, add int
	}{
		{[]tend.Scope{tend.ScopeProfileRead, tend.ScopeProfileWrite}, 403, 403},
		{[]tend.Scope{tend.ScopeFollowupsRead, tend.ScopeFollowupsWrite}, 403, 403},
		{[]tend.Scope{tend.ScopeChannelsRead}, 200, 403},
		{[]tend.Scope{tend.ScopeChannelsWrite}, 200, 201},
	} {
		tok := token(tc.scopes...)
		if st, _, _ := do(t, f.h, call{method: "GET", path: "/api/v1/channels", token: tok}); st != tc.list {
			t.Errorf("%v: listing %d, want %d", tc.scopes, st, tc.list)
		}
		if st, _, _ := do(t, f.h, call{method: "POST", path: "/api/v1/channels", body: add, token: tok}); st != tc.add {
			t.Errorf("%v: adding %d, want %d", tc.scopes, st, tc.add)
		}
	}
}

// checkAnswer checks an answer against its operation's documented
// schema.
func checkAnswer(t *testing.T, method, template string, status int, body string) {
	t.Helper()
	if err := validate(responseSchema(t, method, template, status), []byte(body)); err != nil {
		t.Errorf("%s %s: the answer does not follow the document: %v\n%s", method, template, err, body)
	}
}

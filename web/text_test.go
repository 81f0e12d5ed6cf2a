package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// TestTextRuleEverywhere: every name and text a person types through the
// API or a form is refused with hidden characters (escapes, direction
// overrides, invisible-only text) and with text that is not UTF-8, never
// repaired; nothing is saved.
func TestTextRuleEverywhere(t *testing.T) {
	s, h, _, sam, samID := pageServer(t)
	hostile := map[string]string{
		"Escape":        `"Sam\u001b[2J"`,
		"Override":      `"Sam\u202egnp"`,
		"NUL":           `"Sam\u0000"`,
		"Invisible":     `"\u200b\u2060"`,
		"LoneHalf":      `"Sam\ud800"`,
		"NotUTF8":       "\"Sam\xff\"",
		"LineInOneLine": `"Sam\nAlex"`,
	}
	for name, v := range hostile {
		for _, c := range []call{
			{method: "POST", path: "/api/v1/signup", body: `{"display_name": ` + v + `, "username": "kim", "password": "a long enough password"}`},
			{method: "PUT", path: "/api/v1/settings", body: `{"display_name": ` + v + `}`, token: sam},
			{method: "POST", path: "/api/v1/circles", body: `{"name": ` + v + `}`, token: sam},
			{method: "POST", path: "/api/v1/tokens", body: `{"name": ` + v + `}`, token: sam},
		} {
			st, out, _ := do(t, h, c)
			if code, msg := errorOf(out); st != http.StatusBadRequest || code != "invalid" || !strings.Contains(msg, "name") && !strings.Contains(msg, "UTF-8") {
				t.Errorf("%s %s with %s: %d %v", c.method, c.path, name, st, out)
			}
		}
	}
	if _, err := s.Credentials.FindCredentials(context.Background(), "kim"); err == nil {
		t.Error("an account was made with a hidden character in its name")
	}
	if list, _ := s.Circles.FindCircles(context.Background(), samID); len(list) != 0 {
		t.Errorf("%d circles made", len(list))
	}
	if p, _ := s.People.FindPersonByID(context.Background(), samID); p.DisplayName != "Sam" {
		t.Errorf("the name changed to %q", p.DisplayName)
	}
	// A form sends bytes as they are: not UTF-8 is refused, not repaired.
	got := browse(t, h, "POST", "/settings", sam, url.Values{"display_name": {"Sam\xff"}, "time_zone": {"UTC"}})
	if got.status != http.StatusBadRequest || !strings.Contains(got.find("#problem"), "UTF-8") {
		t.Errorf("settings form with a byte that is not UTF-8: %d %q", got.status, got.find("#problem"))
	}
}

// TestNotUTF8Refused: bytes that are not UTF-8, in any form or address,
// are refused with a clear answer, never stored or shown back repaired.
func TestNotUTF8Refused(t *testing.T) {
	s, h, _, sam, samID := pageServer(t)
	for _, tc := range []struct{ method, path, body string }{
		{"POST", "/profile/about", "pronouns=th%FFey&notes=hello%FFworld"},
		{"POST", "/profile/practices", "p=water&r.water=need&c.water=cold%FF%FEplease"},
		{"GET", "/profile/practices?q=wa%FFter", ""},
		{"GET", "/c/some-token/mine.json?name=Jo%FF%FEx", ""},
		{"GET", "/c/some-token/plan?name=Jo%FFx", ""},
		{"GET", "/api/v1/encounters/x/signals?after=1%FF", ""},
	} {
		req := httptest.NewRequest(tc.method, tc.path, strings.NewReader(tc.body))
		if tc.body != "" {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.AddCookie(&http.Cookie{Name: "tend", Value: sam})
		got := serve(t, h, req)
		if got.status != http.StatusBadRequest || !strings.Contains(got.body, "UTF-8") || strings.Contains(got.body, "\xff") {
			t.Errorf("%s %s: %d %.200s", tc.method, tc.path, got.status, got.body)
		}
	}
	if p, err := s.Profiles.FindProfile(context.Background(), samID); err == nil && p != nil && (p.Card.Pronouns != "" || len(p.Card.Notes) > 0 || p.Card.Comments["water"] != "") {
		t.Errorf("a profile was saved: %+v", p.Card.Pronouns)
	}
}

// TestDecodeTypeWords: a value of the wrong type is named in the API's
// words, never Go's.
func TestDecodeTypeWords(t *testing.T) {
	s, h, _, sam, _ := pageServer(t)
	_ = s
	for body, want := range map[string]string{
		`{"name": "x", "scopes": "profile:read"}`: "scopes: must be a list [...] of text in quotes, not string",
		`{"name": 5}`: "name: must be text in quotes, not number",
	} {
		st, out, _ := do(t, h, call{method: "POST", path: "/api/v1/tokens", body: body, token: sam})
		if _, msg := errorOf(out); st != 400 || msg != want {
			t.Errorf("%s: %d %q, want %q", body, st, msg, want)
		}
	}
}

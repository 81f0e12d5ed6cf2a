package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

// TestCardShareFormRedirects: "Make a link" redirects to the list, which
// shows the new link once; reloading the list makes no second link and
// no longer shows it, and the secret is in no address and no log.
func TestCardShareFormRedirects(t *testing.T) {
	s, h, _, sam, samID := pageServer(t)
	logs := captureLogs(s)
	b := newJarBrowser(t, h, sam)
	made := b.do("POST", "/profile/cards", url.Values{"share": {"levels"}, "expires_in": {"1h"}})
	if made.status != http.StatusSeeOther || made.location != "/profile/cards" {
		t.Fatalf("make a link: got %d to %q, want 303 to /profile/cards (%s)", made.status, made.location, made.find("#problem"))
	}
	shown := b.follow(made)
	link := shown.find(".secret")
	if shown.status != http.StatusOK || !strings.Contains(link, "/c/") || shown.doc.Find("svg.qr").Length() != 1 {
		t.Fatalf("the new link: %d %q", shown.status, link)
	}
	// 21:00 UTC and an hour: the end with its time.
	if got := shown.find(`section[aria-labelledby="new-link-h"]`); !strings.Contains(got, "until 24 Nov 2026, 22:00 UTC") {
		t.Errorf("the new link's end: %q", got)
	}
	token := link[strings.Index(link, "/c/")+3:]

	reload := b.do("GET", "/profile/cards", nil)
	if reload.status != http.StatusOK || reload.doc.Find(".secret").Length() != 0 {
		t.Errorf("a reload shows the link again: %d %q", reload.status, reload.find(".secret"))
	}
	if n := reload.doc.Find("tbody tr").Length(); n != 1 {
		t.Errorf("after a reload, %d links are listed, want 1", n)
	}
	if list, err := s.CardShares.FindCardShares(t.Context(), samID); err != nil || len(list) != 1 {
		t.Errorf("stored: %d links (%v), want 1", len(list), err)
	}
	if strings.Contains(made.location, token) || strings.Contains(logs.String(), token) {
		t.Errorf("the secret is in an address or the logs:\n%s", logs.String())
	}
}

// TestShownOnceForItsMaker: a new link waiting in a browser is not shown
// to someone else signed in there, nor from a cookie changed on the way.
func TestShownOnceForItsMaker(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	sam, alex := people(t, s, h)
	b := newJarBrowser(t, h, sam)
	made := b.do("POST", "/profile/cards", url.Values{"share": {"levels"}, "expires_in": {"1d"}})
	b.session = alex
	if got := b.follow(made); got.status != http.StatusOK || got.doc.Find(".secret").Length() != 0 {
		t.Errorf("another person sees the new link: %q", got.find(".secret"))
	}

	b.session = sam
	made = b.do("POST", "/profile/cards", url.Values{"share": {"levels"}, "expires_in": {"1d"}})
	var value string
	for _, c := range (&http.Response{Header: made.header}).Cookies() {
		if c.Name == "tend-new" {
			value = c.Value
		}
	}
	if value == "" {
		t.Fatal("no new link's cookie")
	}
	changed := []byte(value)
	changed[len(changed)/2] ^= 1
	got := browseCookie(t, h, "/profile/cards", sam, &http.Cookie{Name: "tend-new", Value: string(changed)})
	if got.status != http.StatusOK || got.doc.Find(".secret").Length() != 0 {
		t.Errorf("a changed cookie shows a link: %q", got.find(".secret"))
	}
}

// browseCookie gets a page with the session and one more cookie.
func browseCookie(t *testing.T, h http.Handler, path, session string, c *http.Cookie) pageAnswer {
	t.Helper()
	b := newJarBrowser(t, h, session)
	u := &url.URL{Scheme: "http", Host: "example.com", Path: path}
	b.jar.SetCookies(u, []*http.Cookie{c})
	return b.do("GET", path, nil)
}

// TestCardOpensCounted: a shared card's page counts one opening per
// browser, however often it reloads; the plan, file and QR codes count
// nothing. The page shows when the link ends, with the time, in the
// owner's time zone.
func TestCardOpensCounted(t *testing.T) {
	s, h, _, sam, samID := pageServer(t)
	do(t, h, call{method: "PUT", path: "/api/v1/settings", token: sam, body: `{"time_zone": "Europe/Berlin"}`})
	token, _, err := s.CardShares.CreateCardShare(t.Context(), samID, tend.ShareLevels, nil, 25*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	path := "/c/" + token
	robin := newJarBrowser(t, h, "")
	first := robin.do("GET", path, nil)
	if first.status != http.StatusOK {
		t.Fatalf("the card page: %d", first.status)
	}
	// 21:00 UTC and 25 hours is 23:00 in Berlin the next day.
	if got := first.find(".shared-card > p.muted"); !strings.Contains(got, "until 25 Nov 2026, 23:00 CET") {
		t.Errorf("the link's end: %q", got)
	}
	var seen *http.Cookie
	for _, c := range (&http.Response{Header: first.header}).Cookies() {
		if c.Name == "tend-seen" {
			seen = c
		}
	}
	if seen == nil || seen.Value != "1" || seen.Path != path || !seen.HttpOnly || seen.MaxAge <= 0 {
		t.Errorf("the seen cookie: %+v", seen)
	}
	for _, p := range []string{path, path, path + "/plan?name=Robin&r.water=need", path + "/card.json", path + "/qr.png", path + "/qr.svg", path + "/mine.json?r.water=need"} {
		if got := robin.do("GET", p, nil); got.status != http.StatusOK {
			t.Errorf("%s: %d", p, got.status)
		}
	}
	kim := newJarBrowser(t, h, "")
	kim.do("GET", path+"/card.json", nil)
	kim.do("GET", path, nil)

	list, err := s.CardShares.FindCardShares(t.Context(), samID)
	if err != nil || len(list) != 1 || list[0].Opens != 2 {
		t.Fatalf("opens: %+v %v, want 2 (Robin's and Kim's first visits)", list, err)
	}
	if got := browse(t, h, "GET", "/profile/cards", sam, nil).find("tbody td:nth-child(2)"); !strings.HasPrefix(got, "2 times, last") {
		t.Errorf("the list says %q", got)
	}
}

package web

import (
	"bytes"
	"image/png"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/tendcare/tend"
)

// TestSharedCard: a card shared by link opens for anyone with the link,
// shows only what it was shared with, lets a visitor see a plan for both
// (keeping nothing), and answers 404 once revoked or expired.
func TestSharedCard(t *testing.T) {
	s, h, clock, sam, _ := pageServer(t)
	do(t, h, call{method: "PUT", path: "/api/v1/profile", token: sam, body: `{"receive": {"water": "need", "cuddle": "like"}, "give": {"blanket": "glad"}, "notes": ["SAM-NOTE"], "space_first_minutes": 10}`})
	owner := newJarBrowser(t, h, sam)
	made := owner.follow(owner.do("POST", "/profile/cards", url.Values{"share": {"levels"}, "expires_in": {"1d"}}))
	link := made.find(".secret")
	if made.status != http.StatusOK || !strings.Contains(link, "/c/") || made.doc.Find("svg.qr").Length() != 1 {
		t.Fatalf("share: %d %q %s", made.status, link, made.find("#problem"))
	}
	path := link[strings.Index(link, "/c/"):]

	page := browse(t, h, "GET", path, "", nil)
	if page.status != 200 || page.find("h1") != "Sam's aftercare card" || !strings.Contains(page.find("main"), "A glass of water") ||
		strings.Contains(page.body, "SAM-NOTE") || !strings.Contains(page.find("main"), "10 minutes alone first") {
		t.Fatalf("the card page: %d %s", page.status, page.find("main"))
	}
	st, file := raw(t, h, call{method: "GET", path: path + "/card.json"})
	card, _, err := tend.ParseCard("card.json", []byte(file), s.Catalog)
	if st != 200 || err != nil || card.Name != "Sam" || card.Receive["water"] != tend.Need || len(card.Notes) != 0 || card.Expires.IsZero() {
		t.Errorf("the card file: %d %v %+v", st, err, card)
	}
	rec := serveRaw(h, path+"/qr.png")
	if _, err := png.Decode(bytes.NewReader(rec.Body.Bytes())); err != nil || rec.Header().Get("Content-Type") != "image/png" {
		t.Errorf("the PNG QR code: %v %q", err, rec.Header().Get("Content-Type"))
	}
	if rec := serveRaw(h, path+"/qr.svg"); !strings.HasPrefix(rec.Body.String(), "<svg") {
		t.Errorf("the SVG QR code: %.80s", rec.Body.String())
	}

	// A visitor adds their needs: a plan for both, nothing kept.
	// The answers are posted, never put in the address, where the
	// visitor's browser history would keep them.
	answers := url.Values{"name": {"Robin"}, "encounter": {"first-time"}, "r.cuddle": {"need"}, "g.water": {"glad"}}
	plan := browse(t, h, "POST", path+"/plan", "", answers)
	if plan.status != 200 || !strings.Contains(plan.find("#plan-h ~ ul"), "Robin: a cuddle.") || !strings.Contains(plan.find("section"), "Robin") {
		t.Fatalf("the visitor's plan: %d %s", plan.status, plan.find("main"))
	}
	if method, _ := plan.doc.Find(`form[action*="/plan"]`).Attr("method"); method != "post" {
		t.Errorf("the visitor's form is sent by %q, not posted", method)
	}
	if plan.doc.Find(`a[href*="/mine.json"], a[href*="r.cuddle"]`).Length() != 0 {
		t.Error("a link on the plan carries the visitor's answers in its address")
	}
	save := plan.doc.Find(`form[action$="/mine.json"]`)
	posted := url.Values{}
	save.Find("input[type=hidden]").Each(func(_ int, in *goquery.Selection) {
		n, _ := in.Attr("name")
		v, _ := in.Attr("value")
		posted.Add(n, v)
	})
	mine := browse(t, h, "POST", path+"/mine.json", "", posted)
	st, file = mine.status, mine.body
	if own, _, err := tend.ParseCard("mine", []byte(file), s.Catalog); st != 200 || err != nil || own.Name != "Robin" || own.Receive["cuddle"] != tend.Need {
		t.Errorf("the visitor's own card: %d %v %s", st, err, file)
	}
	if bad := browse(t, h, "GET", path+"/plan?encounter=sometimes", "", nil); bad.status != 400 || !strings.Contains(bad.find("#problem"), "kind of encounter") {
		t.Errorf("a bad kind: %d %q", bad.status, bad.find("#problem"))
	}
	list := browse(t, h, "GET", "/profile/cards", sam, nil)
	if !strings.Contains(list.find("tbody"), "1 time, last") {
		t.Errorf("the list does not say it was opened: %q", list.find("tbody"))
	}

	// Revoked: the link answers exactly like a wrong one.
	wrong := browse(t, h, "GET", "/c/not-a-token", "", nil)
	id, _ := list.doc.Find(`form[action$="/revoke"]`).Attr("action")
	browse(t, h, "POST", id, sam, url.Values{})
	if gone := browse(t, h, "GET", path, "", nil); gone.status != 404 || gone.body != wrong.body {
		t.Errorf("a revoked card: %d", gone.status)
	}
	// Expired, likewise.
	again := owner.follow(owner.do("POST", "/profile/cards", url.Values{"share": {"everything"}, "expires_in": {"1h"}}))
	later := again.find(".secret")
	clock.t = clock.t.Add(2 * time.Hour)
	if gone := browse(t, h, "GET", later[strings.Index(later, "/c/"):], "", nil); gone.status != 404 || gone.body != wrong.body {
		t.Errorf("an expired card: %d", gone.status)
	}
	if bad := browse(t, h, "POST", "/profile/cards", sam, url.Values{"share": {"levels"}, "expires_in": {"1y"}}); bad.status != 400 {
		t.Errorf("a year: %d", bad.status)
	}
}

func serveRaw(h http.Handler, path string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	return rec
}

func TestCardShareAPI(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	sam, _ := people(t, s, h)
	for _, body := range []string{`{"share": "levels", "expires_in": "2y"}`, `{"share": "most", "expires_in": "1d"}`, `{"share": "some", "expires_in": "1d"}`} {
		if st, out, _ := do(t, h, call{method: "POST", path: "/api/v1/cards", token: sam, body: body}); st != 400 {
			t.Errorf("%s: %d %v", body, st, out)
		}
	}
	st, out, _ := do(t, h, call{method: "POST", path: "/api/v1/cards", token: sam, body: `{"share": "some", "practices": ["water"], "expires_in": "12h"}`})
	if st != 201 || !strings.HasPrefix(out["path"].(string), "/c/") {
		t.Fatalf("share: %d %v", st, out)
	}
	id := out["card"].(map[string]any)["id"].(string)
	if _, out, _ = do(t, h, call{method: "GET", path: "/api/v1/cards", token: sam}); len(out["cards"].([]any)) != 1 {
		t.Errorf("list: %v", out)
	}
	if st, _, _ := do(t, h, call{method: "DELETE", path: "/api/v1/cards/" + id, token: sam}); st != 204 {
		t.Errorf("revoke: %d", st)
	}
	if st, _, _ := do(t, h, call{method: "DELETE", path: "/api/v1/cards/" + id, token: sam}); st != 404 {
		t.Errorf("revoke again: %d", st)
	}
}

package web

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/tendcare/tend"
)

// pageAnswer is a page's answer, parsed.
type pageAnswer struct {
	status   int
	location string
	doc      *goquery.Document
	body     string
	header   http.Header
}

// find is the trimmed text of what sel matches.
func (a pageAnswer) find(sel string) string { return strings.TrimSpace(a.doc.Find(sel).Text()) }

// browse sends a page request as a browser does, with the session cookie.
func browse(t *testing.T, h http.Handler, method, path, session string, form url.Values) pageAnswer {
	t.Helper()
	var body *strings.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	} else {
		body = strings.NewReader("")
	}
	req := httptest.NewRequest(method, path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if session != "" {
		req.AddCookie(&http.Cookie{Name: "tend", Value: session})
	}
	return serve(t, h, req)
}

func serve(t *testing.T, h http.Handler, req *http.Request) pageAnswer {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return pageAnswer{rec.Code, rec.Header().Get("Location"), doc, rec.Body.String(), rec.Header()}
}

// pageServer is a server with Sam signed in; it returns Sam's session
// and person id.
func pageServer(t *testing.T) (*Server, http.Handler, *testClock, string, string) {
	t.Helper()
	s, clock := newAccountServer(t, "open")
	h := s.Handler()
	sam, _ := people(t, s, h)
	sess, err := s.Sessions.FindSessionByToken(context.Background(), sam)
	if err != nil {
		t.Fatal(err)
	}
	return s, h, clock, sam, sess.PersonID
}

func profileOf(t *testing.T, s *Server, id string) *tend.Profile {
	t.Helper()
	p, err := s.Profiles.FindProfile(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPageFormsBadInput(t *testing.T) {
	s, h, _, sam, samID := pageServer(t)
	// A saved profile, so that "nothing saved" can be checked.
	if got := browse(t, h, "POST", "/profile/practices", sam, url.Values{"p": {"water"}, "r.water": {"need"}}); got.status != http.StatusSeeOther {
		t.Fatalf("first save: %d %s", got.status, got.find("#problem"))
	}
	expired := `{"tend": "card/v1", "name": "x", "expires": "2020-01-01T00:00:00Z", "receive": {"water": "like"}}`
	long := strings.Repeat("a", tend.MaxNoteLen+1)
	tests := []struct {
		name, path string
		form       url.Values
		status     int
		want       string
	}{
		{"SignupPasswordsDiffer", "/signup", url.Values{"display_name": {"Kim"}, "username": {"kim"}, "password": {"long enough 1"}, "password_again": {"long enough 2"}}, 400, "not the same"},
		{"SignupUsernameTaken", "/signup", url.Values{"display_name": {"Sam"}, "username": {"sam"}, "password": {"long enough 1"}, "password_again": {"long enough 1"}}, 400, "taken"},
		{"SignupBadUsername", "/signup", url.Values{"display_name": {"Kim"}, "username": {"K!"}, "password": {"long enough 1"}, "password_again": {"long enough 1"}}, 400, "username"},
		{"SigninWrongPassword", "/signin", url.Values{"username": {"sam"}, "password": {"not it at all"}}, 401, "do not match"},
		{"PracticesUnknownLevel", "/profile/practices", url.Values{"p": {"water"}, "r.water": {"always"}}, 400, "pick one"},
		{"PracticesUnknownPractice", "/profile/practices", url.Values{"p": {"no-such-thing"}, "r.no-such-thing": {"need"}}, 400, "does not know"},
		{"PracticesKindMinutes", "/profile/practices", url.Values{"kind": {"intense"}, "minutes": {"999"}, "p": {"water"}}, 400, "minutes"},
		{"PracticesLongNote", "/profile/practices", url.Values{"p": {"water"}, "r.water": {"need"}, "c.water": {strings.Repeat("b", 201)}}, 400, "the limit is 200"},
		{"AboutMinutesNotANumber", "/profile/about", url.Values{"space_first": {"ten"}}, 400, "whole number"},
		{"AboutDropWhen", "/profile/about", url.Values{"drop_when": {"sometimes"}}, 400, "pick one"},
		{"AboutNoteTooLong", "/profile/about", url.Values{"notes": {long}}, 400, "notes"},
		{"OwnNoTitle", "/profile/own/add", url.Values{"mode": {"given"}}, 400, "name the practice"},
		{"OwnBadMode", "/profile/own/add", url.Values{"title": {"Toast"}, "mode": {"sometimes"}}, 400, "who does it"},
		{"ImportNotJSON", "/profile/import", url.Values{"card": {"{not json"}}, 400, "line 1, column 2"},
		{"ImportExpired", "/profile/import", url.Values{"card": {expired}}, 400, "expired"},
		{"ImportNothing", "/profile/import", url.Values{}, 400, "choose a card file"},
		{"SettingsTimeZone", "/settings", url.Values{"display_name": {"Sam"}, "time_zone": {"Mars/Olympus"}}, 400, "time zone"},
		{"SettingsQuietHalf", "/settings", url.Values{"display_name": {"Sam"}, "time_zone": {"UTC"}, "quiet_start": {"22:00"}}, 400, "quiet hours"},
		{"SettingsNoName", "/settings", url.Values{"display_name": {" "}, "time_zone": {"UTC"}}, 400, "Name: what partners call you"},
		{"PasswordWrongCurrent", "/settings/password", url.Values{"current": {"nope nope nope"}, "new": {"a new password"}, "new_again": {"a new password"}}, 400, "isn't the password you sign in with"},
		{"PasswordsDiffer", "/settings/password", url.Values{"current": {"correct horse battery"}, "new": {"a new password"}, "new_again": {"a new passwort"}}, 400, "not the same"},
		{"ExportWrongPassword", "/settings/export", url.Values{"password": {"nope nope nope"}}, 400, "isn't the password you sign in with"},
		{"DeleteNotTicked", "/settings/delete", url.Values{"password": {"correct horse battery"}}, 400, "tick the box"},
		{"TokenNoName", "/settings/tokens", url.Values{"name": {""}}, 400, "what the token is for"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := profileOf(t, s, samID)
			session := sam
			if strings.HasPrefix(tc.path, "/sign") {
				session = ""
			}
			got := browse(t, h, "POST", tc.path, session, tc.form)
			if got.status != tc.status || !strings.Contains(strings.ToLower(got.find("#problem")), strings.ToLower(tc.want)) {
				t.Errorf("got %d %q, want %d saying %q", got.status, got.find("#problem"), tc.status, tc.want)
			}
			if got.find("h1") == "" {
				t.Errorf("no form shown again:\n%s", got.body)
			}
			if after := profileOf(t, s, samID); after.Version != before.Version {
				t.Errorf("a new version was saved: %d, was %d", after.Version, before.Version)
			}
		})
	}
	if _, err := s.People.FindPersonByID(context.Background(), samID); err != nil {
		t.Errorf("Sam is gone after the refused deletion: %v", err)
	}
}

// TestPracticesKeepsWhatTheFormDidNotShow saves one category and finds the
// others untouched, then sets and clears one kind's adjustments.
func TestPracticesKeepsWhatTheFormDidNotShow(t *testing.T) {
	s, h, _, sam, samID := pageServer(t)
	browse(t, h, "POST", "/profile/practices", sam, url.Values{"p": {"cuddle"}, "r.cuddle": {"need"}, "g.cuddle": {"glad"}})
	got := browse(t, h, "POST", "/profile/practices", sam, url.Values{"p": {"water", "blanket"}, "r.water": {"like"}, "r.blanket": {""}, "c.water": {"cold"}})
	if got.status != http.StatusSeeOther || !strings.HasSuffix(got.location, "done=saved") {
		t.Fatalf("save: %d to %q", got.status, got.location)
	}
	c := profileOf(t, s, samID).Card
	if c.Receive["cuddle"] != tend.Need || c.Give["cuddle"] != tend.Glad || c.Receive["water"] != tend.Like || c.Comments["water"] != "cold" {
		t.Errorf("after two saves: %+v", c)
	}
	// The same again saves nothing new.
	v := profileOf(t, s, samID).Version
	if got := browse(t, h, "POST", "/profile/practices", sam, url.Values{"p": {"water"}, "r.water": {"like"}, "c.water": {"cold"}}); !strings.Contains(got.location, "done=unchanged") {
		t.Errorf("an unchanged save went to %q", got.location)
	}
	if profileOf(t, s, samID).Version != v {
		t.Errorf("an unchanged save made a version")
	}
	browse(t, h, "POST", "/profile/practices", sam, url.Values{"kind": {"intense"}, "minutes": {"45"}, "p": {"water"}, "r.water": {"need"}})
	o := profileOf(t, s, samID).Card.Encounters[tend.Intense]
	if o == nil || o.Minutes != 45 || o.Receive["water"] != tend.Need {
		t.Fatalf("intense: %+v", o)
	}
	page := browse(t, h, "GET", "/profile/practices?kind=intense", sam, nil)
	if got := page.doc.Find(`select[name="r.water"] option[selected]`).AttrOr("value", ""); got != "need" {
		t.Errorf("the intense page shows water as %q", got)
	}
	if got := page.doc.Find(`select[name="r.water"] option[value=""]`).Text(); !strings.Contains(got, "As usual") || !strings.Contains(got, "I'd like this") {
		t.Errorf("the usual level reads %q", got)
	}
	browse(t, h, "POST", "/profile/practices", sam, url.Values{"kind": {"intense"}, "minutes": {""}, "p": {"water"}, "r.water": {""}})
	if o := profileOf(t, s, samID).Card.Encounters; len(o) != 0 {
		t.Errorf("clearing intense left %+v", o[tend.Intense])
	}
	// Search finds practices across categories.
	found := browse(t, h, "GET", "/profile/practices?q=blanket", sam, nil)
	if n := found.doc.Find("fieldset.practice").Length(); n < 2 {
		t.Errorf("searching blanket: %d practices", n)
	}
	if bad := browse(t, h, "GET", "/profile/practices?category=nope", sam, nil); bad.status != 400 {
		t.Errorf("unknown category: %d", bad.status)
	}
}

func TestOwnPracticesPage(t *testing.T) {
	s, h, _, sam, samID := pageServer(t)
	for range 2 {
		if got := browse(t, h, "POST", "/profile/own/add", sam, url.Values{"title": {"Feed me toast!"}, "mode": {"given"}, "r": {"need"}, "quick": {"1"}}); got.status != http.StatusSeeOther {
			t.Fatalf("add: %d %s", got.status, got.find("#problem"))
		}
	}
	c := profileOf(t, s, samID).Card
	if len(c.Custom) != 2 || c.Custom[0].ID != "x-feed-me-toast" || c.Custom[1].ID != "x-feed-me-toast-2" || !c.Custom[0].Quick || c.Custom[0].Receive != tend.Need {
		t.Fatalf("own practices: %+v", c.Custom)
	}
	browse(t, h, "POST", "/profile/practices", sam, url.Values{"kind": {"intense"}, "minutes": {"30"}})
	// A form that did not show a practice (added meanwhile elsewhere)
	// leaves it as it is.
	if got := browse(t, h, "POST", "/profile/own", sam, url.Values{"p": {"x-feed-me-toast"}, "r.x-feed-me-toast": {"need"}}); !strings.Contains(got.location, "unchanged") {
		t.Errorf("a form without the second practice changed something: %q", got.location)
	}
	got := browse(t, h, "POST", "/profile/own", sam, url.Values{"p": {"x-feed-me-toast", "x-feed-me-toast-2"},
		"r.x-feed-me-toast": {"like"}, "remove.x-feed-me-toast-2": {"1"}})
	if got.status != http.StatusSeeOther {
		t.Fatalf("change: %d %s", got.status, got.find("#problem"))
	}
	c = profileOf(t, s, samID).Card
	if len(c.Custom) != 1 || c.Custom[0].Receive != tend.Like {
		t.Errorf("after the change: %+v", c.Custom)
	}
	if p := browse(t, h, "GET", "/profile", sam, nil); !strings.Contains(p.find("#plan-h ~ ol"), "") || !strings.Contains(p.body, "Feed me toast!") {
		t.Errorf("the profile page does not show the own practice")
	}
}

func TestImportPreviewThenConfirm(t *testing.T) {
	s, h, _, sam, samID := pageServer(t)
	card := `{"tend": "card/v1", "name": "Whoever", "receive": {"water": "need", "tea-time": "like"}, "notes": ["Hold me"]}`
	// Uploaded as a file, as the page's form does.
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", "sam.tend-card.json")
	fw.Write([]byte(card))
	mw.Close()
	req := httptest.NewRequest("POST", "/profile/import", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.AddCookie(&http.Cookie{Name: "tend", Value: sam})
	preview := serve(t, h, req)
	if preview.status != 200 || !strings.Contains(preview.find(".changes"), "A glass of water") {
		t.Fatalf("preview: %d %s", preview.status, preview.find("main"))
	}
	if !strings.Contains(preview.find(".panel"), "tea-time") {
		t.Errorf("the unknown id is not mentioned: %s", preview.find("main"))
	}
	if v := profileOf(t, s, samID).Version; v != 0 {
		t.Fatalf("the preview saved version %d", v)
	}
	if preview.doc.Find(`form[action="/profile/import"] button`).Length() != 1 {
		t.Errorf("the preview offers no import")
	}
	carried, _ := preview.doc.Find(`input[name="card"]`).Attr("value")
	version, _ := preview.doc.Find(`input[name="version"]`).Attr("value")
	// The profile changes on another device between preview and confirm:
	// the confirmation shows the changes again instead of saving.
	browse(t, h, "POST", "/profile/practices", sam, url.Values{"p": {"blanket"}, "r.blanket": {"like"}})
	again := browse(t, h, "POST", "/profile/import", sam, url.Values{"confirm": {"1"}, "version": {version}, "card": {carried}})
	if again.status != 200 || !strings.Contains(again.find(".flash"), "changed since") || !strings.Contains(again.find(".changes"), "A soft blanket") {
		t.Fatalf("a stale confirmation: %d %q", again.status, again.find("main"))
	}
	if v := profileOf(t, s, samID).Version; v != 1 {
		t.Fatalf("a stale confirmation saved: version %d", v)
	}
	version, _ = again.doc.Find(`input[name="version"]`).Attr("value")
	got := browse(t, h, "POST", "/profile/import", sam, url.Values{"confirm": {"1"}, "version": {version}, "card": {carried}})
	if got.status != http.StatusSeeOther || !strings.Contains(got.location, "done=imported") {
		t.Fatalf("confirm: %d %q %s", got.status, got.location, got.find("#problem"))
	}
	c := profileOf(t, s, samID).Card
	if c.Receive["water"] != tend.Need || len(c.Notes) != 1 {
		t.Errorf("imported: %+v", c)
	}
	same := browse(t, h, "POST", "/profile/import", sam, url.Values{"card": {card}})
	if !strings.Contains(same.find("main"), "would change nothing") || same.doc.Find(`form[action="/profile/import"] button`).Length() != 0 {
		t.Errorf("the same card again: %q", same.find("main"))
	}
}

func TestHistoryRestoreAndReview(t *testing.T) {
	s, h, clock, sam, samID := pageServer(t)
	browse(t, h, "POST", "/profile/practices", sam, url.Values{"p": {"water"}, "r.water": {"need"}})
	browse(t, h, "POST", "/profile/practices", sam, url.Values{"p": {"water"}, "r.water": {"never"}})
	v := browse(t, h, "GET", "/profile/history/2", sam, nil)
	if got := v.find(".changes"); !strings.Contains(got, "I need this") || !strings.Contains(got, "Never, please") {
		t.Errorf("version 2's changes: %q", got)
	}
	if v.doc.Find(`form[action="/profile/history/2/restore"]`).Length() != 0 {
		t.Errorf("the current version offers to be restored")
	}
	if got := browse(t, h, "POST", "/profile/history/1/restore", sam, url.Values{}); got.status != http.StatusSeeOther {
		t.Fatalf("restore: %d", got.status)
	}
	if p := profileOf(t, s, samID); p.Version != 3 || p.Card.Receive["water"] != tend.Need {
		t.Errorf("after restoring 1: version %d, water %q", p.Version, p.Card.Receive["water"])
	}
	if got := browse(t, h, "GET", "/profile/history/99", sam, nil); got.status != 404 {
		t.Errorf("a missing version: %d", got.status)
	}
	if home := browse(t, h, "GET", "/", sam, nil); home.doc.Find("#review-h").Length() != 0 {
		t.Errorf("a fresh profile is nudged for review")
	}
	clock.t = clock.t.Add(tend.ReviewAfter + time.Hour)
	// The old session has timed out by now; sign in again.
	sam, _, err := s.Sessions.CreateSession(context.Background(), samID, "test")
	if err != nil {
		t.Fatal(err)
	}
	home := browse(t, h, "GET", "/", sam, nil)
	if home.doc.Find("#review-h").Length() != 1 {
		t.Fatalf("no review nudge after 90 days:\n%s", home.find("main"))
	}
	browse(t, h, "POST", "/profile/reviewed", sam, url.Values{})
	if home := browse(t, h, "GET", "/", sam, nil); home.doc.Find("#review-h").Length() != 0 {
		t.Errorf("still nudged after the review")
	}
}

func TestAccountPages(t *testing.T) {
	s, h, _, sam, samID := pageServer(t)
	got := browse(t, h, "POST", "/settings", sam, url.Values{"display_name": {"Sam R."}, "time_zone": {"Europe/Berlin"}, "quiet_start": {"22:00"}, "quiet_end": {"07:30"}})
	if got.status != http.StatusSeeOther {
		t.Fatalf("settings: %d %s", got.status, got.find("#problem"))
	}
	p, _ := s.People.FindPersonByID(context.Background(), samID)
	if p.DisplayName != "Sam R." || p.TimeZone != "Europe/Berlin" || p.Quiet == nil || p.Quiet.EndText() != "07:30" {
		t.Errorf("settings saved: %+v", p)
	}
	// Times show in the person's own zone (21:00 UTC is 22:00 in Berlin).
	if got := browse(t, h, "GET", "/settings/devices", sam, nil).find("tbody"); !strings.Contains(got, "24 Nov 2026, 22:00 CET") {
		t.Errorf("devices in Berlin time: %q", got)
	}
	b := newJarBrowser(t, h, sam)
	made := b.do("POST", "/settings/tokens", url.Values{"name": {"backup"}, "scope": {"profile:read", "circles:read"}})
	if made.status != http.StatusSeeOther || !strings.HasPrefix(made.location, "/settings/tokens") || strings.Contains(made.location, tend.APITokenPrefix) {
		t.Fatalf("token: %d to %q, want a redirect without the secret", made.status, made.location)
	}
	tok := b.follow(made)
	if !strings.HasPrefix(tok.find(".secret"), tend.APITokenPrefix) {
		t.Fatalf("the secret is not shown after the redirect: %q", tok.find(".secret"))
	}
	if got := tok.find("tbody .scopes"); !strings.Contains(got, "Read my profile") || !strings.Contains(got, "Read my circles") || strings.Contains(got, "Change") {
		t.Errorf("the token's scopes as listed: %q", got)
	}
	// A reload shows no secret, and makes no second token.
	if again := b.do("GET", made.location, nil); again.find(".secret") != "" {
		t.Errorf("the secret shows again on a reload")
	}
	if list, _ := s.Tokens.FindAPITokens(context.Background(), samID); len(list) != 1 {
		t.Errorf("%d tokens after one form", len(list))
	}
	if got := tok.find("tbody td:nth-child(3)"); got != "Never" {
		t.Errorf("a new token's last use: %q", got)
	}
	export := browse(t, h, "POST", "/settings/export", sam, url.Values{"password": {"correct horse battery"}})
	var doc map[string]any
	if export.status != 200 || json.Unmarshal([]byte(export.body), &doc) != nil || doc["tend"] != "export/v1" || doc["circles"] == nil || doc["shared_cards"] == nil {
		t.Fatalf("export: %d %.200s", export.status, export.body)
	}
	if !strings.HasPrefix(export.header.Get("Content-Disposition"), "attachment") {
		t.Errorf("export is not a download")
	}
	got = browse(t, h, "POST", "/settings/delete", sam, url.Values{"password": {"correct horse battery"}, "understood": {"1"}})
	if got.status != http.StatusSeeOther || got.location != "/signin?done=goodbye" {
		t.Fatalf("delete: %d %q %s", got.status, got.location, got.find("#problem"))
	}
	if _, err := s.People.FindPersonByID(context.Background(), samID); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("after deletion: %v", err)
	}
	if got := browse(t, h, "GET", "/profile", sam, nil); got.status != http.StatusSeeOther {
		t.Errorf("the deleted account's session still opens pages: %d", got.status)
	}
}

func TestSigninPage(t *testing.T) {
	s, h, _, sam, _ := pageServer(t)
	for _, next := range []string{"//evil.example/", "https://evil.example/", "/\\evil.example", "/api/v1/export",
		"/\t/evil.example", "/\n/evil.example", "/\r//evil.example", "/x\\..\\/evil.example"} {
		got := browse(t, h, "POST", "/signin", "", url.Values{"username": {"sam"}, "password": {"correct horse battery"}, "next": {next}})
		if got.status != http.StatusSeeOther || got.location != "/" {
			t.Errorf("next=%q: went to %q", next, got.location)
		}
	}
	// Signed in already, the sign-in page sends the browser on at once,
	// but only to a path here (a tab is dropped by browsers: "//evil").
	for next, want := range map[string]string{"/%09/evil.example": "/", "/%0a/evil.example": "/", "/profile/about": "/profile/about"} {
		if got := browse(t, h, "GET", "/signin?next="+next, sam, nil); got.location != want {
			t.Errorf("signed in, next=%s: went to %q, want %q", next, got.location, want)
		}
	}
	got := browse(t, h, "POST", "/signin", "", url.Values{"username": {"Sam "}, "password": {"correct horse battery"}, "next": {"/profile/about"}})
	if got.location != "/profile/about" || !strings.Contains(strings.Join(got.header.Values("Set-Cookie"), ";"), "HttpOnly") {
		t.Errorf("signing in: to %q, cookies %q", got.location, got.header.Values("Set-Cookie"))
	}
	if out := browse(t, h, "GET", "/settings", "", nil); out.location != "/signin?next=%2Fsettings" {
		t.Errorf("signed out, /settings went to %q", out.location)
	}
	// Behind a reverse proxy that ends TLS, the public URL says HTTPS:
	// the cookie is then __Host- and Secure, and HSTS is sent.
	s.PublicURL = "https://tend.example.org"
	got = browse(t, h, "POST", "/signin", "", url.Values{"username": {"sam"}, "password": {"correct horse battery"}})
	cookie := strings.Join(got.header.Values("Set-Cookie"), ";")
	if !strings.HasPrefix(cookie, "__Host-tend=") || !strings.Contains(cookie, "Secure") || got.header.Get("Strict-Transport-Security") == "" {
		t.Errorf("behind HTTPS: cookie %q, HSTS %q", cookie, got.header.Get("Strict-Transport-Security"))
	}
}

func TestStaticAndNotFound(t *testing.T) {
	_, h, _, sam, _ := pageServer(t)
	page := browse(t, h, "GET", "/profile", sam, nil)
	css, _ := page.doc.Find(`link[rel=stylesheet]`).Attr("href")
	got := browse(t, h, "GET", css, "", nil)
	if got.status != 200 || !strings.Contains(got.header.Get("Cache-Control"), "immutable") || !strings.HasPrefix(got.header.Get("Content-Type"), "text/css") {
		t.Errorf("%s: %d %v", css, got.status, got.header)
	}
	wrong := strings.Replace(css, "/static/", "/static/0", 1)
	if got := browse(t, h, "GET", wrong, "", nil); got.status != 404 {
		t.Errorf("a stale hash: %d", got.status)
	}
	if got := browse(t, h, "GET", "/no-such-page", sam, nil); got.status != 404 || got.find("h1") != "Not found" {
		t.Errorf("a missing page: %d %q", got.status, got.find("h1"))
	}
	if got := browse(t, h, "GET", "/api/v1/no-such-thing", "", nil); got.status != 404 || !strings.Contains(got.body, `"not_found"`) {
		t.Errorf("a missing API path: %d %s", got.status, got.body)
	}
	away := browse(t, h, "GET", "/away", "", nil)
	if strings.Contains(strings.ToLower(away.body), "tend") {
		t.Errorf("the quick exit page names Tend:\n%s", away.body)
	}
	for _, sel := range []string{"[data-quick-exit]", "script[src]"} {
		if page.doc.Find(sel).Length() == 0 {
			t.Errorf("the profile page has no %s", sel)
		}
	}
	if page.doc.Find("script:not([src])").Length() != 0 || page.doc.Find("[style]").Length() != 0 {
		t.Errorf("inline script or style on a page (the CSP forbids them)")
	}
}

// TestProfilePageFollowsSaves: the page's body is kept per version, so a
// new save or a new name shows at once.
func TestProfilePageFollowsSaves(t *testing.T) {
	_, h, _, sam, _ := pageServer(t)
	browse(t, h, "POST", "/profile/practices", sam, url.Values{"p": {"water"}, "r.water": {"need"}})
	if got := browse(t, h, "GET", "/profile", sam, nil).find("#glance-h ~ ul"); !strings.Contains(got, "A glass of water") {
		t.Fatalf("needs after the first save: %q", got)
	}
	browse(t, h, "POST", "/profile/practices", sam, url.Values{"p": {"water"}, "r.water": {"never"}})
	if got := browse(t, h, "GET", "/profile", sam, nil).find("#glance-h ~ ul"); strings.Contains(got, "A glass of water") {
		t.Errorf("needs after water became never: %q", got)
	}
	browse(t, h, "POST", "/profile/practices", sam, url.Values{"p": {"blanket"}, "r.blanket": {"need"}})
	if got := browse(t, h, "GET", "/profile", sam, nil).find("ol.plan-steps"); !strings.Contains(got, "Sam needs") {
		t.Fatalf("the plan before the new name: %q", got)
	}
	browse(t, h, "POST", "/settings", sam, url.Values{"display_name": {"Samira"}, "time_zone": {"UTC"}})
	if got := browse(t, h, "GET", "/profile", sam, nil).find("ol.plan-steps"); !strings.Contains(got, "Samira needs") {
		t.Errorf("the plan still says Sam: %q", got)
	}
	if got := browse(t, h, "GET", "/profile?encounter=sometimes", sam, nil); got.status != 400 {
		t.Errorf("an unknown kind: %d", got.status)
	}
}

package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tendcare/tend"
)

// mustAccount makes an account straight in the store (whatever the
// server's sign-up rule) and returns the person and a session token.
func mustAccount(t *testing.T, s *Server, username, name string) (*tend.Person, string) {
	t.Helper()
	ctx := context.Background()
	hash, err := s.Passwords.Hash(ctx, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	p := &tend.Person{Username: username, DisplayName: name, TimeZone: "UTC"}
	if err := s.Credentials.CreateAccount(ctx, p, hash); err != nil {
		t.Fatal(err)
	}
	token, _, err := s.Sessions.CreateSession(ctx, p.ID, "test")
	if err != nil {
		t.Fatal(err)
	}
	return p, token
}

// invitingCircle is Sam's circle "us", with Alex in it, and an
// invitation to it from Sam.
func invitingCircle(t *testing.T, s *Server) (sam *tend.Person, c *tend.Circle, token string) {
	t.Helper()
	ctx := context.Background()
	sam, _ = mustAccount(t, s, "sam", "Sam")
	alex, _ := mustAccount(t, s, "alex", "Alex")
	c, err := s.Circles.CreateCircle(ctx, sam.ID, "us")
	if err != nil {
		t.Fatal(err)
	}
	first, _, err := s.Circles.CreateInvite(ctx, sam.ID, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Circles.AcceptInvite(ctx, first, alex.ID); err != nil {
		t.Fatal(err)
	}
	if token, _, err = s.Circles.CreateInvite(ctx, sam.ID, c.ID); err != nil {
		t.Fatal(err)
	}
	return sam, c, token
}

// TestInvitePageSignedOut: signed out, an invitation's page says who
// invites to which circle, without the other members, and offers to make
// an account or sign in, each coming back to it.
func TestInvitePageSignedOut(t *testing.T) {
	for _, tc := range []struct {
		signup string
		offer  bool
	}{{"open", true}, {"invite", true}, {"closed", false}} {
		t.Run(tc.signup, func(t *testing.T) {
			s, _ := newAccountServer(t, tc.signup)
			h := s.Handler()
			_, _, token := invitingCircle(t, s)
			got := browse(t, h, "GET", "/invites/"+token, "", nil)
			if got.status != http.StatusOK {
				t.Fatalf("signed out: %d to %q", got.status, got.location)
			}
			if p := got.find("main p:first-of-type"); p != "Sam invites you to join “us”, a circle on Tend." {
				t.Errorf("who and what: %q", p)
			}
			if strings.Contains(got.find("main"), "Alex") || got.doc.Find(`form[action$="/accept"]`).Length() != 0 {
				t.Errorf("signed out, the page shows the members or a way to join: %q", got.find("main"))
			}
			back := url.QueryEscape("/invites/" + token)
			if href, _ := got.doc.Find(`main a[href^="/signin"]`).Attr("href"); href != "/signin?next="+back {
				t.Errorf("sign in: %q", href)
			}
			href, offered := got.doc.Find(`main a[href^="/signup"]`).Attr("href")
			if offered != tc.offer || (offered && href != "/signup?next="+back) {
				t.Errorf("make an account: %q (offered %v, want %v)", href, offered, tc.offer)
			}
		})
	}
}

// TestInviteNotFound: a wrong, used and expired invitation answer the
// same 404, signed in or out.
func TestInviteNotFound(t *testing.T) {
	s, clock := newAccountServer(t, "open")
	h := s.Handler()
	sam, c, used := invitingCircle(t, s)
	kim, kimSession := mustAccount(t, s, "kim", "Kim")
	if _, err := s.Circles.AcceptInvite(t.Context(), used, kim.ID); err != nil {
		t.Fatal(err)
	}
	expired, _, err := s.Circles.CreateInvite(t.Context(), sam.ID, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	clock.t = clock.t.Add(tend.InviteTTL)
	for _, session := range []string{"", kimSession} {
		wrong := browse(t, h, "GET", "/invites/not-a-token", session, nil)
		if wrong.status != http.StatusNotFound {
			t.Fatalf("a wrong invitation (session %v): %d", session != "", wrong.status)
		}
		for name, token := range map[string]string{"used": used, "expired": expired} {
			if got := browse(t, h, "GET", "/invites/"+token, session, nil); got.status != http.StatusNotFound || got.body != wrong.body {
				t.Errorf("a %s invitation (session %v): %d, not the same 404", name, session != "", got.status)
			}
		}
	}
}

// TestInviteSurvivesSignup: signed out, someone opens an invitation,
// makes an account, comes back to it, and joins; and someone with an
// account signs in and comes back to it. The invitation's token is in
// no log line.
func TestInviteSurvivesSignup(t *testing.T) {
	for _, signup := range []string{"open", "invite"} {
		t.Run(signup, func(t *testing.T) {
			s, _ := newAccountServer(t, signup)
			logs := captureLogs(s)
			h := s.Handler()
			_, c, token := invitingCircle(t, s)

			kim := newJarBrowser(t, h, "")
			page := kim.do("GET", "/invites/"+token, nil)
			href, _ := page.doc.Find(`main a[href^="/signup"]`).Attr("href")
			if page.status != http.StatusOK || href == "" {
				t.Fatalf("the invitation, signed out: %d to %q, no way to make an account", page.status, page.location)
			}
			form := kim.do("GET", href, nil)
			next, _ := form.doc.Find(`form[action="/signup"] input[name="next"]`).Attr("value")
			if form.status != http.StatusOK || next != "/invites/"+token {
				t.Fatalf("the sign-up page: %d, next %q", form.status, next)
			}
			made := kim.do("POST", "/signup", url.Values{"display_name": {"Kim"}, "username": {"kim"}, "password": {"correct horse battery"},
				"password_again": {"correct horse battery"}, "time_zone": {"UTC"}, "next": {next}})
			if made.status != http.StatusSeeOther || made.location != "/invites/"+token+"?done=invited" {
				t.Fatalf("signed up: %d to %q %s", made.status, made.location, made.find("#problem"))
			}
			back := kim.follow(made)
			if back.status != http.StatusOK || back.doc.Find(`form[action="/invites/`+token+`/accept"]`).Length() != 1 || back.find(".flash") == "" {
				t.Fatalf("back at the invitation: %d %q", back.status, back.find("main"))
			}
			joined := kim.do("POST", "/invites/"+token+"/accept", url.Values{})
			if joined.status != http.StatusSeeOther || !strings.HasPrefix(joined.location, "/circles/"+c.ID) {
				t.Fatalf("join: %d to %q", joined.status, joined.location)
			}

			// Someone with an account signs in from an invitation.
			sam, _ := s.People.FindPersonByUsername(t.Context(), "sam")
			again, _, err := s.Circles.CreateInvite(t.Context(), sam.ID, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			mustAccount(t, s, "lee", "Lee")
			lee := newJarBrowser(t, h, "")
			if href, _ = lee.do("GET", "/invites/"+again, nil).doc.Find(`main a[href^="/signin"]`).Attr("href"); href == "" {
				t.Fatal("the invitation, signed out: no way to sign in")
			}
			signin := lee.do("GET", href, nil)
			next, _ = signin.doc.Find(`form[action="/signin"] input[name="next"]`).Attr("value")
			in := lee.do("POST", "/signin", url.Values{"username": {"lee"}, "password": {"correct horse battery"}, "next": {next}})
			if in.status != http.StatusSeeOther || in.location != "/invites/"+again {
				t.Fatalf("signed in: %d to %q %s", in.status, in.location, in.find("#problem"))
			}
			if got := lee.follow(in); got.doc.Find(`form[action$="/accept"]`).Length() != 1 {
				t.Fatalf("back at the invitation: %q", got.find("main"))
			}
			if l := logs.String(); strings.Contains(l, token) || strings.Contains(l, again) || !strings.Contains(l, "/invites/{token}") {
				t.Errorf("the logs:\n%s", l)
			}
		})
	}
}

// TestSignupByInvite: with --signup invite, an account is made only with
// a valid invitation, by the API and the page, one per invitation; the
// invitation then waits to be answered.
func TestSignupByInvite(t *testing.T) {
	s, _ := newAccountServer(t, "invite")
	h := s.Handler()
	_, c, token := invitingCircle(t, s)
	body := func(username, invite string) string {
		return `{"display_name": "Kim", "username": "` + username + `", "password": "correct horse battery", "invite": "` + invite + `"}`
	}
	for _, tc := range []struct {
		name, body string
		status     int
	}{
		{"NoInvite", `{"display_name": "Kim", "username": "kim", "password": "correct horse battery"}`, 403},
		{"WrongInvite", body("kim", "not-a-token"), 403},
		{"BadUsername", body("K!", token), 400},
		{"ValidInvite", body("kim", token), 201},
		{"SecondAccount", body("lee", token), 403},
	} {
		st, out, _ := do(t, h, call{method: "POST", path: "/api/v1/signup", body: tc.body})
		if st != tc.status {
			t.Errorf("%s: got %d %v, want %d", tc.name, st, out, tc.status)
		}
		if st == 201 {
			person := out["person"].(map[string]any)
			if person["admin"] != false {
				t.Errorf("%s: an invited person is an administrator", tc.name)
			}
			if st, out, _ := do(t, h, call{method: "GET", path: "/api/v1/invites/" + token, token: out["token"].(string)}); st != 200 ||
				out["circle"].(map[string]any)["name"] != "us" {
				t.Errorf("%s: the invitation after signing up: %d %v", tc.name, st, out)
			}
		}
	}
	if _, err := s.Credentials.FindCredentials(t.Context(), "lee"); err == nil {
		t.Errorf("a second sign-up by one invitation made an account")
	}

	// The page: a form only on the way to a valid invitation.
	sam, _ := s.People.FindPersonByUsername(t.Context(), "sam")
	fresh, _, err := s.Circles.CreateInvite(t.Context(), sam.ID, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, path string
		form       bool
		says       string
	}{
		{"NoInvite", "/signup", false, "except by invitation"},
		{"WrongInvite", "/signup?next=" + url.QueryEscape("/invites/not-a-token"), false, "not valid"},
		{"ValidInvite", "/signup?next=" + url.QueryEscape("/invites/"+fresh), true, "come back to your invitation"},
	} {
		got := browse(t, h, "GET", tc.path, "", nil)
		if form := got.doc.Find(`form[action="/signup"]`).Length() == 1; got.status != 200 || form != tc.form || !strings.Contains(got.find("main"), tc.says) {
			t.Errorf("%s: %d, form %v, says %q", tc.name, got.status, form, got.find("main"))
		}
	}
	made := func(next, username string) pageAnswer {
		return browse(t, h, "POST", "/signup", "", url.Values{"display_name": {"Robin"}, "username": {username}, "password": {"correct horse battery"},
			"password_again": {"correct horse battery"}, "next": {next}})
	}
	if got := made("/", "robin"); got.status != 403 || !strings.Contains(got.find("#problem"), "by invitation only") {
		t.Errorf("the page without an invitation: %d %q", got.status, got.find("#problem"))
	}
	if got := made("/invites/not-a-token", "robin"); got.status != 403 || !strings.Contains(got.find("#problem"), "not valid") {
		t.Errorf("the page with a wrong invitation: %d %q", got.status, got.find("#problem"))
	}
	if _, err := s.Credentials.FindCredentials(t.Context(), "robin"); err == nil {
		t.Errorf("a refused sign-up made an account")
	}
	if got := made("/invites/"+fresh, "robin"); got.status != 303 || got.location != "/invites/"+fresh+"?done=invited" {
		t.Errorf("the page with a valid invitation: %d to %q %s", got.status, got.location, got.find("#problem"))
	}
}

// TestCircleInviteFormRedirects: "Make an invitation link" redirects to
// the circle, which shows the link once, with when it ends; a reload
// shows it no more and makes no other. The secret is in no address and
// no log.
func TestCircleInviteFormRedirects(t *testing.T) {
	s, h, _, sam, samID := pageServer(t)
	logs := captureLogs(s)
	c, err := s.Circles.CreateCircle(t.Context(), samID, "us")
	if err != nil {
		t.Fatal(err)
	}
	b := newJarBrowser(t, h, sam)
	made := b.do("POST", "/circles/"+c.ID+"/invite", url.Values{})
	if made.status != http.StatusSeeOther || made.location != "/circles/"+c.ID {
		t.Fatalf("make a link: got %d to %q, want 303 to the circle", made.status, made.location)
	}
	shown := b.follow(made)
	link := shown.find(".secret")
	if shown.status != http.StatusOK || !strings.Contains(link, "/invites/") || shown.doc.Find("svg.qr").Length() != 1 ||
		!strings.Contains(shown.find(`section[aria-labelledby="invite-h"]`), "until 1 Dec 2026, 21:00 UTC") {
		t.Fatalf("the new link: %d %q", shown.status, shown.find(`section[aria-labelledby="invite-h"]`))
	}
	token := link[strings.Index(link, "/invites/")+len("/invites/"):]
	if reload := b.do("GET", "/circles/"+c.ID, nil); reload.doc.Find(".secret").Length() != 0 {
		t.Errorf("a reload shows the link again")
	}
	// The link is for this circle's page only.
	if other := b.do("GET", "/circles", nil); other.doc.Find(".secret").Length() != 0 {
		t.Errorf("another page shows the link")
	}
	if got := browse(t, h, "GET", "/invites/"+token, "", nil); got.status != http.StatusOK {
		t.Errorf("the link shown: %d", got.status)
	}
	if strings.Contains(made.location, token) || strings.Contains(logs.String(), token) {
		t.Errorf("the secret is in an address or the logs:\n%s", logs.String())
	}
}

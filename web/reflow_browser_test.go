package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tendcare/tend"
)

// TestBrowserReflow: every page, at 320 px wide, fits the screen (WCAG
// 1.4.10): no sideways scrolling, nothing cut off, even with the longest
// names, unbroken words and addresses the forms allow; the main
// navigation shows every item. axe-core checks each page, dark and light.
func TestBrowserReflow(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	b := newBrowser(t, h)
	b.setWidth(320)
	for _, path := range []string{"/", "/signin", "/signup", "/away", "/no-such-page"} {
		b.open(path)
		b.fits("signed out " + path)
	}

	// Long unbroken words everywhere a person can type one.
	word := strings.Repeat("Longword", 8)[:tend.MaxNameLen]
	b.signUp(word, "sam")
	ctx := context.Background()
	c, err := s.Credentials.FindCredentials(ctx, "sam")
	if err != nil {
		t.Fatal(err)
	}
	samID := c.PersonID
	do(t, h, call{method: "POST", path: "/api/v1/signup", body: `{"display_name": "` + word[:60] + `Alex", "username": "alex", "password": "another good password"}`})
	ac, err := s.Credentials.FindCredentials(ctx, "alex")
	if err != nil {
		t.Fatal(err)
	}
	url := "https://example.org/" + strings.Repeat("a-very-long-path/", 20)
	card := &tend.Card{Pronouns: "they/them", Receive: map[string]tend.Receive{"water": tend.Need, "cuddle": tend.Need, "blanket": tend.Like, "massage": tend.Okay},
		Give: map[string]tend.Give{"water": tend.Glad, "cuddle": tend.Willing}, Comments: map[string]string{"water": strings.Repeat("x", tend.MaxCommentLen)},
		Notes: []string{url, strings.Repeat("y", tend.MaxNoteLen)}, Avoid: []string{strings.Repeat("z", 200)}, SpaceFirstMinutes: 10,
		Drop:   &tend.Drop{When: tend.DropNextDay, Signs: []string{strings.Repeat("s", 200)}, Helps: []string{strings.Repeat("h", 200)}},
		Custom: []tend.CustomPractice{{ID: "x-" + strings.Repeat("t", 40), Title: strings.Repeat("T", tend.MaxTitleLen), Mode: tend.Given, Receive: tend.Need}}}
	for range 2 {
		if _, err := s.Profiles.SaveProfile(ctx, samID, card); err != nil {
			t.Fatal(err)
		}
		card.Pronouns = "she/her"
	}
	if _, err := s.Profiles.SaveProfile(ctx, ac.PersonID, &tend.Card{Receive: map[string]tend.Receive{"cuddle": tend.Need, "space-first": tend.Need}}); err != nil {
		t.Fatal(err)
	}
	circle, err := s.Circles.CreateCircle(ctx, samID, strings.Repeat("C", 64))
	if err != nil {
		t.Fatal(err)
	}
	invite, _, err := s.Circles.CreateInvite(ctx, samID, circle.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Circles.AcceptInvite(ctx, invite, ac.PersonID); err != nil {
		t.Fatal(err)
	}
	pending, _, err := s.Circles.CreateInvite(ctx, samID, circle.ID)
	if err != nil {
		t.Fatal(err)
	}
	e, err := s.Encounters.CreateEncounter(ctx, samID, tend.NewEncounter{CircleID: circle.ID, Kind: tend.Intense})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Encounters.SaveCheckIn(ctx, ac.PersonID, e.ID, &tend.CheckIn{Limits: strings.Repeat("l", 500), Safeword: strings.Repeat("w", 100)}); err != nil {
		t.Fatal(err)
	}
	share, _, err := s.CardShares.CreateCardShare(ctx, samID, tend.ShareAll, nil, 7*24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	// An ordinary token name, with every scope: its words stay whole.
	for _, name := range []string{word, "widget sync"} {
		if _, _, err := s.Tokens.CreateAPIToken(ctx, samID, name, tend.Scopes()); err != nil {
			t.Fatal(err)
		}
	}

	pages := []struct{ name, path string }{
		{"70-home", "/"}, {"71-profile", "/profile"}, {"72-practices", "/profile/practices"},
		{"73-practices-kind", "/profile/practices?kind=intense"}, {"74-about", "/profile/about"}, {"75-own", "/profile/own"},
		{"76-history", "/profile/history"}, {"77-version", "/profile/history/2"}, {"78-import", "/profile/import"},
		{"79-cards", "/profile/cards"}, {"80-circles", "/circles"}, {"81-circle", "/circles/" + circle.ID},
		{"82-encounters", "/encounters"}, {"83-checkin", "/encounters/" + e.ID}, {"84-encounter-history", "/encounters/history"},
		{"85-settings", "/settings"}, {"86-devices", "/settings/devices"}, {"87-passkeys", "/settings/passkeys"},
		{"88-tokens", "/settings/tokens"}, {"89-account", "/settings/account"}, {"90-invite", "/invites/" + pending},
		{"91-card", "/c/" + share}, {"92-card-plan", "/c/" + share + "/plan?name=" + word + "&encounter=first-time&r.cuddle=need&g.water=glad"},
		{"93-not-found", "/no-such-page"},
	}
	for _, p := range pages {
		b.open(p.path)
		b.fits(p.name)
		// Every item of the main navigation is in sight.
		var hidden []string
		b.run(chromedp.Evaluate(`Array.from(document.querySelectorAll(".main-nav a")).filter(a => {
			const r = a.getBoundingClientRect(); return r.width === 0 || r.left < 0 || r.right > document.documentElement.clientWidth;
		}).map(a => a.textContent)`, &hidden))
		if len(hidden) > 0 {
			t.Errorf("%s: navigation items out of sight: %v", p.name, hidden)
		}
		b.markers(p.name)
		b.check(p.name + "-320")
	}
	// The aftercare screen (another page's own layout) fits too.
	if _, err := s.Encounters.MoveEncounter(ctx, samID, e.ID, tend.Move{From: tend.StageBefore}); err != nil {
		t.Fatal(err)
	}
	b.open("/encounters/" + e.ID + "/aftercare")
	b.fits("aftercare")
	b.markers("aftercare")
}

// markers checks that every summary on the page shows the same
// disclosure marker, pointing right when closed and down when open.
func (b *browser) markers(name string) {
	b.t.Helper()
	var wrong []string
	b.run(chromedp.Evaluate(`Array.from(document.querySelectorAll("details > summary")).filter(s => {
		const c = getComputedStyle(s, "::before").content, want = s.parentElement.open ? '"▾"' : '"▸"';
		return !c.startsWith(want) || s.getBoundingClientRect().width === 0 && !s.closest("[hidden], .visually-hidden");
	}).map(s => s.textContent.trim() + " (" + getComputedStyle(s, "::before").content + ")")`, &wrong))
	if len(wrong) > 0 {
		b.t.Errorf("%s (%s): summaries without the marker: %v", name, b.path(), wrong)
	}
}

package web

import (
	"context"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/catalog"
)

// links counts the links to href inside sel.
func (a pageAnswer) links(sel, href string) int {
	return a.doc.Find(sel + ` a[href="` + href + `"]`).Length()
}

// guideLinks counts the links to any guide or deck inside sel: none of
// them is to a guide the catalog lacks.
func (a pageAnswer) guideLinks(sel string) int {
	return a.doc.Find(sel).Find(`a[href^="/guides/"]`).Length()
}

// TestGuideLinkStartingTheConversation: a profile never saved has the
// guide on starting the conversation, on Home and on the profile page;
// a saved one does not, nor a catalog without that guide.
func TestGuideLinkStartingTheConversation(t *testing.T) {
	s, h, _, sam, _ := pageServer(t)
	const href = "/guides/starting-the-conversation"
	check := func(name string, want int) {
		t.Helper()
		home := browse(t, h, "GET", "/", sam, nil)
		profile := browse(t, h, "GET", "/profile", sam, nil)
		if home.status != 200 || profile.status != 200 || home.links(`section[aria-labelledby="start-h"]`, href) != want || profile.links("main", href) != want {
			t.Errorf("%s: Home %d with %d links, profile %d with %d, want %d", name, home.status, home.links(`section[aria-labelledby="start-h"]`, href),
				profile.status, profile.links("main", href), want)
		}
	}
	check("never saved", 1)
	if got := browse(t, h, "GET", "/", sam, nil); got.find(`a[href="`+href+`"]`) != "Starting the conversation" {
		t.Errorf("the link reads %q", got.find(`a[href="`+href+`"]`))
	}
	full := s.Catalog
	s.Catalog = withoutGuide(t, "starting-the-conversation")
	check("never saved, no such guide", 0)
	if home, profile := browse(t, h, "GET", "/", sam, nil), browse(t, h, "GET", "/profile", sam, nil); home.guideLinks("main") != 0 || profile.guideLinks("main") != 0 {
		t.Errorf("no such guide: links to guides on Home %d, on the profile %d", home.guideLinks("main"), profile.guideLinks("main"))
	}
	s.Catalog = full
	careNeedsOf(t, h, sam, "water")
	check("saved", 0)
}

// TestGuideLinkDrop: the guide on drop is beside follow-ups waiting on
// Home and beside drop alerts, the one's own and another's; not on a
// Home with neither (even with "I'm in a low place" offered), nor when
// the catalog lacks the guide.
func TestGuideLinkDrop(t *testing.T) {
	p := newFollowupPair(t)
	const href = "/guides/drop"
	home := browse(t, p.h, "GET", "/", p.sam, nil)
	if home.doc.Find("form.low").Length() != 1 || home.links("main", href) != 0 {
		t.Errorf("nothing waiting, no alert: %d links, %d low offers", home.links("main", href), home.doc.Find("form.low").Length())
	}
	makeDue(t, p.s, p.clock, p.samF[0])
	if home := browse(t, p.h, "GET", "/", p.sam, nil); home.links("section.inbox", href) != 1 || home.links("section.drops", href) != 0 {
		t.Errorf("a follow-up waiting: inbox %d, drops %d", home.links("section.inbox", href), home.links("section.drops", href))
	}
	if _, err := p.s.Drops.RaiseLow(context.Background(), p.samID, p.e.ID); err != nil {
		t.Fatal(err)
	}
	for who, session := range map[string]string{"Sam": p.sam, "Alex": p.alex} {
		home := browse(t, p.h, "GET", "/", session, nil)
		if home.doc.Find("section.drops article.drop").Length() != 1 || home.links("section.drops", href) != 1 {
			t.Errorf("%s's Home with an alert: %d alerts, %d links", who, home.doc.Find("section.drops article.drop").Length(), home.links("section.drops", href))
		}
	}
	p.s.Catalog = withoutGuide(t, "drop")
	for who, session := range map[string]string{"Sam": p.sam, "Alex": p.alex} {
		if home := browse(t, p.h, "GET", "/", session, nil); home.status != 200 || home.doc.Find("article.drop").Length() != 1 || home.guideLinks("section.drops, section.inbox") != 0 {
			t.Errorf("%s, no guide on drop: %d, %d links", who, home.status, home.guideLinks("section.drops, section.inbox"))
		}
	}
}

// TestGuideLinkCasual: sharing a card, and the shared card's page a
// visitor opens, link to the guide on someone new; without the guide
// in the catalog they show without it.
func TestGuideLinkCasual(t *testing.T) {
	s, h, _, sam, samID := pageServer(t)
	token, _, err := s.CardShares.CreateCardShare(context.Background(), samID, tend.ShareLevels, nil, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	const href = "/guides/casual"
	for _, tc := range []struct {
		name string
		cat  *catalog.Catalog
		want int
	}{
		{"WithTheGuide", s.Catalog, 1},
		{"WithoutIt", withoutGuide(t, "casual"), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s.Catalog = tc.cat
			cards := browse(t, h, "GET", "/profile/cards", sam, nil)
			card := browse(t, h, "GET", "/c/"+token, "", nil)
			if cards.status != 200 || card.status != 200 || cards.links("main", href) != tc.want || card.links("main", href) != tc.want ||
				cards.guideLinks("main") != tc.want || card.guideLinks("main") != tc.want {
				t.Errorf("sharing %d with %d links, the card %d with %d", cards.status, cards.guideLinks("main"), card.status, card.guideLinks("main"))
			}
		})
	}
}

// circleOf makes a circle of Sam and the others, with an account each.
func circleOf(t *testing.T, s *Server, others ...string) (samSession, circleID string, sessions []string) {
	t.Helper()
	ctx := context.Background()
	sam, samSession := mustAccount(t, s, "sam", "Sam")
	c, err := s.Circles.CreateCircle(ctx, sam.ID, "us")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range others {
		p, session := mustAccount(t, s, strings.ToLower(name), name)
		inv, _, err := s.Circles.CreateInvite(ctx, sam.ID, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Circles.AcceptInvite(ctx, inv, p.ID); err != nil {
			t.Fatal(err)
		}
		sessions = append(sessions, session)
	}
	return samSession, c.ID, sessions
}

// TestGuideLinkGroups: a circle of three or more links to the guide on
// groups; a circle of two does not, nor one of three when the catalog
// lacks the guide.
func TestGuideLinkGroups(t *testing.T) {
	const href = "/guides/groups"
	for _, tc := range []struct {
		name    string
		others  []string
		without bool
		want    int
	}{
		{"Two", []string{"Alex"}, false, 0},
		{"Three", []string{"Alex", "Joey"}, false, 1},
		{"Four", []string{"Alex", "Joey", "Kitt"}, false, 1},
		{"ThreeWithoutTheGuide", []string{"Alex", "Joey"}, true, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := newAccountServer(t, "open")
			if tc.without {
				s.Catalog = withoutGuide(t, "groups")
			}
			h := s.Handler()
			sam, circle, others := circleOf(t, s, tc.others...)
			for _, session := range []string{sam, others[0]} {
				got := browse(t, h, "GET", "/circles/"+circle, session, nil)
				if got.status != 200 || got.links("main", href) != tc.want || got.guideLinks("main") != tc.want {
					t.Errorf("%d, %d links, want %d", got.status, got.guideLinks("main"), tc.want)
				}
			}
		})
	}
}

// TestCheckInDeck: the check-in shows a few starter questions for the
// encounter, the same for everyone in it, as catalog.Deck picks them
// for its kind and people (someone new on a first time together, a
// group from three), with a link to the deck's page, which shows them
// among its own; solo, they are questions to ask oneself; once the
// aftercare began, the check-in and its questions are gone.
func TestCheckInDeck(t *testing.T) {
	for _, tc := range []struct {
		name          string
		kind          tend.Kind
		others        []string
		casual, group bool
	}{
		{"GentleTwo", tend.Gentle, []string{"Alex"}, false, false},
		{"FirstTimeThree", tend.FirstTime, []string{"Alex", "Joey"}, true, true},
		{"Solo", tend.Solo, nil, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := newAccountServer(t, "open")
			h := s.Handler()
			sam, circle, others := circleOf(t, s, tc.others...)
			if tc.kind == tend.Solo {
				circle = ""
			}
			samID := sessionPerson(t, s, sam)
			e, err := s.Encounters.CreateEncounter(context.Background(), samID, tend.NewEncounter{CircleID: circle, Kind: tc.kind})
			if err != nil {
				t.Fatal(err)
			}
			page := browse(t, h, "GET", "/encounters/"+e.ID, sam, nil)
			deck := page.doc.Find("details.check-in-deck")
			shown := questionTexts(pageAnswer{doc: page.doc})
			href := deck.Find("a").AttrOr("href", "")
			u, err := url.Parse(href)
			if err != nil || u.Path != "/guides/decks/starter" {
				t.Fatalf("the link to the deck: %q", href)
			}
			q := u.Query()
			seed, err := strconv.ParseUint(q.Get("seed"), 10, 64)
			if q.Get("encounter") != string(tc.kind) || (q.Get("casual") == "yes") != tc.casual || (q.Get("group") == "yes") != tc.group || err != nil {
				t.Errorf("the link to the deck: %q", href)
			}
			people := 1 + len(tc.others)
			want := texts(s.Catalog.Deck(tc.kind, catalog.Starter, checkInQuestions, people, tc.casual, seed))
			if len(shown) != checkInQuestions || strings.Join(shown, "\n") != strings.Join(want, "\n") {
				t.Errorf("the questions:\n%s\nwant\n%s", strings.Join(shown, "\n"), strings.Join(want, "\n"))
			}
			summary := strings.TrimSpace(deck.Find("summary").Text())
			if wantSummary := map[bool]string{true: "Questions to ask yourself", false: "Questions to start the conversation"}[tc.kind == tend.Solo]; summary != wantSummary {
				t.Errorf("its summary: %q", summary)
			}
			more := browse(t, h, "GET", href, "", nil)
			for _, text := range shown {
				if !slices.Contains(questionTexts(more), text) {
					t.Errorf("the deck's page does not show %q: %q", text, questionTexts(more))
				}
			}
			for _, session := range others {
				if got := questionTexts(browse(t, h, "GET", "/encounters/"+e.ID, session, nil)); strings.Join(got, "\n") != strings.Join(shown, "\n") {
					t.Errorf("another in it sees other questions: %q", got)
				}
			}
			if _, err := s.Encounters.MoveEncounter(context.Background(), samID, e.ID, tend.Move{From: tend.StageBefore}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Encounters.MoveEncounter(context.Background(), samID, e.ID, tend.Move{From: tend.StageAfter}); err != nil {
				t.Fatal(err)
			}
			if got := browse(t, h, "GET", "/encounters/"+e.ID, sam, nil); got.status != 200 || got.doc.Find("details.check-in-deck").Length() != 0 {
				t.Errorf("looking back: %d, the questions shown: %d", got.status, got.doc.Find("details.check-in-deck").Length())
			}
		})
	}
}

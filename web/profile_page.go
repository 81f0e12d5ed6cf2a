package web

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"net/http"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/plan"
)

// profilePageRoutes are the profile at a glance and "still right" after
// a review.
func (s *Server) profilePageRoutes() []route {
	return []route{
		{method: "GET", pattern: "/profile", access: sessionOnly, page: true, handle: s.handleProfilePage},
		{method: "POST", pattern: "/profile/reviewed", access: sessionOnly, page: true, handle: s.handleProfileReviewed},
	}
}

type profileView struct {
	Page             page
	Profile          *tend.Profile
	Review, NotSaved bool
	// Body is the rest of the page, made from the profile version alone.
	Body template.HTML
	// StartGuide is the guide on starting the conversation, shown
	// beside a profile never saved (guide_links.go).
	StartGuide *guideLink
}

// profileBody is what the body of the profile page is made from: one
// version of one person's profile, their name, and a kind. The same
// inputs always make the same HTML, so it is kept (see bodyKey).
type profileBody struct {
	summary
	Card  *tend.Card
	Kind  tend.Kind
	Kinds []tend.Kind
	Plan  *tend.Plan
}

// summary is a card at a glance: the titles of what its person needs,
// would like and is glad to give, and when a low mood tends to come.
type summary struct {
	Needs, Likes, Gives []string
	// DropTime is when a low mood tends to come, words to follow "it
	// tends to come" ("the next day"); DropNone: it doesn't really
	// happen. Neither: the card says nothing of drop.
	DropTime string
	DropNone bool
}

func (s *Server) summarize(card *tend.Card) summary {
	var out summary
	recv, give, _ := card.Levels("")
	add := func(id, title string) {
		switch recv[id] {
		case tend.Need:
			out.Needs = append(out.Needs, title)
		case tend.Like:
			out.Likes = append(out.Likes, title)
		}
		if give[id] == tend.Glad {
			out.Gives = append(out.Gives, title)
		}
	}
	for _, pr := range s.Catalog.Practices() {
		add(pr.ID, pr.Title)
	}
	for _, cp := range card.Custom {
		add(cp.ID, cp.Title)
	}
	if card.Drop != nil {
		out.DropTime, out.DropNone = dropTimes[card.Drop.When], card.Drop.When == tend.DropNone
	}
	return out
}

// bodyKey names what is kept of a rendered profile (a page body, or the
// card's JSON): a saved version never changes, so neither does its
// rendering for one name and kind.
type bodyKey struct {
	person  string
	version int
	kind    tend.Kind
	name    string
}

// handleProfilePage is the profile at a glance, with the person's solo
// plan (or the plan for another kind, alone) so they see it working.
func (s *Server) handleProfilePage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	me := tend.PersonFromContext(ctx)
	kind := tend.Kind(r.URL.Query().Get("encounter"))
	if kind == "" {
		kind = tend.Solo
	}
	if !kind.Valid() {
		s.pageError(w, r, tend.Errorf(tend.EINVALID, "there is no encounter kind %q; pick one from the list", kind))
		return
	}
	// The session check read which version is the newest; when its body
	// is kept, the profile itself need not be read at all.
	p := &tend.Profile{PersonID: me.ID, Version: me.ProfileVersion, UpdatedAt: me.ProfileSavedAt}
	key := bodyKey{me.ID, p.Version, kind, me.DisplayName}
	body, ok := s.bodies.Get(key)
	if !ok || p.Version == 0 {
		var err error
		if p, err = s.Profiles.FindProfile(ctx, me.ID); err != nil {
			s.pageError(w, r, err)
			return
		}
		key.version = p.Version
		if body, err = s.profileBody(p, me.DisplayName, kind); err != nil {
			s.pageError(w, r, err)
			return
		}
		if p.Version > 0 {
			s.bodies.Put(key, body)
		}
	}
	v := profileView{Page: s.base(r, "My profile", "profile"), Profile: p, Review: p.NeedsReview(s.Now()), NotSaved: p.Version == 0, Body: body}
	v.StartGuide = s.guideLink("starting-the-conversation")
	s.render(w, r, http.StatusOK, "profile", v)
}

// profileBody renders the profile's summary and its plan for the kind.
func (s *Server) profileBody(p *tend.Profile, name string, kind tend.Kind) (template.HTML, error) {
	card := tend.ProfileCard(p.Card, name)
	pl, err := plan.Make(s.Catalog, []*tend.Card{card}, kind)
	if err != nil {
		return "", err
	}
	b := profileBody{Card: card, Kind: kind, Kinds: tend.Kinds(), Plan: pl}
	b.summary = s.summarize(card)
	t, err := s.pages.get("profile")
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "profile-body", b); err != nil {
		return "", fmt.Errorf("render profile body: %w", err)
	}
	return template.HTML(buf.String()), nil
}

// forgetPages drops what the pages keep of a person whose account is gone.
func (s *Server) forgetPages(personID string) {
	gone := func(k bodyKey) bool { return k.person == personID }
	s.bodies.RemoveIf(gone)
	s.cardJSON.RemoveIf(gone)
}

// handleProfileReviewed keeps the profile as it is, as a new version: the
// person looked it over and it is still right.
func (s *Server) handleProfileReviewed(w http.ResponseWriter, r *http.Request) {
	p, ok := s.myProfile(w, r)
	if !ok {
		return
	}
	if _, err := s.Profiles.SaveProfile(r.Context(), p.PersonID, p.Card); err != nil {
		s.pageError(w, r, err)
		return
	}
	redirect(w, r, "/", "reviewed")
}

// myProfile reads the signed-in person's profile; when it cannot, it has
// answered with the error page and returns false.
func (s *Server) myProfile(w http.ResponseWriter, r *http.Request) (*tend.Profile, bool) {
	ctx := r.Context()
	p, err := s.Profiles.FindProfile(ctx, personID(r))
	if err != nil {
		s.pageError(w, r, err)
		return nil, false
	}
	return p, true
}

// myProfileForm reads the form, then the profile, as myProfile.
func (s *Server) myProfileForm(w http.ResponseWriter, r *http.Request) (*tend.Profile, bool) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return nil, false
	}
	return s.myProfile(w, r)
}

// cardProblems checks a card for the profile by the rules the store
// saves it by (nothing that would not read back is stored): a form shows
// these together with its own mistakes.
func cardProblems(c *tend.Card) error {
	data, err := tend.MarshalCard(tend.ProfileCard(c, "profile"))
	if err != nil {
		return err
	}
	_, _, err = tend.ParseCard("profile", data, nil)
	var cp *tend.CardProblems
	if errors.As(err, &cp) {
		return tend.Problems(cp.Problems).Err()
	}
	return err
}

// saveCard saves the changed card as a new version, or nothing when
// nothing changed; it returns the flash to show.
func (s *Server) saveCard(r *http.Request, before, after *tend.Card) (string, error) {
	if len(tend.DiffCards(before, after)) == 0 {
		return "unchanged", nil
	}
	ctx := r.Context()
	if _, err := s.Profiles.SaveProfile(ctx, personID(r), after); err != nil {
		return "", err
	}
	return "saved", nil
}

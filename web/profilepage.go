package web

import (
	"net/http"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/plan"
)

type profileView struct {
	page
	Profile          *tend.Profile
	Needs, Likes     []string
	Gives            []string
	Drop             string
	Kind             tend.Kind
	Kinds            []tend.Kind
	Plan             *tend.Plan
	Review, NotSaved bool
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
	p, err := s.Profiles.FindProfile(ctx, me.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	card := tend.ProfileCard(p.Card, me.DisplayName)
	pl, err := plan.Make(s.Catalog, []*tend.Card{card}, kind)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := profileView{page: s.base(r, "My profile", "profile"), Profile: p, Kind: kind, Kinds: tend.Kinds(), Plan: pl,
		Review: p.NeedsReview(s.Now()), NotSaved: p.Version == 0}
	recv, give, _ := card.Levels("")
	for _, pr := range s.Catalog.Practices() {
		switch recv[pr.ID] {
		case tend.Need:
			v.Needs = append(v.Needs, pr.Title)
		case tend.Like:
			v.Likes = append(v.Likes, pr.Title)
		}
		if give[pr.ID] == tend.Glad {
			v.Gives = append(v.Gives, pr.Title)
		}
	}
	for _, cp := range card.Custom {
		if cp.Receive == tend.Need {
			v.Needs = append(v.Needs, cp.Title)
		}
	}
	if card.Drop != nil {
		v.Drop = dropLabels[card.Drop.When]
	}
	s.render(w, r, http.StatusOK, "profile", v)
}

// handleProfileReviewed keeps the profile as it is, as a new version: the
// person looked it over and it is still right.
func (s *Server) handleProfileReviewed(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	me := tend.PersonFromContext(ctx)
	p, err := s.Profiles.FindProfile(ctx, me.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if _, err := s.Profiles.SaveProfile(ctx, me.ID, p.Card); err != nil {
		s.pageError(w, r, err)
		return
	}
	redirect(w, r, "/", "reviewed")
}

// saveCard saves the changed card as a new version, or nothing when
// nothing changed; it returns the flash to show.
func (s *Server) saveCard(r *http.Request, before, after *tend.Card) (string, error) {
	if len(tend.DiffCards(before, after)) == 0 {
		return "unchanged", nil
	}
	ctx := r.Context()
	if _, err := s.Profiles.SaveProfile(ctx, tend.PersonFromContext(ctx).ID, after); err != nil {
		return "", err
	}
	return "saved", nil
}

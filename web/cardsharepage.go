package web

import (
	"html/template"
	"net/http"

	"github.com/tendcare/tend"
)

type cardSharesView struct {
	Page  page
	Cards []*tend.CardShare
	// Link is a new shared card's link, shown this once, and QR the same
	// as a QR code.
	Link    string
	QR      template.HTML
	Choices []choice
}

var lifetimes = []choice{{"1h", "One hour"}, {"12h", "Twelve hours"}, {"1d", "A day"}, {"7d", "A week"}, {"30d", "A month"}, {"90d", "Three months"}}

func (s *Server) cardSharesView(r *http.Request) (*cardSharesView, error) {
	ctx := r.Context()
	list, err := s.CardShares.FindCardShares(ctx, tend.PersonFromContext(ctx).ID)
	return &cardSharesView{Page: s.base(r, "Shared cards", "profile"), Cards: list, Choices: lifetimes}, err
}

// handleCardSharesPage lists the person's shared cards, with when each was
// last opened, and makes new ones.
func (s *Server) handleCardSharesPage(w http.ResponseWriter, r *http.Request) {
	v, err := s.cardSharesView(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "cards", v)
}

func (s *Server) handleCardShareCreateForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	v, err := s.cardSharesView(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	ttl, err := tend.ParseLifetime(r.PostFormValue("expires_in"))
	if err != nil {
		err = tend.Errorf(tend.EINVALID, "pick how long the card is shared for")
	}
	var token string
	if err == nil {
		token, _, err = s.CardShares.CreateCardShare(ctx, tend.PersonFromContext(ctx).ID, tend.Share(r.PostFormValue("share")), nil, ttl)
	}
	if err != nil {
		s.formError(w, r, "cards", &v.Page, v, err)
		return
	}
	if v, err = s.cardSharesView(r); err != nil {
		s.pageError(w, r, err)
		return
	}
	v.Link = s.origin(r) + "/c/" + token
	if v.QR, err = qrSVG(v.Link, "A QR code for the shared card's link"); err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusCreated, "cards", v)
}

func (s *Server) handleCardShareRevokeForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := s.CardShares.DeleteCardShare(ctx, tend.PersonFromContext(ctx).ID, r.PathValue("id")); err != nil {
		s.pageError(w, r, err)
		return
	}
	redirect(w, r, "/profile/cards", "revoked")
}

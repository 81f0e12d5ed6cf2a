package web

import (
	"html/template"
	"net/http"
	"time"

	"github.com/tendcare/tend"
)

// cardSharePageRoutes are the person's shared cards: the list, a new
// link, revoking one.
func (s *Server) cardSharePageRoutes() []route {
	return []route{
		{method: "GET", pattern: "/profile/cards", access: sessionOnly, page: true, handle: s.handleCardSharesPage},
		{method: "POST", pattern: "/profile/cards", access: sessionOnly, page: true, handle: s.handleCardShareCreateForm},
		{method: "POST", pattern: "/profile/cards/{id}/revoke", access: sessionOnly, page: true, handle: s.handleCardShareRevokeForm, object: "cardshare"},
	}
}

type cardSharesView struct {
	Page  page
	Cards []*tend.CardShare
	// Link is a new shared card's link, shown this once, QR the same as
	// a QR code, and Ends when it stops working.
	Link    string
	QR      template.HTML
	Ends    time.Time
	Choices []choice
	// Share and ExpiresIn are the form's choices: as sent, when it
	// comes back with a mistake.
	Share, ExpiresIn string
	// CasualGuide is the guide on aftercare with someone new
	// (guide_links.go).
	CasualGuide *guideLink
}

// cardShareFields are the form's fields, for its mistakes.
var cardShareFields = []formField{
	{Path: "share", ID: "share", Label: "What it shows", Link: "share-levels"},
	{Path: "expires_in", ID: "expires_in", Label: "For how long"},
}

var lifetimes = []choice{{"1h", "One hour"}, {"12h", "Twelve hours"}, {"1d", "A day"}, {"7d", "A week"}, {"30d", "A month"}, {"90d", "Three months"}}

func (s *Server) cardSharesView(r *http.Request) (*cardSharesView, error) {
	ctx := r.Context()
	list, err := s.CardShares.FindCardShares(ctx, personID(r))
	v := &cardSharesView{Page: s.base(r, "Shared cards", "profile"), Cards: list, Choices: lifetimes, Share: string(tend.ShareLevels), ExpiresIn: "1d"}
	v.Page.Fields = cardShareFields
	v.CasualGuide = s.guideLink("casual")
	return v, err
}

// handleCardSharesPage lists the person's shared cards, with when each was
// last opened, and makes new ones; a link just made shows here once.
func (s *Server) handleCardSharesPage(w http.ResponseWriter, r *http.Request) {
	v, err := s.cardSharesView(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if o := s.takeShownOnce(w, r, "/profile/cards", onceCard, ""); o != nil {
		v.Link, v.Ends = s.origin(r)+"/c/"+o.Token, o.Ends
		if v.QR, err = qrSVG(v.Link, "A QR code for the shared card's link"); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "cards", v)
}

// handleCardShareCreateForm makes a link and redirects to the list,
// which shows it once: a reload there makes no second link.
func (s *Server) handleCardShareCreateForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	me := tend.PersonFromContext(ctx)
	// Every mistake at once, in the form's words (it offers no "some").
	var ps tend.Problems
	share := tend.Share(r.PostFormValue("share"))
	if share != tend.ShareLevels && share != tend.ShareAll {
		ps.Add("share", "pick what the card shows")
	}
	ttl, err := tend.ParseLifetime(r.PostFormValue("expires_in"))
	if err != nil {
		ps.Add("expires_in", "pick how long the card is shared for")
	}
	err = ps.Err()
	var (
		token string
		cs    *tend.CardShare
	)
	if err == nil {
		token, cs, err = s.CardShares.CreateCardShare(ctx, me.ID, share, nil, ttl)
	}
	if err != nil {
		v, verr := s.cardSharesView(r)
		if verr != nil {
			s.pageError(w, r, verr)
			return
		}
		v.Share, v.ExpiresIn = string(share), r.PostFormValue("expires_in")
		s.formError(w, r, "cards", &v.Page, v, err)
		return
	}
	if err := s.keepShownOnce(w, r, "/profile/cards", shownOnce{Kind: onceCard, Person: me.ID, Token: token, Ends: cs.ExpiresAt}); err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/profile/cards", http.StatusSeeOther)
}

func (s *Server) handleCardShareRevokeForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := s.CardShares.DeleteCardShare(ctx, personID(r), r.PathValue("id")); err != nil {
		s.pageError(w, r, err)
		return
	}
	redirect(w, r, "/profile/cards", "revoked")
}

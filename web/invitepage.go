package web

import (
	"net/http"

	"github.com/tendcare/tend"
)

type inviteView struct {
	Page   page
	Token  string
	Circle *tend.Circle
	Member bool
}

// handleInvitePage shows an invitation to the signed-in person: who is
// in the circle, and a choice to join or decline.
func (s *Server) handleInvitePage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	_, c, err := s.Circles.FindInvite(ctx, r.PathValue("token"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := &inviteView{Page: s.base(r, "An invitation", "circles"), Token: r.PathValue("token"), Circle: c,
		Member: c.Member(tend.PersonFromContext(ctx).ID) != nil}
	s.render(w, r, http.StatusOK, "invite", v)
}

func (s *Server) handleInviteAcceptForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := s.Circles.AcceptInvite(ctx, r.PathValue("token"), tend.PersonFromContext(ctx).ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	redirect(w, r, "/circles/"+c.ID, "joined")
}

func (s *Server) handleInviteDeclineForm(w http.ResponseWriter, r *http.Request) {
	if err := s.Circles.DeclineInvite(r.Context(), r.PathValue("token")); err != nil {
		s.pageError(w, r, err)
		return
	}
	redirect(w, r, "/circles", "declined")
}

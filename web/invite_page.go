package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/tendcare/tend"
)

// invitePageRoutes are an invitation's page and its answers.
func (s *Server) invitePageRoutes() []route {
	return []route{
		{method: "GET", pattern: "/invites/{token}", access: public, page: true, handle: s.handleInvitePage},
		{method: "POST", pattern: "/invites/{token}/accept", access: sessionOnly, page: true, handle: s.handleInviteAcceptForm},
		{method: "POST", pattern: "/invites/{token}/decline", access: sessionOnly, page: true, handle: s.handleInviteDeclineForm},
	}
}

type inviteView struct {
	Page   page
	Token  string
	Circle *tend.Circle
	// By is the name of who made the invitation, and Ends when it stops
	// working.
	By     string
	Ends   time.Time
	Member bool
	// For a signed-out visitor: where to sign in, and to make an account
	// ("" when this server takes none), each coming back here.
	SigninURL, SignupURL string
}

// handleInvitePage shows an invitation. Signed out, it says who invites
// to which circle and offers to sign in or make an account, coming back
// here; signed in, it shows who is in the circle and a choice to join or
// decline. The link is a secret meant for the person invited, so the
// circle's name is shown to whoever holds it; who else is in the circle
// waits until they have signed in. A wrong, used or expired link answers
// the same 404, signed in or out.
func (s *Server) handleInvitePage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	token := r.PathValue("token")
	inv, c, err := s.Circles.FindInvite(ctx, token)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	me := tend.PersonFromContext(ctx)
	v := &inviteView{Page: s.base(r, "An invitation", "circles"), Token: token, Circle: c, Ends: inv.ExpiresAt}
	by, loc := s.inviter(ctx, inv, c)
	v.By = by
	if me != nil {
		v.Member = c.Member(me.ID) != nil
		s.render(w, r, http.StatusOK, "invite", v)
		return
	}
	// Signed out, times show in the inviter's zone: there is no other.
	v.Page.Nav, v.Page.Loc = "", loc
	back := url.QueryEscape("/invites/" + token)
	v.SigninURL = "/signin?next=" + back
	if s.Signup == "open" || s.Signup == "invite" {
		v.SignupURL = "/signup?next=" + back
	}
	s.render(w, r, http.StatusOK, "invite", v)
}

// inviter is the name and time zone of who made the invitation: a
// member of the circle, or someone who has left it since.
func (s *Server) inviter(ctx context.Context, inv *tend.Invite, c *tend.Circle) (string, *time.Location) {
	p, err := s.People.FindPersonByID(ctx, inv.CreatedBy)
	if err != nil {
		if m := c.Member(inv.CreatedBy); m != nil {
			return m.DisplayName, time.UTC
		}
		return "Someone", time.UTC
	}
	return p.DisplayName, s.zone(p.TimeZone)
}

// inviteToken is the invitation's token when next, a safe path to go to
// after signing up, is an invitation's page.
func inviteToken(next string) (string, bool) {
	token, ok := strings.CutPrefix(next, "/invites/")
	if !ok || token == "" || strings.ContainsAny(token, "/?#") {
		return "", false
	}
	return token, true
}

func (s *Server) handleInviteAcceptForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := s.Circles.AcceptInvite(ctx, r.PathValue("token"), personID(r))
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

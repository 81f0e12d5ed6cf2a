package web

import (
	"net/http"
	"time"

	"github.com/tendcare/tend"
)

// inviteAPIRoutes are the JSON API of invitations to a circle.
func (s *Server) inviteAPIRoutes() []route {
	return []route{
		{method: "POST", pattern: "/api/v1/circles/{id}/invites", access: signedIn, scope: tend.ScopeCirclesWrite, handle: s.handleInviteCreate, object: "circle"},
		{method: "GET", pattern: "/api/v1/invites/{token}", access: signedIn, scope: tend.ScopeCirclesRead, handle: s.handleInviteGet},
		{method: "POST", pattern: "/api/v1/invites/{token}/accept", access: signedIn, scope: tend.ScopeCirclesWrite, handle: s.handleInviteAccept},
		{method: "POST", pattern: "/api/v1/invites/{token}/decline", access: signedIn, scope: tend.ScopeCirclesWrite, handle: s.handleInviteDecline},
	}
}

type inviteJSON struct {
	ID        string    `json:"id"`
	CircleID  string    `json:"circle_id"`
	CreatedAt time.Time `json:"created_at"`
	ExpiresAt time.Time `json:"expires_at"`
}

// handleInviteCreate makes an invitation; its token (in the link) is
// shown this once.
func (s *Server) handleInviteCreate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	token, inv, err := s.Circles.CreateInvite(ctx, personID(r), r.PathValue("id"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"invite": inviteJSON{inv.ID, inv.CircleID, inv.CreatedAt, inv.ExpiresAt},
		"token": token, "path": "/invites/" + token})
}

// handleInviteGet shows what an invitation is for: the circle's name and
// who is in it, for the invited person to decide.
func (s *Server) handleInviteGet(w http.ResponseWriter, r *http.Request) {
	inv, c, err := s.Circles.FindInvite(r.Context(), r.PathValue("token"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	names := make([]string, 0, len(c.Members))
	for _, m := range c.Members {
		names = append(names, m.DisplayName)
	}
	writeJSON(w, http.StatusOK, map[string]any{"invite": inviteJSON{inv.ID, inv.CircleID, inv.CreatedAt, inv.ExpiresAt},
		"circle": map[string]any{"name": c.Name, "members": names}})
}

func (s *Server) handleInviteAccept(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := s.Circles.AcceptInvite(ctx, r.PathValue("token"), personID(r))
	s.writeCircle(w, r, http.StatusOK, c, err)
}

func (s *Server) handleInviteDecline(w http.ResponseWriter, r *http.Request) {
	s.noContent(w, r, s.Circles.DeclineInvite(r.Context(), r.PathValue("token")))
}

// badSignupInvite says why an invitation cannot make an account: a
// wrong, used or expired one is refused (403), as sign-up is without
// one, rather than "not found" for a page that exists.
func badSignupInvite(err error) error {
	if tend.ErrorCode(err) == tend.ENOTFOUND {
		return tend.Errorf(tend.EFORBIDDEN, "this invitation is not valid: it may have been used or have expired; ask for a new one")
	}
	return err
}

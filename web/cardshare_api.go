package web

import (
	"net/http"
	"time"

	"github.com/tendcare/tend"
)

// cardShareAPIRoutes are the JSON API of cards shared by link.
func (s *Server) cardShareAPIRoutes() []route {
	return []route{
		{method: "POST", pattern: "/api/v1/cards", access: signedIn, scope: tend.ScopeCirclesWrite, handle: s.handleCardShareCreate},
		{method: "GET", pattern: "/api/v1/cards", access: signedIn, scope: tend.ScopeCirclesRead, handle: s.handleCardShareList},
		{method: "DELETE", pattern: "/api/v1/cards/{id}", access: signedIn, scope: tend.ScopeCirclesWrite, handle: s.handleCardShareDelete, object: "cardshare"},
	}
}

type cardShareJSON struct {
	ID        string     `json:"id"`
	Share     tend.Share `json:"share"`
	Practices []string   `json:"practices,omitempty"`
	CreatedAt time.Time  `json:"created_at"`
	ExpiresAt time.Time  `json:"expires_at"`
	OpenedAt  *time.Time `json:"opened_at"`
	Opens     int        `json:"opens"`
}

func toCardShareJSON(cs *tend.CardShare) cardShareJSON {
	out := cardShareJSON{ID: cs.ID, Share: cs.Share, Practices: cs.Practices, CreatedAt: cs.CreatedAt, ExpiresAt: cs.ExpiresAt, Opens: cs.Opens}
	if !cs.OpenedAt.IsZero() {
		t := cs.OpenedAt
		out.OpenedAt = &t
	}
	return out
}

// handleCardShareCreate shares the person's card by link; the token (in
// the link) is shown this once.
func (s *Server) handleCardShareCreate(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Share     tend.Share `json:"share"`
		Practices []string   `json:"practices"`
		ExpiresIn string     `json:"expires_in"`
	}
	if err := decode(w, r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	// Every mistake at once: what is shared, and for how long.
	var ps tend.Problems
	ps.Check("", tend.ValidateShare(req.Share, req.Practices))
	ttl, err := tend.ParseLifetime(req.ExpiresIn)
	ps.Check("expires_in", err)
	if err := ps.Err(); err != nil {
		s.apiError(w, r, err)
		return
	}
	ctx := r.Context()
	token, cs, err := s.CardShares.CreateCardShare(ctx, personID(r), req.Share, req.Practices, ttl)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"card": toCardShareJSON(cs), "token": token, "path": "/c/" + token})
}

func (s *Server) handleCardShareList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	list, err := s.CardShares.FindCardShares(ctx, personID(r))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := make([]cardShareJSON, 0, len(list))
	for _, cs := range list {
		out = append(out, toCardShareJSON(cs))
	}
	writeJSON(w, http.StatusOK, map[string]any{"cards": out})
}

func (s *Server) handleCardShareDelete(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	s.noContent(w, r, s.CardShares.DeleteCardShare(ctx, personID(r), r.PathValue("id")))
}

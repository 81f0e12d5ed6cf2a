package web

import (
	"net/http"
	"time"

	"github.com/tendcare/tend"
)

// tokenAPIRoutes are the JSON API of personal API tokens, which only a
// session may use.
func (s *Server) tokenAPIRoutes() []route {
	return []route{
		{method: "POST", pattern: "/api/v1/tokens", access: sessionOnly, handle: s.handleTokenCreate},
		{method: "GET", pattern: "/api/v1/tokens", access: sessionOnly, handle: s.handleTokenList},
		{method: "DELETE", pattern: "/api/v1/tokens/{id}", access: sessionOnly, handle: s.handleTokenDelete, object: "token"},
	}
}

type tokenJSON struct {
	ID         string       `json:"id"`
	Name       string       `json:"name"`
	Scopes     []tend.Scope `json:"scopes"`
	CreatedAt  time.Time    `json:"created_at"`
	LastUsedAt time.Time    `json:"last_used_at"`
}

func toTokenJSON(t *tend.APIToken) tokenJSON {
	scopes := t.Scopes
	if scopes == nil {
		scopes = []tend.Scope{}
	}
	return tokenJSON{t.ID, t.Name, scopes, t.CreatedAt, t.LastUsedAt}
}

// handleTokenCreate makes a personal API token; its secret is in this
// answer only.
func (s *Server) handleTokenCreate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var req struct {
		Name   string       `json:"name"`
		Scopes []tend.Scope `json:"scopes"`
	}
	if err := decode(w, r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	secret, t, err := s.Tokens.CreateAPIToken(ctx, personID(r), req.Name, req.Scopes)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"token": toTokenJSON(t), "secret": secret})
}

func (s *Server) handleTokenList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	list, err := s.Tokens.FindAPITokens(ctx, personID(r))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := make([]tokenJSON, len(list))
	for i, t := range list {
		out[i] = toTokenJSON(t)
	}
	writeJSON(w, http.StatusOK, map[string]any{"tokens": out})
}

func (s *Server) handleTokenDelete(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	err := s.Tokens.DeleteAPIToken(ctx, personID(r), r.PathValue("id"))
	s.noContent(w, r, err)
}

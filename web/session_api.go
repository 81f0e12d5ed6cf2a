package web

import (
	"net/http"
	"time"

	"github.com/tendcare/tend"
)

// sessionAPIRoutes are the JSON API of the person's sessions: the
// devices signed in.
func (s *Server) sessionAPIRoutes() []route {
	return []route{
		{method: "GET", pattern: "/api/v1/sessions", access: sessionOnly, handle: s.handleSessionList},
		{method: "DELETE", pattern: "/api/v1/sessions", access: sessionOnly, handle: s.handleSessionDeleteOthers},
		{method: "DELETE", pattern: "/api/v1/sessions/{id}", access: sessionOnly, handle: s.handleSessionDelete, object: "session"},
	}
}

type sessionJSON struct {
	ID         string    `json:"id"`
	Device     string    `json:"device"`
	CreatedAt  time.Time `json:"created_at"`
	LastSeenAt time.Time `json:"last_seen_at"`
	Current    bool      `json:"current"`
}

func (s *Server) handleSessionList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, cur := tend.PersonFromContext(ctx), tend.SessionFromContext(ctx)
	list, err := s.Sessions.FindSessions(ctx, p.ID)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := make([]sessionJSON, 0, len(list))
	for _, x := range list {
		out = append(out, sessionJSON{ID: x.ID, Device: x.Device, CreatedAt: x.CreatedAt, LastSeenAt: x.LastSeenAt, Current: x.ID == cur.ID})
	}
	writeJSON(w, http.StatusOK, map[string]any{"sessions": out})
}

// handleSessionDelete ends one of the person's sessions; another
// person's session id answers exactly like a missing one.
func (s *Server) handleSessionDelete(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, cur := tend.PersonFromContext(ctx), tend.SessionFromContext(ctx)
	id := r.PathValue("id")
	if err := s.Sessions.DeleteSession(ctx, p.ID, id); err != nil {
		s.apiError(w, r, err)
		return
	}
	if id == cur.ID {
		s.clearSessionCookie(w, r)
	}
	w.WriteHeader(http.StatusNoContent)
}

// handleSessionDeleteOthers signs out everywhere but here.
func (s *Server) handleSessionDeleteOthers(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, cur := tend.PersonFromContext(ctx), tend.SessionFromContext(ctx)
	err := s.Sessions.DeleteSessions(ctx, p.ID, cur.ID)
	s.noContent(w, r, err)
}

package web

import (
	"net/http"
	"slices"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/plan"
)

// circleAPIRoutes are the JSON API of circles: their members, what each
// shares, plans and cards.
func (s *Server) circleAPIRoutes() []route {
	return []route{
		{method: "POST", pattern: "/api/v1/circles", access: signedIn, scope: tend.ScopeCirclesWrite, handle: s.handleCircleCreate},
		{method: "GET", pattern: "/api/v1/circles", access: signedIn, scope: tend.ScopeCirclesRead, handle: s.handleCircleList},
		{method: "GET", pattern: "/api/v1/circles/{id}", access: signedIn, scope: tend.ScopeCirclesRead, handle: s.handleCircleGet, object: "circle"},
		{method: "PATCH", pattern: "/api/v1/circles/{id}", access: signedIn, scope: tend.ScopeCirclesWrite, handle: s.handleCircleRename, object: "circle"},
		{method: "DELETE", pattern: "/api/v1/circles/{id}", access: signedIn, scope: tend.ScopeCirclesWrite, handle: s.handleCircleDelete, object: "circle"},
		{method: "PUT", pattern: "/api/v1/circles/{id}/share", access: signedIn, scope: tend.ScopeCirclesWrite, handle: s.handleCircleShare, object: "circle"},
		{method: "POST", pattern: "/api/v1/circles/{id}/leave", access: signedIn, scope: tend.ScopeCirclesWrite, handle: s.handleCircleLeave, object: "circle"},
		{method: "DELETE", pattern: "/api/v1/circles/{id}/members/{member}", access: signedIn, scope: tend.ScopeCirclesWrite, handle: s.handleCircleRemoveMember, object: "circle"},
		{method: "GET", pattern: "/api/v1/circles/{id}/plan", access: signedIn, scope: tend.ScopeCirclesRead, handle: s.handleCirclePlan, object: "circle"},
		{method: "GET", pattern: "/api/v1/circles/{id}/members/{member}/card", access: signedIn, scope: tend.ScopeCirclesRead, handle: s.handleCircleCard, object: "circle"},
	}
}

type memberJSON struct {
	PersonID    string     `json:"person_id"`
	DisplayName string     `json:"display_name"`
	Creator     bool       `json:"creator"`
	Share       tend.Share `json:"share"`
	Practices   []string   `json:"practices,omitempty"`
	JoinedAt    time.Time  `json:"joined_at"`
}

type circleJSON struct {
	ID        string       `json:"id"`
	Name      string       `json:"name"`
	CreatedAt time.Time    `json:"created_at"`
	Members   []memberJSON `json:"members"`
}

func toCircleJSON(c *tend.Circle) circleJSON {
	out := circleJSON{ID: c.ID, Name: c.Name, CreatedAt: c.CreatedAt, Members: make([]memberJSON, 0, len(c.Members))}
	for _, m := range c.Members {
		out.Members = append(out.Members, memberJSON{PersonID: m.PersonID, DisplayName: m.DisplayName, Creator: m.PersonID == c.CreatedBy,
			Share: m.Share, Practices: m.Practices, JoinedAt: m.JoinedAt})
	}
	return out
}

// writeCircle answers with one circle.
func (s *Server) writeCircle(w http.ResponseWriter, r *http.Request, status int, c *tend.Circle, err error) {
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, status, map[string]any{"circle": toCircleJSON(c)})
}

func (s *Server) handleCircleCreate(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Name string `json:"name"`
	}
	if err := decode(w, r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	ctx := r.Context()
	c, err := s.Circles.CreateCircle(ctx, personID(r), req.Name)
	s.writeCircle(w, r, http.StatusCreated, c, err)
}

func (s *Server) handleCircleList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	list, err := s.Circles.FindCircles(ctx, personID(r))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := make([]circleJSON, 0, len(list))
	for _, c := range list {
		out = append(out, toCircleJSON(c))
	}
	writeJSON(w, http.StatusOK, map[string]any{"circles": out})
}

func (s *Server) handleCircleGet(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := s.Circles.FindCircle(ctx, personID(r), r.PathValue("id"))
	s.writeCircle(w, r, http.StatusOK, c, err)
}

func (s *Server) handleCircleRename(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Name string `json:"name"`
	}
	if err := decode(w, r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	ctx := r.Context()
	c, err := s.Circles.RenameCircle(ctx, personID(r), r.PathValue("id"), req.Name)
	s.writeCircle(w, r, http.StatusOK, c, err)
}

func (s *Server) handleCircleDelete(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	s.noContent(w, r, s.Circles.DeleteCircle(ctx, personID(r), r.PathValue("id")))
}

func (s *Server) handleCircleShare(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Share     tend.Share `json:"share"`
		Practices []string   `json:"practices"`
	}
	if err := decode(w, r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	ctx := r.Context()
	c, err := s.Circles.SetShare(ctx, personID(r), r.PathValue("id"), req.Share, req.Practices)
	s.writeCircle(w, r, http.StatusOK, c, err)
}

func (s *Server) handleCircleLeave(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	s.noContent(w, r, s.Circles.LeaveCircle(ctx, personID(r), r.PathValue("id")))
}

func (s *Server) handleCircleRemoveMember(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := s.Circles.RemoveMember(ctx, personID(r), r.PathValue("id"), r.PathValue("member"))
	s.writeCircle(w, r, http.StatusOK, c, err)
}

// handleCirclePlan is the plan for the circle and a kind of encounter,
// made from what each member shares with the circle.
func (s *Server) handleCirclePlan(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	kind := tend.Kind(r.URL.Query().Get("encounter"))
	if kind == "" {
		kind = tend.Gentle
	}
	cc, err := s.Circles.CircleCards(ctx, personID(r), r.PathValue("id"))
	if err == nil && !kind.Valid() {
		err = tend.FieldErrorf("encounter", "%q is not an encounter kind; use one of gentle, intense, quickie, first-time, long-distance, solo", kind)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	pl, err := plan.Make(s.Catalog, cc.Shared, kind)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, pl)
}

// handleCircleCard downloads a member's card as the circle sees it (what
// they share with it), a tend.card/v1 file for `tend plan` offline.
func (s *Server) handleCircleCard(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	cc, err := s.Circles.CircleCards(ctx, personID(r), r.PathValue("id"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	i := slices.IndexFunc(cc.Circle.Members, func(m *tend.Member) bool { return m.PersonID == r.PathValue("member") })
	if i < 0 {
		s.apiError(w, r, tend.Errorf(tend.ENOTFOUND, "there is no such member in this circle"))
		return
	}
	s.writeCardFile(w, r, cc.Shared[i], "card.tend-card.json")
}

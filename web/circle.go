package web

import (
	"context"
	"net/http"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/plan"
)

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
	c, err := s.Circles.CreateCircle(ctx, tend.PersonFromContext(ctx).ID, req.Name)
	s.writeCircle(w, r, http.StatusCreated, c, err)
}

func (s *Server) handleCircleList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	list, err := s.Circles.FindCircles(ctx, tend.PersonFromContext(ctx).ID)
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
	c, err := s.Circles.FindCircle(ctx, tend.PersonFromContext(ctx).ID, r.PathValue("id"))
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
	c, err := s.Circles.RenameCircle(ctx, tend.PersonFromContext(ctx).ID, r.PathValue("id"), req.Name)
	s.writeCircle(w, r, http.StatusOK, c, err)
}

func (s *Server) handleCircleDelete(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	s.noContent(w, r, s.Circles.DeleteCircle(ctx, tend.PersonFromContext(ctx).ID, r.PathValue("id")))
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
	c, err := s.Circles.SetShare(ctx, tend.PersonFromContext(ctx).ID, r.PathValue("id"), req.Share, req.Practices)
	s.writeCircle(w, r, http.StatusOK, c, err)
}

func (s *Server) handleCircleLeave(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	s.noContent(w, r, s.Circles.LeaveCircle(ctx, tend.PersonFromContext(ctx).ID, r.PathValue("id")))
}

func (s *Server) handleCircleRemoveMember(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := s.Circles.RemoveMember(ctx, tend.PersonFromContext(ctx).ID, r.PathValue("id"), r.PathValue("member"))
	s.writeCircle(w, r, http.StatusOK, c, err)
}

// handleCirclePlan is the plan for the circle and a kind of encounter,
// made from what each member shares with the circle.
func (s *Server) handleCirclePlan(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := s.Circles.FindCircle(ctx, tend.PersonFromContext(ctx).ID, r.PathValue("id"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	kind := tend.Kind(r.URL.Query().Get("encounter"))
	if kind == "" {
		kind = tend.Gentle
	}
	pl, err := s.circlePlan(ctx, c, kind)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, pl)
}

// circlePlan makes the plan from the members' shared cards.
func (s *Server) circlePlan(ctx context.Context, c *tend.Circle, kind tend.Kind) (*tend.Plan, error) {
	if !kind.Valid() {
		return nil, tend.FieldErrorf("encounter", "%q is not an encounter kind; use one of gentle, intense, quickie, first-time, long-distance, solo", kind)
	}
	cards, err := s.memberCards(ctx, c)
	if err != nil {
		return nil, err
	}
	return plan.Make(s.Catalog, sharedCards(c, cards), kind)
}

// memberCards reads each member's whole profile as a card under their
// name, in the circle's order.
func (s *Server) memberCards(ctx context.Context, c *tend.Circle) ([]*tend.Card, error) {
	cards := make([]*tend.Card, 0, len(c.Members))
	for _, m := range c.Members {
		card, err := s.memberCard(ctx, m)
		if err != nil {
			return nil, err
		}
		cards = append(cards, card)
	}
	return cards, nil
}

func (s *Server) memberCard(ctx context.Context, m *tend.Member) (*tend.Card, error) {
	p, err := s.Profiles.FindProfile(ctx, m.PersonID)
	if err != nil {
		return nil, err
	}
	return tend.ProfileCard(p.Card, m.DisplayName), nil
}

// sharedCards are the members' cards as the circle sees them: what each
// shares with it.
func sharedCards(c *tend.Circle, cards []*tend.Card) []*tend.Card {
	out := make([]*tend.Card, len(cards))
	for i, m := range c.Members {
		out[i] = tend.SharedCard(cards[i], m.Share, m.Practices)
	}
	return out
}

// handleCircleCard downloads a member's card as the circle sees it (what
// they share with it), a tend.card/v1 file for `tend plan` offline.
func (s *Server) handleCircleCard(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := s.Circles.FindCircle(ctx, tend.PersonFromContext(ctx).ID, r.PathValue("id"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	m := c.Member(r.PathValue("member"))
	if m == nil {
		s.apiError(w, r, tend.Errorf(tend.ENOTFOUND, "there is no such member in this circle"))
		return
	}
	whole, err := s.memberCard(ctx, m)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	card := tend.SharedCard(whole, m.Share, m.Practices)
	card.Created = s.Now().UTC().Truncate(time.Second)
	data, err := tend.MarshalCard(card)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="card.tend-card.json"`)
	w.Write(data)
}

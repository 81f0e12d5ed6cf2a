package web

import (
	"net/http"

	"github.com/tendcare/tend"
)

// insightAPIRoutes are the JSON API of insights: the numbers behind
// every chart of the insights page, the suggestions for the profile
// (accepting one saves a new profile version, so it takes
// profile:write, as dismissing does), and a circle's insights with the
// person's choice of whether their reflections count in them.
func (s *Server) insightAPIRoutes() []route {
	return []route{
		{method: "GET", pattern: "/api/v1/insights", access: signedIn, scope: tend.ScopeInsightsRead, handle: s.handleInsightsGet},
		{method: "GET", pattern: "/api/v1/insights/suggestions", access: signedIn, scope: tend.ScopeInsightsRead, handle: s.handleSuggestionList},
		{method: "POST", pattern: "/api/v1/insights/suggestions/{suggestion}/accept", access: signedIn, scope: tend.ScopeProfileWrite, handle: s.handleSuggestionAccept},
		{method: "POST", pattern: "/api/v1/insights/suggestions/{suggestion}/dismiss", access: signedIn, scope: tend.ScopeProfileWrite, handle: s.handleSuggestionDismiss},
		{method: "GET", pattern: "/api/v1/circles/{id}/insights", access: signedIn, scope: tend.ScopeInsightsRead, handle: s.handleCircleInsightsGet, object: "circle"},
		{method: "PUT", pattern: "/api/v1/circles/{id}/insights", access: signedIn, scope: tend.ScopeCirclesWrite, handle: s.handleCircleInsightsPut, object: "circle"},
	}
}

func (s *Server) handleInsightsGet(w http.ResponseWriter, r *http.Request) {
	_, in, err := s.myInsights(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, in)
}

func (s *Server) handleSuggestionList(w http.ResponseWriter, r *http.Request) {
	_, in, err := s.myInsights(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"suggestions": in.Suggestions})
}

func (s *Server) handleSuggestionAccept(w http.ResponseWriter, r *http.Request) {
	p, err := s.acceptSuggestion(r, r.PathValue("suggestion"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s.toProfileJSON(r, p))
}

func (s *Server) handleSuggestionDismiss(w http.ResponseWriter, r *http.Request) {
	if err := s.dismissSuggestion(r, r.PathValue("suggestion")); err != nil {
		s.apiError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) handleCircleInsightsGet(w http.ResponseWriter, r *http.Request) {
	c, in, err := s.circleInsights(r, r.PathValue("id"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"counted": !c.Member(personID(r)).InsightsOut, "insights": in})
}

func (s *Server) handleCircleInsightsPut(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Counted *bool `json:"counted"`
	}
	if err := decode(w, r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	if _, err := s.Circles.FindCircle(r.Context(), personID(r), r.PathValue("id")); err != nil {
		s.apiError(w, r, err)
		return
	}
	if req.Counted == nil {
		s.apiError(w, r, tend.FieldErrorf("counted", "say whether your reflections count in the circle's insights: true or false"))
		return
	}
	if err := s.Insights.SetCircleInsights(r.Context(), personID(r), r.PathValue("id"), *req.Counted); err != nil {
		s.apiError(w, r, err)
		return
	}
	s.handleCircleInsightsGet(w, r)
}

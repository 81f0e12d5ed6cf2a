package web

import (
	"net/http"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/insights"
)

// The insights pages (journey step 8): what a person's own history
// shows, each chart beside a table of its numbers and a sentence that
// reads it; one suggestion for their profile at a time, never applied on
// its own; the numbers as a CSV file; and a circle's insights, from what
// its members chose to share.

func (s *Server) insightPageRoutes() []route {
	return []route{
		{method: "GET", pattern: "/insights", access: signedIn, page: true, handle: s.handleInsightsPage},
		{method: "GET", pattern: "/insights.csv", access: signedIn, page: true, handle: s.handleInsightsCSV},
		{method: "POST", pattern: "/insights/suggestions/{suggestion}/accept", access: signedIn, page: true, handle: s.handleSuggestionAcceptForm},
		{method: "POST", pattern: "/insights/suggestions/{suggestion}/dismiss", access: signedIn, page: true, handle: s.handleSuggestionDismissForm},
		{method: "GET", pattern: "/circles/{id}/insights", access: signedIn, page: true, handle: s.handleCircleInsightsPage, object: "circle"},
		{method: "POST", pattern: "/circles/{id}/insights", access: signedIn, page: true, handle: s.handleCircleInsightsForm, object: "circle"},
	}
}

// insightsFlashes are the messages after the insights forms.
var insightsFlashes = map[string]string{
	"suggestion-accepted":  "Done: your profile has a new version, and its history says why.",
	"suggestion-dismissed": "Okay, that suggestion won't come back.",
	"insights-in":          "Your reflections count in this circle's insights again.",
	"insights-out":         "Your reflections are kept out of this circle's insights now.",
}

type insightsView struct {
	Page page
	In   *insights.Insights
	// Suggestion is the first suggestion; More counts the rest.
	Suggestion *insights.Suggestion
	More       int
	Charts     insightCharts
	Circles    []*tend.Circle
	// Guide is the guide on drop, when the catalog has it.
	Guide string
}

// myInsights reads the person's history and computes their insights.
func (s *Server) myInsights(r *http.Request) (*tend.History, *insights.Insights, error) {
	me := tend.PersonFromContext(r.Context())
	h, err := s.Insights.FindHistory(r.Context(), me.ID)
	if err != nil {
		return nil, nil, err
	}
	return h, insights.Mine(h, s.practiceName(h.Profile), s.Now(), s.zone(me.TimeZone)), nil
}

// practiceName names practices by the person's own card, then the
// catalog.
func (s *Server) practiceName(card *tend.Card) insights.Names {
	return func(id string) string {
		if card != nil {
			for _, cp := range card.Custom {
				if cp.ID == id {
					return cp.Title
				}
			}
		}
		if p, ok := s.Catalog.Practice(id); ok {
			return p.Title
		}
		return ""
	}
}

func (s *Server) handleInsightsPage(w http.ResponseWriter, r *http.Request) {
	_, in, err := s.myInsights(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	circles, err := s.Circles.FindCircles(r.Context(), personID(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := insightsView{Page: s.base(r, "Insights", "insights"), In: in, Charts: s.insightCharts(in), Circles: circles}
	if _, ok := s.Catalog.Guide("drop"); ok {
		v.Guide = "/guides/drop"
	}
	if len(in.Suggestions) > 0 {
		v.Suggestion, v.More = &in.Suggestions[0], len(in.Suggestions)-1
	}
	s.render(w, r, http.StatusOK, "insights", v)
}

// handleInsightsCSV answers with the numbers behind the charts.
func (s *Server) handleInsightsCSV(w http.ResponseWriter, r *http.Request) {
	_, in, err := s.myInsights(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	attachment(w, "tend-insights.csv")
	if err := insights.WriteCSV(w, in); err != nil {
		s.Logger.Error("insights csv", "err", err)
	}
}

// mySuggestion finds the person's suggestion by id, as their history
// makes it now; ENOTFOUND when they have no such suggestion.
func (s *Server) mySuggestion(r *http.Request, id string) (*tend.History, *insights.Suggestion, error) {
	h, in, err := s.myInsights(r)
	if err != nil {
		return nil, nil, err
	}
	for i := range in.Suggestions {
		if in.Suggestions[i].ID == id {
			return h, &in.Suggestions[i], nil
		}
	}
	return nil, nil, errNoSuggestion()
}

// acceptSuggestion saves the profile the person's suggestion asks for as
// a new version, made from the version the suggestion was made for.
func (s *Server) acceptSuggestion(r *http.Request, id string) (*tend.Profile, error) {
	h, sg, err := s.mySuggestion(r, id)
	if err != nil {
		return nil, err
	}
	card, err := insights.Apply(*sg, h.Profile)
	if err != nil {
		return nil, err
	}
	return s.Profiles.SaveProfileWhy(r.Context(), personID(r), card, h.ProfileVersion, sg.Why)
}

func errNoSuggestion() error {
	return tend.Errorf(tend.ENOTFOUND, "there is no such suggestion now: your history or your profile may have changed since")
}

func (s *Server) handleSuggestionAcceptForm(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	if _, err := s.acceptSuggestion(r, r.PathValue("suggestion")); err != nil {
		s.pageError(w, r, err)
		return
	}
	redirect(w, r, "/profile/history", "suggestion-accepted")
}

func (s *Server) handleSuggestionDismissForm(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	if err := s.dismissSuggestion(r, r.PathValue("suggestion")); err != nil {
		s.pageError(w, r, err)
		return
	}
	redirect(w, r, "/insights", "suggestion-dismissed")
}

// dismissSuggestion remembers the dismissal of one of the person's
// suggestions as their history makes them now.
func (s *Server) dismissSuggestion(r *http.Request, id string) error {
	if _, _, err := s.mySuggestion(r, id); err != nil {
		return err
	}
	return s.Insights.DismissSuggestion(r.Context(), personID(r), id)
}

type circleInsightsView struct {
	Page   page
	Circle *tend.Circle
	In     *insights.CircleInsights
	// MineOut is whether the person keeps their own reflections out.
	MineOut bool
	Charts  insightCharts
}

// circleInsights reads and computes the circle's insights for the person.
func (s *Server) circleInsights(r *http.Request, circleID string) (*tend.Circle, *insights.CircleInsights, error) {
	me := tend.PersonFromContext(r.Context())
	cc, err := s.Circles.CircleCards(r.Context(), me.ID, circleID)
	if err != nil {
		return nil, nil, err
	}
	h, err := s.Insights.FindCircleHistory(r.Context(), me.ID, circleID)
	if err != nil {
		return nil, nil, err
	}
	// Members' own practices are named as the circle sees their cards.
	shared := &tend.Card{}
	for _, c := range append(cc.Shared, cc.Mine) {
		if c != nil {
			shared.Custom = append(shared.Custom, c.Custom...)
		}
	}
	return cc.Circle, insights.Circle(h, s.practiceName(shared), s.Now(), s.zone(me.TimeZone)), nil
}

func (s *Server) handleCircleInsightsPage(w http.ResponseWriter, r *http.Request) {
	c, in, err := s.circleInsights(r, r.PathValue("id"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := circleInsightsView{Page: s.base(r, "Insights for "+c.Name, "circles"), Circle: c, In: in,
		MineOut: c.Member(personID(r)).InsightsOut, Charts: s.circleCharts(in)}
	s.render(w, r, http.StatusOK, "circleinsights", v)
}

// handleCircleInsightsForm keeps the person's reflections out of the
// circle's insights, or lets them count again.
func (s *Server) handleCircleInsightsForm(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	id := r.PathValue("id")
	if _, err := s.Circles.FindCircle(r.Context(), personID(r), id); err != nil {
		s.pageError(w, r, err)
		return
	}
	var in bool
	switch formValue(r, "count") {
	case "yes":
		in = true
	case "no":
	default:
		s.pageError(w, r, tend.FieldErrorf("count", "choose whether your reflections count: yes or no"))
		return
	}
	if err := s.Insights.SetCircleInsights(r.Context(), personID(r), id, in); err != nil {
		s.pageError(w, r, err)
		return
	}
	done := "insights-out"
	if in {
		done = "insights-in"
	}
	redirect(w, r, "/circles/"+id+"/insights", done)
}

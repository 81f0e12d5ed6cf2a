package web

import (
	"context"
	"net/http"
	"time"

	"github.com/tendcare/tend"
)

// followupAPIRoutes are the JSON API of follow-ups: the inbox, one
// follow-up, answering and putting it off, follow-ups on or off for one
// encounter, and the person's follow-up settings. Everything here is
// the person's own: another person's follow-up answers 404, as a missing
// one does.
func (s *Server) followupAPIRoutes() []route {
	return []route{
		{method: "GET", pattern: "/api/v1/followups", access: signedIn, scope: tend.ScopeFollowupsRead, handle: s.handleFollowupList},
		{method: "GET", pattern: "/api/v1/followups/{id}", access: signedIn, scope: tend.ScopeFollowupsRead, handle: s.handleFollowupGet, object: "followup"},
		{method: "POST", pattern: "/api/v1/followups/{id}/answer", access: signedIn, scope: tend.ScopeFollowupsWrite, handle: s.handleFollowupAnswer, object: "followup"},
		{method: "POST", pattern: "/api/v1/followups/{id}/snooze", access: signedIn, scope: tend.ScopeFollowupsWrite, handle: s.handleFollowupSnooze, object: "followup"},
		{method: "GET", pattern: "/api/v1/encounters/{id}/followups", access: signedIn, scope: tend.ScopeFollowupsRead, handle: s.handleEncounterFollowupsGet, object: "encounter"},
		{method: "PUT", pattern: "/api/v1/encounters/{id}/followups", access: signedIn, scope: tend.ScopeFollowupsWrite, handle: s.handleEncounterFollowupsPut, object: "encounter"},
		{method: "GET", pattern: "/api/v1/settings/followups", access: signedIn, scope: tend.ScopeFollowupsRead, handle: s.handleFollowupSettingsGet},
		{method: "PUT", pattern: "/api/v1/settings/followups", access: signedIn, scope: tend.ScopeFollowupsWrite, handle: s.handleFollowupSettingsPut},
	}
}

// followupJSON is one follow-up as the API shows it, to its person only.
type followupJSON struct {
	ID          string `json:"id"`
	EncounterID string `json:"encounter_id"`
	// Question is the one light question in the person's words of time
	// (see followupQuestion).
	Question     string              `json:"question"`
	State        tend.FollowupState  `json:"state"`
	Due          time.Time           `json:"due"`
	Since        time.Time           `json:"since"`
	AfterMinutes int                 `json:"after_minutes"`
	Answer       tend.FollowupAnswer `json:"answer,omitempty"`
	Words        string              `json:"words,omitempty"`
	AnsweredAt   *time.Time          `json:"answered_at,omitempty"`
}

func (s *Server) toFollowupJSON(r *http.Request, f *tend.FollowupItem) followupJSON {
	out := followupJSON{ID: f.ID, EncounterID: f.EncounterID, Question: s.followupQuestion(r, f), State: f.State,
		Due: f.Due.UTC(), Since: f.Since.UTC(), AfterMinutes: int(f.After / time.Minute), Answer: f.Answer, Words: f.Words}
	if !f.AnsweredAt.IsZero() {
		at := f.AnsweredAt.UTC()
		out.AnsweredAt = &at
	}
	return out
}

// writeFollowup answers with one follow-up.
func (s *Server) writeFollowup(w http.ResponseWriter, r *http.Request, f *tend.FollowupItem, err error) {
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"followup": s.toFollowupJSON(r, f)})
}

// handleFollowupList is the inbox: the follow-ups waiting for an
// answer, earliest first.
func (s *Server) handleFollowupList(w http.ResponseWriter, r *http.Request) {
	list, err := s.Followups.FindFollowups(r.Context(), personID(r))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := make([]followupJSON, 0, len(list))
	for _, f := range list {
		out = append(out, s.toFollowupJSON(r, f))
	}
	writeJSON(w, http.StatusOK, map[string]any{"followups": out})
}

func (s *Server) handleFollowupGet(w http.ResponseWriter, r *http.Request) {
	f, err := s.Followups.FindFollowup(r.Context(), personID(r), r.PathValue("id"))
	s.writeFollowup(w, r, f, err)
}

func (s *Server) handleFollowupAnswer(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Answer tend.FollowupAnswer `json:"answer"`
		Words  string              `json:"words"`
	}
	if err := decode(w, r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	f, err := s.answerFollowup(r.Context(), personID(r), r.PathValue("id"), &tend.FollowupReply{Answer: req.Answer, Words: req.Words})
	s.writeFollowup(w, r, f, err)
}

func (s *Server) handleFollowupSnooze(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Snooze tend.SnoozeChoice `json:"snooze"`
	}
	if err := decode(w, r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	f, err := s.snoozeFollowup(r, r.PathValue("id"), req.Snooze)
	s.writeFollowup(w, r, f, err)
}

// answerFollowup records the person's answer. It is the one place both
// the page and the API answer through: what a low answer does for the
// others in the encounter (telling them, as the person chose beforehand
// with tend.DropTell, with their drop-care list) is a piece of its own
// that hooks in here. Until then the answer reaches nobody else.
func (s *Server) answerFollowup(ctx context.Context, personID, id string, reply *tend.FollowupReply) (*tend.FollowupItem, error) {
	return s.Followups.AnswerFollowup(ctx, personID, id, reply)
}

// snoozeFollowup puts the signed-in person's follow-up off as they
// chose, on their clock and out of their quiet hours. Another person's
// or a missing follow-up is ENOTFOUND before the choice is looked at,
// so that what the request gets wrong never tells whether it exists.
func (s *Server) snoozeFollowup(r *http.Request, id string, choice tend.SnoozeChoice) (*tend.FollowupItem, error) {
	ctx := r.Context()
	me := tend.PersonFromContext(ctx)
	if _, err := s.Followups.FindFollowup(ctx, me.ID, id); err != nil {
		return nil, err
	}
	until, err := tend.Snooze(s.Now(), choice, s.zone(me.TimeZone), me.Quiet)
	if err != nil {
		return nil, err
	}
	return s.Followups.SnoozeFollowup(ctx, me.ID, id, until)
}

// encounterFollowupsJSON is the person's follow-ups after one encounter.
type encounterFollowupsJSON struct {
	On        bool           `json:"on"`
	Followups []followupJSON `json:"followups"`
}

// writeEncounterFollowups answers with the person's follow-ups after the
// encounter the path names; one they are not in answers 404.
func (s *Server) writeEncounterFollowups(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	all, err := s.Followups.FindEncounterFollowups(r.Context(), personID(r), []string{id})
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	ef := all[id]
	if ef == nil {
		s.apiError(w, r, tend.Errorf(tend.ENOTFOUND, "there is no such encounter"))
		return
	}
	out := encounterFollowupsJSON{On: !ef.Off, Followups: make([]followupJSON, 0, len(ef.Items))}
	for _, f := range ef.Items {
		out.Followups = append(out.Followups, s.toFollowupJSON(r, f))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleEncounterFollowupsGet(w http.ResponseWriter, r *http.Request) {
	s.writeEncounterFollowups(w, r)
}

// handleEncounterFollowupsPut turns the person's follow-ups after the
// encounter on or off; off cancels those waiting.
func (s *Server) handleEncounterFollowupsPut(w http.ResponseWriter, r *http.Request) {
	var req struct {
		On *bool `json:"on"`
	}
	if err := decode(w, r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	ctx := r.Context()
	// The encounter first: someone else's answers 404 whatever the body.
	id := r.PathValue("id")
	if all, err := s.Followups.FindEncounterFollowups(ctx, personID(r), []string{id}); err != nil || all[id] == nil {
		if err == nil {
			err = tend.Errorf(tend.ENOTFOUND, "there is no such encounter")
		}
		s.apiError(w, r, err)
		return
	}
	if req.On == nil {
		s.apiError(w, r, tend.FieldErrorf("on", "say true to have follow-ups after this encounter, or false for none"))
		return
	}
	if err := s.Followups.SetEncounterFollowups(ctx, personID(r), id, *req.On); err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeEncounterFollowups(w, r)
}

// followupSettingsJSON is what a person chose about their follow-ups.
type followupSettingsJSON struct {
	Off         bool     `json:"off"`
	AfterGentle bool     `json:"after_gentle"`
	OffCircles  []string `json:"off_circles"`
}

func toFollowupSettingsJSON(p *tend.FollowupPrefs) followupSettingsJSON {
	out := followupSettingsJSON{Off: p.Off, AfterGentle: p.AfterGentle, OffCircles: p.OffCircles}
	if out.OffCircles == nil {
		out.OffCircles = []string{}
	}
	return out
}

func (s *Server) handleFollowupSettingsGet(w http.ResponseWriter, r *http.Request) {
	p, err := s.Followups.FindFollowupPrefs(r.Context(), personID(r))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"followup_settings": toFollowupSettingsJSON(p)})
}

// handleFollowupSettingsPut changes the fields given; a missing field
// stays as it is.
func (s *Server) handleFollowupSettingsPut(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Off         *bool     `json:"off"`
		AfterGentle *bool     `json:"after_gentle"`
		OffCircles  *[]string `json:"off_circles"`
	}
	if err := decode(w, r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	ctx := r.Context()
	p, err := s.Followups.FindFollowupPrefs(ctx, personID(r))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if req.Off != nil {
		p.Off = *req.Off
	}
	if req.AfterGentle != nil {
		p.AfterGentle = *req.AfterGentle
	}
	if req.OffCircles != nil {
		p.OffCircles = *req.OffCircles // the store refuses circles not one's own
	}
	if err := s.Followups.SetFollowupPrefs(ctx, personID(r), p); err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"followup_settings": toFollowupSettingsJSON(p)})
}

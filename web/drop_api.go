package web

import (
	"net/http"
	"time"

	"github.com/tendcare/tend"
)

// dropAPIRoutes are the JSON API of drop care: the alerts a person sees
// (their own and those of the others in their encounters), one-tap
// answers to another's alert, telling the others of one's low answer
// when one chose to be asked, "I'm in a low place" after a recent
// encounter, and whom a low answer tells. Another person's follow-up,
// alert or encounter answers 404, as a missing one does.
func (s *Server) dropAPIRoutes() []route {
	return []route{
		{method: "GET", pattern: "/api/v1/drops", access: signedIn, scope: tend.ScopeFollowupsRead, handle: s.handleDropList},
		{method: "POST", pattern: "/api/v1/drops/{id}/replies", access: signedIn, scope: tend.ScopeFollowupsWrite, handle: s.handleDropReply, object: "drop"},
		{method: "POST", pattern: "/api/v1/followups/{id}/tell", access: signedIn, scope: tend.ScopeFollowupsWrite, handle: s.handleDropTell, object: "followup"},
		{method: "POST", pattern: "/api/v1/encounters/{id}/low", access: signedIn, scope: tend.ScopeFollowupsWrite, handle: s.handleRaiseLow, object: "encounter"},
		{method: "GET", pattern: "/api/v1/settings/drop-tell", access: signedIn, scope: tend.ScopeFollowupsRead, handle: s.handleDropTellGet},
		{method: "PUT", pattern: "/api/v1/settings/drop-tell", access: signedIn, scope: tend.ScopeFollowupsWrite, handle: s.handleDropTellPut},
	}
}

// dropAlertJSON is one alert as the API shows it to a member of its
// encounter: who is low, when, and the others' answers. Mine says it
// is the reader's own.
type dropAlertJSON struct {
	ID          string              `json:"id"`
	EncounterID string              `json:"encounter_id"`
	DisplayName string              `json:"display_name"`
	Mine        bool                `json:"mine"`
	Answer      tend.FollowupAnswer `json:"answer,omitempty"`
	FollowupID  string              `json:"followup_id,omitempty"`
	At          time.Time           `json:"at"`
	Replies     []dropReplyJSON     `json:"replies"`
}

// dropReplyJSON is one one-tap answer to an alert.
type dropReplyJSON struct {
	DisplayName string             `json:"display_name"`
	Mine        bool               `json:"mine"`
	Kind        tend.DropReplyKind `json:"kind"`
	At          time.Time          `json:"at"`
}

func toDropAlertJSON(me string, a *tend.DropAlert) dropAlertJSON {
	out := dropAlertJSON{ID: a.ID, EncounterID: a.EncounterID, DisplayName: a.DisplayName, Mine: a.PersonID == me,
		Answer: a.Answer, FollowupID: a.FollowupID, At: a.At.UTC(), Replies: make([]dropReplyJSON, 0, len(a.Replies))}
	if !out.Mine {
		// The follow-up is its person's own: the others see only that
		// they are having a low time.
		out.FollowupID = ""
	}
	for _, r := range a.Replies {
		out.Replies = append(out.Replies, dropReplyJSON{DisplayName: r.DisplayName, Mine: r.PersonID == me, Kind: r.Kind, At: r.At.UTC()})
	}
	return out
}

// writeDropAlert answers with one alert.
func (s *Server) writeDropAlert(w http.ResponseWriter, r *http.Request, status int, a *tend.DropAlert, err error) {
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, status, map[string]any{"drop": toDropAlertJSON(personID(r), a)})
}

// handleDropList lists the alerts the person sees from the last
// tend.LowPlaceDays, newest first, with their answers.
func (s *Server) handleDropList(w http.ResponseWriter, r *http.Request) {
	list, err := s.Drops.FindDropAlerts(r.Context(), personID(r))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := make([]dropAlertJSON, 0, len(list))
	for _, a := range list {
		out = append(out, toDropAlertJSON(personID(r), a))
	}
	writeJSON(w, http.StatusOK, map[string]any{"drops": out})
}

// handleDropReply answers another's alert with one tap.
func (s *Server) handleDropReply(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Kind tend.DropReplyKind `json:"kind"`
	}
	if err := decode(w, r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	a, err := s.Drops.ReplyDrop(r.Context(), personID(r), r.PathValue("id"), req.Kind)
	s.writeDropAlert(w, r, http.StatusCreated, a, err)
}

// handleDropTell tells the others of the person's low answer to the
// follow-up, when they chose to be asked each time.
func (s *Server) handleDropTell(w http.ResponseWriter, r *http.Request) {
	a, err := s.Drops.TellDrop(r.Context(), personID(r), r.PathValue("id"))
	s.writeDropAlert(w, r, http.StatusCreated, a, err)
}

// handleRaiseLow tells the others "I'm in a low place", within
// tend.LowPlaceDays of the encounter.
func (s *Server) handleRaiseLow(w http.ResponseWriter, r *http.Request) {
	a, err := s.Drops.RaiseLow(r.Context(), personID(r), r.PathValue("id"))
	s.writeDropAlert(w, r, http.StatusCreated, a, err)
}

func (s *Server) handleDropTellGet(w http.ResponseWriter, r *http.Request) {
	t, err := s.Drops.FindDropTell(r.Context(), personID(r))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"tell": t})
}

// handleDropTellPut changes whom a low answer tells.
func (s *Server) handleDropTellPut(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Tell tend.DropTell `json:"tell"`
	}
	if err := decode(w, r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	if !req.Tell.Valid() {
		s.apiError(w, r, tend.FieldErrorf("tell", "choose auto (tell them at once), ask (ask me each time) or never"))
		return
	}
	if err := s.Drops.SetDropTell(r.Context(), personID(r), req.Tell); err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"tell": req.Tell})
}

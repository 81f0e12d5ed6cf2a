package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/plan"
)

// encounterAPIRoutes are the JSON API of encounters.
func (s *Server) encounterAPIRoutes() []route {
	return []route{
		{method: "POST", pattern: "/api/v1/encounters", access: signedIn, scope: tend.ScopeEncountersWrite, handle: s.handleEncounterCreate},
		{method: "GET", pattern: "/api/v1/encounters", access: signedIn, scope: tend.ScopeEncountersRead, handle: s.handleEncounterList},
		{method: "GET", pattern: "/api/v1/encounters/{id}", access: signedIn, scope: tend.ScopeEncountersRead, handle: s.handleEncounterGet, object: "encounter"},
		{method: "DELETE", pattern: "/api/v1/encounters/{id}", access: signedIn, scope: tend.ScopeEncountersWrite, handle: s.handleEncounterLeave, object: "encounter"},
		{method: "GET", pattern: "/api/v1/encounters/{id}/plan", access: signedIn, scope: tend.ScopeEncountersRead, handle: s.handleEncounterPlan, object: "encounter"},
		{method: "POST", pattern: "/api/v1/encounters/{id}/move", access: signedIn, scope: tend.ScopeEncountersWrite, handle: s.handleEncounterMove, object: "encounter"},
		{method: "PUT", pattern: "/api/v1/encounters/{id}/check-in", access: signedIn, scope: tend.ScopeCheckInsWrite, handle: s.handleCheckIn, object: "encounter"},
		{method: "POST", pattern: "/api/v1/encounters/{id}/signals", access: signedIn, scope: tend.ScopeEncountersWrite, handle: s.handleSignalSend, object: "encounter"},
		{method: "GET", pattern: "/api/v1/encounters/{id}/signals", access: signedIn, scope: tend.ScopeEncountersRead, handle: s.handleSignalList, object: "encounter"},
		{method: "GET", pattern: "/api/v1/encounters/{id}/events", access: signedIn, scope: tend.ScopeEncountersRead, handle: s.handleEvents, object: "encounter", stream: true},
		{method: "PUT", pattern: "/api/v1/encounters/{id}/reflection", access: signedIn, scope: tend.ScopeReflectionsWrite, handle: s.handleReflect, object: "encounter"},
		{method: "GET", pattern: "/api/v1/encounters/{id}/reflections", access: signedIn, scope: tend.ScopeReflectionsRead, handle: s.handleReflections, object: "encounter"},
	}
}

// writeEncounter answers with one encounter.
func (s *Server) writeEncounter(w http.ResponseWriter, r *http.Request, status int, e *tend.Encounter, err error) {
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, status, map[string]any{"encounter": toEncounterJSON(e, tend.Allowed(r.Context(), tend.ScopeCheckInsRead))})
}

func (s *Server) handleEncounterCreate(w http.ResponseWriter, r *http.Request) {
	var req struct {
		CircleID           string    `json:"circle_id"`
		Kind               tend.Kind `json:"kind"`
		Minutes            int       `json:"minutes"`
		RevealAfterMinutes int       `json:"reveal_after_minutes"`
	}
	if err := decode(w, r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	ctx := r.Context()
	e, err := s.Encounters.CreateEncounter(ctx, personID(r), tend.NewEncounter{CircleID: req.CircleID,
		Kind: req.Kind, Minutes: req.Minutes, RevealAfter: time.Duration(req.RevealAfterMinutes) * time.Minute})
	s.writeEncounter(w, r, http.StatusCreated, e, err)
}

func (s *Server) handleEncounterList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	list, err := s.Encounters.FindEncounters(ctx, personID(r))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := make([]encounterJSON, 0, len(list))
	for _, e := range list {
		out = append(out, toEncounterJSON(e, tend.Allowed(ctx, tend.ScopeCheckInsRead)))
	}
	writeJSON(w, http.StatusOK, map[string]any{"encounters": out})
}

func (s *Server) handleEncounterGet(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	e, err := s.Encounters.FindEncounter(ctx, personID(r), r.PathValue("id"))
	s.writeEncounter(w, r, http.StatusOK, e, err)
}

func (s *Server) handleEncounterLeave(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	err := s.Encounters.LeaveEncounter(ctx, personID(r), r.PathValue("id"))
	s.noContent(w, r, err)
}

func (s *Server) handleEncounterPlan(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	me := tend.PersonFromContext(ctx)
	e, err := s.Encounters.FindEncounter(ctx, me.ID, r.PathValue("id"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	pl, err := s.encounterPlan(ctx, me, e)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, pl)
}

// encounterPlan is the plan for the encounter, from the cards the store
// reads for it (see tend.EncounterCards).
func (s *Server) encounterPlan(ctx context.Context, me *tend.Person, e *tend.Encounter) (*tend.Plan, error) {
	ec, err := s.Encounters.EncounterCards(ctx, me.ID, e.ID)
	if err != nil {
		return nil, err
	}
	return plan.Make(s.Catalog, ec.Cards, ec.Kind)
}

// stepKeys name a plan's steps for ticking them off: each step's
// practice and whom it is for, and when a plan has that twice (a step
// that stands in for another with the person's own version of it), "~2"
// and on for the later ones, so that ticking one never ticks the other.
func stepKeys(steps []tend.Step) []string {
	keys := make([]string, len(steps))
	seen := map[string]int{}
	for i, st := range steps {
		k := st.Practice + ":" + strings.Join(st.For, "+")
		seen[k]++
		if n := seen[k]; n > 1 {
			k += "~" + strconv.Itoa(n)
		}
		keys[i] = k
	}
	return keys
}

func (s *Server) handleEncounterMove(w http.ResponseWriter, r *http.Request) {
	var req struct {
		From   tend.Stage `json:"from"`
		Anyway bool       `json:"anyway"`
		Seen   int64      `json:"seen"`
	}
	if err := decode(w, r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	ctx := r.Context()
	e, err := s.Encounters.MoveEncounter(ctx, personID(r), r.PathValue("id"), tend.Move{From: req.From, Anyway: req.Anyway, Seen: req.Seen})
	s.writeEncounter(w, r, http.StatusOK, e, err)
}

func (s *Server) handleCheckIn(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Mood      tend.Scale `json:"mood"`
		Energy    tend.Scale `json:"energy"`
		Limits    string     `json:"limits"`
		Triggers  string     `json:"triggers"`
		Safeword  string     `json:"safeword"`
		Needs     []string   `json:"needs"`
		Confirmed bool       `json:"confirmed"`
	}
	if err := decode(w, r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	ctx := r.Context()
	e, err := s.Encounters.SaveCheckIn(ctx, personID(r), r.PathValue("id"), &tend.CheckIn{Mood: req.Mood,
		Energy: req.Energy, Limits: req.Limits, Triggers: req.Triggers, Safeword: req.Safeword, Needs: req.Needs, Confirmed: req.Confirmed})
	s.writeEncounter(w, r, http.StatusOK, e, err)
}

func (s *Server) handleSignalSend(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Kind tend.SignalKind `json:"kind"`
		Text string          `json:"text"`
		Ref  string          `json:"ref"`
	}
	if err := decode(w, r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	ctx := r.Context()
	sig, err := s.Encounters.AddSignal(ctx, personID(r), r.PathValue("id"), &tend.Signal{Kind: req.Kind, Text: req.Text, Ref: req.Ref})
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"signal": toSignalJSON(sig)})
}

func (s *Server) handleSignalList(w http.ResponseWriter, r *http.Request) {
	after, err := afterParam(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	ctx := r.Context()
	sigs, err := s.Encounters.FindSignals(ctx, personID(r), r.PathValue("id"), after, 0)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := make([]signalJSON, 0, len(sigs))
	for _, sig := range sigs {
		out = append(out, toSignalJSON(sig))
	}
	writeJSON(w, http.StatusOK, map[string]any{"signals": out})
}

func (s *Server) handleReflect(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Mood      tend.Scale `json:"mood"`
		Emotions  []string   `json:"emotions"`
		Helped    []string   `json:"helped"`
		Missing   string     `json:"missing"`
		Favourite string     `json:"favourite"`
		Note      string     `json:"note"`
		Journal   string     `json:"journal"`
	}
	if err := decode(w, r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	ctx := r.Context()
	e, err := s.Encounters.SaveReflection(ctx, personID(r), r.PathValue("id"), &tend.Reflection{
		Mood: req.Mood, Emotions: req.Emotions, Helped: req.Helped, Missing: req.Missing, Favourite: req.Favourite,
		Note: req.Note, Journal: req.Journal})
	s.writeEncounter(w, r, http.StatusOK, e, err)
}

func (s *Server) handleReflections(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	mine, others, revealed, err := s.Encounters.FindReflections(ctx, personID(r), r.PathValue("id"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := make([]*reflectionJSON, 0, len(others))
	for _, o := range others {
		out = append(out, toReflectionJSON(o))
	}
	writeJSON(w, http.StatusOK, map[string]any{"mine": toReflectionJSON(mine), "others": out, "revealed": revealed})
}

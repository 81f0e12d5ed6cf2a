package web

import (
	"net/http"
	"strconv"

	"github.com/tendcare/tend"
)

// encounterPageRoutes are the pages of encounters: starting one, the
// check-in, moving on, reflecting, leaving, and the history of
// encounters. Each form has a file of its own
// (encounter_<stage>_page.go), around encounterForm; the aftercare
// screen has its own routes (aftercarePageRoutes).
func (s *Server) encounterPageRoutes() []route {
	return []route{
		{method: "GET", pattern: "/encounters", access: sessionOnly, page: true, handle: s.handleEncountersPage},
		{method: "POST", pattern: "/encounters", access: sessionOnly, page: true, handle: s.handleEncounterStartForm},
		{method: "GET", pattern: "/encounters/history", access: sessionOnly, page: true, handle: s.handleEncounterHistoryPage},
		{method: "GET", pattern: "/encounters/{id}", access: sessionOnly, page: true, handle: s.handleEncounterPage, object: "encounter"},
		{method: "POST", pattern: "/encounters/{id}/check-in", access: sessionOnly, page: true, handle: s.handleCheckInForm, object: "encounter"},
		{method: "POST", pattern: "/encounters/{id}/move", access: sessionOnly, page: true, handle: s.handleEncounterMoveForm, object: "encounter"},
		{method: "POST", pattern: "/encounters/{id}/reflection", access: sessionOnly, page: true, handle: s.handleReflectionForm, object: "encounter"},
		{method: "POST", pattern: "/encounters/{id}/leave", access: sessionOnly, page: true, handle: s.handleEncounterLeaveForm, object: "encounter"},
	}
}

// encounterFlashes are the fixed messages after the encounter forms (the
// shared flashes are another file's; these keys are not among them).
var encounterFlashes = map[string]string{
	"started":           "Started. Each of you can check in now, on your own device.",
	"started-solo":      "Started. Take a moment to check in with yourself.",
	"checkin-saved":     "Saved. You can change it until the aftercare begins.",
	"checkin-confirmed": "Confirmed. You can still change it, or change your mind, at any moment.",
	"checkin-ready":     "Saved. Open the aftercare screen whenever you are ready.",
	"reflected":         "Thank you. Your reflection is saved.",
	"left-encounter":    "You are out of that encounter; what you wrote for it is deleted.",
	"moved-already":     "Someone had already moved on, so here is where things are now.",
}

// encounterBase is the common part of the encounter pages' views.
func (s *Server) encounterBase(r *http.Request, title string) page {
	p := s.base(r, title, "encounters")
	if m, ok := encounterFlashes[r.URL.Query().Get("done")]; ok {
		p.Flash = m
	}
	return p
}

// encounterTitle names an encounter in a heading.
func encounterTitle(e *tend.Encounter) string {
	return nameEncounter(e, "Solo, just me", kindLabel(e.Kind), ", with ")
}

// nameEncounter names an encounter: alone when it is solo, else what,
// followed by sep and the circle's name when it has one.
func nameEncounter(e *tend.Encounter, alone, what, sep string) string {
	switch {
	case e.Solo():
		return alone
	case e.CircleName != "":
		return what + sep + e.CircleName
	}
	return what
}

// myEncounter reads the signed-in person's encounter named by the path;
// when it cannot, it has answered with the error page.
func (s *Server) myEncounter(w http.ResponseWriter, r *http.Request) (*tend.Encounter, bool) {
	return mine(s, w, r, s.Encounters.FindEncounter)
}

// handleEncounterPage is the encounter at its stage: the check-in, or
// looking back; during the aftercare, the aftercare screen.
func (s *Server) handleEncounterPage(w http.ResponseWriter, r *http.Request) {
	e, ok := s.myEncounter(w, r)
	if !ok {
		return
	}
	if e.Stage == tend.StageAfter {
		http.Redirect(w, r, "/encounters/"+e.ID+"/aftercare", http.StatusSeeOther)
		return
	}
	v, err := s.encounterView(r, e)
	s.show(w, r, "encounter", v, err)
}

// encounterForm opens one of the encounter page's forms: the signed-in
// person's encounter the path names, and the form sent to it; when it
// cannot, it has answered with the error page.
func (s *Server) encounterForm(w http.ResponseWriter, r *http.Request) (*tend.Encounter, bool) {
	e, ok := s.myEncounter(w, r)
	if !ok {
		return nil, false
	}
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return nil, false
	}
	return e, true
}

// encounterFormSaved ends one of the encounter page's forms after the
// save: done (err nil), on to the page with done's message; refused
// because the encounter has moved on meanwhile, on to where it stands
// now; any other mistake, the page again (encounterFormAgain).
func (s *Server) encounterFormSaved(w http.ResponseWriter, r *http.Request, e *tend.Encounter, err error, done string, refill func(*encounterView)) {
	switch {
	case err == nil:
		redirect(w, r, "/encounters/"+e.ID, done)
	case tend.ErrorCode(err) == tend.ECONFLICT:
		redirect(w, r, "/encounters/"+e.ID, "moved-already")
	default:
		s.encounterFormAgain(w, r, e, err, refill)
	}
}

// encounterFormAgain shows the encounter page again, made afresh, with
// the form's mistakes beside their fields and nothing saved; refill puts
// the form back on the view as it was sent (nil: a form with nothing to
// keep).
func (s *Server) encounterFormAgain(w http.ResponseWriter, r *http.Request, e *tend.Encounter, err error, refill func(*encounterView)) {
	v, verr := s.encounterView(r, e)
	if verr != nil {
		s.pageError(w, r, verr)
		return
	}
	if refill != nil {
		refill(v)
	}
	s.formError(w, r, "encounter", &v.Page, v, err)
}

// readScale reads a 1 to 5 answer; "" is 0, not given. A mistake is
// noted in ps.
func readScale(r *http.Request, ps *tend.Problems, name, what string) tend.Scale {
	v := formValue(r, name)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 5 {
		ps.Add(name, "choose one of the five answers, from 1 (low) to 5 (%s)", what)
		return 0
	}
	return tend.Scale(n)
}

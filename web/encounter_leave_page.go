package web

import (
	"net/http"

	"github.com/tendcare/tend"
)

// leaveField is the box that confirms leaving an encounter.
var leaveField = formField{Path: "sure", ID: "sure", Label: "Leave this encounter"}

// handleEncounterLeaveForm takes the person out of the encounter, and
// deletes what they wrote for it, once they have ticked that they mean
// it.
func (s *Server) handleEncounterLeaveForm(w http.ResponseWriter, r *http.Request) {
	e, ok := s.encounterForm(w, r)
	if !ok {
		return
	}
	if r.PostFormValue("sure") != "yes" {
		s.encounterFormAgain(w, r, e, tend.FieldErrorf("sure",
			"tick “Yes, take me out of it” first, so that nothing is deleted by a slip of the finger"), nil)
		return
	}
	if err := s.Encounters.LeaveEncounter(r.Context(), personID(r), e.ID); err != nil {
		s.pageError(w, r, err)
		return
	}
	redirect(w, r, "/encounters", "left-encounter")
}

package web

import (
	"net/http"
	"strconv"

	"github.com/tendcare/tend"
)

// handleEncounterMoveForm moves the encounter on from the stage the page
// showed (the check-in to the aftercare, the aftercare to reflecting,
// reflecting to done), or says where it stands when it has moved on
// meanwhile.
func (s *Server) handleEncounterMoveForm(w http.ResponseWriter, r *http.Request) {
	e, ok := s.encounterForm(w, r)
	if !ok {
		return
	}
	from := tend.Stage(formValue(r, "from"))
	if !from.Valid() || from.Next() == "" {
		s.pageError(w, r, tend.Errorf(tend.EINVALID, "the form could not be read; reload the page and try again"))
		return
	}
	seen, _ := strconv.ParseInt(formValue(r, "seen"), 10, 64)
	moved, err := s.Encounters.MoveEncounter(r.Context(), personID(r), e.ID, tend.Move{From: from, Anyway: formValue(r, "anyway") != "", Seen: seen})
	switch {
	case tend.ErrorCode(err) == tend.ECONFLICT && from == tend.StageAfter && s.stillAt(r, e.ID, from):
		// Refused although still at the aftercare: someone's "not okay"
		// stands (perhaps one sent since the question was asked). The
		// screen asks, naming them, with "End anyway".
		http.Redirect(w, r, "/encounters/"+e.ID+"/aftercare?end=confirm#end-confirm-h", http.StatusSeeOther)
		return
	case tend.ErrorCode(err) == tend.ECONFLICT:
		redirect(w, r, "/encounters/"+e.ID, "moved-already")
		return
	case err != nil:
		s.pageError(w, r, err)
		return
	}
	if moved.Stage == tend.StageAfter {
		http.Redirect(w, r, "/encounters/"+moved.ID+"/aftercare", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/encounters/"+moved.ID, http.StatusSeeOther)
}

// stillAt reports whether the encounter is at the stage (after a move
// was refused: not moved on by someone else, so refused for another
// reason).
func (s *Server) stillAt(r *http.Request, id string, stage tend.Stage) bool {
	e, err := s.Encounters.FindEncounter(r.Context(), personID(r), id)
	return err == nil && e.Stage == stage
}

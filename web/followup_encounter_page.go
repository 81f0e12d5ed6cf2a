package web

import (
	"net/http"
	"slices"

	"github.com/tendcare/tend"
)

// Follow-ups on an encounter's page and in the history: the person's own
// answers, and follow-ups on or off for that encounter.

// handleEncounterFollowupsForm turns the person's follow-ups after the
// encounter on or off, from the encounter's page.
func (s *Server) handleEncounterFollowupsForm(w http.ResponseWriter, r *http.Request) {
	e, ok := s.encounterForm(w, r)
	if !ok {
		return
	}
	var on bool
	switch formValue(r, "on") {
	case "yes":
		on = true
	case "no":
	default:
		s.encounterFormAgain(w, r, e, tend.FieldErrorf("followups", "choose to have follow-ups after this encounter, or none"), nil)
		return
	}
	if err := s.Followups.SetEncounterFollowups(r.Context(), personID(r), e.ID, on); err != nil {
		s.encounterFormAgain(w, r, e, err, nil)
		return
	}
	done := "encounter-followups-off"
	if on {
		done = "encounter-followups-on"
	}
	redirect(w, r, "/encounters/"+e.ID, done)
}

// shownFollowup is an answered follow-up as the encounter's history
// shows it, to its person only.
type shownFollowup struct {
	Question, Answer, Words string
	// When it was answered, on the person's clock.
	When string
}

// showFollowups are the answered ones of a person's follow-ups after an
// encounter, as its history shows them.
func (s *Server) showFollowups(r *http.Request, ef *tend.EncounterFollowups) []shownFollowup {
	if ef == nil {
		return nil
	}
	loc := s.zone(tend.PersonFromContext(r.Context()).TimeZone)
	var out []shownFollowup
	for _, f := range ef.Answered() {
		out = append(out, shownFollowup{Question: s.followupQuestion(r, f), Answer: followupAnswerLabels[f.Answer], Words: f.Words, When: when(loc, f.AnsweredAt)})
	}
	return out
}

// encounterFollowupsField is the encounter page's button turning
// follow-ups on or off.
var encounterFollowupsField = formField{Path: "followups", ID: "followups", Label: "Follow-ups", Link: "followups-button"}

// encounterFollowups is the person's follow-ups after an encounter as
// its page shows them: the answers, and follow-ups on or off for it.
type encounterFollowups struct {
	Answered []shownFollowup
	// Off: turned off for this encounter; Waiting: one is still to come
	// or to answer.
	Off, Waiting bool
	// Before: the aftercare has not begun, so turning them on or off
	// decides whether it brings any. AllOff and CircleOff say that the
	// person's settings bring none anyway.
	Before, AllOff, CircleOff bool
}

// Show reports whether the page has anything to say about follow-ups.
func (f *encounterFollowups) Show() bool {
	return f != nil && (f.Before || f.Off || f.Waiting || len(f.Answered) > 0)
}

// encounterFollowups reads the person's follow-ups after the encounter
// (and, before the aftercare, their settings) for its page.
func (s *Server) encounterFollowups(r *http.Request, e *tend.Encounter) (*encounterFollowups, error) {
	ctx := r.Context()
	all, err := s.Followups.FindEncounterFollowups(ctx, personID(r), []string{e.ID})
	if err != nil {
		return nil, err
	}
	ef := all[e.ID]
	if ef == nil {
		return nil, tend.Errorf(tend.ENOTFOUND, "there is no such encounter")
	}
	out := &encounterFollowups{Answered: s.showFollowups(r, ef), Off: ef.Off, Waiting: ef.Waiting(),
		Before: e.Stage == tend.StagePlanned || e.Stage == tend.StageBefore}
	if out.Before {
		p, err := s.Followups.FindFollowupPrefs(ctx, personID(r))
		if err != nil {
			return nil, err
		}
		out.AllOff, out.CircleOff = p.Off, e.CircleID != "" && slices.Contains(p.OffCircles, e.CircleID)
	}
	return out, nil
}

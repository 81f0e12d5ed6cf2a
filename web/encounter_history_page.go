package web

import (
	"net/http"

	"github.com/tendcare/tend"
)

// pastEncounter is one encounter of the history, with its reflections.
type pastEncounter struct {
	E        *tend.Encounter
	Title    string
	Solo     bool
	Revealed bool
	Mine     *shownReflection
	Others   []*shownReflection
	// Followups are the person's own answered follow-ups after it.
	Followups []shownFollowup
}

type encounterHistoryView struct {
	Page page
	Past []pastEncounter
}

// handleEncounterHistoryPage lists the encounters that are done, each
// with the reflections the person may see.
func (s *Server) handleEncounterHistoryPage(w http.ResponseWriter, r *http.Request) {
	v, err := s.encounterHistoryView(r)
	s.show(w, r, "encounterhistory", v, err)
}

// encounterHistoryView builds the past encounters' page, in a fixed
// number of reads however many there are.
func (s *Server) encounterHistoryView(r *http.Request) (*encounterHistoryView, error) {
	ctx := r.Context()
	me := personID(r)
	list, err := s.Encounters.FindEncounters(ctx, me)
	if err != nil {
		return nil, err
	}
	prof, err := s.Profiles.FindProfile(ctx, me)
	if err != nil {
		return nil, err
	}
	titles := s.practiceTitles(prof.Card, nil)
	// The reflections of every past encounter at once: one read, not
	// one per encounter.
	var done []*tend.Encounter
	var ids []string
	for _, e := range list {
		if e.Stage == tend.StageDone {
			done, ids = append(done, e), append(ids, e.ID)
		}
	}
	all, err := s.Encounters.FindReflectionsFor(ctx, me, ids)
	if err != nil {
		return nil, err
	}
	// And the person's follow-ups after them, in one read too.
	fus, err := s.Followups.FindEncounterFollowups(ctx, me, ids)
	if err != nil {
		return nil, err
	}
	v := &encounterHistoryView{Page: s.encounterBase(r, "Past encounters")}
	for _, e := range done {
		// One the person has left since the list was read is gone.
		rs := all[e.ID]
		if rs == nil {
			continue
		}
		p := pastEncounter{E: e, Title: encounterTitle(e), Solo: e.Solo(), Revealed: rs.Revealed}
		p.Mine, p.Others = showReflections(rs, titles)
		p.Followups = s.showFollowups(r, fus[e.ID])
		v.Past = append(v.Past, p)
	}
	return v, nil
}

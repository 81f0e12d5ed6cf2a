package web

import (
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/tendcare/tend"
)

// revealChoice is one answer to "when to show reflections".
type revealChoice struct {
	Value, Label string
}

var revealChoices = []revealChoice{
	{"0", "Only when everyone has answered"},
	{"1", "After 1 day, even if someone hasn't"},
	{"3", "After 3 days, even if someone hasn't"},
	{"7", "After 7 days, even if someone hasn't"},
}

// startForm is what the start form was sent with, to show it again.
type startForm struct {
	Circle, Kind, Minutes, Reveal string
}

// encountersView is the encounters page: the start form, and the
// encounters under way.
type encountersView struct {
	Page    page
	Circles []*tend.Circle
	Kinds   []tend.Kind
	Reveals []revealChoice
	Form    startForm
	// Current are the encounters under way; Past counts those done.
	Current []*tend.Encounter
	Past    int
}

func (s *Server) encountersView(r *http.Request) (*encountersView, error) {
	ctx := r.Context()
	me := tend.PersonFromContext(ctx)
	v := &encountersView{Page: s.encounterBase(r, "Aftercare"), Kinds: tend.Kinds(), Reveals: revealChoices,
		Form: startForm{Kind: string(tend.Gentle), Reveal: "0"}}
	v.Page.Fields = startFields
	var err error
	if v.Circles, err = s.Circles.FindCircles(ctx, me.ID); err != nil {
		return nil, err
	}
	if len(v.Circles) == 0 {
		v.Form.Kind = string(tend.Solo)
	} else {
		v.Form.Circle = v.Circles[0].ID
	}
	list, err := s.Encounters.FindEncounters(ctx, me.ID)
	if err != nil {
		return nil, err
	}
	for _, e := range list {
		if e.Stage == tend.StageDone {
			v.Past++
		} else {
			v.Current = append(v.Current, e)
		}
	}
	return v, nil
}

// handleEncountersPage lists the encounters under way and offers to
// start one.
func (s *Server) handleEncountersPage(w http.ResponseWriter, r *http.Request) {
	v, err := s.encountersView(r)
	s.show(w, r, "encounters", v, err)
}

// startFields are the start form's fields, by the names of their
// problems.
var startFields = []formField{
	{Path: "circle_id", ID: "circle", Label: "With whom"},
	{Path: "kind", ID: "kind", Label: "Kind of encounter"},
	{Path: "minutes", ID: "minutes", Label: "Minutes set aside for aftercare"},
	{Path: "reveal_after_minutes", ID: "reveal", Label: "When to show reflections", Link: "reveal-0"},
}

// readStart reads the start form and checks it whole: every mistake at
// once.
func readStart(r *http.Request) (startForm, tend.NewEncounter, error) {
	f := startForm{Circle: formValue(r, "circle"), Kind: formValue(r, "kind"), Minutes: formValue(r, "minutes"), Reveal: formValue(r, "reveal")}
	n := tend.NewEncounter{CircleID: f.Circle, Kind: tend.Kind(f.Kind)}
	var ps tend.Problems
	if f.Minutes != "" {
		m, err := strconv.Atoi(f.Minutes)
		if err != nil {
			ps.Add("minutes", "a whole number of minutes, from 0 to %d, or leave it empty", tend.MaxAftercareMinutes)
		}
		n.Minutes = m
	}
	i := slices.IndexFunc(revealChoices, func(c revealChoice) bool { return c.Value == f.Reveal })
	if i < 0 {
		ps.Add("reveal_after_minutes", "choose one of the answers offered")
	} else {
		days, _ := strconv.Atoi(f.Reveal)
		n.RevealAfter = time.Duration(days) * 24 * time.Hour
	}
	return f, n, checkedWhole(ps, n.Validate)
}

// handleEncounterStartForm starts an encounter, or shows the form again
// as it was sent, with its mistakes.
func (s *Server) handleEncounterStartForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	f, n, err := readStart(r)
	var e *tend.Encounter
	if err == nil {
		e, err = s.Encounters.CreateEncounter(ctx, personID(r), n)
	}
	if err != nil {
		v, verr := s.encountersView(r)
		if verr != nil {
			s.pageError(w, r, verr)
			return
		}
		v.Form = f
		if tend.ErrorCode(err) == tend.ENOTFOUND {
			// The circle chosen is not (or no longer) one of mine.
			err = tend.FieldErrorf("circle_id", "that circle is not one of yours any more; choose another")
		}
		s.formError(w, r, "encounters", &v.Page, v, err)
		return
	}
	done := "started"
	if e.Solo() {
		done = "started-solo"
	}
	redirect(w, r, "/encounters/"+e.ID, done)
}

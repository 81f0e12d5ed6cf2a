package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/tendcare/tend"
)

// aboutPageRoutes are the page about the person beyond practices.
func (s *Server) aboutPageRoutes() []route {
	return []route{
		{method: "GET", pattern: "/profile/about", access: sessionOnly, page: true, handle: s.handleAboutPage},
		{method: "POST", pattern: "/profile/about", access: sessionOnly, page: true, handle: s.handleAboutForm},
	}
}

type aboutView struct {
	Page                 page
	Pronouns, SpaceFirst string
	Notes, Avoid         string
	DropWhen             string
	DropSigns, DropHelps string
	DropChoices          []choice
}

// choice is one radio button or option: its value and its words.
type choice struct {
	Value, Label string
}

// aboutFields are the about form's fields, by their paths in the card.
var aboutFields = []formField{
	{Path: "pronouns", ID: "pronouns", Label: "Pronouns"},
	{Path: "space_first_minutes", ID: "space_first", Label: "Time to myself first"},
	{Path: "notes", ID: "notes", Label: "Notes for partners"},
	{Path: "avoid", ID: "avoid", Label: "Things to avoid afterwards"},
	{Path: "drop.when", ID: "drop_when", Label: "When drop tends to come", Link: "drop_when-0"},
	{Path: "drop.signs", ID: "drop_signs", Label: "How it shows"},
	{Path: "drop.helps", ID: "drop_helps", Label: "What helps me then"},
	{Path: "drop", ID: "drop_when", Label: "When drop tends to come", Link: "drop_when-0"},
}

func (s *Server) aboutView(r *http.Request, c *tend.Card) *aboutView {
	v := &aboutView{Page: s.base(r, "About me", "profile"), Pronouns: c.Pronouns,
		Notes: strings.Join(c.Notes, "\n"), Avoid: strings.Join(c.Avoid, "\n")}
	v.Page.Scripts = []string{"js/unsaved.js"}
	v.Page.Fields = aboutFields
	if c.SpaceFirstMinutes > 0 {
		v.SpaceFirst = strconv.Itoa(c.SpaceFirstMinutes)
	}
	if c.Drop != nil {
		v.DropWhen, v.DropSigns, v.DropHelps = string(c.Drop.When), strings.Join(c.Drop.Signs, "\n"), strings.Join(c.Drop.Helps, "\n")
	}
	for _, w := range []tend.DropWhen{tend.DropNone, tend.DropSameDay, tend.DropNextDay, tend.DropDaysLater} {
		v.DropChoices = append(v.DropChoices, choice{string(w), dropLabels[w]})
	}
	v.DropChoices = append(v.DropChoices, choice{dropLeftOut, "I'd rather leave it out"})
	return v
}

// dropLeftOut is the about form's choice to say nothing of drop (no drop
// in the card). Nothing is chosen for a person who has not answered:
// an answer chosen for them ("Not sure yet", as it once was) read as one
// that would keep how drop shows and what helps, yet the card keeps those
// only with a time, and the form then asked to pick one. Now the question
// waits unanswered, and its mistake says so; a time is only asked for
// when how it shows or what helps is filled in.
const dropLeftOut = "out"

func (s *Server) handleAboutPage(w http.ResponseWriter, r *http.Request) {
	if p, ok := s.myProfile(w, r); ok {
		s.render(w, r, http.StatusOK, "about", s.aboutView(r, p.Card))
	}
}

func (s *Server) handleAboutForm(w http.ResponseWriter, r *http.Request) {
	p, ok := s.myProfileForm(w, r)
	if !ok {
		return
	}
	after := p.Card.Clone()
	after.Pronouns = formValue(r, "pronouns")
	after.Notes, after.Avoid = lines(r.PostFormValue("notes")), lines(r.PostFormValue("avoid"))
	picked := r.PostFormValue("drop_when")
	when := tend.DropWhen(picked)
	if picked == dropLeftOut {
		when = ""
	}
	signs, helps := lines(r.PostFormValue("drop_signs")), lines(r.PostFormValue("drop_helps"))
	after.Drop = nil
	if when != "" || len(signs) > 0 || len(helps) > 0 {
		after.Drop = &tend.Drop{When: when, Signs: signs, Helps: helps}
	}
	// Every mistake at once: the form's own, then the card rules'.
	var ps tend.Problems
	switch {
	case when != "" && !when.Valid():
		ps.Add("drop.when", "pick one of the choices")
	case picked == dropLeftOut && after.Drop != nil:
		ps.Add("drop.when", "you chose to leave it out: to keep how it shows and what helps, pick when it tends to come instead (a guess is fine), or empty them")
	case when == "" && after.Drop != nil:
		ps.Add("drop.when", "pick when it tends to come (a guess is fine), so that how it shows and what helps can be kept")
	}
	after.SpaceFirstMinutes = 0
	if m := formValue(r, "space_first"); m != "" {
		n, convErr := strconv.Atoi(m)
		if convErr != nil || n < 0 || n > tend.MaxSpaceMinutes {
			ps.Add("space_first_minutes", "a whole number of minutes from 0 to %d, or leave it empty", tend.MaxSpaceMinutes)
		} else {
			after.SpaceFirstMinutes = n
		}
	}
	err := checkedWhole(ps, func() error { return cardProblems(after) })
	var done string
	if err == nil {
		if done, err = s.saveCard(r, p.Card, after); err == nil {
			redirect(w, r, "/profile/about", done)
			return
		}
	}
	v := s.aboutView(r, after)
	v.SpaceFirst, v.DropWhen = formValue(r, "space_first"), picked
	s.formError(w, r, "about", &v.Page, v, err)
}

// lines splits a text area into its non-empty lines.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

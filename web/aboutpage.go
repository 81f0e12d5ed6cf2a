package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/tendcare/tend"
)

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
	for _, w := range []tend.DropWhen{"", tend.DropNone, tend.DropSameDay, tend.DropNextDay, tend.DropDaysLater} {
		v.DropChoices = append(v.DropChoices, choice{string(w), dropLabels[w]})
	}
	return v
}

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
	when := tend.DropWhen(r.PostFormValue("drop_when"))
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
	v.SpaceFirst, v.DropWhen = formValue(r, "space_first"), string(when)
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

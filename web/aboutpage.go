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

func (s *Server) aboutView(r *http.Request, c *tend.Card) *aboutView {
	v := &aboutView{Page: s.base(r, "About me", "profile"), Pronouns: c.Pronouns,
		Notes: strings.Join(c.Notes, "\n"), Avoid: strings.Join(c.Avoid, "\n")}
	v.Page.Scripts = []string{"js/unsaved.js"}
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
	var err error
	switch m := formValue(r, "space_first"); {
	case when != "" && !when.Valid():
		err = tend.Errorf(tend.EINVALID, "when a low mood comes: pick one of the choices")
	case when == "" && after.Drop != nil:
		err = tend.Errorf(tend.EINVALID, "drop: pick when it tends to come (a guess is fine), so that how it shows and what helps can be kept")
	case m == "":
		after.SpaceFirstMinutes = 0
	default:
		n, convErr := strconv.Atoi(m)
		if convErr != nil || n < 0 || n > tend.MaxSpaceMinutes {
			err = tend.Errorf(tend.EINVALID, "time to myself first: a whole number of minutes from 0 to %d, or empty", tend.MaxSpaceMinutes)
		}
		after.SpaceFirstMinutes = n
	}
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

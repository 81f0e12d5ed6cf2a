package web

import (
	"net/http"
	"slices"

	"github.com/tendcare/tend"
)

// The follow-ups' part of the settings page: off altogether, one after
// gentle encounters too, and circles whose encounters bring none.

// followupSettingsForm is the settings page's follow-up form.
type followupSettingsForm struct {
	Off, AfterGentle bool
	// Circles are the person's circles, ticked when they bring no
	// follow-ups.
	Circles []formChoice
}

// followupSettingsFields are the form's fields on the settings page.
var followupSettingsFields = []formField{
	{Path: "off", ID: "followups_off", Label: "No follow-ups at all"},
	{Path: "after_gentle", ID: "after_gentle", Label: "One after gentle encounters too"},
	{Path: "off_circles", ID: "off_circles", Label: "Circles without follow-ups", Link: "off_circle-0"},
}

// followupSettings fills the settings page's follow-up form with what
// the person chose, among the circles they are in now.
func (s *Server) followupSettings(r *http.Request, v *settingsView) error {
	ctx := r.Context()
	p, err := s.Followups.FindFollowupPrefs(ctx, personID(r))
	if err != nil {
		return err
	}
	circles, err := s.Circles.FindCircles(ctx, personID(r))
	if err != nil {
		return err
	}
	v.Followups = followupSettingsForm{Off: p.Off, AfterGentle: p.AfterGentle}
	for _, c := range circles {
		v.Followups.Circles = append(v.Followups.Circles, formChoice{Value: c.ID, Label: c.Name, Checked: slices.Contains(p.OffCircles, c.ID)})
	}
	return nil
}

// readTick reads a checkbox sent as "yes" or not at all; anything else
// is a mistake noted in ps.
func readTick(r *http.Request, ps *tend.Problems, name string) bool {
	switch formValue(r, name) {
	case "":
		return false
	case "yes":
		return true
	}
	ps.Add(name, "tick the box, or leave it empty")
	return false
}

// handleFollowupSettingsForm saves the follow-up form: every mistake at
// once beside its field, the boxes kept as they were sent.
func (s *Server) handleFollowupSettingsForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v, ok := s.settingsForm(w, r)
	if !ok {
		return
	}
	var ps tend.Problems
	p := &tend.FollowupPrefs{Off: readTick(r, &ps, "off"), AfterGentle: readTick(r, &ps, "after_gentle"), OffCircles: r.PostForm["off_circle"]}
	v.Followups.Off, v.Followups.AfterGentle = p.Off, p.AfterGentle
	for i := range v.Followups.Circles {
		c := &v.Followups.Circles[i]
		c.Checked = slices.Contains(p.OffCircles, c.Value)
	}
	// Only circles the page lists (those the person is in now), told
	// beside the other mistakes; the store refuses others too.
	for _, id := range p.OffCircles {
		if !slices.ContainsFunc(v.Followups.Circles, func(c formChoice) bool { return c.Value == id }) {
			ps.Add("off_circles", "a circle that was ticked is not one of yours now; tick only circles in this list")
			break
		}
	}
	err := checkedWhole(ps, p.Validate)
	if err == nil {
		err = s.Followups.SetFollowupPrefs(ctx, personID(r), p)
	}
	if err != nil {
		s.formError(w, r, "settings", &v.Page, v, err)
		return
	}
	redirect(w, r, "/settings", "followup-settings")
}

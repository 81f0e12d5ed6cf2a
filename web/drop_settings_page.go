package web

import (
	"net/http"

	"github.com/tendcare/tend"
)

// The drop-tell part of the settings page: whether a low answer to a
// follow-up tells the others in the encounter (at once, asking each
// time, or never), chosen beforehand.

// dropTellLabels are the choices in the page's words.
var dropTellLabels = map[tend.DropTell]string{
	tend.DropTellAuto:  "Tell them at once",
	tend.DropTellAsk:   "Ask me each time",
	tend.DropTellNever: "Never tell them",
}

// dropTellFields are the form's fields on the settings page.
var dropTellFields = []formField{
	{Path: "tell", ID: "drop_tell", Label: "When I answer a follow-up a bit low", Link: "drop_tell-auto"},
}

// dropTellChoices are the radios, chosen ticked.
func dropTellChoices(chosen tend.DropTell) []formChoice {
	var out []formChoice
	for _, t := range tend.DropTells() {
		out = append(out, formChoice{Value: string(t), Label: dropTellLabels[t], Checked: t == chosen})
	}
	return out
}

// dropTellSettings fills the settings page's drop-tell form.
func (s *Server) dropTellSettings(r *http.Request, v *settingsView) error {
	t, err := s.Drops.FindDropTell(r.Context(), personID(r))
	if err != nil {
		return err
	}
	v.DropTell = dropTellChoices(t)
	return nil
}

// handleDropTellSettingsForm saves the choice; a missing or unknown one
// is a mistake beside the radios, nothing saved.
func (s *Server) handleDropTellSettingsForm(w http.ResponseWriter, r *http.Request) {
	v, ok := s.settingsForm(w, r)
	if !ok {
		return
	}
	t := tend.DropTell(formValue(r, "tell"))
	if !t.Valid() {
		v.DropTell = dropTellChoices("")
		s.formError(w, r, "settings", &v.Page, v, tend.FieldErrorf("tell", "choose one: tell them at once, ask me each time, or never tell them"))
		return
	}
	if err := s.Drops.SetDropTell(r.Context(), personID(r), t); err != nil {
		s.formError(w, r, "settings", &v.Page, v, err)
		return
	}
	redirect(w, r, "/settings", "drop-tell")
}

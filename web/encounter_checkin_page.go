package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/tendcare/tend"
)

// checkInForm is the person's check-in as the form shows it.
type checkInForm struct {
	Mood, Energy               string
	Limits, Triggers, Safeword string
	Needs                      []formChoice
}

// checkInForm fills the check-in form: my practices to receive for the
// kind of encounter, most wanted first, and whatever I chose before.
func (s *Server) checkInForm(card *tend.Card, kind tend.Kind, c *tend.CheckIn, titles practiceTitles) checkInForm {
	f := checkInForm{}
	var chosen []string
	if c != nil {
		f.Limits, f.Triggers, f.Safeword, chosen = c.Limits, c.Triggers, c.Safeword, c.Needs
		if c.Mood > 0 {
			f.Mood = strconv.Itoa(int(c.Mood))
		}
		if c.Energy > 0 {
			f.Energy = strconv.Itoa(int(c.Energy))
		}
	}
	f.Needs = needChoices(card, kind, chosen, titles)
	return f
}

func needChoices(card *tend.Card, kind tend.Kind, chosen []string, titles practiceTitles) []formChoice {
	var out []formChoice
	seen := map[string]bool{}
	if card != nil {
		if kind == "" {
			kind = tend.Gentle
		}
		recv, _, _ := card.Levels(kind)
		for _, level := range []tend.Receive{tend.Need, tend.Like, tend.Okay} {
			var ids []string
			for id, l := range recv {
				if l == level {
					ids = append(ids, id)
				}
			}
			slices.SortFunc(ids, func(a, b string) int { return strings.Compare(titles.of(a), titles.of(b)) })
			for _, id := range ids {
				out = append(out, formChoice{Value: id, Label: titles.of(id), Checked: slices.Contains(chosen, id)})
				seen[id] = true
			}
		}
	}
	for _, id := range chosen {
		if !seen[id] {
			out = append(out, formChoice{Value: id, Label: titles.of(id), Checked: true})
			seen[id] = true
		}
	}
	return out
}

// checkInFields are the check-in form's fields, by the names of their
// problems (and the leave form's, on the same page).
var checkInFields = []formField{
	{Path: "mood", ID: "mood", Label: "My mood today", Link: "mood-1"},
	{Path: "energy", ID: "energy", Label: "My energy today", Link: "energy-1"},
	{Path: "limits", ID: "limits", Label: "My limits for today"},
	{Path: "triggers", ID: "triggers", Label: "Things that might upset me today"},
	{Path: "safeword", ID: "safeword", Label: "Safeword or signal"},
	{Path: "needs", ID: "needs", Label: "Afterwards I'll probably need", Link: "need-0"},
	leaveField,
}

// handleCheckInForm saves the person's check-in, or shows the form again
// as it was sent, with its mistakes.
func (s *Server) handleCheckInForm(w http.ResponseWriter, r *http.Request) {
	e, ok := s.encounterForm(w, r)
	if !ok {
		return
	}
	c := &tend.CheckIn{Limits: r.PostFormValue("limits"), Triggers: r.PostFormValue("triggers"), Safeword: r.PostFormValue("safeword"),
		Needs: r.PostForm["need"], Confirmed: r.PostFormValue("confirm") == "yes"}
	var ps tend.Problems
	c.Mood, c.Energy = readScale(r, &ps, "mood", "great"), readScale(r, &ps, "energy", "high")
	// Validate trims a copy: the form comes back as it was sent.
	checked := *c
	err := checkedWhole(ps, checked.Validate)
	if err == nil {
		_, err = s.Encounters.SaveCheckIn(r.Context(), personID(r), e.ID, c)
	}
	done := "checkin-saved"
	switch {
	case c.Confirmed && e.Solo():
		// Alone there is nobody to confirm to.
		done = "checkin-ready"
	case c.Confirmed:
		done = "checkin-confirmed"
	}
	// Refused as moved on: the aftercare began meanwhile, and the
	// check-in is closed.
	s.encounterFormSaved(w, r, e, err, done, func(v *encounterView) {
		v.CheckIn = checkInForm{Mood: formValue(r, "mood"), Energy: formValue(r, "energy"), Limits: c.Limits, Triggers: c.Triggers,
			Safeword: c.Safeword, Needs: needChoices(v.card, e.Kind, c.Needs, v.titles)}
	})
}

package web

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/tendcare/tend"
)

// reflectionForm is the person's reflection as the form shows it.
type reflectionForm struct {
	Mood                           string
	Emotions, Helped               []formChoice
	Missing, Favourite, Note, Jour string
}

// reflectionFormFor fills the reflection form from what was sent (nil for
// an empty form): the emotions offered and the plan's practices.
func reflectionFormFor(sent *tend.Reflection, pl *tend.Plan, titles practiceTitles) reflectionForm {
	f := reflectionForm{}
	if sent == nil {
		sent = &tend.Reflection{}
	} else {
		f.Missing, f.Favourite, f.Note, f.Jour = sent.Missing, sent.Favourite, sent.Note, sent.Journal
		if sent.Mood > 0 {
			f.Mood = strconv.Itoa(int(sent.Mood))
		}
	}
	for _, em := range tend.Emotions() {
		f.Emotions = append(f.Emotions, formChoice{Value: em, Label: em, Checked: slices.Contains(sent.Emotions, em)})
	}
	seen := map[string]bool{}
	if pl != nil {
		for _, st := range pl.Steps {
			if seen[st.Practice] {
				continue
			}
			seen[st.Practice] = true
			f.Helped = append(f.Helped, formChoice{Value: st.Practice, Label: titles.of(st.Practice), Checked: slices.Contains(sent.Helped, st.Practice)})
		}
	}
	for _, id := range sent.Helped {
		if !seen[id] {
			seen[id] = true
			f.Helped = append(f.Helped, formChoice{Value: id, Label: titles.of(id), Checked: true})
		}
	}
	return f
}

// reflectionFields are the reflection form's fields, by the names of
// their problems (and the leave form's, on the same page).
var reflectionFields = []formField{
	{Path: "mood", ID: "mood", Label: "How I feel now", Link: "mood-1"},
	{Path: "emotions", ID: "emotions", Label: "Feelings", Link: "emotion-0"},
	{Path: "helped", ID: "helped", Label: "What helped", Link: "helped-0"},
	{Path: "missing", ID: "missing", Label: "What was missing"},
	{Path: "favourite", ID: "favourite", Label: "A favourite moment"},
	{Path: "note", ID: "note", Label: "A note for the others"},
	{Path: "journal", ID: "journal", Label: "My private journal"},
	leaveField,
}

// handleReflectionForm saves the person's reflection, or shows the form
// again as it was sent, with its mistakes.
func (s *Server) handleReflectionForm(w http.ResponseWriter, r *http.Request) {
	e, ok := s.encounterForm(w, r)
	if !ok {
		return
	}
	ref := &tend.Reflection{Emotions: r.PostForm["emotion"], Helped: r.PostForm["helped"], Missing: r.PostFormValue("missing"),
		Favourite: r.PostFormValue("favourite"), Journal: r.PostFormValue("journal")}
	if !e.Solo() {
		ref.Note = r.PostFormValue("note")
	}
	var ps tend.Problems
	ref.Mood = readScale(r, &ps, "mood", "great")
	checked := *ref
	err := checkedWhole(ps, checked.Validate)
	if err == nil {
		_, err = s.Encounters.SaveReflection(r.Context(), personID(r), e.ID, ref)
	}
	s.encounterFormSaved(w, r, e, err, "reflected", func(v *encounterView) {
		v.ShowReflect = true
		v.Reflect = reflectionFormFor(ref, v.Plan, v.titles)
		v.Reflect.Mood = formValue(r, "mood")
	})
}

package web

import (
	"net/http"
	"strconv"

	"github.com/tendcare/tend"
)

// aftercarePageRoutes are the aftercare screen's page and its forms.
func (s *Server) aftercarePageRoutes() []route {
	return []route{
		{method: "GET", pattern: "/encounters/{id}/aftercare", access: sessionOnly, page: true, handle: s.handleAftercarePage, object: "encounter"},
		{method: "POST", pattern: "/encounters/{id}/signals", access: sessionOnly, page: true, handle: s.handleCareSignalForm, object: "encounter"},
		{method: "POST", pattern: "/encounters/{id}/tick", access: sessionOnly, page: true, handle: s.handleCareTickForm, object: "encounter"},
	}
}

func (s *Server) handleAftercarePage(w http.ResponseWriter, r *http.Request) {
	e, ok := s.myEncounter(w, r)
	if !ok {
		return
	}
	// The screen stays while the others reflect: whoever is not ready to
	// move on (their "not okay" may stand) keeps their help and can go
	// on asking. Once all is done it stays only for someone whose own
	// "not okay" still stands. Before the aftercare, and after, the
	// encounter's page is the place.
	if e.Stage != tend.StageAfter && e.Stage != tend.StageReflect && e.Stage != tend.StageDone {
		http.Redirect(w, r, "/encounters/"+e.ID, http.StatusSeeOther)
		return
	}
	v, err := s.aftercareView(r, e)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if e.Stage == tend.StageDone && !v.meNotOkay() {
		http.Redirect(w, r, "/encounters/"+e.ID, http.StatusSeeOther)
		return
	}
	if r.URL.Query().Get("end") == "confirm" && e.Stage == tend.StageAfter {
		v.askEnd()
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "aftercare", v)
}

// askEnd fills the question asked before ending the aftercare while
// anyone's "not okay" stands (none: nothing to ask).
func (v *aftercareView) askEnd() {
	var names []string
	mine := false
	for _, sig := range v.notOkay {
		if sig.From == v.MeID {
			mine = true
			continue
		}
		names = append(names, sig.FromName)
	}
	if mine {
		names = append([]string{"you"}, names...)
	}
	if len(names) > 0 {
		v.EndSaid, v.EndThen = endWords(names, v.Solo)
	}
}

// careTextLabels name the text of a custom need or a message as the
// screen labels it (a message's label goes on with whom to).
var careTextLabels = map[string]string{"custom": "Something else, in a few words", "message": "A check-in message"}

// careFormError shows the screen again with what was wrong, keeping the
// text typed; when signals are closed (all is done), it goes on to the
// encounter.
func (s *Server) careFormError(w http.ResponseWriter, r *http.Request, err error, text, textKind string) {
	e, ok := s.myEncounter(w, r)
	if !ok {
		return
	}
	if e.Stage != tend.StageAfter && tend.ErrorCode(err) == tend.ECONFLICT {
		http.Redirect(w, r, "/encounters/"+e.ID, http.StatusSeeOther)
		return
	}
	v, verr := s.aftercareView(r, e)
	if verr != nil {
		s.pageError(w, r, verr)
		return
	}
	v.Text, v.TextKind = text, textKind
	if label, ok := careTextLabels[textKind]; ok {
		if textKind == "message" {
			label += " to " + tend.JoinNames(v.Others)
		}
		v.Page.Fields = []formField{{Path: "text", ID: textKind + "-text", Label: label}}
	}
	s.formError(w, r, "aftercare", &v.Page, v, err)
}

// careSend stores a signal from a form and goes back to the screen, to
// what was sent (anchor, or by its kind when ""): a focusable element,
// which the browser focuses, so that the person lands where they were,
// not at the top, and the next key press is not lost.
func (s *Server) careSend(w http.ResponseWriter, r *http.Request, sig *tend.Signal, anchor string) {
	ctx := r.Context()
	id := r.PathValue("id")
	kind, text := sig.Kind, sig.Text
	stored, err := s.Encounters.AddSignal(ctx, personID(r), id, sig)
	if err != nil {
		s.careFormError(w, r, err, text, string(kind))
		return
	}
	if anchor == "" {
		switch stored.Kind {
		case tend.SignalNotOkay:
			anchor = "grounding-summary"
		case tend.SignalComing:
			anchor = "s-" + stored.Ref
		default:
			anchor = "s-" + strconv.FormatInt(stored.Seq, 10)
		}
	}
	http.Redirect(w, r, "/encounters/"+id+"/aftercare#"+anchor, http.StatusSeeOther)
}

func (s *Server) handleCareSignalForm(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	kind := tend.SignalKind(formValue(r, "kind"))
	if kind == tend.SignalTick || kind == tend.SignalUntick {
		s.careFormError(w, r, tend.FieldErrorf("kind", "tick plan steps with their own buttons"), "", "")
		return
	}
	s.careSend(w, r, &tend.Signal{Kind: kind, Text: r.PostFormValue("text"), Ref: formValue(r, "ref")}, "")
}

func (s *Server) handleCareTickForm(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	var kind tend.SignalKind
	switch formValue(r, "done") {
	case "1":
		kind = tend.SignalTick
	case "0":
		kind = tend.SignalUntick
	default:
		s.careFormError(w, r, tend.FieldErrorf("done", "1 to tick the step off, 0 to untick it"), "", "")
		return
	}
	ref := formValue(r, "ref")
	e, ok := s.myEncounter(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	pl, err := s.encounterPlan(ctx, tend.PersonFromContext(ctx), e)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	n := 0
	for i, key := range stepKeys(pl.Steps) {
		if key == ref {
			n = i + 1
		}
	}
	if n == 0 {
		s.careFormError(w, r, tend.Errorf(tend.EINVALID, "that step is not in the plan (any more); the checklist below is the plan as it is now"), "", "")
		return
	}
	s.careSend(w, r, &tend.Signal{Kind: kind, Ref: ref}, "step-"+strconv.Itoa(n))
}

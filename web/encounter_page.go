package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tendcare/tend"
)

// encounterPageRoutes are the pages of encounters: starting one, the
// check-in, moving on, reflecting, leaving, and the history of
// encounters. The aftercare screen has its own (aftercarePageRoutes).
func (s *Server) encounterPageRoutes() []route {
	return []route{
		{method: "GET", pattern: "/encounters", access: sessionOnly, page: true, handle: s.handleEncountersPage},
		{method: "POST", pattern: "/encounters", access: sessionOnly, page: true, handle: s.handleEncounterStartForm},
		{method: "GET", pattern: "/encounters/history", access: sessionOnly, page: true, handle: s.handleEncounterHistoryPage},
		{method: "GET", pattern: "/encounters/{id}", access: sessionOnly, page: true, handle: s.handleEncounterPage, object: "encounter"},
		{method: "POST", pattern: "/encounters/{id}/check-in", access: sessionOnly, page: true, handle: s.handleCheckInForm, object: "encounter"},
		{method: "POST", pattern: "/encounters/{id}/move", access: sessionOnly, page: true, handle: s.handleEncounterMoveForm, object: "encounter"},
		{method: "POST", pattern: "/encounters/{id}/reflection", access: sessionOnly, page: true, handle: s.handleReflectionForm, object: "encounter"},
		{method: "POST", pattern: "/encounters/{id}/leave", access: sessionOnly, page: true, handle: s.handleEncounterLeaveForm, object: "encounter"},
	}
}

// encounterFlashes are the fixed messages after the encounter forms (the
// shared flashes are another file's; these keys are not among them).
var encounterFlashes = map[string]string{
	"started":           "Started. Each of you can check in now, on your own device.",
	"started-solo":      "Started. Take a moment to check in with yourself.",
	"checkin-saved":     "Saved. You can change it until the aftercare begins.",
	"checkin-confirmed": "Confirmed. You can still change it, or change your mind, at any moment.",
	"checkin-ready":     "Saved. Open the aftercare screen whenever you are ready.",
	"reflected":         "Thank you. Your reflection is saved.",
	"left-encounter":    "You are out of that encounter; what you wrote for it is deleted.",
	"moved-already":     "Someone had already moved on, so here is where things are now.",
}

// encounterBase is the common part of the encounter pages' views.
func (s *Server) encounterBase(r *http.Request, title string) page {
	p := s.base(r, title, "encounters")
	if m, ok := encounterFlashes[r.URL.Query().Get("done")]; ok {
		p.Flash = m
	}
	return p
}

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

func (s *Server) handleEncountersPage(w http.ResponseWriter, r *http.Request) {
	v, err := s.encountersView(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "encounters", v)
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
	for _, p := range tend.ProblemsOf(n.Validate(), "") {
		if ps.Field(p.Path) == "" {
			ps = append(ps, p)
		}
	}
	return f, n, ps.Err()
}

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

// practiceTitles names practices by id: the catalog's, the person's own,
// and those of a plan (which carries the others' own practices).
type practiceTitles map[string]string

func (s *Server) practiceTitles(card *tend.Card, pl *tend.Plan) practiceTitles {
	t := practiceTitles{}
	for _, p := range s.Catalog.Practices() {
		t[p.ID] = p.Title
	}
	if card != nil {
		for _, cp := range card.Custom {
			t[cp.ID] = cp.Title
		}
	}
	if pl != nil {
		for _, st := range pl.Steps {
			if _, ok := t[st.Practice]; !ok && st.Title != "" {
				t[st.Practice] = st.Title
			}
		}
	}
	return t
}

func (t practiceTitles) of(id string) string {
	if s, ok := t[id]; ok {
		return s
	}
	return "Their own practice"
}

func (t practiceTitles) all(ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		out = append(out, t.of(id))
	}
	return out
}

// formChoice is one checkbox.
type formChoice struct {
	Value, Label string
	Checked      bool
}

// scaleStep is one point of a 1 to 5 scale, with its words.
type scaleStep struct {
	Value int
	Label string
}

var moodScale = []scaleStep{{1, "Low"}, {2, "A bit low"}, {3, "Okay"}, {4, "Good"}, {5, "Great"}}
var energyScale = []scaleStep{{1, "Very low"}, {2, "Low"}, {3, "Middling"}, {4, "Good"}, {5, "High"}}

func scaleWord(sc []scaleStep, v tend.Scale) string {
	if v < 1 || int(v) > len(sc) {
		return ""
	}
	return sc[v-1].Label
}

// memberCheckIn is one member's check-in as the members see it.
type memberCheckIn struct {
	Name      string
	Me        bool
	CheckIn   *tend.CheckIn
	Mood      string
	Energy    string
	Needs     []string
	Reflected bool
}

// checkInForm is the person's check-in as the form shows it.
type checkInForm struct {
	Mood, Energy               string
	Limits, Triggers, Safeword string
	Needs                      []formChoice
}

// reflectionForm is the person's reflection as the form shows it.
type reflectionForm struct {
	Mood                           string
	Emotions, Helped               []formChoice
	Missing, Favourite, Note, Jour string
}

// shownReflection is a reflection ready to show.
type shownReflection struct {
	R      *tend.Reflection
	Name   string
	Mine   bool
	Mood   string
	Helped []string
}

type encounterView struct {
	Page      page
	E         *tend.Encounter
	Solo      bool
	Me        *tend.Participant
	Title     string
	Members   []memberCheckIn
	Unconfirm []string
	CheckIn   checkInForm
	MoodScale []scaleStep
	Energy    []scaleStep
	// Events is the live stream for checkin.js, After the last signal
	// the page knows of.
	Events string
	After  int64
	MeID   string
	// Reflecting: the form (when I have not answered), or who we wait for.
	Reflect     reflectionForm
	ShowReflect bool
	Waiting     []string
	Answered    []string
	RevealAt    time.Time
	Revealed    bool
	Mine        *shownReflection
	Others      []*shownReflection
	Plan        *tend.Plan
	// While reflecting, whose "not okay" still stands: the others' names,
	// and MeNotOkay for the person's own; the page shows them with the
	// way back to the aftercare screen, which stays open for them.
	NotOkay   []string
	MeNotOkay bool
}

// encounterTitle names an encounter in a heading.
func encounterTitle(e *tend.Encounter) string {
	switch {
	case e.Solo():
		return "Solo, just me"
	case e.CircleName != "":
		return kindLabel(e.Kind) + ", with " + e.CircleName
	}
	return kindLabel(e.Kind)
}

// myEncounter reads the signed-in person's encounter named by the path;
// when it cannot, it has answered with the error page.
func (s *Server) myEncounter(w http.ResponseWriter, r *http.Request) (*tend.Encounter, bool) {
	ctx := r.Context()
	e, err := s.Encounters.FindEncounter(ctx, personID(r), r.PathValue("id"))
	if err != nil {
		s.pageError(w, r, err)
		return nil, false
	}
	return e, true
}

// encounterView builds the page of the encounter at its stage.
func (s *Server) encounterView(ctx context.Context, r *http.Request, e *tend.Encounter) (*encounterView, error) {
	me := tend.PersonFromContext(ctx)
	v := &encounterView{E: e, Solo: e.Solo(), Me: e.Member(me.ID), Title: encounterTitle(e), MoodScale: moodScale,
		Energy: energyScale, MeID: me.ID}
	if v.Me == nil {
		return nil, tend.Errorf(tend.ENOTFOUND, "no such encounter")
	}
	heading := map[tend.Stage]string{tend.StagePlanned: "Check-in", tend.StageBefore: "Check-in",
		tend.StageReflect: "Looking back", tend.StageDone: "Looking back"}[e.Stage]
	v.Page = s.encounterBase(r, heading)
	v.Page.Fields = []formField{leaveField}
	switch e.Stage {
	case tend.StagePlanned, tend.StageBefore:
		v.Page.Fields = checkInFields
	case tend.StageReflect:
		v.Page.Fields = reflectionFields
	}
	prof, err := s.Profiles.FindProfile(ctx, me.ID)
	if err != nil {
		return nil, err
	}
	if v.Plan, err = s.encounterPlan(ctx, me, e); err != nil {
		return nil, err
	}
	titles := s.practiceTitles(prof.Card, v.Plan)
	for _, m := range e.Members {
		mc := memberCheckIn{Name: m.DisplayName, Me: m.PersonID == me.ID, CheckIn: m.CheckIn, Reflected: m.Reflected}
		if c := m.CheckIn; c != nil {
			mc.Mood, mc.Energy, mc.Needs = scaleWord(moodScale, c.Mood), scaleWord(energyScale, c.Energy), titles.all(c.Needs)
		}
		if mc.CheckIn == nil || !mc.CheckIn.Confirmed {
			v.Unconfirm = append(v.Unconfirm, m.DisplayName)
		}
		if m.Reflected && mc.Me {
			v.Answered = append(v.Answered, "you")
		} else if m.Reflected {
			v.Answered = append(v.Answered, m.DisplayName)
		} else if !mc.Me {
			v.Waiting = append(v.Waiting, m.DisplayName)
		}
		v.Members = append(v.Members, mc)
	}
	switch e.Stage {
	case tend.StagePlanned, tend.StageBefore:
		v.CheckIn = s.checkInForm(prof.Card, e.Kind, v.Me.CheckIn, titles)
	case tend.StageReflect, tend.StageDone:
		mine, others, revealed, err := s.Encounters.FindReflections(ctx, me.ID, e.ID)
		if err != nil {
			return nil, err
		}
		v.Revealed, v.RevealAt = revealed, e.RevealAt()
		if mine != nil {
			v.Mine = showReflection(mine, true, titles)
		} else {
			v.ShowReflect = true
			v.Reflect = reflectionFormFor(nil, v.Plan, titles)
		}
		if revealed {
			for _, o := range others {
				v.Others = append(v.Others, showReflection(o.Shared(), false, titles))
			}
		}
	}
	if e.Stage == tend.StageReflect || e.Stage == tend.StageDone {
		sigs, err := s.Encounters.FindSignals(ctx, me.ID, e.ID, 0, 0)
		if err != nil {
			return nil, err
		}
		for _, sig := range tend.NotOkay(sigs) {
			if sig.From == me.ID {
				v.MeNotOkay = true
			} else {
				v.NotOkay = append(v.NotOkay, sig.FromName)
			}
		}
	}
	// The live stream, for pages that wait on the others.
	if !v.Solo && (e.Stage == tend.StageBefore || e.Stage == tend.StagePlanned || e.Stage == tend.StageReflect) {
		v.After = e.LastSeq
		v.Events = "/api/v1/encounters/" + e.ID + "/events"
		v.Page.Scripts = []string{"js/checkin.js"}
	}
	return v, nil
}

func showReflection(r *tend.Reflection, mine bool, titles practiceTitles) *shownReflection {
	return &shownReflection{R: r, Name: r.DisplayName, Mine: mine, Mood: scaleWord(moodScale, r.Mood), Helped: titles.all(r.Helped)}
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

func (s *Server) handleEncounterPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	e, ok := s.myEncounter(w, r)
	if !ok {
		return
	}
	if e.Stage == tend.StageAfter {
		http.Redirect(w, r, "/encounters/"+e.ID+"/aftercare", http.StatusSeeOther)
		return
	}
	v, err := s.encounterView(ctx, r, e)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "encounter", v)
}

// readScale reads a 1 to 5 answer; "" is 0, not given. A mistake is
// noted in ps.
func readScale(r *http.Request, ps *tend.Problems, name, what string) tend.Scale {
	v := formValue(r, name)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 5 {
		ps.Add(name, "choose one of the five answers, from 1 (low) to 5 (%s)", what)
		return 0
	}
	return tend.Scale(n)
}

// checkInFields and reflectionFields are the encounter page's form
// fields, by the names of their problems.
var checkInFields = []formField{
	{Path: "mood", ID: "mood", Label: "My mood today", Link: "mood-1"},
	{Path: "energy", ID: "energy", Label: "My energy today", Link: "energy-1"},
	{Path: "limits", ID: "limits", Label: "My limits for today"},
	{Path: "triggers", ID: "triggers", Label: "Things that might upset me today"},
	{Path: "safeword", ID: "safeword", Label: "Safeword or signal"},
	{Path: "needs", ID: "needs", Label: "Afterwards I'll probably need", Link: "need-0"},
	leaveField,
}

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

// leaveField is the box that confirms leaving an encounter.
var leaveField = formField{Path: "sure", ID: "sure", Label: "Leave this encounter"}

// checkedWhole adds the problems of a validation to those of reading
// the form, one message a field: all the mistakes at once.
func checkedWhole(ps tend.Problems, validate func() error) error {
	for _, p := range tend.ProblemsOf(validate(), "") {
		if ps.Field(p.Path) == "" {
			ps = append(ps, p)
		}
	}
	return ps.Err()
}

func (s *Server) handleCheckInForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	e, ok := s.myEncounter(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	me := tend.PersonFromContext(ctx)
	c := &tend.CheckIn{Limits: r.PostFormValue("limits"), Triggers: r.PostFormValue("triggers"), Safeword: r.PostFormValue("safeword"),
		Needs: r.PostForm["need"], Confirmed: r.PostFormValue("confirm") == "yes"}
	var ps tend.Problems
	c.Mood, c.Energy = readScale(r, &ps, "mood", "great"), readScale(r, &ps, "energy", "high")
	// Validate trims a copy: the form comes back as it was sent.
	checked := *c
	err := checkedWhole(ps, checked.Validate)
	if err == nil {
		_, err = s.Encounters.SaveCheckIn(ctx, me.ID, e.ID, c)
	}
	if err == nil {
		done := "checkin-saved"
		switch {
		case c.Confirmed && e.Solo():
			// Alone there is nobody to confirm to.
			done = "checkin-ready"
		case c.Confirmed:
			done = "checkin-confirmed"
		}
		redirect(w, r, "/encounters/"+e.ID, done)
		return
	}
	if tend.ErrorCode(err) == tend.ECONFLICT {
		// The aftercare began meanwhile: the check-in is closed.
		redirect(w, r, "/encounters/"+e.ID, "moved-already")
		return
	}
	v, verr := s.encounterView(ctx, r, e)
	if verr != nil {
		s.pageError(w, r, verr)
		return
	}
	// The form comes back as it was sent.
	prof, perr := s.Profiles.FindProfile(ctx, me.ID)
	if perr != nil {
		s.pageError(w, r, perr)
		return
	}
	v.CheckIn = checkInForm{Mood: formValue(r, "mood"), Energy: formValue(r, "energy"), Limits: c.Limits, Triggers: c.Triggers,
		Safeword: c.Safeword, Needs: needChoices(prof.Card, e.Kind, c.Needs, s.practiceTitles(prof.Card, v.Plan))}
	s.formError(w, r, "encounter", &v.Page, v, err)
}

func (s *Server) handleEncounterMoveForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	e, ok := s.myEncounter(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	from := tend.Stage(formValue(r, "from"))
	if !from.Valid() || from.Next() == "" {
		s.pageError(w, r, tend.Errorf(tend.EINVALID, "the form could not be read; reload the page and try again"))
		return
	}
	me := tend.PersonFromContext(ctx)
	seen, _ := strconv.ParseInt(formValue(r, "seen"), 10, 64)
	moved, err := s.Encounters.MoveEncounter(ctx, me.ID, e.ID, tend.Move{From: from, Anyway: formValue(r, "anyway") != "", Seen: seen})
	switch {
	case tend.ErrorCode(err) == tend.ECONFLICT && from == tend.StageAfter && s.stillAt(ctx, me.ID, e.ID, from):
		// Refused although still at the aftercare: someone's "not okay"
		// stands (perhaps one sent since the question was asked). The
		// screen asks, naming them, with "End anyway".
		http.Redirect(w, r, "/encounters/"+e.ID+"/aftercare?end=confirm#end-confirm-h", http.StatusSeeOther)
		return
	case tend.ErrorCode(err) == tend.ECONFLICT:
		redirect(w, r, "/encounters/"+e.ID, "moved-already")
		return
	case err != nil:
		s.pageError(w, r, err)
		return
	}
	if moved.Stage == tend.StageAfter {
		http.Redirect(w, r, "/encounters/"+moved.ID+"/aftercare", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/encounters/"+moved.ID, http.StatusSeeOther)
}

// stillAt reports whether the encounter is at the stage (after a move
// was refused: not moved on by someone else, so refused for another
// reason).
func (s *Server) stillAt(ctx context.Context, personID, id string, stage tend.Stage) bool {
	e, err := s.Encounters.FindEncounter(ctx, personID, id)
	return err == nil && e.Stage == stage
}

func (s *Server) handleReflectionForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	e, ok := s.myEncounter(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	me := tend.PersonFromContext(ctx)
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
		_, err = s.Encounters.SaveReflection(ctx, me.ID, e.ID, ref)
	}
	if err == nil {
		redirect(w, r, "/encounters/"+e.ID, "reflected")
		return
	}
	if tend.ErrorCode(err) == tend.ECONFLICT {
		redirect(w, r, "/encounters/"+e.ID, "moved-already")
		return
	}
	v, verr := s.encounterView(ctx, r, e)
	if verr != nil {
		s.pageError(w, r, verr)
		return
	}
	prof, perr := s.Profiles.FindProfile(ctx, me.ID)
	if perr != nil {
		s.pageError(w, r, perr)
		return
	}
	v.ShowReflect = true
	v.Reflect = reflectionFormFor(ref, v.Plan, s.practiceTitles(prof.Card, v.Plan))
	v.Reflect.Mood = formValue(r, "mood")
	s.formError(w, r, "encounter", &v.Page, v, err)
}

func (s *Server) handleEncounterLeaveForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	e, ok := s.myEncounter(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	me := tend.PersonFromContext(ctx)
	if r.PostFormValue("sure") != "yes" {
		v, err := s.encounterView(ctx, r, e)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		s.formError(w, r, "encounter", &v.Page, v, tend.FieldErrorf("sure",
			"tick “Yes, take me out of it” first, so that nothing is deleted by a slip of the finger"))
		return
	}
	if err := s.Encounters.LeaveEncounter(ctx, me.ID, e.ID); err != nil {
		s.pageError(w, r, err)
		return
	}
	redirect(w, r, "/encounters", "left-encounter")
}

// pastEncounter is one encounter of the history, with its reflections.
type pastEncounter struct {
	E        *tend.Encounter
	Title    string
	Solo     bool
	Revealed bool
	Mine     *shownReflection
	Others   []*shownReflection
}

type encounterHistoryView struct {
	Page page
	Past []pastEncounter
}

func (s *Server) handleEncounterHistoryPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	me := tend.PersonFromContext(ctx)
	v := encounterHistoryView{Page: s.encounterBase(r, "Past encounters")}
	list, err := s.Encounters.FindEncounters(ctx, me.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	prof, err := s.Profiles.FindProfile(ctx, me.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
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
	all, err := s.Encounters.FindReflectionsFor(ctx, me.ID, ids)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	for _, e := range done {
		// One the person has left since the list was read is gone.
		rs := all[e.ID]
		if rs == nil {
			continue
		}
		p := pastEncounter{E: e, Title: encounterTitle(e), Solo: e.Solo(), Revealed: rs.Revealed}
		if rs.Mine != nil {
			p.Mine = showReflection(rs.Mine, true, titles)
		}
		if rs.Revealed {
			for _, o := range rs.Others {
				p.Others = append(p.Others, showReflection(o.Shared(), false, titles))
			}
		}
		v.Past = append(v.Past, p)
	}
	s.render(w, r, http.StatusOK, "encounterhistory", v)
}

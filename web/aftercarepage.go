package web

import (
	"hash/fnv"
	"net/http"
	"strconv"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/catalog"
)

// aftercareRoutes are the aftercare screen's page and its forms.
func (s *Server) aftercareRoutes() []route {
	return []route{
		{method: "GET", pattern: "/encounters/{id}/aftercare", access: sessionOnly, page: true, handle: s.handleAftercarePage, object: "encounter"},
		{method: "POST", pattern: "/encounters/{id}/signals", access: sessionOnly, page: true, handle: s.handleCareSignalForm, object: "encounter"},
		{method: "POST", pattern: "/encounters/{id}/tick", access: sessionOnly, page: true, handle: s.handleCareTickForm, object: "encounter"},
	}
}

// careNeed is one need button.
type careNeed struct {
	Kind  tend.SignalKind
	Label string
}

// careNeeds are the need buttons, in order; the custom need has its own
// small form.
var careNeeds = []careNeed{
	{tend.SignalWater, "Water"},
	{tend.SignalBlanket, "A blanket"},
	{tend.SignalHold, "Hold me"},
	{tend.SignalSpace, "Give me space"},
	{tend.SignalTalk, "Talk to me"},
}

// careItem is one line of the live feed.
type careItem struct {
	// EID is the encounter's id, for the answer's form.
	EID  string
	Seq  int64
	Kind tend.SignalKind
	// Mine is set when the signed-in person sent it.
	Mine bool
	From string
	// Says is the line in words.
	Says string
	// Need is set for a need, which others can answer.
	Need bool
	// Coming are the answers to a need: "Alex is on the way".
	Coming []string
	// Answered is set when the signed-in person answered it.
	Answered bool
}

// careStep is one plan step as a checklist item.
type careStep struct {
	Key, Title, HowTo, Who string
	Done                   bool
	// DoneBy names who ticked it last.
	DoneBy string
}

type aftercareView struct {
	Page      page
	E         *tend.Encounter
	MeID      string
	Others    []string
	Solo      bool
	Far       bool
	Needs     []careNeed
	Steps     []careStep
	Feed      []careItem
	Alerts    []careItem
	Last      int64
	Minutes   int
	Started   time.Time
	Left      int
	TimeUp    bool
	Questions []catalog.Question
	Support   []SupportLine
	// Grounding is open when the person said they are not okay.
	Grounding bool
	// Text is a custom need or message kept after a mistake; TextKind
	// says which.
	Text, TextKind string
}

// needWords says a need: from someone else ("Sam would like water") or
// from the person ("You asked for water").
func needWords(k tend.SignalKind, name, text string, mine bool) string {
	if mine {
		switch k {
		case tend.SignalWater:
			return "You asked for water."
		case tend.SignalBlanket:
			return "You asked for a blanket."
		case tend.SignalHold:
			return "You asked to be held."
		case tend.SignalSpace:
			return "You asked for some space."
		case tend.SignalTalk:
			return "You asked to talk."
		case tend.SignalNotOkay:
			return "You said you are not okay. The grounding help is below."
		case tend.SignalCustom:
			return "You asked for: " + text
		}
		return ""
	}
	switch k {
	case tend.SignalWater:
		return name + " would like some water."
	case tend.SignalBlanket:
		return name + " would like a blanket."
	case tend.SignalHold:
		return name + " would like to be held."
	case tend.SignalSpace:
		return name + " would like some space for now."
	case tend.SignalTalk:
		return name + " would like to talk."
	case tend.SignalNotOkay:
		return name + " is not okay. Go gently: be with them, ask what would help."
	case tend.SignalCustom:
		return name + " would like: " + text
	}
	return ""
}

// comingWords answers a need.
func comingWords(name string, need tend.SignalKind, mine bool) string {
	switch {
	case mine && need == tend.SignalSpace:
		return "You are giving them space."
	case mine:
		return "You are on your way."
	case need == tend.SignalSpace:
		return name + " is giving you space."
	}
	return name + " is on the way."
}

// aftercareView builds the screen from the encounter and its signals so
// far: the feed, and the checklist's state (the last tick or untick of
// each step).
func (s *Server) aftercareView(r *http.Request, e *tend.Encounter) (*aftercareView, error) {
	ctx := r.Context()
	me := tend.PersonFromContext(ctx)
	v := &aftercareView{Page: s.base(r, "Aftercare", "encounters"), E: e, MeID: me.ID, Solo: e.Solo(),
		Far: e.Kind == tend.LongDistance, Needs: careNeeds, Support: s.support(), Started: e.StageAt}
	v.Page.Class = "bedside"
	v.Page.Styles = []string{"css/aftercare.css"}
	v.Page.Scripts = []string{"js/aftercare.js"}
	for _, m := range e.Members {
		if m.PersonID != me.ID {
			v.Others = append(v.Others, m.DisplayName)
		}
	}
	pl, err := s.encounterPlan(ctx, me, e)
	if err != nil {
		return nil, err
	}
	sigs, err := s.Encounters.FindSignals(ctx, me.ID, e.ID, 0, 0)
	if err != nil {
		return nil, err
	}
	type tick struct {
		done bool
		by   string
	}
	ticks := map[string]tick{}
	needAt := map[string]int{} // need seq → index in the feed
	for _, sig := range sigs {
		v.Last = max(v.Last, sig.Seq)
		mine := sig.From == me.ID
		switch {
		case sig.Kind == tend.SignalTick || sig.Kind == tend.SignalUntick:
			ticks[sig.Ref] = tick{sig.Kind == tend.SignalTick, sig.FromName}
		case sig.Kind.IsNeed():
			it := careItem{EID: e.ID, Seq: sig.Seq, Kind: sig.Kind, Mine: mine, From: sig.FromName, Need: true,
				Says: needWords(sig.Kind, sig.FromName, sig.Text, mine)}
			needAt[strconv.FormatInt(sig.Seq, 10)] = len(v.Feed)
			v.Feed = append(v.Feed, it)
			if mine && sig.Kind == tend.SignalNotOkay {
				v.Grounding = true
			}
		case sig.Kind == tend.SignalComing:
			if i, ok := needAt[sig.Ref]; ok {
				it := &v.Feed[i]
				it.Coming = append(it.Coming, comingWords(sig.FromName, it.Kind, mine))
				it.Answered = it.Answered || mine
			}
		case sig.Kind == tend.SignalMessage:
			says := sig.FromName + ": " + sig.Text
			if mine {
				says = "You: " + sig.Text
			}
			v.Feed = append(v.Feed, careItem{EID: e.ID, Seq: sig.Seq, Kind: sig.Kind, Mine: mine, From: sig.FromName, Says: says})
		}
	}
	// Someone else's "not okay" stands out at the top, as an alert.
	feed := v.Feed[:0:0]
	for _, it := range v.Feed {
		if it.Kind == tend.SignalNotOkay && !it.Mine {
			v.Alerts = append(v.Alerts, it)
			continue
		}
		feed = append(feed, it)
	}
	v.Feed = feed
	for _, st := range pl.Steps {
		key := stepKey(st)
		cs := careStep{Key: key, Title: st.Title, HowTo: st.HowTo, Done: ticks[key].done, DoneBy: ticks[key].by}
		if !v.Solo && len(st.For) > 0 {
			cs.Who = "For " + tend.JoinNames(st.For)
			if len(st.By) > 0 {
				cs.Who += ", from " + tend.JoinNames(st.By)
			}
		}
		v.Steps = append(v.Steps, cs)
	}
	v.Minutes = e.Minutes
	if v.Minutes == 0 {
		v.Minutes = pl.Minutes
	}
	if v.Minutes > 0 {
		left := e.StageAt.Add(time.Duration(v.Minutes) * time.Minute).Sub(s.Now())
		v.TimeUp = left <= 0
		v.Left = int((left + time.Minute - 1) / time.Minute)
	}
	h := fnv.New64a()
	h.Write([]byte(e.ID))
	v.Questions = s.Catalog.Deck(e.Kind, catalog.Debrief, 6, len(e.Members), false, h.Sum64())
	return v, nil
}

func (s *Server) handleAftercarePage(w http.ResponseWriter, r *http.Request) {
	e, ok := s.myEncounter(w, r)
	if !ok {
		return
	}
	if e.Stage != tend.StageAfter {
		http.Redirect(w, r, "/encounters/"+e.ID, http.StatusSeeOther)
		return
	}
	v, err := s.aftercareView(r, e)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "aftercare", v)
}

// careFormError shows the screen again with what was wrong, keeping the
// text typed; when the aftercare is over, it goes on to the encounter.
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
	s.formError(w, r, "aftercare", &v.Page, v, err)
}

// careSend stores a signal from a form and goes back to the screen.
func (s *Server) careSend(w http.ResponseWriter, r *http.Request, sig *tend.Signal) {
	ctx := r.Context()
	id := r.PathValue("id")
	kind, text := sig.Kind, sig.Text
	stored, err := s.Encounters.AddSignal(ctx, tend.PersonFromContext(ctx).ID, id, sig)
	if err != nil {
		s.careFormError(w, r, err, text, string(kind))
		return
	}
	s.announce(ctx, id, stored)
	to := "/encounters/" + id + "/aftercare"
	switch {
	case stored.Kind == tend.SignalNotOkay:
		to += "#grounding"
	case stored.Kind == tend.SignalTick || stored.Kind == tend.SignalUntick:
		to += "#plan"
	default:
		to += "#feed"
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

func (s *Server) handleCareSignalForm(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	kind := tend.SignalKind(formValue(r, "kind"))
	if kind == tend.SignalTick || kind == tend.SignalUntick {
		s.careFormError(w, r, tend.Errorf(tend.EINVALID, "kind: tick plan steps with their own buttons"), "", "")
		return
	}
	s.careSend(w, r, &tend.Signal{Kind: kind, Text: r.PostFormValue("text"), Ref: formValue(r, "ref")})
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
		s.careFormError(w, r, tend.Errorf(tend.EINVALID, "done: 1 to tick the step off, 0 to untick it"), "", "")
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
	known := false
	for _, st := range pl.Steps {
		known = known || stepKey(st) == ref
	}
	if !known {
		s.careFormError(w, r, tend.Errorf(tend.EINVALID, "that step is not in the plan (any more); the checklist below is the plan as it is now"), "", "")
		return
	}
	s.careSend(w, r, &tend.Signal{Kind: kind, Ref: ref})
}

package web

import (
	"net/http"
	"slices"
	"time"

	"github.com/tendcare/tend"
)

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

// shownReflection is a reflection ready to show.
type shownReflection struct {
	R      *tend.Reflection
	Name   string
	Mine   bool
	Mood   string
	Helped []string
}

// encounterView is the encounter page: the check-in while it is planned
// and before, looking back while reflecting and done.
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
	// Followups are the person's own follow-ups after it.
	Followups *encounterFollowups
	// Deck is a few questions to start the conversation, at the
	// check-in (guide_links.go).
	Deck *checkInDeck

	// card is the person's profile card and titles the practices' names
	// the view was made with, for a form sent back with a mistake to be
	// refilled (encounterFormAgain) without reading them again.
	card   *tend.Card
	titles practiceTitles
}

// encounterView builds the page of the encounter at its stage.
func (s *Server) encounterView(r *http.Request, e *tend.Encounter) (*encounterView, error) {
	ctx := r.Context()
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
	v.card, v.titles = prof.Card, titles
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
		v.Deck = s.checkInDeck(e)
	case tend.StageReflect, tend.StageDone:
		mine, others, revealed, err := s.Encounters.FindReflections(ctx, me.ID, e.ID)
		if err != nil {
			return nil, err
		}
		v.Revealed, v.RevealAt = revealed, e.RevealAt()
		v.Mine, v.Others = showReflections(&tend.Reflections{Mine: mine, Others: others, Revealed: revealed}, titles)
		if mine == nil {
			v.ShowReflect = true
			v.Reflect = reflectionFormFor(nil, v.Plan, titles)
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
	if v.Followups, err = s.encounterFollowups(r, e); err != nil {
		return nil, err
	}
	v.Page.Fields = append(slices.Clone(v.Page.Fields), encounterFollowupsField)
	// The live stream, for pages that wait on the others.
	if !v.Solo && (e.Stage == tend.StageBefore || e.Stage == tend.StagePlanned || e.Stage == tend.StageReflect) {
		v.After = e.LastSeq
		v.Events = "/api/v1/encounters/" + e.ID + "/events"
		v.Page.Scripts = []string{"js/checkin.js"}
	}
	return v, nil
}

// showReflections are an encounter's reflections as the pages show
// them: the person's own (nil if none), and the others' shared parts
// once revealed.
func showReflections(rs *tend.Reflections, titles practiceTitles) (mine *shownReflection, others []*shownReflection) {
	if rs.Mine != nil {
		mine = showReflection(rs.Mine, true, titles)
	}
	if rs.Revealed {
		for _, o := range rs.Others {
			others = append(others, showReflection(o.Shared(), false, titles))
		}
	}
	return mine, others
}

// showReflection is a reflection as the pages show it, the mood and
// practices in words.
func showReflection(r *tend.Reflection, mine bool, titles practiceTitles) *shownReflection {
	return &shownReflection{R: r, Name: r.DisplayName, Mine: mine, Mood: scaleWord(moodScale, r.Mood), Helped: titles.all(r.Helped)}
}

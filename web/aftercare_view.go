package web

import (
	"hash/fnv"
	"net/http"
	"strconv"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/catalog"
)

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
	// FromID is the sender's person id: their "okay" takes back their
	// "not okay", on the screen too.
	FromID string
	From   string
	// Says is the line in words.
	Says string
	// Need is set for a need, which others can answer.
	Need bool
	// Coming are the answers to a need: "Alex is on the way".
	Coming []string
	// Answered is set when the signed-in person answered it.
	Answered bool
	// At is when it was sent (RFC 3339, for <time>); Clock says it in
	// the person's time zone ("21:04").
	At, Clock string
	// Copy marks the copy shown at the top as the newest request (the
	// feed has the item itself, with its id).
	Copy bool
	// TookBack is set on a "not okay" its sender has since taken back.
	TookBack bool
}

// careStep is one plan step as a checklist item.
type careStep struct {
	// N numbers the steps from 1, for the page's anchors.
	N                      int
	Key, Title, HowTo, Who string
	// Wait says when a step that must wait begins: "after 10 minutes,
	// from 21:14".
	Wait string
	Done bool
	// DoneBy names who ticked it last.
	DoneBy string
}

type aftercareView struct {
	Page   page
	E      *tend.Encounter
	MeID   string
	Others []string
	// SeeAtOnce tells who sees a need tapped.
	SeeAtOnce string
	Solo      bool
	Far       bool
	// Zone is the person's time zone, for times shown live.
	Zone  string
	Needs []careNeed
	Steps []careStep
	Feed  []careItem
	// Alerts are the others' "not okay"s that stand.
	Alerts []careItem
	// Latest is the newest request from someone else, shown at the top.
	Latest    *careItem
	Last      int64
	Minutes   int
	Started   time.Time
	Left      int
	TimeUp    bool
	Questions []catalog.Question
	Support   []SupportLine
	// NotOkay is set while the person's own "not okay" stands: the
	// grounding help is open and "I'm okay now" shown.
	NotOkay bool
	// MovedOn is set once the others have moved on to reflecting (or
	// done) while the person is still here; MovedOnWords says so.
	MovedOn      bool
	MovedOnWords string
	// Reflected is set once the person has recorded their reflection.
	Reflected bool
	// EndSaid and EndThen ask before ending while someone is not okay
	// (after "We're done" was refused for it).
	EndSaid, EndThen string
	// Text is a custom need or message kept after a mistake; TextKind
	// says which.
	Text, TextKind string
	// notOkay are the "not okay"s that stand, anyone's.
	notOkay []*tend.Signal
}

// meNotOkay reports whether the person's own "not okay" stands.
func (v *aftercareView) meNotOkay() bool {
	for _, sig := range v.notOkay {
		if sig.From == v.Page.Me.ID {
			return true
		}
	}
	return false
}

// careTitle is the screen's page title, its own among the pages.
func careTitle(e *tend.Encounter) string {
	return nameEncounter(e, "Time for yourself", "Aftercare", " · ")
}

// aftercareView builds the screen from the encounter and its signals so
// far: the feed, the alerts that stand, the newest request, and the
// checklist's state (the last tick or untick of each step).
func (s *Server) aftercareView(r *http.Request, e *tend.Encounter) (*aftercareView, error) {
	ctx := r.Context()
	me := tend.PersonFromContext(ctx)
	v := &aftercareView{Page: s.base(r, careTitle(e), "encounters"), E: e, MeID: me.ID, Solo: e.Solo(),
		Far: e.Kind == tend.LongDistance, Needs: careNeeds, Support: s.support(), Started: e.StageAt}
	v.Page.Class = "bedside"
	v.Page.Styles = []string{"css/aftercare.css"}
	v.Page.Scripts = []string{"js/aftercare.js", "js/aftercaresend.js", "js/aftercaretools.js", "js/aftercaresight.js"}
	loc := orUTC(v.Page.Loc)
	v.Zone = loc.String()
	for _, m := range e.Members {
		if m.PersonID != me.ID {
			v.Others = append(v.Others, m.DisplayName)
		} else {
			v.Reflected = m.Reflected
		}
	}
	if len(v.Others) > 0 {
		v.SeeAtOnce = seeAtOnce(v.Others)
	}
	pl, err := s.encounterPlan(ctx, me, e)
	if err != nil {
		return nil, err
	}
	sigs, err := s.Encounters.FindSignals(ctx, me.ID, e.ID, 0, 0)
	if err != nil {
		return nil, err
	}
	v.notOkay = tend.NotOkay(sigs)
	standing := map[int64]bool{}
	for _, sig := range v.notOkay {
		standing[sig.Seq] = true
	}
	ticks, movedBy := v.feed(sigs, standing, loc)
	if e.Stage != tend.StageAfter {
		v.MovedOn = true
		v.MovedOnWords = movedOnWords(movedBy, e.Stage)
	}
	keys := stepKeys(pl.Steps)
	for i, st := range pl.Steps {
		key := keys[i]
		cs := careStep{N: i + 1, Key: key, Title: st.Title, HowTo: st.HowTo, Done: ticks[key].done, DoneBy: ticks[key].by}
		if !v.Solo && len(st.For) > 0 {
			cs.Who = "For " + tend.JoinNames(st.For)
			if len(st.By) > 0 {
				cs.Who += ", from " + tend.JoinNames(st.By)
			}
		}
		if st.At > 0 {
			cs.Wait = "after " + strconv.Itoa(st.At) + " minutes, from " + e.StageAt.Add(time.Duration(st.At)*time.Minute).In(loc).Format("15:04")
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

type careTick struct {
	done bool
	by   string
}

// feed reads the signals into the feed, the alerts and the newest
// request; it returns the checklist's ticks and who moved the encounter
// on from the aftercare ("you", a name, or "").
func (v *aftercareView) feed(sigs []*tend.Signal, standing map[int64]bool, loc *time.Location) (map[string]careTick, string) {
	ticks := map[string]careTick{}
	needAt := map[string]int{} // need seq → index in the feed
	movedBy := ""
	for _, sig := range sigs {
		v.Last = max(v.Last, sig.Seq)
		mine := sig.From == v.MeID
		it := careItem{EID: v.E.ID, Seq: sig.Seq, Kind: sig.Kind, Mine: mine, FromID: sig.From, From: sig.FromName,
			At: sig.At.UTC().Format(time.RFC3339), Clock: sig.At.In(loc).Format("15:04")}
		switch {
		case sig.Kind == tend.SignalTick || sig.Kind == tend.SignalUntick:
			ticks[sig.Ref] = careTick{sig.Kind == tend.SignalTick, sig.FromName}
		case sig.Kind == tend.SignalStage && sig.Ref == string(tend.StageReflect):
			movedBy = sig.FromName
			if mine {
				movedBy = "you"
			}
		case sig.Kind == tend.SignalNotOkay && !standing[sig.Seq]:
			// Taken back (or said again since): news, no longer an alert.
			it.TookBack, it.Says = true, tookBackWords(sig.FromName, mine)
			needAt[strconv.FormatInt(sig.Seq, 10)] = len(v.Feed)
			v.Feed = append(v.Feed, it)
		case sig.Kind.IsNeed():
			it.Need, it.Says = true, needWords(sig.Kind, sig.FromName, sig.Text, mine)
			needAt[strconv.FormatInt(sig.Seq, 10)] = len(v.Feed)
			v.Feed = append(v.Feed, it)
			v.NotOkay = v.NotOkay || mine && sig.Kind == tend.SignalNotOkay
		case sig.Kind == tend.SignalOkay:
			it.Says = okayWords(sig.FromName, mine)
			v.Feed = append(v.Feed, it)
		case sig.Kind == tend.SignalComing:
			if i, ok := needAt[sig.Ref]; ok {
				need := &v.Feed[i]
				need.Coming = append(need.Coming, comingWords(sig.FromName, need.Kind, mine))
				need.Answered = need.Answered || mine
			}
		case sig.Kind == tend.SignalMessage:
			it.Says = sig.FromName + ": " + sig.Text
			if mine {
				it.Says = "You: " + sig.Text
			}
			v.Feed = append(v.Feed, it)
		}
	}
	// Someone else's "not okay" that stands is an alert at the top; the
	// newest request from someone else is shown at the top too.
	feed := v.Feed[:0:0]
	for _, it := range v.Feed {
		if it.Kind == tend.SignalNotOkay && !it.Mine && !it.TookBack {
			v.Alerts = append(v.Alerts, it)
			continue
		}
		feed = append(feed, it)
	}
	v.Feed = feed
	for i := len(v.Feed) - 1; i >= 0; i-- {
		if it := v.Feed[i]; !it.Mine && (it.Need && it.Kind != tend.SignalNotOkay || it.Kind == tend.SignalMessage) {
			it.Copy = true
			v.Latest = &it
			break
		}
	}
	return ticks, movedBy
}

package tend

import (
	"context"
	"slices"
	"strings"
	"time"
)

// Stage is where an encounter is in its journey.
type Stage string

// The stages, in order.
const (
	// StagePlanned: made, not begun.
	StagePlanned Stage = "planned"
	// StageBefore: the check-in, each member on their own device.
	StageBefore Stage = "before"
	// StageAfter: the aftercare screen.
	StageAfter Stage = "after"
	// StageReflect: each member reflects.
	StageReflect Stage = "reflect"
	// StageDone: reflections are revealed; the encounter is history.
	StageDone Stage = "done"
)

// Stages returns the stages in order.
func Stages() []Stage {
	return []Stage{StagePlanned, StageBefore, StageAfter, StageReflect, StageDone}
}

// Valid reports whether s is a known stage.
func (s Stage) Valid() bool { return slices.Contains(Stages(), s) }

// Next is the stage a member can move the encounter on to: done comes only
// when reflections are all in (or the deadline passed), never by hand.
func (s Stage) Next() Stage {
	switch s {
	case StagePlanned:
		return StageBefore
	case StageBefore:
		return StageAfter
	case StageAfter:
		return StageReflect
	}
	return ""
}

// Limits on an encounter's parts.
const (
	// MaxCheckInTextLen bounds the check-in's limits, triggers and
	// safeword, and a reflection's texts.
	MaxCheckInTextLen = 500
	// MaxJournalLen bounds the private journal entry.
	MaxJournalLen = 4000
	// MaxSignalTextLen bounds a custom need or a check-in message.
	MaxSignalTextLen = 200
	// MaxAftercareMinutes bounds the time set aside.
	MaxAftercareMinutes = 240
	// MaxRevealDelay bounds how long a circle may wait for everyone's
	// reflection before the shared parts are revealed anyway.
	MaxRevealDelay = 14 * 24 * time.Hour
	// MaxSignals bounds the signals of one encounter.
	MaxSignals = 5000
)

// Scale is a 1 to 5 answer: mood, energy. Zero means not given.
type Scale int

// Valid reports whether s is 0 (not given) or 1 to 5.
func (s Scale) Valid() bool { return s >= 0 && s <= 5 }

// Encounter is one time together (or alone): the check-in before, the
// aftercare screen after, and the reflections.
type Encounter struct {
	ID string
	// CircleID is the circle it is for; "" for a solo encounter, or
	// when the circle has since been deleted.
	CircleID   string
	CircleName string
	Kind       Kind
	Stage      Stage
	CreatedBy  string
	CreatedAt  time.Time
	// StageAt is when it reached its stage: for StageAfter, when the
	// aftercare began (the timer counts from there).
	StageAt time.Time
	// Minutes is the time set aside for aftercare.
	Minutes int
	// RevealAfter is how long after reflecting began the shared parts of
	// reflections are revealed even if someone has not answered; 0 means
	// only once everyone has.
	RevealAfter time.Duration
	// LastSeq is the number of its newest signal (0 before the first):
	// where a live screen opened now picks up.
	LastSeq int64
	// Members are the people in it, in the order they joined the circle.
	Members []*Participant
}

// Solo reports whether it is for one person alone.
func (e *Encounter) Solo() bool { return e.Kind == Solo }

// Member returns the participant with the person id, or nil.
func (e *Encounter) Member(personID string) *Participant {
	for _, m := range e.Members {
		if m.PersonID == personID {
			return m
		}
	}
	return nil
}

// RevealAt is when reflections are revealed at the latest (zero if only
// when all have answered, or not reflecting yet).
func (e *Encounter) RevealAt() time.Time {
	if e.RevealAfter == 0 || (e.Stage != StageReflect && e.Stage != StageDone) {
		return time.Time{}
	}
	return e.StageAt.Add(e.RevealAfter)
}

// Participant is one person in an encounter.
type Participant struct {
	PersonID    string
	DisplayName string
	// CheckIn is what they said before; nil until they saved one. The
	// other members see it.
	CheckIn *CheckIn
	// Reflected tells whether they have recorded their reflection.
	Reflected bool
}

// CheckIn is one member's check-in before an encounter. Limits,
// triggers and safeword are sealed at rest. It is a conversation aid,
// never a consent contract: consent can change at any moment.
type CheckIn struct {
	Mood   Scale
	Energy Scale
	// Limits and Triggers are for today.
	Limits   string
	Triggers string
	// Safeword is the word or signal that stops everything.
	Safeword string
	// Needs are practice ids from their profile: "afterwards I'll
	// probably need...".
	Needs []string
	// Confirmed is set when they confirm it.
	Confirmed   bool
	ConfirmedAt time.Time
	UpdatedAt   time.Time
}

// Validate trims and checks a check-in.
func (c *CheckIn) Validate() error {
	var ps Problems
	if !c.Mood.Valid() {
		ps.Add("mood", "choose 1 (low) to 5 (great), or leave it out")
	}
	if !c.Energy.Valid() {
		ps.Add("energy", "choose 1 (low) to 5 (high), or leave it out")
	}
	for _, f := range []struct {
		name      string
		s         *string
		multiline bool
	}{{"limits", &c.Limits, true}, {"triggers", &c.Triggers, true}, {"safeword", &c.Safeword, false}} {
		var err error
		*f.s, err = CheckText(f.name, *f.s, 0, MaxCheckInTextLen, f.multiline)
		ps.Check(f.name, err)
	}
	ps.Check("needs", checkIDs("needs", c.Needs))
	return ps.Err()
}

// Emotions are the words a reflection may name.
var emotions = []string{
	"calm", "close", "content", "cared for", "grateful", "happy", "playful", "proud", "relieved", "safe", "tender",
	"tired", "numb", "unsure", "restless", "sad", "lonely", "anxious", "ashamed", "overwhelmed", "irritable", "raw",
}

// Emotions returns the words a reflection may name, pleasant ones first.
func Emotions() []string { return slices.Clone(emotions) }

// Reflection is one member's look back. Missing, Favourite and Note are
// shared with the others once revealed; Journal is private, always.
// Every text is sealed at rest.
type Reflection struct {
	PersonID    string
	DisplayName string
	Mood        Scale
	Emotions    []string
	// Helped are practice ids of plan steps that helped.
	Helped    []string
	Missing   string
	Favourite string
	Note      string
	// Journal is only ever shown to its author.
	Journal string
	At      time.Time
}

// Validate trims and checks a reflection.
func (r *Reflection) Validate() error {
	var ps Problems
	if r.Mood < 1 || r.Mood > 5 {
		ps.Add("mood", "choose how you feel now, from 1 (low) to 5 (great)")
	}
	if len(r.Emotions) > len(emotions) {
		ps.Add("emotions", "at most %d", len(emotions))
	} else {
		for _, e := range r.Emotions {
			if !slices.Contains(emotions, e) {
				ps.Add("emotions", "%q is not one of the words offered", Printable(e))
				break
			}
		}
	}
	for _, f := range []struct {
		name string
		s    *string
		max  int
	}{{"missing", &r.Missing, MaxCheckInTextLen}, {"favourite", &r.Favourite, MaxCheckInTextLen},
		{"note", &r.Note, MaxCheckInTextLen}, {"journal", &r.Journal, MaxJournalLen}} {
		var err error
		*f.s, err = CheckText(f.name, *f.s, 0, f.max, true)
		ps.Check(f.name, err)
	}
	ps.Check("helped", checkIDs("helped", r.Helped))
	return ps.Err()
}

// Shared returns the parts of r the other members may see once revealed.
func (r *Reflection) Shared() *Reflection {
	out := *r
	out.Journal = ""
	out.Emotions = slices.Clone(r.Emotions)
	out.Helped = slices.Clone(r.Helped)
	return &out
}

func checkIDs(name string, ids []string) error {
	if len(ids) > MaxLevels {
		return FieldErrorf(name, "at most %d", MaxLevels)
	}
	for _, id := range ids {
		if len(id) > MaxIDLen || !idPattern.MatchString(strings.TrimPrefix(id, "x-")) {
			return FieldErrorf(name, "%q is not a practice id", Printable(id))
		}
	}
	return nil
}

// SignalKind is what a live signal says.
type SignalKind string

// Signal kinds. Needs are tapped by a member; the rest follow from what
// members do.
const (
	SignalWater   SignalKind = "water"
	SignalBlanket SignalKind = "blanket"
	SignalHold    SignalKind = "hold"
	SignalSpace   SignalKind = "space"
	SignalTalk    SignalKind = "talk"
	SignalNotOkay SignalKind = "not-okay"
	// SignalOkay takes back the sender's "not okay": they are all right
	// again, and the others' alerts about them clear.
	SignalOkay SignalKind = "okay"
	// SignalCustom is a need in the member's own words (Text).
	SignalCustom SignalKind = "custom"
	// SignalComing answers a need: "on my way". Ref is the need's Seq.
	SignalComing SignalKind = "coming"
	// SignalTick and SignalUntick mark a plan step done or not; Ref is
	// the step's key.
	SignalTick   SignalKind = "tick"
	SignalUntick SignalKind = "untick"
	// SignalMessage is a check-in message between members far apart.
	SignalMessage SignalKind = "message"
	// SignalCheckIn tells that a member saved or confirmed their check-in.
	SignalCheckIn SignalKind = "check-in"
	// SignalReflected tells that a member recorded their reflection.
	SignalReflected SignalKind = "reflected"
	// SignalStage tells the encounter moved on; Ref is the new stage.
	SignalStage SignalKind = "stage"
)

// NeedKinds are the needs a member can tap, in the order shown.
func NeedKinds() []SignalKind {
	return []SignalKind{SignalWater, SignalBlanket, SignalHold, SignalSpace, SignalTalk, SignalNotOkay, SignalCustom}
}

// IsNeed reports whether k is a need a member taps.
func (k SignalKind) IsNeed() bool { return slices.Contains(NeedKinds(), k) }

// Sendable reports whether a member may send k themselves (the others
// are sent by Tend when they check in, reflect or move on).
func (k SignalKind) Sendable() bool {
	return k.IsNeed() || k == SignalOkay || k == SignalComing || k == SignalTick || k == SignalUntick || k == SignalMessage
}

// SignalOpen reports whether a member may send a signal of kind k while
// the encounter is at stage st: during the check-in, the aftercare, and
// while the others reflect (someone may still be on the aftercare
// screen); once it is done, only "I'm okay now", so that someone whose
// "not okay" still stands can take it back.
func SignalOpen(k SignalKind, st Stage) bool {
	switch st {
	case StageBefore, StageAfter, StageReflect:
		return true
	case StageDone:
		return k == SignalOkay
	}
	return false
}

// NotOkay returns, in the order they were sent, the "not okay" signals
// that still stand: those with no "okay" from the same person after them
// (one per person, their latest). signals are in the order stored.
func NotOkay(signals []*Signal) []*Signal {
	standing := map[string]*Signal{}
	var order []string
	for _, s := range signals {
		switch s.Kind {
		case SignalNotOkay:
			if _, ok := standing[s.From]; !ok {
				order = append(order, s.From)
			}
			standing[s.From] = s
		case SignalOkay:
			delete(standing, s.From)
			order = slices.DeleteFunc(order, func(p string) bool { return p == s.From })
		}
	}
	out := make([]*Signal, 0, len(order))
	for _, p := range order {
		out = append(out, standing[p])
	}
	return out
}

// Move is a request to move an encounter on by one stage.
type Move struct {
	// From is the stage the person saw it at: the move happens only if
	// it is still there.
	From Stage
	// Anyway ends the aftercare although someone's "not okay" stands:
	// the person was shown who, and chose to go on. Their screen stays
	// with them. It covers only the "not okay"s the person had seen:
	// those up to signal number Seen.
	Anyway bool
	Seen   int64
}

// CheckEnd says whether the aftercare may end now, given the "not okay"
// signals that stand: not without Anyway while anyone's does, and not
// for one sent after what the person saw when they chose Anyway, so that
// nobody is moved on from their help by accident. ECONFLICT names them.
func CheckEnd(m Move, standing []*Signal) error {
	if m.From != StageAfter {
		return nil
	}
	var names []string
	for _, s := range standing {
		if !m.Anyway || s.Seq > m.Seen {
			names = append(names, s.FromName)
		}
	}
	if len(names) == 0 {
		return nil
	}
	verb := "is"
	if len(names) > 1 {
		verb = "are"
	}
	return Errorf(ECONFLICT, "%s %s not okay yet. End the aftercare anyway (their screen stays with them), or stay a while longer", JoinNames(names), verb).OnField("anyway")
}

// Signal is one live event of an encounter, numbered from 1 in the order
// stored. Text (a custom need, a message) is sealed at rest.
type Signal struct {
	Seq      int64
	From     string
	FromName string
	Kind     SignalKind
	Text     string
	Ref      string
	At       time.Time
}

// MaxStepKeyLen bounds a plan step's key.
const MaxStepKeyLen = 200

// Validate trims and checks a signal a member sends.
func (s *Signal) Validate() error {
	if !s.Kind.Sendable() {
		return FieldErrorf("kind", "one of water, blanket, hold, space, talk, not-okay, okay, custom, coming, tick, untick or message")
	}
	var ps Problems
	var err error
	s.Text, err = CheckText("text", s.Text, 0, MaxSignalTextLen, false)
	ps.Check("text", err)
	s.Ref = strings.TrimSpace(s.Ref)
	switch s.Kind {
	case SignalCustom:
		if s.Text == "" && err == nil {
			ps.Add("text", "say what you need, in a few words")
		}
	case SignalMessage:
		if s.Text == "" && err == nil {
			ps.Add("text", "write your message, in a few words")
		}
	default:
		if s.Text != "" {
			ps.Add("text", "only for a need in your own words or a message")
		}
	}
	switch s.Kind {
	case SignalComing:
		if !isSeq(s.Ref) {
			ps.Add("ref", "the number of the need you answer")
		}
	case SignalTick, SignalUntick:
		if _, err := CheckText("ref", s.Ref, 1, MaxStepKeyLen, false); err != nil || len(s.Ref) > MaxStepKeyLen {
			ps.Add("ref", "the key of the plan step")
		}
	default:
		if s.Ref != "" {
			ps.Add("ref", "only to answer a need or tick a step")
		}
	}
	return ps.Err()
}

func isSeq(s string) bool {
	if s == "" || len(s) > 18 || s[0] == '0' {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// NewEncounter is what starting an encounter needs.
type NewEncounter struct {
	// CircleID is "" for a solo encounter, which must be of kind solo.
	CircleID    string
	Kind        Kind
	Minutes     int
	RevealAfter time.Duration
}

// Validate checks a new encounter.
func (n *NewEncounter) Validate() error {
	var ps Problems
	switch {
	case !n.Kind.Valid():
		ps.Add("kind", "one of gentle, intense, quickie, first-time, long-distance or solo")
	case n.CircleID == "" && n.Kind != Solo:
		ps.Add("circle_id", "choose a circle, or make it a solo encounter")
	case n.CircleID != "" && n.Kind == Solo:
		ps.Add("kind", "solo is for you alone; choose another kind for a circle")
	}
	if n.Minutes < 0 || n.Minutes > MaxAftercareMinutes {
		ps.Add("minutes", "from 0 to %d", MaxAftercareMinutes)
	}
	if n.RevealAfter < 0 || n.RevealAfter > MaxRevealDelay {
		ps.Add("reveal_after_minutes", "from 0 (when everyone has answered) to 14 days")
	}
	return ps.Err()
}

// Reflections is what FindReflections answers for one encounter.
type Reflections struct {
	Mine     *Reflection
	Others   []*Reflection
	Revealed bool
}

// EncounterService stores encounters. Every method naming an encounter
// answers ENOTFOUND to someone who is not in it, exactly as for one that
// does not exist.
type EncounterService interface {
	// CreateEncounter starts one in the person's circle (all its members
	// take part) or alone, at StageBefore.
	CreateEncounter(ctx context.Context, personID string, n NewEncounter) (*Encounter, error)
	// FindEncounters lists the person's encounters, newest first.
	FindEncounters(ctx context.Context, personID string) ([]*Encounter, error)
	// FindEncounter returns one, with every member's check-in.
	FindEncounter(ctx context.Context, personID, id string) (*Encounter, error)
	// EncounterCards reads the person's encounter with the cards its
	// plan is made from (plan.Make), in one read; ENOTFOUND when it is
	// not theirs.
	EncounterCards(ctx context.Context, personID, id string) (*EncounterCards, error)
	// MoveEncounter moves it from stage m.From to m.From.Next();
	// ECONFLICT if it is not there any more (someone else moved it), or
	// when ending the aftercare while someone's "not okay" stands unless
	// m.Anyway (see CheckEnd). A stage signal tells the others.
	MoveEncounter(ctx context.Context, personID, id string, m Move) (*Encounter, error)
	// SaveCheckIn saves the person's check-in, before the aftercare
	// begins (ECONFLICT after).
	SaveCheckIn(ctx context.Context, personID, id string, c *CheckIn) (*Encounter, error)
	// SaveReflection saves the person's reflection while reflecting
	// (ECONFLICT otherwise); when it is the last, the encounter is done.
	SaveReflection(ctx context.Context, personID, id string, r *Reflection) (*Encounter, error)
	// FindReflections returns the person's own reflection (nil if none)
	// and, once revealed, the others' shared parts (never their journal).
	// Revealed reports whether they are.
	FindReflections(ctx context.Context, personID, id string) (mine *Reflection, others []*Reflection, revealed bool, err error)
	// FindReflectionsFor is FindReflections for several of the person's
	// encounters at once, by encounter id, in one snapshot and a fixed
	// number of queries however many (for the page of past encounters).
	// An id the person is not in is left out, like a missing one.
	FindReflectionsFor(ctx context.Context, personID string, ids []string) (map[string]*Reflections, error)
	// AddSignal stores a signal from the person, during the check-in,
	// the aftercare, or while the others reflect (someone may still be
	// on the aftercare screen); ECONFLICT otherwise.
	AddSignal(ctx context.Context, personID, id string, s *Signal) (*Signal, error)
	// FindSignals returns the encounter's signals after seq, oldest
	// first, at most limit.
	FindSignals(ctx context.Context, personID, id string, after int64, limit int) ([]*Signal, error)
	// ReadSignals is FindSignals without asking who wants them: for a
	// live screen whose membership was checked when it opened.
	ReadSignals(ctx context.Context, id string, after int64, limit int) ([]*Signal, error)
	// LeaveEncounter takes the person out, with their check-in,
	// reflection and signals; the last one out deletes it.
	LeaveEncounter(ctx context.Context, personID, id string) error
}

package tend

import (
	"context"
	"slices"
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

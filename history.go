package tend

import (
	"context"
	"time"
)

// History is a person's own past, as their insights read it: only what
// they may see themselves. Follow-up words and journals are not in it;
// insights count answers, never read words (but for the person's own
// "what was missing", which only they see).
type History struct {
	// Encounters are the person's, oldest first by CreatedAt.
	Encounters []*PastEncounter
	// Profile is the person's latest profile card (never nil: empty
	// when never saved) and ProfileVersion its version (0: never saved).
	Profile        *Card
	ProfileVersion int
	// Dismissed are the ids of suggestions the person dismissed.
	Dismissed []string
}

// PastEncounter is one of the person's encounters, as their insights
// read it.
type PastEncounter struct {
	ID       string
	CircleID string
	Kind     Kind
	// CreatedAt is when it was started.
	CreatedAt time.Time
	// AftercareAt is when the aftercare began; zero if it never did.
	AftercareAt time.Time
	// AftercareEnd is when reflecting began, which ends the aftercare
	// screen; zero if that has not happened.
	AftercareEnd time.Time
	// Reflection is the person's own (without the journal); nil if they
	// have not reflected.
	Reflection *Reflection
	// Needs are the practice ids the person's check-in said they would
	// probably need afterwards.
	Needs []string
	// Ticked are the practice ids of plan steps for the person that
	// were ticked done (and not unticked again), each once.
	Ticked []string
	// NotOkay are when the person said "not okay" during it.
	NotOkay []time.Time
	// Followups are the person's answered follow-ups after it.
	Followups []PastFollowup
	// LowPlace are when the person said "I'm in a low place" about it.
	LowPlace []time.Time
}

// PastFollowup is one answered follow-up: the answer, never its words.
type PastFollowup struct {
	Answer     FollowupAnswer
	AnsweredAt time.Time
}

// CircleHistory is what a circle's insights are made from: only what
// each member chose to share with the circle. Encounters are those that
// are done with their reflections revealed, oldest first; in each,
// Reflections holds only the shared parts (Journal always empty) of the
// members who did not keep their reflections out.
type CircleHistory struct {
	CircleID   string
	Members    []CircleMemberHistory
	Encounters []*CirclePast
}

// CircleMemberHistory is one member of a circle, as its insights name
// them.
type CircleMemberHistory struct {
	PersonID    string
	DisplayName string
	// Out is set when they keep their reflections out of the circle's
	// insights.
	Out bool
}

// CirclePast is one of a circle's encounters, done and revealed.
type CirclePast struct {
	ID        string
	Kind      Kind
	CreatedAt time.Time
	// AftercareAt and AftercareEnd are when the aftercare began and
	// when reflecting began (zero if either never did).
	AftercareAt, AftercareEnd time.Time
	// Reflections are the shared parts of the reflections of members
	// who did not keep theirs out (PersonID set, Journal empty).
	Reflections []*Reflection
}

// InsightService reads what insights are made from, and keeps what
// a person decided about suggestions.
type InsightService interface {
	// FindHistory reads the person's own history, in one snapshot.
	FindHistory(ctx context.Context, personID string) (*History, error)
	// FindCircleHistory reads a circle's shared history; ENOTFOUND
	// for someone not in the circle.
	FindCircleHistory(ctx context.Context, personID, circleID string) (*CircleHistory, error)
	// DismissSuggestion remembers that the person does not want the
	// suggestion with the id again.
	DismissSuggestion(ctx context.Context, personID, id string) error
	// SetCircleInsights sets whether the person's reflections count in
	// the circle's insights (they do unless kept out); ENOTFOUND for
	// someone not in the circle.
	SetCircleInsights(ctx context.Context, personID, circleID string, in bool) error
}

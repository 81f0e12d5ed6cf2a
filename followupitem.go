package tend

import (
	"context"
	"time"
)

// FollowupState is where one person's follow-up stands.
type FollowupState string

// Follow-up states.
const (
	// FollowupScheduled: waiting for its time (or a snooze).
	FollowupScheduled FollowupState = "scheduled"
	// FollowupDue: in the person's inbox, waiting for an answer.
	FollowupDue FollowupState = "due"
	// FollowupAnswered: answered; it joins the encounter's history.
	FollowupAnswered FollowupState = "answered"
	// FollowupCancelled: turned off, or the person left the circle.
	FollowupCancelled FollowupState = "cancelled"
)

// FollowupItem is one follow-up for one person after one encounter: a
// light question ("How are you feeling since yesterday?"), easy to
// dismiss. Its answer's words are sealed at rest.
type FollowupItem struct {
	ID          string
	EncounterID string
	PersonID    string
	// After is the plan's time after the aftercare began that it stands
	// for; with the encounter and the person it names the follow-up.
	After time.Duration
	Due   time.Time
	// Since is when the aftercare began, for the question's words.
	Since time.Time
	State FollowupState
	// Answer and Words are the person's answer, once given.
	Answer     FollowupAnswer
	Words      string
	AnsweredAt time.Time
}

// CanAnswer says whether the follow-up takes an answer: once due, once.
func (f *FollowupItem) CanAnswer() error {
	switch f.State {
	case FollowupDue:
		return nil
	case FollowupAnswered:
		return Errorf(ECONFLICT, "you have answered this one already; thank you")
	case FollowupCancelled:
		return Errorf(ECONFLICT, "this follow-up was turned off, so it takes no answer")
	}
	return Errorf(ECONFLICT, "this follow-up is not due yet")
}

// CanSnooze says whether the follow-up may wait until then: while it
// waits, and only to later.
func (f *FollowupItem) CanSnooze(now, until time.Time) error {
	switch {
	case f.State == FollowupAnswered:
		return Errorf(ECONFLICT, "you have answered this one already; there is nothing to snooze")
	case f.State == FollowupCancelled:
		return Errorf(ECONFLICT, "this follow-up was turned off; there is nothing to snooze")
	case !until.After(now):
		return FieldErrorf("until", "a snooze ends later than now")
	}
	return nil
}

// MaxFollowupWords bounds the words given with an answer.
const MaxFollowupWords = 500

// FollowupReply is a person's answer to a follow-up.
type FollowupReply struct {
	Answer FollowupAnswer
	Words  string
}

// Validate trims and checks an answer.
func (r *FollowupReply) Validate() error {
	var ps Problems
	if !r.Answer.Valid() {
		ps.Add("answer", "choose how you are feeling: good, low (a bit low) or care (I could use some care)")
	}
	words, err := CheckText("words", r.Words, 0, MaxFollowupWords, true)
	ps.Check("words", err)
	r.Words = words
	return ps.Err()
}

// FollowupService keeps people's follow-ups. Another person's follow-up
// answers ENOTFOUND, like a missing one.
type FollowupService interface {
	// FindFollowups lists the person's follow-ups that are due (their
	// inbox), earliest first.
	FindFollowups(ctx context.Context, personID string) ([]*FollowupItem, error)
	// FindFollowup returns one of the person's follow-ups.
	FindFollowup(ctx context.Context, personID, id string) (*FollowupItem, error)
	// AnswerFollowup records the answer to a due follow-up; ECONFLICT
	// when it is answered already, cancelled, or not due yet.
	AnswerFollowup(ctx context.Context, personID, id string, r *FollowupReply) (*FollowupItem, error)
	// SnoozeFollowup moves a due or scheduled follow-up to until;
	// ECONFLICT when answered or cancelled.
	SnoozeFollowup(ctx context.Context, personID, id string, until time.Time) (*FollowupItem, error)
	// MakeFollowupDue puts a follow-up whose time has come in its
	// person's inbox (the job queue calls it); nothing when it was
	// snoozed to later, answered or cancelled meanwhile.
	MakeFollowupDue(ctx context.Context, id string) error
	// FindFollowupPrefs and SetFollowupPrefs read and change what the
	// person chose about follow-ups.
	FindFollowupPrefs(ctx context.Context, personID string) (*FollowupPrefs, error)
	SetFollowupPrefs(ctx context.Context, personID string, p *FollowupPrefs) error
	// SetEncounterFollowups turns the person's follow-ups for one
	// encounter on or off (off cancels those scheduled).
	SetEncounterFollowups(ctx context.Context, personID, encounterID string, on bool) error
	// FindEncounterFollowups returns, for each of the encounters named
	// that the person is in, their own follow-ups after it and whether
	// they turned them off for it, in one read however many: the
	// encounter page and the history show the answers. Encounters the
	// person is not in are left out, like missing ones.
	FindEncounterFollowups(ctx context.Context, personID string, encounterIDs []string) (map[string]*EncounterFollowups, error)
}

// EncounterFollowups is one person's follow-ups after one encounter.
type EncounterFollowups struct {
	// Off: the person turned follow-ups off for this encounter.
	Off bool
	// Items are the follow-ups in every state, earliest due first.
	Items []*FollowupItem
}

// Answered returns the follow-ups answered, in order: they join the
// encounter's history.
func (e *EncounterFollowups) Answered() []*FollowupItem {
	var out []*FollowupItem
	for _, f := range e.Items {
		if f.State == FollowupAnswered {
			out = append(out, f)
		}
	}
	return out
}

// Waiting reports whether a follow-up is still to come or to answer.
func (e *EncounterFollowups) Waiting() bool {
	for _, f := range e.Items {
		if f.State == FollowupScheduled || f.State == FollowupDue {
			return true
		}
	}
	return false
}

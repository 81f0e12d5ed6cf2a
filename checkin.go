package tend

import "time"

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

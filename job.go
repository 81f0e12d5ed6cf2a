package tend

import "time"

// Job is work a change schedules for later: the store inserts it in the
// change's own transaction, so that it exists if and only if the change
// does, and the job queue (package jobs) runs it when it is due, once,
// whichever node picks it up.
type Job struct {
	// Kind says what to do (JobFollowup...).
	Kind string
	// Ref is the id of what it is about: a job carries ids, never
	// anyone's words.
	Ref string
	// At is when it is due (zero: at once).
	At time.Time
}

// Job kinds.
const (
	// JobFollowup makes a follow-up due: it joins its person's inbox.
	JobFollowup = "followup"
)

package tend

import (
	"errors"
	"time"
)

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
	// Deliver is the delivery a JobDeliver job makes.
	Deliver *Delivery
}

// Delivery is one message to one channel, told by ids only: the job
// queue's table is readable, so it never holds anyone's words. The
// worker reads the rest (the channel, the other person's name) and words
// the message when it runs.
type Delivery struct {
	// Key is the message's own id, the same for every channel and every
	// try: the channel records it once taken, so that a retry sends
	// nothing twice ("followup-<id>", "alert-<id>"...).
	Key string `json:"key"`
	// Channel is the channel's id.
	Channel string `json:"channel"`
	// Event is what it tells (notify's events: followup, low, care,
	// replied, started, test).
	Event string `json:"event"`
	// About is the other person's id, whose name the message gives,
	// when it is about someone.
	About string `json:"about,omitempty"`
	// Path is the page it opens, on this server ("/followups/<id>").
	Path string `json:"path"`
}

// Job kinds.
const (
	// JobFollowup makes a follow-up due: it joins its person's inbox.
	JobFollowup = "followup"
	// JobDeliver sends one message through one channel.
	JobDeliver = "deliver"
	// JobSignedOut closes the live screens of a person (Ref) signed out
	// by a command outside the server (tend user disable or
	// reset-password): the node that runs it tells every node, as its
	// own sign-outs do.
	JobSignedOut = "signedout"
)

// ErrBusy says a job cannot run now because what it needs is busy (a
// channel already sending as many as it may at once): the queue runs it
// again shortly, without counting it as a failed try. So a channel that
// hangs holds up only its own deliveries, never everyone's workers.
var ErrBusy = errors.New("busy for now: tried again shortly")

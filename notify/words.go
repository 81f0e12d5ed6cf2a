package notify

import (
	"fmt"

	"github.com/tendcare/tend"
)

// Event is what a message tells, before it is worded.
type Event string

const (
	// EventFollowup: one of the person's follow-ups is due.
	EventFollowup Event = "followup"
	// EventLow: a partner said they feel a bit low (a follow-up's
	// answer, told to the others).
	EventLow Event = "low"
	// EventCare: a partner said they could use some care, or that they
	// are in a low place.
	EventCare Event = "care"
	// EventReplied: a partner answered the person's drop alert.
	EventReplied Event = "replied"
	// EventStarted: a partner started an encounter with the person.
	EventStarted Event = "started"
	// EventTest: the person asked for a test message.
	EventTest Event = "test"
)

// Events are every event, in the order Settings and tests list them.
func Events() []Event {
	return []Event{EventFollowup, EventLow, EventCare, EventReplied, EventStarted, EventTest}
}

// KindOf is the kind of message an event is, which the person chose
// channels for.
func KindOf(e Event) Kind {
	switch e {
	case EventFollowup:
		return KindFollowup
	case EventLow, EventCare, EventReplied:
		return KindAlert
	case EventStarted:
		return KindStarted
	default:
		return KindTest
	}
}

// Title is every message's title, whatever the wording: the name of the
// app and nothing else.
const Title = "Tend"

// words are each event's line, discreet and plain; %s is the other
// person's display name where there is one.
var words = map[Event][2]string{
	EventFollowup: {"A check-in is waiting for you", "A follow-up is waiting: how are you feeling?"},
	EventLow:      {"%s sent you a message", "%s is having a low day"},
	EventCare:     {"%s sent you a message", "%s could use some care"},
	EventReplied:  {"%s answered your message", "%s answered when you said you were low"},
	EventStarted:  {"%s shared something with you", "%s started an encounter with you"},
	EventTest:     {"This is a test message. It works.", "This is a test message. It works."},
}

// Words is the one line a message says: the event in the wording
// chosen, naming who (their display name) where the event is about
// another person. It is the only source of the words that leave the
// server in notifications.
func Words(e Event, w tend.Wording, who string) string {
	pair, ok := words[e]
	if !ok {
		pair = words[EventTest]
	}
	line := pair[0]
	if w == tend.WordingPlain {
		line = pair[1]
	}
	if needsName(e) {
		if who == "" {
			who = "Someone"
		}
		return fmt.Sprintf(line, who)
	}
	return line
}

// needsName reports whether the event's words name another person.
func needsName(e Event) bool {
	switch e {
	case EventLow, EventCare, EventReplied, EventStarted:
		return true
	}
	return false
}

// Compose makes the message for an event: its id (the delivery's own),
// neutral title, the line in the wording chosen, the link to open, and
// urgency for what a partner said about their low time.
func Compose(id string, e Event, w tend.Wording, who, link string) Message {
	return Message{ID: id, Kind: KindOf(e), Title: Title, Body: Words(e, w, who), Link: link,
		Urgent: e == EventLow || e == EventCare}
}

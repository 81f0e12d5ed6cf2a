// Package notify delivers Tend's messages outside the app: email, web
// push, ntfy and signed JSON webhooks. Each channel is a small
// implementation of Channel; each delivery is one job (package jobs), so
// that a slow or broken channel never delays another or a request.
//
// What a Message says is worded before it gets here (see Words): by
// default discreet, never a practice name, anyone's own words, or words
// about sex. A channel sends what it is given and adds nothing of the
// person's.
package notify

import (
	"context"
	"errors"
	"fmt"

	"github.com/tendcare/tend"
)

// Kind is what a message is about; a person chooses channels per kind.
type Kind string

const (
	// KindFollowup: one of the person's follow-ups is waiting.
	KindFollowup = Kind(tend.NoticeFollowup)
	// KindAlert: a partner had a low time after an encounter (a drop
	// alert), or answered one of the person's.
	KindAlert = Kind(tend.NoticeAlert)
	// KindStarted: someone started an encounter with the person.
	KindStarted = Kind(tend.NoticeStarted)
	// KindTest: the person pressed "Send me a test".
	KindTest Kind = "test"
)

// Message is one delivery, already worded.
type Message struct {
	// ID is the delivery's own id, the same on every try: the email's
	// Message-ID, the webhook's webhook-id, so that a retry is
	// recognisable as the same message.
	ID   string
	Kind Kind
	// Title is neutral ("Tend"), whatever the wording chosen.
	Title string
	// Body is the one line the person reads ("A check-in is waiting").
	Body string
	// Link is the absolute URL of the page the message is about, opened
	// on a tap or click.
	Link string
	// Urgent marks alerts: push Urgency high, ntfy priority high.
	Urgent bool
}

// Channel sends a message one way (one email address, one device, one
// topic). Send returns a *Failure when it failed in a way worth telling
// the person about, wrapped or not.
type Channel interface {
	Send(ctx context.Context, m Message) error
}

// Failure is a delivery that did not go through, in words the person
// can act on ("the mail server refused the address"). Permanent is set
// when trying again cannot help (a push subscription gone, an address
// refused for good); Gone when the channel itself no longer exists and
// should be removed (a push service answering 404 or 410).
type Failure struct {
	Said      string
	Permanent bool
	Gone      bool
	Err       error
}

func (f *Failure) Error() string {
	if f.Err != nil {
		return fmt.Sprintf("%s: %v", f.Said, f.Err)
	}
	return f.Said
}

func (f *Failure) Unwrap() error { return f.Err }

// Failed returns err as a *Failure (a plain error becomes a transient
// one that says only that the delivery failed).
func Failed(err error) *Failure {
	if err == nil {
		return nil
	}
	var f *Failure
	if errors.As(err, &f) {
		return f
	}
	return &Failure{Said: "the delivery failed; it will be tried again", Err: err}
}

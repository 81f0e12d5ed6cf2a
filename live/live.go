// Package live carries news that an encounter has a new stored signal
// between the nodes of Tend, so that every node's screens can fetch and show
// it. The signals themselves live in the database; news carry only ids.
//
// Memory serves a single node (SQLite). Postgres serves several nodes that
// share one PostgreSQL database, through LISTEN/NOTIFY.
package live

import (
	"context"

	"github.com/google/uuid"
	"github.com/tendcare/tend"
)

// News says an encounter has a stored signal numbered Seq; or, with
// SignedOut set instead, that a person was signed out somewhere (a
// session ended, a token revoked, the password changed), so that every
// node closes that person's live screens, which then reconnect and are
// checked again. The zero News means "you may have missed news": a
// subscriber should look again at every encounter it follows.
type News struct {
	Encounter string // the encounter's id (a UUID)
	Seq       int64
	SignedOut string // a person's id (a UUID), alone
	// Inbox is a person (a UUID, alone) whose inbox changed: a
	// follow-up came due, someone told them of a low time or answered
	// theirs. Their open inbox screens look again.
	Inbox string
}

// Broker carries News between nodes.
type Broker interface {
	// Publish hands n to this node's subscribers at once (synchronously,
	// before returning) and to every other node's. It returns an error
	// with code EINVALID when n is neither an encounter (a UUID in
	// canonical form: 36 characters, lowercase) with Seq >= 1 nor a
	// person signed out (a UUID, alone), and an error once the broker is
	// closed.
	Publish(ctx context.Context, n News) error
	// Subscribe calls fn for every News published on any node from now
	// on. Calls to fn never overlap, and news from one publishing node
	// arrive in the order published. fn must return quickly and must not
	// call the broker's methods or unsubscribe (they wait for fn). It
	// returns a function that unsubscribes: once it has returned, fn is
	// not called again.
	Subscribe(fn func(News)) (unsubscribe func())
	// Close stops the broker; Publish then returns an error.
	Close() error
}

// validate checks n before it is published or after it is received.
func (n News) validate() error {
	if n.Inbox != "" {
		if u, err := uuid.Parse(n.Inbox); err != nil || u.String() != n.Inbox || n.Encounter != "" || n.Seq != 0 || n.SignedOut != "" {
			return tend.Errorf(tend.EINVALID, "live news of an inbox needs a person id that is a UUID in canonical form, and nothing else")
		}
		return nil
	}
	if n.SignedOut != "" || n.Encounter == "" && n.Seq == 0 {
		if u, err := uuid.Parse(n.SignedOut); err != nil || u.String() != n.SignedOut || n.Encounter != "" || n.Seq != 0 {
			return tend.Errorf(tend.EINVALID, "live news of a sign-out needs a person id that is a UUID in canonical form, and nothing else")
		}
		return nil
	}
	if u, err := uuid.Parse(n.Encounter); err != nil || u.String() != n.Encounter {
		return tend.Errorf(tend.EINVALID, "live news needs an encounter id that is a UUID in canonical form")
	}
	if n.Seq < 1 {
		return tend.Errorf(tend.EINVALID, "live news needs a signal number of 1 or more")
	}
	return nil
}

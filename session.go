package tend

import (
	"context"
	"time"
)

// Session lifetimes: a session ends after a week without use, and after
// thirty days whatever happens, so a lost or shared device does not stay
// signed in for long.
const (
	SessionIdleTimeout     = 7 * 24 * time.Hour
	SessionAbsoluteTimeout = 30 * 24 * time.Hour
	// SessionTouchEvery limits how often use of a session is written.
	SessionTouchEvery = time.Minute
	// RecentAuth is how long after giving the password a person may
	// export everything or delete their account without giving it again.
	RecentAuth = 10 * time.Minute
)

// MaxDeviceLen bounds the device description of a session.
const MaxDeviceLen = 120

// Session is one signed-in device. Its token is never stored, only a hash.
type Session struct {
	ID       string
	PersonID string
	// Device is a short description of the browser or app, for the list
	// of sessions ("Firefox on Android").
	Device     string
	CreatedAt  time.Time
	LastSeenAt time.Time
	// AuthenticatedAt is when the password was last given in it.
	AuthenticatedAt time.Time
}

// RecentlyAuthenticated reports whether the password was given within
// RecentAuth before now.
func (s *Session) RecentlyAuthenticated(now time.Time) bool {
	return !s.AuthenticatedAt.IsZero() && now.Sub(s.AuthenticatedAt) < RecentAuth
}

// Expired reports whether the session has timed out at now.
func (s *Session) Expired(now time.Time) bool {
	return now.Sub(s.LastSeenAt) >= SessionIdleTimeout || now.Sub(s.CreatedAt) >= SessionAbsoluteTimeout
}

// SessionService stores sessions.
type SessionService interface {
	// CreateSession starts a session for the person and returns its
	// token, shown once, to be kept in a cookie or by an app.
	CreateSession(ctx context.Context, personID, device string) (token string, s *Session, err error)
	// FindSessionByToken returns the live session the token belongs to,
	// noting its use; EUNAUTHORIZED when there is none or it timed out.
	FindSessionByToken(ctx context.Context, token string) (*Session, error)
	// FindSignedIn is FindSessionByToken that also returns the session's
	// person, in one read: it runs on every signed-in request.
	FindSignedIn(ctx context.Context, token string) (*Session, *Person, error)
	// FindSessions lists the person's live sessions, most recent first.
	FindSessions(ctx context.Context, personID string) ([]*Session, error)
	// DeleteSession ends one of the person's sessions; ENOTFOUND if the
	// person has no such session.
	DeleteSession(ctx context.Context, personID, id string) error
	// ConfirmSession notes that the password was just given again.
	ConfirmSession(ctx context.Context, id string) error
	// DeleteSessions signs the person out everywhere else: it ends all
	// their sessions except keepID ("" for all) and revokes their API
	// tokens.
	DeleteSessions(ctx context.Context, personID, keepID string) error
}

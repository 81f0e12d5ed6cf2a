package tend

import (
	"context"
	"fmt"
	"time"
)

// Sign-in throttling per account: a few free tries, then a wait that
// doubles with each further failure, up to a ceiling. There is no hard
// lockout, so nobody can lock a person out of their own account by
// guessing on purpose; a correct password after the wait always works.
const (
	SignInFreeTries = 5
	SignInFirstWait = time.Minute
	SignInMaxWait   = 30 * time.Minute
)

// SignInWait is how long to wait after the last failure, given how many
// failures in a row there have been.
func SignInWait(failures int) time.Duration {
	if failures < SignInFreeTries {
		return 0
	}
	w := SignInFirstWait
	for i := SignInFreeTries; i < failures && w < SignInMaxWait; i++ {
		w *= 2
	}
	return min(w, SignInMaxWait)
}

// WaitMessage says when to try again, in whole minutes rounded up.
func WaitMessage(d time.Duration) string {
	m := int((d + time.Minute - 1) / time.Minute)
	if m <= 1 {
		return "Too many tries. Please try again in a minute."
	}
	return fmt.Sprintf("Too many tries. Please try again in %d minutes.", m)
}

// Credentials is what sign-in needs to know about an account.
type Credentials struct {
	PersonID     string
	PasswordHash string
	Disabled     bool
	Failures     int       // failed sign-ins in a row
	LastFailure  time.Time // zero if none
}

// CredentialService stores passwords and sign-in failures.
type CredentialService interface {
	// CreateAccount stores a new person with their password hash in one
	// step; the first account on the server is its administrator.
	// EINVALID for bad fields, ECONFLICT when the username is taken.
	CreateAccount(ctx context.Context, p *Person, passwordHash string) error
	// FindCredentials returns the account's credentials by username;
	// ENOTFOUND when there is no such account.
	FindCredentials(ctx context.Context, username string) (*Credentials, error)
	// SetPasswordHash stores a new password hash; ENOTFOUND if no person.
	SetPasswordHash(ctx context.Context, personID, hash string) error
	// RecordSignInFailure counts a failed sign-in and returns the count.
	RecordSignInFailure(ctx context.Context, personID string) (int, error)
	// ResetSignInFailures clears the count after a successful sign-in.
	ResetSignInFailures(ctx context.Context, personID string) error
}

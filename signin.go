package tend

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Sign-in throttling per account: a few free tries, then a wait that
// doubles with each further failure, up to a ceiling. There is no hard
// lockout, and the wait binds only browsers and apps the account has not
// signed in from before: a device that has (it carries a SignInDevice
// cookie) has its own count of failures instead, which strangers cannot
// touch, so nobody can keep a person out of their own account by
// guessing on purpose. Passkeys are never held back.
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

// WaitMessage says when to try again: in whole seconds under a minute,
// else in whole minutes, rounded up, so that it agrees with the
// Retry-After header sent with it.
func WaitMessage(d time.Duration) string {
	if s := int((d + time.Second - 1) / time.Second); s < 60 {
		if s <= 1 {
			return "Too many tries. Please try again in a second."
		}
		return fmt.Sprintf("Too many tries. Please try again in %d seconds.", s)
	}
	m := int((d + time.Minute - 1) / time.Minute)
	if m <= 1 {
		return "Too many tries. Please try again in a minute."
	}
	return fmt.Sprintf("Too many tries. Please try again in %d minutes.", m)
}

// AccountWaitMessage says why a browser new to the account waits, even
// on its first try, and what works meanwhile.
func AccountWaitMessage(d time.Duration) string {
	when := strings.TrimPrefix(WaitMessage(d), "Too many tries. Please try again ")
	return "This account has had many wrong passwords lately, so a browser that has not signed in to it before waits: please try again " +
		when + " Meanwhile a passkey works, and so does a device you have signed in from before."
}

// MaxSignInDevices bounds the devices remembered per account; the least
// recently used go first.
const MaxSignInDevices = 20

// SignInDevice is a browser or app that has signed in to an account with
// its password before and keeps a secret proving it (a cookie). Its failed
// sign-ins are counted apart from the account's.
type SignInDevice struct {
	ID          string
	PersonID    string
	Failures    int       // failed sign-ins in a row from it
	LastFailure time.Time // zero if none
	CreatedAt   time.Time
	LastUsedAt  time.Time
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
	// SetPasswordHash stores a new hash of the same password (after a
	// change of hashing parameters); ENOTFOUND if no person.
	SetPasswordHash(ctx context.Context, personID, hash string) error
	// ChangePassword stores the hash of a new password and, in the same
	// step, signs the person out of every session but keepSessionID ("" for
	// all), revokes every API token, forgets every sign-in device and
	// clears the failed sign-ins. ENOTFOUND if no person.
	ChangePassword(ctx context.Context, personID, hash, keepSessionID string) error
	// FindSignInDevice returns the person's device with the secret;
	// ENOTFOUND when there is none (or it is another person's).
	FindSignInDevice(ctx context.Context, personID, secret string) (*SignInDevice, error)
	// CreateSignInDevice remembers a device that just signed in and
	// returns its secret, shown once; past MaxSignInDevices the least
	// recently used is forgotten.
	CreateSignInDevice(ctx context.Context, personID string) (string, *SignInDevice, error)
	// RecordDeviceFailure counts a failed sign-in from the device and
	// returns the count.
	RecordDeviceFailure(ctx context.Context, deviceID string) (int, error)
	// SignedInFromDevice clears the device's failures and notes its use.
	SignedInFromDevice(ctx context.Context, deviceID string) error
	// RecordSignInFailure counts a failed sign-in and returns the count.
	RecordSignInFailure(ctx context.Context, personID string) (int, error)
	// ResetSignInFailures clears the count after a successful sign-in.
	ResetSignInFailures(ctx context.Context, personID string) error
}

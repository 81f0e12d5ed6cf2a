package web

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/password"
)

// Checking a password: the limits and waits that keep anyone from
// guessing one, and that keep a stranger's guesses from locking the
// owner out. Signing in (API and page) and confirming a password again
// both go through checkPassword.

type signinRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// errWrongPassword is the same for an unknown username and a wrong
// password, so that the answer does not tell which usernames exist.
func errWrongPassword() error {
	return tend.Errorf(tend.EUNAUTHORIZED, "that username and password do not match; check both and try again")
}

// passwordSignIn checks a username and password and returns the person.
// A browser or app the account has signed in from before is held back
// only by its own failures; any other by the per-address limit and the
// account's backoff. So neither a stranger guessing at the account nor
// others sharing an address (a household, a proxy) can keep the owner out
// of a device they have used.
func (s *Server) passwordSignIn(r *http.Request, req signinRequest) (*tend.Person, error) {
	ctx := r.Context()
	c, err := s.Credentials.FindCredentials(ctx, strings.ToLower(strings.TrimSpace(req.Username)))
	if err != nil && tend.ErrorCode(err) != tend.ENOTFOUND {
		return nil, err
	}
	var dev *tend.SignInDevice
	if c != nil {
		dev = s.signInDevice(ctx, r, c.PersonID)
	}
	if dev == nil {
		if ok, wait := s.signinLimit.allow(clientAddress(r, s.TrustedProxies), s.Now()); !ok {
			return nil, &tooMany{wait: wait, msg: tend.WaitMessage(wait)}
		}
	}
	if c == nil {
		return nil, s.noSuchAccount(ctx, req)
	}
	if err := s.checkPassword(ctx, c, req.Password, dev); err != nil {
		return nil, err
	}
	if c.Disabled {
		return nil, tend.Errorf(tend.EFORBIDDEN, "this account is disabled; ask the person who runs this server")
	}
	if password.NeedsRehash(c.PasswordHash) {
		if hash, err := s.Passwords.Hash(ctx, req.Password); err == nil {
			s.Credentials.SetPasswordHash(ctx, c.PersonID, hash)
		}
	}
	return s.People.FindPersonByID(ctx, c.PersonID)
}

// checkPassword checks a password for the account, from a device it has
// signed in from before (dev) or any other: first the wait after failures
// in a row, the device's own or else the account's (429), then the
// password (401, counted as a failure of the same), and on success it
// clears those failures. A stranger's failures count against the account
// and so hold back only unknown devices.
func (s *Server) checkPassword(ctx context.Context, c *tend.Credentials, pw string, dev *tend.SignInDevice) error {
	failures, last := c.Failures, c.LastFailure
	if dev != nil {
		failures, last = dev.Failures, dev.LastFailure
	}
	if wait := last.Add(tend.SignInWait(failures)).Sub(s.Now()); wait > 0 {
		msg := tend.WaitMessage(wait)
		if dev == nil {
			msg = tend.AccountWaitMessage(wait)
		}
		return &tooMany{wait: wait, msg: msg}
	}
	ok, err := s.Passwords.Verify(ctx, pw, c.PasswordHash)
	if err != nil && err != password.ErrMalformed {
		return err
	}
	switch {
	case !ok && dev != nil:
		if _, err := s.Credentials.RecordDeviceFailure(ctx, dev.ID); err != nil {
			return err
		}
		return errWrongPassword()
	case !ok:
		if _, err := s.Credentials.RecordSignInFailure(ctx, c.PersonID); err != nil {
			return err
		}
		return errWrongPassword()
	case dev != nil:
		// Its failures are cleared and its use noted, so that the devices
		// used most are the ones kept.
		return s.Credentials.SignedInFromDevice(ctx, dev.ID)
	case dev == nil && c.Failures > 0:
		return s.Credentials.ResetSignInFailures(ctx, c.PersonID)
	}
	return nil
}

// unknownAccount is the failures in a row at a username nobody has.
type unknownAccount struct {
	failures int
	last     time.Time
}

// noSuchAccount answers a sign-in at a username nobody has exactly as a
// real account would: the same time spent on a password check, and the
// same wait after failures in a row, so that neither the time nor a 429
// tells which usernames exist. The counts live in memory, per node.
func (s *Server) noSuchAccount(ctx context.Context, req signinRequest) error {
	name := strings.ToLower(strings.TrimSpace(req.Username))
	u, _ := s.unknown.Get(name)
	if wait := u.last.Add(tend.SignInWait(u.failures)).Sub(s.Now()); wait > 0 {
		return &tooMany{wait: wait, msg: tend.AccountWaitMessage(wait)}
	}
	s.Passwords.Verify(ctx, req.Password, "")
	s.unknown.Put(name, unknownAccount{failures: u.failures + 1, last: s.Now()})
	return errWrongPassword()
}

// checkMyPassword checks the signed-in person's password, naming field
// in the message when it is wrong, and returns their credentials.
func (s *Server) checkMyPassword(r *http.Request, pw, field string) (*tend.Credentials, error) {
	ctx := r.Context()
	c, err := s.Credentials.FindCredentials(ctx, tend.PersonFromContext(ctx).Username)
	if err != nil {
		return nil, err
	}
	if err := s.checkPassword(ctx, c, pw, s.signInDevice(ctx, r, c.PersonID)); err != nil {
		if tend.ErrorCode(err) == tend.EUNAUTHORIZED {
			err = tend.FieldErrorf(field, "that isn't the password you sign in with")
		}
		return nil, err
	}
	return c, nil
}

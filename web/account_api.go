package web

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/password"
)

// personJSON is a person as the API shows them.
type personJSON struct {
	ID          string    `json:"id"`
	Username    string    `json:"username"`
	DisplayName string    `json:"display_name"`
	Admin       bool      `json:"admin"`
	TimeZone    string    `json:"time_zone"`
	CreatedAt   time.Time `json:"created_at"`
}

func toPersonJSON(p *tend.Person) personJSON {
	return personJSON{ID: p.ID, Username: p.Username, DisplayName: p.DisplayName, Admin: p.Admin, TimeZone: p.TimeZone, CreatedAt: p.CreatedAt}
}

// secure reports whether the browser reached Tend over HTTPS: directly,
// or through a reverse proxy that ends TLS, which the public URL says.
func (s *Server) secure(r *http.Request) bool {
	return r.TLS != nil || strings.HasPrefix(s.PublicURL, "https://")
}

// Session cookies: "__Host-" pins the cookie to this host and path "/" and
// requires Secure, which plain-HTTP localhost cannot have; there the
// cookie goes without the prefix and without Secure.
func (s *Server) cookieName(r *http.Request) string {
	if s.secure(r) {
		return "__Host-tend"
	}
	return "tend"
}

func (s *Server) setSessionCookie(w http.ResponseWriter, r *http.Request, token string) {
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(r), Value: token, Path: "/", HttpOnly: true, Secure: s.secure(r),
		SameSite: http.SameSiteLaxMode, MaxAge: int(tend.SessionAbsoluteTimeout / time.Second)})
}

func (s *Server) clearSessionCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(r), Value: "", Path: "/", HttpOnly: true, Secure: s.secure(r),
		SameSite: http.SameSiteLaxMode, MaxAge: -1})
}

// sessionToken is the request's session token: the cookie, or for API
// clients "Authorization: Bearer TOKEN".
func (s *Server) sessionToken(r *http.Request) string {
	if c, err := r.Cookie(s.cookieName(r)); err == nil {
		return c.Value
	}
	if auth, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		return strings.TrimSpace(auth)
	}
	return ""
}

// signedIn returns the person and session of the request, or
// EUNAUTHORIZED. A request with a personal API token has a person and no
// session.
func (s *Server) signedIn(ctx context.Context, r *http.Request) (*tend.Person, *tend.Session, error) {
	p, sess, _, err := s.signedInWith(ctx, r)
	return p, sess, err
}

// signedInWith is signedIn that also returns the API token the request
// came with (nil for a session).
func (s *Server) signedInWith(ctx context.Context, r *http.Request) (*tend.Person, *tend.Session, *tend.APIToken, error) {
	token := s.sessionToken(r)
	var (
		p    *tend.Person
		sess *tend.Session
		tok  *tend.APIToken
		err  error
	)
	if strings.HasPrefix(token, tend.APITokenPrefix) {
		if tok, err = s.Tokens.FindAPITokenByToken(ctx, token); err != nil {
			return nil, nil, nil, err
		}
		p, err = s.People.FindPersonByID(ctx, tok.PersonID)
		if tend.ErrorCode(err) == tend.ENOTFOUND {
			return nil, nil, nil, tend.Errorf(tend.EUNAUTHORIZED, "you are signed out; please sign in again")
		}
		if err != nil {
			return nil, nil, nil, err
		}
	} else if sess, p, err = s.Sessions.FindSignedIn(ctx, token); err != nil {
		return nil, nil, nil, err
	}
	if p.Disabled {
		return nil, nil, nil, tend.Errorf(tend.EUNAUTHORIZED, "this account is disabled; ask the person who runs this server")
	}
	return p, sess, tok, nil
}

// device describes the client for the list of sessions, from its
// User-Agent, in a few words.
func device(r *http.Request) string {
	ua := r.UserAgent()
	browser, system := "A browser", ""
	for _, b := range []string{"Firefox", "Edg", "Chrome", "Safari"} {
		if strings.Contains(ua, b+"/") {
			browser = map[string]string{"Edg": "Edge"}[b]
			if browser == "" {
				browser = b
			}
			break
		}
	}
	for _, o := range []string{"Android", "iPhone", "iPad", "Windows", "Mac OS", "Linux"} {
		if strings.Contains(ua, o) {
			system = " on " + strings.Replace(o, "Mac OS", "a Mac", 1)
			break
		}
	}
	if ua != "" && browser == "A browser" && system == "" {
		return "An app or script"
	}
	return browser + system
}

type signupRequest struct {
	DisplayName string `json:"display_name"`
	Username    string `json:"username"`
	Password    string `json:"password"`
	TimeZone    string `json:"time_zone"`
	// Invite is an invitation's token: what lets someone make an account
	// when sign-up is by invitation.
	Invite string `json:"invite"`
}

func (s *Server) handleSignup(w http.ResponseWriter, r *http.Request) {
	var req signupRequest
	if err := decode(w, r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	p, err := s.createAccount(r.Context(), req)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.startSession(w, r, p, http.StatusCreated)
}

// createAccount makes an account with a password, if sign-up is open,
// or by invitation and the request brings a valid one that has made no
// account yet. The invitation stays for the person to answer.
func (s *Server) createAccount(ctx context.Context, req signupRequest) (*tend.Person, error) {
	byInvite := s.Signup == "invite"
	switch {
	case byInvite && req.Invite == "":
		return nil, tend.Errorf(tend.EFORBIDDEN, "this server takes new accounts by invitation only; open the invitation link you were sent")
	case s.Signup != "open" && !byInvite:
		return nil, tend.Errorf(tend.EFORBIDDEN, "this server does not take new accounts; ask the person who runs it for an invitation")
	}
	// Every mistake at once: the person's fields and the password's.
	p := &tend.Person{DisplayName: req.DisplayName, Username: req.Username, TimeZone: req.TimeZone}
	var ps tend.Problems
	ps.Check("", p.Validate())
	ps.Check("password", password.Check(req.Password))
	if err := ps.Err(); err != nil {
		return nil, err
	}
	if byInvite {
		// Checked before the costly hash, and again as the account is made.
		if _, _, err := s.Circles.FindInvite(ctx, req.Invite); err != nil {
			return nil, badSignupInvite(err)
		}
	}
	hash, err := s.Passwords.Hash(ctx, req.Password)
	if err != nil {
		return nil, err
	}
	if byInvite {
		if err := s.Circles.CreateAccountByInvite(ctx, req.Invite, p, hash); err != nil {
			return nil, badSignupInvite(err)
		}
		return p, nil
	}
	if err := s.Credentials.CreateAccount(ctx, p, hash); err != nil {
		return nil, err
	}
	return p, nil
}

// startSession signs the person in on this device: a new session, its
// cookie, and the token in the answer for API clients.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, p *tend.Person, status int) {
	token, err := s.newSession(w, r, p)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, status, map[string]any{"person": toPersonJSON(p), "token": token})
}

// newSession starts a session for the person and sets its cookie, and
// remembers the browser as one they sign in from.
func (s *Server) newSession(w http.ResponseWriter, r *http.Request, p *tend.Person) (string, error) {
	token, _, err := s.Sessions.CreateSession(r.Context(), p.ID, device(r))
	if err != nil {
		return "", err
	}
	s.setSessionCookie(w, r, token)
	s.rememberDevice(w, r, p.ID)
	return token, nil
}

type signinRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// errWrongPassword is the same for an unknown username and a wrong
// password, so that the answer does not tell which usernames exist.
func errWrongPassword() error {
	return tend.Errorf(tend.EUNAUTHORIZED, "that username and password do not match; check both and try again")
}

func (s *Server) handleSignin(w http.ResponseWriter, r *http.Request) {
	var req signinRequest
	if err := decode(w, r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	p, err := s.passwordSignIn(r, req)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.startSession(w, r, p, http.StatusOK)
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

func (s *Server) handleSignout(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, sess := tend.PersonFromContext(ctx), tend.SessionFromContext(ctx)
	if err := s.Sessions.DeleteSession(ctx, p.ID, sess.ID); err != nil {
		s.apiError(w, r, err)
		return
	}
	s.clearSessionCookie(w, r)
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) handleMe(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"person": toPersonJSON(tend.PersonFromContext(r.Context()))})
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

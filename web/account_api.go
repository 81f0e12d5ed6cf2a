package web

import (
	"context"
	"net/http"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/password"
)

// accountAPIRoutes are the JSON API of the account: making one, signing
// in and out, the password, and the export and deletion that need it
// confirmed.
func (s *Server) accountAPIRoutes() []route {
	return []route{
		{method: "POST", pattern: "/api/v1/signup", access: public, handle: s.handleSignup},
		{method: "POST", pattern: "/api/v1/signin", access: public, handle: s.handleSignin},
		{method: "POST", pattern: "/api/v1/signout", access: sessionOnly, handle: s.handleSignout},
		{method: "GET", pattern: "/api/v1/me", access: signedIn, scope: tend.ScopeProfileRead, handle: s.handleMe},
		{method: "POST", pattern: "/api/v1/password", access: sessionOnly, handle: s.handlePassword},
		{method: "POST", pattern: "/api/v1/confirm", access: sessionOnly, handle: s.handleConfirm},
		{method: "GET", pattern: "/api/v1/export", access: sessionOnly, handle: s.handleExport},
		{method: "DELETE", pattern: "/api/v1/account", access: sessionOnly, handle: s.handleDeleteAccount},
	}
}

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

type passwordRequest struct {
	Current string `json:"current"`
	New     string `json:"new"`
}

// handlePassword changes the password and signs out every other device.
func (s *Server) handlePassword(w http.ResponseWriter, r *http.Request) {
	var req passwordRequest
	if err := decode(w, r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	s.noContent(w, r, s.changePassword(w, r, req))
}

// changePassword checks the current password, sets the new one and signs
// out everywhere else (other sessions, API tokens, remembered devices);
// this session counts as just confirmed, and this browser is remembered
// again.
func (s *Server) changePassword(w http.ResponseWriter, r *http.Request, req passwordRequest) error {
	ctx := r.Context()
	c, err := s.checkMyPassword(r, req.Current, "current")
	if err != nil {
		return err
	}
	hash, err := s.Passwords.Hash(ctx, req.New)
	if err != nil {
		return onField("new", err)
	}
	sess := tend.SessionFromContext(ctx)
	if err := s.Credentials.ChangePassword(ctx, c.PersonID, hash, sess.ID); err != nil {
		return err
	}
	s.rememberDevice(w, r, c.PersonID)
	return s.Sessions.ConfirmSession(ctx, sess.ID)
}

// handleConfirm takes the password again, for the next ten minutes of
// export and deletion.
func (s *Server) handleConfirm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var req struct {
		Password string `json:"password"`
	}
	if err := decode(w, r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	if _, err := s.checkMyPassword(r, req.Password, "password"); err != nil {
		s.apiError(w, r, err)
		return
	}
	s.noContent(w, r, s.Sessions.ConfirmSession(ctx, tend.SessionFromContext(ctx).ID))
}

// requireRecentAuth refuses unless the password was given in this session
// within the last ten minutes.
func (s *Server) requireRecentAuth(r *http.Request) error {
	if !tend.SessionFromContext(r.Context()).RecentlyAuthenticated(s.Now()) {
		return tend.Errorf(tend.EFORBIDDEN, "please confirm your password first (POST /api/v1/confirm); it keeps this safe if someone else picks up your device")
	}
	return nil
}

// handleExport returns everything the person owns as one JSON document.
func (s *Server) handleExport(w http.ResponseWriter, r *http.Request) {
	if err := s.requireRecentAuth(r); err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeExport(w, r)
}

// writeExport answers with the export document (tend.Export), as a
// download, its session marked as the one it was asked from.
func (s *Server) writeExport(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	me := tend.PersonFromContext(ctx)
	x, err := s.Exports.Export(ctx, me.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if cur := tend.SessionFromContext(ctx); cur != nil {
		for i := range x.Sessions {
			x.Sessions[i].Current = x.Sessions[i].ID == cur.ID
		}
	}
	attachment(w, "tend-export-"+me.Username+".json")
	writeJSON(w, http.StatusOK, x)
}

// handleDeleteAccount deletes the person, their data key (which makes
// every sealed copy unreadable, backups included) and everything theirs.
func (s *Server) handleDeleteAccount(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := s.requireRecentAuth(r); err != nil {
		s.apiError(w, r, err)
		return
	}
	if err := s.People.DeletePerson(ctx, personID(r)); err != nil {
		s.apiError(w, r, err)
		return
	}
	s.forgetPages(personID(r))
	s.clearSessionCookie(w, r)
	w.WriteHeader(http.StatusNoContent)
}

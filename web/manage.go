package web

import (
	"net/http"

	"github.com/tendcare/tend"
)

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

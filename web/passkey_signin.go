package web

import (
	"net/http"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/webauthn"

	"github.com/tendcare/tend"
)

func errUnknownPasskey() error {
	return tend.Errorf(tend.EUNAUTHORIZED, "this passkey is not known here: it may have been removed. Sign in with your password, then add it again")
}

// handlePasskeySigninBegin answers the options for
// navigator.credentials.get() with no username: the browser offers the
// passkeys it has for this site.
func (s *Server) handlePasskeySigninBegin(w http.ResponseWriter, r *http.Request) {
	rp, _, err := s.relyingParty(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	assertion, session, err := rp.BeginDiscoverableLogin()
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if err := s.setCeremony(w, r, ceremony{Kind: ceremonySignin, Session: *session}); err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, assertion)
}

// handlePasskeySigninFinish checks the browser's assertion and signs the
// passkey's owner in. Already signed in as that person, it confirms this
// session instead (as POST /api/v1/confirm does with the password), so a
// passkey also unlocks export and account deletion.
func (s *Server) handlePasskeySigninFinish(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if ok, wait := s.passkeyLimit.allow(clientAddress(r, s.TrustedProxies), s.Now()); !ok {
		s.apiError(w, r, &tooMany{wait: wait, msg: tend.WaitMessage(wait)})
		return
	}
	c, err := s.takeCeremony(w, r, ceremonySignin)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	body, err := readBody(w, r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	rp, origin, err := s.relyingParty(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	parsed, err := protocol.ParseCredentialRequestResponseBytes(body)
	if err != nil {
		s.apiError(w, r, s.refused(r, err, tend.EINVALID, "give the browser's answer (PublicKeyCredential.toJSON()) as the body"))
		return
	}
	if err := checkOrigin(parsed.Response.CollectedClientData, origin); err != nil {
		s.apiError(w, r, err)
		return
	}
	var (
		key       *tend.Passkey
		owner     *tend.Person
		lookupErr error
	)
	// The passkey is found by its credential id; the user handle the
	// authenticator sends must name the same person.
	findOwner := func(rawID, userHandle []byte) (webauthn.User, error) {
		key, lookupErr = s.Passkeys.FindPasskeyByCredentialID(ctx, rawID)
		if tend.ErrorCode(lookupErr) == tend.ENOTFOUND || (lookupErr == nil && string(userHandle) != key.PersonID) {
			lookupErr = errUnknownPasskey()
		}
		if lookupErr == nil {
			owner, lookupErr = s.People.FindPersonByID(ctx, key.PersonID)
		}
		if lookupErr != nil {
			return nil, lookupErr
		}
		return passkeyUser{owner, []*tend.Passkey{key}}, nil
	}
	_, cred, err := rp.ValidatePasskeyLogin(findOwner, c.Session, parsed)
	if lookupErr != nil {
		s.apiError(w, r, lookupErr)
		return
	}
	if err != nil {
		s.apiError(w, r, s.refused(r, err, tend.EUNAUTHORIZED, "that passkey could not be verified; please try again, or sign in with your password"))
		return
	}
	if cred.Authenticator.CloneWarning {
		s.Logger.Warn("passkey sign count did not go up: refused as a possible clone", "passkey", key.ID)
		s.apiError(w, r, tend.Errorf(tend.EUNAUTHORIZED, "this passkey's signature counter went backwards, a sign that the key was copied (cloned); it was refused. Sign in with your password and replace the passkey"))
		return
	}
	if owner.Disabled {
		s.apiError(w, r, tend.Errorf(tend.EFORBIDDEN, "this account is disabled; ask the person who runs this server"))
		return
	}
	err = s.Passkeys.UpdatePasskeyUse(ctx, key.ID, tend.PasskeyUse{SignCount: cred.Authenticator.SignCount,
		BackupState: cred.Flags.BackupState, Challenge: c.Session.Challenge, Until: c.Expires})
	if tend.ErrorCode(err) == tend.ECONFLICT {
		err = tend.Errorf(tend.EUNAUTHORIZED, "%s", tend.ErrorMessage(err))
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if p, sess, err := s.signedIn(ctx, r); err == nil && sess != nil && p.ID == owner.ID {
		if err := s.Sessions.ConfirmSession(ctx, sess.ID); err != nil {
			s.apiError(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"person": toPersonJSON(owner), "confirmed": true})
		return
	}
	s.startSession(w, r, owner, http.StatusOK)
}

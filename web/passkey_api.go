package web

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/webauthn"

	"github.com/tendcare/tend"
)

// passkeyAPIRoutes are the JSON API of passkeys: adding and managing
// them (only a session may), and signing in with one
// (passkey_signin.go).
func (s *Server) passkeyAPIRoutes() []route {
	return []route{
		{method: "POST", pattern: "/api/v1/passkeys/register/begin", access: sessionOnly, handle: s.handlePasskeyRegisterBegin},
		{method: "POST", pattern: "/api/v1/passkeys/register/finish", access: sessionOnly, handle: s.handlePasskeyRegisterFinish},
		{method: "GET", pattern: "/api/v1/passkeys", access: sessionOnly, handle: s.handlePasskeyList},
		{method: "PATCH", pattern: "/api/v1/passkeys/{id}", access: sessionOnly, handle: s.handlePasskeyUpdate, object: "passkey"},
		{method: "DELETE", pattern: "/api/v1/passkeys/{id}", access: sessionOnly, handle: s.handlePasskeyDelete, object: "passkey"},
		{method: "POST", pattern: "/api/v1/signin/passkey/begin", access: public, handle: s.handlePasskeySigninBegin},
		{method: "POST", pattern: "/api/v1/signin/passkey/finish", access: public, handle: s.handlePasskeySigninFinish},
	}
}

// passkeyJSON is a passkey as the API shows it: never its keys.
type passkeyJSON struct {
	ID         string    `json:"id"`
	Name       string    `json:"name"`
	CreatedAt  time.Time `json:"created_at"`
	LastUsedAt time.Time `json:"last_used_at"`
}

func toPasskeyJSON(k *tend.Passkey) passkeyJSON {
	return passkeyJSON{k.ID, k.Name, k.CreatedAt, k.LastUsedAt}
}

// handlePasskeyRegisterBegin answers the options for
// navigator.credentials.create(): a discoverable credential, user
// verification preferred, none of the person's own passkeys again.
func (s *Server) handlePasskeyRegisterBegin(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	me := tend.PersonFromContext(ctx)
	rp, _, err := s.relyingParty(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	keys, err := s.Passkeys.FindPasskeys(ctx, me.ID)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	user := passkeyUser{me, keys}
	exclude := webauthn.Credentials(user.WebAuthnCredentials()).CredentialDescriptors()
	// credProps says whether the credential is discoverable, which signing
	// in without a username needs.
	creation, session, err := rp.BeginRegistration(user, webauthn.WithExclusions(exclude),
		webauthn.WithResidentKeyRequirement(protocol.ResidentKeyRequirementRequired),
		webauthn.WithExtensions(webauthn.WithExtensionCredProps()))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if err := s.setCeremony(w, r, ceremony{Kind: ceremonyRegister, Person: me.ID, Session: *session}); err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, creation)
}

// passkeyRegistration is the body of register/finish: the name sits
// beside the browser's credential, not in the URL, where proxies might
// log it.
type passkeyRegistration struct {
	Name       string          `json:"name"`
	Credential json.RawMessage `json:"credential"`
}

// handlePasskeyRegisterFinish checks the browser's new credential against
// the ceremony and stores it.
func (s *Server) handlePasskeyRegisterFinish(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	me := tend.PersonFromContext(ctx)
	c, err := s.takeCeremony(w, r, ceremonyRegister)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if c.Person != me.ID {
		s.apiError(w, r, errCeremony("this passkey request was begun by someone else"))
		return
	}
	var req passkeyRegistration
	if err := decode(w, r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	name, err := tend.ValidatePasskeyName(req.Name)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	rp, origin, err := s.relyingParty(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	parsed, err := protocol.ParseCredentialCreationResponseBytes(req.Credential)
	if err != nil {
		s.apiError(w, r, onField("credential", s.refused(r, err, tend.EINVALID, "give the browser's new passkey (PublicKeyCredential.toJSON())")))
		return
	}
	if err := checkOrigin(parsed.Response.CollectedClientData, origin); err != nil {
		s.apiError(w, r, err)
		return
	}
	cred, err := rp.CreateCredential(passkeyUser{person: me}, c.Session, parsed)
	if err != nil {
		s.apiError(w, r, s.refused(r, err, tend.EINVALID, "the new passkey did not check out, so it was not added; please try again"))
		return
	}
	if rk := cred.Extensions.RK; rk != nil && !*rk {
		s.apiError(w, r, tend.Errorf(tend.EINVALID, "this authenticator made a key that cannot sign in without a username, so it was not added; try another authenticator, such as your phone or password manager"))
		return
	}
	k := &tend.Passkey{PersonID: me.ID, Name: name, CredentialID: cred.ID, PublicKey: cred.PublicKey,
		AttestationType: cred.AttestationType, AAGUID: cred.Authenticator.AAGUID, SignCount: cred.Authenticator.SignCount,
		Transports: knownTransports(cred.Transport), BackupEligible: cred.Flags.BackupEligible, BackupState: cred.Flags.BackupState}
	if err := s.Passkeys.CreatePasskey(ctx, k); err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"passkey": toPasskeyJSON(k)})
}

// myPasskeys lists the signed-in person's passkeys as the API shows them.
func (s *Server) myPasskeys(r *http.Request) ([]passkeyJSON, error) {
	ctx := r.Context()
	list, err := s.Passkeys.FindPasskeys(ctx, personID(r))
	if err != nil {
		return nil, err
	}
	out := make([]passkeyJSON, len(list))
	for i, k := range list {
		out[i] = toPasskeyJSON(k)
	}
	return out, nil
}

func (s *Server) handlePasskeyList(w http.ResponseWriter, r *http.Request) {
	out, err := s.myPasskeys(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"passkeys": out})
}

// handlePasskeyUpdate renames a passkey; without a name it changes
// nothing and answers the passkey as it is.
func (s *Server) handlePasskeyUpdate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	me, id := tend.PersonFromContext(ctx), r.PathValue("id")
	var req struct {
		Name *string `json:"name"`
	}
	if err := decode(w, r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	var k *tend.Passkey
	var err error
	if req.Name != nil {
		k, err = s.Passkeys.RenamePasskey(ctx, me.ID, id, *req.Name)
	} else {
		k, err = s.findMyPasskey(r, id)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"passkey": toPasskeyJSON(k)})
}

// findMyPasskey returns one of the signed-in person's passkeys, ENOTFOUND
// for anyone else's, exactly as for a missing one.
func (s *Server) findMyPasskey(r *http.Request, id string) (*tend.Passkey, error) {
	ctx := r.Context()
	list, err := s.Passkeys.FindPasskeys(ctx, personID(r))
	if err != nil {
		return nil, err
	}
	for _, k := range list {
		if k.ID == id {
			return k, nil
		}
	}
	return nil, tend.Errorf(tend.ENOTFOUND, "there is no such passkey")
}

func (s *Server) handlePasskeyDelete(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	s.noContent(w, r, s.Passkeys.DeletePasskey(ctx, personID(r), r.PathValue("id")))
}

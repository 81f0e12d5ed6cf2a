package web

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/webauthn"

	"github.com/tendcare/tend"
)

// ValidatePublicURL checks the address people open Tend at, which
// passkeys are bound to: http or https, a host name (passkeys refuse IP
// addresses), nothing after the host.
func ValidatePublicURL(raw string) error {
	u, err := url.Parse(raw)
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		return fmt.Errorf("%q: give the address people open Tend at, like https://tend.example.org", raw)
	case u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "":
		return fmt.Errorf("%q: give only the scheme and host (and port), like https://tend.example.org", raw)
	case net.ParseIP(u.Hostname()) != nil:
		return fmt.Errorf("%q: passkeys need a name, not an address: use a host name, like http://localhost:8080 or https://tend.example.org", raw)
	}
	return nil
}

// relyingParty is who passkeys are made for: the public URL when one is
// set, else the host the request came to (so "tend serve" on a laptop
// works at http://localhost:8080 with no set-up). Origin is where the
// browser must say the page was.
func (s *Server) relyingParty(r *http.Request) (*webauthn.WebAuthn, string, error) {
	origin := s.PublicURL
	if origin == "" {
		scheme := "http"
		if s.secure(r) {
			scheme = "https"
		}
		origin = scheme + "://" + r.Host
	}
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" {
		return nil, "", tend.Errorf(tend.EINVALID, "passkeys cannot work at this address; set TEND_PUBLIC_URL to the address people open Tend at")
	}
	origin = strings.ToLower(u.Scheme + "://" + u.Host)
	host := strings.ToLower(u.Hostname())
	if net.ParseIP(host) != nil {
		at := "http://localhost"
		if port := u.Port(); port != "" {
			at += ":" + port
		}
		return nil, "", tend.Errorf(tend.EINVALID, "passkeys need a name, not an address: open Tend at %s or set TEND_PUBLIC_URL", at)
	}
	rp, err := webauthn.New(&webauthn.Config{
		RPID:          host,
		RPDisplayName: "Tend",
		RPOrigins:     []string{origin},
		// Who made the authenticator is none of our business: no
		// attestation, so none is asked of the person either.
		AttestationPreference: protocol.PreferNoAttestation,
		AuthenticatorSelection: protocol.AuthenticatorSelection{
			ResidentKey:        protocol.ResidentKeyRequirementRequired,
			RequireResidentKey: protocol.ResidentKeyRequired(),
			UserVerification:   protocol.VerificationPreferred,
		},
		// The browser gives up when the ceremony cookie does.
		Timeouts: webauthn.TimeoutsConfig{
			Login:        webauthn.TimeoutConfig{Timeout: ceremonyTTL, TimeoutUVD: ceremonyTTL},
			Registration: webauthn.TimeoutConfig{Timeout: ceremonyTTL, TimeoutUVD: ceremonyTTL},
		},
	})
	if err != nil {
		return nil, "", &tend.Error{Code: tend.EINVALID, Err: err,
			Message: "passkeys cannot work at this address; set TEND_PUBLIC_URL to the address people open Tend at"}
	}
	return rp, origin, nil
}

// checkOrigin says plainly when the browser was at another address than
// the one passkeys are made for, the likeliest mistake behind a proxy.
func checkOrigin(c protocol.CollectedClientData, origin string) error {
	if !strings.EqualFold(strings.TrimSuffix(c.Origin, "/"), origin) {
		return tend.Errorf(tend.EINVALID, "the page was at another address than this server expects for passkeys (%s); open Tend there, or set TEND_PUBLIC_URL to the address people use", origin)
	}
	return nil
}

// passkeyUser is a person as go-webauthn sees them.
type passkeyUser struct {
	person *tend.Person
	keys   []*tend.Passkey
}

func (u passkeyUser) WebAuthnID() []byte { return tend.PasskeyUserHandle(u.person.ID) }

func (u passkeyUser) WebAuthnName() string { return u.person.Username }

// WebAuthnDisplayName is the username too: the display name is free text
// we seal at rest, and authenticators and password managers keep (and
// sync) whatever they are given.
func (u passkeyUser) WebAuthnDisplayName() string { return u.person.Username }

func (u passkeyUser) WebAuthnCredentials() []webauthn.Credential {
	out := make([]webauthn.Credential, len(u.keys))
	for i, k := range u.keys {
		flags := protocol.FlagUserPresent
		if k.BackupEligible {
			flags |= protocol.FlagBackupEligible
		}
		if k.BackupState {
			flags |= protocol.FlagBackupState
		}
		transports := make([]protocol.AuthenticatorTransport, len(k.Transports))
		for j, t := range k.Transports {
			transports[j] = protocol.AuthenticatorTransport(t)
		}
		out[i] = webauthn.Credential{ID: k.CredentialID, PublicKey: k.PublicKey, AttestationType: k.AttestationType,
			Transport: transports, Flags: webauthn.NewCredentialFlags(flags),
			Authenticator: webauthn.Authenticator{AAGUID: k.AAGUID, SignCount: k.SignCount}}
	}
	return out
}

// knownTransports keeps the transports a passkey may list; others a
// browser might send are dropped, not stored.
func knownTransports(ts []protocol.AuthenticatorTransport) []string {
	var out []string
	for _, t := range ts {
		switch t {
		case protocol.USB, protocol.NFC, protocol.BLE, protocol.SmartCard, protocol.Hybrid, protocol.Internal:
			if !slices.Contains(out, string(t)) {
				out = append(out, string(t))
			}
		}
	}
	return out
}

// refused turns go-webauthn's verdict into an answer: our own errors as
// they are; the library's, logged for the operator (they hold no one's
// text) and answered with msg under code.
func (s *Server) refused(r *http.Request, err error, code, msg string) error {
	if tend.ErrorCode(err) != tend.EINTERNAL {
		return err
	}
	var pe *protocol.Error
	if !errors.As(err, &pe) {
		return err
	}
	s.Logger.Info("passkey refused", "route", r.Pattern, "reason", pe.Details, "debug", pe.DevInfo)
	return &tend.Error{Code: code, Message: msg, Err: err}
}

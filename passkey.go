package tend

import (
	"context"
	"strings"
	"time"
)

// Passkey limits. A credential id is at most 1023 bytes (WebAuthn §5.8.3);
// transports are a handful of short words ("usb", "internal", "hybrid").
const (
	MaxPasskeyNameLen     = 64
	MaxCredentialIDLen    = 1023
	MaxPasskeyKeyLen      = 4096
	maxPasskeyTransports  = 8
	maxPasskeyTransportSz = 32
)

// Passkey is a WebAuthn credential a person signs in with: a key pair
// whose private half never leaves their authenticator (phone, laptop,
// security key or password manager). Only the public key is stored.
type Passkey struct {
	ID       string
	PersonID string
	// CredentialID is the authenticator's name for the credential; unique
	// on the server, and how a sign-in finds the passkey.
	CredentialID []byte
	// PublicKey is the credential's public key, COSE-encoded.
	PublicKey       []byte
	AttestationType string
	// AAGUID names the authenticator's model (all zeros when it does not say).
	AAGUID []byte
	// SignCount is the authenticator's signature counter at the last use;
	// it stays 0 on authenticators without one (most synced passkeys).
	SignCount  uint32
	Transports []string
	// BackupEligible and BackupState are the authenticator's BE and BS
	// flags: whether the credential may be synced to other devices, and
	// whether it is. BE never changes; a sign-in where it does is refused.
	BackupEligible bool
	BackupState    bool
	// Name is what the person calls it ("my phone"); free text, sealed at
	// rest.
	Name       string
	CreatedAt  time.Time
	LastUsedAt time.Time
}

// ValidatePasskeyName trims a passkey's name and checks it.
func ValidatePasskeyName(name string) (string, error) {
	return checkName("name", name, MaxPasskeyNameLen, "say which passkey this is, like \"my phone\"")
}

// Validate checks a new passkey's fields, trimming its name.
func (k *Passkey) Validate() error {
	name, err := ValidatePasskeyName(k.Name)
	if err != nil {
		return err
	}
	k.Name = name
	switch {
	case len(k.CredentialID) == 0 || len(k.CredentialID) > MaxCredentialIDLen:
		return Errorf(EINVALID, "a passkey's credential id is 1 to %d bytes", MaxCredentialIDLen)
	case len(k.PublicKey) == 0 || len(k.PublicKey) > MaxPasskeyKeyLen:
		return Errorf(EINVALID, "a passkey needs its public key")
	case len(k.Transports) > maxPasskeyTransports:
		return Errorf(EINVALID, "a passkey lists at most %d transports", maxPasskeyTransports)
	}
	for _, t := range k.Transports {
		if t == "" || len(t) > maxPasskeyTransportSz || strings.Trim(t, "abcdefghijklmnopqrstuvwxyz-") != "" {
			return Errorf(EINVALID, "%q is not a passkey transport", t)
		}
	}
	return nil
}

// PasskeyUserHandle is a person's WebAuthn user handle: their id. The
// handle is stored on the authenticator (and synced by password managers),
// so it must not say who the person is; a person's id names nobody, is
// random, never reused and fixed for the life of the account, and it lets
// a sign-in with a discoverable credential find the person with no lookup
// table. The one thing it tells the authenticator beyond a random value
// is when the account was made (ids are UUIDv7), which the person's own
// device may well know.
func PasskeyUserHandle(personID string) []byte { return []byte(personID) }

// PasskeyUse is one successful sign-in with a passkey.
type PasskeyUse struct {
	SignCount   uint32
	BackupState bool
	// Challenge is the sign-in's challenge (base64url). Each is accepted
	// once, on every server node, so a replayed sign-in is refused even
	// from authenticators whose counter stays 0.
	Challenge string
	// Until is when the challenge expires; after it, it need not be kept.
	Until time.Time
}

// PasskeyService stores passkeys.
type PasskeyService interface {
	// CreatePasskey stores a new passkey for k.PersonID and sets its id
	// and times. EINVALID for bad fields, ECONFLICT when the credential id
	// is registered already (to anyone), ENOTFOUND when there is no such
	// person.
	CreatePasskey(ctx context.Context, k *Passkey) error
	// FindPasskeys lists the person's passkeys, newest first, names
	// opened; ENOTFOUND when there is no such person.
	FindPasskeys(ctx context.Context, personID string) ([]*Passkey, error)
	// FindPasskeyByCredentialID returns the passkey for a sign-in, its
	// name left sealed (empty); ENOTFOUND when there is none.
	FindPasskeyByCredentialID(ctx context.Context, credentialID []byte) (*Passkey, error)
	// UpdatePasskeyUse records a sign-in: the new sign count and backup
	// state, and the time. ENOTFOUND when there is no such passkey;
	// ECONFLICT when the use's challenge was used before.
	UpdatePasskeyUse(ctx context.Context, id string, use PasskeyUse) error
	// RenamePasskey gives one of the person's passkeys a new name.
	// EINVALID for a bad name; ENOTFOUND when the person has no such
	// passkey.
	RenamePasskey(ctx context.Context, personID, id, name string) (*Passkey, error)
	// DeletePasskey removes one of the person's passkeys. ENOTFOUND when
	// the person has no such passkey: another person's id answers exactly
	// like a missing one.
	DeletePasskey(ctx context.Context, personID, id string) error
}

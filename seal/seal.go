// Package seal encrypts people's free text at rest. Each person has their
// own random data key; data keys are stored wrapped (encrypted) by a key
// derived from the server's key. Text is sealed with XChaCha20-Poly1305
// and bound, as associated data, to the table, column, row and owner it
// belongs to, so a sealed value copied to another row or person does not
// open. Deleting a person's wrapped data key makes everything sealed with
// it unreadable, in the live database and in every backup.
//
// What this protects: database files, their copies and backups. A running
// server holds the keys; whoever controls it can read what it serves.
package seal

import (
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"errors"
	"fmt"

	"golang.org/x/crypto/chacha20poly1305"
)

// KeySize is the size of server keys and data keys, in bytes.
const KeySize = chacha20poly1305.KeySize

// Format versions, the first byte of every sealed value and wrapped key.
const (
	sealedV1  = 0x01
	wrappedV1 = 0x01
	keyIDSize = 8
)

// ErrOpen is returned when a sealed value or wrapped key does not open:
// it was changed, belongs to another row or person, or was sealed with
// another key. It never says which, by design.
var ErrOpen = errors.New("seal: value does not open (wrong key, wrong place, or changed)")

// ErrOtherServerKey is returned when a wrapped data key was made under a
// different server key than the one this server runs with.
var ErrOtherServerKey = errors.New("seal: data key was wrapped under another server key; start the server with the key it was created with")

// Sealer wraps and unwraps people's data keys with a key derived from the
// server's key. It is safe for concurrent use.
type Sealer struct {
	kek   cipher.AEAD
	keyID [keyIDSize]byte
	// boxRoot is the key each Box's own key is derived from.
	boxRoot []byte
}

// New returns a Sealer for the server key.
func New(server Key) (*Sealer, error) {
	kek, err := hkdf.Key(sha256.New, server[:], nil, "tend seal v1: wrap data keys", KeySize)
	if err != nil {
		return nil, fmt.Errorf("seal: derive wrapping key: %w", err)
	}
	id, err := hkdf.Key(sha256.New, server[:], nil, "tend seal v1: key id", keyIDSize)
	if err != nil {
		return nil, fmt.Errorf("seal: derive key id: %w", err)
	}
	boxRoot, err := hkdf.Key(sha256.New, server[:], nil, "tend seal v1: boxes", KeySize)
	if err != nil {
		return nil, fmt.Errorf("seal: derive box key: %w", err)
	}
	aead, err := chacha20poly1305.NewX(kek)
	if err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	s := &Sealer{kek: aead, boxRoot: boxRoot}
	copy(s.keyID[:], id)
	return s, nil
}

// NewDataKey makes a fresh data key for owner (a person's id) and returns
// it with its wrapped form, which is what gets stored.
func (s *Sealer) NewDataKey(owner string) (*DataKey, []byte, error) {
	var raw [KeySize]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return nil, nil, fmt.Errorf("seal: new data key: %w", err)
	}
	dk, err := newDataKey(raw[:])
	if err != nil {
		return nil, nil, err
	}
	wrapped := make([]byte, 0, 1+keyIDSize+chacha20poly1305.NonceSizeX+KeySize+s.kek.Overhead())
	wrapped = append(wrapped, wrappedV1)
	wrapped = append(wrapped, s.keyID[:]...)
	wrapped = appendSealed(s.kek, wrapped, raw[:], wrapAD(owner))
	clear(raw[:])
	return dk, wrapped, nil
}

// DataKey unwraps owner's stored data key.
func (s *Sealer) DataKey(owner string, wrapped []byte) (*DataKey, error) {
	if len(wrapped) < 1+keyIDSize || wrapped[0] != wrappedV1 {
		return nil, ErrOpen
	}
	if subtle.ConstantTimeCompare(wrapped[1:1+keyIDSize], s.keyID[:]) != 1 {
		return nil, ErrOtherServerKey
	}
	raw, err := openSealed(s.kek, wrapped[1+keyIDSize:], wrapAD(owner))
	if err != nil {
		return nil, err
	}
	defer clear(raw)
	return newDataKey(raw)
}

func wrapAD(owner string) []byte {
	return appendField([]byte("tend/v1/datakey"), owner)
}

// DataKey seals and opens one person's text. It is safe for concurrent use.
type DataKey struct {
	aead cipher.AEAD
}

func newDataKey(raw []byte) (*DataKey, error) {
	aead, err := chacha20poly1305.NewX(raw)
	if err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	return &DataKey{aead: aead}, nil
}

// Place says where a sealed value lives. All four parts are bound to the
// ciphertext: it opens only in the same place.
type Place struct {
	Table, Column, Row, Owner string
}

func (p Place) ad() []byte {
	b := []byte("tend/v1/text")
	for _, f := range []string{p.Table, p.Column, p.Row, p.Owner} {
		b = appendField(b, f)
	}
	return b
}

// appendField appends a length-prefixed field, so that no two different
// places can give the same associated data.
func appendField(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// Seal encrypts text for the place. Sealing the same text twice gives
// different bytes.
func (d *DataKey) Seal(text []byte, p Place) []byte {
	out := make([]byte, 0, 1+chacha20poly1305.NonceSizeX+len(text)+d.aead.Overhead())
	out = append(out, sealedV1)
	return appendSealed(d.aead, out, text, p.ad())
}

// SealString is Seal for a string.
func (d *DataKey) SealString(text string, p Place) []byte { return d.Seal([]byte(text), p) }

// Open decrypts a value sealed for the place, or returns ErrOpen.
func (d *DataKey) Open(sealed []byte, p Place) ([]byte, error) {
	if len(sealed) < 1 || sealed[0] != sealedV1 {
		return nil, ErrOpen
	}
	return openSealed(d.aead, sealed[1:], p.ad())
}

// OpenString is Open returning a string.
func (d *DataKey) OpenString(sealed []byte, p Place) (string, error) {
	b, err := d.Open(sealed, p)
	return string(b), err
}

// appendSealed appends a random nonce and the ciphertext of text.
func appendSealed(aead cipher.AEAD, dst, text, ad []byte) []byte {
	n := len(dst)
	dst = dst[:n+chacha20poly1305.NonceSizeX]
	if _, err := rand.Read(dst[n:]); err != nil {
		// crypto/rand does not fail on supported platforms; sealing
		// with a fixed nonce would be worse than stopping.
		panic("seal: no randomness: " + err.Error())
	}
	return aead.Seal(dst, dst[n:], text, ad)
}

func openSealed(aead cipher.AEAD, b, ad []byte) ([]byte, error) {
	if len(b) < chacha20poly1305.NonceSizeX+aead.Overhead() {
		return nil, ErrOpen
	}
	nonce, ct := b[:chacha20poly1305.NonceSizeX], b[chacha20poly1305.NonceSizeX:]
	out, err := aead.Open(nil, nonce, ct, ad)
	if err != nil {
		return nil, ErrOpen
	}
	return out, nil
}

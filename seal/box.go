package seal

import (
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"golang.org/x/crypto/chacha20poly1305"
)

// boxV1 is the first byte of every boxed message.
const boxV1 = 0x01

// ErrExpired is returned when a boxed message opens but its time is up.
var ErrExpired = errors.New("seal: the sealed message has expired")

// Box seals short-lived messages that leave the server and come back,
// such as a cookie holding the state of a sign-in between two requests,
// which any node sharing the server key can then open. Each purpose has
// its own key, derived from the server key, and the expiry is bound in:
// a message opens only for the same purpose, unchanged, before its time.
// It is safe for concurrent use.
type Box struct {
	aead    cipher.AEAD
	purpose string
}

// Box returns the box for a purpose ("passkey sign-in"). Boxes for
// different purposes cannot open each other's messages.
func (s *Sealer) Box(purpose string) (*Box, error) {
	key, err := hkdf.Key(sha256.New, s.boxRoot, nil, "tend box v1: "+purpose, KeySize)
	if err != nil {
		return nil, fmt.Errorf("seal: derive box key: %w", err)
	}
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	return &Box{aead: aead, purpose: purpose}, nil
}

// header is the version and the expiry in Unix milliseconds: in the
// clear, so that Open can say "expired", and authenticated with the rest.
func boxHeader(expires time.Time) []byte {
	h := make([]byte, 9, 9+chacha20poly1305.NonceSizeX)
	h[0] = boxV1
	binary.BigEndian.PutUint64(h[1:], uint64(expires.UnixMilli()))
	return h
}

func (b *Box) ad(header []byte) []byte {
	return append(appendField([]byte("tend/v1/box"), b.purpose), header...)
}

// Seal returns msg encrypted and authenticated, to open until expires.
func (b *Box) Seal(msg []byte, expires time.Time) []byte {
	h := boxHeader(expires)
	return appendSealed(b.aead, h, msg, b.ad(h))
}

// Open returns the message sealed in this box: ErrOpen when it was
// changed, sealed for another purpose or under another server key;
// ErrExpired when it is genuine but its time was up at now.
func (b *Box) Open(sealed []byte, now time.Time) ([]byte, error) {
	if len(sealed) < 9 || sealed[0] != boxV1 {
		return nil, ErrOpen
	}
	msg, err := openSealed(b.aead, sealed[9:], b.ad(sealed[:9]))
	if err != nil {
		return nil, err
	}
	expires := time.UnixMilli(int64(binary.BigEndian.Uint64(sealed[1:9])))
	if !now.Before(expires) {
		return nil, ErrExpired
	}
	return msg, nil
}

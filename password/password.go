// Package password hashes and checks passwords with argon2id. Each hash
// takes tens of milliseconds and 46 MiB of memory on purpose, so the
// Hasher bounds how many run at once: a burst of sign-ins queues instead
// of exhausting the server's memory.
package password

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"github.com/tendcare/tend"
)

// Parameters: argon2id, one pass, 46 MiB, one thread (the OWASP
// recommendation this project chose).
const (
	passes  = 1
	memory  = 46 * 1024 // KiB
	threads = 1
	keyLen  = 32
	saltLen = 16
)

// Length limits, in characters. The upper one keeps hashing cost bounded.
const (
	MinLen = 10
	MaxLen = 256
)

// ErrMalformed is returned for a stored hash Tend cannot read.
var ErrMalformed = errors.New("password: stored hash is malformed")

// dummy is the hash of nothing with a zero salt, with the parameters
// above: Verify checks the password against it when there is no account,
// so that "no such person" costs one argon2id hash with today's
// parameters, as "wrong password" does. It is deterministic, so it is
// written here rather than computed when the server starts, which took
// 70 ms and left 46 MiB to the garbage collector before the first
// request; TestDummy recomputes it and checks its parameters.
const dummy = "$argon2id$v=19$m=47104,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$StypvQztGQZ01w/e741fvn3ibA2FATBOjE5iGInwFzk"

// Hasher hashes and checks passwords, at most n at a time.
type Hasher struct {
	sem chan struct{}
	// idKey is argon2.IDKey; tests count its calls and parameters.
	idKey func(password, salt []byte, time, memory uint32, threads uint8, keyLen uint32) []byte
}

// New returns a Hasher that runs at most n hashes at once (n >= 1).
func New(n int) *Hasher {
	return &Hasher{sem: make(chan struct{}, max(n, 1)), idKey: argon2.IDKey}
}

// Check says what is wrong with a new password, as EINVALID, or nil.
func Check(pw string) error {
	n := utf8.RuneCountInString(pw)
	switch {
	case n < MinLen:
		return tend.Errorf(tend.EINVALID, "a password needs at least %d characters; a few words strung together are easy to remember", MinLen)
	case n > MaxLen:
		return tend.Errorf(tend.EINVALID, "a password may be at most %d characters", MaxLen)
	}
	return nil
}

func (h *Hasher) acquire(ctx context.Context) error {
	select {
	case h.sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (h *Hasher) release() { <-h.sem }

// Hash returns the encoded argon2id hash of a password that passes Check.
func (h *Hasher) Hash(ctx context.Context, pw string) (string, error) {
	if err := Check(pw); err != nil {
		return "", err
	}
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("password: salt: %w", err)
	}
	if err := h.acquire(ctx); err != nil {
		return "", err
	}
	defer h.release()
	return encode(salt, h.idKey([]byte(pw), salt, passes, memory, threads, keyLen), memory, passes, threads), nil
}

// Verify reports whether pw matches the encoded hash. An empty encoded
// hash (no such account) is checked against a dummy, so it takes the same
// time, and never matches. A password over MaxLen never matches either
// and is not hashed.
func (h *Hasher) Verify(ctx context.Context, pw, encoded string) (bool, error) {
	missing := encoded == ""
	if missing {
		encoded = dummy
	}
	p, err := decode(encoded)
	if err != nil {
		return false, err
	}
	// Hash takes no password over MaxLen, so a longer one cannot match:
	// refuse it without hashing, which also bounds the cost. (Cutting it
	// short instead would let MaxLen four-byte characters, followed by
	// anything at all, match a password of those MaxLen characters.)
	if utf8.RuneCountInString(pw) > MaxLen {
		return false, nil
	}
	if err := h.acquire(ctx); err != nil {
		return false, err
	}
	defer h.release()
	got := h.idKey([]byte(pw), p.salt, p.time, p.memory, p.threads, uint32(len(p.key)))
	return subtle.ConstantTimeCompare(got, p.key) == 1 && !missing, nil
}

// NeedsRehash reports whether a stored hash uses older parameters, its
// salt or key length included: the next sign-in then stores a new one.
func NeedsRehash(encoded string) bool {
	p, err := decode(encoded)
	return err != nil || p.memory != memory || p.time != passes || p.threads != threads ||
		len(p.salt) != saltLen || len(p.key) != keyLen
}

type params struct {
	memory, time uint32
	threads      uint8
	salt, key    []byte
}

// encode writes the PHC string format: $argon2id$v=19$m=47104,t=1,p=1$salt$key.
func encode(salt, key []byte, m, t uint32, p uint8) string {
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, m, t, p, b64.EncodeToString(salt), b64.EncodeToString(key))
}

func decode(s string) (params, error) {
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" || parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return params{}, ErrMalformed
	}
	var p params
	if n, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.memory, &p.time, &p.threads); err != nil || n != 3 {
		return params{}, ErrMalformed
	}
	// Refuse parameters that would let a stored value cost the server
	// far more than ours, or that are too weak to be ours.
	if p.memory < 8*1024 || p.memory > 256*1024 || p.time < 1 || p.time > 10 || p.threads < 1 || p.threads > 8 {
		return params{}, ErrMalformed
	}
	var err error
	if p.salt, err = base64.RawStdEncoding.DecodeString(parts[4]); err != nil || len(p.salt) < 8 {
		return params{}, ErrMalformed
	}
	if p.key, err = base64.RawStdEncoding.DecodeString(parts[5]); err != nil || len(p.key) < 16 || len(p.key) > 64 {
		return params{}, ErrMalformed
	}
	return p, nil
}

package seal

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// Key is a 256-bit secret: the server's key, from which the key that
// wraps data keys is derived.
type Key [KeySize]byte

// NewKey returns a random key.
func NewKey() (Key, error) {
	var k Key
	if _, err := rand.Read(k[:]); err != nil {
		return Key{}, fmt.Errorf("seal: new key: %w", err)
	}
	return k, nil
}

// ParseKey reads a key written by Key.Encode: 32 bytes in base64 (standard
// or URL alphabet, padding optional), surrounding space ignored.
func ParseKey(s string) (Key, error) {
	s = strings.TrimRight(strings.TrimSpace(s), "=")
	var k Key
	for _, enc := range []*base64.Encoding{base64.RawStdEncoding, base64.RawURLEncoding} {
		b, err := enc.DecodeString(s)
		if err == nil && len(b) == KeySize {
			copy(k[:], b)
			return k, nil
		}
	}
	return Key{}, errors.New("a key is 32 random bytes in base64 (44 characters); make one with: head -c 32 /dev/urandom | base64")
}

// Encode returns the key in base64, the form ParseKey reads.
func (k Key) Encode() string { return base64.StdEncoding.EncodeToString(k[:]) }

// String never shows the key, so that printing or logging one by mistake
// leaks nothing.
func (k Key) String() string { return "seal.Key(redacted)" }

// GoString never shows the key either (%#v).
func (k Key) GoString() string { return k.String() }

// LoadOrCreateKeyFile reads the key in the file at path, or, when there is
// no such file, creates one with a new random key, readable by its owner
// only (0600). created says which happened. A key file that others can
// read is refused: the key is what keeps backups unreadable.
func LoadOrCreateKeyFile(path string) (k Key, created bool, err error) {
	data, err := os.ReadFile(path)
	switch {
	case err == nil:
		fi, err := os.Stat(path)
		if err != nil {
			return Key{}, false, fmt.Errorf("seal: %w", err)
		}
		if fi.Mode().Perm()&0o077 != 0 {
			return Key{}, false, fmt.Errorf("seal: key file %s can be read by others (mode %04o); run: chmod 600 %s", path, fi.Mode().Perm(), path)
		}
		k, err := ParseKey(string(data))
		if err != nil {
			return Key{}, false, fmt.Errorf("seal: key file %s: %w", path, err)
		}
		return k, false, nil
	case !errors.Is(err, fs.ErrNotExist):
		return Key{}, false, fmt.Errorf("seal: read key file: %w", err)
	}
	if k, err = NewKey(); err != nil {
		return Key{}, false, err
	}
	// O_EXCL: if two servers start at once, one creates the file and the
	// other fails here rather than overwriting the first one's key.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return Key{}, false, fmt.Errorf("seal: create key file: %w", err)
	}
	if _, err := f.WriteString(k.Encode() + "\n"); err != nil {
		f.Close()
		os.Remove(path)
		return Key{}, false, fmt.Errorf("seal: write key file: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(path)
		return Key{}, false, fmt.Errorf("seal: write key file: %w", err)
	}
	if err := f.Close(); err != nil {
		return Key{}, false, fmt.Errorf("seal: write key file: %w", err)
	}
	return k, true, nil
}

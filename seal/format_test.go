package seal_test

import (
	"bytes"
	"encoding/hex"
	"errors"
	"testing"
	"time"

	"github.com/tendcare/tend/seal"
)

// Sizes of the stored formats, in bytes.
const (
	nonceSize = 24 // XChaCha20
	tagSize   = 16 // Poly1305
	keyIDSize = 8
)

func mustHex(tb testing.TB, s string) []byte {
	tb.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// TestOpensEarlierRelease checks that what an earlier release stored still
// opens: the key derivations, the associated data of a data key, a place
// and a box, and the version bytes are all part of the stored format.
// Changing any of them makes every person's text unreadable.
func TestOpensEarlierRelease(t *testing.T) {
	var k seal.Key
	for i := range k {
		k[i] = byte(i)
	}
	s, err := seal.New(k)
	if err != nil {
		t.Fatal(err)
	}
	wrapped := mustHex(t, "013c013bd04182f7f4ca88e671890b6d739cc201da958d91d55e9d7f8dcc892d8688aa754561f455e1ae9c82bbd847b1bf3cd53f9281b060f900b26fd3351d8f7814857a050707f921871f9fe028883a28")
	sealed := mustHex(t, "01b965d65c6894b1c13098a12e5c6db52c9eeabf7c0be0e4475a73696e89ab26fbc8e54b152f11d34eb66b85eb83f2485e7157b757e3aa788bf30a8011c7974288")
	boxed := mustHex(t, "01000001a20f605060963003f48c9d50db2e9b8dac398498be3b101d02bc9215cd3a1fe4a4c5d87a7b5b3ba2e1c9d3eadbbe4ca70dd5")

	dk, err := s.DataKey("person-1", wrapped)
	if err != nil {
		t.Fatalf("DataKey: %v", err)
	}
	text, err := dk.OpenString(sealed, seal.Place{Table: "profiles", Column: "avoid", Row: "r1", Owner: "person-1"})
	if want := "No tickling right after."; err != nil || text != want {
		t.Errorf("Open: got %q, %v; want %q", text, err, want)
	}
	msg, err := mustBox(t, s, "passkey sign-in").Open(boxed, boxNow)
	if want := "state"; err != nil || string(msg) != want {
		t.Errorf("Box.Open: got %q, %v; want %q", msg, err, want)
	}
}

// TestSealedSize checks the layout's sizes: what is stored for each
// wrapped key and each text, and what a box adds to its message.
func TestSealedSize(t *testing.T) {
	s := mustSealer(t)
	dk, wrapped := mustDataKey(t, s, "person-1")
	box := mustBox(t, s, "passkey sign-in")
	tests := []struct {
		name string
		got  []byte
		want int
	}{
		{"WrappedKey", wrapped, 1 + keyIDSize + nonceSize + seal.KeySize + tagSize},
		{"SealedEmpty", dk.SealString("", here), 1 + nonceSize + tagSize},
		{"SealedText", dk.SealString("private", here), 1 + nonceSize + len("private") + tagSize},
		{"Boxed", box.Seal([]byte("state"), boxNow), 9 + nonceSize + len("state") + tagSize},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if len(tc.got) != tc.want {
				t.Errorf("got %d bytes, want %d", len(tc.got), tc.want)
			}
		})
	}
}

// TestWrappedKeyRefuses checks the wrapped key's checks at their edges:
// the version, then the server key's id (8 bytes after the version), then
// the sealed data key.
func TestWrappedKeyRefuses(t *testing.T) {
	s := mustSealer(t)
	_, wrapped := mustDataKey(t, s, "person-1")
	_, others := mustDataKey(t, mustSealer(t), "person-1")
	otherVersion := bytes.Clone(wrapped)
	otherVersion[0] = 0x02
	tests := []struct {
		name    string
		wrapped []byte
		want    error
	}{
		{"ErrEmpty", nil, seal.ErrOpen},
		{"ErrVersionOnly", wrapped[:1], seal.ErrOpen},
		{"ErrKeyIDCut", wrapped[:keyIDSize], seal.ErrOpen},
		{"ErrOtherServersKeyID", others[:1+keyIDSize], seal.ErrOtherServerKey},
		{"ErrOtherServersKey", others, seal.ErrOtherServerKey},
		{"ErrKeyIDOnly", wrapped[:1+keyIDSize], seal.ErrOpen},
		{"ErrOneByteShort", wrapped[:len(wrapped)-1], seal.ErrOpen},
		{"ErrOtherVersion", otherVersion, seal.ErrOpen},
		{"ErrOneByteMore", append(bytes.Clone(wrapped), 0), seal.ErrOpen},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if dk, err := s.DataKey("person-1", tc.wrapped); !errors.Is(err, tc.want) || dk != nil {
				t.Fatalf("got %v, %v; want %v", dk, err, tc.want)
			}
		})
	}
}

// TestOpenLengthEdges checks a sealed value's length at its edge: the
// shortest one, of the empty text, opens; one byte less does not.
func TestOpenLengthEdges(t *testing.T) {
	dk, _ := mustDataKey(t, mustSealer(t), "person-1")
	empty := dk.SealString("", here)
	if got, err := dk.OpenString(empty, here); err != nil || got != "" {
		t.Fatalf("the empty text: got %q, %v", got, err)
	}
	for _, short := range [][]byte{empty[:len(empty)-1], empty[:1+nonceSize], empty[:1]} {
		if got, err := dk.Open(short, here); !errors.Is(err, seal.ErrOpen) || got != nil {
			t.Errorf("%d bytes: got %q, %v; want ErrOpen", len(short), got, err)
		}
	}
	// The same for a box: an empty message opens, one byte less does not.
	box := mustBox(t, mustSealer(t), "passkey sign-in")
	boxed := box.Seal(nil, boxNow.Add(time.Minute))
	if got, err := box.Open(boxed, boxNow); err != nil || len(got) != 0 {
		t.Errorf("an empty box: got %q, %v", got, err)
	}
	if got, err := box.Open(boxed[:len(boxed)-1], boxNow); !errors.Is(err, seal.ErrOpen) || got != nil {
		t.Errorf("a box one byte short: got %q, %v; want ErrOpen", got, err)
	}
}

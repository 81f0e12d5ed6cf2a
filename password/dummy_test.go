package password

import (
	"context"
	"fmt"
	"testing"

	"golang.org/x/crypto/argon2"
)

// TestDummy recomputes the hash of nothing that unknown accounts are
// checked against: it must be exactly what it says, and have the
// parameters every new hash gets, or an unknown username would cost
// less (or more) than a wrong password.
func TestDummy(t *testing.T) {
	salt := make([]byte, saltLen)
	if want := encode(salt, argon2.IDKey(nil, salt, passes, memory, threads, keyLen), memory, passes, threads); dummy != want {
		t.Errorf("dummy is\n%s\nrecomputed with today's parameters it is\n%s", dummy, want)
	}
	if NeedsRehash(dummy) {
		t.Errorf("dummy has other parameters than a new hash: %s", dummy)
	}
}

// hashCall is one argon2id computation's parameters, the password and
// salt left out.
type hashCall struct {
	time, memory  uint32
	threads       uint8
	keyLen, salts uint32
}

// counting makes h record each argon2id computation it runs.
func counting(h *Hasher) *[]hashCall {
	var calls []hashCall
	h.idKey = func(pw, salt []byte, time, memory uint32, threads uint8, keyLen uint32) []byte {
		calls = append(calls, hashCall{time, memory, threads, keyLen, uint32(len(salt))})
		return argon2.IDKey(pw, salt, time, memory, threads, keyLen)
	}
	return &calls
}

// TestUnknownCostsAsMuchAsWrong: checking a password for an account that
// does not exist runs the same argon2id computation, with the same
// parameters, as checking a wrong password for one that does, so the time
// a sign-in takes does not tell which usernames exist. (The work, not the
// clock, is compared: tests never assert on wall-clock time.)
func TestUnknownCostsAsMuchAsWrong(t *testing.T) {
	ctx := context.Background()
	h := New(1)
	stored, err := h.Hash(ctx, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	calls := counting(h)
	for _, pw := range []string{"a wrong guess", "", "correct horse battery"} {
		*calls = nil
		if _, err := h.Verify(ctx, pw, stored); err != nil {
			t.Fatal(err)
		}
		wrong := fmt.Sprint(*calls)
		*calls = nil
		if ok, err := h.Verify(ctx, pw, ""); ok || err != nil {
			t.Fatalf("Verify(%q) against no account: %v %v", pw, ok, err)
		}
		unknown := fmt.Sprint(*calls)
		if len(*calls) != 1 || unknown != wrong {
			t.Errorf("password %q: an account's check ran %s, no account's %s", pw, wrong, unknown)
		}
	}
}

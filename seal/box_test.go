package seal_test

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/tendcare/tend/seal"
)

func mustBox(tb testing.TB, s *seal.Sealer, purpose string) *seal.Box {
	tb.Helper()
	b, err := s.Box(purpose)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

var boxNow = time.Date(2026, 11, 24, 21, 0, 0, 0, time.UTC)

func TestBoxRoundTrip(t *testing.T) {
	s := mustSealer(t)
	msg := []byte(`{"challenge": "abc"}`)
	sealed := mustBox(t, s, "passkey sign-in").Seal(msg, boxNow.Add(5*time.Minute))
	if bytes.Contains(sealed, msg) {
		t.Fatalf("the boxed message holds the plaintext")
	}
	// Another Box for the same purpose, as another node would have it.
	got, err := mustBox(t, s, "passkey sign-in").Open(sealed, boxNow.Add(4*time.Minute))
	if err != nil || !bytes.Equal(got, msg) {
		t.Fatalf("Open: got %q, %v", got, err)
	}
	if again := mustBox(t, s, "passkey sign-in").Seal(msg, boxNow.Add(5*time.Minute)); bytes.Equal(again, sealed) {
		t.Errorf("sealing twice gave the same bytes")
	}
}

func TestBoxRefuses(t *testing.T) {
	s := mustSealer(t)
	box := mustBox(t, s, "passkey sign-in")
	expires := boxNow.Add(5 * time.Minute)
	sealed := box.Seal([]byte("state"), expires)
	tests := []struct {
		name   string
		box    *seal.Box
		sealed []byte
		now    time.Time
		want   error
	}{
		{"ErrWrongPurpose", mustBox(t, s, "passkey registration"), sealed, boxNow, seal.ErrOpen},
		{"ErrOtherServerKey", mustBox(t, mustSealer(t), "passkey sign-in"), sealed, boxNow, seal.ErrOpen},
		{"ErrExpired", box, sealed, expires, seal.ErrExpired},
		{"ErrEmpty", box, nil, boxNow, seal.ErrOpen},
		{"ErrShort", box, sealed[:12], boxNow, seal.ErrOpen},
	}
	// Every changed byte, the expiry's included: a later expiry written in
	// does not open.
	for i := range sealed {
		changed := bytes.Clone(sealed)
		changed[i] ^= 0x01
		tests = append(tests, struct {
			name   string
			box    *seal.Box
			sealed []byte
			now    time.Time
			want   error
		}{"ErrTampered", box, changed, boxNow, seal.ErrOpen})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.box.Open(tc.sealed, tc.now)
			if !errors.Is(err, tc.want) || got != nil {
				t.Fatalf("got %q, %v; want %v", got, err, tc.want)
			}
		})
	}
}

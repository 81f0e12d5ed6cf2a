package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

// Fill gives the store the conformance data, for tests outside the
// suite that need a store used for everything (moving it to another
// database): what rich makes (Sam with a row in every table that holds a
// person's data, Alex and Kim beside Sam, in sealed words of their own),
// and a passkey sign-in's spent challenge. The store's clock is the
// suite's.
func Fill(t *testing.T, s Store) (sam, alex *tend.Person) {
	t.Helper()
	s.DB.Now = func() time.Time { return now }
	sam, alex = rich(t, s)
	keys, err := s.DB.FindPasskeys(context.Background(), sam.ID)
	if err != nil || len(keys) == 0 {
		t.Fatalf("Sam's passkeys: %v %v", keys, err)
	}
	if err := s.DB.UpdatePasskeyUse(context.Background(), keys[0].ID, tend.PasskeyUse{SignCount: 4, Challenge: "challenge", Until: now.Add(time.Minute)}); err != nil {
		t.Fatal(err)
	}
	return sam, alex
}

// Now is the suite's clock.
func Now() time.Time { return now }

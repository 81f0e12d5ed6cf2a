package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

// testSignOutEverywhere: signing out everywhere else, changing the
// password and resetting it revoke API tokens with the sessions; a
// password change forgets remembered devices and failures too, and keeps
// the session it was made in.
func testSignOutEverywhere(t *testing.T, s Store) {
	ctx := context.Background()
	sam := mustCreatePerson(t, s.DB, "sam", "Sam")
	alex := mustCreatePerson(t, s.DB, "alex", "Alex")
	tokenWorks := func(secret string) bool {
		_, err := s.DB.FindAPITokenByToken(ctx, secret)
		return err == nil
	}
	newToken := func(personID string) string {
		t.Helper()
		secret, _, err := s.DB.CreateAPIToken(ctx, personID, "script", nil)
		if err != nil {
			t.Fatal(err)
		}
		return secret
	}
	here, hereSess, _ := s.DB.CreateSession(ctx, sam.ID, "here")
	there, _, _ := s.DB.CreateSession(ctx, sam.ID, "there")
	samTok, alexTok := newToken(sam.ID), newToken(alex.ID)
	if err := s.DB.DeleteSessions(ctx, sam.ID, hereSess.ID); err != nil {
		t.Fatal(err)
	}
	if tokenWorks(samTok) {
		t.Error("signing out everywhere else left Sam's API token working")
	}
	if !tokenWorks(alexTok) {
		t.Error("Sam signing out everywhere revoked Alex's token")
	}
	if _, err := s.DB.FindSessionByToken(ctx, there); err == nil {
		t.Error("the other session still works")
	}
	if _, err := s.DB.FindSessionByToken(ctx, here); err != nil {
		t.Errorf("this session ended too: %v", err)
	}

	samTok = newToken(sam.ID)
	there, _, _ = s.DB.CreateSession(ctx, sam.ID, "there")
	devSecret, dev, err := s.DB.CreateSignInDevice(ctx, sam.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB.RecordSignInFailure(ctx, sam.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DB.ChangePassword(ctx, sam.ID, "$argon2id$new", hereSess.ID); err != nil {
		t.Fatal(err)
	}
	c, err := s.DB.FindCredentials(ctx, "sam")
	if err != nil || c.PasswordHash != "$argon2id$new" || c.Failures != 0 {
		t.Errorf("after the change: %+v %v", c, err)
	}
	if tokenWorks(samTok) {
		t.Error("changing the password left the API token working")
	}
	if _, err := s.DB.FindSessionByToken(ctx, there); err == nil {
		t.Error("changing the password left another session working")
	}
	if _, err := s.DB.FindSessionByToken(ctx, here); err != nil {
		t.Errorf("the session the password was changed in ended: %v", err)
	}
	if _, err := s.DB.FindSignInDevice(ctx, sam.ID, devSecret); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("a remembered device outlived the password change: %v (%s)", err, dev.ID)
	}
	// Reset by the operator: every session goes.
	samTok = newToken(sam.ID)
	if err := s.DB.ChangePassword(ctx, sam.ID, "$argon2id$reset", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB.FindSessionByToken(ctx, here); err == nil {
		t.Error("a reset left a session working")
	}
	if tokenWorks(samTok) {
		t.Error("a reset left the API token working")
	}
	if !tokenWorks(alexTok) {
		t.Error("Sam's reset revoked Alex's token")
	}
	if err := s.DB.ChangePassword(ctx, "no-such-person", "x", ""); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("no such person: %v", err)
	}
}

// testSignInDevices: a remembered device is found only by its secret and
// only for its person; its failures count apart from the account's; the
// least recently used go past the bound.
func testSignInDevices(t *testing.T, s Store) {
	ctx := context.Background()
	sam := mustCreatePerson(t, s.DB, "sam", "Sam")
	alex := mustCreatePerson(t, s.DB, "alex", "Alex")
	secret, dev, err := s.DB.CreateSignInDevice(ctx, sam.ID)
	if err != nil || len(secret) < 43 || dev.PersonID != sam.ID {
		t.Fatalf("created: %q %+v %v", secret, dev, err)
	}
	got, err := s.DB.FindSignInDevice(ctx, sam.ID, secret)
	if err != nil || got.ID != dev.ID || got.Failures != 0 {
		t.Fatalf("found: %+v %v", got, err)
	}
	for _, tc := range []struct{ who, secret string }{{alex.ID, secret}, {sam.ID, secret + "x"}, {sam.ID, ""}} {
		if _, err := s.DB.FindSignInDevice(ctx, tc.who, tc.secret); tend.ErrorCode(err) != tend.ENOTFOUND {
			t.Errorf("%s with %q: got %v, want ENOTFOUND", tc.who, tc.secret, err)
		}
	}
	at(s, now.Add(time.Minute))
	for i := 1; i <= 3; i++ {
		if n, err := s.DB.RecordDeviceFailure(ctx, dev.ID); err != nil || n != i {
			t.Fatalf("failure %d: %d %v", i, n, err)
		}
	}
	got, _ = s.DB.FindSignInDevice(ctx, sam.ID, secret)
	if got.Failures != 3 || !got.LastFailure.Equal(now.Add(time.Minute)) {
		t.Errorf("after three failures: %+v", got)
	}
	if c, _ := s.DB.FindCredentials(ctx, "sam"); c.Failures != 0 {
		t.Errorf("a device's failures counted against the account: %d", c.Failures)
	}
	at(s, now.Add(time.Hour))
	if err := s.DB.SignedInFromDevice(ctx, dev.ID); err != nil {
		t.Fatal(err)
	}
	got, _ = s.DB.FindSignInDevice(ctx, sam.ID, secret)
	if got.Failures != 0 || !got.LastFailure.IsZero() || !got.LastUsedAt.Equal(now.Add(time.Hour)) {
		t.Errorf("after signing in: %+v", got)
	}
	if _, err := s.DB.RecordDeviceFailure(ctx, "no-such-device"); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("no such device: %v", err)
	}
	// A device signed in from again outlives any number of devices used
	// once (a script without a cookie jar makes one each time).
	phone, phoneDev, err := s.DB.CreateSignInDevice(ctx, sam.ID)
	if err != nil {
		t.Fatal(err)
	}
	at(s, now.Add(90*time.Minute))
	if err := s.DB.SignedInFromDevice(ctx, phoneDev.ID); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3*tend.MaxSignInDevices; i++ {
		at(s, now.Add(100*time.Minute+time.Duration(i)*time.Second))
		if _, _, err := s.DB.CreateSignInDevice(ctx, sam.ID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.DB.FindSignInDevice(ctx, sam.ID, phone); err != nil {
		t.Errorf("the device used again was forgotten for devices used once: %v", err)
	}
	// Past the bound, of devices used again, the least recently used is
	// forgotten: the first (used at one hour), not the phone; a new device
	// is always kept, or none could ever become known.
	for i := 0; i < tend.MaxSignInDevices-1; i++ {
		at(s, now.Add(2*time.Hour+time.Duration(i)*time.Second))
		_, d, err := s.DB.CreateSignInDevice(ctx, sam.ID)
		if err != nil {
			t.Fatal(err)
		}
		at(s, now.Add(3*time.Hour+time.Duration(i)*time.Second))
		if err := s.DB.SignedInFromDevice(ctx, d.ID); err != nil {
			t.Fatalf("a device just made was forgotten: %v", err)
		}
	}
	if _, err := s.DB.FindSignInDevice(ctx, sam.ID, secret); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("the least recently used device is still remembered past %d: %v", tend.MaxSignInDevices, err)
	}
	if _, err := s.DB.FindSignInDevice(ctx, sam.ID, phone); err != nil {
		t.Errorf("the phone, used more recently, was forgotten: %v", err)
	}
	var n int
	if err := s.DB.SQL().QueryRow(`SELECT COUNT(*) FROM signin_devices`).Scan(&n); err != nil || n != tend.MaxSignInDevices {
		t.Errorf("%d devices remembered, want %d (%v)", n, tend.MaxSignInDevices, err)
	}
	if err := s.DB.DeletePerson(ctx, sam.ID); err != nil {
		t.Fatal(err)
	}
}

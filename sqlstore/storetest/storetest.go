// Package storetest is the one conformance suite every storage backend
// passes: the same named tests, run on SQLite and on PostgreSQL.
package storetest

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/sqlstore"
)

// Store is a fresh, migrated store for one test, and a way to read every
// byte it holds on disk (database files, write-ahead log), to check that
// nothing sealed is there in plain text.
type Store struct {
	DB  *sqlstore.DB
	Raw func(t *testing.T) []byte
	// Counter sees every statement DB runs: the opener gives its Wrap
	// to sqlstore.OpenWith.
	Counter *QueryCounter
}

// Opener returns a fresh store; it closes it when the test ends.
type Opener func(t *testing.T) Store

// now is the fixed clock the suite sets on every store.
var now = time.Date(2026, 11, 24, 21, 0, 0, 123e6, time.UTC)

// Run runs every conformance test against the backend.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(*testing.T, Store)
	}{
		{"MigrateTwice", testMigrateTwice},
		{"CreatePerson", testCreatePerson},
		{"ErrUsernameTaken", testErrUsernameTaken},
		{"ErrInvalidPerson", testErrInvalidPerson},
		{"ErrNotFound", testErrNotFound},
		{"DeletePerson", testDeletePerson},
		{"FindPeople", testFindPeople},
		{"UpdatePerson", testUpdatePerson},
		{"SealedAtRest", testSealedAtRest},
		{"Sessions", testSessions},
		{"SessionTimeouts", testSessionTimeouts},
		{"SessionRevoke", testSessionRevoke},
		{"Credentials", testCredentials},
		{"CreateAccount", testCreateAccount},
		{"SignInFailures", testSignInFailures},
		{"APITokens", testAPITokens},
		{"Passkeys", testPasskeys},
		{"PasskeyInvalid", testPasskeyInvalid},
		{"PasskeySealed", testPasskeySealed},
		{"Profile", testProfile},
		{"ProfileInvalid", testProfileInvalid},
		{"ProfileVersions", testProfileVersions},
		{"ProfilePruned", testProfilePruned},
		{"ProfileConcurrentSaves", testProfileConcurrentSaves},
		{"WriteBurst", testWriteBurst},
		{"Channels", testChannels},
		{"ChannelDeliveries", testChannelDeliveries},
		{"ServerKey", testServerKey},
		{"Notices", testNotices},
		{"ProfileSealed", testProfileSealed},
		{"ProfileHead", testProfileHead},
		{"Circles", testCircles},
		{"CircleFull", testCircleFull},
		{"CircleDeletedPerson", testCircleDeletedPerson},
		{"CircleSealed", testCircleSealed},
		{"CardShares", testCardShares},
		{"CreateAccountByInvite", testCreateAccountByInvite},
		{"EncounterJourney", testEncounterJourney},
		{"EncounterInvalid", testEncounterInvalid},
		{"EncounterRevealDeadline", testEncounterRevealDeadline},
		{"EncounterSolo", testEncounterSolo},
		{"EncounterLeave", testEncounterLeave},
		{"EncounterConcurrentReflections", testEncounterConcurrentReflections},
		{"EncounterSealed", testEncounterSealed},
		{"EncounterEndWhileNotOkay", testEncounterEndWhileNotOkay},
		{"OnlyListedReadable", testOnlyListedReadable},
		{"SealedLengths", testSealedLengths},
		{"SignalLimits", testSignalLimits},
		{"ReflectOnlyAfter", testReflectOnlyAfter},
		{"PlanCards", testPlanCards},
		{"Followups", testFollowups},
		{"FollowupPrefs", testFollowupPrefs},
		{"DropCare", testDropCare},
		{"EncounterFollowups", testEncounterFollowups},
		{"SignOutEverywhere", testSignOutEverywhere},
		{"SignInDevices", testSignInDevices},
		{"ExportCovers", testExportCovers},
		{"ExportFilled", testExportFilled},
		{"ExportOthersPrivate", testExportOthersPrivate},
		{"NoNPlusOne", testNoNPlusOne},
		{"CirclesNoNPlusOne", testCirclesNoNPlusOne},
		{"History", testHistory},
		{"CircleHistory", testCircleHistory},
		{"ProfileWhy", testProfileWhy},
		{"SignalStatements", testSignalStatements},
		{"Tidy", testTidy},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			s.DB.Now = func() time.Time { return now }
			tc.fn(t, s)
		})
	}
}

func mustCreatePerson(tb testing.TB, db *sqlstore.DB, username, name string) *tend.Person {
	tb.Helper()
	p := &tend.Person{Username: username, DisplayName: name, TimeZone: "Europe/Berlin"}
	if err := db.CreatePerson(context.Background(), p); err != nil {
		tb.Fatalf("CreatePerson(%s): %v", username, err)
	}
	return p
}

func testMigrateTwice(t *testing.T, s Store) {
	if err := s.DB.Migrate(context.Background()); err != nil {
		t.Fatalf("a second Migrate: %v", err)
	}
}

func testCreatePerson(t *testing.T, s Store) {
	ctx := context.Background()
	p := mustCreatePerson(t, s.DB, " Sam.K ", "Sam 🫂")
	if p.ID == "" || p.Username != "sam.k" || !p.CreatedAt.Equal(now) {
		t.Fatalf("created: got %+v", p)
	}
	for _, find := range []func() (*tend.Person, error){
		func() (*tend.Person, error) { return s.DB.FindPersonByID(ctx, p.ID) },
		func() (*tend.Person, error) { return s.DB.FindPersonByUsername(ctx, "sam.k") },
	} {
		got, err := find()
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != p.ID || got.Username != "sam.k" || got.DisplayName != "Sam 🫂" || got.TimeZone != "Europe/Berlin" ||
			!got.CreatedAt.Equal(now) || !got.UpdatedAt.Equal(now) || got.Admin || got.Disabled {
			t.Errorf("found: got %+v, want %+v", got, p)
		}
	}
	other := mustCreatePerson(t, s.DB, "alex", "Alex")
	if other.ID == p.ID {
		t.Errorf("two people got the same id")
	}
}

func testErrUsernameTaken(t *testing.T, s Store) {
	mustCreatePerson(t, s.DB, "sam", "Sam")
	err := s.DB.CreatePerson(context.Background(), &tend.Person{Username: "SAM", DisplayName: "Another Sam"})
	if tend.ErrorCode(err) != tend.ECONFLICT {
		t.Fatalf("got %v, want ECONFLICT", err)
	}
}

func testErrInvalidPerson(t *testing.T, s Store) {
	ctx := context.Background()
	tests := []struct {
		name string
		p    tend.Person
	}{
		{"ErrUsernameShort", tend.Person{Username: "sa", DisplayName: "Sam"}},
		{"ErrUsernameSpaces", tend.Person{Username: "sam k", DisplayName: "Sam"}},
		{"ErrNoDisplayName", tend.Person{Username: "sam", DisplayName: "  "}},
		{"ErrTimeZone", tend.Person{Username: "sam", DisplayName: "Sam", TimeZone: "Mars/Olympus"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := s.DB.CreatePerson(ctx, &tc.p); tend.ErrorCode(err) != tend.EINVALID {
				t.Fatalf("got %v, want EINVALID", err)
			}
			if _, err := s.DB.FindPersonByUsername(ctx, "sam"); tend.ErrorCode(err) != tend.ENOTFOUND {
				t.Fatalf("a refused person was saved: %v", err)
			}
		})
	}
}

func testErrNotFound(t *testing.T, s Store) {
	ctx := context.Background()
	if _, err := s.DB.FindPersonByID(ctx, "0193a6f0-0000-7000-8000-000000000000"); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("FindPersonByID: got %v, want ENOTFOUND", err)
	}
	if _, err := s.DB.FindPersonByUsername(ctx, "nobody"); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("FindPersonByUsername: got %v, want ENOTFOUND", err)
	}
	if err := s.DB.DeletePerson(ctx, "nobody"); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("DeletePerson: got %v, want ENOTFOUND", err)
	}
}

func testDeletePerson(t *testing.T, s Store) {
	ctx := context.Background()
	p := mustCreatePerson(t, s.DB, "sam", "Sam")
	keep := mustCreatePerson(t, s.DB, "alex", "Alex")
	if err := s.DB.DeletePerson(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB.FindPersonByID(ctx, p.ID); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("deleted person: got %v, want ENOTFOUND", err)
	}
	if got, err := s.DB.FindPersonByID(ctx, keep.ID); err != nil || got.DisplayName != "Alex" {
		t.Errorf("someone else was affected: %v %v", got, err)
	}
	// The username is free again.
	mustCreatePerson(t, s.DB, "sam", "Sam again")
}

// testSealedAtRest fills free text with marker strings and searches every
// byte on disk for them.
func testSealedAtRest(t *testing.T, s Store) {
	const marker = "CANARY-display-7f3a"
	p := mustCreatePerson(t, s.DB, "canary", marker)
	if got, err := s.DB.FindPersonByID(context.Background(), p.ID); err != nil || got.DisplayName != marker {
		t.Fatalf("round trip: %v %v", got, err)
	}
	raw := s.Raw(t)
	if len(raw) == 0 {
		t.Fatalf("read no bytes from disk: the check would prove nothing")
	}
	if !bytes.Contains(raw, []byte("canary")) {
		t.Fatalf("the unsealed username is not on disk either: the raw read does not see the data")
	}
	if bytes.Contains(raw, []byte(marker)) {
		t.Errorf("the display name is on disk in plain text")
	}
}

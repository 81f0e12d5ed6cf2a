package storetest

import (
	"bytes"
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

func newPasskey(personID, name string, credID byte) *tend.Passkey {
	return &tend.Passkey{PersonID: personID, Name: name, CredentialID: []byte{credID, 0xc1, 0xed, credID},
		PublicKey: []byte{0xa5, 0x01, 0x02, credID}, AttestationType: "none", AAGUID: make([]byte, 16),
		SignCount: 3, Transports: []string{"internal", "hybrid"}, BackupEligible: true, BackupState: true}
}

func mustCreatePasskey(tb testing.TB, s Store, k *tend.Passkey) *tend.Passkey {
	tb.Helper()
	if err := s.DB.CreatePasskey(context.Background(), k); err != nil {
		tb.Fatalf("CreatePasskey: %v", err)
	}
	return k
}

func testPasskeys(t *testing.T, s Store) {
	ctx := context.Background()
	sam := mustCreatePerson(t, s.DB, "sam", "Sam")
	alex := mustCreatePerson(t, s.DB, "alex", "Alex")
	phone := mustCreatePasskey(t, s, newPasskey(sam.ID, " my phone ", 1))
	if phone.ID == "" || phone.Name != "my phone" || !phone.CreatedAt.Equal(now) || !phone.LastUsedAt.Equal(now) {
		t.Fatalf("created: %+v", phone)
	}
	at(s, now.Add(time.Hour))
	laptop := mustCreatePasskey(t, s, newPasskey(sam.ID, "laptop", 2))
	mustCreatePasskey(t, s, newPasskey(alex.ID, "Alex's key", 3))

	list, err := s.DB.FindPasskeys(ctx, sam.ID)
	if err != nil || len(list) != 2 || list[0].ID != laptop.ID {
		t.Fatalf("list: %+v %v, want laptop then phone", list, err)
	}
	if got := list[1]; !got.CreatedAt.Equal(phone.CreatedAt) || !got.LastUsedAt.Equal(phone.LastUsedAt) {
		t.Errorf("listed times: %v %v, want %v", got.CreatedAt, got.LastUsedAt, phone.CreatedAt)
	} else if got.CreatedAt, got.LastUsedAt = phone.CreatedAt, phone.LastUsedAt; !reflect.DeepEqual(got, phone) {
		t.Errorf("listed: %+v, want %+v", got, phone)
	}
	got, err := s.DB.FindPasskeyByCredentialID(ctx, phone.CredentialID)
	if err != nil || got.ID != phone.ID || got.PersonID != sam.ID || !bytes.Equal(got.PublicKey, phone.PublicKey) ||
		got.SignCount != 3 || !got.BackupEligible || got.Name != "" {
		t.Fatalf("find by credential id: %+v %v; want the phone, name left sealed", got, err)
	}
	if _, err := s.DB.FindPasskeyByCredentialID(ctx, []byte("nothing")); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("unknown credential id: got %v, want ENOTFOUND", err)
	}

	// A sign-in notes the count, the backup state and the time.
	at(s, now.Add(2*time.Hour))
	use := tend.PasskeyUse{SignCount: 9, BackupState: false, Challenge: "challenge-one", Until: now.Add(2*time.Hour + 5*time.Minute)}
	if err := s.DB.UpdatePasskeyUse(ctx, phone.ID, use); err != nil {
		t.Fatal(err)
	}
	got, _ = s.DB.FindPasskeyByCredentialID(ctx, phone.CredentialID)
	if got.SignCount != 9 || got.BackupState || !got.LastUsedAt.Equal(now.Add(2*time.Hour)) {
		t.Errorf("after use: %+v", got)
	}
	// The same challenge again is a replay, on this passkey or another.
	for _, id := range []string{phone.ID, laptop.ID} {
		if err := s.DB.UpdatePasskeyUse(ctx, id, use); tend.ErrorCode(err) != tend.ECONFLICT {
			t.Errorf("a used challenge again: got %v, want ECONFLICT", err)
		}
	}
	use.Challenge = "challenge-two"
	if err := s.DB.UpdatePasskeyUse(ctx, "0193a6f0-0000-7000-8000-000000000000", use); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("use of a missing passkey: got %v, want ENOTFOUND", err)
	}
	// Long after it expired, a challenge is forgotten (the ceremony that
	// carried it has expired too).
	at(s, now.Add(48*time.Hour))
	use.Challenge, use.Until = "challenge-three", now.Add(48*time.Hour+5*time.Minute)
	if err := s.DB.UpdatePasskeyUse(ctx, phone.ID, use); err != nil {
		t.Fatal(err)
	}

	renamed, err := s.DB.RenamePasskey(ctx, sam.ID, phone.ID, " old phone ")
	if err != nil || renamed.Name != "old phone" || renamed.ID != phone.ID || renamed.SignCount != 9 {
		t.Fatalf("rename: %+v %v", renamed, err)
	}
	if _, err := s.DB.RenamePasskey(ctx, sam.ID, phone.ID, " "); tend.ErrorCode(err) != tend.EINVALID {
		t.Errorf("empty name: got %v, want EINVALID", err)
	}

	// Another person's id looks exactly like a missing one.
	if _, err := s.DB.RenamePasskey(ctx, alex.ID, phone.ID, "mine now"); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("Alex renaming Sam's passkey: got %v, want ENOTFOUND", err)
	}
	if err := s.DB.DeletePasskey(ctx, alex.ID, phone.ID); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("Alex deleting Sam's passkey: got %v, want ENOTFOUND", err)
	}
	if err := s.DB.DeletePasskey(ctx, sam.ID, phone.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DB.DeletePasskey(ctx, sam.ID, phone.ID); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("deleting twice: got %v, want ENOTFOUND", err)
	}
	if _, err := s.DB.FindPasskeyByCredentialID(ctx, phone.CredentialID); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("a deleted passkey is found: %v", err)
	}
	if list, _ := s.DB.FindPasskeys(ctx, alex.ID); len(list) != 1 {
		t.Errorf("Alex's passkeys were touched: %+v", list)
	}
}

func testPasskeyInvalid(t *testing.T, s Store) {
	ctx := context.Background()
	sam := mustCreatePerson(t, s.DB, "sam", "Sam")
	mustCreatePasskey(t, s, newPasskey(sam.ID, "phone", 1))
	tests := []struct {
		name string
		edit func(k *tend.Passkey)
		want string
	}{
		{"ErrNameEmpty", func(k *tend.Passkey) { k.Name = "  " }, tend.EINVALID},
		{"ErrNameLong", func(k *tend.Passkey) { k.Name = string(bytes.Repeat([]byte("x"), tend.MaxPasskeyNameLen+1)) }, tend.EINVALID},
		{"ErrNoCredentialID", func(k *tend.Passkey) { k.CredentialID = nil }, tend.EINVALID},
		{"ErrNoPublicKey", func(k *tend.Passkey) { k.PublicKey = nil }, tend.EINVALID},
		{"ErrTransport", func(k *tend.Passkey) { k.Transports = []string{"usb,nfc"} }, tend.EINVALID},
		{"ErrDuplicateCredentialID", func(k *tend.Passkey) {}, tend.ECONFLICT},
		{"ErrNoPerson", func(k *tend.Passkey) { k.PersonID = "nobody"; k.CredentialID = []byte("fresh") }, tend.ENOTFOUND},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			k := newPasskey(sam.ID, "another", 1)
			tc.edit(k)
			if err := s.DB.CreatePasskey(ctx, k); tend.ErrorCode(err) != tc.want {
				t.Fatalf("got %v, want %s", err, tc.want)
			}
		})
	}
	if list, _ := s.DB.FindPasskeys(ctx, sam.ID); len(list) != 1 {
		t.Errorf("a refused passkey was saved: %d passkeys", len(list))
	}
}

// testPasskeySealed: the name is not on disk in plain text, and the
// passkeys go with their person.
func testPasskeySealed(t *testing.T, s Store) {
	ctx := context.Background()
	const marker = "CANARY-passkey-name-9d1"
	sam := mustCreatePerson(t, s.DB, "sam", "Sam")
	k := newPasskey(sam.ID, marker, 7)
	k.AttestationType = "canary-visible"
	mustCreatePasskey(t, s, k)
	raw := s.Raw(t)
	if !bytes.Contains(raw, []byte("canary-visible")) {
		t.Fatalf("the unsealed attestation type is not on disk: the check would prove nothing")
	}
	if bytes.Contains(raw, []byte(marker)) {
		t.Errorf("the passkey's name is on disk in plain text")
	}
	if err := s.DB.DeletePerson(ctx, sam.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB.FindPasskeyByCredentialID(ctx, k.CredentialID); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("a deleted person's passkey still signs in: %v", err)
	}
	if _, err := s.DB.FindPasskeys(ctx, sam.ID); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("a deleted person's passkeys: %v", err)
	}
}

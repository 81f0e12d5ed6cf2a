package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/tendcare/tend"
)

// testCreateAccountByInvite: an invitation lets its holder make one
// account, and stays for them to answer.
func testCreateAccountByInvite(t *testing.T, s Store) {
	ctx := context.Background()
	sam := mustCreatePerson(t, s.DB, "sam", "Sam")
	c := mustCreateCircle(t, s, sam.ID, "us")
	token := mustInvite(t, s, sam.ID, c.ID)
	newcomer := func(username string) *tend.Person {
		return &tend.Person{Username: username, DisplayName: "Kim", TimeZone: "UTC"}
	}
	noAccount := func(what, username string) {
		t.Helper()
		if _, err := s.DB.FindCredentials(ctx, username); tend.ErrorCode(err) != tend.ENOTFOUND {
			t.Errorf("%s: an account %s was made (%v)", what, username, err)
		}
	}

	wantCode(t, "a wrong invitation", s.DB.CreateAccountByInvite(ctx, "not-a-token", newcomer("wrong"), "hash"), tend.ENOTFOUND)
	noAccount("a wrong invitation", "wrong")
	wantCode(t, "a bad username", s.DB.CreateAccountByInvite(ctx, token, newcomer("K!"), "hash"), tend.EINVALID)
	wantCode(t, "a username taken", s.DB.CreateAccountByInvite(ctx, token, newcomer("sam"), "hash"), tend.ECONFLICT)

	// Neither mistake used the invitation up for an account.
	kim := newcomer("kim")
	if err := s.DB.CreateAccountByInvite(ctx, token, kim, "kim's hash"); err != nil {
		t.Fatalf("sign up by invitation: %v", err)
	}
	cr, err := s.DB.FindCredentials(ctx, "kim")
	if err != nil || cr.PersonID != kim.ID || cr.PasswordHash != "kim's hash" || kim.Admin {
		t.Fatalf("the account made: %+v %+v %v", kim, cr, err)
	}
	wantCode(t, "a second account by one invitation", s.DB.CreateAccountByInvite(ctx, token, newcomer("lee"), "hash"), tend.EFORBIDDEN)
	noAccount("a second account by one invitation", "lee")

	// The invitation waits for the newcomer's answer.
	if _, seen, err := s.DB.FindInvite(ctx, token); err != nil || seen.ID != c.ID {
		t.Fatalf("the invitation after signing up: %v", err)
	}
	joined, err := s.DB.AcceptInvite(ctx, token, kim.ID)
	if err != nil || joined.Member(kim.ID) == nil {
		t.Fatalf("accept after signing up: %v", err)
	}
	wantCode(t, "a used invitation", s.DB.CreateAccountByInvite(ctx, token, newcomer("lee"), "hash"), tend.ENOTFOUND)

	// An expired one makes nothing.
	late := mustInvite(t, s, sam.ID, c.ID)
	at(s, now.Add(tend.InviteTTL))
	wantCode(t, "an expired invitation", s.DB.CreateAccountByInvite(ctx, late, newcomer("lee"), "hash"), tend.ENOTFOUND)
	noAccount("an expired invitation", "lee")
	at(s, now)

	// Sign-ups racing with one invitation make one account.
	race := mustInvite(t, s, sam.ID, c.ID)
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		made int
	)
	for i := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := s.DB.CreateAccountByInvite(ctx, race, newcomer(fmt.Sprintf("racer%d", i)), "hash")
			switch tend.ErrorCode(err) {
			case "":
				mu.Lock()
				made++
				mu.Unlock()
			case tend.EFORBIDDEN:
			default:
				t.Errorf("racer %d: %v", i, err)
			}
		}()
	}
	wg.Wait()
	if made != 1 {
		t.Errorf("racing sign-ups made %d accounts, want 1", made)
	}
}

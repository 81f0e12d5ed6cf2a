package storetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

func testCredentials(t *testing.T, s Store) {
	ctx := context.Background()
	sam := mustCreatePerson(t, s.DB, "sam", "Sam")
	c, err := s.DB.FindCredentials(ctx, " SAM ")
	if err != nil || c.PersonID != sam.ID || c.PasswordHash != "" || c.Failures != 0 || !c.LastFailure.IsZero() {
		t.Fatalf("a new account: %+v %v", c, err)
	}
	if err := s.DB.SetPasswordHash(ctx, sam.ID, "$argon2id$test"); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.DB.FindCredentials(ctx, "sam"); c.PasswordHash != "$argon2id$test" {
		t.Errorf("hash: got %q", c.PasswordHash)
	}
	if _, err := s.DB.FindCredentials(ctx, "nobody"); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("no account: got %v, want ENOTFOUND", err)
	}
	if err := s.DB.SetPasswordHash(ctx, "nobody", "x"); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("set password of nobody: got %v, want ENOTFOUND", err)
	}
}

func testCreateAccount(t *testing.T, s Store) {
	ctx := context.Background()
	first := &tend.Person{Username: "first", DisplayName: "First"}
	if err := s.DB.CreateAccount(ctx, first, "$argon2id$one"); err != nil {
		t.Fatal(err)
	}
	second := &tend.Person{Username: "second", DisplayName: "Second"}
	if err := s.DB.CreateAccount(ctx, second, "$argon2id$two"); err != nil {
		t.Fatal(err)
	}
	if p, _ := s.DB.FindPersonByID(ctx, first.ID); !p.Admin {
		t.Errorf("the first account is not the administrator")
	}
	if p, _ := s.DB.FindPersonByID(ctx, second.ID); p.Admin {
		t.Errorf("the second account is an administrator")
	}
	if c, _ := s.DB.FindCredentials(ctx, "second"); c.PasswordHash != "$argon2id$two" {
		t.Errorf("hash: got %q", c.PasswordHash)
	}
	if err := s.DB.CreateAccount(ctx, &tend.Person{Username: "second", DisplayName: "Again"}, "x"); tend.ErrorCode(err) != tend.ECONFLICT {
		t.Errorf("taken username: got %v, want ECONFLICT", err)
	}
	if err := s.DB.CreateAccount(ctx, &tend.Person{Username: "x", DisplayName: "Bad"}, "x"); tend.ErrorCode(err) != tend.EINVALID {
		t.Errorf("bad username: got %v, want EINVALID", err)
	}
}

func testSignInFailures(t *testing.T, s Store) {
	ctx := context.Background()
	sam := mustCreatePerson(t, s.DB, "sam", "Sam")
	alex := mustCreatePerson(t, s.DB, "alex", "Alex")
	later := now.Add(time.Minute)
	at(s, later)
	// Concurrent failures all count.
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := s.DB.RecordSignInFailure(ctx, sam.ID); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	c, _ := s.DB.FindCredentials(ctx, "sam")
	if c.Failures != 8 || !c.LastFailure.Equal(later) {
		t.Errorf("after 8 failures: %+v", c)
	}
	if c, _ := s.DB.FindCredentials(ctx, "alex"); c.Failures != 0 {
		t.Errorf("Alex's count moved: %+v", c)
	}
	if err := s.DB.ResetSignInFailures(ctx, sam.ID); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.DB.FindCredentials(ctx, "sam"); c.Failures != 0 || !c.LastFailure.IsZero() {
		t.Errorf("after reset: %+v", c)
	}
	if _, err := s.DB.RecordSignInFailure(ctx, "nobody"); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("failure for nobody: got %v, want ENOTFOUND", err)
	}
	_ = alex
}

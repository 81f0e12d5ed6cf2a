package storetest

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

func at(s Store, t time.Time) { s.DB.Now = func() time.Time { return t } }

func testSessions(t *testing.T, s Store) {
	ctx := context.Background()
	sam := mustCreatePerson(t, s.DB, "sam", "Sam")
	token, sess, err := s.DB.CreateSession(ctx, sam.ID, "Firefox on Android")
	if err != nil {
		t.Fatal(err)
	}
	if len(token) < 43 || sess.PersonID != sam.ID || !sess.CreatedAt.Equal(now) {
		t.Fatalf("created: token %d characters, session %+v", len(token), sess)
	}
	got, err := s.DB.FindSessionByToken(ctx, token)
	if err != nil || got.ID != sess.ID || got.Device != "Firefox on Android" {
		t.Fatalf("find: %+v %v", got, err)
	}
	if gs, gp, err := s.DB.FindSignedIn(ctx, token); err != nil || gs.ID != sess.ID || gp.ID != sam.ID || gp.DisplayName != "Sam" || gp.Username != "sam" {
		t.Fatalf("find signed in: %+v %+v %v", gs, gp, err)
	}
	for _, bad := range []string{"", token[:len(token)-1], token + "x", "not-a-token"} {
		if _, _, err := s.DB.FindSignedIn(ctx, bad); tend.ErrorCode(err) != tend.EUNAUTHORIZED {
			t.Errorf("FindSignedIn %q: got %v, want EUNAUTHORIZED", bad, err)
		}
		if _, err := s.DB.FindSessionByToken(ctx, bad); tend.ErrorCode(err) != tend.EUNAUTHORIZED {
			t.Errorf("token %q: got %v, want EUNAUTHORIZED", bad, err)
		}
	}
	// Use is noted, at most once a minute.
	at(s, now.Add(30*time.Second))
	if got, _ := s.DB.FindSessionByToken(ctx, token); !got.LastSeenAt.Equal(now) {
		t.Errorf("last seen moved within a minute: %v", got.LastSeenAt)
	}
	at(s, now.Add(2*time.Minute))
	if got, _ := s.DB.FindSessionByToken(ctx, token); !got.LastSeenAt.Equal(now.Add(2 * time.Minute)) {
		t.Errorf("last seen not noted: %v", got.LastSeenAt)
	}
	// The password was given at sign-in: recent for ten minutes.
	if got.AuthenticatedAt.IsZero() || !got.AuthenticatedAt.Equal(now) {
		t.Errorf("authenticated at: %v, want %v", got.AuthenticatedAt, now)
	}
	at(s, now.Add(tend.RecentAuth+time.Minute))
	got, _ = s.DB.FindSessionByToken(ctx, token)
	if got.RecentlyAuthenticated(now.Add(tend.RecentAuth + time.Minute)) {
		t.Errorf("still recent after more than ten minutes")
	}
	if err := s.DB.ConfirmSession(ctx, got.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ = s.DB.FindSessionByToken(ctx, token); !got.RecentlyAuthenticated(now.Add(tend.RecentAuth + time.Minute)) {
		t.Errorf("not recent right after confirming: %v", got.AuthenticatedAt)
	}
	if err := s.DB.ConfirmSession(ctx, "nothing"); tend.ErrorCode(err) != tend.EUNAUTHORIZED {
		t.Errorf("confirm a missing session: %v", err)
	}
	if raw := s.Raw(t); bytes.Contains(raw, []byte(token)) {
		t.Errorf("the session token is on disk")
	}
}

func testSessionTimeouts(t *testing.T, s Store) {
	ctx := context.Background()
	sam := mustCreatePerson(t, s.DB, "sam", "Sam")
	// Idle: unused for the idle timeout.
	idle, _, err := s.DB.CreateSession(ctx, sam.ID, "idle")
	if err != nil {
		t.Fatal(err)
	}
	at(s, now.Add(tend.SessionIdleTimeout-time.Minute))
	if _, err := s.DB.FindSessionByToken(ctx, idle); err != nil {
		t.Fatalf("a minute before the idle timeout: %v", err)
	}
	at(s, now.Add(2*tend.SessionIdleTimeout-time.Minute))
	if _, err := s.DB.FindSessionByToken(ctx, idle); tend.ErrorCode(err) != tend.EUNAUTHORIZED {
		t.Fatalf("after the idle timeout: got %v, want EUNAUTHORIZED", err)
	}
	// Absolute: used every day, still ends.
	at(s, now)
	busy, _, err := s.DB.CreateSession(ctx, sam.ID, "busy")
	if err != nil {
		t.Fatal(err)
	}
	for day := time.Duration(1); day*24*time.Hour < tend.SessionAbsoluteTimeout; day++ {
		at(s, now.Add(day*24*time.Hour))
		if _, err := s.DB.FindSessionByToken(ctx, busy); err != nil {
			t.Fatalf("day %d: %v", day, err)
		}
	}
	at(s, now.Add(tend.SessionAbsoluteTimeout))
	if _, err := s.DB.FindSessionByToken(ctx, busy); tend.ErrorCode(err) != tend.EUNAUTHORIZED {
		t.Fatalf("after the absolute timeout: got %v, want EUNAUTHORIZED", err)
	}
	if list, err := s.DB.FindSessions(ctx, sam.ID); err != nil || len(list) != 0 {
		t.Errorf("timed-out sessions are listed: %v %v", list, err)
	}
}

func testSessionRevoke(t *testing.T, s Store) {
	ctx := context.Background()
	sam := mustCreatePerson(t, s.DB, "sam", "Sam")
	alex := mustCreatePerson(t, s.DB, "alex", "Alex")
	var tokens []string
	var ids []string
	for i, dev := range []string{"phone", "laptop", "tablet"} {
		at(s, now.Add(time.Duration(i)*time.Hour))
		tok, sess, err := s.DB.CreateSession(ctx, sam.ID, dev)
		if err != nil {
			t.Fatal(err)
		}
		tokens, ids = append(tokens, tok), append(ids, sess.ID)
	}
	alexTok, alexSess, _ := s.DB.CreateSession(ctx, alex.ID, "alex's phone")
	list, err := s.DB.FindSessions(ctx, sam.ID)
	if err != nil || len(list) != 3 || list[0].Device != "tablet" || list[2].Device != "phone" {
		t.Fatalf("list: %v %v, want three, most recent first", list, err)
	}
	// Another person's session looks exactly like a missing one.
	if err := s.DB.DeleteSession(ctx, sam.ID, alexSess.ID); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("deleting another's session: got %v, want ENOTFOUND", err)
	}
	if _, err := s.DB.FindSessionByToken(ctx, alexTok); err != nil {
		t.Errorf("Alex's session was touched: %v", err)
	}
	if err := s.DB.DeleteSession(ctx, sam.ID, ids[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB.FindSessionByToken(ctx, tokens[0]); tend.ErrorCode(err) != tend.EUNAUTHORIZED {
		t.Errorf("a revoked token still works: %v", err)
	}
	if err := s.DB.DeleteSessions(ctx, sam.ID, ids[2]); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB.FindSessionByToken(ctx, tokens[1]); tend.ErrorCode(err) != tend.EUNAUTHORIZED {
		t.Errorf("sign out everywhere else left a session: %v", err)
	}
	if _, err := s.DB.FindSessionByToken(ctx, tokens[2]); err != nil {
		t.Errorf("the kept session ended: %v", err)
	}
	if err := s.DB.DeletePerson(ctx, sam.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB.FindSessionByToken(ctx, tokens[2]); tend.ErrorCode(err) != tend.EUNAUTHORIZED {
		t.Errorf("a deleted person's session still works: %v", err)
	}
	if _, err := s.DB.FindSessionByToken(ctx, alexTok); err != nil {
		t.Errorf("Alex's session ended with Sam's account: %v", err)
	}
}

package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

func testCardShares(t *testing.T, s Store) {
	ctx := context.Background()
	sam, alex := mustCreatePerson(t, s.DB, "sam", "Sam"), mustCreatePerson(t, s.DB, "alex", "Alex")
	for _, bad := range []struct {
		share tend.Share
		ttl   time.Duration
	}{{"all", time.Hour}, {tend.ShareLevels, time.Minute}, {tend.ShareLevels, 91 * 24 * time.Hour}} {
		_, _, err := s.DB.CreateCardShare(ctx, sam.ID, bad.share, nil, bad.ttl)
		wantCode(t, "a bad share", err, tend.EINVALID)
	}
	token, cs, err := s.DB.CreateCardShare(ctx, sam.ID, tend.ShareSome, []string{"water"}, 24*time.Hour)
	if err != nil || len(token) < 43 || cs.PersonID != sam.ID || !cs.ExpiresAt.Equal(now.Add(24*time.Hour).Truncate(time.Millisecond)) {
		t.Fatalf("create: %q %+v %v", token, cs, err)
	}
	at(s, now.Add(time.Hour))
	opened, err := s.DB.OpenCardShare(ctx, token)
	if err != nil || opened.ID != cs.ID || opened.Opens != 1 || opened.Share != tend.ShareSome || opened.Practices[0] != "water" {
		t.Fatalf("open: %+v %v", opened, err)
	}
	s.DB.OpenCardShare(ctx, token)
	// Finding it by its token (a download, the plan, a reload) counts
	// nothing.
	at(s, now.Add(90*time.Minute))
	found, err := s.DB.FindCardShareByToken(ctx, token)
	if err != nil || found.ID != cs.ID || found.Opens != 2 || found.Share != tend.ShareSome || !found.OpenedAt.Equal(now.Add(time.Hour).Truncate(time.Millisecond)) {
		t.Fatalf("find by token: %+v %v", found, err)
	}
	at(s, now.Add(time.Hour))
	list, err := s.DB.FindCardShares(ctx, sam.ID)
	if err != nil || len(list) != 1 || list[0].Opens != 2 || !list[0].OpenedAt.Equal(now.Add(time.Hour).Truncate(time.Millisecond)) {
		t.Fatalf("list: %+v %v", list, err)
	}
	_, err = s.DB.OpenCardShare(ctx, "not-a-token")
	wantCode(t, "a wrong token", err, tend.ENOTFOUND)
	_, err = s.DB.FindCardShareByToken(ctx, "not-a-token")
	wantCode(t, "a wrong token found", err, tend.ENOTFOUND)

	// Another person cannot revoke it; its owner can, at once.
	wantCode(t, "revoked by another", s.DB.DeleteCardShare(ctx, alex.ID, cs.ID), tend.ENOTFOUND)
	if err := s.DB.DeleteCardShare(ctx, sam.ID, cs.ID); err != nil {
		t.Fatal(err)
	}
	_, err = s.DB.OpenCardShare(ctx, token)
	wantCode(t, "a revoked card", err, tend.ENOTFOUND)

	// Expired: not opened, not listed.
	late, _, err := s.DB.CreateCardShare(ctx, sam.ID, tend.ShareAll, nil, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	at(s, now.Add(2*time.Hour))
	_, err = s.DB.OpenCardShare(ctx, late)
	wantCode(t, "an expired card", err, tend.ENOTFOUND)
	_, err = s.DB.FindCardShareByToken(ctx, late)
	wantCode(t, "an expired card found", err, tend.ENOTFOUND)
	if list, _ := s.DB.FindCardShares(ctx, sam.ID); len(list) != 0 {
		t.Errorf("an expired card is listed: %+v", list)
	}
	// Gone with the person.
	kept, _, _ := s.DB.CreateCardShare(ctx, sam.ID, tend.ShareAll, nil, time.Hour)
	if err := s.DB.DeletePerson(ctx, sam.ID); err != nil {
		t.Fatal(err)
	}
	_, err = s.DB.OpenCardShare(ctx, kept)
	wantCode(t, "a deleted person's card", err, tend.ENOTFOUND)
}

package storetest

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

func mustCreateCircle(tb testing.TB, s Store, personID, name string) *tend.Circle {
	tb.Helper()
	c, err := s.DB.CreateCircle(context.Background(), personID, name)
	if err != nil {
		tb.Fatalf("CreateCircle: %v", err)
	}
	return c
}

func mustInvite(tb testing.TB, s Store, personID, circleID string) string {
	tb.Helper()
	token, _, err := s.DB.CreateInvite(context.Background(), personID, circleID)
	if err != nil {
		tb.Fatalf("CreateInvite: %v", err)
	}
	return token
}

func memberIDs(c *tend.Circle) []string {
	var ids []string
	for _, m := range c.Members {
		ids = append(ids, m.PersonID)
	}
	return ids
}

// wantCode fails unless err has the code.
func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if tend.ErrorCode(err) != code {
		t.Errorf("%s: got %v, want %s", what, err, code)
	}
}

func testCircles(t *testing.T, s Store) {
	ctx := context.Background()
	sam, alex, kim := mustCreatePerson(t, s.DB, "sam", "Sam"), mustCreatePerson(t, s.DB, "alex", "Alex"), mustCreatePerson(t, s.DB, "kim", "Kim")
	c := mustCreateCircle(t, s, sam.ID, "  us  ")
	if c.Name != "us" || c.CreatedBy != sam.ID || len(c.Members) != 1 || c.Members[0].Share != tend.ShareAll || c.Members[0].DisplayName != "Sam" {
		t.Fatalf("created: %+v %+v", c, c.Members)
	}
	_, err := s.DB.CreateCircle(ctx, sam.ID, " ")
	wantCode(t, "a circle without a name", err, tend.EINVALID)

	// Not a member: exactly like a missing circle.
	_, errOther := s.DB.FindCircle(ctx, alex.ID, c.ID)
	_, errMissing := s.DB.FindCircle(ctx, alex.ID, "0193a6f0-0000-7000-8000-00000000dead")
	wantCode(t, "another's circle", errOther, tend.ENOTFOUND)
	if errOther == nil || errMissing == nil || tend.ErrorMessage(errOther) != tend.ErrorMessage(errMissing) {
		t.Errorf("another's circle %v and a missing one %v answer differently", errOther, errMissing)
	}
	_, _, err = s.DB.CreateInvite(ctx, alex.ID, c.ID)
	wantCode(t, "an outsider inviting", err, tend.ENOTFOUND)

	// An invitation: seen, accepted once.
	token := mustInvite(t, s, sam.ID, c.ID)
	inv, seen, err := s.DB.FindInvite(ctx, token)
	if err != nil || inv.CircleID != c.ID || seen.Name != "us" || !inv.ExpiresAt.Equal(now.Add(tend.InviteTTL).Truncate(time.Millisecond)) {
		t.Fatalf("FindInvite: %+v %+v %v", inv, seen, err)
	}
	joined, err := s.DB.AcceptInvite(ctx, token, alex.ID)
	if err != nil || !slices.Equal(memberIDs(joined), []string{sam.ID, alex.ID}) || joined.Member(alex.ID).Share != tend.ShareLevels {
		t.Fatalf("AcceptInvite: %+v %v", joined, err)
	}
	_, err = s.DB.AcceptInvite(ctx, token, kim.ID)
	wantCode(t, "a used invitation", err, tend.ENOTFOUND)
	_, _, err = s.DB.FindInvite(ctx, "not-a-token")
	wantCode(t, "a wrong token", err, tend.ENOTFOUND)
	_, err = s.DB.AcceptInvite(ctx, mustInvite(t, s, alex.ID, c.ID), sam.ID)
	wantCode(t, "a member accepting", err, tend.ECONFLICT)

	// Declined, and expired, invitations are gone.
	declined := mustInvite(t, s, sam.ID, c.ID)
	if err := s.DB.DeclineInvite(ctx, declined); err != nil {
		t.Fatal(err)
	}
	_, err = s.DB.AcceptInvite(ctx, declined, kim.ID)
	wantCode(t, "a declined invitation", err, tend.ENOTFOUND)
	late := mustInvite(t, s, sam.ID, c.ID)
	at(s, now.Add(tend.InviteTTL))
	_, err = s.DB.AcceptInvite(ctx, late, kim.ID)
	wantCode(t, "an expired invitation", err, tend.ENOTFOUND)
	at(s, now)

	// Shares: each member's own, and only theirs.
	before, err := s.DB.FindCircle(ctx, sam.ID, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.DB.SetShare(ctx, alex.ID, c.ID, tend.ShareSome, []string{"water", "x-song"})
	if err != nil || got.Member(alex.ID).Share != tend.ShareSome || !slices.Equal(got.Member(alex.ID).Practices, []string{"water", "x-song"}) {
		t.Fatalf("SetShare: %+v %v", got.Member(alex.ID), err)
	}
	for _, who := range []*tend.Person{sam, kim} {
		if was := before.Member(who.ID); was != nil {
			if now := got.Member(who.ID); now.Share != was.Share || !slices.Equal(now.Practices, was.Practices) {
				t.Errorf("Alex's share changed %s's: %+v, was %+v", who.DisplayName, now, was)
			}
		}
	}
	for _, bad := range []struct {
		share     tend.Share
		practices []string
	}{{"all", nil}, {tend.ShareSome, nil}, {tend.ShareAll, []string{"water"}}, {tend.ShareSome, []string{"Not An Id"}}} {
		_, err := s.DB.SetShare(ctx, alex.ID, c.ID, bad.share, bad.practices)
		wantCode(t, fmt.Sprintf("share %q %v", bad.share, bad.practices), err, tend.EINVALID)
	}

	// Any member renames; only the creator removes and deletes.
	if got, err := s.DB.RenameCircle(ctx, alex.ID, c.ID, "the three of us"); err != nil || got.Name != "the three of us" {
		t.Errorf("rename: %+v %v", got, err)
	}
	wantCode(t, "a member deleting", s.DB.DeleteCircle(ctx, alex.ID, c.ID), tend.EFORBIDDEN)
	_, err = s.DB.RemoveMember(ctx, alex.ID, c.ID, sam.ID)
	wantCode(t, "a member removing", err, tend.EFORBIDDEN)
	_, err = s.DB.RemoveMember(ctx, sam.ID, c.ID, kim.ID)
	wantCode(t, "removing a non-member", err, tend.ENOTFOUND)
	// The creator cannot remove themself (leaving hands the circle
	// over; removing would leave it without its maker).
	_, err = s.DB.RemoveMember(ctx, sam.ID, c.ID, sam.ID)
	wantCode(t, "the creator removing themself", err, tend.EINVALID)
	if still, err := s.DB.FindCircle(ctx, sam.ID, c.ID); err != nil || still.CreatedBy != sam.ID {
		t.Fatalf("after the creator tried to remove themself: %+v %v", still, err)
	}
	if _, err := s.DB.AcceptInvite(ctx, mustInvite(t, s, sam.ID, c.ID), kim.ID); err != nil {
		t.Fatal(err)
	}
	if got, err := s.DB.RemoveMember(ctx, sam.ID, c.ID, alex.ID); err != nil || slices.Contains(memberIDs(got), alex.ID) {
		t.Fatalf("remove: %+v %v", got, err)
	}
	_, err = s.DB.FindCircle(ctx, alex.ID, c.ID)
	wantCode(t, "a removed member", err, tend.ENOTFOUND)

	// The creator leaves: the longest-standing member takes over; the
	// last one out deletes the circle.
	other := mustCreateCircle(t, s, alex.ID, "alex's")
	if err := s.DB.LeaveCircle(ctx, sam.ID, c.ID); err != nil {
		t.Fatal(err)
	}
	if got, err := s.DB.FindCircle(ctx, kim.ID, c.ID); err != nil || got.CreatedBy != kim.ID || len(got.Members) != 1 {
		t.Fatalf("after the creator left: %+v %v", got, err)
	}
	if err := s.DB.LeaveCircle(ctx, kim.ID, c.ID); err != nil {
		t.Fatal(err)
	}
	_, err = s.DB.FindCircle(ctx, kim.ID, c.ID)
	wantCode(t, "a circle everyone left", err, tend.ENOTFOUND)
	if list, err := s.DB.FindCircles(ctx, alex.ID); err != nil || len(list) != 1 || list[0].ID != other.ID {
		t.Errorf("Alex's circles: %+v %v", list, err)
	}
}

// testCircleFull: a circle holds as many people as one plan is for.
func testCircleFull(t *testing.T, s Store) {
	ctx := context.Background()
	first := mustCreatePerson(t, s.DB, "p00", "P0")
	c := mustCreateCircle(t, s, first.ID, "many")
	for i := 1; i < tend.MaxCircleMembers; i++ {
		p := mustCreatePerson(t, s.DB, fmt.Sprintf("p%02d", i), fmt.Sprint("P", i))
		if _, err := s.DB.AcceptInvite(ctx, mustInvite(t, s, first.ID, c.ID), p.ID); err != nil {
			t.Fatal(err)
		}
	}
	_, _, err := s.DB.CreateInvite(ctx, first.ID, c.ID)
	wantCode(t, "inviting to a full circle", err, tend.ECONFLICT)
}

// testCircleDeletedPerson: deleting an account hands its circles over, or
// deletes those it was alone in.
func testCircleDeletedPerson(t *testing.T, s Store) {
	ctx := context.Background()
	sam, alex := mustCreatePerson(t, s.DB, "sam", "Sam"), mustCreatePerson(t, s.DB, "alex", "Alex")
	shared := mustCreateCircle(t, s, sam.ID, "shared")
	alone := mustCreateCircle(t, s, sam.ID, "alone")
	if _, err := s.DB.AcceptInvite(ctx, mustInvite(t, s, sam.ID, shared.ID), alex.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DB.DeletePerson(ctx, sam.ID); err != nil {
		t.Fatal(err)
	}
	got, err := s.DB.FindCircle(ctx, alex.ID, shared.ID)
	if err != nil || got.CreatedBy != alex.ID || !slices.Equal(memberIDs(got), []string{alex.ID}) {
		t.Errorf("the shared circle: %+v %v", got, err)
	}
	if _, _, err := s.DB.FindInvite(ctx, "x"); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("FindInvite: %v", err)
	}
	list, _ := s.DB.FindCircles(ctx, alex.ID)
	for _, c := range list {
		if c.ID == alone.ID {
			t.Errorf("Sam's circle of one outlived Sam")
		}
	}
}

// testCircleSealed: a circle's name is not on disk in plain text, and a
// deleted circle's is gone with its key.
func testCircleSealed(t *testing.T, s Store) {
	ctx := context.Background()
	sam := mustCreatePerson(t, s.DB, "sam", "Sam")
	const marker = "CANARY-c1rc1e"
	c := mustCreateCircle(t, s, sam.ID, marker+"-name")
	if _, err := s.DB.RenameCircle(ctx, sam.ID, c.ID, marker+"-renamed"); err != nil {
		t.Fatal(err)
	}
	if raw := s.Raw(t); bytes.Contains(raw, []byte(marker)) {
		t.Errorf("a circle's name is on disk in plain text")
	}
	if err := s.DB.DeleteCircle(ctx, sam.ID, c.ID); err != nil {
		t.Fatal(err)
	}
	_, err := s.DB.FindCircle(ctx, sam.ID, c.ID)
	wantCode(t, "a deleted circle", err, tend.ENOTFOUND)
}

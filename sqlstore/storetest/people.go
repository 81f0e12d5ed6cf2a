package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

func testFindPeople(t *testing.T, s Store) {
	ctx := context.Background()
	if list, err := s.DB.FindPeople(ctx); err != nil || len(list) != 0 {
		t.Fatalf("empty: %v %v", list, err)
	}
	for _, u := range []string{"sam", "alex", "kim"} {
		mustCreatePerson(t, s.DB, u, "Name of "+u)
	}
	list, err := s.DB.FindPeople(ctx)
	if err != nil || len(list) != 3 || list[0].Username != "alex" || list[2].Username != "sam" || list[1].DisplayName != "Name of kim" {
		t.Fatalf("list: %v %v", list, err)
	}
}

func testUpdatePerson(t *testing.T, s Store) {
	ctx := context.Background()
	sam := mustCreatePerson(t, s.DB, "sam", "Sam")
	later := now.Add(time.Hour)
	at(s, later)
	name, tz, off := "Sam K.", "America/Toronto", true
	p, err := s.DB.UpdatePerson(ctx, sam.ID, tend.PersonUpdate{DisplayName: &name, TimeZone: &tz, Disabled: &off})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.DB.FindPersonByID(ctx, sam.ID)
	if err != nil || got.DisplayName != "Sam K." || got.TimeZone != tz || !got.Disabled || !got.UpdatedAt.Equal(later) || !got.CreatedAt.Equal(now) || p.DisplayName != name {
		t.Fatalf("after update: %+v %v", got, err)
	}
	if c, _ := s.DB.FindCredentials(ctx, "sam"); !c.Disabled {
		t.Errorf("credentials do not show the account disabled")
	}
	if got.Quiet != nil {
		t.Errorf("quiet hours by default: %+v", got.Quiet)
	}
	q := &tend.QuietHours{Start: 22 * 60, End: 7*60 + 30}
	if _, err := s.DB.UpdatePerson(ctx, sam.ID, tend.PersonUpdate{Quiet: q}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.DB.FindPersonByID(ctx, sam.ID); got.Quiet == nil || *got.Quiet != *q {
		t.Errorf("quiet hours: got %+v, want %+v", got.Quiet, q)
	}
	if _, err := s.DB.UpdatePerson(ctx, sam.ID, tend.PersonUpdate{Quiet: &tend.QuietHours{Start: 60, End: 60}}); tend.ErrorCode(err) != tend.EINVALID {
		t.Errorf("empty quiet hours: got %v, want EINVALID", err)
	}
	if _, err := s.DB.UpdatePerson(ctx, sam.ID, tend.PersonUpdate{NoQuiet: true}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.DB.FindPersonByID(ctx, sam.ID); got.Quiet != nil {
		t.Errorf("quiet hours not turned off: %+v", got.Quiet)
	}
	bad := "Nowhere/Else"
	if _, err := s.DB.UpdatePerson(ctx, sam.ID, tend.PersonUpdate{TimeZone: &bad}); tend.ErrorCode(err) != tend.EINVALID {
		t.Errorf("bad time zone: got %v, want EINVALID", err)
	}
	if got, _ := s.DB.FindPersonByID(ctx, sam.ID); got.TimeZone != tz {
		t.Errorf("a refused update changed the person: %+v", got)
	}
	if _, err := s.DB.UpdatePerson(ctx, "nobody", tend.PersonUpdate{}); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("update nobody: got %v, want ENOTFOUND", err)
	}
}

package storetest

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

// fullCard uses every field of a card, with marker strings in every free
// text, so that a test can look for them on disk.
func fullCard(marker string) *tend.Card {
	return &tend.Card{
		Tend: tend.CardVersion, Name: "ignored", Pronouns: "they/them",
		Receive:  map[string]tend.Receive{"water": tend.Need, "cuddle": tend.Like, "praise": tend.Never, "x-song": tend.Like},
		Give:     map[string]tend.Give{"water": tend.Glad, "massage": tend.No},
		Comments: map[string]string{"cuddle": marker + "-comment"},
		Custom: []tend.CustomPractice{{ID: "x-song", Title: marker + "-custom-title", Mode: tend.Together,
			Remote: true, Quick: true, Receive: tend.Like, Give: tend.Glad}},
		SpaceFirstMinutes: 10,
		Notes:             []string{marker + "-note"},
		Avoid:             []string{marker + "-avoid"},
		Drop:              &tend.Drop{When: tend.DropNextDay, Signs: []string{marker + "-sign"}, Helps: []string{marker + "-help"}},
		Encounters:        map[tend.Kind]*tend.Override{tend.Intense: {Receive: map[string]tend.Receive{"blanket": tend.Need}, Minutes: 45}},
	}
}

func mustSaveProfile(tb testing.TB, s Store, personID string, c *tend.Card) *tend.Profile {
	tb.Helper()
	p, err := s.DB.SaveProfile(context.Background(), personID, c)
	if err != nil {
		tb.Fatalf("SaveProfile: %v", err)
	}
	return p
}

// sameCard compares what a profile keeps of a card (not name or times).
func sameCard(tb testing.TB, got, want *tend.Card) {
	tb.Helper()
	g, w := *got, *want
	g.Name, w.Name, g.Tend, w.Tend = "", "", "", ""
	if !reflect.DeepEqual(g, w) {
		tb.Errorf("card:\ngot  %+v\nwant %+v", g, w)
	}
}

func testProfile(t *testing.T, s Store) {
	ctx := context.Background()
	sam := mustCreatePerson(t, s.DB, "sam", "Sam")
	empty, err := s.DB.FindProfile(ctx, sam.ID)
	if err != nil || empty.Version != 0 || empty.Card.Name != "Sam" || len(empty.Card.Receive) != 0 {
		t.Fatalf("never saved: %+v %v", empty, err)
	}
	c := fullCard("m")
	saved := mustSaveProfile(t, s, sam.ID, c)
	if saved.Version != 1 || !saved.UpdatedAt.Equal(now) {
		t.Errorf("saved: version %d at %v", saved.Version, saved.UpdatedAt)
	}
	got, err := s.DB.FindProfile(ctx, sam.ID)
	if err != nil || got.Version != 1 || got.Card.Name != "Sam" {
		t.Fatalf("find: %+v %v", got, err)
	}
	sameCard(t, got.Card, c)
	// Another person sees their own, empty profile.
	alex := mustCreatePerson(t, s.DB, "alex", "Alex")
	if p, _ := s.DB.FindProfile(ctx, alex.ID); p.Version != 0 || len(p.Card.Notes) != 0 {
		t.Errorf("Alex sees something: %+v", p)
	}
	if _, err := s.DB.FindProfile(ctx, "nobody"); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("nobody's profile: got %v, want ENOTFOUND", err)
	}
}

func testProfileInvalid(t *testing.T, s Store) {
	ctx := context.Background()
	sam := mustCreatePerson(t, s.DB, "sam", "Sam")
	mustSaveProfile(t, s, sam.ID, fullCard("ok"))
	for name, c := range map[string]*tend.Card{
		"BadLevel":    {Receive: map[string]tend.Receive{"water": "yes"}},
		"LongNote":    {Notes: []string{string(bytes.Repeat([]byte("x"), 501))}},
		"BadCustomID": {Custom: []tend.CustomPractice{{ID: "song", Title: "Song", Mode: tend.Together}}},
		"Minutes":     {SpaceFirstMinutes: 500},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := s.DB.SaveProfile(ctx, sam.ID, c); tend.ErrorCode(err) != tend.EINVALID {
				t.Fatalf("got %v, want EINVALID", err)
			}
			if p, _ := s.DB.FindProfile(ctx, sam.ID); p.Version != 1 || len(p.Card.Notes) != 1 {
				t.Errorf("a refused save changed the profile: version %d", p.Version)
			}
		})
	}
}

func testProfileVersions(t *testing.T, s Store) {
	ctx := context.Background()
	sam := mustCreatePerson(t, s.DB, "sam", "Sam")
	first := fullCard("first")
	mustSaveProfile(t, s, sam.ID, first)
	at(s, now.Add(time.Hour))
	second := &tend.Card{Receive: map[string]tend.Receive{"water": tend.Like}}
	mustSaveProfile(t, s, sam.ID, second)
	vs, err := s.DB.FindProfileVersions(ctx, sam.ID)
	if err != nil || len(vs) != 2 || vs[0].Version != 2 || vs[1].Version != 1 || !vs[0].CreatedAt.Equal(now.Add(time.Hour)) {
		t.Fatalf("versions: %+v %v", vs, err)
	}
	old, err := s.DB.FindProfileVersion(ctx, sam.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	sameCard(t, old.Card, first)
	restored, err := s.DB.RestoreProfileVersion(ctx, sam.ID, 1)
	if err != nil || restored.Version != 3 {
		t.Fatalf("restore: %+v %v", restored, err)
	}
	cur, _ := s.DB.FindProfile(ctx, sam.ID)
	sameCard(t, cur.Card, first)
	if vs, _ := s.DB.FindProfileVersions(ctx, sam.ID); vs[0].Restored != 1 {
		t.Errorf("the restore is not marked: %+v", vs[0])
	}
	for _, v := range []int{0, 4, -1} {
		if _, err := s.DB.FindProfileVersion(ctx, sam.ID, v); tend.ErrorCode(err) != tend.ENOTFOUND {
			t.Errorf("version %d: got %v, want ENOTFOUND", v, err)
		}
		if _, err := s.DB.RestoreProfileVersion(ctx, sam.ID, v); tend.ErrorCode(err) != tend.ENOTFOUND {
			t.Errorf("restore %d: got %v, want ENOTFOUND", v, err)
		}
	}
	// Another person's versions are not reachable.
	alex := mustCreatePerson(t, s.DB, "alex", "Alex")
	if _, err := s.DB.FindProfileVersion(ctx, alex.ID, 1); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("Alex reads Sam's version 1: %v", err)
	}
	// Reviews: suggested 90 days after the last save, not before.
	if cur.NeedsReview(now.Add(tend.ReviewAfter - time.Hour)) {
		t.Errorf("review suggested too early")
	}
	if !cur.NeedsReview(cur.UpdatedAt.Add(tend.ReviewAfter)) {
		t.Errorf("review not suggested after 90 days")
	}
}

func testProfilePruned(t *testing.T, s Store) {
	ctx := context.Background()
	sam := mustCreatePerson(t, s.DB, "sam", "Sam")
	for i := range tend.MaxProfileVersions + 3 {
		mustSaveProfile(t, s, sam.ID, &tend.Card{SpaceFirstMinutes: i % 100})
	}
	vs, err := s.DB.FindProfileVersions(ctx, sam.ID)
	if err != nil || len(vs) != tend.MaxProfileVersions || vs[0].Version != tend.MaxProfileVersions+3 || vs[len(vs)-1].Version != 4 {
		t.Fatalf("after %d saves: %d versions, newest %d, oldest %d (%v)", tend.MaxProfileVersions+3, len(vs), vs[0].Version, vs[len(vs)-1].Version, err)
	}
}

func testProfileConcurrentSaves(t *testing.T, s Store) {
	ctx := context.Background()
	sam := mustCreatePerson(t, s.DB, "sam", "Sam")
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := s.DB.SaveProfile(ctx, sam.ID, &tend.Card{Notes: []string{fmt.Sprint("save ", i)}}); err != nil {
				t.Errorf("save %d: %v", i, err)
			}
		}()
	}
	wg.Wait()
	if vs, _ := s.DB.FindProfileVersions(ctx, sam.ID); len(vs) != 8 || vs[0].Version != 8 {
		t.Errorf("8 concurrent saves gave %d versions", len(vs))
	}
	// Saves that fail among saves that succeed (saves made together may
	// share a commit): each answer is its own, and every success is kept
	// with its notes.
	alex := mustCreatePerson(t, s.DB, "alex", "Alex")
	var mu sync.Mutex
	saved := map[int]string{}
	for i := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			who := alex.ID
			if i%2 == 1 {
				who = "0193a6f0-0000-7000-8000-00000000dead"
			}
			note := fmt.Sprint("mixed ", i)
			p, err := s.DB.SaveProfile(ctx, who, &tend.Card{Notes: []string{note}})
			switch {
			case who != alex.ID && tend.ErrorCode(err) != tend.ENOTFOUND:
				t.Errorf("save %d for no one: got %v, want ENOTFOUND", i, err)
			case who == alex.ID && err != nil:
				t.Errorf("save %d: %v", i, err)
			case who == alex.ID:
				mu.Lock()
				saved[p.Version] = note
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(saved) != 16 {
		t.Fatalf("16 saves gave %d distinct versions", len(saved))
	}
	for v, note := range saved {
		p, err := s.DB.FindProfileVersion(ctx, alex.ID, v)
		if err != nil || len(p.Card.Notes) != 1 || p.Card.Notes[0] != note {
			t.Errorf("version %d: %v %v, want %q", v, err, p, note)
		}
	}
}

func testProfileSealed(t *testing.T, s Store) {
	ctx := context.Background()
	sam := mustCreatePerson(t, s.DB, "sam", "Sam")
	const marker = "CANARY-5c1e"
	mustSaveProfile(t, s, sam.ID, fullCard(marker))
	raw := s.Raw(t)
	for _, field := range []string{"comment", "custom-title", "note", "avoid", "sign", "help"} {
		if bytes.Contains(raw, []byte(marker+"-"+field)) {
			t.Errorf("the profile's %s is on disk in plain text", field)
		}
	}
	// Deleting the person deletes the profile and makes the sealed copy
	// unreadable: the key is gone.
	if err := s.DB.DeletePerson(ctx, sam.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB.FindProfile(ctx, sam.ID); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("a deleted person's profile: got %v, want ENOTFOUND", err)
	}
}

// testProfileHead: the person, as read alone or with their session,
// carries the newest profile version and when it was saved.
func testProfileHead(t *testing.T, s Store) {
	ctx := context.Background()
	sam := mustCreatePerson(t, s.DB, "sam", "Sam")
	tok, _, err := s.DB.CreateSession(ctx, sam.ID, "test")
	if err != nil {
		t.Fatal(err)
	}
	check := func(when string, version int, saved time.Time) {
		t.Helper()
		p, err := s.DB.FindPersonByID(ctx, sam.ID)
		if err != nil {
			t.Fatal(err)
		}
		_, q, err := s.DB.FindSignedIn(ctx, tok)
		if err != nil {
			t.Fatal(err)
		}
		for _, got := range []*tend.Person{p, q} {
			if got.ProfileVersion != version || !got.ProfileSavedAt.Equal(saved) {
				t.Errorf("%s: version %d saved %v, want %d at %v", when, got.ProfileVersion, got.ProfileSavedAt, version, saved)
			}
		}
	}
	check("before any save", 0, time.Time{})
	mustSaveProfile(t, s, sam.ID, fullCard("head"))
	check("after the first save", 1, now)
	at(s, now.Add(time.Hour))
	if _, err := s.DB.RestoreProfileVersion(ctx, sam.ID, 1); err != nil {
		t.Fatal(err)
	}
	check("after a restore", 2, now.Add(time.Hour))
	if _, err := s.DB.SaveProfile(ctx, sam.ID, &tend.Card{Receive: map[string]tend.Receive{"water": "always"}}); err == nil {
		t.Fatal("an invalid card was saved")
	}
	check("after a refused save", 2, now.Add(time.Hour))
}

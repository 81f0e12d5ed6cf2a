package sqlstore

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/seal"
)

// The private journal is kept to its author by three layers, each tested
// by itself here and in the tend package (Reflection.Shared): breaking any
// one alone fails a test, even while the other two still hide it.

func internalStore(t *testing.T) (*DB, *seal.Sealer) {
	t.Helper()
	k, err := seal.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	sealer, err := seal.New(k)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "tend.db"), sealer)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return time.Date(2026, 11, 24, 21, 0, 0, 0, time.UTC) }
	return db, sealer
}

// TestJournalLayerQuery: the query itself gives NULL for another's
// journal, though it is there in the row.
func TestJournalLayerQuery(t *testing.T) {
	db, _ := internalStore(t)
	ctx := context.Background()
	var ids []string
	for _, u := range []string{"sam", "alex"} {
		p := &tend.Person{Username: u, DisplayName: u}
		if err := db.CreatePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, p.ID)
	}
	c, err := db.CreateCircle(ctx, ids[0], "us")
	if err != nil {
		t.Fatal(err)
	}
	tok, _, err := db.CreateInvite(ctx, ids[0], c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.AcceptInvite(ctx, tok, ids[1]); err != nil {
		t.Fatal(err)
	}
	e, err := db.CreateEncounter(ctx, ids[0], tend.NewEncounter{CircleID: c.ID, Kind: tend.Gentle})
	if err != nil {
		t.Fatal(err)
	}
	for _, from := range []tend.Stage{tend.StageBefore, tend.StageAfter} {
		if _, err := db.MoveEncounter(ctx, ids[0], e.ID, tend.Move{From: from}); err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range ids {
		if _, err := db.SaveReflection(ctx, id, e.ID, &tend.Reflection{Mood: 3, Journal: "private words of " + id}); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := db.rdb.QueryContext(ctx, db.rebind(reflectionsQuery), ids[0], e.ID, ids[0], true)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	seen := 0
	for rows.Next() {
		var (
			person          string
			at              int64
			sealed, journal []byte
			name, wrapped   []byte
		)
		if err := rows.Scan(&person, &at, &sealed, &journal, &name, &wrapped); err != nil {
			t.Fatal(err)
		}
		seen++
		switch {
		case person == ids[0] && journal == nil:
			t.Error("the query left out Sam's own journal")
		case person == ids[1] && journal != nil:
			t.Errorf("the query read Alex's journal for Sam (%d bytes)", len(journal))
		}
	}
	if seen != 2 {
		t.Fatalf("%d reflections read, want both", seen)
	}
}

// TestJournalLayerOpen: opening another's reflection never opens its
// journal, whatever the row holds: here bytes that would not even open.
func TestJournalLayerOpen(t *testing.T) {
	_, sealer := internalStore(t)
	dk, _, err := sealer.NewDataKey("alex")
	if err != nil {
		t.Fatal(err)
	}
	r := &tend.Reflection{PersonID: "alex"}
	sealed := sealJSON(dk, reflectionRecord{Mood: 4, Note: "thank you"}, memberPlace("e1", "alex", "reflection"))
	journal := sealPadded(dk, "Alex's own words", memberPlace("e1", "alex", "journal"))
	if err := openReflection(dk, "e1", r, sealed, journal, false); err != nil || r.Journal != "" || r.Note != "thank you" {
		t.Errorf("another's reflection: journal %q, note %q, %v", r.Journal, r.Note, err)
	}
	if err := openReflection(dk, "e1", r, sealed, []byte("not a sealed value"), false); err != nil {
		t.Errorf("another's journal was opened: %v", err)
	}
	mine := &tend.Reflection{PersonID: "alex"}
	if err := openReflection(dk, "e1", mine, sealed, journal, true); err != nil || mine.Journal != "Alex's own words" {
		t.Errorf("one's own journal: %q %v", mine.Journal, err)
	}
}

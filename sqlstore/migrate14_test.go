package sqlstore_test

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/seal"
	"github.com/tendcare/tend/sqlstore"
)

// TestSealAnswersMigration: an encounter stored by migration 12's schema,
// with answers in the clear, reads back the same after migrations 13 to
// 15 sealed it, on both databases.
func TestSealAnswersMigration(t *testing.T) {
	t.Run("SQLite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "tend.db")
		testSealAnswersMigration(t, path, func(t *testing.T) []byte {
			var all []byte
			for _, f := range []string{path, path + "-wal", path + "-shm"} {
				b, _ := os.ReadFile(f)
				all = append(all, b...)
			}
			return all
		})
	})
	t.Run("Postgres", func(t *testing.T) {
		if pg == nil {
			t.Skip(pgErr)
		}
		dsn, err := pg.NewDatabase(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		testSealAnswersMigration(t, dsn, func(t *testing.T) []byte {
			// The tables' files, not PostgreSQL's write-ahead log, which
			// keeps what was written until its segments are recycled.
			if err := pg.Checkpoint(context.Background()); err != nil {
				t.Fatal(err)
			}
			var all []byte
			filepath.WalkDir(filepath.Join(pg.DataDir(), "base"), func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					b, _ := os.ReadFile(p)
					all = append(all, b...)
				}
				return nil
			})
			return all
		})
	})
}

func testSealAnswersMigration(t *testing.T, dsn string, raw func(*testing.T) []byte) {
	ctx := context.Background()
	sealer := mustSealer(t)
	db, err := sqlstore.Open(ctx, dsn, sealer)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.MigrateTo(ctx, 12); err != nil {
		t.Fatal(err)
	}
	exec := func(q string, args ...any) {
		t.Helper()
		if db.Dialect() == sqlstore.Postgres {
			n := 0
			var b []byte
			for _, c := range []byte(q) {
				if c == '?' {
					n++
					b = fmt.Appendf(b, "$%d", n)
					continue
				}
				b = append(b, c)
			}
			q = string(b)
		}
		if _, err := db.SQL().ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	sam := &tend.Person{Username: "sam", DisplayName: "Sam"}
	alex := &tend.Person{Username: "alex", DisplayName: "Alex"}
	for _, p := range []*tend.Person{sam, alex} {
		if err := db.CreatePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	key := func(id string) *seal.DataKey {
		var wrapped []byte
		if err := db.SQL().QueryRowContext(ctx, map[bool]string{true: `SELECT wrapped FROM data_keys WHERE person_id = $1`,
			false: `SELECT wrapped FROM data_keys WHERE person_id = ?`}[db.Dialect() == sqlstore.Postgres], id).Scan(&wrapped); err != nil {
			t.Fatal(err)
		}
		dk, err := sealer.DataKey(id, wrapped)
		if err != nil {
			t.Fatal(err)
		}
		return dk
	}
	samKey, alexKey := key(sam.ID), key(alex.ID)
	// Made by raw SQL: today's code writes today's schema.
	const cid = "01a21f9a-0000-7000-8000-0000000000c1"
	ck, wrapped, err := sealer.NewDataKey(cid)
	if err != nil {
		t.Fatal(err)
	}
	c := &tend.Circle{ID: cid}
	const eid = "01a21f9a-0000-7000-8000-000000000001"
	place := func(col, owner string) seal.Place {
		return seal.Place{Table: "encounter_members", Column: col, Row: eid, Owner: owner}
	}
	exec(`INSERT INTO circles (id, name, wrapped, created_at) VALUES (?, ?, ?, 1)`, cid,
		ck.SealString("us", seal.Place{Table: "circles", Column: "name", Row: cid, Owner: cid}), wrapped)
	exec(`INSERT INTO circle_members (circle_id, person_id, creator, share, practices, joined_at) VALUES (?, ?, ?, 'everything', '', 1)`,
		c.ID, sam.ID, true)
	exec(`INSERT INTO circle_members (circle_id, person_id, creator, share, practices, joined_at) VALUES (?, ?, ?, 'some', 'water,x-zqshare', 2)`,
		c.ID, alex.ID, false)
	exec(`INSERT INTO encounters (id, circle_id, kind, stage, created_by, created_at, stage_at, minutes, reveal_after, last_seq)
		VALUES (?, ?, 'intense', 'reflect', ?, 1, 2, 30, 0, 2)`, eid, c.ID, alex.ID)
	exec(`INSERT INTO encounter_members (encounter_id, person_id, position, checkin_at, confirmed_at, mood, energy, limits, triggers, safeword, needs,
		reflected_at, r_mood, r_emotions, r_helped, r_missing, r_favourite, r_note, r_journal)
		VALUES (?, ?, 0, 5, 6, 2, 4, ?, NULL, ?, 'hold,x-zqneed', 7, 3, 'calm,tired', 'x-zqhelp', ?, NULL, ?, ?)`,
		eid, sam.ID, samKey.SealString("no marks", place("limits", sam.ID)), samKey.SealString("red", place("safeword", sam.ID)),
		samKey.SealString("more time", place("r_missing", sam.ID)), samKey.SealString("thank you", place("r_note", sam.ID)),
		samKey.SealString("my own words", place("r_journal", sam.ID)))
	exec(`INSERT INTO encounter_members (encounter_id, person_id, position) VALUES (?, ?, 1)`, eid, alex.ID)
	exec(`INSERT INTO encounter_signals (encounter_id, seq, person_id, kind, text, ref, at) VALUES (?, 1, ?, 'not-okay', NULL, '', 8)`, eid, sam.ID)
	exec(`INSERT INTO encounter_signals (encounter_id, seq, person_id, kind, text, ref, at) VALUES (?, 2, ?, 'custom', ?, '', 9)`, eid, alex.ID,
		alexKey.SealString("my hoodie", seal.Place{Table: "encounter_signals", Column: "text", Row: eid + "/2", Owner: alex.ID}))

	exec(`INSERT INTO card_shares (id, person_id, token_hash, share, practices, created_at, expires_at) VALUES (?, ?, 'h', 'some', 'water,hold', 1, ?)`,
		"01a21f9a-0000-7000-8000-0000000000a1", sam.ID, int64(1)<<50)

	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	e, err := db.FindEncounter(ctx, sam.ID, eid)
	if err != nil {
		t.Fatal(err)
	}
	if e.Kind != tend.Intense || e.Stage != tend.StageReflect || e.CreatedBy != alex.ID || e.Minutes != 30 {
		t.Errorf("encounter: %+v", e)
	}
	if ci := e.Member(sam.ID).CheckIn; ci == nil || ci.Mood != 2 || ci.Energy != 4 || ci.Limits != "no marks" || ci.Triggers != "" ||
		ci.Safeword != "red" || !slices.Equal(ci.Needs, []string{"hold", "x-zqneed"}) || !ci.Confirmed {
		t.Errorf("Sam's check-in: %+v", ci)
	}
	if e.Member(alex.ID).CheckIn != nil {
		t.Errorf("Alex never checked in: %+v", e.Member(alex.ID).CheckIn)
	}
	mine, _, _, err := db.FindReflections(ctx, sam.ID, eid)
	if err != nil || mine == nil || mine.Mood != 3 || !slices.Equal(mine.Emotions, []string{"calm", "tired"}) ||
		!slices.Equal(mine.Helped, []string{"x-zqhelp"}) || mine.Missing != "more time" || mine.Note != "thank you" || mine.Journal != "my own words" {
		t.Errorf("Sam's reflection: %+v %v", mine, err)
	}
	sigs, err := db.FindSignals(ctx, alex.ID, eid, 0, 0)
	if err != nil || len(sigs) != 2 || sigs[0].Kind != tend.SignalNotOkay || sigs[1].Kind != tend.SignalCustom || sigs[1].Text != "my hoodie" {
		t.Errorf("signals: %+v %v", sigs, err)
	}
	got, err := db.FindCircle(ctx, sam.ID, c.ID)
	if err != nil || !slices.Equal(got.Member(alex.ID).Practices, []string{"water", "x-zqshare"}) {
		t.Errorf("Alex's shared practices: %+v %v", got.Member(alex.ID), err)
	}
	shares, err := db.FindCardShares(ctx, sam.ID)
	if err != nil || len(shares) != 1 || !slices.Equal(shares[0].Practices, []string{"water", "hold"}) {
		t.Errorf("Sam's card link: %+v %v", shares, err)
	}
	// Nothing of what was in the clear is left in the files.
	files := raw(t)
	for _, marker := range []string{"x-zqneed", "x-zqhelp", "x-zqshare"} {
		if bytes.Contains(files, []byte(marker)) {
			t.Errorf("%q is still in the database files after the migration", marker)
		}
	}
	// The old clear columns are gone.
	if _, err := db.SQL().ExecContext(ctx, `SELECT mood FROM encounter_members`); err == nil {
		t.Error("encounter_members.mood is still there")
	}
}

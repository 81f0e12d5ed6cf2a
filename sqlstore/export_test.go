package sqlstore

import (
	"context"
	"testing"

	"github.com/tendcare/tend"
)

// Pragma reads a SQLite setting, for tests.
func (d *DB) Pragma(t *testing.T, name string) string {
	t.Helper()
	var v string
	if err := d.db.QueryRow("PRAGMA " + name).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// WrappedKey returns a person's stored, wrapped data key, for tests.
func (d *DB) WrappedKey(t *testing.T, personID string) []byte {
	t.Helper()
	var b []byte
	if err := (reader{d}).queryRow(context.Background(), `SELECT wrapped FROM data_keys WHERE person_id = ?`, personID).Scan(&b); err != nil {
		t.Fatal(err)
	}
	return b
}

// SignalThenRollBack stores a signal in a transaction and rolls it back,
// for tests: what it recorded must never be told.
func (d *DB) SignalThenRollBack(ctx context.Context, personID, id string) error {
	tx, err := d.begin(ctx)
	if err != nil {
		return err
	}
	if _, err := addSignal(ctx, tx, personID, id, &tend.Signal{Kind: tend.SignalWater}); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Rollback()
}

// SignalThenFailCommit stores a signal in a transaction whose commit
// fails (it was ended underneath), for tests: nothing may be told.
func (d *DB) SignalThenFailCommit(ctx context.Context, personID, id string) error {
	tx, err := d.begin(ctx)
	if err != nil {
		return err
	}
	if _, err := addSignal(ctx, tx, personID, id, &tend.Signal{Kind: tend.SignalWater}); err != nil {
		tx.Rollback()
		return err
	}
	tx.Tx.Rollback()
	return tx.Commit()
}

// SnapshotCounts counts the people twice in one export snapshot, calling
// between in the middle, for tests: both counts are the same however
// many people between adds.
func (d *DB) SnapshotCounts(t *testing.T, between func()) (first, second int) {
	t.Helper()
	ctx := t.Context()
	tx, err := d.beginSnapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM people`).Scan(&first); err != nil {
		t.Fatal(err)
	}
	between()
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM people`).Scan(&second); err != nil {
		t.Fatal(err)
	}
	return first, second
}

// Schedule inserts jobs in a transaction of the store's and commits, or
// rolls back when rollBack, for tests.
func (d *DB) Schedule(ctx context.Context, rollBack bool, jobs ...tend.Job) error {
	tx, err := d.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := tx.schedule(ctx, jobs...); err != nil {
		return err
	}
	if rollBack {
		return tx.Rollback()
	}
	return tx.Commit()
}

package sqlstore

import (
	"context"
	"testing"
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

package sqlstore

import "testing"

// Pragma reads a SQLite setting, for tests.
func (d *DB) Pragma(t *testing.T, name string) string {
	t.Helper()
	var v string
	if err := d.db.QueryRow("PRAGMA " + name).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

package sqlstore

import (
	"context"
	"testing"
)

// CheckQueryHelpers runs every query helper with ? parameters (bind marks), each
// twice (on SQLite a statement runs unprepared the first time and
// prepared after), and checks what they read and write. On PostgreSQL a
// helper that did not rebind would send the ? as they are, a syntax
// error there.
func CheckQueryHelpers(t *testing.T, d *DB) {
	t.Helper()
	ctx := context.Background()
	var id string
	if err := d.db.QueryRowContext(ctx, `SELECT id FROM people`).Scan(&id); err != nil {
		t.Fatalf("the store needs one person: %v", err)
	}
	const zone = "Pacific/Chatham"
	check := func(what, got string, err error) {
		t.Helper()
		if err != nil || got != zone {
			t.Errorf("%s: got %q, %v; want %q", what, got, err, zone)
		}
	}
	const read = `SELECT time_zone FROM people WHERE id = ? AND time_zone = ?`
	readRows := func(rows interface {
		Next() bool
		Scan(...any) error
		Err() error
		Close() error
	}, err error) (string, error) {
		if err != nil {
			return "", err
		}
		defer rows.Close()
		var got string
		for rows.Next() {
			if err := rows.Scan(&got); err != nil {
				return "", err
			}
		}
		return got, rows.Err()
	}
	for range 2 {
		tx, err := d.begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		res, err := tx.exec(ctx, `UPDATE people SET time_zone = ? WHERE id = ?`, zone, id)
		if err != nil {
			t.Fatalf("Tx.exec: %v", err)
		}
		if n, err := res.RowsAffected(); n != 1 || err != nil {
			t.Errorf("Tx.exec changed %d rows, %v", n, err)
		}
		var got string
		err = tx.queryRow(ctx, read, id, zone).Scan(&got)
		check("Tx.queryRow", got, err)
		got, err = readRows(tx.query(ctx, read, id, zone))
		check("Tx.query", got, err)
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}

		err = reader{d}.queryRow(ctx, read, id, zone).Scan(&got)
		check("reader.queryRow", got, err)
		got, err = readRows(reader{d}.query(ctx, read, id, zone))
		check("reader.query", got, err)

		rtx, err := d.beginRead(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got, err = readRows(rtx.query(ctx, read, id, zone))
		check("Tx.query (read transaction)", got, err)
		rtx.Rollback()

		sqlTx, err := d.db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		mtx := d.migrationTx(sqlTx)
		if _, err := mtx.exec(ctx, `UPDATE people SET time_zone = ? WHERE id = ?`, zone, id); err != nil {
			t.Errorf("migration Tx.exec: %v", err)
		}
		got, err = readRows(mtx.query(ctx, read, id, zone))
		check("migration Tx.query", got, err)
		sqlTx.Rollback()

		if err := d.writeOne(ctx, nil, `UPDATE people SET time_zone = ? WHERE id = ?`, zone, id); err != nil {
			t.Errorf("writeOne: %v", err)
		}
		if err := d.touch(ctx, `UPDATE people SET time_zone = ? WHERE id = ?`, zone, id); err != nil {
			t.Errorf("touch: %v", err)
		}
	}
}

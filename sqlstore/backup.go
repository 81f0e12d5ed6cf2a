package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"

	"github.com/tendcare/tend/seal"
)

// SchemaVersion is the newest migration applied to the database, as goose
// recorded it in goose_db_version; 0 when none ran. It only reads: a
// database that was never migrated is left as it is.
func (d *DB) SchemaVersion(ctx context.Context) (int64, error) {
	exists := `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'goose_db_version'`
	if d.dialect == Postgres {
		exists = `SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE tablename = 'goose_db_version' AND schemaname = current_schema()`
	}
	var n int
	if err := (reader{d}).queryRow(ctx, exists).Scan(&n); err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	if n == 0 {
		return 0, nil
	}
	var v sql.NullInt64
	if err := (reader{d}).queryRow(ctx, `SELECT MAX(version_id) FROM goose_db_version WHERE is_applied`).Scan(&v); err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	return v.Int64, nil
}

// LatestSchemaVersion is the newest migration this binary has for the
// dialect: a database at a higher version was made by a newer Tend,
// whose tables this one may misread.
func LatestSchemaVersion(dialect Dialect) int64 {
	var latest int64
	for _, m := range (&DB{}).goMigrations() {
		latest = max(latest, m.Version)
	}
	dir := "migrations/sqlite"
	if dialect == Postgres {
		dir = "migrations/postgres"
	}
	files, _ := fs.ReadDir(migrations, dir) // embedded: cannot fail
	for _, f := range files {
		if v, err := goose.NumericComponent(f.Name()); err == nil {
			latest = max(latest, v)
		}
	}
	return latest
}

// BackupSQLite writes a consistent copy of the SQLite database at src to
// dst with VACUUM INTO, while a server may be writing to it: the copy is
// one read transaction's view (under WAL it waits for no writer and holds
// none up), with the write-ahead log's committed pages in it, and no free
// pages (nothing deleted lingers in it). dst must not exist or be empty.
// The source is opened read-only: a backup never writes to it.
func BackupSQLite(ctx context.Context, src, dst string) error {
	db, err := sql.Open("sqlite", "file:"+src+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, dst); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}

// ErrNotTend is returned by CheckSQLite for a sound SQLite file that
// holds no Tend database (no migration was ever recorded in it).
var ErrNotTend = errors.New("no Tend migrations recorded in it")

// CheckSQLite checks the SQLite file at path without changing it (it is
// opened read-only and immutable: no lock, no journal): every page and
// index (PRAGMA integrity_check), and returns its schema version. The
// error of a damaged file names the first problem SQLite found.
func CheckSQLite(ctx context.Context, path string) (int64, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&immutable=1")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	rows, err := db.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return 0, fmt.Errorf("integrity check: %w", err)
	}
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return 0, fmt.Errorf("integrity check: %w", err)
		}
		problems = append(problems, s)
	}
	if err := rows.Close(); err != nil {
		return 0, fmt.Errorf("integrity check: %w", err)
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("integrity check: %w", err)
	}
	switch {
	case len(problems) == 0:
		return 0, errors.New("integrity check: no answer")
	case len(problems) > 1:
		return 0, fmt.Errorf("integrity check: %s (and %d more problems)", problems[0], len(problems)-1)
	case problems[0] != "ok":
		return 0, fmt.Errorf("integrity check: %s", problems[0])
	}
	v, err := (&DB{db: db, rdb: db, dialect: SQLite}).SchemaVersion(ctx)
	if err != nil {
		return 0, err
	}
	if v == 0 {
		return 0, ErrNotTend
	}
	return v, nil
}

// ErrOtherKey is returned by CheckServerKey when the database's data keys
// were wrapped by another server key than the store's.
var ErrOtherKey = errors.New("the data keys in this database were wrapped by another server key")

// CheckServerKey reports whether the store's server key opens the
// database's data keys, by unwrapping one: a database restored beside
// the wrong key would start, yet read nothing anyone wrote. Nil for a
// database with no one in it yet.
func (d *DB) CheckServerKey(ctx context.Context) error {
	var owner string
	var wrapped []byte
	err := (reader{d}).queryRow(ctx, `SELECT person_id, wrapped FROM data_keys ORDER BY person_id LIMIT 1`).Scan(&owner, &wrapped)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("server key: %w", err)
	}
	if _, err := d.sealer.DataKey(owner, wrapped); err != nil {
		if errors.Is(err, seal.ErrOtherServerKey) || errors.Is(err, seal.ErrOpen) {
			return ErrOtherKey
		}
		return fmt.Errorf("server key: %w", err)
	}
	return nil
}

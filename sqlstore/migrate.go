package sqlstore

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"math"

	"github.com/pressly/goose/v3"
)

//go:embed migrations
var migrations embed.FS

// Migrate applies the embedded migrations that have not run yet, each in
// its own transaction, recorded in the goose_db_version table.
func (d *DB) Migrate(ctx context.Context) error { return d.MigrateTo(ctx, math.MaxInt64) }

// MigrateTo applies the migrations up to and including version, for
// tests of upgrades from an older schema.
func (d *DB) MigrateTo(ctx context.Context, version int64) error {
	dir, dialect := "migrations/sqlite", goose.DialectSQLite3
	if d.dialect == Postgres {
		dir, dialect = "migrations/postgres", goose.DialectPostgres
	}
	fsys, err := fs.Sub(migrations, dir)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	p, err := goose.NewProvider(dialect, d.db, fsys, goose.WithGoMigrations(d.goMigrations()...))
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	res, err := p.UpTo(ctx, version)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	// What the migrations rewrote stays in SQLite's write-ahead log until
	// it is checkpointed and truncated: answers in the clear before
	// migration 14 sealed them, among others.
	if d.dialect == SQLite && len(res) > 0 {
		if _, err := d.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
			return fmt.Errorf("migrate: checkpoint: %w", err)
		}
	}
	return nil
}

// goMigrations are the migrations written in Go, the same on both
// databases: they have no file in either folder of migrations.
func (d *DB) goMigrations() []*goose.Migration {
	return []*goose.Migration{d.sealAnswersMigration()}
}

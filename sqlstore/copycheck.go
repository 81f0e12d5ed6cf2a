package sqlstore

import (
	"context"
	"fmt"
	"slices"

	"github.com/tendcare/tend"
)

// What CopyAll and tend migrate-data refuse: a database that is not
// Tend's, a destination with anything in it, and databases made by
// different migrations.

// errSchema is a refusal about the databases given.
func errSchema(format string, args ...any) error { return tend.Errorf(tend.EINVALID, format, args...) }

// SchemaVersions returns the newest of Tend's migrations and of the job
// queue's that made the database, and an error when it is not a Tend
// database at all.
func (d *DB) SchemaVersions(ctx context.Context) (tendVersion, riverVersion int64, err error) {
	tables, err := listTables(ctx, d.db, d.dialect)
	if err != nil {
		return 0, 0, err
	}
	if !slices.Contains(tables, "goose_db_version") || !slices.Contains(tables, "people") || !slices.Contains(tables, "river_migration") {
		return 0, 0, errSchema("it is not a Tend database: it has no tables of Tend's (or was made by a Tend from before the job queue: start that Tend once to bring it up to date)")
	}
	return schemaVersions(ctx, d.db)
}

// CheckEmpty refuses a database that holds anything: a person, or a row
// in any other table but the migrations' own records. It works on a
// database that is not migrated yet.
func (d *DB) CheckEmpty(ctx context.Context) error { return checkEmpty(ctx, d.db, d.dialect) }

func checkEmpty(ctx context.Context, db querier, d Dialect) error {
	tables, err := listTables(ctx, db, d)
	if err != nil {
		return err
	}
	// People first: the likeliest mistake is a database in use.
	slices.SortStableFunc(tables, func(a, b string) int {
		return boolInt(b == "people") - boolInt(a == "people")
	})
	for _, t := range tables {
		if _, skip := notCopied[t]; skip {
			continue
		}
		n, err := countRows(ctx, db, t)
		if err != nil {
			return err
		}
		switch {
		case n > 0 && t == "people":
			return errSchema("there are already people in it (%d): Tend copies only into an empty database, never over one in use", n)
		case n == 1:
			return errSchema("it is not empty (table %s holds a row): Tend copies only into an empty database", t)
		case n > 0:
			return errSchema("it is not empty (table %s holds %d rows): Tend copies only into an empty database", t, n)
		}
	}
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// CheckSameSchema refuses a source made by other migrations than dst:
// the copy is column for column. (CopyAll checks it too.)
func CheckSameSchema(ctx context.Context, dst, src *DB) error { return sameSchema(ctx, dst.db, src.db) }

// sameSchema refuses databases made by different migrations.
func sameSchema(ctx context.Context, dst, src querier) error {
	st, sr, err := schemaVersions(ctx, src)
	if err != nil {
		return fmt.Errorf("the source's migrations: %w", err)
	}
	dt, dr, err := schemaVersions(ctx, dst)
	if err != nil {
		return fmt.Errorf("the destination's migrations: %w", err)
	}
	switch {
	case st < dt || st == dt && sr < dr:
		return errSchema("the source was made by older migrations (Tend's %d, the job queue's %d) than this tend's (%d, %d): "+
			"bring it up to date first with tend migrate (the server stopped), then copy", st, sr, dt, dr)
	case st != dt || sr != dr:
		return errSchema("the source was made by newer migrations (Tend's %d, the job queue's %d) than this tend knows (%d, %d): "+
			"copy with the tend that made it", st, sr, dt, dr)
	}
	return nil
}

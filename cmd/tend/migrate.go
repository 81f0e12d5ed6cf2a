package main

import (
	"context"
	"fmt"

	"github.com/tendcare/tend/jobs"
	"github.com/tendcare/tend/sqlstore"
)

// migrateAll applies River's migrations, then Tend's: the job queue's
// tables come first, as Tend's changes insert jobs into them.
func migrateAll(ctx context.Context, db *sqlstore.DB) error {
	if err := jobs.Migrate(ctx, db.SQL(), string(db.Dialect())); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if err := db.Migrate(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

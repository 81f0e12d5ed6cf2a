package sqlstore_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/sqlstore"
)

// onBoth runs fn on a fresh, migrated SQLite store and on a PostgreSQL
// one.
func onBoth(t *testing.T, fn func(t *testing.T, db *sqlstore.DB)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, mustOpen(t, filepath.Join(t.TempDir(), "tend.db"))) })
	t.Run("postgres", func(t *testing.T) {
		if pg == nil {
			t.Skipf("no PostgreSQL server (set TEND_REQUIRE_POSTGRES=1 to make this fail): %v", pgErr)
		}
		dsn, err := pg.NewDatabase(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		fn(t, mustOpen(t, dsn))
	})
}

// TestQueryHelpers: every query helper takes ? parameters (bind marks), on both
// databases.
func TestQueryHelpers(t *testing.T) {
	onBoth(t, func(t *testing.T, db *sqlstore.DB) {
		if err := db.CreatePerson(context.Background(), &tend.Person{Username: "sam", DisplayName: "Sam", TimeZone: "UTC"}); err != nil {
			t.Fatal(err)
		}
		sqlstore.CheckQueryHelpers(t, db)
	})
}

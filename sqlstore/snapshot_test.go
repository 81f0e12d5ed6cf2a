package sqlstore_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/tendcare/tend"
)

// TestExportSnapshot: the export reads in one snapshot on both
// databases, so that a person added (or anything changed) while it reads
// is not half in it. PostgreSQL's default isolation would show the new
// row to the second statement.
func TestExportSnapshot(t *testing.T) {
	dsns := map[string]func(t *testing.T) string{
		"SQLite": func(t *testing.T) string { return filepath.Join(t.TempDir(), "tend.db") },
		"Postgres": func(t *testing.T) string {
			if pg == nil {
				t.Skipf("no PostgreSQL server (set TEND_REQUIRE_POSTGRES=1 to make this fail): %v", pgErr)
			}
			dsn, err := pg.NewDatabase(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			return dsn
		},
	}
	for name, dsn := range dsns {
		t.Run(name, func(t *testing.T) {
			db := mustOpen(t, dsn(t))
			ctx := context.Background()
			if err := db.CreatePerson(ctx, &tend.Person{Username: "sam", DisplayName: "Sam"}); err != nil {
				t.Fatal(err)
			}
			first, second := db.SnapshotCounts(t, func() {
				if err := db.CreatePerson(ctx, &tend.Person{Username: "alex", DisplayName: "Alex"}); err != nil {
					t.Fatal(err)
				}
			})
			if first != 1 || second != 1 {
				t.Errorf("counted %d, then %d people in one snapshot; want 1 both times", first, second)
			}
		})
	}
}

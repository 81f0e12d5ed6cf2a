package sqlstore_test

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"testing"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/jobs"
	"github.com/tendcare/tend/sqlstore"
)

// TestCopyAllRefuses: a destination with anything in it, the source
// itself, and databases made by different migrations are refused with a
// message saying why, and nothing is written.
func TestCopyAllRefuses(t *testing.T) {
	ctx := context.Background()
	sealer := mustSealer(t)
	open := func(t *testing.T, version int64) *sqlstore.DB {
		db, err := sqlstore.Open(ctx, filepath.Join(t.TempDir(), "tend.db"), sealer)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		if err := jobs.Migrate(ctx, db.SQL(), string(db.Dialect())); err != nil {
			t.Fatal(err)
		}
		if err := db.MigrateTo(ctx, version); err != nil {
			t.Fatal(err)
		}
		return db
	}
	const newest = 1 << 40
	person := func(db *sqlstore.DB, username string) *sqlstore.DB {
		if err := db.CreatePerson(ctx, &tend.Person{Username: username, DisplayName: username, TimeZone: "UTC"}); err != nil {
			t.Fatal(err)
		}
		return db
	}
	src := person(open(t, newest), "sam")
	tv, rv, err := src.SchemaVersions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	inUse := person(open(t, newest), "alex")
	withKey := open(t, newest)
	if _, err := withKey.ServerKey(ctx, "vapid", func() ([]byte, error) { return []byte("k"), nil }); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		dst, src *sqlstore.DB
		want     string
	}{
		{"InUse", inUse, src, "the destination: there are already people in it (1): Tend copies only into an empty database, never over one in use"},
		{"NotEmpty", withKey, src, "the destination: it is not empty (table server_keys holds a row): Tend copies only into an empty database"},
		{"Same", src, src, "the source and the destination are the same database"},
		{"OlderSource", open(t, newest), open(t, 21), fmt.Sprintf("the source was made by older migrations (Tend's 21, the job queue's %d) than this tend's (%d, %d): "+
			"bring it up to date first with tend migrate (the server stopped), then copy", rv, tv, rv)},
		{"NewerSource", open(t, 21), src, fmt.Sprintf("the source was made by newer migrations (Tend's %d, the job queue's %d) than this tend knows (21, %d): "+
			"copy with the tend that made it", tv, rv, rv)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := sqlstore.CopySnapshot(t, tc.dst, tc.dst)
			_, err := sqlstore.CopyAll(ctx, tc.dst, tc.src)
			if tend.ErrorCode(err) != tend.EINVALID || tend.ErrorMessage(err) != tc.want && err.Error() != tc.want {
				t.Errorf("got %v (%s)\nwant %s", err, tend.ErrorCode(err), tc.want)
			}
			if after := sqlstore.CopySnapshot(t, tc.dst, tc.dst); !maps.EqualFunc(after, before, slices.Equal) {
				t.Errorf("the destination changed: %v", after)
			}
		})
	}
}

// TestCopyAllBatches: a table of more rows than one INSERT carries
// arrives whole.
func TestCopyAllBatches(t *testing.T) {
	if pg == nil {
		t.Skipf("no PostgreSQL server (set TEND_REQUIRE_POSTGRES=1 to make this fail): %v", pgErr)
	}
	ctx := context.Background()
	sealer := mustSealer(t)
	src, _ := openMigrated(t, filepath.Join(t.TempDir(), "tend.db"), sealer)
	sam := &tend.Person{Username: "sam", DisplayName: "Sam", TimeZone: "UTC"}
	if err := src.CreatePerson(ctx, sam); err != nil {
		t.Fatal(err)
	}
	if _, err := src.SQL().ExecContext(ctx, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1201)
		INSERT INTO sessions (id, person_id, token_hash, device, created_at, last_seen_at, authenticated_at)
		SELECT 's' || i, ?, 'h' || i, 'Firefox', i, i, 0 FROM n`, sam.ID); err != nil {
		t.Fatal(err)
	}
	dsn, err := pg.NewDatabase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	dst, _ := openMigrated(t, dsn, sealer)
	counts, err := sqlstore.CopyAll(ctx, dst, src)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range counts {
		if c.Table == "sessions" && c.Rows != 1201 {
			t.Errorf("%d sessions copied, want 1201", c.Rows)
		}
	}
	got, want := sqlstore.CopySnapshot(t, dst, src)["sessions"], sqlstore.CopySnapshot(t, src, dst)["sessions"]
	if len(got) != 1201 || !slices.Equal(got, want) {
		t.Errorf("%d sessions arrived, and they differ from the source's: %v", len(got), !slices.Equal(got, want))
	}
}

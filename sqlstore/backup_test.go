package sqlstore_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tendcare/tend/sqlstore"
	"github.com/tendcare/tend/sqlstore/storetest"
)

// TestPgDumpRestore does what the README tells PostgreSQL's operators to
// do for backups: pg_dump -Fc of a database holding everything, then
// pg_restore into a fresh database on the same server; the store opened
// on the restored one reads the same person, profile and export.
func TestPgDumpRestore(t *testing.T) {
	ctx := context.Background()
	src := freshPostgres(t)
	sealer := mustSealer(t)
	db, sam := populated(t, src, sealer)
	want, err := db.Export(ctx, sam.ID)
	if err != nil {
		t.Fatal(err)
	}
	dump := filepath.Join(t.TempDir(), "tend.dump")
	pgTool(t, "pg_dump", "-Fc", "-f", dump, src)
	dst := freshPostgres(t)
	pgTool(t, "pg_restore", "--no-owner", "--exit-on-error", "--single-transaction", "-d", dst, dump)
	// The README shows the same commands.
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"pg_dump -Fc -f ", "pg_restore --no-owner --exit-on-error --single-transaction \\\n      -d "} {
		if !strings.Contains(string(readme), cmd) {
			t.Errorf("the README does not show %q", cmd)
		}
	}

	restored, err := sqlstore.Open(ctx, dst, sealer)
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	restored.Now = storetest.Clock
	if v, err := restored.SchemaVersion(ctx); err != nil || v != sqlstore.LatestSchemaVersion(sqlstore.Postgres) {
		t.Errorf("restored schema: %d %v", v, err)
	}
	if err := restored.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := restored.CheckServerKey(ctx); err != nil {
		t.Errorf("the key does not open the restored database: %v", err)
	}
	p, err := restored.FindPersonByUsername(ctx, "sam")
	if err != nil || p.ID != sam.ID || p.DisplayName != "Sam" {
		t.Fatalf("FindPersonByUsername: %+v %v", p, err)
	}
	prof, err := restored.FindProfile(ctx, sam.ID)
	if err != nil || prof.Version != want.Profile.Version || !reflect.DeepEqual(prof.Card, want.Profile.Card) {
		t.Errorf("FindProfile: %+v %v; want version %d", prof, err, want.Profile.Version)
	}
	got, err := restored.Export(ctx, sam.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(jsonValue(t, got), jsonValue(t, want)) {
		t.Errorf("the restored export differs:\n%s", jsonHolds(jsonValue(t, got), jsonValue(t, want), ""))
	}
}

// TestCheckSQLite: a sound backup passes and says its schema; a damaged
// one, a file that is not a database, and a database that is not Tend's
// are told apart.
func TestCheckSQLite(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src := filepath.Join(dir, "tend.db")
	db, _ := populated(t, src, mustSealer(t))
	good := filepath.Join(dir, "good.db")
	if err := sqlstore.BackupSQLite(ctx, src, good); err != nil {
		t.Fatal(err)
	}
	if v, err := sqlstore.CheckSQLite(ctx, good); err != nil || v != sqlstore.LatestSchemaVersion(sqlstore.SQLite) {
		t.Errorf("a sound backup: %d %v", v, err)
	}
	if v, err := db.SchemaVersion(ctx); err != nil || v != sqlstore.LatestSchemaVersion(sqlstore.SQLite) {
		t.Errorf("SchemaVersion: %d %v", v, err)
	}
	b, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	// The type of page 2 (the root of a table's b-tree) made one SQLite
	// does not know: the header and the schema read, the table does not.
	damaged := append([]byte{}, b...)
	damaged[4096] ^= 0x7f
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	if _, err := sqlstore.CheckSQLite(ctx, write("damaged.db", damaged)); err == nil {
		t.Errorf("a damaged backup passes")
	}
	if _, err := sqlstore.CheckSQLite(ctx, write("text.db", []byte("not a database at all, only words in a file, long enough to be read"))); err == nil {
		t.Errorf("a text file passes")
	}
	empty := filepath.Join(dir, "empty.db")
	other, err := sqlstore.Open(ctx, empty, mustSealer(t))
	if err != nil {
		t.Fatal(err)
	}
	other.SQL().ExecContext(ctx, `CREATE TABLE notes (id INTEGER PRIMARY KEY)`)
	other.Close()
	if _, err := sqlstore.CheckSQLite(ctx, empty); !errors.Is(err, sqlstore.ErrNotTend) {
		t.Errorf("a database that is not Tend's: %v", err)
	}
}

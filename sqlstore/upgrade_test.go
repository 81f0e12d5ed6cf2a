package sqlstore_test

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/jobs"
	"github.com/tendcare/tend/seal"
	"github.com/tendcare/tend/sqlstore"
	"github.com/tendcare/tend/sqlstore/storetest"
)

var update = flag.Bool("update", false, "rewrite the upgrade fixtures in testdata/upgrade (read TestUpgradeFixture first)")

// fixtureSchema is the schema the upgrade fixtures were made at.
const fixtureSchema = 22

// newSinceFixture lists the parts of the export (by JSON path) added
// after the fixtures were made, with why they are empty in them: an old
// database cannot hold what did not exist yet. Add a part here, never
// regenerate the fixtures to fill it.
var newSinceFixture = map[string]string{}

// TestUpgradeFixture opens databases made by an older Tend (schema
// fixtureSchema, with data in every table), migrates them with this
// binary, and reads them back: the export of the person in them has
// every part filled, and everything the export held when the fixture was
// made (sealed texts among it) reads back the same. Today the migrations
// have nothing to do; the test is there to catch the migration that, one
// day, breaks data people already have.
//
// The fixtures in testdata/upgrade are the databases as the first
// released schema left them (sqlite.db; postgres.sql, a plain pg_dump
// --no-owner), the server key that seals them (secret.key, test data
// only) and the exports they held (*-export.json). Made by
//
//	go test ./sqlstore -run TestUpgradeFixture -update
//
// (PostgreSQL must be there). Never regenerate them to make this test
// pass: new fixtures made by new migrations prove nothing about the old
// databases people have, which is all this test is for. Regenerate only
// to add a fixture of a new released schema beside the old ones, and
// raise fixtureSchema with it.
func TestUpgradeFixture(t *testing.T) {
	dir := filepath.Join("testdata", "upgrade")
	if *update {
		makeUpgradeFixtures(t, dir)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "secret.key"))
	if err != nil {
		t.Fatal(err)
	}
	key, err := seal.ParseKey(string(raw))
	if err != nil {
		t.Fatal(err)
	}
	sealer, err := seal.New(key)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("SQLite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "tend.db")
		copyFile(t, filepath.Join(dir, "sqlite.db"), path)
		checkUpgrade(t, path, sealer, filepath.Join(dir, "sqlite-export.json"))
	})
	t.Run("Postgres", func(t *testing.T) {
		dsn := freshPostgres(t)
		psql(t, "-v", "ON_ERROR_STOP=1", "-q", "-f", filepath.Join(dir, "postgres.sql"), dsn)
		checkUpgrade(t, dsn, sealer, filepath.Join(dir, "postgres-export.json"))
	})
}

// checkUpgrade migrates the fixture's database and reads it back.
func checkUpgrade(t *testing.T, dsn string, sealer *seal.Sealer, exportFile string) {
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, dsn, sealer)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, err := db.SchemaVersion(ctx); err != nil || v != fixtureSchema {
		t.Fatalf("the fixture is at schema %d (%v), want %d", v, err, fixtureSchema)
	}
	if err := jobs.Migrate(ctx, db.SQL(), string(db.Dialect())); err != nil {
		t.Fatal(err)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrating the fixture: %v", err)
	}
	if v, err := db.SchemaVersion(ctx); err != nil || v != sqlstore.LatestSchemaVersion(db.Dialect()) {
		t.Errorf("after migrating: schema %d (%v), want %d", v, err, sqlstore.LatestSchemaVersion(db.Dialect()))
	}
	db.Now = storetest.Clock
	sam, err := db.FindPersonByUsername(ctx, "sam")
	if err != nil {
		t.Fatal(err)
	}
	x, err := db.Export(ctx, sam.ID)
	if err != nil {
		t.Fatalf("export after migrating: %v", err)
	}
	storetest.CheckExportFilled(t, x, newSinceFixture)
	got := jsonValue(t, x)
	b, err := os.ReadFile(exportFile)
	if err != nil {
		t.Fatal(err)
	}
	var want any
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	for _, d := range jsonHolds(got, want, "") {
		t.Errorf("after migrating, the export differs from the fixture's at %s", d)
	}
	if !strings.Contains(string(b), storetest.Mine+"-journal") {
		t.Errorf("the fixture's export holds no sealed journal: it proves nothing")
	}
	if p, err := db.FindProfile(ctx, sam.ID); err != nil || p.Version != x.Profile.Version || p.Card.Name == "" {
		t.Errorf("FindProfile: %+v %v", p, err)
	}
}

// makeUpgradeFixtures writes the fixtures: see TestUpgradeFixture, and
// think twice.
func makeUpgradeFixtures(t *testing.T, dir string) {
	ctx := context.Background()
	if pg == nil {
		t.Fatalf("the PostgreSQL fixture needs a PostgreSQL server: %v", pgErr)
	}
	key, err := seal.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	sealer, err := seal.New(key)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "secret.key"), []byte(key.Encode()+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	path := filepath.Join(t.TempDir(), "tend.db")
	db, sam := populated(t, path, sealer)
	if v, _ := db.SchemaVersion(ctx); v != fixtureSchema {
		t.Fatalf("the migrations are at %d, fixtureSchema says %d", v, fixtureSchema)
	}
	writeExport(t, db, sam, filepath.Join(dir, "sqlite-export.json"))
	db.Close()
	out := filepath.Join(dir, "sqlite.db")
	os.Remove(out)
	if err := sqlstore.BackupSQLite(ctx, path, out); err != nil {
		t.Fatal(err)
	}

	dsn := freshPostgres(t)
	db, sam = populated(t, dsn, sealer)
	writeExport(t, db, sam, filepath.Join(dir, "postgres-export.json"))
	db.Close()
	pgTool(t, "pg_dump", "--no-owner", "--no-privileges", "-f", filepath.Join(dir, "postgres.sql"), dsn)
}

// populated opens a store on dsn with River's tables and Tend's, and
// fills it as the conformance suite's richest test does; every table of
// Tend's holds a row.
func populated(t *testing.T, dsn string, sealer *seal.Sealer) (*sqlstore.DB, *tend.Person) {
	t.Helper()
	ctx := context.Background()
	db, _ := openMigrated(t, dsn, sealer) // Populate sets its own clock
	sam, _ := storetest.Populate(t, storetest.Store{DB: db})
	// A passkey sign-in leaves its challenge, which the suite's richest
	// test has no need of.
	keys, err := db.FindPasskeys(ctx, sam.ID)
	if err != nil || len(keys) == 0 {
		t.Fatalf("Sam's passkeys: %v %v", keys, err)
	}
	if err := db.UpdatePasskeyUse(ctx, keys[0].ID, tend.PasskeyUse{SignCount: 2, Challenge: "fixture-challenge",
		Until: storetest.Clock().Add(5 * time.Minute)}); err != nil {
		t.Fatal(err)
	}
	for _, table := range tendTables(t, db) {
		var n int
		if err := db.SQL().QueryRowContext(ctx, "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil || n == 0 {
			t.Errorf("table %s is empty (%v): give it a row, so that its upgrade is tested", table, err)
		}
	}
	return db, sam
}

// tendTables lists the tables of Tend's own (not River's) in db.
func tendTables(t *testing.T, db *sqlstore.DB) []string {
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'river_%'`
	if db.Dialect() == sqlstore.Postgres {
		q = `SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename NOT LIKE 'river_%'`
	}
	rows, err := db.SQL().QueryContext(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	if len(names) < 10 {
		t.Fatalf("only %d tables: %v", len(names), names)
	}
	return names
}

func writeExport(t *testing.T, db *sqlstore.DB, p *tend.Person, file string) {
	t.Helper()
	x, err := db.Export(context.Background(), p.ID)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.MarshalIndent(x, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}

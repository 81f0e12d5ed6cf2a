package main

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/sqlstore"
)

// cli runs tend in process with the TEND_* variables and the clock at
// the moment given, and returns its exit status, stdout and stderr.
func cli(t *testing.T, at time.Time, vars map[string]string, args ...string) (int, string, string) {
	t.Helper()
	e, out, errb := testEnv(vars)
	e.Now = func() time.Time { return at }
	code := e.Run(args)
	return code, out.String(), errb.String()
}

// openData opens (making and migrating it when new) the SQLite store in
// the data directory, as the server does; closed when the test ends.
func openData(t *testing.T, dir string) *sqlstore.DB {
	t.Helper()
	ctx := context.Background()
	e, _, errb := testEnv(nil)
	c := Config{DataDir: dir, LogFormat: "text", LogLevel: "error"}
	db, err := e.openStore(ctx, &c, c.logger(e))
	if err != nil {
		t.Fatalf("%v %s", err, errb)
	}
	t.Cleanup(func() { db.Close() })
	if err := migrateAll(ctx, db); err != nil {
		t.Fatal(err)
	}
	return db
}

// newPerson makes an account with a first profile.
func newPerson(t *testing.T, db *sqlstore.DB, username string) *tend.Person {
	t.Helper()
	p := &tend.Person{Username: username, DisplayName: strings.ToUpper(username[:1]) + username[1:], TimeZone: "UTC"}
	if err := db.CreatePerson(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveProfile(context.Background(), p.ID, card(p.DisplayName, "first")); err != nil {
		t.Fatal(err)
	}
	return p
}

func card(name, note string) *tend.Card {
	return &tend.Card{Tend: tend.CardVersion, Name: name, Notes: []string{note}, Receive: map[string]tend.Receive{"water": tend.Need}}
}

// integrityCheck runs SQLite's integrity check on the file, read-only.
func integrityCheck(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var result string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&result); err != nil || result != "ok" {
		t.Errorf("%s: integrity_check: %q %v", path, result, err)
	}
}

// snapshot is every file under dir with the hash of its content, but
// SQLite's shared-memory index (-shm), which any reader writes to.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, "-shm") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		files[strings.TrimPrefix(p, dir)] = hex.EncodeToString(sum[:8])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// countPeople counts the accounts in the SQLite file, read-only.
func countPeople(t *testing.T, path string) int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT COUNT(*) FROM people").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// noTemporaries fails when restore left a file of its own behind (its
// copy, or SQLite's files beside it).
func noTemporaries(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, ent := range entries {
		if strings.HasPrefix(ent.Name(), ".tend-") {
			t.Errorf("%s is left in the data directory", ent.Name())
		}
	}
}

package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tendcare/tend"
)

// backedUp makes a data directory with Sam in it and a backup of it in
// a folder of its own; it returns both and the backup's file.
func backedUp(t *testing.T) (dir, file string) {
	t.Helper()
	dir = t.TempDir()
	db := openData(t, dir)
	newPerson(t, db, "sam")
	file = filepath.Join(t.TempDir(), "tend-backup.db")
	if code, _, errs := cli(t, now, nil, "backup", "--data-dir", dir, "--out", file); code != 0 {
		t.Fatal(errs)
	}
	db.Close()
	return dir, file
}

// TestRestore puts a backup in place of the database: what was written
// after the backup is gone, what was replaced is kept aside until the
// next server start, which deletes it.
func TestRestore(t *testing.T) {
	ctx := context.Background()
	src, file := backedUp(t)
	// The data directory as a server killed at once leaves it: an
	// account made after the backup, in the write-ahead log.
	db := openData(t, src)
	newPerson(t, db, "late")
	dir := t.TempDir()
	for _, f := range []string{"secret.key", "tend.db", "tend.db-wal", "tend.db-shm"} {
		b, err := os.ReadFile(filepath.Join(src, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	later := now.Add(90 * 60e9)
	code, out, errs := cli(t, later, nil, "restore", file, "--data-dir", dir)
	if code != 0 {
		t.Fatalf("restore: exit %d: %s", code, errs)
	}
	golden(t, "restore.txt", normalized(out, map[string]string{dir: "DATA", filepath.Dir(file): "BACKUPS"}))
	aside := filepath.Join(dir, "tend.db.before-restore-20261124-233000")
	if _, err := os.Stat(aside); err != nil {
		t.Fatalf("the replaced database is not kept: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "tend.db-wal")); err == nil {
		t.Errorf("the replaced database's -wal is left beside the restored one")
	}
	// What was set aside is whole, with its log: both accounts.
	if n := countPeople(t, aside); n != 2 {
		t.Errorf("the database set aside holds %d accounts, want 2", n)
	}
	db = openData(t, dir)
	if _, err := db.FindPersonByUsername(ctx, "sam"); err != nil {
		t.Errorf("Sam, in the backup: %v", err)
	}
	if _, err := db.FindPersonByUsername(ctx, "late"); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("an account made after the backup is there after restoring it: %v", err)
	}
	if p, err := db.FindPersonByUsername(ctx, "sam"); err != nil || p.DisplayName != "Sam" {
		t.Errorf("Sam's sealed name: %+v %v", p, err)
	}
	db.Close()
	noTemporaries(t, dir)
	// The first server start deletes what restore set aside.
	m := mustStartMain(t, Config{Addr: "127.0.0.1:0", DataDir: dir, Migrate: true, Signup: "open", LogFormat: "text", LogLevel: "error"})
	m.Close()
	for f := range snapshot(t, dir) {
		if strings.Contains(f, setAsideMark) {
			t.Errorf("%s is still there after a server started", f)
		}
	}
}

// TestRestoreRefuses: restore refuses a running server's directory, a
// damaged backup, one made by a newer Tend, and one the server key here
// does not open, each with one clear line and exit status 2, and
// changes nothing in the data directory.
func TestRestoreRefuses(t *testing.T) {
	dir, file := backedUp(t)
	good, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	goodManifest, err := os.ReadFile(file + ".json")
	if err != nil {
		t.Fatal(err)
	}
	// Backups of databases a newer Tend migrated further, its own schema
	// or its job queue's (River's), under the same server key.
	newerBackup := func(name, migrated string) string {
		out := filepath.Join(t.TempDir(), name)
		ndir := t.TempDir()
		key, err := os.ReadFile(filepath.Join(dir, "secret.key"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(ndir, "secret.key"), key, 0o600); err != nil {
			t.Fatal(err)
		}
		db := openData(t, ndir)
		newPerson(t, db, "sam")
		if _, err := db.SQL().Exec(migrated); err != nil {
			t.Fatal(err)
		}
		db.Close()
		if code, _, errs := cli(t, now, nil, "backup", "--data-dir", ndir, "--out", out); code != 0 {
			t.Fatal(errs)
		}
		return out
	}
	newer := newerBackup("newer.db", `INSERT INTO goose_db_version (version_id, is_applied) VALUES (9999, 1)`)
	newerRiver := newerBackup("newer-river.db", `INSERT INTO river_migration (line, version) VALUES ('main', 999)`)
	bdir := t.TempDir()
	write := func(name string, db []byte, m func(*manifest)) string {
		p := filepath.Join(bdir, name)
		if err := os.WriteFile(p, db, 0o600); err != nil {
			t.Fatal(err)
		}
		var mf manifest
		if err := json.Unmarshal(goodManifest, &mf); err != nil {
			t.Fatal(err)
		}
		if m != nil {
			m(&mf)
		}
		b, _ := json.Marshal(mf)
		if err := os.WriteFile(p+".json", b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	rehash := func(db []byte) func(*manifest) {
		return func(m *manifest) {
			sum := sha256.Sum256(db)
			m.SHA256, m.Size = hex.EncodeToString(sum[:]), int64(len(db))
		}
	}
	flipped := slices.Clone(good)
	flipped[len(flipped)/2] ^= 1
	// The type of page 2, a table's root, made one SQLite does not know,
	// in a backup whose manifest matches it: only the integrity check
	// can tell.
	damaged := slices.Clone(good)
	damaged[4096] ^= 0x7f
	newerDB, err := os.ReadFile(newer)
	if err != nil {
		t.Fatal(err)
	}
	otherKey, _ := backedUp(t)

	tests := []struct {
		name, want string
		file       func() string
		dir        string
		running    bool
	}{
		{"RunningServer", "a tend server is running on DATA: stop it first", func() string { return file }, dir, true},
		{"OneByteFlipped", "BACKUPS/flipped.db is damaged: its SHA-256 does not match its manifest",
			func() string { return write("flipped.db", flipped, nil) }, dir, false},
		{"Damaged", "BACKUPS/damaged.db is damaged (integrity check:",
			func() string { return write("damaged.db", damaged, rehash(damaged)) }, dir, false},
		{"NewerSchema", "was made by a newer Tend (schema 9999; this tend knows up to 22)", func() string { return newer }, dir, false},
		{"NewerSchemaManifestSaysNot", "BACKUPS/newer-says-22.db was made by a newer Tend (schema 9999",
			func() string {
				return write("newer-says-22.db", newerDB, func(m *manifest) { rehash(newerDB)(m); m.SchemaVersion = 22 })
			}, dir, false},
		{"NewerRiver", "was made by a newer Tend (its job queue is at River migration 999; this tend knows up to ",
			func() string { return newerRiver }, dir, false},
		{"NoManifest", "BACKUPS/alone.db.json, the backup's manifest, cannot be read", func() string {
			p := write("alone.db", good, nil)
			os.Remove(p + ".json")
			return p
		}, dir, false},
		{"OtherKey", "the server key here (OTHER/secret.key) is not the one this backup was made with",
			func() string { return file }, otherKey, false},
	}
	var lines []string
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.running {
				m := mustStartMain(t, Config{Addr: "127.0.0.1:0", DataDir: tc.dir, Migrate: true, Signup: "open", LogFormat: "text", LogLevel: "error"})
				defer m.Close()
			}
			f := tc.file()
			before := snapshot(t, tc.dir)
			code, out, errs := cli(t, now, nil, "restore", f, "--data-dir", tc.dir)
			errs = normalized(errs, map[string]string{dir: "DATA", bdir: "BACKUPS", otherKey: "OTHER", filepath.Dir(newer): "NEWER", filepath.Dir(newerRiver): "NEWER"})
			lines = append(lines, tc.name+": "+errs)
			if code != exitInput || out != "" || strings.Count(errs, "\n") != 1 || !strings.HasPrefix(errs, "tend: ") || !strings.Contains(errs, tc.want) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 and one line with %q", code, out, errs, tc.want)
			}
			if !strings.Contains(errs, "nothing was changed") {
				t.Errorf("the refusal does not say nothing was changed: %s", errs)
			}
			if after := snapshot(t, tc.dir); !maps.Equal(before, after) {
				t.Errorf("the data directory changed:\nbefore %v\nafter  %v", before, after)
			}
			noTemporaries(t, tc.dir)
		})
	}
	golden(t, "restore-refusals.txt", strings.Join(lines, ""))
}

// TestServeLocksDataDir: a second server on the same data directory
// refuses to start while the first runs, and starts once it stopped.
func TestServeLocksDataDir(t *testing.T) {
	dir := t.TempDir()
	c := Config{Addr: "127.0.0.1:0", DataDir: dir, Migrate: true, Signup: "open", LogFormat: "text", LogLevel: "error"}
	a := mustStartMain(t, c)
	e, _, _ := testEnv(nil)
	b := &Main{Config: c, Logger: c.logger(e)}
	err := b.Open(context.Background(), e)
	b.Close()
	if want := fmt.Sprintf("another tend server is running on %s (it holds tend.lock)", dir); err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("a second server on the same data directory: %v; want %q", err, want)
	}
	a.Close()
	mustStartMain(t, c)
}

// TestRestoreNewMachine restores into an empty data directory, as after
// a lost disk: nothing is set aside, and restore says where the server
// key must go before the server starts; with it there, the data reads.
func TestRestoreNewMachine(t *testing.T) {
	src, file := backedUp(t)
	dir := filepath.Join(t.TempDir(), "new")
	code, out, errs := cli(t, now, nil, "restore", file, "--data-dir", dir)
	if code != 0 {
		t.Fatalf("restore: exit %d: %s", code, errs)
	}
	golden(t, "restore-new.txt", normalized(out, map[string]string{dir: "DATA", filepath.Dir(file): "BACKUPS"}))
	noTemporaries(t, dir)
	if _, err := os.Stat(filepath.Join(dir, "secret.key")); err == nil {
		t.Fatal("restore made a server key")
	}
	key, err := os.ReadFile(filepath.Join(src, "secret.key"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "secret.key"), key, 0o600); err != nil {
		t.Fatal(err)
	}
	db := openData(t, dir)
	if p, err := db.FindPersonByUsername(context.Background(), "sam"); err != nil || p.DisplayName != "Sam" {
		t.Errorf("Sam after restoring on a new machine: %+v %v", p, err)
	}
}

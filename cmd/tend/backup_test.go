package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

// TestBackupWhileWriting takes 10 backups while 16 writers save
// profiles; each restores, passes integrity_check, and holds every save
// acknowledged before that backup began.
func TestBackupWhileWriting(t *testing.T) {
	if testing.Short() {
		t.Skip("16 writers and 10 backups")
	}
	ctx := context.Background()
	dir := t.TempDir()
	db := openData(t, dir)
	const writers, backups = 16, 10
	type save struct{ version, n int }
	var (
		mu    sync.Mutex
		acked = make([][]save, writers) // by writer, in order
		wg    sync.WaitGroup
	)
	people := make([]*tend.Person, writers)
	for i := range people {
		people[i] = newPerson(t, db, fmt.Sprintf("writer%02d", i))
	}
	stop := make(chan struct{})
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 1; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				p, err := db.SaveProfile(ctx, people[w].ID, card(people[w].DisplayName, fmt.Sprintf("save %d of writer %d", n, w)))
				if err != nil {
					t.Errorf("writer %d: %v", w, err)
					return
				}
				mu.Lock()
				acked[w] = append(acked[w], save{p.Version, n})
				mu.Unlock()
			}
		}()
	}
	bdir := t.TempDir()
	before := make([][][]save, backups) // what each backup must hold
	for i := range backups {
		time.Sleep(20 * time.Millisecond)
		mu.Lock()
		for w := range writers {
			before[i] = append(before[i], slices.Clone(acked[w]))
		}
		mu.Unlock()
		out := filepath.Join(bdir, fmt.Sprintf("backup-%02d.db", i))
		if code, _, errs := cli(t, time.Now(), nil, "backup", "--data-dir", dir, "--out", out); code != 0 {
			t.Fatalf("backup %d: exit %d: %s", i, code, errs)
		}
	}
	close(stop)
	wg.Wait()
	key, err := os.ReadFile(filepath.Join(dir, "secret.key"))
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for i := range backups {
		r := t.TempDir()
		if err := os.WriteFile(filepath.Join(r, "secret.key"), key, 0o600); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(bdir, fmt.Sprintf("backup-%02d.db", i))
		if code, _, errs := cli(t, time.Now(), nil, "restore", out, "--data-dir", r); code != 0 {
			t.Fatalf("restore %d: exit %d: %s", i, code, errs)
		}
		integrityCheck(t, filepath.Join(r, "tend.db"))
		rdb := openData(t, r)
		for w, saves := range before[i] {
			if len(saves) == 0 {
				continue
			}
			total += len(saves)
			head, err := rdb.FindProfile(ctx, people[w].ID)
			if err != nil || head.Version < saves[len(saves)-1].version {
				t.Fatalf("backup %d: writer %d's newest profile is %+v (%v), yet version %d was acknowledged before the backup began",
					i, w, head, err, saves[len(saves)-1].version)
			}
			for _, s := range saves {
				if s.version <= head.Version-tend.MaxProfileVersions {
					continue // pruned by later saves, as it would be without a backup
				}
				p, err := rdb.FindProfileVersion(ctx, people[w].ID, s.version)
				if want := fmt.Sprintf("save %d of writer %d", s.n, w); err != nil || len(p.Card.Notes) != 1 || p.Card.Notes[0] != want {
					t.Fatalf("backup %d: writer %d's version %d: %+v %v; want %q", i, w, s.version, p, err, want)
				}
			}
		}
		rdb.Close()
	}
	if total < backups*writers {
		t.Errorf("only %d saves were acknowledged before the backups began: the test proves little", total)
	}
	t.Logf("%d acknowledged saves checked across %d backups", total, backups)
}

// TestBackupKeep: --keep deletes only the oldest backups in the folder,
// each with its manifest, and never a file named otherwise.
func TestBackupKeep(t *testing.T) {
	dir := t.TempDir()
	db := openData(t, dir)
	newPerson(t, db, "sam")
	bdir := filepath.Join(dir, "backups")
	day := time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC)
	for i := range 3 {
		if code, _, errs := cli(t, day.Add(time.Duration(i)*24*time.Hour), nil, "backup", "--data-dir", dir); code != 0 {
			t.Fatalf("backup %d: %s", i, errs)
		}
	}
	others := []string{"tend-20261120-030000.db.bak", "notes.txt", "tend-latest.db", "mytend-20200101-000000.db",
		"tend-2026112-030000.db", "tend-20200101-000000.db.json.orig"}
	for _, f := range others {
		if err := os.WriteFile(filepath.Join(bdir, f), []byte("keep me"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(bdir, "tend-20190101-000000.db"), 0o700); err != nil { // a folder, never deleted
		t.Fatal(err)
	}
	// An old backup from before, without its manifest.
	if err := os.WriteFile(filepath.Join(bdir, "tend-20250101-000000.db"), []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := cli(t, day.Add(3*24*time.Hour), nil, "backup", "--data-dir", dir, "--keep", "2")
	if code != 0 {
		t.Fatalf("backup --keep 2: %s", errs)
	}
	var left []string
	entries, _ := os.ReadDir(bdir)
	for _, ent := range entries {
		left = append(left, ent.Name())
	}
	want := append(slices.Clone(others), "tend-20190101-000000.db",
		"tend-20261122-030000.db", "tend-20261122-030000.db.json", "tend-20261123-030000.db", "tend-20261123-030000.db.json")
	slices.Sort(want)
	if !slices.Equal(left, want) {
		t.Errorf("left after --keep 2:\n%q\nwant\n%q", left, want)
	}
	for _, f := range []string{"tend-20250101-000000.db", "tend-20261120-030000.db", "tend-20261120-030000.db.json",
		"tend-20261121-030000.db", "tend-20261121-030000.db.json"} {
		if !strings.Contains(out, "deleted the older "+f+"\n") {
			t.Errorf("the output does not say %s was deleted:\n%s", f, out)
		}
	}
}

// TestBackupHoldsNoKey: the server key's bytes are nowhere in a backup or
// its manifest, and the command says to keep the key apart.
func TestBackupHoldsNoKey(t *testing.T) {
	dir := t.TempDir()
	db := openData(t, dir)
	newPerson(t, db, "sam")
	code, out, errs := cli(t, now, nil, "backup", "--data-dir", dir, "--out", filepath.Join(dir, "b.db"))
	if code != 0 {
		t.Fatal(errs)
	}
	text, err := os.ReadFile(filepath.Join(dir, "secret.key"))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(text)))
	if err != nil || len(raw) != 32 {
		t.Fatalf("the key file: %v", err)
	}
	for _, f := range []string{"b.db", "b.db.json"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range [][]byte{raw, bytes.TrimSpace(text), raw[:16], raw[16:]} {
			if bytes.Contains(b, k) {
				t.Errorf("%s holds the server key", f)
			}
		}
	}
	if !strings.Contains(out, "The server key is not in the backup (it is "+filepath.Join(dir, "secret.key")+").") {
		t.Errorf("no reminder of the key:\n%s", out)
	}
	// With the key in TEND_SECRET_KEY the reminder names it, never its
	// value.
	key := base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{7}, 32))
	_, out, _ = cli(t, now, map[string]string{"TEND_SECRET_KEY": key}, "backup", "--data-dir", dir, "--out", filepath.Join(dir, "c.db"))
	if !strings.Contains(out, "The server key is not in the backup (it is TEND_SECRET_KEY).") || strings.Contains(out, key) {
		t.Errorf("with TEND_SECRET_KEY:\n%s", out)
	}
}

// normalized replaces the test's folders in the output with names, and
// the backup's size, which changes with the schema, with SIZE.
func normalized(s string, dirs map[string]string) string {
	for dir, name := range dirs {
		s = strings.ReplaceAll(s, dir, name)
	}
	return regexp.MustCompile(`\([0-9]+ (KiB|MiB|bytes), schema`).ReplaceAllString(s, "(SIZE, schema")
}

func TestBackupGolden(t *testing.T) {
	dir := t.TempDir()
	db := openData(t, dir)
	newPerson(t, db, "sam")
	code, out, errs := cli(t, now, nil, "backup", "--data-dir", dir, "--keep", "3")
	if code != 0 {
		t.Fatal(errs)
	}
	golden(t, "backup.txt", normalized(out, map[string]string{dir: "DATA"}))
	code, out, errs = cli(t, now, nil, "backup", "--database", "postgres://tend:hunter2@db.example.org/tend")
	if code != exitInput || out != "" || strings.Contains(errs, "hunter2") {
		t.Errorf("backup on PostgreSQL: exit %d, stdout %q, stderr %s", code, out, errs)
	}
	golden(t, "backup-postgres.txt", errs)
}

func TestBackupWrongInput(t *testing.T) {
	dir := t.TempDir()
	db := openData(t, dir)
	newPerson(t, db, "sam")
	if code, _, errs := cli(t, now, nil, "backup", "--data-dir", dir, "--out", filepath.Join(dir, "b.db")); code != 0 {
		t.Fatal(errs)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"NoDatabase", []string{"backup", "--data-dir", t.TempDir()}, "there is no database at "},
		{"Exists", []string{"backup", "--data-dir", dir, "--out", filepath.Join(dir, "b.db")}, "b.db already exists: give another --out"},
		{"Keep", []string{"backup", "--data-dir", dir, "--keep", "-1"}, "--keep -1: give how many backups to keep"},
		{"Args", []string{"backup", "now"}, "backup takes no arguments"},
		{"RestoreNoFile", []string{"restore", "--data-dir", dir}, "restore needs the one backup file"},
		{"RestorePostgres", []string{"restore", "x.dump", "--database", "postgres://tend@db.example.org/tend"}, "restore a PostgreSQL dump with pg_restore"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := cli(t, now, nil, tc.args...)
			if code != exitInput || !strings.HasPrefix(errs, "tend: ") || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and one line with %q", code, errs, tc.want)
			}
		})
	}
}

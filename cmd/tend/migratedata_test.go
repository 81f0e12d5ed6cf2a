package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tendcare/tend/jobs"
	"github.com/tendcare/tend/sqlstore"
)

// runWith runs tend with these TEND_* variables and stdin.
func runWith(vars map[string]string, stdin string, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	e := &Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Now: time.Now, ReadFile: os.ReadFile,
		Getenv: func(k string) string { return vars[k] }}
	return e.Run(args), out.String(), errb.String()
}

// TestMigrateData moves a Tend from a SQLite data directory to
// PostgreSQL and from there to a new data directory: the accounts are
// there each time, their sealed names readable with the first server
// key, and the command lists what it copied.
func TestMigrateData(t *testing.T) {
	pgURL := throwawayPostgres(t)
	a := t.TempDir()
	key := map[string]string{"TEND_SECRET_KEY_FILE": filepath.Join(a, "secret.key")}
	for _, u := range []string{"sam", "alex"} {
		if code, _, errs := runWith(map[string]string{"TEND_DATA_DIR": a}, "correct horse battery\n", "user", "create", u, "--name", strings.ToUpper(u)+" 🌙"); code != 0 {
			t.Fatalf("user create: %s", errs)
		}
	}
	list := func(t *testing.T, args ...string) string {
		t.Helper()
		code, out, errs := runWith(key, "", append([]string{"user", "list"}, args...)...)
		if code != 0 {
			t.Fatalf("user list %v: %s", args, errs)
		}
		return out
	}
	accounts := list(t, "--data-dir", a)
	if !strings.Contains(accounts, "SAM 🌙") {
		t.Fatalf("accounts before:\n%s", accounts)
	}
	copied := regexp.MustCompile(`(?m)^  people +2$`)

	code, out, errs := runWith(nil, "", "migrate-data", "--from", a, "--to", pgURL)
	if code != 0 || !copied.MatchString(out) || !strings.Contains(out, "Copying "+filepath.Join(a, "tend.db")+" (SQLite)\n   into ") || !strings.Contains(out, "Every tend server using the first must be stopped") ||
		!strings.Contains(out, "with\nthe same server key as before") {
		t.Fatalf("to PostgreSQL: exit %d\n%s%s", code, out, errs)
	}
	if got := list(t, "--data-dir", a, "--database", pgURL); got != accounts {
		t.Errorf("the accounts on PostgreSQL:\n%s\nwant\n%s", got, accounts)
	}

	b := filepath.Join(t.TempDir(), "moved")
	code, out, errs = runWith(nil, "", "migrate-data", "--from", pgURL, "--to", b)
	if code != 0 || !copied.MatchString(out) {
		t.Fatalf("back to SQLite: exit %d\n%s%s", code, out, errs)
	}
	if got := list(t, "--data-dir", b); got != accounts {
		t.Errorf("the accounts in the new data directory:\n%s\nwant\n%s", got, accounts)
	}
	for p, want := range map[string]os.FileMode{b: os.ModeDir | 0o700, filepath.Join(b, "tend.db"): 0o600} {
		if fi, err := os.Stat(p); err != nil || fi.Mode() != want {
			t.Errorf("%s: %v %v, want %v", p, fi.Mode(), err, want)
		}
	}

	// A source made by older migrations: refused, and the directory
	// made for the copy is gone again.
	old := t.TempDir()
	db, err := sqlstore.Open(context.Background(), filepath.Join(old, "tend.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := jobs.Migrate(context.Background(), db.SQL(), "sqlite"); err != nil {
		t.Fatal(err)
	}
	if err := db.MigrateTo(context.Background(), 21); err != nil {
		t.Fatal(err)
	}
	db.Close()

	notTend := filepath.Join(t.TempDir(), "other.db")
	if err := os.WriteFile(notTend, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	gone := filepath.Join(t.TempDir(), "never")
	unreachable := "postgres://tend:pw@127.0.0.1:1/tend?sslmode=disable&connect_timeout=5"
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"NonEmptyPostgres", []string{"--from", a, "--to", pgURL},
			"tend: --to " + pgURL + ": there are already people in it (2): Tend copies only into an empty database, never over one in use"},
		{"NonEmptySQLite", []string{"--from", pgURL, "--to", b},
			"tend: --to " + filepath.Join(b, "tend.db") + ": there are already people in it (2): Tend copies only into an empty database, never over one in use"},
		{"SameFile", []string{"--from", a, "--to", filepath.Join(a, "tend.db")},
			"tend: --from and --to name the same database (" + filepath.Join(a, "tend.db") + "): copy into another, empty one"},
		{"SameURL", []string{"--from", pgURL, "--to", strings.Replace(pgURL, "sslmode=disable", "sslmode=disable&application_name=x", 1)},
			"tend: --from and --to name the same database (" + strings.Replace(pgURL, "sslmode=disable", "sslmode=disable&application_name=x", 1) + "): copy into another, empty one"},
		{"UnreachableSource", []string{"--from", unreachable, "--to", gone},
			"tend: --from postgres://tend:***@127.0.0.1:1/tend?sslmode=disable&connect_timeout=5: cannot open the database: failed to connect"},
		{"UnreachableDestination", []string{"--from", a, "--to", unreachable},
			"tend: --to postgres://tend:***@127.0.0.1:1/tend?sslmode=disable&connect_timeout=5: cannot open the database: failed to connect"},
		{"OlderSource", []string{"--from", old, "--to", gone},
			"tend: --from " + filepath.Join(old, "tend.db") + ": the source was made by older migrations (Tend's 21, "},
		{"NotTend", []string{"--from", notTend, "--to", gone}, "tend: --from " + notTend + ": it is not a Tend database: it has no tables of Tend's"},
		{"NoSource", []string{"--from", gone, "--to", b},
			"tend: --from " + gone + ": there is nothing there; give the data directory of the Tend to copy, or its tend.db"},
		{"EmptySourceDirectory", []string{"--from", t.TempDir(), "--to", gone}, ": there is no tend.db in it"},
		{"NoParent", []string{"--from", a, "--to", filepath.Join(gone, "x", "tend.db")}, ": its directory " + filepath.Join(gone, "x") + " does not exist; make it first"},
		{"NotAURL", []string{"--from", a, "--to", "postgres://tend@[::1/x"}, "tend: --to postgres://tend@[::1/x: not a PostgreSQL address: "},
		{"NoTo", []string{"--from", a}, "tend: give both --from and --to, like tend migrate-data --from /var/lib/tend --to postgres://tend@db.example.org/tend"},
		{"Extra", []string{"--from", a, "--to", gone, "now"}, `tend: migrate-data takes no arguments but --from and --to, not "now"`},
		{"ServerRunning", []string{"--from", a, "--to", gone}, "tend: --from " + filepath.Join(a, "tend.db") + ": a tend server is running on it: stop it first"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "ServerRunning" {
				// As tend serve does: it holds the data directory's lock.
				lock, err := lockDataDir(a, true)
				if err != nil {
					t.Fatal(err)
				}
				defer lock.release()
			}
			code, out, errs := runWith(nil, "", append([]string{"migrate-data"}, tc.args...)...)
			first, _, _ := strings.Cut(errs, "\n")
			if code != exitInput || !strings.Contains(first, tc.want) || strings.Contains(errs, ":pw@") {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errs, tc.want)
			}
			if strings.Contains(out, "Done:") {
				t.Errorf("it says it copied:\n%s", out)
			}
			for _, at := range [][]string{{"--data-dir", a}, {"--data-dir", a, "--database", pgURL}, {"--data-dir", b}} {
				if got := list(t, at...); got != accounts {
					t.Errorf("%v changed:\n%s", at, got)
				}
			}
			if _, err := os.Stat(gone); err == nil {
				t.Errorf("%s was made", gone)
			}
		})
	}
}

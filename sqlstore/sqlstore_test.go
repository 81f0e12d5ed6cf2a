package sqlstore_test

import (
	"bytes"
	"context"
	"database/sql/driver"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/seal"
	"github.com/tendcare/tend/sqlstore"
	"github.com/tendcare/tend/sqlstore/pgtest"
	"github.com/tendcare/tend/sqlstore/storetest"
)

// pg is the throwaway PostgreSQL server for this package's tests, or nil
// with pgErr saying why there is none.
var (
	pg    *pgtest.Server
	pgErr error
)

func TestMain(m *testing.M) {
	pg, pgErr = pgtest.Start()
	if pgErr != nil && os.Getenv("TEND_REQUIRE_POSTGRES") == "1" {
		fmt.Fprintf(os.Stderr, "TEND_REQUIRE_POSTGRES=1 but no PostgreSQL server could be started: %v\n", pgErr)
		os.Exit(1)
	}
	code := m.Run()
	if pg != nil {
		if err := pg.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}
	os.Exit(code)
}

func mustSealer(tb testing.TB) *seal.Sealer {
	tb.Helper()
	k, err := seal.NewKey()
	if err != nil {
		tb.Fatal(err)
	}
	s, err := seal.New(k)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func mustOpen(t *testing.T, dsn string) *sqlstore.DB {
	t.Helper()
	return mustOpenCounted(t, dsn, nil)
}

// mustOpenCounted opens the store with the counter around its
// connections (none when nil).
func mustOpenCounted(t *testing.T, dsn string, c *storetest.QueryCounter) *sqlstore.DB {
	t.Helper()
	ctx := context.Background()
	var wrap func(driver.Connector) driver.Connector
	if c != nil {
		wrap = c.Wrap
	}
	db, err := sqlstore.OpenWith(ctx, dsn, mustSealer(t), wrap)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestSQLite(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store {
		path := filepath.Join(t.TempDir(), "tend.db")
		c := &storetest.QueryCounter{}
		return storetest.Store{DB: mustOpenCounted(t, path, c), Counter: c, Raw: func(t *testing.T) []byte {
			var all []byte
			for _, f := range []string{path, path + "-wal", path + "-shm"} {
				b, err := os.ReadFile(f)
				if err == nil {
					all = append(all, b...)
				}
			}
			return all
		}}
	})
}

func TestPostgres(t *testing.T) {
	if pg == nil {
		t.Skipf("no PostgreSQL server (set TEND_REQUIRE_POSTGRES=1 to make this fail): %v", pgErr)
	}
	storetest.Run(t, func(t *testing.T) storetest.Store {
		dsn, err := pg.NewDatabase(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		c := &storetest.QueryCounter{}
		db := mustOpenCounted(t, dsn, c)
		return storetest.Store{DB: db, Counter: c, Raw: func(t *testing.T) []byte {
			// Force everything to the data files, then read them all.
			if err := pg.Checkpoint(context.Background()); err != nil {
				t.Fatal(err)
			}
			var all []byte
			err := filepath.WalkDir(pg.DataDir(), func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				b, err := os.ReadFile(p)
				if err == nil {
					all = append(all, b...)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			return all
		}}
	})
}

// TestDeletedKeyGone: after an account is deleted, its wrapped data key
// is nowhere in the database files, so nothing sealed with it can be
// opened again, even from a copy of the files.
func TestDeletedKeyGone(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tend.db")
	db := mustOpen(t, path)
	p := &tend.Person{Username: "sam", DisplayName: "Sam"}
	if err := db.CreatePerson(ctx, p); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveProfile(ctx, p.ID, &tend.Card{Notes: []string{"something private"}}); err != nil {
		t.Fatal(err)
	}
	wrapped := db.WrappedKey(t, p.ID)
	raw := func() []byte {
		var all []byte
		for _, f := range []string{path, path + "-wal"} {
			b, _ := os.ReadFile(f)
			all = append(all, b...)
		}
		return all
	}
	if !bytes.Contains(raw(), wrapped) {
		t.Fatalf("the wrapped key is not in the files before deletion: the check would prove nothing")
	}
	if err := db.DeletePerson(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw(), wrapped) {
		t.Errorf("the deleted person's wrapped data key is still in the database files")
	}
}

func TestSQLiteSettings(t *testing.T) {
	db := mustOpen(t, filepath.Join(t.TempDir(), "tend.db"))
	for pragma, want := range map[string]string{"journal_mode": "wal", "foreign_keys": "1", "synchronous": "2", "busy_timeout": "10000", "secure_delete": "1"} {
		if got := db.Pragma(t, pragma); got != want {
			t.Errorf("PRAGMA %s: got %q, want %q", pragma, got, want)
		}
	}
}

// TestSaveAfterClose: a save after Close is refused, not a panic.
func TestSaveAfterClose(t *testing.T) {
	d := mustOpen(t, filepath.Join(t.TempDir(), "tend.db"))
	d.Close()
	if _, err := d.SaveProfile(context.Background(), "anyone", &tend.Card{}); err == nil {
		t.Fatal("a save after Close succeeded")
	}
}

// TestBurstOfFirstReads has many readers at once run queries no one has
// run before: each holds a read connection in its transaction and must
// not wait for another connection to prepare a statement (with the
// pool's few connections all held that way, none would come).
func TestBurstOfFirstReads(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	db := mustOpen(t, filepath.Join(t.TempDir(), "tend.db"))
	p := &tend.Person{Username: "sam", DisplayName: "Sam", TimeZone: "UTC"}
	if err := db.CreatePerson(ctx, p); err != nil {
		t.Fatal(err)
	}
	e, err := db.CreateEncounter(ctx, p.ID, tend.NewEncounter{Kind: tend.Solo})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 256)
	for range 256 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := db.FindEncounter(ctx, p.ID, e.ID); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("a reader never got its statement: %v", err)
	}
}

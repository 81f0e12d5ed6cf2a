package storetest_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/seal"
	"github.com/tendcare/tend/sqlstore"
	"github.com/tendcare/tend/sqlstore/storetest"
)

// TestSuiteOnSQLite runs the suite where it always can, so that a change
// to the suite itself is checked in this package.
func TestSuiteOnSQLite(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store {
		k, _ := seal.NewKey()
		s, err := seal.New(k)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "tend.db")
		c := &storetest.QueryCounter{}
		db, err := sqlstore.OpenWith(context.Background(), path, s, c.Wrap)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		if err := db.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		return storetest.Store{DB: db, Counter: c, Raw: func(t *testing.T) []byte {
			a, _ := os.ReadFile(path)
			b, _ := os.ReadFile(path + "-wal")
			return append(a, b...)
		}}
	})
}

func TestMemory(t *testing.T) {
	k, _ := seal.NewKey()
	s, _ := seal.New(k)
	db, err := sqlstore.Open(context.Background(), ":memory:", s)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate an in-memory database: %v", err)
	}
	// Many at once, so that a pool of several connections (each its own
	// empty in-memory database) would show.
	errs := make(chan error, 20)
	for i := range 20 {
		go func() {
			errs <- db.CreatePerson(ctx, &tend.Person{Username: fmt.Sprintf("person%02d", i), DisplayName: "P"})
		}()
	}
	for range 20 {
		if err := <-errs; err != nil {
			t.Fatalf("CreatePerson on :memory: %v", err)
		}
	}
}

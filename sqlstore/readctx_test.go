package sqlstore_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/tendcare/tend"
)

// TestReadsWithoutCancellation: on SQLite a read runs without the
// request's cancellation (see readCtx), so it costs no goroutine waiting
// for the request to end: a read made with a context already cancelled
// still answers, and a signed-in check with a context that can be
// cancelled allocates what one without does. On PostgreSQL, reads keep
// the request's context.
func TestReadsWithoutCancellation(t *testing.T) {
	ctx := context.Background()
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			dsn := filepath.Join(t.TempDir(), "tend.db")
			if backend == "postgres" {
				if pg == nil {
					t.Skipf("no PostgreSQL server (set TEND_REQUIRE_POSTGRES=1 to make this fail): %v", pgErr)
				}
				var err error
				if dsn, err = pg.NewDatabase(ctx); err != nil {
					t.Fatal(err)
				}
			}
			db := mustOpen(t, dsn)
			p := &tend.Person{Username: "sam", DisplayName: "Sam", TimeZone: "UTC"}
			if err := db.CreatePerson(ctx, p); err != nil {
				t.Fatal(err)
			}
			token, _, err := db.CreateSession(ctx, p.ID, "phone")
			if err != nil {
				t.Fatal(err)
			}
			gone, cancel := context.WithCancel(ctx)
			cancel()
			_, _, err = db.FindSignedIn(gone, token)
			if backend == "postgres" {
				if !errors.Is(err, context.Canceled) {
					t.Errorf("a read with a cancelled context on PostgreSQL: %v, want it cancelled", err)
				}
				return
			}
			if err != nil {
				t.Errorf("a read with a cancelled context on SQLite: %v", err)
			}
			live, stop := context.WithCancel(ctx)
			defer stop()
			find := func(c context.Context) func() {
				return func() {
					if _, _, err := db.FindSignedIn(c, token); err != nil {
						t.Fatal(err)
					}
				}
			}
			plain, cancellable := testing.AllocsPerRun(200, find(ctx)), testing.AllocsPerRun(200, find(live))
			if cancellable > plain+1 {
				t.Errorf("a signed-in check allocates %.0f times with a context that can be cancelled, %.0f without", cancellable, plain)
			}
		})
	}
}

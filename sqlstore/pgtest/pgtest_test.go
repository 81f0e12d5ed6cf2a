package pgtest_test

import (
	"context"
	"database/sql"
	"os"
	"testing"

	"github.com/tendcare/tend/sqlstore/pgtest"
)

func TestStartStop(t *testing.T) {
	s, err := pgtest.Start()
	if err != nil {
		if os.Getenv("TEND_REQUIRE_POSTGRES") == "1" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	ctx := context.Background()
	url, err := s.NewDatabase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	var one int
	if err := db.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil || one != 1 {
		t.Fatalf("query: %v", err)
	}
	db.Close()
	dir := s.DataDir()
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the server's files are still there after Stop: %v", err)
	}
}

package main

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"github.com/tendcare/tend/sqlstore"
)

// TestPoolFlags: the pool's size from flags and TEND_* variables, a flag
// winning over its variable, idle as many as open unless said, and a
// clear line for what cannot be.
func TestPoolFlags(t *testing.T) {
	def := sqlstore.PoolSize()
	tests := []struct {
		name            string
		args            []string
		vars            map[string]string
		open, idle      int
		wantErrContains string
	}{
		{"Default", nil, nil, def, def, ""},
		{"Flags", []string{"--db-max-open", "20", "--db-max-idle", "5"}, nil, 20, 5, ""},
		{"IdleFollowsOpen", []string{"--db-max-open", "3"}, nil, 3, 3, ""},
		{"Vars", nil, map[string]string{"TEND_DB_MAX_OPEN": "12", "TEND_DB_MAX_IDLE": "4"}, 12, 4, ""},
		{"FlagWins", []string{"--db-max-open", "6"}, map[string]string{"TEND_DB_MAX_OPEN": "12", "TEND_DB_MAX_IDLE": "4"}, 6, 4, ""},
		{"IdleOnly", []string{"--db-max-idle", "2"}, nil, def, 2, ""},
		{"OpenZero", []string{"--db-max-open", "0"}, nil, 0, 0, "--db-max-open 0: give at least 1 connection"},
		{"IdleZero", []string{"--db-max-idle", "0"}, nil, 0, 0, "--db-max-idle 0: give at least 1 connection"},
		{"OpenNegative", []string{"--db-max-open", "-4"}, nil, 0, 0, "--db-max-open -4: give at least 1 connection"},
		{"IdleNegativeVar", nil, map[string]string{"TEND_DB_MAX_IDLE": "-1"}, 0, 0, "--db-max-idle -1: give at least 1 connection"},
		{"NotANumber", nil, map[string]string{"TEND_DB_MAX_OPEN": "lots"}, 0, 0, `--db-max-open "lots": give a number of connections, like ` + fmt.Sprint(def)},
		{"TooMany", []string{"--db-max-open", "1000000"}, nil, 0, 0, "give at most 10000"},
		{"IdleOverOpen", []string{"--db-max-open", "4", "--db-max-idle", "6"}, nil, 0, 0, "--db-max-idle 6 is more than --db-max-open 4"},
		{"IdleOverDefault", []string{"--db-max-idle", fmt.Sprint(def + 1)}, nil, 0, 0, fmt.Sprintf("is more than --db-max-open %d", def)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, _, _ := testEnv(tc.vars)
			fs := newFlags("serve")
			var c Config
			serverFlags(fs, &c, e.Getenv, true)
			if _, err := parse(fs, tc.args, e); err != nil {
				t.Fatal(err)
			}
			c.DataDir, c.LogFormat, c.LogLevel = t.TempDir(), "text", "info"
			err := c.check()
			if tc.wantErrContains != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErrContains) {
					t.Fatalf("got %v, want an error containing %q", err, tc.wantErrContains)
				}
				return
			}
			if err != nil || c.Pool.open != tc.open || c.Pool.idle != tc.idle {
				t.Errorf("got %d open, %d idle, %v; want %d and %d", c.Pool.open, c.Pool.idle, err, tc.open, tc.idle)
			}
		})
	}
}

// TestPoolWrongOnCommandLine: tend serve stops with the line, exit 2.
func TestPoolWrongOnCommandLine(t *testing.T) {
	e, _, errb := testEnv(map[string]string{"TEND_DATA_DIR": t.TempDir(), "TEND_DB_MAX_IDLE": "9"})
	if code := e.Run([]string{"serve", "--addr", "127.0.0.1:0", "--db-max-open", "3"}); code != exitInput ||
		!strings.Contains(errb.String(), "tend: --db-max-idle 9 is more than --db-max-open 3") {
		t.Errorf("exit %d, stderr %q", code, errb)
	}
}

// TestPoolReachesTheDatabase: the server's database gets the sizes, on
// SQLite (its readers) and on PostgreSQL.
func TestPoolReachesTheDatabase(t *testing.T) {
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			c := Config{Addr: "127.0.0.1:0", DataDir: t.TempDir(), Migrate: true, Signup: "open", LogFormat: "text", LogLevel: "info",
				Pool: poolConfig{maxOpen: "5", maxIdle: "2"}}
			if backend == "postgres" {
				c.Database = throwawayPostgres(t)
			}
			if err := c.check(); err != nil {
				t.Fatal(err)
			}
			m := mustStartMain(t, c)
			if got := m.DB.PoolStats().MaxOpenConnections; got != 5 {
				t.Errorf("at most %d connections open, want 5", got)
			}
			if backend == "postgres" {
				// Five taken at once and given back: two stay open.
				var conns []*sql.Conn
				for range 5 {
					conn, err := m.DB.SQL().Conn(context.Background())
					if err != nil {
						t.Fatal(err)
					}
					conns = append(conns, conn)
				}
				for _, conn := range conns {
					conn.Close()
				}
				if idle := m.DB.PoolStats().Idle; idle != 2 {
					t.Errorf("%d connections left idle, want 2", idle)
				}
			}
		})
	}
}

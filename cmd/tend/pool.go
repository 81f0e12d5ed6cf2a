package main

import (
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/tendcare/tend/sqlstore"
)

// poolConfig is the database pool's size as given (--db-max-open,
// --db-max-idle or their TEND_* variables), checked by check.
type poolConfig struct {
	// maxOpen and maxIdle are as given; empty: the default.
	maxOpen, maxIdle string
	// open and idle are the checked numbers, 0 until check.
	open, idle int
}

// poolFlags defines the pool's flags, each with its TEND_* variable as
// the default.
func poolFlags(fs *flag.FlagSet, p *poolConfig, getenv func(string) string) {
	fs.StringVar(&p.maxOpen, "db-max-open", getenv("TEND_DB_MAX_OPEN"), fmt.Sprintf("the most connections to the database at once, a `number`: on PostgreSQL all of them,\n"+
		"on SQLite the readers' (the writer is one); default: 4 per CPU, 8 to 32 (%d here) (TEND_DB_MAX_OPEN)", sqlstore.PoolSize()))
	fs.StringVar(&p.maxIdle, "db-max-idle", getenv("TEND_DB_MAX_IDLE"), "how many of those stay open between bursts, a `number` at most --db-max-open;\n"+
		"default: as many as --db-max-open (TEND_DB_MAX_IDLE)")
}

// check reads the numbers, saying what to fix.
func (p *poolConfig) check() error {
	var err error
	if p.open, err = poolNumber("--db-max-open", p.maxOpen, sqlstore.PoolSize()); err != nil {
		return err
	}
	if p.idle, err = poolNumber("--db-max-idle", p.maxIdle, p.open); err != nil {
		return err
	}
	if p.idle > p.open {
		return usageErrorf("--db-max-idle %d is more than --db-max-open %d: only open connections can be idle; give at most %d", p.idle, p.open, p.open)
	}
	return nil
}

// poolNumber reads a count of connections, def when not given.
func poolNumber(name, s string, def int) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	switch {
	case err != nil:
		return 0, usageErrorf("%s %q: give a number of connections, like %d", name, s, def)
	case n < 1:
		return 0, usageErrorf("%s %d: give at least 1 connection", name, n)
	case n > 10000:
		return 0, usageErrorf("%s %d: give at most 10000 connections", name, n)
	}
	return n, nil
}

// apply sizes the database's pool, once checked; unchecked (a command
// without the flags), the database keeps its default.
func (p *poolConfig) apply(db *sqlstore.DB) error {
	if p.open == 0 {
		return nil
	}
	return db.SetPool(p.open, p.idle)
}

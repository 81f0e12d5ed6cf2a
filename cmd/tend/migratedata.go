package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/sqlstore"
)

// tend migrate-data moves a whole Tend from one database to another:
// from SQLite to PostgreSQL when it outgrows one machine, or back. Rows
// are copied as they are stored, sealed values sealed: it needs no key,
// and the same server key opens them afterwards.

// place is a database given to migrate-data.
type place struct {
	flag  string // --from or --to
	dsn   string // what sqlstore.Open takes
	shown string // for messages: no password
	pg    bool
	// mkdir is a SQLite destination's data directory, to make; made
	// lists what this run created for it (the directory, the file),
	// removed again when the copy fails.
	mkdir string
	made  []string
}

func (p *place) dialect() string {
	if p.pg {
		return "PostgreSQL"
	}
	return "SQLite"
}

// openTimeout bounds connecting to each database, so that an address
// nobody answers at is reported instead of waited on.
const openTimeout = 30 * time.Second

func (e *Env) migrateDataCmd(args []string) error {
	fs := newFlags("migrate-data")
	var from, to string
	fs.StringVar(&from, "from", "", "the database to copy from: a data directory, its tend.db, or a postgres:// URL;\n"+
		"every tend server using it must be stopped first")
	fs.StringVar(&to, "to", "", "the empty database to copy into: a data directory (made if missing) or a .db file,\n"+
		"or a postgres:// URL of an empty database")
	pos, err := parse(fs, args, e)
	if err != nil {
		return err
	}
	switch {
	case len(pos) > 0:
		return usageErrorf("migrate-data takes no arguments but --from and --to, not %q", pos[0])
	case from == "" || to == "":
		return usageErrorf("give both --from and --to, like tend migrate-data --from /var/lib/tend --to postgres://tend@db.example.org/tend")
	}
	src, err := locate("--from", from, true)
	if err != nil {
		return err
	}
	dst, err := locate("--to", to, false)
	if err != nil {
		return err
	}
	if same, err := samePlace(src, dst); err != nil || same {
		if err == nil {
			err = usageErrorf("--from and --to name the same database (%s): copy into another, empty one", dst.shown)
		}
		return err
	}
	// A SQLite source's server holds its data directory's lock: take it,
	// so that none starts while the copy runs.
	if !src.pg {
		lock, err := lockDataDir(filepath.Dir(src.dsn), false)
		if errors.Is(err, errLocked) {
			return usageErrorf("--from %s: a tend server is running on it: stop it first, then copy (nothing was changed)", src.shown)
		}
		if err != nil {
			return err
		}
		defer lock.release()
	}
	ctx := context.Background()
	fmt.Fprintf(e.Stdout, "Copying %s (%s)\n   into %s (%s).\n"+
		"Every tend server using the first must be stopped: what it writes now\nwould not be copied.\n",
		src.shown, src.dialect(), dst.shown, dst.dialect())
	srcDB, err := openPlace(ctx, src)
	if err != nil {
		return err
	}
	defer srcDB.Close()
	if _, _, err := srcDB.SchemaVersions(ctx); err != nil {
		return placeErr(src, err)
	}
	counts, err := copyInto(ctx, dst, src, srcDB)
	if err != nil {
		// Only what this run made, and a directory only when empty.
		for _, p := range slices.Backward(dst.made) {
			os.Remove(p)
		}
		return err
	}
	e.printCopied(counts, dst)
	return nil
}

// copyInto opens the destination, checks it is empty, migrates it and
// copies src into it.
func copyInto(ctx context.Context, dst, src *place, srcDB *sqlstore.DB) ([]sqlstore.TableRows, error) {
	if dst.mkdir != "" {
		if err := os.Mkdir(dst.mkdir, 0o700); err != nil {
			return nil, usageErrorf("%s %s: cannot make the data directory: %v", dst.flag, dst.mkdir, err)
		}
		dst.made = append([]string{dst.mkdir}, dst.made...)
	}
	dstDB, err := openPlace(ctx, dst)
	if err != nil {
		return nil, err
	}
	defer dstDB.Close()
	if err := dstDB.CheckEmpty(ctx); err != nil {
		return nil, placeErr(dst, err)
	}
	if err := migrateAll(ctx, dstDB); err != nil {
		return nil, placeErr(dst, err)
	}
	if err := sqlstore.CheckSameSchema(ctx, dstDB, srcDB); err != nil {
		return nil, placeErr(src, err)
	}
	counts, err := sqlstore.CopyAll(ctx, dstDB, srcDB)
	if err != nil {
		return nil, placeErr(dst, err)
	}
	return counts, nil
}

// printCopied lists the tables copied and their rows.
func (e *Env) printCopied(counts []sqlstore.TableRows, dst *place) {
	slices.SortFunc(counts, func(a, b sqlstore.TableRows) int { return strings.Compare(a.Table, b.Table) })
	width := len("table")
	for _, c := range counts {
		width = max(width, len(c.Table))
	}
	fmt.Fprintf(e.Stdout, "\n  %-*s %8s\n", width, "table", "rows")
	var total int64
	for _, c := range counts {
		fmt.Fprintf(e.Stdout, "  %-*s %8d\n", width, c.Table, c.Rows)
		total += c.Rows
	}
	skipped := slices.Sorted(func(yield func(string) bool) {
		for t := range sqlstore.NotCopied() {
			if !yield(t) {
				return
			}
		}
	})
	fmt.Fprintf(e.Stdout, "\nDone: %d rows in %d tables, each table holding as many in both.\n", total, len(counts))
	fmt.Fprintf(e.Stdout, "Not copied, the destination's own:\n  %s.\n", strings.Join(skipped, ", "))
	fmt.Fprint(e.Stdout, "What people wrote was copied sealed: start tend on the new database with\n"+
		"the same server key as before (the file secret.key of the old data\n"+
		"directory, or TEND_SECRET_KEY or TEND_SECRET_KEY_FILE), or nothing sealed\n"+
		"can be read.\n")
}

// locate reads a database argument: a postgres:// URL, a data directory
// (its tend.db) or a SQLite file. The source must exist; a destination
// that does not is made: a .db file, else a data directory.
func locate(flag, s string, source bool) (*place, error) {
	if strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://") {
		p := &place{flag: flag, dsn: s, pg: true, shown: (&Config{Database: s}).redactedDSN()}
		if _, err := pgconn.ParseConfig(s); err != nil {
			return nil, usageErrorf("%s %s: not a PostgreSQL address: %s", flag, p.shown, oneLine(err))
		}
		return p, nil
	}
	path, err := filepath.Abs(s)
	if err != nil {
		return nil, usageErrorf("%s %s: %v", flag, s, err)
	}
	p := &place{flag: flag}
	info, err := os.Stat(path)
	switch {
	case err == nil && info.IsDir():
		path = filepath.Join(path, "tend.db")
	case err == nil:
	case !errors.Is(err, fs.ErrNotExist):
		return nil, usageErrorf("%s %s: %v", flag, s, err)
	case source:
		return nil, usageErrorf("%s %s: there is nothing there; give the data directory of the Tend to copy, or its tend.db", flag, s)
	case strings.HasSuffix(path, ".db"):
		if _, err := os.Stat(filepath.Dir(path)); err != nil {
			return nil, usageErrorf("%s %s: its directory %s does not exist; make it first", flag, s, filepath.Dir(path))
		}
	default:
		if _, err := os.Stat(filepath.Dir(path)); err != nil {
			return nil, usageErrorf("%s %s: its directory %s does not exist; make it first", flag, s, filepath.Dir(path))
		}
		p.mkdir = path
		path = filepath.Join(path, "tend.db")
	}
	if _, err := os.Stat(path); source && err != nil {
		return nil, usageErrorf("%s %s: there is no tend.db in it; give the data directory of the Tend to copy, or its tend.db", flag, s)
	} else if err != nil {
		p.made = append(p.made, path, path+"-wal", path+"-shm")
	}
	p.dsn, p.shown = path, path
	return p, nil
}

// samePlace reports whether the two name the same database: the same
// SQLite file, or the same host, port and database name.
func samePlace(a, b *place) (bool, error) {
	if a.pg != b.pg {
		return false, nil
	}
	if !a.pg {
		ai, aerr := os.Stat(a.dsn)
		bi, berr := os.Stat(b.dsn)
		return a.dsn == b.dsn || aerr == nil && berr == nil && os.SameFile(ai, bi), nil
	}
	ac, err := pgconn.ParseConfig(a.dsn)
	if err != nil {
		return false, err
	}
	bc, err := pgconn.ParseConfig(b.dsn)
	if err != nil {
		return false, err
	}
	return strings.EqualFold(ac.Host, bc.Host) && ac.Port == bc.Port && ac.Database == bc.Database, nil
}

// openPlace opens a database without a key: nothing is unsealed.
func openPlace(ctx context.Context, p *place) (*sqlstore.DB, error) {
	ctx, cancel := context.WithTimeout(ctx, openTimeout)
	defer cancel()
	db, err := sqlstore.Open(ctx, p.dsn, nil)
	if err != nil {
		return nil, usageErrorf("%s %s: cannot open the database: %s", p.flag, p.shown, strings.TrimPrefix(oneLine(err), "open database: "))
	}
	return db, nil
}

// placeErr puts which database an error is about before it; a refusal
// stays a refusal (exit 2), anything else is a failure (exit 1).
func placeErr(p *place, err error) error {
	if tend.ErrorCode(err) == tend.EINVALID {
		return usageErrorf("%s %s: %s", p.flag, p.shown, tend.ErrorMessage(err))
	}
	return &tend.Error{Code: tend.EINTERNAL, Message: fmt.Sprintf("%s %s: %s", p.flag, p.shown, oneLine(err)), Err: err}
}

package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/jobs"
	"github.com/tendcare/tend/seal"
	"github.com/tendcare/tend/sqlstore"
)

// setAsideMark is what restore adds to the name of the database it
// replaces (then a time, as backupName writes it).
const setAsideMark = ".before-restore-"

func (e *Env) restoreCmd(args []string) error {
	fs := newFlags("restore")
	var c Config
	serverFlags(fs, &c, e.Getenv, false)
	pos, err := parse(fs, args, e)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErrorf("restore needs the one backup file to restore: tend restore FILE [--data-dir D]")
	}
	if err := c.check(); err != nil {
		return err
	}
	if isPostgres(c.databaseDSN()) {
		return usageErrorf("tend restore restores SQLite backups; restore a PostgreSQL dump with pg_restore (see `tend backup --database URL`)")
	}
	return e.restore(context.Background(), &c, pos[0])
}

// restore checks the backup whole before it changes anything: the
// manifest's checksum, then, on a copy in the data directory, SQLite's
// integrity check, the schema and the server key. Only then is the
// database set aside and the copy renamed into its place.
func (e *Env) restore(ctx context.Context, c *Config, file string) error {
	m, err := checkManifest(file)
	if err != nil {
		return err
	}
	latest := sqlstore.LatestSchemaVersion(sqlstore.SQLite)
	if m.SchemaVersion > latest {
		return newerSchema(file, m.SchemaVersion, latest)
	}
	if err := os.MkdirAll(c.DataDir, 0o700); err != nil {
		return usageErrorf("--data-dir %s: %v", c.DataDir, err)
	}
	// A server holds the lock file it made; where there is none, no
	// server runs, and it is made only once the backup passed every
	// check, so that a refusal leaves the directory as it was.
	lock, err := e.lockForRestore(c, false)
	if err != nil {
		return err
	}
	defer func() { lock.release() }()

	dst := c.databaseDSN()
	tmp, err := copyToTemp(file, filepath.Dir(dst))
	if err != nil {
		return err
	}
	defer os.Remove(tmp) // nothing left once renamed
	// The copy is what gets checked, and then renamed: what was checked
	// is what is put in place.
	if _, sum, err := hashFile(tmp); err != nil || sum != m.SHA256 {
		return usageErrorf("%s changed while it was read (its SHA-256 no longer matches its manifest); nothing was changed", file)
	}
	schema, err := sqlstore.CheckSQLite(ctx, tmp)
	switch {
	case errors.Is(err, sqlstore.ErrNotTend):
		return usageErrorf("%s is a SQLite database but not Tend's (%v); nothing was changed", file, err)
	case err != nil:
		return usageErrorf("%s is damaged (%v): restore another backup; nothing was changed", file, err)
	case schema > latest:
		return newerSchema(file, schema, latest)
	case schema != m.SchemaVersion:
		return usageErrorf("%s is at schema %d, its manifest says %d: the manifest is not this backup's; nothing was changed", file, schema, m.SchemaVersion)
	}
	if err := checkRiver(ctx, file, tmp); err != nil {
		return err
	}
	keyNote, err := e.checkRestoreKey(ctx, c, tmp)
	if err != nil {
		return err
	}
	if lock == nil {
		if lock, err = e.lockForRestore(c, true); err != nil {
			return err
		}
	}
	aside, err := setAside(dst, e.Now().UTC())
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, dst); err != nil {
		return err
	}
	if err := syncDir(filepath.Dir(dst)); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "restored %s\n(made %s by tend %s, schema %d)\ninto %s\n", file,
		m.CreatedAt.UTC().Format("2006-01-02 15:04:05 MST"), m.TendVersion, schema, dst)
	if aside != "" {
		fmt.Fprintf(e.Stdout, "\nThe database it replaced is kept as\n  %s\n", aside)
		fmt.Fprint(e.Stdout, wrap("until the next tend serve starts successfully (migrating it first), which deletes it. "+
			"To go back before then, stop the server and move it (with its -wal and -shm files, if any) back to "+filepath.Base(dst)+".", "", ""))
	}
	fmt.Fprint(e.Stdout, "\n"+keyNote)
	return nil
}

// lockForRestore takes the data directory's lock (see lockDataDir).
func (e *Env) lockForRestore(c *Config, create bool) (*dataLock, error) {
	lock, err := lockDataDir(c.DataDir, create)
	if errors.Is(err, errLocked) {
		return nil, usageErrorf("a tend server is running on %s: stop it first, then restore (nothing was changed)", c.DataDir)
	}
	if err != nil {
		return nil, usageErrorf("--data-dir %s: %v", c.DataDir, err)
	}
	return lock, nil
}

// checkRiver refuses a backup whose job queue (River, in the same file)
// was migrated further than this tend knows, which a newer Tend with the
// same schema of its own can leave: the server would not start on it.
func checkRiver(ctx context.Context, file, path string) error {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&immutable=1")
	if err != nil {
		return err
	}
	defer db.Close()
	applied, known, err := jobs.Versions(ctx, db, "sqlite")
	if err != nil {
		return usageErrorf("%s: %v; nothing was changed", file, err)
	}
	if applied > known {
		return usageErrorf("%s was made by a newer Tend (its job queue is at River migration %d; this tend knows up to %d): restore it with that version or newer; nothing was changed", file, applied, known)
	}
	return nil
}

// newerSchema refuses a backup made by a newer Tend.
func newerSchema(file string, schema, latest int64) error {
	return usageErrorf("%s was made by a newer Tend (schema %d; this tend knows up to %d): restore it with that version or newer; nothing was changed", file, schema, latest)
}

// checkManifest reads the manifest beside the backup and checks the
// backup against it: its format, size and SHA-256.
func checkManifest(file string) (*manifest, error) {
	data, err := os.ReadFile(file + ".json")
	if err != nil {
		return nil, usageErrorf("%s.json, the backup's manifest, cannot be read (%v): keep it beside the backup; nothing was changed", file, errors.Unwrap(err))
	}
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil || m.SHA256 == "" {
		return nil, usageErrorf("%s.json is not a backup manifest: nothing was changed", file)
	}
	if m.Format != manifestFormat || m.Database != string(sqlstore.SQLite) {
		return nil, usageErrorf("%s.json is a %s manifest of a %s backup; this tend restores %s of sqlite: nothing was changed", file, m.Format, m.Database, manifestFormat)
	}
	size, sum, err := hashFile(file)
	if err != nil {
		return nil, usageErrorf("%s cannot be read (%v); nothing was changed", file, errors.Unwrap(err))
	}
	if size != m.Size || sum != m.SHA256 {
		return nil, usageErrorf("%s is damaged: its SHA-256 does not match its manifest; restore another backup (nothing was changed)", file)
	}
	return &m, nil
}

// copyToTemp copies the backup to a new file in dir, on disk before it
// returns, and returns its name.
func copyToTemp(file, dir string) (string, error) {
	src, err := os.Open(file)
	if err != nil {
		return "", usageErrorf("%s: %v", file, err)
	}
	defer src.Close()
	dst, err := os.CreateTemp(dir, ".tend-restore-*.tmp")
	if err != nil {
		return "", usageErrorf("--data-dir %s: %v", dir, err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		os.Remove(dst.Name())
		return "", fmt.Errorf("copy %s: %w", file, err)
	}
	if err := dst.Sync(); err != nil {
		dst.Close()
		os.Remove(dst.Name())
		return "", err
	}
	if err := dst.Close(); err != nil {
		os.Remove(dst.Name())
		return "", err
	}
	return dst.Name(), nil
}

// checkRestoreKey checks that the server key here opens the backup, and
// says so. Without a key here yet (a new machine) it only warns: the key
// may be put in place after the restore, before serve makes a new one.
// It never makes a key.
func (e *Env) checkRestoreKey(ctx context.Context, c *Config, path string) (string, error) {
	raw, err := secretKey(e.Getenv)
	if err != nil {
		return "", err
	}
	where := "TEND_SECRET_KEY"
	var key seal.Key
	if raw != "" {
		if key, err = seal.ParseKey(raw); err != nil {
			return "", usageErrorf("TEND_SECRET_KEY: %v", err)
		}
	} else {
		where = filepath.Join(c.DataDir, "secret.key")
		if _, err := os.Stat(where); errors.Is(err, os.ErrNotExist) {
			return "There is no server key here yet. Put the key this backup was made with at\n  " + where + "\n" +
				wrap("(or set TEND_SECRET_KEY) before tend serve starts: it would make a new key, and nothing anyone wrote could be read.", "", ""), nil
		}
		if key, _, err = seal.LoadOrCreateKeyFile(where); err != nil {
			return "", usageErrorf("%v", err)
		}
	}
	sealer, err := seal.New(key)
	if err != nil {
		return "", err
	}
	db, err := sqlstore.Open(ctx, path, sealer)
	if err != nil {
		return "", err
	}
	err = db.CheckServerKey(ctx)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if errors.Is(err, sqlstore.ErrOtherKey) {
		return "", usageErrorf("the server key here (%s) is not the one this backup was made with: put that key in place, then restore; nothing was changed", where)
	}
	if err != nil {
		return "", err
	}
	return "The server key here opens it (" + where + ").\n", nil
}

// setAside renames the database and its -wal and -shm files (the log
// first: a log left beside another database would be replayed into it)
// to NAME.before-restore-TIME, and returns that name; "" when there was
// no database.
func setAside(db string, now time.Time) (string, error) {
	if _, err := os.Lstat(db); errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	aside := db + setAsideMark + now.Format("20060102-150405")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if _, err := os.Lstat(aside + suffix); err == nil {
			return "", &tend.Error{Code: tend.EINTERNAL, Message: aside + suffix + " already exists: wait a second, then restore again (nothing was changed)"}
		}
	}
	for _, suffix := range []string{"-shm", "-wal", ""} {
		err := os.Rename(db+suffix, aside+suffix)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("set %s aside: %w", db+suffix, err)
		}
	}
	return aside, nil
}

// setAsidePattern matches what setAside names, after the database's name.
var setAsidePattern = regexp.MustCompile(`^` + regexp.QuoteMeta(setAsideMark) + `[0-9]{8}-[0-9]{6}(-wal|-shm)?$`)

// dropSetAside deletes the databases restore set aside beside the one in
// use, once a server has started and migrated the restored one: it has
// proved itself. Failing to delete only leaves the files.
func dropSetAside(c *Config, log *slog.Logger) {
	db := c.databaseDSN()
	if isPostgres(db) {
		return
	}
	entries, err := os.ReadDir(filepath.Dir(db))
	if err != nil {
		return
	}
	base := filepath.Base(db)
	for _, ent := range entries {
		rest, ok := strings.CutPrefix(ent.Name(), base)
		if !ok || !setAsidePattern.MatchString(rest) {
			continue
		}
		if err := os.Remove(filepath.Join(filepath.Dir(db), ent.Name())); err == nil {
			log.Info("deleted the database tend restore had set aside", "file", ent.Name())
		}
	}
}

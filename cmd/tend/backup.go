package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/sqlstore"
)

// manifestFormat names the manifest's format; a later one is refused by
// restore rather than misread.
const manifestFormat = "tend.backup/v1"

// manifest describes a backup in a small file beside it (FILE.json), so
// that restore can tell a damaged file, or one made by a newer Tend,
// before it replaces anything.
type manifest struct {
	Format        string    `json:"format"`
	File          string    `json:"file"`
	Database      string    `json:"database"`
	TendVersion   string    `json:"tend_version"`
	SchemaVersion int64     `json:"schema_version"`
	CreatedAt     time.Time `json:"created_at"`
	Size          int64     `json:"size"`
	SHA256        string    `json:"sha256"`
}

// backupName is the default file name of a backup begun at t: names sort
// as times do, which --keep relies on.
func backupName(t time.Time) string {
	return "tend-" + t.UTC().Format("20060102-150405") + ".db"
}

// backupPattern matches the names backupName makes; --keep deletes no
// other file.
var backupPattern = regexp.MustCompile(`^tend-[0-9]{8}-[0-9]{6}\.db$`)

func (e *Env) backupCmd(args []string) error {
	fs := newFlags("backup")
	var c Config
	serverFlags(fs, &c, e.Getenv, false)
	out := fs.String("out", "", "the file to write; default: DATA_DIR/backups/tend-YYYYMMDD-HHMMSS.db (UTC), with its manifest beside it (FILE.json)")
	keep := fs.Int("keep", 0, "then keep only the newest N backups in that folder, deleting older ones\n"+
		"(only files named tend-YYYYMMDD-HHMMSS.db and their .json); default: keep all")
	pos, err := parse(fs, args, e)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErrorf("backup takes no arguments; name the file with --out FILE")
	}
	if *keep < 0 {
		return usageErrorf("--keep %d: give how many backups to keep, 1 or more (without --keep all are kept)", *keep)
	}
	if err := c.check(); err != nil {
		return err
	}
	if isPostgres(c.databaseDSN()) {
		e.postgresBackupHelp(&c)
		return usageErrorf("nothing was backed up: on PostgreSQL, back up with pg_dump as shown above")
	}
	return e.backupSQLite(context.Background(), &c, *out, *keep)
}

// isPostgres reports whether the database named is PostgreSQL's.
func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// backupSQLite writes the backup and its manifest, each to a temporary
// file in the target folder renamed into place once complete and on
// disk, so that a crash leaves no half backup under a backup's name.
func (e *Env) backupSQLite(ctx context.Context, c *Config, out string, keep int) error {
	src := c.databaseDSN()
	if fi, err := os.Stat(src); err != nil || !fi.Mode().IsRegular() {
		return usageErrorf("there is no database at %s to back up: check --data-dir (TEND_DATA_DIR) or --database", src)
	}
	began := e.Now().UTC()
	if out == "" {
		out = filepath.Join(c.DataDir, "backups", backupName(began))
	}
	for _, f := range []string{out, out + ".json"} {
		if _, err := os.Lstat(f); err == nil {
			return usageErrorf("%s already exists: give another --out, or move it away first", f)
		}
	}
	dir := filepath.Dir(out)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return usageErrorf("backup folder %s: %v", dir, err)
	}
	tmp, err := os.CreateTemp(dir, ".tend-backup-*.tmp")
	if err != nil {
		return usageErrorf("backup folder %s: %v", dir, err)
	}
	tmp.Close()
	defer os.Remove(tmp.Name()) // nothing left once renamed
	if err := sqlstore.BackupSQLite(ctx, src, tmp.Name()); err != nil {
		return &tend.Error{Code: tend.EINTERNAL, Message: "the backup of " + src + " failed; nothing was backed up", Err: err}
	}
	// The copy is checked as restore will check it: a backup that would
	// be refused is no backup.
	schema, err := sqlstore.CheckSQLite(ctx, tmp.Name())
	if err != nil {
		return &tend.Error{Code: tend.EINTERNAL, Message: "the copy of " + src + " failed its check; nothing was backed up", Err: err}
	}
	size, sum, err := syncAndHash(tmp.Name())
	if err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return err
	}
	m := manifest{Format: manifestFormat, File: filepath.Base(out), Database: string(sqlstore.SQLite), TendVersion: version,
		SchemaVersion: schema, CreatedAt: began, Size: size, SHA256: sum}
	data, _ := json.MarshalIndent(m, "", "  ")
	if err := writeFileSynced(out+".json", append(data, '\n')); err != nil {
		return err
	}
	if err := syncDir(dir); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "backed up %s\nto %s (%s, schema %d)\nmanifest %s.json\n", src, out, humanSize(size), schema, out)
	if keep > 0 {
		pruned, err := pruneBackups(dir, keep)
		for _, f := range pruned {
			fmt.Fprintf(e.Stdout, "deleted the older %s\n", f)
		}
		if err != nil {
			return &tend.Error{Code: tend.EINTERNAL, Message: "the backup is made, but pruning older ones in " + dir + " failed", Err: err}
		}
	}
	fmt.Fprintf(e.Stdout, "\nThe server key is not in the backup (it is %s).\n", keyPlace(c, e.Getenv))
	fmt.Fprint(e.Stdout, wrap("Keep a copy of it somewhere other than the backups: without the key, a backup opens nothing anyone wrote; "+
		"with the key beside it, whoever takes both can read everything.", "", ""))
	if rel, err := filepath.Rel(c.DataDir, out); err == nil && !strings.HasPrefix(rel, "..") {
		fmt.Fprint(e.Stdout, wrap("This backup is in the data directory, on the same disk as the database and beside the key: "+
			"copy it to another disk or machine, without the key.", "", ""))
	}
	return nil
}

// keyPlace says where the server key is: VACUUM INTO copies the
// database only, never the key, which the operator keeps apart.
func keyPlace(c *Config, getenv func(string) string) string {
	switch {
	case getenv("TEND_SECRET_KEY") != "":
		return "TEND_SECRET_KEY"
	case getenv("TEND_SECRET_KEY_FILE") != "":
		return getenv("TEND_SECRET_KEY_FILE")
	}
	return filepath.Join(c.DataDir, "secret.key")
}

// syncAndHash flushes the file to disk (VACUUM INTO does not) and returns
// its size and SHA-256.
func syncAndHash(path string) (int64, string, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return 0, "", err
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return 0, "", err
	}
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return 0, "", err
	}
	return n, hex.EncodeToString(h.Sum(nil)), nil
}

// hashFile returns a file's size and SHA-256.
func hashFile(path string) (int64, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, "", err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return 0, "", err
	}
	return n, hex.EncodeToString(h.Sum(nil)), nil
}

// writeFileSynced writes data to path through a temporary file beside
// it, on disk before it takes the name.
func writeFileSynced(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tend-backup-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// syncDir makes the folder's new names durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		return err
	}
	return nil
}

// pruneBackups deletes all but the newest keep backups in dir, each with
// its manifest, and returns the names deleted. Only files named as
// backupName names them are counted or deleted.
func pruneBackups(dir string, keep int) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var backups []string
	for _, ent := range entries {
		if ent.Type().IsRegular() && backupPattern.MatchString(ent.Name()) {
			backups = append(backups, ent.Name())
		}
	}
	slices.Sort(backups)
	if len(backups) <= keep {
		return nil, nil
	}
	var deleted []string
	for _, name := range backups[:len(backups)-keep] {
		for _, f := range []string{name, name + ".json"} {
			err := os.Remove(filepath.Join(dir, f))
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				return deleted, err
			}
			deleted = append(deleted, f)
		}
	}
	return deleted, nil
}

// humanSize writes a size the way people read it.
func humanSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// postgresBackupHelp says how to back up and restore a PostgreSQL
// database with its own tools, which know it better than Tend could.
func (e *Env) postgresBackupHelp(c *Config) {
	fmt.Fprintf(e.Stderr, `tend backup copies SQLite databases only. This server keeps its data in
PostgreSQL, at %s
Back it up with PostgreSQL's own pg_dump, which takes a consistent copy
while Tend runs (URL: that address, with its password):

  pg_dump -Fc -f tend-$(date -u +%%Y%%m%%d-%%H%%M%%S).dump URL

To restore, make a new, empty database, restore the dump into it, and
point --database at it:

  createdb tend_restored
  pg_restore --no-owner --exit-on-error --single-transaction \
    -d URL_OF_tend_restored tend-YYYYMMDD-HHMMSS.dump

The server key is not in the dump: keep a copy of it apart from the dumps.
See "Backups" in the README.

`, c.redactedDSN())
}

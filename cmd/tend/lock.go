package main

import (
	"errors"
	"os"
	"path/filepath"
)

// lockName is the file in the data directory a server holds an exclusive
// advisory lock on for as long as it runs on SQLite there, and restore
// for as long as it works: restoring under a running server would lose
// what the server writes, or worse, mix the two databases.
const lockName = "tend.lock"

// errLocked: another process holds the data directory's lock.
var errLocked = errors.New("locked")

// dataLock is a held lock on a data directory; the kernel releases it
// when the process ends, however it ends. The file itself is never
// deleted: a process that opened it could then lock a file no one else
// sees.
type dataLock struct{ f *os.File }

// lockDataDir takes the data directory's lock without waiting:
// errLocked when another process holds it. Without create, a directory
// with no lock file yet (no server ever ran there) gives a nil lock and
// no error, and is left as it was.
func lockDataDir(dir string, create bool) (*dataLock, error) {
	f, err := openLocked(filepath.Join(dir, lockName), create)
	if err != nil || f == nil {
		return nil, err
	}
	return &dataLock{f}, nil
}

// release lets the lock go; a nil lock is nothing to release.
func (l *dataLock) release() {
	if l != nil {
		l.f.Close()
	}
}

// lockData takes the data directory's lock for a server on SQLite, so
// that neither a second server nor tend restore works on its database
// while it runs. Nodes sharing PostgreSQL may share a data directory
// (for the server key): they take none.
func (m *Main) lockData() error {
	if isPostgres(m.Config.databaseDSN()) {
		return nil
	}
	l, err := lockDataDir(m.Config.DataDir, true)
	if errors.Is(err, errLocked) {
		return usageErrorf("another tend server is running on %s (it holds %s): stop it, or give this one its own --data-dir", m.Config.DataDir, lockName)
	}
	if err != nil {
		return usageErrorf("--data-dir %s: %v", m.Config.DataDir, err)
	}
	m.lock = l
	return nil
}

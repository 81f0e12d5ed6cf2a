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

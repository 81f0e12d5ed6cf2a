//go:build unix

package main

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// openLocked opens the file (creating it when told to; a nil file when
// it is not there and need not be) and takes an exclusive flock on it,
// failing at once with errLocked when another open file holds one (in
// this process too: flock locks belong to the open file).
func openLocked(path string, create bool) (*os.File, error) {
	flags := os.O_RDWR
	if create {
		flags |= os.O_CREATE
	}
	f, err := os.OpenFile(path, flags, 0o600)
	if !create && errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if err == nil {
		return f, nil
	}
	f.Close()
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return nil, errLocked
	}
	return nil, err
}

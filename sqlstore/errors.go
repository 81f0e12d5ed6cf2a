package sqlstore

import (
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/tendcare/tend"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// errNoPerson is the answer for a person id that is not there.
func errNoPerson() error { return tend.Errorf(tend.ENOTFOUND, "there is no such person") }

// wrapStore prefixes a driver error with what was being done, for logs;
// domain errors (not found, invalid and the like) pass as they are.
func wrapStore(what string, err error) error {
	if err == nil || tend.ErrorCode(err) != tend.EINTERNAL {
		return err
	}
	return fmt.Errorf("%s: %w", what, err)
}

// formatError translates a driver error into a domain error, by the
// driver's error codes: a unique violation is a conflict.
func formatError(err error, conflict string) error {
	if err == nil {
		return nil
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "23505" {
		return &tend.Error{Code: tend.ECONFLICT, Message: conflict, Err: err}
	}
	var se *sqlite.Error
	if errors.As(err, &se) && (se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY) {
		return &tend.Error{Code: tend.ECONFLICT, Message: conflict, Err: err}
	}
	return err
}

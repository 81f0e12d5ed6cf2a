package storetest

import (
	"maps"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

// Populate fills the store as the suite's richest test does: Sam with a
// row in every table that holds a person's data and something in every
// part of an export, Alex (and Kim) beside Sam in a circle and an
// encounter, with the markers Mine and Theirs in what each wrote. For
// tests outside the suite that need a database with everything in it
// (backups, upgrades). It sets the store's clock to Clock().
func Populate(t *testing.T, s Store) (sam, alex *tend.Person) {
	t.Helper()
	s.DB.Now = func() time.Time { return now }
	return rich(t, s)
}

// Clock is the moment the suite's stores live at.
func Clock() time.Time { return now }

// Markers in what Populate's people write: Sam's words hold Mine,
// Alex's Theirs.
const (
	Mine   = mine
	Theirs = theirs
)

// CheckExportFilled fails t for every part of x, at any depth, that is
// empty, but those any export may leave empty and those in except (a
// part's JSON path, like "channels.device", with why).
func CheckExportFilled(t *testing.T, x *tend.Export, except map[string]string) {
	t.Helper()
	filled := map[string]bool{}
	fields(reflect.TypeOf(*x), "", filled)
	mark(reflect.ValueOf(*x), "", filled)
	for _, path := range slices.Sorted(maps.Keys(filled)) {
		if !filled[path] && mayBeZero[path] == "" && except[path] == "" {
			t.Errorf("%s is empty in the export", path)
		}
	}
	for path := range except {
		if _, ok := filled[path]; !ok {
			t.Errorf("%s is listed as may be empty, but the export has no such part", path)
		}
	}
}

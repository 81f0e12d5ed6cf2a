package sqlstore

import (
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The two folders of migrations say the same thing in two dialects: the
// same files, the same statements, differing only in the type names and
// values below and in the dialect-only statements listed. A migration
// added to one folder alone, or a column changed in one only, fails
// TestMigrationParity.

// sameTypes pairs a SQLite word with the PostgreSQL word it stands for.
var sameTypes = map[[2]string]bool{
	{"BLOB", "BYTEA"}:        true, // bytes
	{"INTEGER", "BIGINT"}:    true, // SQLite's INTEGER is 64 bits
	{"INTEGER", "BOOLEAN"}:   true, // SQLite has no boolean: 0 and 1
	{"0", "FALSE"}:           true, // ... as values
	{"1", "TRUE"}:            true,
	{"INTEGER", "SERIAL"}:    true, // a numbered key
	{"INTEGER", "BIGSERIAL"}: true,
}

// dialectOnly are statements one dialect needs and the other has no
// counterpart for, whole statements (case aside).
var dialectOnly = map[string][]*regexp.Regexp{
	"sqlite": {
		// Rewrites the whole file without freed pages (migration 18).
		regexp.MustCompile(`(?i)^VACUUM$`),
	},
	"postgres": {
		// Rewrites a table without dropped columns' values (18).
		regexp.MustCompile(`(?i)^VACUUM FULL [a-z_]+$`),
	},
}

// migration is one file's statements by section ("Up", "Down") and its
// goose directives other than the sections.
type migration struct {
	directives []string
	sections   map[string][]string
}

// parseMigration splits a goose SQL file into statements, leaving out
// comments and the dialect's own statements, its whitespace collapsed.
func parseMigration(dialect, src string) migration {
	m := migration{sections: map[string][]string{}}
	section := ""
	var stmt strings.Builder
	flush := func() {
		s := strings.Join(strings.Fields(stmt.String()), " ")
		stmt.Reset()
		if s == "" {
			return
		}
		for _, re := range dialectOnly[dialect] {
			if re.MatchString(s) {
				return
			}
		}
		m.sections[section] = append(m.sections[section], s)
	}
	for line := range strings.Lines(src) {
		if d, ok := strings.CutPrefix(strings.TrimSpace(line), "-- +goose "); ok {
			flush()
			d = strings.ToUpper(strings.TrimSpace(d))
			switch d {
			case "UP", "DOWN":
				section = d
			case "STATEMENTBEGIN", "STATEMENTEND":
			default:
				m.directives = append(m.directives, d)
			}
			continue
		}
		inQuote := false
		for i := 0; i < len(line); i++ {
			c := line[i]
			switch {
			case c == '\'':
				inQuote = !inQuote
			case !inQuote && c == '-' && strings.HasPrefix(line[i:], "--"):
				i = len(line) // a comment, to the end of the line
				continue
			case !inQuote && c == ';':
				flush()
				continue
			}
			stmt.WriteByte(c)
		}
		stmt.WriteByte('\n')
	}
	flush()
	return m
}

var sqlToken = regexp.MustCompile(`'(?:[^']|'')*'|"[^"]*"|[A-Za-z_][A-Za-z0-9_]*|[0-9]+|\S`)

// sameStatement reports whether a SQLite statement and a PostgreSQL one
// say the same, and if not, the first words that differ.
func sameStatement(lite, pg string) (bool, string) {
	a, b := sqlToken.FindAllString(lite, -1), sqlToken.FindAllString(pg, -1)
	for i := 0; i < len(a) && i < len(b); i++ {
		x, y := a[i], b[i]
		if x == y || (x[0] != '\'' && strings.EqualFold(x, y)) || sameTypes[[2]string{strings.ToUpper(x), strings.ToUpper(y)}] {
			continue
		}
		return false, fmt.Sprintf("%q (sqlite) against %q (postgres), word %d", x, y, i+1)
	}
	if len(a) != len(b) {
		return false, fmt.Sprintf("%d words (sqlite) against %d (postgres)", len(a), len(b))
	}
	return true, ""
}

// compareMigrations lists every difference between the two folders'
// files, by name; goVersions are the migrations written in Go, which
// must have no file.
func compareMigrations(lite, pg map[string]string, goVersions []int64) []string {
	var problems []string
	names := map[string]bool{}
	for n := range lite {
		names[n] = true
	}
	for n := range pg {
		names[n] = true
	}
	sorted := slices.Sorted(func(yield func(string) bool) {
		for n := range names {
			if !yield(n) {
				return
			}
		}
	})
	seen := map[int64]string{}
	for _, name := range sorted {
		ls, inLite := lite[name]
		ps, inPG := pg[name]
		if !inLite || !inPG {
			missing := "postgres"
			if !inLite {
				missing = "sqlite"
			}
			problems = append(problems, fmt.Sprintf("%s: in one folder only (not in migrations/%s)", name, missing))
			continue
		}
		num, _, _ := strings.Cut(name, "_")
		v, err := strconv.ParseInt(num, 10, 64)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: no version number first", name))
			continue
		}
		if prev, ok := seen[v]; ok {
			problems = append(problems, fmt.Sprintf("%s: version %d is %s too", name, v, prev))
		}
		seen[v] = name
		if slices.Contains(goVersions, v) {
			problems = append(problems, fmt.Sprintf("%s: version %d is a Go migration", name, v))
		}
		a, b := parseMigration("sqlite", ls), parseMigration("postgres", ps)
		if !slices.Equal(a.directives, b.directives) {
			problems = append(problems, fmt.Sprintf("%s: goose directives %q (sqlite) against %q (postgres)", name, a.directives, b.directives))
		}
		for _, sec := range []string{"UP", "DOWN"} {
			x, y := a.sections[sec], b.sections[sec]
			for i := 0; i < len(x) || i < len(y); i++ {
				switch {
				case i >= len(x):
					problems = append(problems, fmt.Sprintf("%s %s: postgres only: %s", name, sec, y[i]))
				case i >= len(y):
					problems = append(problems, fmt.Sprintf("%s %s: sqlite only: %s", name, sec, x[i]))
				default:
					if ok, why := sameStatement(x[i], y[i]); !ok {
						problems = append(problems, fmt.Sprintf("%s %s, statement %d: %s\n\tsqlite:   %s\n\tpostgres: %s", name, sec, i+1, why, x[i], y[i]))
					}
				}
			}
		}
	}
	for _, v := range goVersions {
		seen[v] = "Go"
	}
	for v := int64(1); v <= int64(len(seen)); v++ {
		if _, ok := seen[v]; !ok {
			problems = append(problems, fmt.Sprintf("no migration numbered %d (a file in both folders, or Go)", v))
		}
	}
	return problems
}

func readMigrations(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := fs.ReadDir(migrations, dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		b, err := fs.ReadFile(migrations, dir+"/"+e.Name())
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

// TestMigrationParity: the migrations the binary carries for SQLite and
// for PostgreSQL are the same files saying the same things.
func TestMigrationParity(t *testing.T) {
	var goVersions []int64
	for _, m := range (&DB{}).goMigrations() {
		goVersions = append(goVersions, m.Version)
	}
	lite, pg := readMigrations(t, "migrations/sqlite"), readMigrations(t, "migrations/postgres")
	if len(lite) == 0 || len(pg) == 0 {
		t.Fatalf("no migrations read: %d sqlite, %d postgres", len(lite), len(pg))
	}
	for _, p := range compareMigrations(lite, pg, goVersions) {
		t.Error(p)
	}
}

// TestCompareMigrations: the comparison finds each kind of difference,
// and lets pass what only the dialects' words change.
func TestCompareMigrations(t *testing.T) {
	const base = "-- +goose Up\n-- a comment\nCREATE TABLE t (\n    id TEXT PRIMARY KEY, -- why\n    b %s NOT NULL,\n    at %s NOT NULL,\n    on_ %s NOT NULL DEFAULT %s\n);\n%s\n-- +goose Down\nDROP TABLE t;\n"
	file := func(b, at, flag, def, extra string) string { return fmt.Sprintf(base, b, at, flag, def, extra) }
	lite, pg := file("BLOB", "INTEGER", "INTEGER", "0", "VACUUM;"), file("BYTEA", "BIGINT", "BOOLEAN", "FALSE", "VACUUM FULL t;")
	for _, tc := range []struct {
		name       string
		lite, pg   map[string]string
		goVersions []int64
		want       string // in the one problem found; "" for none
	}{
		{"same", map[string]string{"00001_t.sql": lite}, map[string]string{"00001_t.sql": pg}, nil, ""},
		{"in one folder only", map[string]string{"00001_t.sql": lite, "00002_u.sql": lite}, map[string]string{"00001_t.sql": pg}, nil, "not in migrations/postgres"},
		{"a column's name", map[string]string{"00001_t.sql": lite}, map[string]string{"00001_t.sql": strings.Replace(pg, "at ", "when_ ", 1)}, nil, `"at" (sqlite) against "when_"`},
		{"a column's type", map[string]string{"00001_t.sql": lite}, map[string]string{"00001_t.sql": file("TEXT", "BIGINT", "BOOLEAN", "FALSE", "VACUUM FULL t;")}, nil, `"BLOB" (sqlite) against "TEXT"`},
		{"a default", map[string]string{"00001_t.sql": lite}, map[string]string{"00001_t.sql": file("BYTEA", "BIGINT", "BOOLEAN", "TRUE", "VACUUM FULL t;")}, nil, `"0" (sqlite) against "TRUE"`},
		{"a statement more", map[string]string{"00001_t.sql": lite}, map[string]string{"00001_t.sql": pg + "DROP TABLE u;\n"}, nil, "postgres only: DROP TABLE u"},
		{"a directive", map[string]string{"00001_t.sql": "-- +goose NO TRANSACTION\n" + lite}, map[string]string{"00001_t.sql": pg}, nil, "goose directives"},
		{"a gap", map[string]string{"00001_t.sql": lite, "00003_u.sql": lite}, map[string]string{"00001_t.sql": pg, "00003_u.sql": pg}, nil, "no migration numbered 2"},
		{"a Go migration fills it", map[string]string{"00001_t.sql": lite, "00003_u.sql": lite}, map[string]string{"00001_t.sql": pg, "00003_u.sql": pg}, []int64{2}, ""},
		{"a file for a Go migration", map[string]string{"00001_t.sql": lite}, map[string]string{"00001_t.sql": pg}, []int64{1}, "is a Go migration"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := compareMigrations(tc.lite, tc.pg, tc.goVersions)
			switch {
			case tc.want == "" && len(got) != 0:
				t.Errorf("found %q, want nothing", got)
			case tc.want != "" && (len(got) != 1 || !strings.Contains(got[0], tc.want)):
				t.Errorf("found %q, want one problem saying %q", got, tc.want)
			}
		})
	}
}

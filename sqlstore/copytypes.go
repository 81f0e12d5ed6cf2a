package sqlstore

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// How CopyAll moves each column between the two databases. The kind of
// a column comes from PostgreSQL's type when either side is PostgreSQL
// (it says more: BOOLEAN, jsonb, arrays, enums, bit strings, where
// SQLite has INTEGER, BLOB and TEXT), else from SQLite's declared type;
// the other side's type must be one that holds it. Each kind has how it
// is read (a SELECT expression), how it travels in Go, and how it is
// written (an expression around the bound value).

// kind is what a column holds, whatever the database.
type kind uint8

const (
	kText      kind = iota + 1 // TEXT
	kBytes                     // BLOB, bytea: sealed values, keys, hashes
	kInt                       // INTEGER, BIGINT, smallint: counts, times in ms
	kBool                      // PostgreSQL BOOLEAN, SQLite 0 or 1
	kTime                      // River's times: timestamptz, SQLite text
	kJSON                      // River's JSON: jsonb, SQLite JSONB blob
	kTextArray                 // text[] on PostgreSQL, a JSON array on SQLite
	kJSONArray                 // jsonb[] on PostgreSQL, a JSON array on SQLite
	kBits                      // bit(8) on PostgreSQL, an integer on SQLite
	kEnum                      // a PostgreSQL enum, TEXT on SQLite
)

var kindNames = map[kind]string{kText: "text", kBytes: "bytes", kInt: "integer", kBool: "boolean", kTime: "time",
	kJSON: "JSON", kTextArray: "list of texts", kJSONArray: "list of JSON values", kBits: "bits", kEnum: "enum"}

func (k kind) String() string { return kindNames[k] }

// colType is a column's type as its database declares it: SQLite's
// declared type, or PostgreSQL's format_type ("bit(8)", "jsonb[]") and
// whether it is an enum.
type colType struct {
	decl string
	enum bool
}

// riverTime is how River keeps times on SQLite; its queries compare them
// as text, so no other format will do.
const riverTime = "2006-01-02 15:04:05.000"

// pgKind is the kind of a PostgreSQL column, false for a type CopyAll
// does not know.
func pgKind(t colType) (kind, bool) {
	if t.enum {
		return kEnum, true
	}
	base, array := strings.CutSuffix(t.decl, "[]")
	if i := strings.IndexByte(base, '('); i >= 0 {
		base = base[:i]
	}
	if array {
		switch base {
		case "text", "character varying":
			return kTextArray, true
		case "jsonb", "json":
			return kJSONArray, true
		}
		return 0, false
	}
	switch base {
	case "text", "character varying", "character":
		return kText, true
	case "bytea":
		return kBytes, true
	case "smallint", "integer", "bigint":
		return kInt, true
	case "boolean":
		return kBool, true
	case "timestamp with time zone":
		return kTime, true
	case "jsonb", "json":
		return kJSON, true
	case "bit":
		return kBits, true
	}
	return 0, false
}

// sqliteKind is the kind of a column between two SQLite databases.
func sqliteKind(decl string) (kind, bool) {
	switch strings.ToUpper(decl) {
	case "TEXT":
		return kText, true
	case "BLOB":
		return kBytes, true
	case "INTEGER", "BIGINT", "BOOLEAN":
		return kInt, true
	case "TIMESTAMP":
		return kTime, true
	}
	return 0, false
}

// sqliteHolds reports whether a SQLite column declared so holds a kind.
func sqliteHolds(decl string, k kind) bool {
	switch d := strings.ToUpper(decl); k {
	case kText, kEnum:
		return d == "TEXT"
	case kBytes, kJSON, kTextArray, kJSONArray:
		return d == "BLOB"
	case kInt, kBits:
		return d == "INTEGER" || d == "BIGINT"
	case kBool:
		return d == "INTEGER" || d == "BOOLEAN"
	case kTime:
		return d == "TIMESTAMP"
	}
	return false
}

// colPlan is how one column is copied.
type colPlan struct {
	name  string
	kind  kind
	read  string // the SELECT expression on the source
	dst   Dialect
	write func(p string) string // the VALUES expression on the destination
}

// planColumn decides how a column is copied, or says why it cannot be.
func planColumn(table, name string, src Dialect, st colType, dst Dialect, dt colType) (colPlan, error) {
	var k kind
	ok := false
	switch {
	case dst == Postgres && src == Postgres:
		k, ok = pgKind(dt)
		sk, sok := pgKind(st)
		ok = ok && sok && sk == k
	case dst == Postgres:
		k, ok = pgKind(dt)
		ok = ok && sqliteHolds(st.decl, k)
	case src == Postgres:
		k, ok = pgKind(st)
		ok = ok && sqliteHolds(dt.decl, k)
	default:
		k, ok = sqliteKind(dt.decl)
		sk, sok := sqliteKind(st.decl)
		ok = ok && sok && sk == k
	}
	if !ok {
		return colPlan{}, fmt.Errorf("column %s.%s: no way to copy %s %s into %s %s", table, name, src, st.decl, dst, dt.decl)
	}
	return colPlan{name: name, kind: k, read: readExpr(src, k, quoteIdent(name)), dst: dst, write: writeExpr(dst, k, dt.decl)}, nil
}

// readExpr reads column q as the kind travels: JSON as text, PostgreSQL's
// arrays as JSON arrays, its enums as text and its bit strings as numbers.
func readExpr(d Dialect, k kind, q string) string {
	if d == SQLite {
		switch k {
		case kJSON, kTextArray, kJSONArray:
			return "json(" + q + ")"
		}
		return q
	}
	switch k {
	case kJSON, kEnum:
		return q + "::text"
	case kTextArray, kJSONArray:
		return "to_jsonb(" + q + ")::text"
	case kBits:
		return q + "::bigint"
	}
	return q
}

// writeExpr writes a value as it travels into a column of type typ.
func writeExpr(d Dialect, k kind, typ string) func(p string) string {
	if d == SQLite {
		switch k {
		case kJSON, kTextArray, kJSONArray:
			return func(p string) string { return "jsonb(" + p + ")" }
		}
		return func(p string) string { return p }
	}
	switch k {
	case kJSON, kEnum:
		return func(p string) string { return "CAST(CAST(" + p + " AS text) AS " + typ + ")" }
	case kBits:
		return func(p string) string { return "CAST(CAST(" + p + " AS bigint) AS " + typ + ")" }
	case kTextArray, kJSONArray:
		elements := "jsonb_array_elements_text"
		if k == kJSONArray {
			elements = "jsonb_array_elements"
		}
		return func(p string) string {
			j := "CAST(CAST(" + p + " AS text) AS jsonb)"
			return "CAST(CASE WHEN " + j + " IS NULL THEN NULL ELSE ARRAY(SELECT e FROM " + elements + "(" + j +
				") WITH ORDINALITY AS a(e, i) ORDER BY i) END AS " + typ + ")"
		}
	}
	return func(p string) string { return p }
}

// convert turns a value as the source's driver gave it into what the
// destination takes. Errors name the column's kind and the Go type, never
// the value: it may be someone's sealed text.
func (c colPlan) convert(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	bad := func() (any, error) {
		return nil, fmt.Errorf("column %s: holds %T values, not %s", c.name, v, c.kind)
	}
	switch c.kind {
	case kText, kEnum:
		switch v := v.(type) {
		case string:
			return v, nil
		case []byte:
			return string(v), nil
		}
	case kBytes:
		switch v := v.(type) {
		case []byte:
			return v, nil
		case string:
			return []byte(v), nil
		}
	case kInt, kBits:
		if n, ok := asInt(v); ok {
			return n, nil
		}
	case kBool:
		var b bool
		switch v := v.(type) {
		case bool:
			b = v
		default:
			n, ok := asInt(v)
			if !ok {
				return bad()
			}
			b = n != 0
		}
		if c.dst == Postgres {
			return b, nil
		}
		if b {
			return int64(1), nil
		}
		return int64(0), nil
	case kTime:
		t, ok := asTime(v)
		if !ok {
			return nil, fmt.Errorf("column %s: a time that cannot be read", c.name)
		}
		if c.dst == Postgres {
			return t, nil
		}
		return t.Round(time.Millisecond).Format(riverTime), nil
	case kJSON, kTextArray, kJSONArray:
		var s string
		switch v := v.(type) {
		case string:
			s = v
		case []byte:
			s = string(v)
		default:
			return bad()
		}
		if !json.Valid([]byte(s)) {
			return nil, fmt.Errorf("column %s: a value that is not valid JSON", c.name)
		}
		return s, nil
	}
	return bad()
}

func asInt(v any) (int64, bool) {
	switch v := v.(type) {
	case int64:
		return v, true
	case int32:
		return int64(v), true
	case int:
		return int64(v), true
	case int16:
		return int64(v), true
	}
	return 0, false
}

// asTime reads a time as either driver gives it: a time.Time, or SQLite
// text in River's format (or one of the formats SQLite's own functions
// write), always UTC.
func asTime(v any) (time.Time, bool) {
	switch v := v.(type) {
	case time.Time:
		return v.UTC(), true
	case string:
		for _, f := range []string{riverTime, "2006-01-02 15:04:05.999999999", "2006-01-02 15:04:05", time.RFC3339Nano} {
			if t, err := time.Parse(f, v); err == nil {
				return t.UTC(), true
			}
		}
	}
	return time.Time{}, false
}

// quoteIdent quotes a table's or column's name for both databases.
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

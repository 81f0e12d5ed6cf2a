package sqlstore

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestPlanColumn: each pair of column types the two databases use for
// Tend's and River's tables maps to the kind that moves its values, in
// both directions; a pair that cannot hold the same values is refused.
func TestPlanColumn(t *testing.T) {
	lite := func(decl string) colType { return colType{decl: decl} }
	pgt := func(decl string) colType { return colType{decl: decl} }
	enum := colType{decl: "river_job_state", enum: true}
	for _, tc := range []struct {
		sqlite, pg colType
		want       kind // 0: refused
	}{
		{lite("TEXT"), pgt("text"), kText},
		{lite("BLOB"), pgt("bytea"), kBytes},
		{lite("INTEGER"), pgt("integer"), kInt},
		{lite("BIGINT"), pgt("bigint"), kInt},
		{lite("integer"), pgt("smallint"), kInt},
		{lite("INTEGER"), pgt("boolean"), kBool},
		{lite("BOOLEAN"), pgt("boolean"), kBool},
		{lite("timestamp"), pgt("timestamp with time zone"), kTime},
		{lite("blob"), pgt("jsonb"), kJSON},
		{lite("blob"), pgt("text[]"), kTextArray},
		{lite("blob"), pgt("character varying(255)[]"), kTextArray},
		{lite("blob"), pgt("jsonb[]"), kJSONArray},
		{lite("integer"), pgt("bit(8)"), kBits},
		{lite("text"), enum, kEnum},
		{lite("TEXT"), pgt("bytea"), 0},
		{lite("BLOB"), pgt("text"), 0},
		{lite("BLOB"), pgt("boolean"), 0},
		{lite("TEXT"), pgt("timestamp with time zone"), 0},
		{lite("TEXT"), pgt("timestamp without time zone"), 0},
		{lite("REAL"), pgt("double precision"), 0},
		{lite("blob"), pgt("integer[]"), 0},
		{lite("INTEGER"), enum, 0},
	} {
		for _, dir := range []struct {
			src, dst   Dialect
			sT, dT     colType
			name, back string
		}{{SQLite, Postgres, tc.sqlite, tc.pg, "to", "from"}, {Postgres, SQLite, tc.pg, tc.sqlite, "from", "to"}} {
			p, err := planColumn("t", "c", dir.src, dir.sT, dir.dst, dir.dT)
			switch {
			case tc.want == 0 && err == nil:
				t.Errorf("SQLite %s %s PostgreSQL %s: planned as %s, want refused", tc.sqlite.decl, dir.name, tc.pg.decl, p.kind)
			case tc.want == 0 && !strings.Contains(err.Error(), "column t.c: no way to copy"):
				t.Errorf("refused with %q", err)
			case tc.want != 0 && (err != nil || p.kind != tc.want):
				t.Errorf("SQLite %s %s PostgreSQL %s: %v %v, want %s", tc.sqlite.decl, dir.name, tc.pg.decl, p.kind, err, tc.want)
			}
		}
	}
	// Between two databases of the same kind, the types must agree.
	for _, tc := range []struct {
		d      Dialect
		s, dst colType
		want   kind
	}{
		{SQLite, lite("timestamp"), lite("TIMESTAMP"), kTime},
		{SQLite, lite("blob"), lite("BLOB"), kBytes},
		{SQLite, lite("BOOLEAN"), lite("BOOLEAN"), kInt},
		{SQLite, lite("TEXT"), lite("BLOB"), 0},
		{Postgres, pgt("bit(8)"), pgt("bit(8)"), kBits},
		{Postgres, enum, enum, kEnum},
		{Postgres, pgt("integer"), pgt("boolean"), 0},
	} {
		p, err := planColumn("t", "c", tc.d, tc.s, tc.d, tc.dst)
		if tc.want == 0 && err == nil || tc.want != 0 && (err != nil || p.kind != tc.want) {
			t.Errorf("%s %s to %s: %v %v, want %s", tc.d, tc.s.decl, tc.dst.decl, p.kind, err, tc.want)
		}
	}
}

// TestCopyExpressions: how each kind is read and written on each side.
func TestCopyExpressions(t *testing.T) {
	for _, tc := range []struct {
		d          Dialect
		k          kind
		typ        string
		read, want string
	}{
		{SQLite, kJSON, "blob", `json("c")`, `jsonb(?)`},
		{SQLite, kTextArray, "blob", `json("c")`, `jsonb(?)`},
		{SQLite, kBytes, "BLOB", `"c"`, `?`},
		{SQLite, kTime, "timestamp", `"c"`, `?`},
		{Postgres, kJSON, "jsonb", `"c"::text`, `CAST(CAST($1 AS text) AS jsonb)`},
		{Postgres, kEnum, "river_job_state", `"c"::text`, `CAST(CAST($1 AS text) AS river_job_state)`},
		{Postgres, kBits, "bit(8)", `"c"::bigint`, `CAST(CAST($1 AS bigint) AS bit(8))`},
		{Postgres, kTextArray, "character varying(255)[]", `to_jsonb("c")::text`,
			`CAST(CASE WHEN CAST(CAST($1 AS text) AS jsonb) IS NULL THEN NULL ELSE ARRAY(SELECT e FROM jsonb_array_elements_text(CAST(CAST($1 AS text) AS jsonb)) WITH ORDINALITY AS a(e, i) ORDER BY i) END AS character varying(255)[])`},
		{Postgres, kJSONArray, "jsonb[]", `to_jsonb("c")::text`,
			`CAST(CASE WHEN CAST(CAST($1 AS text) AS jsonb) IS NULL THEN NULL ELSE ARRAY(SELECT e FROM jsonb_array_elements(CAST(CAST($1 AS text) AS jsonb)) WITH ORDINALITY AS a(e, i) ORDER BY i) END AS jsonb[])`},
		{Postgres, kBool, "boolean", `"c"`, `$1`},
	} {
		mark := "?"
		if tc.d == Postgres {
			mark = "$1"
		}
		if r, w := readExpr(tc.d, tc.k, `"c"`), writeExpr(tc.d, tc.k, tc.typ)(mark); r != tc.read || w != tc.want {
			t.Errorf("%s %s: read %s, write %s; want %s, %s", tc.d, tc.k, r, w, tc.read, tc.want)
		}
	}
}

// TestConvert: values as one driver gives them become what the other
// database takes; a value of the wrong kind is an error that does not
// show the value.
func TestConvert(t *testing.T) {
	at := time.Date(2026, 11, 24, 21, 0, 0, 123456789, time.UTC)
	for _, tc := range []struct {
		name string
		k    kind
		dst  Dialect
		in   any
		want any // an error's text when wantErr
		err  bool
	}{
		{"NULL stays", kBytes, Postgres, nil, nil, false},
		{"bytes", kBytes, Postgres, []byte{0, 1, 0xff}, []byte{0, 1, 0xff}, false},
		{"bytes stored as text", kBytes, SQLite, "ab", []byte("ab"), false},
		{"text", kText, Postgres, "sam", "sam", false},
		{"text stored as bytes", kText, SQLite, []byte("sam"), "sam", false},
		{"integer", kInt, Postgres, int64(1 << 40), int64(1 << 40), false},
		{"integer from int32", kInt, SQLite, int32(-1), int64(-1), false},
		{"SQLite 1 is true", kBool, Postgres, int64(1), true, false},
		{"SQLite 0 is false", kBool, Postgres, int64(0), false, false},
		{"true is SQLite 1", kBool, SQLite, true, int64(1), false},
		{"false is SQLite 0", kBool, SQLite, false, int64(0), false},
		{"River's SQLite time", kTime, Postgres, "2026-11-24 21:00:00.123", time.Date(2026, 11, 24, 21, 0, 0, 123e6, time.UTC), false},
		{"SQLite's CURRENT_TIMESTAMP", kTime, Postgres, "2026-11-24 21:00:00", time.Date(2026, 11, 24, 21, 0, 0, 0, time.UTC), false},
		{"a time the driver read", kTime, Postgres, at.In(time.FixedZone("x", 3600)), at, false},
		{"a time for SQLite, in River's format", kTime, SQLite, at, "2026-11-24 21:00:00.123", false},
		{"JSON", kJSON, Postgres, []byte(`{"a": 1}`), `{"a": 1}`, false},
		{"a list", kTextArray, SQLite, `["a","b"]`, `["a","b"]`, false},
		{"bits", kBits, SQLite, int64(245), int64(245), false},
		{"enum", kEnum, Postgres, "scheduled", "scheduled", false},
		{"text for an integer", kInt, Postgres, "secret-words", "column c: holds string values, not integer", true},
		{"a time not a time", kTime, Postgres, "secret-words", "column c: a time that cannot be read", true},
		{"JSON not JSON", kJSON, Postgres, "secret-words", "column c: a value that is not valid JSON", true},
		{"text for a boolean", kBool, Postgres, "secret-words", "column c: holds string values, not boolean", true},
		{"a number for bytes", kBytes, Postgres, int64(7), "column c: holds int64 values, not bytes", true},
	} {
		got, err := colPlan{name: "c", kind: tc.k, dst: tc.dst}.convert(tc.in)
		switch {
		case tc.err && (err == nil || err.Error() != tc.want):
			t.Errorf("%s: %v %v, want the error %q", tc.name, got, err, tc.want)
		case tc.err:
			if strings.Contains(err.Error(), "secret") {
				t.Errorf("%s: the error shows the value: %v", tc.name, err)
			}
		case err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case !equalValue(got, tc.want):
			t.Errorf("%s: %#v, want %#v", tc.name, got, tc.want)
		}
	}
}

func equalValue(a, b any) bool {
	if x, ok := a.([]byte); ok {
		y, ok := b.([]byte)
		return ok && bytes.Equal(x, y)
	}
	if x, ok := a.(time.Time); ok {
		y, ok := b.(time.Time)
		return ok && x.Equal(y) && x.Location() == time.UTC
	}
	return reflect.DeepEqual(a, b)
}

// TestParentsFirst: tables come after those their foreign keys point
// to; a circle is an error.
func TestParentsFirst(t *testing.T) {
	got, err := parentsFirst([]string{"drop_alerts", "encounters", "followups", "people"},
		map[string][]string{"drop_alerts": {"followups", "encounters", "people"}, "followups": {"encounters", "people"}, "encounters": {"encounters"}})
	if want := []string{"encounters", "people", "followups", "drop_alerts"}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("got %v %v, want %v", got, err, want)
	}
	if _, err := parentsFirst([]string{"a", "b"}, map[string][]string{"a": {"b"}, "b": {"a"}}); err == nil {
		t.Error("a circle of foreign keys was ordered")
	}
}

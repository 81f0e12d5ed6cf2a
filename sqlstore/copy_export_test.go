package sqlstore

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// CopySnapshot reads every table CopyAll copies from d, each value in a
// form that is the same on both databases (times to the millisecond,
// JSON decoded and encoded again, booleans as words, bytes in hex), each
// table's rows sorted: what a copy must keep. The kinds of the columns
// are decided against like, the other database.
func CopySnapshot(t *testing.T, d, like *DB) map[string][]string {
	t.Helper()
	ctx := context.Background()
	plans, err := planTables(ctx, like.db, like.dialect, d.db, d.dialect)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, p := range plans {
		reads := make([]string, len(p.cols))
		for i, c := range p.cols {
			reads[i] = c.read
		}
		rows, err := d.db.QueryContext(ctx, "SELECT "+strings.Join(reads, ", ")+" FROM "+quoteIdent(p.name))
		if err != nil {
			t.Fatal(err)
		}
		vals := make([]any, len(p.cols))
		ptrs := make([]any, len(p.cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		list := []string{}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var row []string
			for i, c := range p.cols {
				row = append(row, c.name+"="+canonical(t, c, vals[i]))
			}
			slices.Sort(row) // the columns' order differs between the two
			list = append(list, strings.Join(row, " "))
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		slices.Sort(list)
		out[p.name] = list
	}
	return out
}

// canonical is a value as CopySnapshot compares it.
func canonical(t *testing.T, c colPlan, v any) string {
	v, err := c.convert(v)
	if err != nil {
		t.Fatal(err)
	}
	if v == nil {
		return "NULL"
	}
	switch c.kind {
	case kBytes:
		return hex.EncodeToString(v.([]byte))
	case kBool:
		if n, ok := v.(int64); ok {
			return strconv.FormatBool(n != 0)
		}
		return strconv.FormatBool(v.(bool))
	case kTime:
		tm, ok := asTime(v)
		if !ok {
			t.Fatalf("%s: not a time", c.name)
		}
		return tm.Round(time.Millisecond).Format(time.RFC3339Nano)
	case kJSON, kTextArray, kJSONArray:
		var x any
		if err := json.Unmarshal([]byte(v.(string)), &x); err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(x)
		return string(b)
	}
	return strconv.Quote(fmt.Sprint(v))
}

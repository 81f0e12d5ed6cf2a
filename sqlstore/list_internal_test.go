package sqlstore

import (
	"context"
	"testing"

	"github.com/tendcare/tend/seal"
)

// ListsAsStored returns the person's lists as stored, the sealed ones
// opened: the practices of their first circle membership and card link,
// their first token's scopes and passkey's transports. When set is not
// nil it stores set(value) in place of each (sealed again where it was),
// as an older version would have written it.
func (d *DB) ListsAsStored(t *testing.T, personID string, set func(string) string) []string {
	t.Helper()
	ctx := context.Background()
	dk, err := d.openDataKey(personID, d.WrappedKey(t, personID))
	if err != nil {
		t.Fatal(err)
	}
	sealed := []struct {
		table, rowCol string
		place         func(row string) seal.Place
	}{
		{"circle_members", "circle_id", func(row string) seal.Place { return sharedPracticesPlace(row, personID) }},
		{"card_shares", "id", func(row string) seal.Place { return sharedCardPlace(row, personID) }},
	}
	var out []string
	for _, s := range sealed {
		var (
			row string
			b   []byte
		)
		if err := (reader{d}).queryRow(ctx, `SELECT `+s.rowCol+`, practices FROM `+s.table+` WHERE person_id = ? AND practices IS NOT NULL`,
			personID).Scan(&row, &b); err != nil {
			t.Fatalf("%s: %v", s.table, err)
		}
		v, err := openOpt(dk, b, s.place(row))
		if err != nil {
			t.Fatalf("%s: %v", s.table, err)
		}
		out = append(out, v)
		if set != nil {
			if err := d.writeOne(ctx, nil, `UPDATE `+s.table+` SET practices = ? WHERE `+s.rowCol+` = ? AND person_id = ?`,
				sealOpt(dk, set(v), s.place(row)), row, personID); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, c := range []struct{ table, col string }{{"api_tokens", "scopes"}, {"passkeys", "transports"}} {
		var id, v string
		if err := (reader{d}).queryRow(ctx, `SELECT id, `+c.col+` FROM `+c.table+` WHERE person_id = ?`, personID).Scan(&id, &v); err != nil {
			t.Fatalf("%s: %v", c.table, err)
		}
		out = append(out, v)
		if set != nil {
			if err := d.writeOne(ctx, nil, `UPDATE `+c.table+` SET `+c.col+` = ? WHERE id = ?`, set(v), id); err != nil {
				t.Fatal(err)
			}
		}
	}
	return out
}

package sqlstore

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/pressly/goose/v3"

	"github.com/tendcare/tend/seal"
)

// Migration 14 seals the answers that migration 12 kept in the clear
// (check-in mood, energy and needs; reflection mood, emotions and what
// helped; every signal's kind and reference), the texts it sealed one by
// one, an encounter's kind, and the practices a member shares with a
// circle. It is Go, not SQL, because sealing needs the keys. It keeps its
// own frozen copies of what it reads and writes (the m14 types): later
// changes to the store's types must not change what it does.

type m14CheckIn struct {
	Mood     int      `json:"mood,omitempty"`
	Energy   int      `json:"energy,omitempty"`
	Limits   string   `json:"limits,omitempty"`
	Triggers string   `json:"triggers,omitempty"`
	Safeword string   `json:"safeword,omitempty"`
	Needs    []string `json:"needs,omitempty"`
}

type m14Reflection struct {
	Mood      int      `json:"mood,omitempty"`
	Emotions  []string `json:"emotions,omitempty"`
	Helped    []string `json:"helped,omitempty"`
	Missing   string   `json:"missing,omitempty"`
	Favourite string   `json:"favourite,omitempty"`
	Note      string   `json:"note,omitempty"`
}

type m14Signal struct {
	Kind string `json:"kind"`
	Text string `json:"text,omitempty"`
	Ref  string `json:"ref,omitempty"`
}

// m14Pad fills b with spaces to the next multiple of 64 bytes, so that
// a sealed value's length does not tell what it holds.
func m14Pad(b []byte) []byte {
	n := (len(b)/64 + 1) * 64
	return append(b, bytes.Repeat([]byte{' '}, n-len(b))...)
}

func m14Split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// sealAnswersMigration is migration 14 for this store's keys.
func (d *DB) sealAnswersMigration() *goose.Migration {
	return goose.NewGoMigration(14,
		&goose.GoFunc{RunTx: d.sealAnswers},
		// Going back to 13 keeps the sealed columns; 13's own down
		// migration drops them.
		&goose.GoFunc{RunTx: func(context.Context, *sql.Tx) error { return nil }})
}

func (d *DB) sealAnswers(ctx context.Context, sqlTx *sql.Tx) error {
	tx := d.migrationTx(sqlTx)
	for _, step := range []func(context.Context, *Tx) error{d.m14Encounters, d.m14Members, d.m14Signals, d.m14Circles, d.m14CardShares} {
		if err := step(ctx, tx); err != nil {
			return fmt.Errorf("migration 14: %w", err)
		}
	}
	return nil
}

// m14Rows reads every row of a query before anything is written: one
// connection cannot read and write at once.
func m14Rows(ctx context.Context, tx *Tx, q string, n int, scan func(dst []any) error) error {
	rows, err := tx.query(ctx, q)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		dst := make([]any, n)
		if err := scan(dst); err != nil {
			return err
		}
		if err := rows.Scan(dst...); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (d *DB) m14Key(owner string, wrapped []byte, keys map[string]*seal.DataKey) (*seal.DataKey, error) {
	if dk := keys[owner]; dk != nil {
		return dk, nil
	}
	dk, err := d.sealer.DataKey(owner, wrapped)
	if err != nil {
		return nil, err
	}
	keys[owner] = dk
	return dk, nil
}

func (d *DB) m14Encounters(ctx context.Context, tx *Tx) error {
	type row struct{ id, kind string }
	var list []*row
	err := m14Rows(ctx, tx, `SELECT id, kind FROM encounters`, 2, func(dst []any) error {
		r := &row{}
		list = append(list, r)
		dst[0], dst[1] = &r.id, &r.kind
		return nil
	})
	if err != nil {
		return fmt.Errorf("read encounters: %w", err)
	}
	for _, r := range list {
		dk, wrapped, err := d.sealer.NewDataKey(r.id)
		if err != nil {
			return err
		}
		kind := dk.Seal(m14Pad([]byte(r.kind)), seal.Place{Table: "encounters", Column: "kind", Row: r.id, Owner: r.id})
		if _, err := tx.exec(ctx, `UPDATE encounters SET wrapped = ?, sealed_kind = ? WHERE id = ?`, wrapped, kind, r.id); err != nil {
			return fmt.Errorf("seal encounter: %w", err)
		}
	}
	return nil
}

func (d *DB) m14Members(ctx context.Context, tx *Tx) error {
	type row struct {
		eid, pid                                   string
		checkin, reflected                         sql.NullInt64
		mood, energy, rMood                        int
		needs, emotions, helped                    string
		limits, triggers, safeword                 []byte
		missing, favourite, note, wrapped, journal []byte
	}
	var list []*row
	err := m14Rows(ctx, tx, `SELECT m.encounter_id, m.person_id, m.checkin_at, m.reflected_at, m.mood, m.energy, m.r_mood,
		m.needs, m.r_emotions, m.r_helped, m.limits, m.triggers, m.safeword, m.r_missing, m.r_favourite, m.r_note, k.wrapped, m.r_journal
		FROM encounter_members m JOIN data_keys k ON k.person_id = m.person_id`, 18, func(dst []any) error {
		r := &row{}
		list = append(list, r)
		for i, p := range []any{&r.eid, &r.pid, &r.checkin, &r.reflected, &r.mood, &r.energy, &r.rMood, &r.needs, &r.emotions,
			&r.helped, &r.limits, &r.triggers, &r.safeword, &r.missing, &r.favourite, &r.note, &r.wrapped, &r.journal} {
			dst[i] = p
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("read encounter members: %w", err)
	}
	keys := map[string]*seal.DataKey{}
	for _, r := range list {
		dk, err := d.m14Key(r.pid, r.wrapped, keys)
		if err != nil {
			return err
		}
		open := func(col string, b []byte) (string, error) {
			if b == nil {
				return "", nil
			}
			return dk.OpenString(b, seal.Place{Table: "encounter_members", Column: col, Row: r.eid, Owner: r.pid})
		}
		place := func(col string) seal.Place {
			return seal.Place{Table: "encounter_members", Column: col, Row: r.eid, Owner: r.pid}
		}
		var checkin, reflection []byte
		if r.checkin.Valid {
			c := m14CheckIn{Mood: r.mood, Energy: r.energy, Needs: m14Split(r.needs)}
			for _, f := range []struct {
				col string
				b   []byte
				s   *string
			}{{"limits", r.limits, &c.Limits}, {"triggers", r.triggers, &c.Triggers}, {"safeword", r.safeword, &c.Safeword}} {
				if *f.s, err = open(f.col, f.b); err != nil {
					return fmt.Errorf("open %s of %s in %s: %w", f.col, r.pid, r.eid, err)
				}
			}
			b, err := json.Marshal(c)
			if err != nil {
				return err
			}
			checkin = dk.Seal(m14Pad(b), place("checkin"))
		}
		if r.reflected.Valid {
			rf := m14Reflection{Mood: r.rMood, Emotions: m14Split(r.emotions), Helped: m14Split(r.helped)}
			for _, f := range []struct {
				col string
				b   []byte
				s   *string
			}{{"r_missing", r.missing, &rf.Missing}, {"r_favourite", r.favourite, &rf.Favourite}, {"r_note", r.note, &rf.Note}} {
				if *f.s, err = open(f.col, f.b); err != nil {
					return fmt.Errorf("open %s of %s in %s: %w", f.col, r.pid, r.eid, err)
				}
			}
			b, err := json.Marshal(rf)
			if err != nil {
				return err
			}
			reflection = dk.Seal(m14Pad(b), place("reflection"))
		}
		// The journal keeps its column, renamed by migration 15 to
		// journal: it is sealed anew for that name.
		var journal []byte
		if r.journal != nil {
			j, err := open("r_journal", r.journal)
			if err != nil {
				return fmt.Errorf("open journal of %s in %s: %w", r.pid, r.eid, err)
			}
			journal = dk.Seal(m14Pad([]byte(j)), place("journal"))
		}
		if _, err := tx.exec(ctx, `UPDATE encounter_members SET checkin = ?, reflection = ?, r_journal = ? WHERE encounter_id = ? AND person_id = ?`,
			checkin, reflection, journal, r.eid, r.pid); err != nil {
			return fmt.Errorf("seal encounter member: %w", err)
		}
	}
	return nil
}

func (d *DB) m14Signals(ctx context.Context, tx *Tx) error {
	type row struct {
		eid, pid, kind, ref string
		seq                 int64
		text, wrapped       []byte
	}
	var list []*row
	err := m14Rows(ctx, tx, `SELECT s.encounter_id, s.seq, s.person_id, s.kind, s.ref, s.text, k.wrapped
		FROM encounter_signals s JOIN data_keys k ON k.person_id = s.person_id`, 7, func(dst []any) error {
		r := &row{}
		list = append(list, r)
		for i, p := range []any{&r.eid, &r.seq, &r.pid, &r.kind, &r.ref, &r.text, &r.wrapped} {
			dst[i] = p
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("read signals: %w", err)
	}
	keys := map[string]*seal.DataKey{}
	for _, r := range list {
		dk, err := d.m14Key(r.pid, r.wrapped, keys)
		if err != nil {
			return err
		}
		row := fmt.Sprintf("%s/%d", r.eid, r.seq)
		s := m14Signal{Kind: r.kind, Ref: r.ref}
		if r.text != nil {
			if s.Text, err = dk.OpenString(r.text, seal.Place{Table: "encounter_signals", Column: "text", Row: row, Owner: r.pid}); err != nil {
				return fmt.Errorf("open signal %s: %w", row, err)
			}
		}
		b, err := json.Marshal(s)
		if err != nil {
			return err
		}
		body := dk.Seal(m14Pad(b), seal.Place{Table: "encounter_signals", Column: "body", Row: row, Owner: r.pid})
		if _, err := tx.exec(ctx, `UPDATE encounter_signals SET body = ? WHERE encounter_id = ? AND seq = ?`,
			body, r.eid, r.seq); err != nil {
			return fmt.Errorf("seal signal: %w", err)
		}
	}
	return nil
}

// m14Practices seals the practice lists of one table, with their
// owner's key: a circle member's (row: the circle) or a card link's (row:
// the link). rowCol names the row, where picks it out in the UPDATE.
func (d *DB) m14Practices(ctx context.Context, tx *Tx, table, rowCol, where string) error {
	type row struct {
		row, pid, practices string
		wrapped             []byte
	}
	var list []*row
	err := m14Rows(ctx, tx, `SELECT t.`+rowCol+`, t.person_id, t.practices, k.wrapped
		FROM `+table+` t JOIN data_keys k ON k.person_id = t.person_id WHERE t.practices <> ''`, 4, func(dst []any) error {
		r := &row{}
		list = append(list, r)
		dst[0], dst[1], dst[2], dst[3] = &r.row, &r.pid, &r.practices, &r.wrapped
		return nil
	})
	if err != nil {
		return fmt.Errorf("read %s: %w", table, err)
	}
	keys := map[string]*seal.DataKey{}
	for _, r := range list {
		dk, err := d.m14Key(r.pid, r.wrapped, keys)
		if err != nil {
			return err
		}
		sealed := dk.Seal(m14Pad([]byte(r.practices)), seal.Place{Table: table, Column: "practices", Row: r.row, Owner: r.pid})
		if _, err := tx.exec(ctx, `UPDATE `+table+` SET sealed_practices = ? WHERE `+where, sealed, r.row, r.pid); err != nil {
			return fmt.Errorf("seal %s: %w", table, err)
		}
	}
	return nil
}

func (d *DB) m14Circles(ctx context.Context, tx *Tx) error {
	return d.m14Practices(ctx, tx, "circle_members", "circle_id", "circle_id = ? AND person_id = ?")
}

func (d *DB) m14CardShares(ctx context.Context, tx *Tx) error {
	return d.m14Practices(ctx, tx, "card_shares", "id", "id = ? AND person_id = ?")
}

package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/seal"
)

// SaveReflection saves the person's reflection, sealed: its shared parts
// as one value, the journal as another. The last one in ends the
// encounter. Someone who had not answered by the deadline may still.
func (d *DB) SaveReflection(ctx context.Context, personID, id string, r *tend.Reflection) (*tend.Encounter, error) {
	return d.changeEncounter(ctx, personID, id, func(tx *Tx, h *tend.Timeline) error {
		if err := r.Validate(); err != nil {
			return err
		}
		var reflected sql.NullInt64
		if err := tx.queryRow(ctx, `SELECT reflected_at FROM encounter_members WHERE encounter_id = ? AND person_id = ?`,
			id, personID).Scan(&reflected); err != nil {
			return fmt.Errorf("save reflection: %w", err)
		}
		if err := h.CanReflect(tx.now, reflected.Valid); err != nil {
			return err
		}
		dk, err := dataKey(ctx, tx, personID)
		if err != nil {
			return err
		}
		rec := reflectionRecord{Mood: int(r.Mood), Emotions: r.Emotions, Helped: r.Helped, Missing: r.Missing, Favourite: r.Favourite, Note: r.Note}
		if _, err := tx.exec(ctx, `UPDATE encounter_members SET reflected_at = ?, reflection = ?, journal = ? WHERE encounter_id = ? AND person_id = ?`,
			millis(tx.now), sealJSON(dk, rec, memberPlace(id, personID, "reflection")),
			sealOpt(dk, r.Journal, memberPlace(id, personID, "journal")), id, personID); err != nil {
			return fmt.Errorf("save reflection: %w", err)
		}
		if _, err := addSignal(ctx, tx, personID, id, &tend.Signal{Kind: tend.SignalReflected}); err != nil {
			return err
		}
		if h.Stage == tend.StageReflect {
			var waiting int
			if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM encounter_members WHERE encounter_id = ? AND reflected_at IS NULL`,
				id).Scan(&waiting); err != nil {
				return fmt.Errorf("save reflection: %w", err)
			}
			if h.EndsWith(waiting) {
				if _, err := tx.exec(ctx, `UPDATE encounters SET stage = ?, stage_at = ? WHERE id = ?`,
					string(tend.StageDone), millis(tx.now), id); err != nil {
					return fmt.Errorf("end encounter: %w", err)
				}
				if _, err := addSignal(ctx, tx, personID, id, &tend.Signal{Kind: tend.SignalStage, Ref: string(tend.StageDone)}); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// FindReflections returns the person's reflection and, once revealed,
// the others' shared parts. Another's journal is never even read: the
// query leaves it out, it is opened only for its author, and what is
// handed on of another's reflection is its Shared part.
func (d *DB) FindReflections(ctx context.Context, personID, id string) (*tend.Reflection, []*tend.Reflection, bool, error) {
	tx, err := d.beginRead(ctx)
	if err != nil {
		return nil, nil, false, err
	}
	defer tx.Rollback()
	h, err := readHead(ctx, tx, personID, id, false)
	if err != nil {
		return nil, nil, false, err
	}
	all, err := readReflections(ctx, tx, personID, map[string]bool{id: h.Revealed(tx.now)})
	if err != nil {
		return nil, nil, false, err
	}
	r := all[id]
	return r.Mine, r.Others, r.Revealed, nil
}

// FindReflectionsFor is FindReflections for several encounters at once:
// two queries however many.
func (d *DB) FindReflectionsFor(ctx context.Context, personID string, ids []string) (map[string]*tend.Reflections, error) {
	tx, err := d.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	heads, err := readHeads(ctx, tx, personID, ids)
	if err != nil {
		return nil, err
	}
	revealed := make(map[string]bool, len(heads))
	for id, h := range heads {
		revealed[id] = h.Revealed(tx.now)
	}
	return readReflections(ctx, tx, personID, revealed)
}

// readHeads reads those of the encounters the person is in, by id.
func readHeads(ctx context.Context, tx *Tx, personID string, ids []string) (map[string]*tend.Timeline, error) {
	rows, err := tx.query(ctx, `SELECT e.id, e.stage, e.stage_at, e.reveal_after, e.last_seq FROM encounters e
		JOIN encounter_members m ON m.encounter_id = e.id AND m.person_id = ? WHERE e.id IN (`+tx.db.idSet()+`)`,
		personID, idsArg(ids))
	if err != nil {
		return nil, fmt.Errorf("find encounters: %w", err)
	}
	defer rows.Close()
	out := map[string]*tend.Timeline{}
	for rows.Next() {
		var (
			id             string
			h              tend.Timeline
			stageAt, delay int64
		)
		if err := rows.Scan(&id, &h.Stage, &stageAt, &delay, &h.Signals); err != nil {
			return nil, fmt.Errorf("find encounters: %w", err)
		}
		h.Since, h.RevealAfter = fromMillis(stageAt), time.Duration(delay)*time.Millisecond
		out[id] = &h
	}
	return out, rows.Err()
}

// readReflections reads the reflections of the encounters, each given
// with whether the others' are revealed in it, for the person: one query
// for them all. Every encounter asked for has its answer.
func readReflections(ctx context.Context, tx *Tx, personID string, revealed map[string]bool) (map[string]*tend.Reflections, error) {
	out := make(map[string]*tend.Reflections, len(revealed))
	var ids, shown []string
	for id, r := range revealed {
		out[id] = &tend.Reflections{Revealed: r}
		ids = append(ids, id)
		if r {
			shown = append(shown, id)
		}
	}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := tx.query(ctx, reflectionsQuery(tx.db), personID, idsArg(ids), personID, idsArg(shown))
	if err != nil {
		return nil, fmt.Errorf("find reflections: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			eid                            string
			r                              tend.Reflection
			at                             int64
			sealed, journal, name, wrapped []byte
		)
		if err := rows.Scan(&eid, &r.PersonID, &at, &sealed, &journal, &name, &wrapped); err != nil {
			return nil, fmt.Errorf("find reflections: %w", err)
		}
		dk, err := tx.db.openDataKey(r.PersonID, wrapped)
		if err != nil {
			return nil, err
		}
		if r.DisplayName, err = dk.OpenString(name, displayNamePlace(r.PersonID)); err != nil {
			return nil, fmt.Errorf("reflection: display name: %w", err)
		}
		r.At = fromMillis(at)
		if err := openReflection(dk, eid, &r, sealed, journal, r.PersonID == personID); err != nil {
			return nil, err
		}
		set := out[eid]
		if set == nil {
			continue
		}
		if r.PersonID == personID {
			set.Mine = &r
		} else {
			set.Others = append(set.Others, r.Shared())
		}
	}
	return out, rows.Err()
}

// reflectionsQuery reads the reflections of several encounters for one
// member (its arguments: the member, the encounters as idsArg, the member
// again, and the encounters whose others' reflections are revealed): their
// own always, the others' once revealed. Another's journal is not even
// read: the CASE gives NULL for it. This is the first of three layers that
// keep a journal to its author; each is tested by itself.
func reflectionsQuery(d *DB) string {
	return `SELECT m.encounter_id, m.person_id, m.reflected_at, m.reflection,
	CASE WHEN m.person_id = ? THEN m.journal END, p.display_name, k.wrapped
	FROM encounter_members m JOIN people p ON p.id = m.person_id JOIN data_keys k ON k.person_id = m.person_id
	WHERE m.encounter_id IN (` + d.idSet() + `) AND m.reflected_at IS NOT NULL
	AND (m.person_id = ? OR m.encounter_id IN (` + d.idSet() + `))
	ORDER BY m.encounter_id, m.position, m.person_id`
}

// openReflection opens one reflection's sealed parts into r. The journal
// is opened only when it is the reader's own (mine): the second layer,
// whatever the row holds. The third is tend.Reflection.Shared, which is
// all that is handed on of another's.
func openReflection(dk *seal.DataKey, encounterID string, r *tend.Reflection, sealed, journal []byte, mine bool) error {
	var rec reflectionRecord
	if err := openJSON(dk, sealed, memberPlace(encounterID, r.PersonID, "reflection"), &rec); err != nil {
		return fmt.Errorf("reflection of %s: %w", r.PersonID, err)
	}
	r.Mood, r.Emotions, r.Helped = tend.Scale(rec.Mood), rec.Emotions, rec.Helped
	r.Missing, r.Favourite, r.Note = rec.Missing, rec.Favourite, rec.Note
	if !mine {
		return nil
	}
	var err error
	if r.Journal, err = openOpt(dk, journal, memberPlace(encounterID, r.PersonID, "journal")); err != nil {
		return fmt.Errorf("reflection: journal: %w", err)
	}
	return nil
}

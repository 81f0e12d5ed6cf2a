package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/seal"
)

// SaveReflection saves the person's reflection, sealed: its shared parts
// as one value, the journal as another. The last one in ends the
// encounter. Someone who had not answered by the deadline may still.
func (d *DB) SaveReflection(ctx context.Context, personID, id string, r *tend.Reflection) (*tend.Encounter, error) {
	tx, err := d.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	h, err := readHead(ctx, tx, personID, id, true)
	if err != nil {
		return nil, err
	}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	var reflected sql.NullInt64
	if err := tx.queryRow(ctx, `SELECT reflected_at FROM encounter_members WHERE encounter_id = ? AND person_id = ?`,
		id, personID).Scan(&reflected); err != nil {
		return nil, fmt.Errorf("save reflection: %w", err)
	}
	if err := h.CanReflect(tx.now, reflected.Valid); err != nil {
		return nil, err
	}
	dk, err := dataKey(ctx, tx, personID)
	if err != nil {
		return nil, err
	}
	rec := reflectionRecord{Mood: int(r.Mood), Emotions: r.Emotions, Helped: r.Helped, Missing: r.Missing, Favourite: r.Favourite, Note: r.Note}
	if _, err := tx.exec(ctx, `UPDATE encounter_members SET reflected_at = ?, reflection = ?, journal = ? WHERE encounter_id = ? AND person_id = ?`,
		millis(tx.now), sealJSON(dk, rec, memberPlace(id, personID, "reflection")),
		sealOpt(dk, r.Journal, memberPlace(id, personID, "journal")), id, personID); err != nil {
		return nil, fmt.Errorf("save reflection: %w", err)
	}
	if _, err := addSignal(ctx, tx, personID, id, &tend.Signal{Kind: tend.SignalReflected}); err != nil {
		return nil, err
	}
	if h.Stage == tend.StageReflect {
		var waiting int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM encounter_members WHERE encounter_id = ? AND reflected_at IS NULL`,
			id).Scan(&waiting); err != nil {
			return nil, fmt.Errorf("save reflection: %w", err)
		}
		if h.EndsWith(waiting) {
			if _, err := tx.exec(ctx, `UPDATE encounters SET stage = ?, stage_at = ? WHERE id = ?`,
				string(tend.StageDone), millis(tx.now), id); err != nil {
				return nil, fmt.Errorf("end encounter: %w", err)
			}
			if _, err := addSignal(ctx, tx, personID, id, &tend.Signal{Kind: tend.SignalStage, Ref: string(tend.StageDone)}); err != nil {
				return nil, err
			}
		}
	}
	e, err := findEncounter(ctx, tx, personID, id)
	if err != nil {
		return nil, err
	}
	return e, tx.Commit()
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
	revealed := h.Revealed(tx.now)
	rows, err := tx.QueryContext(ctx, tx.db.rebind(reflectionsQuery), personID, id, personID, revealed)
	if err != nil {
		return nil, nil, false, fmt.Errorf("find reflections: %w", err)
	}
	defer rows.Close()
	var (
		mine   *tend.Reflection
		others []*tend.Reflection
	)
	for rows.Next() {
		var (
			r                              tend.Reflection
			at                             int64
			sealed, journal, name, wrapped []byte
		)
		if err := rows.Scan(&r.PersonID, &at, &sealed, &journal, &name, &wrapped); err != nil {
			return nil, nil, false, fmt.Errorf("find reflections: %w", err)
		}
		dk, err := tx.db.openDataKey(r.PersonID, wrapped)
		if err != nil {
			return nil, nil, false, err
		}
		if r.DisplayName, err = dk.OpenString(name, displayNamePlace(r.PersonID)); err != nil {
			return nil, nil, false, fmt.Errorf("reflection: display name: %w", err)
		}
		r.At = fromMillis(at)
		if err := openReflection(dk, id, &r, sealed, journal, r.PersonID == personID); err != nil {
			return nil, nil, false, err
		}
		if r.PersonID == personID {
			mine = &r
		} else {
			others = append(others, r.Shared())
		}
	}
	return mine, others, revealed, rows.Err()
}

// reflectionsQuery reads an encounter's reflections for one member (its
// arguments: the member, the encounter, the member again, and whether the
// others' are revealed): their own always, the others' once revealed.
// Another's journal is not even read: the CASE gives NULL for it. This is
// the first of three layers that keep a journal to its author; each is
// tested by itself.
const reflectionsQuery = `SELECT m.person_id, m.reflected_at, m.reflection,
	CASE WHEN m.person_id = ? THEN m.journal END, p.display_name, k.wrapped
	FROM encounter_members m JOIN people p ON p.id = m.person_id JOIN data_keys k ON k.person_id = m.person_id
	WHERE m.encounter_id = ? AND m.reflected_at IS NOT NULL AND (m.person_id = ? OR ?)
	ORDER BY m.position, m.person_id`

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

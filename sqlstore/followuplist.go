package sqlstore

import (
	"context"
	"fmt"

	"github.com/tendcare/tend"
)

// FindEncounterFollowups returns the person's follow-ups after each of
// the encounters named that they are in, with whether they turned them
// off there: two queries however many encounters (the history lists them
// all).
func (d *DB) FindEncounterFollowups(ctx context.Context, personID string, encounterIDs []string) (map[string]*tend.EncounterFollowups, error) {
	out := map[string]*tend.EncounterFollowups{}
	if len(encounterIDs) == 0 {
		return out, nil
	}
	tx, err := d.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	ids := idsArg(encounterIDs)
	rows, err := tx.query(ctx, `SELECT m.encounter_id, m.followups_off FROM encounter_members m
		WHERE m.person_id = ? AND m.encounter_id IN (`+d.idSet()+`)`, personID, ids)
	if err != nil {
		return nil, fmt.Errorf("encounter follow-ups: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var off bool
		if err := rows.Scan(&id, &off); err != nil {
			return nil, fmt.Errorf("encounter follow-ups: %w", err)
		}
		out[id] = &tend.EncounterFollowups{Off: off, Items: []*tend.FollowupItem{}}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("encounter follow-ups: %w", err)
	}
	rows.Close()
	items, err := findFollowups(ctx, tx, `WHERE f.person_id = ? AND f.encounter_id IN (`+d.idSet()+`) ORDER BY f.due_at, f.id`, personID, ids)
	if err != nil {
		return nil, err
	}
	for _, f := range items {
		// One of an encounter the person has left since stays out, as
		// the encounter does.
		if e := out[f.EncounterID]; e != nil {
			e.Items = append(e.Items, f)
		}
	}
	return out, tx.Commit()
}

package sqlstore

import (
	"context"
	"fmt"

	"github.com/tendcare/tend"
)

// SaveCheckIn saves the person's check-in before the aftercare begins,
// sealed whole.
func (d *DB) SaveCheckIn(ctx context.Context, personID, id string, c *tend.CheckIn) (*tend.Encounter, error) {
	return d.changeEncounter(ctx, personID, id, func(tx *Tx, h *tend.Timeline) error {
		if err := c.Validate(); err != nil {
			return err
		}
		if err := h.CanCheckIn(tx.now); err != nil {
			return err
		}
		dk, err := dataKey(ctx, tx, personID)
		if err != nil {
			return err
		}
		var confirmed any
		ref := "saved"
		if c.Confirmed {
			confirmed, ref = millis(tx.now), "confirmed"
		}
		if _, err := tx.exec(ctx, `UPDATE encounter_members SET checkin_at = ?, confirmed_at = ?, checkin = ? WHERE encounter_id = ? AND person_id = ?`,
			millis(tx.now), confirmed, sealJSON(dk, checkInToRecord(c), memberPlace(id, personID, "checkin")), id, personID); err != nil {
			return fmt.Errorf("save check-in: %w", err)
		}
		if _, err := addSignal(ctx, tx, personID, id, &tend.Signal{Kind: tend.SignalCheckIn, Ref: ref}); err != nil {
			return err
		}
		return nil
	})
}

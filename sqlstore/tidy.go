package sqlstore

import (
	"context"
	"fmt"
	"time"
)

// DeliveryRecordsKept is how long the record that a channel took a
// message is kept: far longer than a delivery job's retries (about seven
// hours at most, River's backoff over ten attempts), so a retry still
// finds it, and no longer, so the table does not grow for years.
const DeliveryRecordsKept = 7 * 24 * time.Hour

// Tidied counts what Tidy removed.
type Tidied struct {
	Deliveries, Confirms int64
}

// Tidy removes bookkeeping that has served its purpose: records of
// deliveries older than DeliveryRecordsKept, and email confirmation
// links that expired. It holds no person's words; a periodic job runs
// it (jobs.Work.Tidy).
func (d *DB) Tidy(ctx context.Context) (Tidied, error) {
	return write(ctx, d, func(tx *Tx) (Tidied, error) {
		var out Tidied
		res, err := tx.exec(ctx, `DELETE FROM deliveries WHERE sent_at < ?`, millis(tx.now.Add(-DeliveryRecordsKept)))
		if err != nil {
			return out, fmt.Errorf("tidy deliveries: %w", err)
		}
		out.Deliveries, _ = res.RowsAffected()
		if res, err = tx.exec(ctx, `DELETE FROM channel_confirms WHERE expires_at < ?`, millis(tx.now)); err != nil {
			return out, fmt.Errorf("tidy confirmation links: %w", err)
		}
		out.Confirms, _ = res.RowsAffected()
		return out, nil
	})
}

package sqlstore

import (
	"context"
	"database/sql"
	"sync"
	"time"
)

// checkpointEvery is how often the write-ahead log is copied into the
// database file.
const checkpointEvery = 500 * time.Millisecond

// checkpointer copies SQLite's write-ahead log into the database file in
// the background. SQLite would otherwise do it inside whichever commit
// pushes the log past 1,000 pages, which then waits for two fsyncs: a
// tap for water that happens to be that commit would be late. A passive
// checkpoint on a connection of its own runs beside readers and the
// writer and never blocks them.
type checkpointer struct {
	db   *sql.DB
	quit chan struct{}
	done chan struct{}
	once sync.Once
}

func startCheckpointer(path string) (*checkpointer, error) {
	db, err := sql.Open("sqlite", sqliteDSN(path, false))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	c := &checkpointer{db: db, quit: make(chan struct{}), done: make(chan struct{})}
	go c.loop()
	return c, nil
}

func (c *checkpointer) loop() {
	defer close(c.done)
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	for {
		select {
		case <-c.quit:
			c.run()
			return
		case <-t.C:
			c.run()
		}
	}
}

func (c *checkpointer) run() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var busy, logged, done int
	// A failed checkpoint is tried again at the next tick; the log only
	// grows meanwhile.
	c.db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &logged, &done)
}

// stop checkpoints a last time and closes the connection; only the
// first call does anything.
func (c *checkpointer) stop() {
	c.once.Do(func() {
		close(c.quit)
		<-c.done
		c.db.Close()
	})
}

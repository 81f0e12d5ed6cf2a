package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/tendcare/tend"
)

// Group commit: on SQLite, with synchronous=FULL, every commit waits for
// the disk, and only one writer commits at a time, so saves that arrive
// together queue behind each other's disk waits. The saver takes the
// saves waiting at that moment and writes them in one transaction, each
// in its own savepoint (a failing save is undone alone), with one commit:
// one wait for the disk for all of them. Nobody is answered before the
// commit, so an answered save is on disk as before.

// maxGroup bounds how many saves share one commit.
const maxGroup = 64

type saveJob struct {
	ctx  context.Context
	run  func(context.Context, *Tx) (*tend.Profile, error)
	done chan saveResult
}

type saveResult struct {
	p   *tend.Profile
	err error
}

// saver runs the group commits of one SQLite database.
type saver struct {
	mu     sync.RWMutex
	closed bool
	jobs   chan *saveJob
	wg     sync.WaitGroup
}

func (d *DB) startSaver() {
	d.saver = &saver{jobs: make(chan *saveJob, 4*maxGroup)}
	d.saver.wg.Add(1)
	go d.saveLoop()
}

// stopSaver lets the saves already queued finish, then stops.
func (d *DB) stopSaver() {
	if d.saver == nil {
		return
	}
	d.saver.mu.Lock()
	if !d.saver.closed {
		d.saver.closed = true
		close(d.saver.jobs)
	}
	d.saver.mu.Unlock()
	d.saver.wg.Wait()
}

// errClosed answers a save after Close.
var errClosed = errors.New("save profile: the database is closed")

// save runs one save in the next group commit and waits for it.
func (d *DB) save(ctx context.Context, run func(context.Context, *Tx) (*tend.Profile, error)) (*tend.Profile, error) {
	job := &saveJob{ctx: ctx, run: run, done: make(chan saveResult, 1)}
	d.saver.mu.RLock()
	if d.saver.closed {
		d.saver.mu.RUnlock()
		return nil, errClosed
	}
	d.saver.jobs <- job
	d.saver.mu.RUnlock()
	// The job is answered even if ctx ends meanwhile: once queued it may
	// be committed, and the caller must not hear "failed" for a save
	// that is on disk.
	res := <-job.done
	return res.p, res.err
}

func (d *DB) saveLoop() {
	defer d.saver.wg.Done()
	for job := range d.saver.jobs {
		group := []*saveJob{job}
	more:
		for len(group) < maxGroup {
			select {
			case j, ok := <-d.saver.jobs:
				if !ok {
					break more
				}
				group = append(group, j)
			default:
				break more
			}
		}
		d.commitGroup(group)
	}
}

func (d *DB) commitGroup(group []*saveJob) {
	results := make([]saveResult, len(group))
	answer := func() {
		for i, j := range group {
			j.done <- results[i]
		}
	}
	fail := func(err error) {
		for i := range results {
			if results[i].err == nil {
				results[i] = saveResult{err: err}
			}
		}
		answer()
	}
	ctx := context.Background()
	tx, err := d.begin(ctx)
	if err != nil {
		fail(err)
		return
	}
	defer tx.Rollback()
	for i, j := range group {
		if err := j.ctx.Err(); err != nil {
			results[i].err = err
			continue
		}
		if _, err := tx.ExecContext(ctx, `SAVEPOINT save`); err != nil {
			fail(fmt.Errorf("save profile: %w", err))
			return
		}
		p, err := runSafely(context.WithoutCancel(j.ctx), tx, j.run)
		if err != nil {
			results[i].err = err
			if _, rerr := tx.ExecContext(ctx, `ROLLBACK TO save`); rerr != nil {
				fail(fmt.Errorf("save profile: undo: %w", rerr))
				return
			}
		}
		if _, err := tx.ExecContext(ctx, `RELEASE save`); err != nil {
			fail(fmt.Errorf("save profile: %w", err))
			return
		}
		results[i].p = p
	}
	if err := tx.Commit(); err != nil {
		fail(fmt.Errorf("save profile: %w", err))
		return
	}
	answer()
}

// runSafely runs one save, turning a panic into that save's error: the
// saver goroutine serves everyone, and must not take the server down.
func runSafely(ctx context.Context, tx *Tx, run func(context.Context, *Tx) (*tend.Profile, error)) (p *tend.Profile, err error) {
	defer func() {
		if v := recover(); v != nil {
			p, err = nil, fmt.Errorf("save profile: panic: %v", v)
		}
	}()
	return run(ctx, tx)
}

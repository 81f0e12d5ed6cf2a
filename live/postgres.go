package live

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// channel is the PostgreSQL notification channel news travel on.
const channel = "tend_signals"

// Waits of the listening loop.
const (
	minBackoff = 100 * time.Millisecond // first wait before listening again
	maxBackoff = 5 * time.Second        // longest wait between attempts
	dialLimit  = 10 * time.Second       // longest a connect and LISTEN may take
	idleCheck  = 30 * time.Second       // ping the listening connection after this long without news
	pingLimit  = 5 * time.Second        // a ping slower than this means the connection is lost
)

// Postgres is a Broker for nodes that share one PostgreSQL database. One
// dedicated connection listens for news from other nodes; Publish notifies
// them through a small pool of other connections.
type Postgres struct {
	local *Memory       // this node's subscribers
	pool  *pgxpool.Pool // for Publish
	conf  *pgx.ConnConfig
	node  string // random id that tells this broker's own echo apart
	log   *slog.Logger
	idle  time.Duration

	stop      context.CancelFunc
	done      chan struct{} // closed when the listening loop has ended
	closeOnce sync.Once
	pid       atomic.Uint32 // backend of the listening connection, for tests
}

// NewPostgres connects to the database at dsn and listens for news from
// other nodes. ctx bounds the first connections only; the broker runs
// until Close. A nil log discards the broker's logs.
func NewPostgres(ctx context.Context, dsn string, log *slog.Logger) (*Postgres, error) {
	return newPostgres(ctx, dsn, log, idleCheck)
}

// newPostgres is NewPostgres with the wait before pinging an idle listening
// connection as a parameter, so that tests can shorten it.
func newPostgres(ctx context.Context, dsn string, log *slog.Logger, idle time.Duration) (*Postgres, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	conf, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("live: %w", err)
	}
	poolConf, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("live: %w", err)
	}
	// Publish from several goroutines: four connections halved the median
	// wait of eight concurrent publishers against one connection (see
	// BenchmarkPostgresPublishParallel); more gained nothing.
	poolConf.MaxConns = 4
	p := &Postgres{local: NewMemory(), conf: conf, node: newNodeID(), log: log, idle: idle, done: make(chan struct{})}
	conn, err := p.listen(ctx)
	if err != nil {
		return nil, fmt.Errorf("live: listen: %w", err)
	}
	if p.pool, err = pgxpool.NewWithConfig(ctx, poolConf); err == nil {
		err = p.pool.Ping(ctx) // so that the first Publish finds a connection ready
	}
	if err != nil {
		closeConn(conn)
		if p.pool != nil {
			p.pool.Close()
		}
		return nil, fmt.Errorf("live: connect: %w", err)
	}
	loop, stop := context.WithCancel(context.Background())
	p.stop = stop
	go p.run(loop, conn)
	return p, nil
}

// Publish hands n to this node's subscribers, then notifies the others.
func (p *Postgres) Publish(ctx context.Context, n News) error {
	if err := p.local.Publish(ctx, n); err != nil {
		return err
	}
	if _, err := p.pool.Exec(ctx, "SELECT pg_notify($1, $2)", channel, formatPayload(p.node, n)); err != nil {
		return fmt.Errorf("live: notify: %w", err)
	}
	return nil
}

// notification is the channel and payload Publish would notify for n,
// for a NOTIFY sent in another connection's transaction (see
// Rooms.Notification): the payload names this node, so that its own
// listener passes over the echo as it does Publish's.
func (p *Postgres) notification(n News) (string, string) {
	return channel, formatPayload(p.node, n)
}

// Subscribe calls fn for every News published on any node from now on,
// until the returned function is called.
func (p *Postgres) Subscribe(fn func(News)) (unsubscribe func()) {
	return p.local.Subscribe(fn)
}

// Close stops listening and closes the broker's connections. It waits for
// a Publish under way.
func (p *Postgres) Close() error {
	p.closeOnce.Do(func() {
		p.local.Close()
		p.stop()
		<-p.done
		p.pool.Close()
	})
	return nil
}

// listen opens a connection and listens on it.
func (p *Postgres) listen(ctx context.Context) (*pgx.Conn, error) {
	ctx, cancel := context.WithTimeout(ctx, dialLimit)
	defer cancel()
	conn, err := pgx.ConnectConfig(ctx, p.conf)
	if err != nil {
		return nil, err
	}
	if _, err := conn.Exec(ctx, "LISTEN "+channel); err != nil {
		conn.Close(ctx)
		return nil, err
	}
	p.pid.Store(conn.PgConn().PID())
	return conn, nil
}

// run hands news from other nodes to this node's subscribers until ctx
// ends. When the connection is lost it listens again on a new one, and
// then tells subscribers they may have missed news.
func (p *Postgres) run(ctx context.Context, conn *pgx.Conn) {
	defer close(p.done)
	backoff := minBackoff
	for {
		if conn == nil {
			select {
			case <-ctx.Done():
				return
			case <-time.After(backoff):
			}
			var err error
			if conn, err = p.listen(ctx); err != nil {
				backoff = min(2*backoff, maxBackoff)
				if ctx.Err() == nil {
					p.log.Warn("live: cannot listen again", "err", err, "retry_in", backoff)
				}
				continue
			}
			backoff = minBackoff
			p.log.Info("live: listening again")
			p.local.deliver(News{})
		}
		if err := p.wait(ctx, conn); err != nil {
			closeConn(conn)
			conn = nil
			if ctx.Err() != nil {
				return
			}
			p.log.Warn("live: lost the listening connection", "err", err)
		}
	}
}

// wait hands on the next notification, or pings the connection after
// p.idle without one: a connection that died without a word would
// otherwise go unnoticed until the system's TCP keepalive gives up.
func (p *Postgres) wait(ctx context.Context, conn *pgx.Conn) error {
	waitCtx, cancel := context.WithTimeout(ctx, p.idle)
	msg, err := conn.WaitForNotification(waitCtx)
	cancel()
	switch {
	case err == nil:
		p.receive(msg.Payload)
		return nil
	case ctx.Err() != nil || !errors.Is(err, context.DeadlineExceeded):
		return err
	}
	pingCtx, cancel := context.WithTimeout(ctx, pingLimit)
	defer cancel()
	return conn.Ping(pingCtx)
}

// receive hands news from another node to this node's subscribers.
func (p *Postgres) receive(payload string) {
	node, n, ok := parsePayload(payload)
	switch {
	case !ok:
		// The payload's content stays out of the log: it is not ours.
		p.log.Warn("live: dropped a malformed notification", "len", len(payload))
	case node != p.node:
		p.local.deliver(n)
	}
}

// closeConn closes a connection that is lost or no longer needed.
func closeConn(conn *pgx.Conn) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	conn.Close(ctx)
}

package live_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/tendcare/tend/live"
	"github.com/tendcare/tend/live/livetest"
	"github.com/tendcare/tend/sqlstore/pgtest"
)

// pg is the throwaway PostgreSQL server for this package's tests, or nil
// with pgErr saying why there is none.
var (
	pg    *pgtest.Server
	pgErr error
)

func TestMain(m *testing.M) {
	pg, pgErr = pgtest.Start()
	if pgErr != nil && os.Getenv("TEND_REQUIRE_POSTGRES") == "1" {
		fmt.Fprintf(os.Stderr, "TEND_REQUIRE_POSTGRES=1 but no PostgreSQL server could be started: %v\n", pgErr)
		os.Exit(1)
	}
	code := m.Run()
	if code == 0 {
		if err := leftGoroutines(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			code = 1
		}
	}
	if pg != nil {
		if err := pg.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}
	os.Exit(code)
}

// leftGoroutines fails when goroutines of this package or of pgx outlive
// the tests, which close every broker they make.
func leftGoroutines() error {
	var stacks string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		buf := make([]byte, 1<<20)
		stacks = string(buf[:runtime.Stack(buf, true)])
		if !strings.Contains(stacks, "tend/live.") && !strings.Contains(stacks, "jackc/pgx") {
			return nil
		}
	}
	return fmt.Errorf("goroutines left after the tests:\n%s", stacks)
}

// mustDatabase returns the URL of a new, empty database.
func mustDatabase(tb testing.TB) string {
	tb.Helper()
	if pg == nil {
		tb.Skipf("no PostgreSQL: %v", pgErr)
	}
	dsn, err := pg.NewDatabase(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return dsn
}

// mustPostgres returns a broker on dsn, closed when the test ends.
func mustPostgres(tb testing.TB, dsn string, log *slog.Logger) *live.Postgres {
	tb.Helper()
	p, err := live.NewPostgres(context.Background(), dsn, log)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { p.Close() })
	return p
}

func TestPostgres(t *testing.T) {
	livetest.Run(t, func(t *testing.T) (a, b live.Broker) {
		dsn := mustDatabase(t)
		return mustPostgres(t, dsn, nil), mustPostgres(t, dsn, nil)
	})
}

// logBuffer collects a broker's logs for a test.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// subscribe subscribes to b until the test ends and returns what comes.
func subscribe(t *testing.T, b live.Broker) <-chan live.News {
	t.Helper()
	ch := make(chan live.News, 100)
	t.Cleanup(b.Subscribe(func(n live.News) {
		select {
		case ch <- n:
		default:
			t.Error("a subscriber's buffer is full")
		}
	}))
	return ch
}

// want fails the test unless the next news from ch, within a while, is n.
func want(t *testing.T, ch <-chan live.News, n live.News) {
	t.Helper()
	select {
	case got := <-ch:
		if got != n {
			t.Fatalf("got news %v, want %v", got, n)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("no news within 10s, want %v", n)
	}
}

func mustPublish(t *testing.T, b live.Broker, n live.News) {
	t.Helper()
	if err := b.Publish(context.Background(), n); err != nil {
		t.Fatalf("Publish(%v): %v", n, err)
	}
}

func mustExec(t *testing.T, dsn, sql string, args ...any) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// TestPostgresListensAgain ends the listening connection's backend, as a
// restart or a network fault would, and checks that subscribers hear they
// may have missed news and that news flows both ways again.
func TestPostgresListensAgain(t *testing.T) {
	dsn := mustDatabase(t)
	var log logBuffer
	a := mustPostgres(t, dsn, slog.New(slog.NewTextHandler(&log, nil)))
	b := mustPostgres(t, dsn, nil)
	atA, atB := subscribe(t, a), subscribe(t, b)

	pid := a.ListenerPID()
	mustExec(t, dsn, "SELECT pg_terminate_backend($1)", int64(pid))
	want(t, atA, live.News{})
	if a.ListenerPID() == pid {
		t.Errorf("still listening on backend %d", pid)
	}
	for _, s := range []string{"lost the listening connection", "listening again"} {
		if !strings.Contains(log.String(), s) {
			t.Errorf("log lacks %q:\n%s", s, log.String())
		}
	}

	fromB := live.News{Encounter: uuid.NewString(), Seq: 1}
	mustPublish(t, b, fromB)
	want(t, atB, fromB)
	want(t, atA, fromB)
	fromA := live.News{Encounter: uuid.NewString(), Seq: 2}
	mustPublish(t, a, fromA)
	want(t, atA, fromA)
	want(t, atB, fromA)
}

// TestPostgresMalformed sends notifications the brokers did not write:
// they are dropped, and logged without their content.
func TestPostgresMalformed(t *testing.T) {
	dsn := mustDatabase(t)
	var log logBuffer
	a := mustPostgres(t, dsn, slog.New(slog.NewTextHandler(&log, nil)))
	atA := subscribe(t, a)
	const secret = "she said the safeword"
	mustExec(t, dsn, "SELECT pg_notify('tend_signals', $1)", secret)
	mustExec(t, dsn, "SELECT pg_notify('tend_signals', $1)", "0123456789abcdef "+uuid.NewString()+" 0")

	marker := live.News{Encounter: uuid.NewString(), Seq: 1}
	mustExec(t, dsn, "SELECT pg_notify('tend_signals', $1)", "0123456789abcdef "+marker.Encounter+" 1")
	want(t, atA, marker)
	if got := strings.Count(log.String(), "dropped a malformed notification"); got != 2 {
		t.Errorf("log tells of %d dropped notifications, want 2:\n%s", got, log.String())
	}
	if !strings.Contains(log.String(), fmt.Sprintf("len=%d", len(secret))) {
		t.Errorf("log lacks the payload's length:\n%s", log.String())
	}
	if strings.Contains(log.String(), "safeword") {
		t.Errorf("log shows the payload:\n%s", log.String())
	}
}

// TestPostgresIdle checks that pinging an idle listening connection
// neither loses news nor makes the broker listen again.
func TestPostgresIdle(t *testing.T) {
	dsn := mustDatabase(t)
	a, err := live.NewPostgresIdle(context.Background(), dsn, nil, 10*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b := mustPostgres(t, dsn, nil)
	atA := subscribe(t, a)
	pid := a.ListenerPID()
	for i := range int64(20) {
		time.Sleep(5 * time.Millisecond) // publish at any point of the wait or the ping
		n := live.News{Encounter: uuid.NewString(), Seq: i + 1}
		mustPublish(t, b, n)
		want(t, atA, n)
	}
	if got := a.ListenerPID(); got != pid {
		t.Errorf("listening on backend %d, want still %d", got, pid)
	}
}

// TestPostgresBackoff keeps the listening connection from coming back
// for a while: the broker keeps trying, logs each failure, listens again
// once it can, and closes promptly while it waits between tries.
func TestPostgresBackoff(t *testing.T) {
	dsn := mustDatabase(t)
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	db := pgx.Identifier{strings.TrimPrefix(u.Path, "/")}.Sanitize()
	var log logBuffer
	a := mustPostgres(t, dsn, slog.New(slog.NewTextHandler(&log, nil)))
	atA := subscribe(t, a)

	mustExec(t, pg.URL("postgres"), "ALTER DATABASE "+db+" ALLOW_CONNECTIONS false")
	mustExec(t, pg.URL("postgres"), "SELECT pg_terminate_backend($1)", int64(a.ListenerPID()))
	waitLog(t, &log, "cannot listen again", 3)
	mustExec(t, pg.URL("postgres"), "ALTER DATABASE "+db+" ALLOW_CONNECTIONS true")
	want(t, atA, live.News{})

	mustExec(t, pg.URL("postgres"), "ALTER DATABASE "+db+" ALLOW_CONNECTIONS false")
	mustExec(t, pg.URL("postgres"), "SELECT pg_terminate_backend($1)", int64(a.ListenerPID()))
	waitLog(t, &log, "cannot listen again", 6) // now waiting 800 ms, then 1.6 s
	start := time.Now()
	a.Close()
	if took := time.Since(start); took > 200*time.Millisecond {
		t.Errorf("Close took %v", took)
	}
	mustExec(t, pg.URL("postgres"), "ALTER DATABASE "+db+" ALLOW_CONNECTIONS true")
}

// waitLog waits until log says s at least count times.
func waitLog(t *testing.T, log *logBuffer, s string, count int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); strings.Count(log.String(), s) < count; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("log says %q fewer than %d times:\n%s", s, count, log.String())
		}
	}
}

// BenchmarkPostgresAcross times from Publish on one node until a
// subscriber on the other has the news.
func BenchmarkPostgresAcross(b *testing.B) {
	dsn := mustDatabase(b)
	from, to := mustPostgres(b, dsn, nil), mustPostgres(b, dsn, nil)
	got := make(chan time.Time, 1)
	to.Subscribe(func(live.News) { got <- time.Now() })
	enc := uuid.NewString()
	took := []time.Duration{}
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		if err := from.Publish(context.Background(), live.News{Encounter: enc, Seq: int64(i + 1)}); err != nil {
			b.Fatal(err)
		}
		took = append(took, (<-got).Sub(start))
	}
	reportLatency(b, took)
}

// BenchmarkPostgresPublishParallel times Publish when many goroutines of
// one node publish at once.
func BenchmarkPostgresPublishParallel(b *testing.B) {
	dsn := mustDatabase(b)
	p := mustPostgres(b, dsn, nil)
	var mu sync.Mutex
	took := []time.Duration{}
	b.SetParallelism(4)
	b.RunParallel(func(pb *testing.PB) {
		enc := uuid.NewString()
		var mine []time.Duration
		for i := int64(1); pb.Next(); i++ {
			start := time.Now()
			if err := p.Publish(context.Background(), live.News{Encounter: enc, Seq: i}); err != nil {
				b.Error(err)
				return
			}
			mine = append(mine, time.Since(start))
		}
		mu.Lock()
		took = append(took, mine...)
		mu.Unlock()
	})
	reportLatency(b, took)
}

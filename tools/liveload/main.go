// Command liveload measures Tend's live aftercare screens: it opens many
// screens (server-sent event streams) in many encounters, sends signals in
// random encounters at a steady rate, and reports how long it took until
// every other member's screen had each one, whether any was missed, and
// the server's memory per idle screen.
//
// The servers run in this process; the screens and senders run in a
// child process (this program again, with -client), so that the memory
// measured is the server's alone. Everything is on loopback.
//
//	go run ./tools/liveload [-screens 10000] [-members 2] [-rate 200] [-d 30s] [-nodes 1|2]
//
// With -nodes 1 the store is SQLite (synchronous=FULL) with the in-process
// broker; with -nodes 2 two servers share a throwaway PostgreSQL server
// (started here, as the tests do) and each member's screen is on the node
// their number picks, so signals cross nodes through LISTEN/NOTIFY.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/catalog"
	"github.com/tendcare/tend/live"
	"github.com/tendcare/tend/password"
	"github.com/tendcare/tend/seal"
	"github.com/tendcare/tend/sqlstore"
	"github.com/tendcare/tend/sqlstore/pgtest"
	"github.com/tendcare/tend/web"
)

// setup is what the parent hands the child: where the nodes are, and
// each encounter's members' tokens.
type setup struct {
	Nodes      []string    `json:"nodes"`
	Encounters []encounter `json:"encounters"`
	Rate       int         `json:"rate"`
	Duration   string      `json:"duration"`
}

type encounter struct {
	ID     string   `json:"id"`
	Tokens []string `json:"tokens"`
}

func main() {
	screens := flag.Int("screens", 10000, "open aftercare screens in all")
	members := flag.Int("members", 2, "people in each encounter")
	rate := flag.Int("rate", 200, "signals per second")
	d := flag.Duration("d", 30*time.Second, "how long signals are sent")
	nodes := flag.Int("nodes", 1, "1 (SQLite) or 2 (two nodes sharing PostgreSQL)")
	client := flag.String("client", "", "run as the child: the setup file to read")
	cpu := flag.String("cpuprofile", "", "write a CPU profile of the servers to this file")
	flag.Parse()
	if *cpu != "" {
		f, err := os.Create(*cpu)
		if err != nil {
			log.Fatal(err)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	if *client != "" {
		if err := runClient(*client); err != nil {
			log.Fatal(err)
		}
		return
	}
	if *nodes != 1 && *nodes != 2 {
		log.Fatal("-nodes: 1 or 2")
	}
	if *members < 2 || *members > tend.MaxCircleMembers {
		log.Fatalf("-members: 2 to %d", tend.MaxCircleMembers)
	}
	if err := run(*screens / *members, *members, *rate, *d, *nodes); err != nil {
		log.Fatal(err)
	}
}

func run(encounters, members, rate int, d time.Duration, nodes int) error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "tend-liveload")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	key, _ := seal.NewKey()
	sealer, _ := seal.New(key)

	dsn := filepath.Join(dir, "tend.db")
	if nodes == 2 {
		pg, err := pgtest.Start()
		if err != nil {
			return fmt.Errorf("start PostgreSQL: %w", err)
		}
		defer pg.Stop()
		if dsn, err = pg.NewDatabase(ctx); err != nil {
			return err
		}
	}
	cat, err := catalog.Load()
	if err != nil {
		return err
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	var (
		urls []string
		dbs  []*sqlstore.DB
	)
	for i := range nodes {
		db, err := sqlstore.Open(ctx, dsn, sealer)
		if err != nil {
			return err
		}
		defer db.Close()
		if i == 0 {
			if err := db.Migrate(ctx); err != nil {
				return err
			}
		}
		var broker live.Broker
		if nodes == 2 {
			pb, err := live.NewPostgres(ctx, dsn, quiet)
			if err != nil {
				return err
			}
			defer pb.Close()
			broker = pb
		}
		s := &web.Server{Logger: quiet, DB: db, People: db, Sessions: db, Credentials: db, Profiles: db, Tokens: db,
			Circles: db, Encounters: db, Followups: db, Drops: db, Catalog: cat, Passwords: password.New(1), Signup: "closed",
			Broker: broker, LiveLifetime: 24 * time.Hour}
		db.SetPublisher(s.Publisher())
		if err := s.Listen("127.0.0.1:0"); err != nil {
			return err
		}
		go s.Serve()
		defer s.Shutdown(ctx)
		urls = append(urls, "http://"+s.Addr().String())
		dbs = append(dbs, db)
	}

	fmt.Printf("setting up %d encounters of %d people (%d screens) on %d node(s)...\n", encounters, members, encounters*members, nodes)
	start := time.Now()
	set, err := prepare(ctx, dbs[0], encounters, members)
	if err != nil {
		return err
	}
	set.Nodes, set.Rate, set.Duration = urls, rate, d.String()
	fmt.Printf("set up in %v\n", time.Since(start).Round(time.Second))
	file := filepath.Join(dir, "setup.json")
	data, _ := json.Marshal(set)
	if err := os.WriteFile(file, data, 0o600); err != nil {
		return err
	}

	self, err := os.Executable()
	if err != nil {
		return err
	}
	child := exec.Command(self, "-client", file)
	child.Stderr = os.Stderr
	child.Env = append(os.Environ(), "GOMAXPROCS=1")
	stdin, _ := child.StdinPipe()
	stdout, _ := child.StdoutPipe()
	before := memory()
	if err := child.Start(); err != nil {
		return err
	}
	lines := bufio.NewScanner(stdout)
	for lines.Scan() {
		line := lines.Text()
		if line == "OPEN" {
			after := memory()
			n := float64(encounters * members)
			fmt.Printf("%d screens open; server memory per idle screen: Go heap+stacks %.1f KB, resident set %.1f KB, goroutines %+d\n",
				encounters*members, float64(after.goMem-before.goMem)/n/1024, float64(int64(after.rss)-int64(before.rss))/n/1024, after.goroutines-before.goroutines)
			io.WriteString(stdin, "GO\n")
			continue
		}
		fmt.Println(line)
	}
	return child.Wait()
}

// prepare makes the people, circles and encounters, straight in the store,
// each encounter at its aftercare.
func prepare(ctx context.Context, db *sqlstore.DB, encounters, members int) (*setup, error) {
	set := &setup{Encounters: make([]encounter, encounters)}
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	next := make(chan int)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				e, err := prepareOne(ctx, db, i, members)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
				set.Encounters[i] = e
			}
		}()
	}
	for i := range encounters {
		next <- i
	}
	close(next)
	wg.Wait()
	return set, firstErr
}

func prepareOne(ctx context.Context, db *sqlstore.DB, i, members int) (encounter, error) {
	var (
		e      encounter
		people []string
	)
	for m := range members {
		p := &tend.Person{Username: fmt.Sprintf("p%d-%d", i, m), DisplayName: fmt.Sprintf("Person %d", m+1), TimeZone: "UTC"}
		if err := db.CreatePerson(ctx, p); err != nil {
			return e, err
		}
		token, _, err := db.CreateSession(ctx, p.ID, "liveload")
		if err != nil {
			return e, err
		}
		people, e.Tokens = append(people, p.ID), append(e.Tokens, token)
	}
	c, err := db.CreateCircle(ctx, people[0], "us")
	if err != nil {
		return e, err
	}
	for _, p := range people[1:] {
		invite, _, err := db.CreateInvite(ctx, people[0], c.ID)
		if err != nil {
			return e, err
		}
		if _, err := db.AcceptInvite(ctx, invite, p); err != nil {
			return e, err
		}
	}
	enc, err := db.CreateEncounter(ctx, people[0], tend.NewEncounter{CircleID: c.ID, Kind: tend.Gentle})
	if err != nil {
		return e, err
	}
	if _, err := db.MoveEncounter(ctx, people[0], enc.ID, tend.Move{From: tend.StageBefore}); err != nil {
		return e, err
	}
	e.ID = enc.ID
	return e, nil
}

type mem struct {
	goMem, rss uint64
	goroutines int
}

// memory is the server process's memory after a full collection: the Go
// heap and stacks in use, and the resident set the kernel reports.
func memory() mem {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	m := mem{goMem: ms.HeapInuse + ms.StackInuse, goroutines: runtime.NumGoroutine()}
	if status, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, line := range strings.Split(string(status), "\n") {
			if strings.HasPrefix(line, "VmRSS:") {
				var kb uint64
				fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(line, "VmRSS:"), "kB")), &kb)
				m.rss = kb * 1024
			}
		}
	}
	return m
}

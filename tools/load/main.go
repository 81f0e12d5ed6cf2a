// Command load measures Tend's API and profile page on loopback against a
// hello-world net/http handler measured in the same run, and the rate of
// profile saves. With -postgres it measures Tend on SQLite and on a
// throwaway PostgreSQL server (started here, as the tests do) in the same
// rounds. Every loop is bounded in time; it sends traffic only to the
// servers it starts itself on 127.0.0.1.
//
//	go run ./tools/load [-d 3s] [-c 16] [-rounds 3] [-postgres] [-gzip=false] [-cpuprofile FILE]
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/tendcare/tend/catalog"
	"github.com/tendcare/tend/password"
	"github.com/tendcare/tend/seal"
	"github.com/tendcare/tend/sqlstore"
	"github.com/tendcare/tend/sqlstore/pgtest"
	"github.com/tendcare/tend/web"
)

func main() {
	d := flag.Duration("d", 3*time.Second, "how long each measurement runs")
	c := flag.Int("c", 16, "concurrent clients")
	rounds := flag.Int("rounds", 3, "rounds of hello-world, API and page reads")
	pg := flag.Bool("postgres", false, "also measure Tend on a throwaway PostgreSQL server, in the same rounds")
	gz := flag.Bool("gzip", true, "ask for compressed answers (Accept-Encoding: gzip), as browsers and Go's client do")
	cpu := flag.String("cpuprofile", "", "write a CPU profile of the measurements to this file")
	flag.Parse()
	if *cpu != "" {
		f, err := os.Create(*cpu)
		if err != nil {
			log.Fatal(err)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	if err := run(*d, *c, *rounds, *pg, *gz); err != nil {
		log.Fatal(err)
	}
}

// serve starts h on a loopback port and returns its base URL.
func serve(h http.Handler) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: h}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String(), func() { srv.Close() }, nil
}

// result is one measurement: requests per second, failures, the
// latencies' percentiles, and this process's CPU time per request
// (server and clients together; PostgreSQL's own is not in it), which
// other work on the machine disturbs less than the rate.
type result struct {
	rate          float64
	failed        int64
	p50, p90, p99 time.Duration
	cpu           time.Duration
}

// cpuTime is the CPU time this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// measure runs clients that each repeat req for d, and returns what they
// saw. Each client keeps its own latencies, merged at the end.
func measure(d time.Duration, clients int, gz bool, req func(client *http.Client, i int) error) result {
	var ok, failed atomic.Int64
	var wg sync.WaitGroup
	lat := make([][]time.Duration, clients)
	cpu0 := cpuTime()
	deadline := time.Now().Add(d)
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4, DisableCompression: !gz}}
			for {
				start := time.Now()
				if !start.Before(deadline) {
					return
				}
				if err := req(client, i); err != nil {
					failed.Add(1)
				} else {
					ok.Add(1)
					lat[i] = append(lat[i], time.Since(start))
				}
			}
		}()
	}
	wg.Wait()
	cpu := cpuTime() - cpu0
	all := slices.Concat(lat...)
	slices.Sort(all)
	pct := func(p float64) time.Duration {
		if len(all) == 0 {
			return 0
		}
		return all[min(len(all)-1, int(p*float64(len(all))))]
	}
	return result{rate: float64(ok.Load()) / d.Seconds(), failed: failed.Load(), p50: pct(0.50), p90: pct(0.90), p99: pct(0.99),
		cpu: cpu / time.Duration(max(ok.Load()+failed.Load(), 1))}
}

// call sends one request and reads the answer; any status but want is
// an error.
func call(client *http.Client, method, url, token, body string, want int) ([]byte, error) {
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err == nil && res.StatusCode != want {
		err = fmt.Errorf("%s %s: status %d", method, url, res.StatusCode)
	}
	return b, err
}

// tend is one Tend server under load: its address and one signed-in
// account per client, each with a realistic profile.
type tend struct {
	name   string
	url    string
	tokens []string
	stop   func()
}

// startTend starts Tend on the database dsn (migrated here) and signs up
// the clients' accounts.
func startTend(ctx context.Context, name, dsn string, clients int) (*tend, error) {
	key, _ := seal.NewKey()
	sealer, _ := seal.New(key)
	db, err := sqlstore.Open(ctx, dsn, sealer)
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	cat, err := catalog.Load()
	if err != nil {
		db.Close()
		return nil, err
	}
	s := &web.Server{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), DB: db, People: db, Sessions: db, Credentials: db,
		Profiles: db, Tokens: db, Encounters: db, Followups: db, Drops: db, Catalog: cat, Passwords: password.New(4), Signup: "open"}
	db.SetPublisher(s.Publisher())
	url, stop, err := serve(s.Handler())
	if err != nil {
		db.Close()
		return nil, err
	}
	t := &tend{name: name, url: url, tokens: make([]string, clients), stop: func() { stop(); db.Close() }}
	for i := range t.tokens {
		body := fmt.Sprintf(`{"display_name": "Person %d", "username": "person%03d", "password": "correct horse battery"}`, i, i)
		b, err := call(http.DefaultClient, "POST", url+"/api/v1/signup", "", body, http.StatusCreated)
		if err != nil {
			t.stop()
			return nil, err
		}
		var out struct{ Token string }
		if err := json.Unmarshal(b, &out); err != nil || out.Token == "" {
			t.stop()
			return nil, fmt.Errorf("signup: no token in %q", b)
		}
		t.tokens[i] = out.Token
		if _, err := call(http.DefaultClient, "PUT", url+"/api/v1/profile", out.Token, profileBody(i, 0), http.StatusOK); err != nil {
			t.stop()
			return nil, err
		}
	}
	return t, nil
}

func run(d time.Duration, clients, rounds int, withPostgres, gz bool) error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "tend-load-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	lite, err := startTend(ctx, "SQLite", filepath.Join(dir, "tend.db"), clients)
	if err != nil {
		return err
	}
	defer lite.stop()
	servers := []*tend{lite}
	if withPostgres {
		pg, err := pgtest.Start()
		if err != nil {
			return fmt.Errorf("start PostgreSQL: %w", err)
		}
		defer pg.Stop()
		dsn, err := pg.NewDatabase(ctx)
		if err != nil {
			return err
		}
		pgt, err := startTend(ctx, "PostgreSQL", dsn, clients)
		if err != nil {
			return err
		}
		defer pgt.stop()
		servers = append(servers, pgt)
	}
	helloURL, stopHello, err := serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "hello, world\n") }))
	if err != nil {
		return err
	}
	defer stopHello()

	// The machine's speed drifts (other tenants share the host), so the
	// reads are measured in rounds, each right after its own hello-world
	// run, and each round's ratio counts.
	fmt.Printf("%d clients, %v each, %d rounds, loopback, SQLite synchronous=FULL, Accept-Encoding gzip: %v\n", clients, d, rounds, gz)
	type series struct {
		name   string
		ratios []float64
		p99s   []time.Duration
	}
	var all []*series
	for _, t := range servers {
		all = append(all, &series{name: t.name + " GET /api/v1/profile"}, &series{name: t.name + " GET /profile"})
	}
	for round := 1; round <= rounds; round++ {
		hello := measure(d, clients, gz, func(c *http.Client, i int) error {
			_, err := call(c, "GET", helloURL+"/", "", "", http.StatusOK)
			return err
		})
		fmt.Printf("round %d: hello-world %6.0f req/s, p99 %v, %v CPU a request\n", round, hello.rate, hello.p99.Round(10*time.Microsecond), hello.cpu.Round(100*time.Nanosecond))
		k := 0
		for _, t := range servers {
			for _, path := range []string{"/api/v1/profile", "/profile"} {
				r := measure(d, clients, gz, func(c *http.Client, i int) error {
					_, err := call(c, "GET", t.url+path, t.tokens[i], "", http.StatusOK)
					return err
				})
				s := all[k]
				k++
				s.ratios, s.p99s = append(s.ratios, r.rate/hello.rate), append(s.p99s, r.p99)
				fmt.Printf("         %-32s %6.0f req/s (%2.0f%%, %d failed), p50 %v, p90 %v, p99 %v, %v CPU a request\n", s.name, r.rate, 100*r.rate/hello.rate,
					r.failed, r.p50.Round(10*time.Microsecond), r.p90.Round(10*time.Microsecond), r.p99.Round(10*time.Microsecond), r.cpu.Round(100*time.Nanosecond))
			}
		}
	}
	fmt.Println("median of the rounds, share of hello-world:")
	for _, s := range all {
		fmt.Printf("  %-32s %3.0f%% (rounds %s), p99 %s\n", s.name, 100*median(s.ratios), span(s.ratios), durSpan(s.p99s))
	}
	for _, t := range servers {
		var n atomic.Int64
		saves := measure(d, clients, gz, func(c *http.Client, i int) error {
			_, err := call(c, "PUT", t.url+"/api/v1/profile", t.tokens[i], profileBody(i, int(n.Add(1))), http.StatusOK)
			return err
		})
		fmt.Printf("%s PUT /api/v1/profile: %.0f saves/s (%d failed), p99 %v\n", t.name, saves.rate, saves.failed, saves.p99.Round(10*time.Microsecond))
	}
	return nil
}

// profileBody is a realistic profile of about 2 KB.
func profileBody(i, n int) string {
	return fmt.Sprintf(`{"pronouns": "they/them", "receive": {"water": "need", "cuddle": "like", "blanket": "need", "affirm": "like",
 "massage": "need", "snack": "like", "ask-feelings": "need", "music": "like", "debrief": "like", "praise": "never", "walk": "rather-not"},
 "give": {"water": "glad", "cuddle": "glad", "massage": "no", "stroke-hair": "glad", "snack": "willing", "affirm": "glad"},
 "comments": {"cuddle": "Big spoon, please."}, "space_first_minutes": 10,
 "notes": ["I sometimes cry afterwards; it is not a bad sign (client %d, save %d)."], "avoid": ["No tickling right after."],
 "drop": {"when": "next-day", "signs": ["quiet"], "helps": ["a message in the morning"]},
 "encounters": {"intense": {"receive": {"first-aid": "need"}, "minutes": 45}}}`, i, n)
}

// median is the middle value (the mean of the two middle ones).
func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// span writes the smallest and largest ratio as percentages.
func span(xs []float64) string {
	return fmt.Sprintf("%.0f-%.0f%%", 100*slices.Min(xs), 100*slices.Max(xs))
}

// durSpan writes the smallest and largest duration.
func durSpan(ds []time.Duration) string {
	lo, hi := slices.Min(ds), slices.Max(ds)
	return fmt.Sprintf("%v-%v", lo.Round(10*time.Microsecond), hi.Round(10*time.Microsecond))
}

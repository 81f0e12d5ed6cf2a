// Command load measures Tend's API and profile page on loopback against a hello-world
// net/http handler measured in the same run, and the rate of profile
// saves. Every loop is bounded in time; it sends traffic only to the
// servers it starts itself on 127.0.0.1.
//
//	go run ./tools/load [-d 3s] [-c 16] [-rounds 3] [-cpuprofile FILE]
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
	"time"

	"github.com/tendcare/tend/catalog"
	"github.com/tendcare/tend/password"
	"github.com/tendcare/tend/seal"
	"github.com/tendcare/tend/sqlstore"
	"github.com/tendcare/tend/web"
)

func main() {
	d := flag.Duration("d", 3*time.Second, "how long each measurement runs")
	c := flag.Int("c", 16, "concurrent clients")
	rounds := flag.Int("rounds", 3, "rounds of hello-world, API and page reads")
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
	if err := run(*d, *c, *rounds); err != nil {
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

// measure runs clients that each repeat req for d, and returns requests
// per second and how many failed.
func measure(d time.Duration, clients int, req func(client *http.Client, i int) error) (float64, int64) {
	var ok, failed atomic.Int64
	var wg sync.WaitGroup
	deadline := time.Now().Add(d)
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
			for time.Now().Before(deadline) {
				if err := req(client, i); err != nil {
					failed.Add(1)
				} else {
					ok.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	return float64(ok.Load()) / d.Seconds(), failed.Load()
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

func run(d time.Duration, clients, rounds int) error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "tend-load-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	key, _ := seal.NewKey()
	sealer, _ := seal.New(key)
	db, err := sqlstore.Open(ctx, filepath.Join(dir, "tend.db"), sealer)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	cat, err := catalog.Load()
	if err != nil {
		return err
	}
	s := &web.Server{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), DB: db, People: db, Sessions: db, Credentials: db,
		Profiles: db, Tokens: db, Encounters: db, Followups: db, Drops: db, Catalog: cat, Passwords: password.New(4), Signup: "open"}
	db.SetPublisher(s.Publisher())
	tendURL, stopTend, err := serve(s.Handler())
	if err != nil {
		return err
	}
	defer stopTend()
	helloURL, stopHello, err := serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "hello, world\n") }))
	if err != nil {
		return err
	}
	defer stopHello()

	// One account per client, each with a realistic profile.
	tokens := make([]string, clients)
	for i := range tokens {
		body := fmt.Sprintf(`{"display_name": "Person %d", "username": "person%03d", "password": "correct horse battery"}`, i, i)
		b, err := call(http.DefaultClient, "POST", tendURL+"/api/v1/signup", "", body, http.StatusCreated)
		if err != nil {
			return err
		}
		var out struct{ Token string }
		if err := json.Unmarshal(b, &out); err != nil || out.Token == "" {
			return fmt.Errorf("signup: no token in %q", b)
		}
		tokens[i] = out.Token
		if _, err := call(http.DefaultClient, "PUT", tendURL+"/api/v1/profile", out.Token, profileBody(i, 0), http.StatusOK); err != nil {
			return err
		}
	}

	// The machine's speed drifts (other tenants share the host), so the
	// reads are measured in rounds, each right after its own hello-world
	// run, and each round's ratio counts.
	fmt.Printf("%d clients, %v each, %d rounds, loopback, SQLite synchronous=FULL\n", clients, d, rounds)
	var apiRatios, pageRatios []float64
	for round := 1; round <= rounds; round++ {
		hello, _ := measure(d, clients, func(c *http.Client, i int) error {
			_, err := call(c, "GET", helloURL+"/", "", "", http.StatusOK)
			return err
		})
		profile, pf := measure(d, clients, func(c *http.Client, i int) error {
			_, err := call(c, "GET", tendURL+"/api/v1/profile", tokens[i], "", http.StatusOK)
			return err
		})
		page, pgf := measure(d, clients, func(c *http.Client, i int) error {
			_, err := call(c, "GET", tendURL+"/profile", tokens[i], "", http.StatusOK)
			return err
		})
		apiRatios, pageRatios = append(apiRatios, profile/hello), append(pageRatios, page/hello)
		fmt.Printf("round %d: hello-world %6.0f req/s; GET /api/v1/profile %6.0f req/s (%2.0f%%, %d failed); GET /profile %6.0f req/s (%2.0f%%, %d failed)\n",
			round, hello, profile, 100*profile/hello, pf, page, 100*page/hello, pgf)
	}
	var n atomic.Int64
	saves, sf := measure(d, clients, func(c *http.Client, i int) error {
		_, err := call(c, "PUT", tendURL+"/api/v1/profile", tokens[i], profileBody(i, int(n.Add(1))), http.StatusOK)
		return err
	})
	fmt.Printf("median: GET /api/v1/profile %.0f%% of hello-world, GET /profile (the page) %.0f%%\n", 100*median(apiRatios), 100*median(pageRatios))
	fmt.Printf("PUT /api/v1/profile: %.0f saves/s (%d failed)\n", saves, sf)
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

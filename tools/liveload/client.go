package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// arrivals records when each member's screen got each signal, per
// encounter.
type arrivals struct {
	mu sync.Mutex
	at map[int64][]time.Time // by signal number, one per member (zero: not yet)
}

func (a *arrivals) got(seq int64, member, members int, t time.Time) {
	a.mu.Lock()
	defer a.mu.Unlock()
	ts := a.at[seq]
	if ts == nil {
		ts = make([]time.Time, members)
		a.at[seq] = ts
	}
	ts[member] = t
}

// sent is one signal sent and when.
type sent struct {
	enc, from int
	seq       int64
	at        time.Time
	took      time.Duration // the POST's own time
}

// runClient opens every screen, waits for the parent's go, sends signals
// at the rate for the duration, and prints what it measured.
func runClient(file string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	var set setup
	if err := json.Unmarshal(data, &set); err != nil {
		return err
	}
	d, err := time.ParseDuration(set.Duration)
	if err != nil {
		return err
	}
	members := len(set.Encounters[0].Tokens)
	arr := make([]*arrivals, len(set.Encounters))
	for i := range arr {
		arr[i] = &arrivals{at: map[int64][]time.Time{}}
	}

	// Open the screens, 64 at a time.
	var (
		wg     sync.WaitGroup
		failed atomic.Int64
	)
	sem := make(chan struct{}, 64)
	for i, e := range set.Encounters {
		for m, token := range e.Tokens {
			sem <- struct{}{}
			wg.Add(1)
			go func() {
				defer wg.Done()
				conn, r, err := openScreen(set.Nodes[m%len(set.Nodes)], e.ID, token)
				<-sem
				if err != nil {
					if failed.Add(1) == 1 {
						fmt.Fprintln(os.Stderr, "open screen:", err)
					}
					return
				}
				go readScreen(conn, r, arr[i], m, members)
			}()
		}
	}
	wg.Wait()
	if n := failed.Load(); n > 0 {
		return fmt.Errorf("%d screens did not open", n)
	}
	fmt.Println("OPEN")
	in := bufio.NewScanner(os.Stdin)
	if !in.Scan() || in.Text() != "GO" {
		return fmt.Errorf("no go from the parent")
	}

	// Send: one POST every 1/rate seconds, each on its own goroutine so a
	// slow answer never delays the schedule. The sender's POST goes to
	// the node of the sender's screen.
	clients := make([]*http.Client, len(set.Nodes))
	for i := range clients {
		clients[i] = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256}, Timeout: 10 * time.Second}
	}
	var (
		mu       sync.Mutex
		all      []sent
		sendErrs atomic.Int64
	)
	tick := time.NewTicker(time.Second / time.Duration(set.Rate))
	deadline := time.Now().Add(d)
	for now := range tick.C {
		if now.After(deadline) {
			break
		}
		i, from := rand.IntN(len(set.Encounters)), rand.IntN(members)
		wg.Add(1)
		go func() {
			defer wg.Done()
			e := set.Encounters[i]
			node := set.Nodes[from%len(set.Nodes)]
			start := time.Now()
			seq, err := send(clients[from%len(clients)], node, e.ID, e.Tokens[from])
			if err != nil {
				if sendErrs.Add(1) == 1 {
					fmt.Fprintln(os.Stderr, "send:", err)
				}
				return
			}
			mu.Lock()
			all = append(all, sent{enc: i, from: from, seq: seq, at: start, took: time.Since(start)})
			mu.Unlock()
		}()
	}
	tick.Stop()
	wg.Wait()
	time.Sleep(2 * time.Second) // stragglers: counted as missed if still not there

	var (
		lat, posts []time.Duration
		missed     int
	)
	for _, s := range all {
		posts = append(posts, s.took)
		a := arr[s.enc]
		a.mu.Lock()
		ts := a.at[s.seq]
		var worst time.Duration
		ok := ts != nil
		for m := range members {
			if m == s.from {
				continue
			}
			if ts == nil || ts[m].IsZero() {
				ok = false
				break
			}
			worst = max(worst, ts[m].Sub(s.at))
		}
		a.mu.Unlock()
		if !ok {
			missed++
			continue
		}
		lat = append(lat, worst)
	}
	slices.Sort(lat)
	slices.Sort(posts)
	pctOf := func(ds []time.Duration, p float64) time.Duration {
		if len(ds) == 0 {
			return 0
		}
		return ds[min(len(ds)-1, int(p*float64(len(ds))))].Round(time.Microsecond)
	}
	pct := func(p float64) time.Duration { return pctOf(lat, p) }
	fmt.Printf("%d signals sent in %v (%d failed to send); missed by some screen: %d\n", len(all), d, sendErrs.Load(), missed)
	fmt.Printf("time from sending until every other member's screen had it: p50 %v, p90 %v, p99 %v, max %v\n",
		pct(0.50), pct(0.90), pct(0.99), pct(1))
	fmt.Printf("the sender's POST alone: p50 %v, p99 %v\n", pctOf(posts, 0.5), pctOf(posts, 0.99))
	if missed > 0 || sendErrs.Load() > 0 {
		return fmt.Errorf("%d signals missed, %d not sent", missed, sendErrs.Load())
	}
	return nil
}

// openScreen opens an encounter's event stream on a raw connection and
// reads the response's header.
func openScreen(node, id, token string) (net.Conn, *bufio.Reader, error) {
	u, _ := url.Parse(node)
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		return nil, nil, err
	}
	fmt.Fprintf(conn, "GET /api/v1/encounters/%s/events HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\nAccept: text/event-stream\r\n\r\n", id, u.Host, token)
	r := bufio.NewReaderSize(conn, 4096)
	status, err := r.ReadString('\n')
	if err != nil {
		conn.Close()
		return nil, nil, err
	}
	if !strings.Contains(status, " 200 ") {
		conn.Close()
		return nil, nil, fmt.Errorf("events: %s", strings.TrimSpace(status))
	}
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			conn.Close()
			return nil, nil, err
		}
		if line == "\r\n" {
			break
		}
	}
	return conn, r, nil
}

// readScreen notes when each event arrives, until the connection ends.
func readScreen(conn net.Conn, r *bufio.Reader, a *arrivals, member, members int) {
	defer conn.Close()
	for {
		line, err := r.ReadSlice('\n')
		if err != nil {
			return
		}
		if id, ok := bytes.CutPrefix(line, []byte("id: ")); ok {
			now := time.Now()
			seq, err := strconv.ParseInt(string(bytes.TrimSpace(id)), 10, 64)
			if err == nil {
				a.got(seq, member, members, now)
			}
		}
	}
}

// send sends "water" and returns the signal's number.
func send(c *http.Client, node, id, token string) (int64, error) {
	req, _ := http.NewRequest("POST", node+"/api/v1/encounters/"+id+"/signals", strings.NewReader(`{"kind": "water"}`))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	res, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	var out struct {
		Signal struct {
			Seq int64 `json:"seq"`
		} `json:"signal"`
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || res.StatusCode != http.StatusCreated {
		return 0, fmt.Errorf("send: %d %v", res.StatusCode, err)
	}
	return out.Signal.Seq, nil
}

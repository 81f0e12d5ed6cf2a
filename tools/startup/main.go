// Command startup measures how fast a fresh `tend serve` is ready and how
// much memory it holds when idle: it builds tend (or takes -bin), starts
// it on an empty data directory on a free loopback port, polls /readyz
// every millisecond until it answers 200, and stops it; starts it again
// on the same directory (the key and database already there) three times
// in a row, each stopped once ready; then starts it once more, lets it
// idle, reads VmRSS (and VmHWM, the peak) from /proc/PID/status, and
// stops it. Every loop is bounded; it talks only to 127.0.0.1.
//
// The restarts follow each other at once because a start after the
// machine has idled a few seconds is slower by tens of milliseconds
// before tend's main even runs (the virtual CPU wakes up): that start's
// time is shown apart, as "after idle".
//
//	go run ./tools/startup [-n 3] [-idle 3s] [-bin PATH]
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	n := flag.Int("n", 3, "how many fresh data directories")
	idle := flag.Duration("idle", 3*time.Second, "how long to wait after ready before reading the memory")
	bin := flag.String("bin", "", "the tend binary to run; default: build ./cmd/tend")
	flag.Parse()
	if err := run(*n, *idle, *bin); err != nil {
		log.Fatal(err)
	}
}

func run(n int, idle time.Duration, bin string) error {
	tmp, err := os.MkdirTemp("", "tend-startup-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if bin == "" {
		bin = filepath.Join(tmp, "tend")
		build := exec.Command("go", "build", "-o", bin, "./cmd/tend")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("build: %w", err)
		}
	}
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d.Microseconds())/1000) }
	fmt.Println("ready (ms): on an empty directory; three restarts in a row; a restart after idle. Memory (MB): idle, peak")
	for i := 1; i <= n; i++ {
		dir := filepath.Join(tmp, fmt.Sprintf("data%d", i))
		empty, err := start(bin, dir, 0)
		if err != nil {
			return err
		}
		var restarts []string
		for range 3 {
			r, err := start(bin, dir, 0)
			if err != nil {
				return err
			}
			restarts = append(restarts, ms(r.ready))
		}
		// The machine idles (and its CPU slows) for as long as the
		// last start idles before its memory is read.
		time.Sleep(idle)
		last, err := start(bin, dir, idle)
		if err != nil {
			return err
		}
		fmt.Printf("run %d: empty %s; restarts %s; after idle %s | idle %.1f MB, peak %.1f MB\n", i, ms(empty.ready),
			strings.Join(restarts, ", "), ms(last.ready), last.rss, last.hwm)
	}
	return nil
}

type result struct {
	ready    time.Duration
	rss, hwm float64 // MB (10^6 bytes)
}

// start runs tend serve on dir until it is ready and has idled for idle
// (0: not at all), and measures it.
func start(bin, dir string, idle time.Duration) (result, error) {
	port, err := freePort()
	if err != nil {
		return result{}, err
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second+idle)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "serve", "--addr", addr, "--data-dir", dir, "--log-level", "warn")
	// Only what the command line gives: no TEND_* from the caller.
	env := []string{}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TEND_") {
			env = append(env, kv)
		}
	}
	cmd.Env = env
	cmd.Stderr = os.Stderr
	began := time.Now()
	if err := cmd.Start(); err != nil {
		return result{}, err
	}
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	}()
	client := &http.Client{Timeout: time.Second}
	var r result
	for {
		res, err := client.Get("http://" + addr + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				r.ready = time.Since(began)
				break
			}
		}
		if ctx.Err() != nil {
			return result{}, fmt.Errorf("tend serve was not ready in time")
		}
		time.Sleep(time.Millisecond)
	}
	if idle == 0 {
		return r, nil
	}
	time.Sleep(idle)
	if r.rss, r.hwm, err = memory(cmd.Process.Pid); err != nil {
		return result{}, err
	}
	return r, nil
}

// memory reads the resident set and its peak from /proc/PID/status, in MB.
func memory(pid int) (rss, hwm float64, err error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), ":")
		if !ok || (name != "VmRSS" && name != "VmHWM") {
			continue
		}
		kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(value), " kB"), 64)
		if err != nil {
			return 0, 0, fmt.Errorf("%s: %q", name, value)
		}
		if name == "VmRSS" {
			rss = kb * 1024 / 1e6
		} else {
			hwm = kb * 1024 / 1e6
		}
	}
	return rss, hwm, sc.Err()
}

// freePort asks the system for a free loopback port.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

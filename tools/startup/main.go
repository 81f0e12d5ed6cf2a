// Command startup measures how fast a fresh `tend serve` is ready and how
// much memory it holds when idle: it builds tend (or takes -bin), starts
// it on an empty data directory on a free loopback port, polls /readyz
// every millisecond until it answers 200, waits, reads VmRSS (and VmHWM,
// the peak) from /proc/PID/status, and stops it. With -again it also
// starts it a second time on the same directory (the key and database
// already there). Every loop is bounded; it talks only to 127.0.0.1.
//
//	go run ./tools/startup [-n 3] [-idle 3s] [-again] [-bin PATH]
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
	n := flag.Int("n", 3, "how many fresh starts")
	idle := flag.Duration("idle", 3*time.Second, "how long to wait after ready before reading the memory")
	again := flag.Bool("again", false, "also start each time a second time on the same data directory")
	bin := flag.String("bin", "", "the tend binary to run; default: build ./cmd/tend")
	flag.Parse()
	if err := run(*n, *idle, *again, *bin); err != nil {
		log.Fatal(err)
	}
}

func run(n int, idle time.Duration, again bool, bin string) error {
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
	fmt.Printf("%-6s %-6s %12s %10s %10s\n", "run", "dir", "ready", "idle RSS", "peak RSS")
	for i := 1; i <= n; i++ {
		dir := filepath.Join(tmp, fmt.Sprintf("data%d", i))
		starts := []string{"empty"}
		if again {
			starts = append(starts, "again")
		}
		for _, which := range starts {
			r, err := start(bin, dir, idle)
			if err != nil {
				return err
			}
			fmt.Printf("%-6d %-6s %9.1f ms %7.1f MB %7.1f MB\n", i, which, float64(r.ready.Microseconds())/1000, r.rss, r.hwm)
		}
	}
	return nil
}

type result struct {
	ready    time.Duration
	rss, hwm float64 // MB (10^6 bytes)
}

// start runs tend serve on dir until it is ready and has idled, and
// measures it.
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

// Command mutate checks that the tests notice when a rule that protects
// people is broken: each hand-made mutation in rules.txt (a one-line
// change that breaks one rule) must make the tests of its packages fail;
// with -gremlins it also runs go-gremlins over the packages whose scores
// the README gives. It works on a copy of the module, never on the
// working tree.
//
//	go run ./tools/mutate            # the hand-made mutations
//	go run ./tools/mutate -gremlins  # and go-gremlins (about 15 minutes)
//
// Hand-made mutations that need PostgreSQL or Chromium run their tests
// with them when they are there, as `go test` does (set TEND_AXE to
// axe-core's file: the copy has no .cache).
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// rule is one hand-made mutation.
type rule struct {
	name, file, from, to string
	tests                []string // packages to test, and optionally -run
	line                 int      // where it is in rules.txt
}

func main() {
	rulesFile := flag.String("rules", "tools/mutate/rules.txt", "the hand-made mutations")
	only := flag.String("only", "", "run only the rules whose name contains this")
	gremlins := flag.Bool("gremlins", false, "also run go-gremlins over the packages with mutation scores")
	flag.Parse()
	rules, err := readRules(*rulesFile)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mutate:", err)
		os.Exit(2)
	}
	tmp, err := os.MkdirTemp("", "tend-mutate-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "mutate:", err)
		os.Exit(2)
	}
	defer os.RemoveAll(tmp)
	if err := copyModule(".", tmp); err != nil {
		fmt.Fprintln(os.Stderr, "mutate: copy the module:", err)
		os.Exit(2)
	}
	failed := false
	killed, lived := 0, 0
	for _, r := range rules {
		if *only != "" && !strings.Contains(r.name, *only) {
			continue
		}
		ok, out, err := r.run(tmp)
		switch {
		case err != nil:
			fmt.Printf("ERROR   %s (rules.txt:%d): %v\n", r.name, r.line, err)
			failed = true
		case ok:
			killed++
			fmt.Printf("KILLED  %s\n", r.name)
		default:
			lived++
			failed = true
			fmt.Printf("LIVED   %s (rules.txt:%d): the tests passed with %s broken\n%s\n", r.name, r.line, r.file, out)
		}
	}
	fmt.Printf("hand-made mutations: %d killed, %d lived\n", killed, lived)
	if *gremlins {
		if err := runGremlins(tmp); err != nil {
			fmt.Fprintln(os.Stderr, "mutate: gremlins:", err)
			failed = true
		}
	}
	if failed {
		os.Exit(1)
	}
}

// readRules reads rules.txt: blocks of "name:", "file:", "from:", "to:"
// and "test:" lines, separated by blank lines; # starts a comment.
func readRules(path string) ([]rule, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []rule
	var cur *rule
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		if strings.TrimSpace(line) == "" {
			cur = nil
			continue
		}
		key, val, ok := strings.Cut(line, ": ")
		if !ok {
			return nil, fmt.Errorf("%s:%d: want \"key: value\"", path, n)
		}
		if cur == nil {
			out = append(out, rule{line: n})
			cur = &out[len(out)-1]
		}
		switch key {
		case "name":
			cur.name = val
		case "file":
			cur.file = val
		case "from", "to":
			// A value in double quotes is a Go string, for tabs and
			// line breaks.
			if strings.HasPrefix(val, `"`) {
				if val, err = strconv.Unquote(val); err != nil {
					return nil, fmt.Errorf("%s:%d: %v", path, n, err)
				}
			}
			if key == "from" {
				cur.from = val
			} else {
				cur.to = val
			}
		case "test":
			cur.tests = strings.Fields(val)
		default:
			return nil, fmt.Errorf("%s:%d: unknown key %q", path, n, key)
		}
	}
	for _, r := range out {
		if r.name == "" || r.file == "" || r.from == "" || len(r.tests) == 0 {
			return nil, fmt.Errorf("%s:%d: a rule needs name, file, from, to (may be \"\") and test", path, r.line)
		}
	}
	return out, sc.Err()
}

// run applies the mutation in the copy, runs its tests and restores the
// file: ok when the tests failed.
func (r rule) run(dir string) (bool, string, error) {
	path := filepath.Join(dir, r.file)
	orig, err := os.ReadFile(path)
	if err != nil {
		return false, "", err
	}
	if c := bytes.Count(orig, []byte(r.from)); c != 1 {
		return false, "", fmt.Errorf("%s: the line to change is there %d times, not once (was the code changed? update rules.txt)", r.file, c)
	}
	mutated := bytes.Replace(orig, []byte(r.from), []byte(r.to), 1)
	if err := os.WriteFile(path, mutated, 0o644); err != nil {
		return false, "", err
	}
	defer os.WriteFile(path, orig, 0o644)
	args := append([]string{"test", "-count=1", "-timeout", "10m"}, r.tests...)
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err == nil {
		return false, tail(string(out), 5), nil
	}
	if bytes.Contains(out, []byte("build failed")) || bytes.Contains(out, []byte("[setup failed]")) {
		return false, "", fmt.Errorf("the mutation does not build:\n%s", tail(string(out), 10))
	}
	return true, "", nil
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return "        " + strings.Join(lines, "\n        ")
}

// gremlinsPackages are the packages whose mutation scores the README
// gives; the root package is run alone, leaving the others out.
var gremlinsPackages = []string{"./seal", "./password", "./plan", "."}

func runGremlins(dir string) error {
	others := `^(catalog|cmd|internal|live|password|plan|seal|sqlstore|tools|web)/`
	for _, pkg := range gremlinsPackages {
		args := []string{"run", "github.com/go-gremlins/gremlins/cmd/gremlins@v0.6.0", "unleash",
			// 10: with less, tests slowed by their neighbours time out
			// and count as found; with more, a mutated loop that never
			// ends holds a worker for an hour.
			"--workers", "2", "--timeout-coefficient", "10", "-S", "l"}
		if pkg == "." {
			args = append(args, "-E", others)
		}
		args = append(args, pkg)
		start := time.Now()
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		fmt.Printf("== gremlins %s\n", pkg)
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("%s: %w", pkg, err)
		}
		fmt.Printf("(%s in %s)\n", pkg, time.Since(start).Round(time.Second))
	}
	return nil
}

// copyModule copies the module's files (not .git, not artifacts or
// caches) to dst.
func copyModule(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			switch rel {
			case ".git", "artifacts", ".cache":
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
}

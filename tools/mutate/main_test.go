package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestRulesApply keeps rules.txt true to the code: each hand-made
// mutation's line is in its file exactly once, so that `go run
// ./tools/mutate` can break it. (Running the mutations takes minutes and
// is not part of `go test`.)
func TestRulesApply(t *testing.T) {
	rules, err := readRules("rules.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) == 0 {
		t.Fatal("no rules read")
	}
	for _, r := range rules {
		b, err := os.ReadFile(filepath.Join("..", "..", r.file))
		if err != nil {
			t.Errorf("%s: %v", r.name, err)
			continue
		}
		if n := bytes.Count(b, []byte(r.from)); n != 1 {
			t.Errorf("%s (rules.txt:%d): the line to change is in %s %d times, want once", r.name, r.line, r.file, n)
		}
		if r.from == r.to {
			t.Errorf("%s: the mutation changes nothing", r.name)
		}
	}
}

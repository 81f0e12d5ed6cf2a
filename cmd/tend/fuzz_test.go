package main

import (
	"strings"
	"testing"
	"time"
)

func FuzzPicks(f *testing.F) {
	for _, s := range []string{"", "1n 3l", "1n,2l,3x", "0n", "99999999999999999999n", "1", "n", "1nn", "2n 2l", " \t1g\n", "١n", "1\x00n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		letters := receiveLetters()
		got, err := picks(s, 21, letters)
		if err != nil {
			if got != nil || !strings.HasPrefix(err.Error(), `"`) && !strings.Contains(err.Error(), "appears twice") {
				t.Fatalf("picks(%q): error %v with a result %v", s, err, got)
			}
			return
		}
		valid := map[string]bool{}
		for _, v := range letters {
			valid[v] = true
		}
		for k, v := range got {
			if k < 1 || k > 21 || !valid[v] {
				t.Fatalf("picks(%q): got %d=%q", s, k, v)
			}
		}
	})
}

func FuzzParseDays(f *testing.F) {
	for _, s := range []string{"30d", "12h", "1h", "90d", "91d", "0d", "-1d", "1y", "d", "9999999999999d", "1h30m", "", "30dx", "+5d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := parseDays(s)
		if err == nil && strings.HasSuffix(s, "d") && d%(24*time.Hour) != 0 {
			t.Fatalf("parseDays(%q) = %v, not whole days", s, d)
		}
		if err == nil && (d < time.Hour || d > 90*24*time.Hour) {
			t.Fatalf("parseDays(%q) = %v, outside 1h to 90d", s, d)
		}
	})
}

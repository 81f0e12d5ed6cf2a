package sqlstore_test

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/tendcare/tend/sqlstore/storetest"
)

// TestREADMEListsWhatStaysReadable: the README's table of what stays
// readable in the database files is exactly the list the conformance
// test holds every column to.
func TestREADMEListsWhatStaysReadable(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "<!-- readable:begin -->")
	section, _, ok2 := strings.Cut(rest, "<!-- readable:end -->")
	if !ok || !ok2 {
		t.Fatal("the README has no readable:begin/end section")
	}
	name := regexp.MustCompile("`([a-z_*]+)`")
	var documented []string
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 4 || !strings.HasPrefix(strings.TrimSpace(cells[1]), "`") {
			continue
		}
		table := strings.Trim(strings.TrimSpace(cells[1]), "`")
		for _, m := range name.FindAllStringSubmatch(cells[2], -1) {
			documented = append(documented, table+"."+m[1])
		}
	}
	var listed []string
	for k := range storetest.Readable {
		listed = append(listed, k)
	}
	slices.Sort(documented)
	slices.Sort(listed)
	if !slices.Equal(documented, listed) {
		t.Errorf("README lists as readable:\n%v\nthe store keeps readable:\n%v", documented, listed)
	}
}

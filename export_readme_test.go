package tend

import (
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestREADMEListsTheExport: the README's table of what the export holds
// names every part of Export, and nothing else, so that a part added is
// documented.
func TestREADMEListsTheExport(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "<!-- export:begin -->")
	section, _, ok2 := strings.Cut(rest, "<!-- export:end -->")
	if !ok || !ok2 {
		t.Fatal("the README has no export:begin/end section")
	}
	name := regexp.MustCompile("`([a-z_]+)`")
	var documented []string
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 3 {
			continue
		}
		for _, m := range name.FindAllStringSubmatch(cells[1], -1) {
			documented = append(documented, m[1])
		}
	}
	var parts []string
	typ := reflect.TypeOf(Export{})
	for i := range typ.NumField() {
		parts = append(parts, strings.Split(typ.Field(i).Tag.Get("json"), ",")[0])
	}
	slices.Sort(documented)
	slices.Sort(parts)
	if !slices.Equal(documented, parts) {
		t.Errorf("the README's export table lists %q; tend.Export has %q", documented, parts)
	}
}

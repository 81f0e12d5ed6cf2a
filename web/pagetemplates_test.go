package web

import (
	"path"
	"strings"
	"testing"
)

// TestEveryPageTemplateParses parses every page's template, as the
// server does the first time it shows each: the files are embedded, so
// one that does not parse must fail here, before any build ships.
func TestEveryPageTemplateParses(t *testing.T) {
	a, err := loadAssets()
	if err != nil {
		t.Fatal(err)
	}
	p, err := loadPages(a)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.byName) < 30 {
		t.Fatalf("only %d page templates found", len(p.byName))
	}
	if err := p.all(); err != nil {
		t.Fatal(err)
	}
	if _, err := p.get("no such page"); err == nil || !strings.Contains(err.Error(), "no such page") {
		t.Errorf("an unknown page: got %v", err)
	}
}

// TestStaticTypesKnown: every static file's kind has its content type in
// staticTypes, so that the server never loads the system's tables at
// start (see staticTypes).
func TestStaticTypesKnown(t *testing.T) {
	a, err := loadAssets()
	if err != nil {
		t.Fatal(err)
	}
	for name := range a.files {
		if _, ok := staticTypes[path.Ext(name)]; !ok {
			t.Errorf("%s: add the type of %q files to staticTypes", name, path.Ext(name))
		}
	}
}

package web

import (
	"fmt"
	"html/template"
	"io/fs"
	"strings"
	"sync"
	"time"

	"github.com/tendcare/tend"
)

// pages holds the page templates. Each is the layout and its parts,
// cloned, with the page's own file parsed in, the first time it is
// needed: html/template copies every shared part into each clone, so
// making all of them when the server starts took 15-22 ms and kept
// about 7 MB, most of it for pages a node may not show for hours. The
// files are embedded, so one that does not parse is a bug in this build,
// which TestEveryPageTemplateParses finds (see all).
type pages struct {
	// base parses the layout and its parts, once.
	base func() (*template.Template, error)
	// byName has every page's file, known at start; each is parsed on
	// first use. The map is never written after loadPages.
	byName map[string]*lazyPage
}

// lazyPage is one page's template, parsed once.
type lazyPage struct {
	file string
	once sync.Once
	t    *template.Template
	err  error
}

// loadPages lists the page templates; it parses none (see pages).
func loadPages(a *assets) (*pages, error) {
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{byName: map[string]*lazyPage{}}
	p.base = sync.OnceValues(func() (*template.Template, error) {
		return template.New("layout.html").Funcs(pageFuncs(a)).ParseFS(templateFiles, "templates/layout.html", "templates/parts/*.html")
	})
	for _, name := range names {
		if name == "templates/layout.html" {
			continue
		}
		p.byName[strings.TrimSuffix(strings.TrimPrefix(name, "templates/"), ".html")] = &lazyPage{file: name}
	}
	return p, nil
}

// get returns the named page's template, parsing it the first time.
func (p *pages) get(name string) (*template.Template, error) {
	lp, ok := p.byName[name]
	if !ok {
		return nil, fmt.Errorf("no page template %q", name)
	}
	lp.once.Do(func() {
		base, err := p.base()
		if err != nil {
			lp.err = fmt.Errorf("page templates: %w", err)
			return
		}
		// The base is never executed, only cloned, so it can be cloned
		// at any time.
		t, err := base.Clone()
		if err == nil {
			t, err = t.ParseFS(templateFiles, lp.file)
		}
		if err != nil {
			lp.err = fmt.Errorf("page template %s: %w", lp.file, err)
			return
		}
		lp.t = t
	})
	return lp.t, lp.err
}

// all parses every page, for the tests: the first error.
func (p *pages) all() error {
	for name := range p.byName {
		if _, err := p.get(name); err != nil {
			return err
		}
	}
	return nil
}

// pageFuncs are the functions the templates call.
func pageFuncs(a *assets) template.FuncMap {
	return template.FuncMap{
		"asset": a.url,
		"date":  func(loc *time.Location, t time.Time) string { return t.In(orUTC(loc)).Format("2 January 2006") },
		"when":  when,
		"used": func(loc *time.Location, created, used time.Time) string {
			if !used.After(created) {
				return "Never"
			}
			return when(loc, used)
		},
		"receive":    receiveLabel,
		"give":       giveLabel,
		"kind":       kindLabel,
		"phrase":     kindPhrase,
		"join":       strings.Join,
		"names":      tend.JoinNames,
		"after":      afterLabel,
		"capitalize": capitalize,
		"scope":      scopeLabel,
		"month":      monthLabel,
		"dropwhen":   dropWhenLabel,
	}
}

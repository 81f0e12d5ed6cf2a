package catalog

import (
	"fmt"
	"io/fs"
	"path"
	"strings"
	"unicode/utf8"
)

// Guide is a short text on one aftercare topic.
type Guide struct {
	Name    string `json:"name"`
	Title   string `json:"title"`
	Summary string `json:"summary"`
	Body    string `json:"body,omitempty"`
}

// MaxGuideLine is the longest line a guide may have, so that it reads in
// an 80-column terminal with a margin.
const MaxGuideLine = 72

func loadGuides(fsys fs.FS) ([]Guide, error) {
	const name = "data/guides.json"
	var doc struct {
		Guides []Guide `json:"guides"`
	}
	if err := decodeStrict(fsys, name, &doc); err != nil {
		return nil, err
	}
	listed := map[string]bool{}
	for i := range doc.Guides {
		g := &doc.Guides[i]
		if !catalogID.MatchString(g.Name) || listed[g.Name] || g.Body != "" {
			return nil, fmt.Errorf("catalog: %s: guide %d (%q): name must be a unique lowercase id, and no body here", name, i+1, g.Name)
		}
		if g.Title == "" || utf8.RuneCountInString(g.Title) > 48 || g.Summary == "" || utf8.RuneCountInString(g.Summary) > 140 {
			return nil, fmt.Errorf("catalog: %s: guide %q: title (1-48 characters) and summary (1-140) are required", name, g.Name)
		}
		listed[g.Name] = true
		file := "data/guides/" + g.Name + ".md"
		body, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, fmt.Errorf("catalog: %s: guide %q has no file %s", name, g.Name, file)
		}
		if err := checkGuideBody(string(body)); err != nil {
			return nil, fmt.Errorf("catalog: %s: %w", file, err)
		}
		g.Body = strings.TrimSpace(string(body))
	}
	files, err := fs.Glob(fsys, "data/guides/*.md")
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	for _, f := range files {
		if n := strings.TrimSuffix(path.Base(f), ".md"); !listed[n] {
			return nil, fmt.Errorf("catalog: %s is not listed in %s", f, name)
		}
	}
	return doc.Guides, nil
}

func checkGuideBody(body string) error {
	if strings.TrimSpace(body) == "" {
		return fmt.Errorf("is empty")
	}
	for i, line := range strings.Split(body, "\n") {
		if n := utf8.RuneCountInString(line); n > MaxGuideLine {
			return fmt.Errorf("line %d is %d characters; wrap at %d", i+1, n, MaxGuideLine)
		}
		if strings.HasPrefix(line, "#") {
			return fmt.Errorf("line %d: no headings; the title comes from guides.json", i+1)
		}
	}
	return nil
}

// Guides returns every guide in reading order.
func (c *Catalog) Guides() []Guide { return c.guides }

// Guide returns the guide with the name.
func (c *Catalog) Guide(name string) (Guide, bool) {
	for _, g := range c.guides {
		if g.Name == name {
			return g, true
		}
	}
	return Guide{}, false
}

package chart

import (
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// schemes reads the colour custom properties of tend.css as each scheme
// sees them: "dark" (the default), "light" (prefers-color-scheme: light
// on top of dark) and "print" on top of each. Only :root declarations of
// hex colours count; a rule's context is the @media preludes around it.
func schemes(tb testing.TB, css string) map[string]map[string]string {
	tb.Helper()
	css = regexp.MustCompile(`(?s)/\*.*?\*/`).ReplaceAllString(css, "")
	type decl struct{ context, name, value string }
	var decls []decl
	var stack []string // the prelude of each open block
	start := 0
	for i := 0; i < len(css); i++ {
		switch css[i] {
		case '{':
			stack = append(stack, strings.TrimSpace(css[start:i]))
			start = i + 1
		case ';', '}':
			if len(stack) > 0 && stack[len(stack)-1] == ":root" {
				if name, value, ok := strings.Cut(css[start:i], ":"); ok && strings.HasPrefix(strings.TrimSpace(name), "--") {
					decls = append(decls, decl{strings.Join(stack[:len(stack)-1], " "), strings.TrimSpace(name), strings.TrimSpace(value)})
				}
			}
			if css[i] == '}' && len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			start = i + 1
		}
	}
	apply := func(m map[string]string, match func(string) bool) {
		for _, d := range decls {
			if match(d.context) && strings.HasPrefix(d.value, "#") {
				m[d.name] = d.value
			}
		}
	}
	plain := func(c string) bool { return c == "" }
	light := func(c string) bool { return strings.Contains(c, "prefers-color-scheme: light") }
	print := func(c string) bool { return strings.Contains(c, "print") }
	out := map[string]map[string]string{}
	for _, name := range []string{"dark", "light", "dark print", "light print"} {
		m := map[string]string{}
		apply(m, plain)
		if strings.HasPrefix(name, "light") {
			apply(m, light)
		}
		if strings.HasSuffix(name, "print") {
			apply(m, print)
		}
		out[name] = m
	}
	return out
}

// luminance is the relative luminance of a #rgb or #rrggbb colour (WCAG).
func luminance(tb testing.TB, hex string) float64 {
	tb.Helper()
	h := strings.TrimPrefix(hex, "#")
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	if len(h) != 6 {
		tb.Fatalf("colour %q is not #rgb or #rrggbb", hex)
	}
	var l float64
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		v, err := strconv.ParseUint(h[2*i:2*i+2], 16, 8)
		if err != nil {
			tb.Fatalf("colour %q: %v", hex, err)
		}
		c := float64(v) / 255
		if c <= 0.04045 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		l += w * c
	}
	return l
}

func contrast(tb testing.TB, a, b string) float64 {
	la, lb := luminance(tb, a), luminance(tb, b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

// TestContrast checks every colour a chart uses against the page and a
// panel in each scheme: marks (series, gridlines, axis) at least 3:1
// (WCAG 1.4.11), text at least 4.5:1 (1.4.3). go test -v prints them.
func TestContrast(t *testing.T) {
	data, err := os.ReadFile("../static/css/tend.css")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "/* Charts (web/chart)") {
		t.Fatal("tend.css has no Charts (web/chart) block")
	}
	marks := []string{"--chart-1", "--chart-2", "--chart-3", "--chart-4", "--chart-grid", "--field-line"}
	texts := []string{"--text", "--muted"}
	for _, name := range []string{"dark", "light", "dark print", "light print"} {
		vars := schemes(t, string(data))[name]
		for _, bg := range []string{"--bg", "--panel"} {
			for _, list := range [][]string{marks, texts} {
				min := 3.0
				if list[0] == "--text" {
					min = 4.5
				}
				for _, fg := range list {
					if vars[fg] == "" || vars[bg] == "" {
						t.Fatalf("%s: %s or %s has no colour", name, fg, bg)
					}
					c := contrast(t, vars[fg], vars[bg])
					t.Logf("%-11s %-12s %s on %-7s %s: %5.2f:1", name, fg, vars[fg], bg, vars[bg], c)
					if c < min {
						t.Errorf("%s: %s %s on %s %s is %.2f:1, want at least %.1f:1", name, fg, vars[fg], bg, vars[bg], c, min)
					}
				}
			}
		}
	}
}

package chart

import (
	"encoding/xml"
	"flag"
	"html/template"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden compares every sample with its file in testdata; -update
// rewrites them. Drawing twice must give the same bytes too.
func TestGolden(t *testing.T) {
	for _, s := range samples() {
		t.Run(s.name, func(t *testing.T) {
			path := filepath.Join("testdata", s.name+".svg")
			got := string(s.svg)
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./web/chart -update to write it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from the golden file; look at the picture, then run with -update", s.name)
			}
		})
	}
	for i, s := range samples() {
		if again := samples()[i].svg; again != s.svg {
			t.Errorf("%s: drawing it again gave other bytes", s.name)
		}
	}
}

// node is a parsed SVG element.
type node struct {
	name     string
	attrs    map[string]string
	text     string
	children []*node
	inDefs   bool
}

// mustParse parses an SVG with encoding/xml, which fails on anything not
// well-formed.
func mustParse(tb testing.TB, svg string) *node {
	tb.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	var stack []*node
	var root *node
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			tb.Fatalf("not well-formed XML: %v\n%s", err, svg)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				n.attrs[a.Name.Local] = a.Value
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				n.inDefs = p.inDefs || p.name == "defs"
				p.children = append(p.children, n)
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(tok)
			}
		}
	}
	if root == nil || root.name != "svg" {
		tb.Fatalf("no <svg> root in\n%s", svg)
	}
	return root
}

// walk calls f on n and every element under it.
func (n *node) walk(f func(*node)) {
	f(n)
	for _, c := range n.children {
		c.walk(f)
	}
}

// elements are n's child elements, without text.
func (n *node) elements() []*node { return n.children }

func TestAccessibleRoot(t *testing.T) {
	for _, s := range samples() {
		t.Run(s.name, func(t *testing.T) {
			root := mustParse(t, string(s.svg))
			if got := root.attrs["role"]; got != "img" {
				t.Errorf("role = %q, want img", got)
			}
			kids := root.elements()
			if len(kids) < 2 || kids[0].name != "title" || kids[1].name != "desc" {
				t.Fatalf("the first children are not <title> then <desc>")
			}
			title, desc := kids[0], kids[1]
			if title.attrs["id"] == "" || desc.attrs["id"] == "" {
				t.Fatalf("title id %q, desc id %q: want both", title.attrs["id"], desc.attrs["id"])
			}
			want := title.attrs["id"] + " " + desc.attrs["id"]
			if got := root.attrs["aria-labelledby"]; got != want {
				t.Errorf("aria-labelledby = %q, want %q", got, want)
			}
			if strings.TrimSpace(title.text) == "" || strings.TrimSpace(desc.text) == "" {
				t.Errorf("title %q, desc %q: want words in both", title.text, desc.text)
			}
			root.walk(func(n *node) {
				if _, ok := n.attrs["style"]; ok || n.name == "style" || n.name == "script" || n.name == "foreignObject" {
					t.Errorf("<%s> has inline style or script, which the CSP forbids", n.name)
				}
				for k, v := range n.attrs {
					if strings.Contains(v, "NaN") || strings.Contains(v, "Inf") {
						t.Errorf("<%s %s=%q>: not a number", n.name, k, v)
					}
				}
			})
		})
	}
}

var pathToken = regexp.MustCompile(`[MLHVZmlhvz]|-?[0-9.]+`)

// TestInsideViewBox checks that every mark, and every text by its
// estimated width, lies within the viewBox, whatever the data.
func TestInsideViewBox(t *testing.T) {
	for _, s := range samples() {
		t.Run(s.name, func(t *testing.T) { checkInside(t, string(s.svg)) })
	}
}

// checkInside fails the test for any coordinate outside the viewBox or
// any attribute that is not a number where one belongs.
func checkInside(t *testing.T, svg string) {
	t.Helper()
	root := mustParse(t, svg)
	vb := strings.Fields(root.attrs["viewBox"])
	if len(vb) != 4 || vb[0] != "0" || vb[1] != "0" {
		t.Fatalf("viewBox = %q", root.attrs["viewBox"])
	}
	w, _ := strconv.ParseFloat(vb[2], 64)
	h, _ := strconv.ParseFloat(vb[3], 64)
	in := func(n *node, what string, v, hi float64) {
		t.Helper()
		if !(v >= -0.01 && v <= hi+0.01) {
			t.Errorf("<%s> %s = %v, outside 0..%v", n.name, what, v, hi)
		}
	}
	f := func(n *node, k string) float64 {
		v, err := strconv.ParseFloat(n.attrs[k], 64)
		if err != nil {
			t.Errorf("<%s %s=%q>: %v", n.name, k, n.attrs[k], err)
		}
		return v
	}
	root.walk(func(n *node) {
		for k, v := range n.attrs {
			if strings.Contains(v, "NaN") || strings.Contains(v, "Inf") {
				t.Errorf("<%s %s=%q>: not a number", n.name, k, v)
			}
		}
		if n.inDefs || n.name == "svg" {
			return // a pattern's tile has coordinates of its own
		}
		for _, k := range []string{"x", "x1", "x2", "cx"} {
			if _, ok := n.attrs[k]; ok {
				in(n, k, f(n, k), w)
			}
		}
		for _, k := range []string{"y", "y1", "y2", "cy"} {
			if _, ok := n.attrs[k]; ok {
				in(n, k, f(n, k), h)
			}
		}
		if _, ok := n.attrs["width"]; ok {
			in(n, "width", f(n, "width"), w)
			in(n, "x+width", f(n, "x")+f(n, "width"), w)
			in(n, "y+height", f(n, "y")+f(n, "height"), h)
		}
		if n.name == "text" {
			tw := textWidth(n.text, fontSize)
			left := map[string]float64{"start": 0, "middle": tw / 2, "end": tw}[n.attrs["text-anchor"]]
			in(n, "text's left edge ("+n.text+")", f(n, "x")-left, w)
			in(n, "text's right edge ("+n.text+")", f(n, "x")-left+tw, w)
			in(n, "text's top ("+n.text+")", f(n, "y")-fontSize*0.8, h)
		}
		if d, ok := n.attrs["d"]; ok {
			var x, y float64
			toks := pathToken.FindAllString(d, -1)
			for i := 0; i < len(toks); i++ {
				arg := func() float64 {
					if i++; i >= len(toks) {
						t.Fatalf("path %q ends too soon", d)
					}
					v, _ := strconv.ParseFloat(toks[i], 64)
					return v
				}
				switch toks[i] {
				case "M", "L":
					x, y = arg(), arg()
				case "H":
					x = arg()
				case "v":
					y += arg()
				case "Z":
				default:
					t.Fatalf("path command %q not understood by the test", toks[i])
				}
				in(n, "path x", x, w)
				in(n, "path y", y, h)
			}
		}
	})
}

// TestRandomInputs draws charts of odd data (none, negative, huge, tiny,
// infinite, many labels, long and strange names) from a fixed seed: each
// is well-formed and stays inside its viewBox.
func TestRandomInputs(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{"", "a", "Cuddling", "A warm drink and a blanket on the sofa", "<b>&\"'", "Ünïcödé 🫖", "Dec\n2025", "\n", "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW", "\x00\x1b"}
	vals := []float64{0, 1, -1, 3.14159, 1e-9, 1e6, 1e15, 1.7e308, -1e300, math.NaN(), math.Inf(1), math.Inf(-1), 4, 5}
	for i := range 300 {
		labels := make([]string, r.IntN(40))
		for j := range labels {
			labels[j] = words[r.IntN(len(words))]
		}
		series := make([]Series, r.IntN(7))
		for j := range series {
			series[j].Name = words[r.IntN(len(words))]
			series[j].Values = make([]float64, r.IntN(len(labels)+2))
			for k := range series[j].Values {
				series[j].Values[k] = vals[r.IntN(len(vals))]
			}
		}
		max := vals[r.IntN(len(vals))]
		var svg template.HTML
		switch i % 3 {
		case 0:
			svg = Bars{Title: "t", Labels: labels, Series: series, Stacked: r.IntN(2) == 0, Max: max, Unit: words[r.IntN(len(words))]}.SVG()
		case 1:
			svg = Line{Title: "t", Labels: labels, Series: series, Min: vals[r.IntN(len(vals))], Max: max, Ticks: vals[:r.IntN(len(vals))]}.SVG()
		case 2:
			svg = HBars{Title: "t", Labels: labels, Series: series, Max: max}.SVG()
		}
		t.Run(strconv.Itoa(i), func(t *testing.T) { checkInside(t, string(svg)) })
	}
}

// TestEscaped draws labels, names and a title a person could have
// written with markup in them: they come out as text, never markup.
func TestEscaped(t *testing.T) {
	hostile := `<script>alert("x")</script> & "q" 'a'`
	charts := map[string]string{
		"bars":  string(Bars{ID: `x" onload="alert(1)`, Title: hostile, Labels: []string{hostile, "b"}, Series: []Series{{Name: hostile, Values: []float64{1, 2}}, {Name: "two", Values: []float64{1, 1}}}, Unit: hostile}.SVG()),
		"line":  string(Line{Title: hostile, Desc: hostile, Labels: []string{hostile, "b"}, Series: []Series{{Name: hostile, Values: []float64{1, 2}}, {Name: "two", Values: []float64{2, 1}}}}.SVG()),
		"hbars": string(HBars{Title: hostile, Labels: []string{hostile, "A warm drink and a blanket on the sofa, and then a long, long talk about the evening"}, Series: []Series{{Name: hostile, Values: []float64{3, 2}}}}.SVG()),
		"empty": string(Bars{Title: hostile}.SVG()),
	}
	for name, svg := range charts {
		t.Run(name, func(t *testing.T) {
			for _, bad := range []string{"<script", "</script", `" onload`, `"q"`, "& "} {
				if strings.Contains(svg, bad) {
					t.Errorf("the SVG holds %q unescaped", bad)
				}
			}
			root := mustParse(t, svg)
			if got := root.elements()[0].text; got != hostile {
				t.Errorf("title = %q, want %q", got, hostile)
			}
			found := false
			root.walk(func(n *node) {
				if (n.name == "text" || n.name == "title") && strings.HasPrefix(hostile, strings.TrimSuffix(n.text, ellipsis)) && n.text != "" {
					found = true
				}
				if id, ok := n.attrs["id"]; ok && !regexp.MustCompile(`^[A-Za-z0-9_-]+$`).MatchString(id) {
					t.Errorf("id %q has more than letters, digits, - and _", id)
				}
			})
			if !found && name != "empty" {
				t.Errorf("the label is not in any text, even cut")
			}
		})
	}
	// A name too long for the width is cut with "…", and the whole name
	// is in a <title> beside it, for the pointer.
	root := mustParse(t, charts["hbars"])
	long := "A warm drink and a blanket on the sofa, and then a long, long talk about the evening"
	ok := false
	root.walk(func(n *node) {
		if n.name == "g" && len(n.children) == 2 && n.children[0].name == "title" && n.children[0].text == long &&
			strings.HasSuffix(n.children[1].text, ellipsis) && strings.HasPrefix(long, strings.TrimSuffix(n.children[1].text, ellipsis)) {
			ok = true
		}
	})
	if !ok {
		t.Errorf("no cut label with its full text in a <title>:\n%s", charts["hbars"])
	}
}

// TestUniqueIDs puts every sample on one page, with two more that differ
// only in their data: no id may come twice.
func TestUniqueIDs(t *testing.T) {
	var page []string
	for _, s := range samples() {
		page = append(page, string(s.svg))
	}
	a := Bars{Title: "Encounters by month", Labels: []string{"a", "b"}, Series: []Series{{Name: "n", Values: []float64{1, 2}}, {Name: "m", Values: []float64{1, 2}}}}
	b := a
	b.Series = []Series{{Name: "n", Values: []float64{1, 3}}, {Name: "m", Values: []float64{1, 2}}}
	c := a
	c.ID = "own"
	page = append(page, string(a.SVG()), string(b.SVG()), string(c.SVG()))
	seen := map[string]int{}
	for i, svg := range page {
		mustParse(t, svg).walk(func(n *node) {
			if id, ok := n.attrs["id"]; ok {
				if j, dup := seen[id]; dup {
					t.Errorf("id %q in chart %d and chart %d", id, j, i)
				}
				seen[id] = i
			}
		})
	}
	if !strings.Contains(string(c.SVG()), `id="own-title"`) {
		t.Errorf("the caller's ID is not the prefix of the ids")
	}
}

func TestNoData(t *testing.T) {
	gaps := []float64{nan, nan}
	cases := []struct {
		name string
		svg  string
	}{
		{"LineNoLabels", string(Line{Title: "t", Series: []Series{{Name: "a", Values: []float64{1}}}}.SVG())},
		{"LineAllNaN", string(Line{Title: "t", Labels: []string{"a", "b"}, Series: []Series{{Values: gaps}}}.SVG())},
		{"BarsNoSeries", string(Bars{Title: "t", Labels: []string{"a"}}.SVG())},
		{"BarsShortSeries", string(Bars{Title: "t", Labels: []string{"a"}, Series: []Series{{Name: "a"}}}.SVG())},
		{"HBarsInfinite", string(HBars{Title: "t", Labels: []string{"a"}, Series: []Series{{Values: []float64{posInf()}}}}.SVG())},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			root := mustParse(t, tc.svg)
			var texts []string
			root.walk(func(n *node) {
				if n.name == "text" {
					texts = append(texts, n.text)
				}
			})
			if len(texts) != 1 || texts[0] != "No data yet" {
				t.Errorf("texts = %q, want just No data yet", texts)
			}
			if got := root.elements()[1].text; got != "No data yet." {
				t.Errorf("desc = %q, want No data yet.", got)
			}
		})
	}
}

// TestNoTextOverlap: no two texts of a chart overlap, by their
// estimated sizes (the browser test checks the drawn ones).
func TestNoTextOverlap(t *testing.T) {
	for _, s := range samples() {
		t.Run(s.name, func(t *testing.T) {
			type box struct {
				text                     string
				left, top, right, bottom float64
			}
			var boxes []box
			mustParse(t, string(s.svg)).walk(func(n *node) {
				if n.name != "text" {
					return
				}
				x, _ := strconv.ParseFloat(n.attrs["x"], 64)
				y, _ := strconv.ParseFloat(n.attrs["y"], 64)
				w := textWidth(n.text, fontSize)
				x -= map[string]float64{"start": 0, "middle": w / 2, "end": w}[n.attrs["text-anchor"]]
				boxes = append(boxes, box{n.text, x, y - fontSize*0.75, x + w, y})
			})
			for i, a := range boxes {
				for _, b := range boxes[i+1:] {
					if a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom {
						t.Errorf("%q overlaps %q", a.text, b.text)
					}
				}
			}
		})
	}
}

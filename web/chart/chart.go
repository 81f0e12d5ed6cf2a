// Package chart draws small charts as SVG on the server, for pages that
// must work without JavaScript: bars by month or category ([Bars]),
// stacked or side by side; a line with gaps where there is no data
// ([Line]); and horizontal bars for named things such as practices
// ([HBars]). It uses the standard library only.
//
// Each chart is a picture for sighted readers; the page puts a table with
// the same numbers beside it. Still the SVG stands on its own:
//
//   - role="img" with a <title> and a <desc>, named by aria-labelledby.
//     The desc is the caller's Desc, or else every value in words.
//   - Colour is never the only carrier: each series also has its own
//     pattern (bars) or marker and dash (lines), shown again in the
//     legend beside the series' name, and numbers are written on bars
//     where they fit.
//   - Colours come only from CSS classes (chart-s1 … chart-s4 set the
//     color that fills and strokes use as currentColor; chart-text,
//     chart-muted, chart-grid, chart-axis), so the page's dark, light and
//     print schemes apply and the strict CSP needs no inline style. The
//     rules are the "Charts (web/chart)" block of web/static/css/tend.css.
//   - Every text a person could have written is escaped, and labels too
//     long for their room end in "…" with the full label in a <title>.
//   - The same input gives the same bytes.
//
// Ids inside a chart (its title, desc and patterns) start with the
// chart's ID when the caller gives one, made safe (letters, digits, "-"
// and "_"), and otherwise with "chart-" and a hash of everything the
// chart shows. Two charts on one page get different ids unless they show
// exactly the same thing: then give each its own ID.
//
// Values are float64; math.NaN() (or an infinity) is "no data": a gap
// in a line, no bar. Values beyond ±1e15 are drawn as ±1e15. A chart with no labels, no series or no data at
// all draws "No data yet" instead. Zero is data: a bar of height zero,
// labelled 0.
//
// Example, in a page's view:
//
//	mood := chart.Line{
//		ID:     "mood",
//		Title:  "How you felt after, by month",
//		Desc:   "Mean mood from 1 (very low) to 5 (very good); the table below has the numbers.",
//		Labels: chart.Months([]string{"2025-12", "2026-01", "2026-02"}),
//		Series: []chart.Series{{Name: "Mood", Values: []float64{4.2, math.NaN(), 3.8}}},
//		Min:    1, Max: 5, Ticks: []float64{1, 2, 3, 4, 5},
//	}
//	view.MoodChart = mood.SVG() // template.HTML: {{.MoodChart}} in the template
package chart

import (
	"encoding/xml"
	"fmt"
	"hash/fnv"
	"html/template"
	"math"
	"strings"
)

// Series is one named row of values, one value per label.
type Series struct {
	Name   string
	Values []float64
}

// The viewBox is 320 units wide and scales to the width of its box. On
// a phone 360 px wide the chart is drawn about 290 to 330 px wide (the
// page's margins, perhaps a panel's), so text of 15 units shows at 13.8
// to 15.4 CSS px (11.9 px in a panel on a 320 px screen); the .chart
// rule caps the width on a wide screen, so that the text does not grow
// past about 20 px.
const (
	width    = 320.0
	fontSize = 15.0
	lineH    = 18.0
	// maxSeries patterns and colours are distinct; more series repeat
	// them, so a chart should not have more.
	maxSeries = 4
)

// canvas writes one SVG document. Attribute values and text are always
// escaped: labels may be a person's own words.
type canvas struct {
	b  strings.Builder
	id string
}

func escape(b *strings.Builder, s string) {
	xml.EscapeText(b, []byte(s)) // a strings.Builder never fails
}

// open writes a start tag; attrs are name, value pairs.
func (c *canvas) open(name string, attrs ...string) {
	c.tag(name, attrs)
	c.b.WriteString(">")
	if name != "text" && name != "title" && name != "desc" {
		c.b.WriteString("\n")
	}
}

// leaf writes an empty element.
func (c *canvas) leaf(name string, attrs ...string) {
	c.tag(name, attrs)
	c.b.WriteString("/>\n")
}

func (c *canvas) tag(name string, attrs []string) {
	c.b.WriteString("<" + name)
	for i := 0; i+1 < len(attrs); i += 2 {
		c.b.WriteString(" " + attrs[i] + `="`)
		escape(&c.b, attrs[i+1])
		c.b.WriteString(`"`)
	}
}

func (c *canvas) close(name string) { c.b.WriteString("</" + name + ">\n") }

// text writes a line of text at (x, y); when shown is a shortened form
// of full, the full text goes into a <title> so that it shows on hover.
func (c *canvas) text(x, y float64, anchor, class, shown, full string) {
	if shown == "" {
		return
	}
	cut := shown != full
	if cut {
		c.open("g")
		c.open("title")
		escape(&c.b, full)
		c.close("title")
	}
	c.open("text", "x", num(x), "y", num(y), "text-anchor", anchor, "class", class, "fill", "currentColor")
	escape(&c.b, shown)
	c.close("text")
	if cut {
		c.close("g")
	}
}

// begin writes the root element with its title and description.
func (c *canvas) begin(kind string, height float64, title, desc string) {
	c.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "chart chart-"+kind,
		"viewBox", "0 0 "+num(width)+" "+num(height), "role", "img",
		"aria-labelledby", c.id+"-title "+c.id+"-desc", "font-size", num(fontSize))
	c.open("title", "id", c.id+"-title")
	escape(&c.b, title)
	c.close("title")
	c.open("desc", "id", c.id+"-desc")
	escape(&c.b, desc)
	c.close("desc")
}

func (c *canvas) end() template.HTML {
	c.close("svg")
	// Every text and attribute value was escaped as it was written.
	return template.HTML(c.b.String())
}

// chartID is the prefix of every id in a chart: see the package comment.
func chartID(id, kind, title string, labels []string, series []Series) string {
	safe := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			return r
		}
		return '-'
	}, id)
	if strings.Trim(safe, "-") != "" {
		return safe
	}
	h := fnv.New64a()
	fmt.Fprintf(h, "%s\x00%s\x00%q\x00", kind, title, labels)
	for _, s := range series {
		fmt.Fprintf(h, "%q", s.Name)
		for _, v := range s.Values {
			fmt.Fprintf(h, " %x", math.Float64bits(v))
		}
		h.Write([]byte{0})
	}
	return fmt.Sprintf("chart-%012x", h.Sum64()>>16)
}

// limit bounds the values drawn: far beyond any count or mean, and
// small enough that sums and spans never overflow.
const limit = 1e15

// held is v held within ±limit; NaN stays NaN.
func held(v float64) float64 { return math.Max(-limit, math.Min(limit, v)) }

// value is series s's value at label i, NaN when it has none, held
// within ±limit.
func value(s Series, i int) float64 {
	if i < len(s.Values) && finite(s.Values[i]) {
		return held(s.Values[i])
	}
	return math.NaN()
}

// hasData says whether there is anything to draw.
func hasData(labels []string, series []Series) bool {
	for _, s := range series {
		for i := range labels {
			if finite(value(s, i)) {
				return true
			}
		}
	}
	return false
}

// describe is the caller's description, or else every value in words:
// "Dec 2025: 4.2; Jan 2026: no data; …", with the series' names when
// there are several.
func describe(desc string, labels []string, series []Series) string {
	if desc != "" {
		return desc
	}
	parts := make([]string, len(labels))
	for i, l := range labels {
		var vals []string
		for _, s := range series {
			v := "no data"
			if x := value(s, i); finite(x) {
				v = num(x)
			}
			if len(series) > 1 {
				v = spoken(s.Name) + " " + v
			}
			vals = append(vals, v)
		}
		parts[i] = spoken(l) + ": " + strings.Join(vals, ", ")
	}
	return strings.Join(parts, "; ") + "."
}

// noData is the whole chart when there is nothing to draw: a short
// picture that says so in words.
func noData(kind, id, title string) template.HTML {
	c := &canvas{id: id}
	c.begin(kind, 60, title, "No data yet.")
	c.text(width/2, 36, "middle", "chart-muted", "No data yet", "No data yet")
	return c.end()
}

package chart

import (
	"html/template"
	"math"
	"strings"
)

// Line is a line chart with one point per label, such as the mood after
// encounters month by month. A value that is no data breaks the line, so
// a month without data is a gap, never a guess; a point between two gaps
// shows as its marker alone.
type Line struct {
	// ID, Title, Desc and Labels are as for Bars.
	ID          string
	Title, Desc string
	Labels      []string
	Series      []Series
	// Min and Max are the ends of the axis; both 0 means round numbers
	// around the data. Values outside are drawn at the nearer end.
	Min, Max float64
	// Ticks are the gridlines with their numbers; nil means a few round
	// ones.
	Ticks []float64
	// Unit, if set, is written above the numbers.
	Unit string
}

// SVG draws the chart; it is safe to put into a page as it is.
func (l Line) SVG() template.HTML {
	id := chartID(l.ID, "line", l.Title, l.Labels, l.Series)
	if !hasData(l.Labels, l.Series) {
		return noData("line", id, l.Title)
	}
	n := len(l.Labels)
	whole := wholeValues(l.Series)
	lo, hi := held(l.Min), held(l.Max)
	if !finite(lo) || !finite(hi) || lo >= hi {
		lo, hi = math.Inf(1), math.Inf(-1)
		for _, s := range l.Series {
			for i := range n {
				if v := value(s, i); finite(v) {
					lo, hi = math.Min(lo, v), math.Max(hi, v)
				}
			}
		}
		step := niceStep(hi-lo, whole)
		lo, hi = math.Floor(lo/step+1e-9)*step, math.Ceil(hi/step-1e-9)*step
		if lo == hi {
			lo, hi = lo-step, hi+step
		}
	}
	var tks []float64
	for _, t := range l.Ticks {
		if t >= lo && t <= hi { // NaN is neither
			tks = append(tks, t)
		}
	}
	if len(tks) == 0 {
		tks = ticks(lo, hi, niceStep(hi-lo, whole))
	}

	legend, top := legendLayout(l.Series, true)
	captionTop := top
	if l.Unit != "" {
		top += lineH + 4
	}
	top += 10 // room for a marker at the very top
	f := newFrame(top, plotHeight, lo, hi, tks, n)
	xs, lines := xLayout(l.Labels, f)

	c := &canvas{id: id}
	c.begin("line", f.bottom+xAxisHeight(lines), l.Title, describe(l.Desc, l.Labels, l.Series))
	c.legend(legend, 0, true)
	c.caption(l.Unit, captionTop)
	c.grid(f)
	for si, s := range l.Series {
		c.open("g", "class", class(si))
		var d strings.Builder
		pen := false // whether the last point drawn can be joined
		for i := range n {
			v := value(s, i)
			if !finite(v) {
				pen = false
				continue
			}
			if pen {
				d.WriteString("L")
			} else {
				d.WriteString("M")
			}
			d.WriteString(num(f.cx(i)) + "," + num(f.y.at(v)))
			pen = true
		}
		if d.Len() > 0 {
			c.leaf("path", "d", d.String(), "fill", "none", "stroke", "currentColor", "stroke-width", "2.5",
				"stroke-linejoin", "round", "stroke-dasharray", dash(si))
		}
		for i := range n {
			if v := value(s, i); finite(v) {
				c.marker(si, f.cx(i), f.y.at(v))
			}
		}
		c.close("g")
	}
	c.xAxis(xs, f)
	return c.end()
}

// dash is series i's dash pattern: solid, dashed, dotted, dash-dot.
func dash(i int) string {
	return [maxSeries]string{"none", "7 4", "2 3", "10 3 2 3"}[i%maxSeries]
}

// marker draws series i's point mark at (x, y): a circle, a square, a
// triangle or a diamond, each about 9 units across.
func (c *canvas) marker(i int, x, y float64) {
	switch i % maxSeries {
	case 0:
		c.leaf("circle", "cx", num(x), "cy", num(y), "r", "4.5", "fill", "currentColor")
	case 1:
		c.leaf("rect", "x", num(x-4), "y", num(y-4), "width", "8", "height", "8", "fill", "currentColor")
	case 2:
		c.leaf("path", "d", "M"+num(x)+","+num(y-5.5)+"L"+num(x+5)+","+num(y+3.5)+"L"+num(x-5)+","+num(y+3.5)+"Z",
			"fill", "currentColor")
	case 3:
		c.leaf("path", "d", "M"+num(x)+","+num(y-5.5)+"L"+num(x+5.5)+","+num(y)+"L"+num(x)+","+num(y+5.5)+"L"+num(x-5.5)+","+num(y)+"Z",
			"fill", "currentColor")
	}
}

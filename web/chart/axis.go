package chart

import (
	"math"
	"strings"
)

// frame is the plot area of a chart with its numbers up the left and
// one slot per label along the bottom.
type frame struct {
	left, top, right, bottom float64
	n                        int
	y                        scale
	ticks                    []float64
}

// newFrame places a plot of the given height with its top at top, for
// values from lo to hi, gridlines at ticks and n slots; the numbers up
// the left get the room they need.
func newFrame(top, height, lo, hi float64, tks []float64, n int) frame {
	left := 0.0
	for _, t := range tks {
		left = math.Max(left, textWidth(num(t), fontSize))
	}
	f := frame{left: math.Ceil(left) + 8, top: top, right: width - 4, bottom: top + height, n: n, ticks: tks}
	f.y = scale{lo: lo, hi: hi, a: f.bottom, b: f.top}
	return f
}

func (f frame) slot() float64    { return (f.right - f.left) / float64(f.n) }
func (f frame) cx(i int) float64 { return f.left + (float64(i)+0.5)*f.slot() }

// grid draws a gridline with its number at each tick, the baseline, and
// a short mark under each slot (so a slot whose label was left out
// still shows where it is).
func (c *canvas) grid(f frame) {
	for _, t := range f.ticks {
		y := f.y.at(t)
		if y != f.bottom {
			c.leaf("line", "class", "chart-grid", "x1", num(f.left), "y1", num(y), "x2", num(f.right), "y2", num(y),
				"stroke", "currentColor", "stroke-width", "1", "stroke-dasharray", "2 3")
		}
		c.text(f.left-6, y+5, "end", "chart-muted", num(t), num(t))
	}
	d := "M" + num(f.left) + "," + num(f.bottom) + "H" + num(f.right)
	for i := range f.n {
		d += "M" + num(f.cx(i)) + "," + num(f.bottom) + "v4"
	}
	c.leaf("path", "class", "chart-axis", "d", d, "fill", "none", "stroke", "currentColor", "stroke-width", "1.5")
}

// xLabel is one label placed under its slot, in one or two lines.
type xLabel struct {
	x     float64
	lines []string
	muted []bool // a year under a month is quieter than the month
	full  string
}

// xLayout places the labels under the slots. When the slots are too
// narrow for a short label each (twelve months on a phone), only every
// second (or third…) slot is labelled, and a year that falls on a slot
// left out moves to the next label shown. A label too wide for its room
// wraps onto two lines at a space, then is cut with "…".
func xLayout(labels []string, f frame) ([]xLabel, int) {
	slot := f.slot()
	need := 0.0
	for _, l := range labels {
		for _, line := range strings.Split(l, "\n") {
			need = math.Max(need, textWidth(line, fontSize))
		}
	}
	// Enough for a year or a month's short name; longer labels are
	// wrapped or cut rather than spaced out.
	need = math.Min(need, textWidth("2026", fontSize))
	step := max(1, int(math.Ceil((need+6)/slot)))
	room := slot*float64(step) - 4
	var out []xLabel
	lines, carry := 1, ""
	for i, l := range labels {
		l = clean(l)
		first, second, hasSecond := strings.Cut(l, "\n")
		if i%step != 0 {
			if hasSecond {
				carry = second
			}
			continue
		}
		xl := xLabel{full: spoken(l)}
		if hasSecond || carry != "" {
			if !hasSecond {
				second = carry
			}
			xl.full = spoken(first + " " + second)
			a, _ := fit(first, room, fontSize)
			b, _ := fit(second, room, fontSize)
			xl.lines, xl.muted = []string{a, b}, []bool{false, true}
		} else {
			xl.lines, _ = wrap2(l, room, fontSize)
			xl.muted = make([]bool, len(xl.lines))
		}
		carry = ""
		w := 0.0
		for _, line := range xl.lines {
			w = math.Max(w, textWidth(line, fontSize))
		}
		// Centred under the slot, but never past either edge.
		xl.x = math.Max(w/2, math.Min(width-w/2, f.cx(i)))
		lines = max(lines, len(xl.lines))
		out = append(out, xl)
	}
	return out, lines
}

// xAxis draws the placed labels under the plot.
func (c *canvas) xAxis(xs []xLabel, f frame) {
	for _, xl := range xs {
		full := xl.full
		if strings.Join(xl.lines, " ") == full {
			full = "" // nothing was cut: no <title> needed
		}
		for k, line := range xl.lines {
			class := "chart-text"
			if xl.muted[k] {
				class = "chart-muted"
			}
			shownFull := line
			if full != "" {
				shownFull = full
			}
			c.text(xl.x, f.bottom+6+fontSize+float64(k)*lineH, "middle", class, line, shownFull)
		}
	}
}

// xAxisHeight is the room the labels take under the plot.
func xAxisHeight(lines int) float64 { return 6 + float64(lines)*lineH + 4 }

// caption writes the unit of the numbers above the plot, left.
func (c *canvas) caption(unit string, y float64) {
	if unit == "" {
		return
	}
	shown, _ := fit(unit, width-2, fontSize)
	c.text(1, y+fontSize, "start", "chart-muted", shown, unit)
}

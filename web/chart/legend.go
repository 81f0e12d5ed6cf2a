package chart

import "strconv"

// class is the CSS class that gives series i its colour.
func class(i int) string { return "chart-s" + strconv.Itoa(i%maxSeries+1) }

// fill is what a bar of series i is filled with: the first series solid,
// the others a pattern of their colour (stripes, dots, lines across) so
// that they differ in black and white too.
func (c *canvas) fill(i int) string {
	if i%maxSeries == 0 {
		return "currentColor"
	}
	return "url(#" + c.id + "-p" + strconv.Itoa(i%maxSeries+1) + ")"
}

// patterns writes the <defs> of the patterns of n series. Each pattern
// has the series' class, so its marks take the series' colour.
func (c *canvas) patterns(n int) {
	if n < 2 {
		return
	}
	c.open("defs")
	for i := 1; i < n && i < maxSeries; i++ {
		id := c.id + "-p" + strconv.Itoa(i+1)
		switch i {
		case 1: // diagonal stripes
			c.open("pattern", "id", id, "class", class(i), "width", "6", "height", "6",
				"patternUnits", "userSpaceOnUse", "patternTransform", "rotate(45)")
			c.leaf("rect", "width", "2.5", "height", "6", "fill", "currentColor")
		case 2: // dots
			c.open("pattern", "id", id, "class", class(i), "width", "5", "height", "5", "patternUnits", "userSpaceOnUse")
			c.leaf("circle", "cx", "2.5", "cy", "2.5", "r", "1.6", "fill", "currentColor")
		case 3: // lines across
			c.open("pattern", "id", id, "class", class(i), "width", "6", "height", "5", "patternUnits", "userSpaceOnUse")
			c.leaf("rect", "width", "6", "height", "2", "fill", "currentColor")
		}
		c.close("pattern")
	}
	c.close("defs")
}

// swatch draws series i's sample in the legend: a small bar with its
// pattern, or for a line a short stroke of its dash with its marker.
func (c *canvas) swatch(i int, x, y float64, line bool) {
	c.open("g", "class", class(i))
	if line {
		c.leaf("line", "x1", num(x), "y1", num(y+7), "x2", num(x+22), "y2", num(y+7),
			"stroke", "currentColor", "stroke-width", "2.5", "stroke-dasharray", dash(i))
		c.marker(i, x+11, y+7)
	} else {
		c.leaf("rect", "x", num(x+0.75), "y", num(y+0.75), "width", "12.5", "height", "12.5",
			"fill", c.fill(i), "stroke", "currentColor", "stroke-width", "1.5")
	}
	c.close("g")
}

// legendItem is one placed entry of a legend.
type legendItem struct {
	x, y        float64
	shown, full string
}

// legendLayout places one entry per series in rows across the width, a
// row's entries side by side, and says how tall the legend is. Without
// a second series there is no legend: the title names the one.
func legendLayout(series []Series, line bool) ([]legendItem, float64) {
	if len(series) < 2 {
		return nil, 0
	}
	sw := 14.0 + 6
	if line {
		sw = 22 + 6
	}
	const gap, rowH = 16.0, fontSize + 9
	var items []legendItem
	x, y := 0.0, 0.0
	for _, s := range series {
		full := spoken(s.Name)
		shown, _ := fit(full, width-sw, fontSize)
		w := sw + textWidth(shown, fontSize)
		if x > 0 && x+w > width {
			x, y = 0, y+rowH
		}
		items = append(items, legendItem{x: x, y: y, shown: shown, full: full})
		x += w + gap
	}
	return items, y + rowH + 6
}

// legend draws the entries placed by legendLayout, top at y.
func (c *canvas) legend(items []legendItem, top float64, line bool) {
	for i, it := range items {
		c.swatch(i, it.x, top+it.y+fontSize-12, line)
		sw := 14.0 + 6
		if line {
			sw = 22 + 6
		}
		// The baseline sits one font size down, so that the tallest
		// glyph stays inside the picture; the swatch is centred on the
		// words' middle.
		c.text(it.x+sw, top+it.y+fontSize, "start", "chart-text", it.shown, it.full)
	}
}

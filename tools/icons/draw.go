package main

import (
	"image"
	"image/color"
	"math"
)

// The sprout is drawn in the favicon's own coordinates, a 32 by 32 square
// (favicon.svg uses them as its viewBox): two leaves on a stem over a dark
// tile. Every icon is this one drawing, moved and scaled.

type point struct{ x, y float64 }

// cubic is a Bézier curve from p0 to p3.
type cubic struct{ p0, p1, p2, p3 point }

func (c cubic) at(t float64) point {
	u := 1 - t
	a, b, d, e := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
	return point{a*c.p0.x + b*c.p1.x + d*c.p2.x + e*c.p3.x, a*c.p0.y + b*c.p1.y + d*c.p2.y + e*c.p3.y}
}

// leaf is a closed shape bounded by two curves.
type leaf struct {
	fill   uint32
	curves [2]cubic
	poly   []point // the curves flattened, for the inside test
	lo, hi point   // the corners of the box round poly
}

// The colours are the dark scheme's, from web/static/css/tend.css.
const (
	tileColour = 0x1f2128 // --panel
	peach      = 0xf2b38f // --accent
	mint       = 0x86d9b7 // --ok-line
	white      = 0xffffff
)

const (
	tileRadius  = 7.0
	stemX       = 16.0
	stemTopY    = 15.5
	stemBottomY = 26.5
	stemRadius  = 1.2
	flattenStep = 64
)

// rgb is an opaque colour from its hex value.
func rgb(hex uint32) color.NRGBA {
	return color.NRGBA{uint8(hex >> 16), uint8(hex >> 8), uint8(hex), 0xff}
}

// sprout is the drawing: the stem, then the left leaf, then the right
// one over it, as favicon.svg paints them.
type sprout struct {
	leaves [2]leaf
}

func newSprout() *sprout {
	s := &sprout{leaves: [2]leaf{
		{fill: peach, curves: [2]cubic{
			{point{16, 17}, point{16, 11}, point{12.5, 8}, point{7, 8}},
			{point{7, 8}, point{7, 13.5}, point{10.5, 17}, point{16, 17}},
		}},
		{fill: mint, curves: [2]cubic{
			{point{16, 15}, point{16, 9.5}, point{19.5, 6}, point{25, 6}},
			{point{25, 6}, point{25, 11.5}, point{21.5, 15}, point{16, 15}},
		}},
	}}
	for i := range s.leaves {
		l := &s.leaves[i]
		for _, c := range l.curves {
			for k := range flattenStep {
				l.poly = append(l.poly, c.at(float64(k)/float64(flattenStep)))
			}
		}
		l.lo, l.hi = l.poly[0], l.poly[0]
		for _, p := range l.poly {
			l.lo = point{math.Min(l.lo.x, p.x), math.Min(l.lo.y, p.y)}
			l.hi = point{math.Max(l.hi.x, p.x), math.Max(l.hi.y, p.y)}
		}
	}
	return s
}

// inside is the even-odd test of a point against a closed polygon.
func inside(poly []point, p point) bool {
	in := false
	for i, j := 0, len(poly)-1; i < len(poly); j, i = i, i+1 {
		a, b := poly[i], poly[j]
		if (a.y > p.y) != (b.y > p.y) && p.x < (b.x-a.x)*(p.y-a.y)/(b.y-a.y)+a.x {
			in = !in
		}
	}
	return in
}

// onStem says whether p is within the stem, a line with round ends.
func onStem(p point) bool {
	y := math.Max(stemTopY, math.Min(stemBottomY, p.y))
	return (p.x-stemX)*(p.x-stemX)+(p.y-y)*(p.y-y) <= stemRadius*stemRadius
}

// inTile says whether p is on the tile, a 32 by 32 square with rounded
// corners.
func inTile(p point) bool {
	if p.x < 0 || p.y < 0 || p.x > 32 || p.y > 32 {
		return false
	}
	cx := math.Max(tileRadius, math.Min(32-tileRadius, p.x))
	cy := math.Max(tileRadius, math.Min(32-tileRadius, p.y))
	return (p.x-cx)*(p.x-cx)+(p.y-cy)*(p.y-cy) <= tileRadius*tileRadius
}

// outline is a set of points on the sprout's edge, for fitting it into a
// circle.
func (s *sprout) outline() []point {
	var pts []point
	for _, l := range s.leaves {
		pts = append(pts, l.poly...)
	}
	for k := range 64 {
		a := 2 * math.Pi * float64(k) / 64
		for _, y := range []float64{stemTopY, stemBottomY} {
			pts = append(pts, point{stemX + stemRadius*math.Cos(a), y + stemRadius*math.Sin(a)})
		}
	}
	return pts
}

// enclosing is the centre and radius of a small circle round the sprout:
// the centre that makes the farthest edge point nearest, found by a fine
// search (the drawing is fixed, so exactness does not matter).
func (s *sprout) enclosing() (point, float64) {
	pts := s.outline()
	far := func(c point) float64 {
		r := 0.0
		for _, p := range pts {
			r = math.Max(r, math.Hypot(p.x-c.x, p.y-c.y))
		}
		return r
	}
	best, bestR := point{16, 16}, far(point{16, 16})
	for step := 1.0; step >= 0.01; step /= 2 {
		for moved := true; moved; {
			moved = false
			for _, d := range []point{{step, 0}, {-step, 0}, {0, step}, {0, -step}} {
				c := point{best.x + d.x, best.y + d.y}
				if r := far(c); r < bestR {
					best, bestR, moved = c, r, true
				}
			}
		}
	}
	return best, bestR
}

// style says how an icon is drawn.
type style struct {
	size int
	// tile: "rounded" (transparent corners), "full" (full bleed, for
	// maskable and Apple's touch icons) or "none" (the notification badge).
	tile string
	// centre and scale place the drawing: a point of the drawing at p
	// lands at (p - centre) * scale + size/2, in pixels.
	centre point
	scale  float64
	// mono paints every shape white (the badge: only its alpha counts).
	mono bool
}

// samples is the supersampling per side: 8 x 8 samples per pixel give
// smooth edges.
const samples = 8

// draw renders the sprout in the style, averaging the samples of each
// pixel (premultiplied), so edges are smooth and the output depends only
// on the drawing.
func (s *sprout) draw(st style) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, st.size, st.size))
	half := float64(st.size) / 2
	for y := range st.size {
		for x := range st.size {
			var r, g, b, a float64
			for sy := range samples {
				for sx := range samples {
					px := float64(x) + (float64(sx)+0.5)/samples
					py := float64(y) + (float64(sy)+0.5)/samples
					p := point{(px-half)/st.scale + st.centre.x, (py-half)/st.scale + st.centre.y}
					c, ok := s.colourAt(p, st)
					if !ok {
						continue
					}
					r, g, b, a = r+float64(c.R), g+float64(c.G), b+float64(c.B), a+1
				}
			}
			if a == 0 {
				continue
			}
			img.SetNRGBA(x, y, color.NRGBA{
				R: uint8(math.Round(r / a)), G: uint8(math.Round(g / a)), B: uint8(math.Round(b / a)),
				A: uint8(math.Round(255 * a / (samples * samples))),
			})
		}
	}
	return img
}

// colourAt is the colour of the topmost shape at p, if any.
func (s *sprout) colourAt(p point, st style) (color.NRGBA, bool) {
	for i := len(s.leaves) - 1; i >= 0; i-- {
		l := &s.leaves[i]
		if p.x >= l.lo.x && p.x <= l.hi.x && p.y >= l.lo.y && p.y <= l.hi.y && inside(l.poly, p) {
			return pick(l.fill, st.mono), true
		}
	}
	if onStem(p) {
		return pick(peach, st.mono), true
	}
	switch st.tile {
	case "full":
		return rgb(tileColour), true
	case "rounded":
		return rgb(tileColour), inTile(p)
	}
	return color.NRGBA{}, false
}

func pick(c uint32, mono bool) color.NRGBA {
	if mono {
		return rgb(white)
	}
	return rgb(c)
}

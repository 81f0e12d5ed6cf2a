package main

import (
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// static is the folder the committed icons are in.
var static = filepath.Join("..", "..", "web", "static")

// TestCommittedIconsAreDrawn keeps the committed icons true to this
// program: each PNG under web/static is what it draws (pixel for pixel,
// give or take a little, as floating point may round differently on
// another processor), and favicon.svg is what it writes. Change the
// drawing, then run `go run ./tools/icons` and commit its output.
func TestCommittedIconsAreDrawn(t *testing.T) {
	s := newSprout()
	svg, err := os.ReadFile(filepath.Join(static, "favicon.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if string(svg) != s.svg() {
		t.Errorf("favicon.svg is not what the program writes:\n%s\nwant\n%s", svg, s.svg())
	}
	for _, ic := range icons(s) {
		t.Run(ic.name, func(t *testing.T) {
			f, err := os.Open(filepath.Join(static, ic.name))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got, err := png.Decode(f)
			if err != nil {
				t.Fatal(err)
			}
			want := s.draw(ic.style)
			if got.Bounds() != want.Bounds() {
				t.Fatalf("size %v, want %v", got.Bounds(), want.Bounds())
			}
			if d, at := largestDifference(got, want); d > 6 {
				t.Errorf("differs by %d at %v", d, at)
			}
		})
	}
}

// largestDifference is the largest difference of one channel (0 to 255,
// premultiplied) between two images of the same size, and where.
func largestDifference(a, b image.Image) (int, image.Point) {
	most, where := 0, image.Point{}
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			for _, d := range []float64{float64(r1) - float64(r2), float64(g1) - float64(g2), float64(b1) - float64(b2), float64(a1) - float64(a2)} {
				if v := int(math.Abs(d) / 257); v > most {
					most, where = v, image.Pt(x, y)
				}
			}
		}
	}
	return most, where
}

// TestMaskableSafeZone: in a maskable icon the sprout keeps inside the
// safe zone (a circle of 40% of the size round the centre, all that some
// launchers show), and the background fills every corner.
func TestMaskableSafeZone(t *testing.T) {
	s := newSprout()
	for _, ic := range icons(s) {
		if ic.style.tile != "full" || ic.name == "icons/apple-touch-icon.png" {
			continue
		}
		img := s.draw(ic.style)
		n := ic.style.size
		bg := rgb(tileColour)
		for y := range n {
			for x := range n {
				c := img.NRGBAAt(x, y)
				if c.A != 0xff {
					t.Fatalf("%s: (%d,%d) is not opaque", ic.name, x, y)
				}
				if math.Hypot(float64(x)+0.5-float64(n)/2, float64(y)+0.5-float64(n)/2) > 0.4*float64(n) && c != bg {
					t.Fatalf("%s: (%d,%d), outside the safe zone, is %v, not the background", ic.name, x, y, c)
				}
			}
		}
	}
}

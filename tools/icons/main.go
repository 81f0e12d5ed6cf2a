// Command icons draws Tend's icons (a small sprout on a dark tile) with
// the standard library alone, so they can be made again exactly and
// changed in one place: the SVG favicon, the web app's icons (any and
// maskable, 192 and 512 px), Apple's touch icon, a 32 px favicon and the
// notification badge. Its output is committed under web/static.
//
//	go run ./tools/icons              # from the repository's root
//	go generate ./web/                # the same
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/png"
	"log"
	"os"
	"path/filepath"
)

// icon is one file the command writes.
type icon struct {
	name  string
	style style
}

// maskableShare is the radius of the circle round the sprout in a
// maskable icon, as a share of the icon's size: inside the safe zone (a
// circle of radius 0.4) with room to spare, so no launcher's mask cuts a
// leaf.
const maskableShare = 0.33

// badgeShare is the same for the notification badge, which is shown small
// and needs no margin.
const badgeShare = 0.47

// icons are every PNG the command writes, under the static folder.
func icons(s *sprout) []icon {
	centre, radius := s.enclosing()
	tile := func(size int, kind string) style {
		return style{size: size, tile: kind, centre: point{16, 16}, scale: float64(size) / 32}
	}
	fit := func(size int, kind string, share float64, mono bool) style {
		return style{size: size, tile: kind, centre: centre, scale: share * float64(size) / radius, mono: mono}
	}
	return []icon{
		{"icons/favicon-32.png", tile(32, "rounded")},
		{"icons/icon-192.png", tile(192, "rounded")},
		{"icons/icon-512.png", tile(512, "rounded")},
		{"icons/maskable-192.png", fit(192, "full", maskableShare, false)},
		{"icons/maskable-512.png", fit(512, "full", maskableShare, false)},
		// iOS fills transparency with black and rounds the corners itself.
		{"icons/apple-touch-icon.png", tile(180, "full")},
		{"icons/badge-96.png", fit(96, "none", badgeShare, true)},
	}
}

// svg is the favicon as SVG, from the same drawing.
func (s *sprout) svg() string {
	path := func(l leaf) string {
		a, b := l.curves[0], l.curves[1]
		return fmt.Sprintf("M%g %gC%g %g %g %g %g %gC%g %g %g %g %g %gZ",
			a.p0.x, a.p0.y, a.p1.x, a.p1.y, a.p2.x, a.p2.y, a.p3.x, a.p3.y,
			b.p1.x, b.p1.y, b.p2.x, b.p2.y, b.p3.x, b.p3.y)
	}
	return fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">`+
		`<rect width="32" height="32" rx="%g" fill="#%06x"/>`+
		`<path d="M%g %gV%g" fill="none" stroke="#%06x" stroke-width="%g" stroke-linecap="round"/>`+
		`<path d="%s" fill="#%06x"/><path d="%s" fill="#%06x"/></svg>`+"\n",
		float64(tileRadius), tileColour, stemX, stemBottomY, stemTopY, peach, 2*stemRadius,
		path(s.leaves[0]), s.leaves[0].fill, path(s.leaves[1]), s.leaves[1].fill)
}

// encode is a PNG's bytes, compressed as well as the standard library
// can.
func encode(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	err := enc.Encode(&buf, img)
	return buf.Bytes(), err
}

func main() {
	out := flag.String("out", filepath.Join("web", "static"), "the static folder to write into")
	flag.Parse()
	s := newSprout()
	if err := os.MkdirAll(filepath.Join(*out, "icons"), 0o755); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(*out, "favicon.svg"), []byte(s.svg()), 0o644); err != nil {
		log.Fatal(err)
	}
	for _, ic := range icons(s) {
		data, err := encode(s.draw(ic.style))
		if err != nil {
			log.Fatalf("%s: %v", ic.name, err)
		}
		if err := os.WriteFile(filepath.Join(*out, ic.name), data, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

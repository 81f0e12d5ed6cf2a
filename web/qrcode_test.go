package web

import (
	"strings"
	"testing"
)

func TestQRSVG(t *testing.T) {
	svg, err := qrSVG("http://localhost:8080/invites/abc", `An "invitation" <link>`)
	if err != nil {
		t.Fatal(err)
	}
	s := string(svg)
	for _, want := range []string{`role="img"`, `aria-label="An &#34;invitation&#34; &lt;link&gt;"`, `<path fill="#000" d="M4 4h1v1h-1z`} {
		if !strings.Contains(s, want) {
			t.Errorf("the QR code lacks %q:\n%.300s", want, s)
		}
	}
	if _, err := qrSVG(strings.Repeat("x", 5000), "too long"); err == nil {
		t.Errorf("a text too long for a QR code was drawn")
	}
}

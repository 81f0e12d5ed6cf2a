package web

import (
	"testing"
)

func TestDbg(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	b := newBrowser(t, s.Handler())
	b.open("/")
	b.check("x")
}

package web

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/tendcare/tend"
)

// signIn signs in through the sign-in page.
func (b *browser) signIn(username string) {
	b.t.Helper()
	b.open("/signin")
	b.fill(map[string]string{"#username": username, "#password": "correct horse battery"})
	b.submit(`main form[action="/signin"] button[type=submit]`)
}

// TestBrowserUnderWay: Sam starts an encounter in their circle. On Alex's
// phone the encounter list's "Under way" item reads as one column, the
// kind over where it stands, at 320 and 390 px; Alex's home shows it
// too, and the keyboard alone goes from there to the check-in.
func TestBrowserUnderWay(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	sam, c, token := invitingCircle(t, s)
	ctx := t.Context()
	kim, _ := mustAccount(t, s, "kim", "Kim")
	if _, err := s.Circles.AcceptInvite(ctx, token, kim.ID); err != nil {
		t.Fatal(err)
	}
	e, err := s.Encounters.CreateEncounter(ctx, sam.ID, tend.NewEncounter{CircleID: c.ID, Kind: tend.LongDistance})
	if err != nil {
		t.Fatal(err)
	}
	alex := newBrowser(t, s.Handler())
	alex.signIn("alex")

	alex.open("/encounters")
	for _, w := range widths {
		alex.run(emulation.SetDeviceMetricsOverride(int64(w), 844, 1, true))
		// The status line starts where the link starts, under its title.
		var offset float64
		alex.run(chromedp.Evaluate(`(function(){
			var a = document.querySelector('section[aria-labelledby=current-h] a');
			return a.querySelector('.muted').getBoundingClientRect().left - a.getBoundingClientRect().left;
		})()`, &offset))
		if offset > 1 {
			t.Errorf("at %d px, the status starts %.0f px right of the title: two columns", w, offset)
		}
	}
	alex.checkWidths("60-encounters-underway")

	alex.open("/")
	if got := alex.text(`section[aria-labelledby="underway-h"]`); !strings.Contains(got, "Your check-in is waiting") || !strings.Contains(got, "Sam started it") {
		t.Errorf("home: %q", got)
	}
	alex.checkWidths("61-home-underway")
	alex.open("/")
	alex.tabTo(`section[aria-labelledby="underway-h"] a`)
	alex.pressEnter()
	if p := alex.path(); p != "/encounters/"+e.ID {
		t.Errorf("from home: at %s", p)
	}
}

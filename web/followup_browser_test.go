package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/tendcare/tend"
)

// TestBrowserFollowup: Sam has a follow-up waiting. On a 320 px phone,
// Home shows it and the navigation's count, read out as "Home, 1
// waiting"; with the keyboard alone Sam opens it, answers "A bit low"
// with a few words, and lands on the kind word with the guide on drop,
// told by the flash that has the focus; the count is gone. axe finds
// nothing on these pages, in the dark and the light scheme, at 320 and
// 390 px, and none scrolls sideways.
func TestBrowserFollowup(t *testing.T) {
	s, clock := newAccountServer(t, "open")
	sam, _ := mustAccount(t, s, "sam", "Sam")
	f := dueFollowup(t, s, clock, sam.ID)
	b := newBrowser(t, s.Handler())
	b.signIn("sam")

	b.open("/")
	var name string
	b.run(chromedp.Evaluate(`document.querySelector('.main-nav a[href="/"]').textContent`, &name))
	if name != "Home, 1 waiting" {
		t.Errorf("the navigation's Home reads %q", name)
	}
	if got := b.text(`section[aria-labelledby="inbox-h"]`); !strings.Contains(got, "How are you feeling since yesterday?") {
		t.Errorf("the inbox: %q", got)
	}
	b.checkWidths("66-followup-1-home")

	b.setWidth(320)
	b.open("/")
	b.tabTo(`section[aria-labelledby="inbox-h"] a`)
	b.pressEnter()
	if p := b.path(); p != "/followups/"+f.ID {
		t.Fatalf("from the inbox: at %s", p)
	}
	b.checkWidths("66-followup-2-page")

	// Sent without a choice: the mistake is said at the top, which has
	// the focus, and beside the answers.
	b.setWidth(320)
	b.tabTo(`form[action$="/answer"] button[type=submit]`)
	b.keySubmit()
	b.waitFocus("problem")
	if got := b.describedBy("answer"); !strings.Contains(got, "Choose how you are feeling") {
		t.Errorf("the answers' message: %q", got)
	}
	b.checkWidths("66-followup-3-mistake")

	b.setWidth(320)
	b.tabTo("#answer-good")
	b.key(kb.ArrowDown) // moves to "A bit low" and chooses it
	var chosen string
	b.run(chromedp.Evaluate(`(document.querySelector('input[name=answer]:checked') || {}).value || ""`, &chosen))
	if chosen != "low" || b.activeID() != "answer-low" {
		t.Errorf("after the arrow key: %q chosen, focus on %q", chosen, b.activeID())
	}
	b.tabTo("#words")
	b.key("a slow day")
	b.tabTo(`form[action$="/answer"] button[type=submit]`)
	b.keySubmit()
	// The flash's script has taken ?done= from the address by now.
	if p := b.path(); p != "/followups/"+f.ID {
		t.Fatalf("after answering: at %s", p)
	}
	b.waitFocus("flash")
	if got := b.text("#flash"); got != "Your answer is saved." {
		t.Errorf("the flash: %q", got)
	}
	if got := b.text("h1"); got != "Thank you" {
		t.Errorf("the heading: %q", got)
	}
	if got := b.text(`section[aria-labelledby="gentle-h"]`); !strings.Contains(got, "a walk outside") || !strings.Contains(got, "About drop") {
		t.Errorf("the kind word: %q", got)
	}
	b.checkWidths("66-followup-4-answered")
	var counts int
	b.run(chromedp.Evaluate(`document.querySelectorAll('.nav-count').length`, &counts))
	if counts != 0 {
		t.Errorf("the count stays after answering")
	}

	// The answer joins the encounter's page, once the aftercare is over.
	if _, err := s.Encounters.MoveEncounter(t.Context(), sam.ID, f.EncounterID, tend.Move{From: tend.StageAfter}); err != nil {
		t.Fatal(err)
	}
	b.open("/encounters/" + f.EncounterID)
	if got := b.text(`section[aria-labelledby="followups-h"]`); !strings.Contains(got, "A bit low") || !strings.Contains(got, "a slow day") {
		t.Errorf("the encounter's follow-ups: %q", got)
	}
	b.checkWidths("66-followup-7-encounter")

	b.open("/settings")
	b.checkWidths("66-followup-6-settings")
	b.open("/guides/drop")
	b.checkWidths("66-followup-5-guide")
}

package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tendcare/tend"
)

// careField is how a field of the aftercare screen is marked: invalid or
// not, what describes it, and the text of the first thing that does.
type careField struct {
	Invalid, Described, First string
}

func careFieldState(b *browser, id string) careField {
	b.t.Helper()
	var f careField
	b.run(chromedp.Evaluate(`(function(){var f=document.getElementById("`+id+`");var d=f.getAttribute("aria-describedby")||"";
		var first=document.getElementById(d.split(" ")[0]);
		return {Invalid: f.getAttribute("aria-invalid")||"", Described: d, First: first&&!first.hidden ? first.textContent : ""}})()`, &f))
	return f
}

// sentAndAnswered is true once a signal of this kind is in the feed and
// the send's own answer has been handled (no form is still waiting for
// it): the live news may bring the signal to the feed first.
func sentAndAnswered(kind string) string {
	return `document.querySelector('#feed-list .item[data-kind="` + kind + `"]') !== null && document.querySelector("form[data-busy]") === null`
}

// TestBrowserAftercareMistakeMarked: a mistake the aftercare screen's
// script shows ("Something else, in a few words" too long, the check-in
// message too long) marks its field invalid and describes it, as the
// server does, while it shows; the next good send unmarks it, and a
// field marked by the server goes back to normal too. By keyboard, at
// 320 and 390 px.
func TestBrowserAftercareMistakeMarked(t *testing.T) {
	s, clock := newAccountServer(t, "open")
	clock.t = time.Now()
	h := s.Handler()
	defer s.Shutdown(context.Background())
	sam, _, _, _, e := careCircle(t, s, h, tend.LongDistance)
	b := newBrowser(t, h)
	formWidth(b, 320)
	careSignIn(b, sam)
	careOpen(b, e.ID)

	var ok bool
	b.run(chromedp.Evaluate(`document.getElementById("custom-text").value = "x".repeat(700); true`, &ok))
	careKey(b, `#custom-text`)
	careUntil(b, "the error", `!document.getElementById("care-problem").hidden`)
	want := "Something else, in a few words: is 700 characters long; the limit is 200"
	if f := careFieldState(b, "custom-text"); f.Invalid != "true" || f.Described != "care-problem" || f.First != want {
		t.Errorf("the field with the mistake: %+v", f)
	}
	if f := careFocused(b); !strings.HasPrefix(f, "INPUT#custom-text") {
		t.Errorf("the focus went to %q", f)
	}
	b.checkWidths("53-aftercare-mistake-marked")
	formWidth(b, 320)
	b.run(chromedp.Evaluate(`document.getElementById("custom-text").value = "my glasses"; true`, &ok))
	careKey(b, `#custom-text`)
	careUntil(b, "sent", sentAndAnswered("custom"))
	if f := careFieldState(b, "custom-text"); f.Invalid != "" || f.Described != "" {
		t.Errorf("after a good send, the field is still marked: %+v", f)
	}

	// The message: its hint stays, the mistake comes first while it shows.
	b.run(chromedp.Evaluate(`document.getElementById("message-text").value = "y".repeat(300); true`, &ok))
	careKey(b, `#message-text`)
	careUntil(b, "the message's error", `!document.getElementById("care-problem").hidden`)
	if f := careFieldState(b, "message-text"); f.Invalid != "true" || f.Described != "care-problem message-hint" || !strings.HasPrefix(f.First, "A check-in message to Alex: ") {
		t.Errorf("the message with the mistake: %+v", f)
	}
	if f := careFieldState(b, "custom-text"); f.Invalid != "" {
		t.Errorf("the other field is marked too: %+v", f)
	}
	b.run(chromedp.Evaluate(`document.getElementById("message-text").value = "back in a minute"; true`, &ok))
	careKey(b, `#message-text`)
	careUntil(b, "the message sent", sentAndAnswered("message"))
	if f := careFieldState(b, "message-text"); f.Invalid != "" || f.Described != "message-hint" {
		t.Errorf("after a good message, the field is: %+v", f)
	}

	// A field as the server marks it (a form sent before the script
	// ran): a good send unmarks it, and its message goes.
	careEval(b, "marked as by the server", `(function(){var f=document.getElementById("custom-text");
		var m=document.createElement("div");m.className="field-error";m.id="custom-text-error";m.textContent="Please check: too long";
		f.parentNode.parentNode.insertBefore(m,f.parentNode);f.setAttribute("aria-invalid","true");f.setAttribute("aria-describedby","custom-text-error");return true})()`)
	careKey(b, `#needs input[value="water"] ~ button`)
	careUntil(b, "water sent", sentAndAnswered("water"))
	if f := careFieldState(b, "custom-text"); f.Invalid != "" || f.Described != "" {
		t.Errorf("the server's mark stays after a good send: %+v", f)
	}
	careEval(b, "the server's message goes", `document.getElementById("custom-text-error").hidden`)
}

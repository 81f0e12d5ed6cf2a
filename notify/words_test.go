package notify

import (
	"regexp"
	"strings"
	"testing"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/catalog"
)

// neverSaid are words that must never leave the server in a discreet
// message: about sex, bodies, what happened, or how anyone feels.
var neverSaid = []string{
	"sex", "sexual", "sexy", "kink", "kinky", "bdsm", "fetish", "scene", "play", "session",
	"aftercare", "drop", "encounter", "intimate", "intimacy", "naked", "nude", "body",
	"bondage", "spank", "rope", "dom", "sub", "top", "bottom", "safeword", "consent",
	"low", "sad", "care", "cry", "hurt", "pain", "feel", "feeling", "mood", "partner", "lover",
}

// TestWordsNeverSay lists every line that can leave the server in a
// notification, both wordings, and checks it: no practice's title or id
// from the catalog in any wording, none of neverSaid in the discreet
// one, the title only "Tend", and the other person named only by the
// name given.
func TestWordsNeverSay(t *testing.T) {
	cat, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	var practice []string
	for _, p := range cat.Practices() {
		practice = append(practice, strings.ToLower(p.Title), strings.ToLower(strings.ReplaceAll(p.ID, "-", " ")))
	}
	has := func(line, word string) bool {
		return regexp.MustCompile(`\b` + regexp.QuoteMeta(word) + `\b`).MatchString(strings.ToLower(line))
	}
	const who = "Sam"
	lines := 0
	for _, e := range Events() {
		for _, w := range []tend.Wording{tend.WordingDiscreet, tend.WordingPlain} {
			m := Compose("d1", e, w, who, "https://tend.example/")
			lines++
			if m.Title != "Tend" {
				t.Errorf("%s, %s: the title is %q", e, w, m.Title)
			}
			line := strings.ReplaceAll(m.Body, who, "")
			if strings.Contains(line, "%") || strings.TrimSpace(line) == "" {
				t.Errorf("%s, %s: %q is not worded", e, w, m.Body)
			}
			for _, p := range practice {
				if has(line, p) {
					t.Errorf("%s, %s: %q names the practice %q", e, w, m.Body, p)
				}
			}
			if w != tend.WordingDiscreet {
				continue
			}
			for _, word := range neverSaid {
				if has(line, word) {
					t.Errorf("%s, discreet: %q says %q", e, m.Body, word)
				}
			}
		}
	}
	if lines != 2*len(words) || len(Events()) != len(words) {
		t.Errorf("%d lines checked for %d events worded", lines, len(words))
	}
	// The fixed words every email carries, and the confirmation's.
	for _, fixed := range []string{senderName, linkText, unsubscribeText, confirmSubject, confirmLead, confirmLinkText, confirmIgnore} {
		for _, word := range append(neverSaid, practice...) {
			if has(fixed, word) {
				t.Errorf("an email's fixed words %q say %q", fixed, word)
			}
		}
	}
}

// TestWordsName: an event about another person names them, and no one
// else; one about the person themself names nobody.
func TestWordsName(t *testing.T) {
	for _, e := range Events() {
		got := Words(e, tend.WordingDiscreet, "Robin")
		if needsName(e) != strings.Contains(got, "Robin") {
			t.Errorf("%s: %q", e, got)
		}
		if needsName(e) && !strings.Contains(Words(e, tend.WordingPlain, ""), "Someone") {
			t.Errorf("%s without a name: %q", e, Words(e, tend.WordingPlain, ""))
		}
	}
	if Words(EventLow, tend.WordingDiscreet, "Sam") != "Sam sent you a message" || Words(EventLow, tend.WordingPlain, "Sam") != "Sam is having a low day" {
		t.Error("the low alert's words")
	}
	if m := Compose("x", EventCare, tend.WordingDiscreet, "Sam", "/"); !m.Urgent || m.Kind != KindAlert {
		t.Errorf("a partner's call for care: %+v", m)
	}
	if m := Compose("x", EventFollowup, tend.WordingPlain, "", "/"); m.Urgent || m.Kind != KindFollowup {
		t.Errorf("a follow-up: %+v", m)
	}
}

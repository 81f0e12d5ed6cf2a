package web

import (
	"strconv"
	"strings"

	"github.com/tendcare/tend"
)

// The words the pages use for levels and kinds: plain, warm and the same
// for everyone, whatever their gender or role.

var receiveLabels = map[tend.Receive]string{
	tend.Need:      "I need this",
	tend.Like:      "I'd like this",
	tend.Okay:      "Okay either way",
	tend.RatherNot: "I'd rather not",
	tend.Never:     "Never, please",
}

var giveLabels = map[tend.Give]string{
	tend.Glad:    "Glad to give",
	tend.Willing: "Willing to give",
	tend.No:      "Not for me to give",
}

var kindLabels = map[tend.Kind]string{
	tend.Gentle:       "Gentle",
	tend.Intense:      "Intense",
	tend.Quickie:      "Quick",
	tend.FirstTime:    "First time together",
	tend.LongDistance: "Long-distance",
	tend.Solo:         "Solo",
}

var categoryLabels = map[tend.Category]string{
	tend.Body:     "Body",
	tend.Touch:    "Touch",
	tend.Words:    "Words",
	tend.Presence: "Being there",
	tend.Space:    "Space",
	tend.Distance: "From a distance",
	tend.SelfCare: "Caring for myself",
	tend.LaterOn:  "Later on",
	tend.Own:      "My own",
}

// dropLabels name when drop tends to come, as a choice and in the
// history.
var dropLabels = map[tend.DropWhen]string{
	tend.DropNone:      "It doesn't really happen to me",
	tend.DropSameDay:   "The same day",
	tend.DropNextDay:   "The next day",
	tend.DropDaysLater: "A few days later",
}

// dropTimes say when drop tends to come inside a sentence, after "it
// tends to come".
var dropTimes = map[tend.DropWhen]string{
	tend.DropSameDay:   "the same day",
	tend.DropNextDay:   "the next day",
	tend.DropDaysLater: "a few days later",
}

// kindPhrases name a kind of encounter inside a sentence ("after ...").
var kindPhrases = map[tend.Kind]string{
	tend.Gentle:       "gentle encounters",
	tend.Intense:      "intense encounters",
	tend.Quickie:      "quick ones",
	tend.FirstTime:    "a first time together",
	tend.LongDistance: "long-distance encounters",
	tend.Solo:         "solo sex",
}

func kindPhrase(k tend.Kind) string { return kindPhrases[k] }

// modeLabel says who does a practice of a mode.
func modeLabel(m string) string {
	for _, l := range modeLabels {
		if string(l.Mode) == m {
			return l.Label
		}
	}
	return m
}

func receiveLabel(r tend.Receive) string { return receiveLabels[r] }
func giveLabel(g tend.Give) string       { return giveLabels[g] }
func kindLabel(k tend.Kind) string       { return kindLabels[k] }

// afterLabel reads a plan's ISO 8601 duration (P1D, PT6H, PT1H30M) as
// words: "1 day later", "6 hours later".
func afterLabel(iso string) string {
	unit := func(n int, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return strconv.Itoa(n) + " " + many
	}
	var parts []string
	rest, timePart, _ := strings.Cut(strings.TrimPrefix(iso, "P"), "T")
	if d, ok := strings.CutSuffix(rest, "D"); ok {
		if n, err := strconv.Atoi(d); err == nil {
			parts = append(parts, unit(n, "day", "days"))
		}
	}
	if h, m, ok := strings.Cut(timePart, "H"); ok {
		if n, err := strconv.Atoi(h); err == nil {
			parts = append(parts, unit(n, "hour", "hours"))
		}
		timePart = m
	}
	if m, ok := strings.CutSuffix(timePart, "M"); ok {
		if n, err := strconv.Atoi(m); err == nil && n > 0 {
			parts = append(parts, unit(n, "minute", "minutes"))
		}
	}
	if len(parts) == 0 {
		return "Right after"
	}
	return strings.Join(parts, " and ") + " later"
}

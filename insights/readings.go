package insights

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tendcare/tend"
)

// Every sentence insights say is in this file, so that they can be read
// together: plain, warm, in our own voice, for every gender and role.
// They tell what the counts are, never a verdict: nothing is missed,
// kept up or scored, and a practice "comes with" better days, never
// more. With too little to go on, they say so and how much there is.

// moodReading reads the mood chart: n reflections in the window, the
// sum of their moods, and the lowest months (none when there is nothing
// to compare).
func moodReading(w window, n, sum int, lowest []month) string {
	switch {
	case n == 0:
		return "How you felt after will show here once you have reflected a few times."
	case n < MinMoodReflections:
		so := "so far"
		if w.cut {
			so = "in " + span(w)
		}
		return fmt.Sprintf("There is too little to see a pattern yet: %s %s.", plural(n, "reflection", "reflections"), so)
	}
	s := "Over " + span(w) + " you felt"
	if w.n == 1 {
		s = "This month you felt"
	}
	s += " " + decimal(oneDecimal(float64(sum)/float64(n))) + " out of 5 on average after"
	if w.cut {
		s += " (older months are left out)"
	}
	if len(lowest) > 0 {
		names := make([]string, len(lowest))
		for i, m := range lowest {
			names[i] = m.name(w.spansYears())
		}
		verb := " was"
		if len(names) > 1 {
			verb = " were"
		}
		s += "; " + tend.JoinNames(names) + verb + " the lowest"
	}
	return s + "."
}

// rhythmReading reads the aftercare chart: encounters and aftercares in
// the window, how many were timed and their median length.
func rhythmReading(w window, encounters, aftercare, timed, mins int) string {
	switch {
	case w.n == 0:
		return "How often aftercare happened will show here after your first encounter."
	case encounters == 0:
		return "There were no encounters in " + span(w) + "."
	case aftercare == 0:
		return fmt.Sprintf("Aftercare was not started in Tend after %s %s.", plural(encounters, "encounter", "encounters"), in(w))
	}
	s := "Aftercare happened " + times(aftercare) + " " + in(w)
	switch {
	case timed == 0:
	case aftercare == 1:
		s += ", for " + about(mins)
	default:
		s += ", usually for " + about(mins)
	}
	return s + "."
}

// dropsReading says when low times came most often.
func dropsReading(encounters, total int, byDelay [nDelays]int) string {
	timed, top := 0, 0
	for _, n := range byDelay {
		timed += n
		top = max(top, n)
	}
	switch {
	case encounters < MinDropEncounters:
		return fmt.Sprintf("There is too little to see when low times come yet: %s so far.", plural(encounters, "encounter", "encounters"))
	case total == 0:
		return fmt.Sprintf("No low times came up in Tend after your %d encounters.", encounters)
	case timed == 0:
		return fmt.Sprintf("There were %s; when they came is not known.", plural(total, "low time", "low times"))
	}
	var when []string
	for i, n := range byDelay {
		if n == top {
			when = append(when, delayPhrase(Delays()[i]))
		}
	}
	switch {
	case timed == 1:
		return "The one low time came " + when[0] + "."
	case len(when) == 1:
		return fmt.Sprintf("Low times came most often %s, %d of %d.", when[0], top, timed)
	}
	return fmt.Sprintf("Low times came equally often %s, %d of %d each.", tend.JoinNames(when), top, timed)
}

// delayPhrase says a DelayDrops.When inside a sentence.
func delayPhrase(when string) string {
	switch when {
	case WhenDuring:
		return "in the first hour"
	case WhenSameDay:
		return "later the same day"
	case WhenNextDay:
		return "the next day"
	}
	return "a few days later"
}

// helpedReading names what came up most in the person's aftercare.
func helpedReading(list []HelpedPractice) string {
	if len(list) == 0 {
		return "What helped will show here once steps are ticked done or you name what helped in a reflection."
	}
	p := list[0]
	var parts []string
	if p.Said > 0 {
		parts = append(parts, "you said it helped "+times(p.Said))
	}
	if p.Ticked > 0 {
		parts = append(parts, "it was ticked done "+times(p.Ticked))
	}
	return startPhrase(p.Practice, p.Title) + " came up most: " + strings.Join(parts, ", and ") + "."
}

// circleHelpedReading names what the circle's reflections said helped
// most.
func circleHelpedReading(list []HelpedPractice) string {
	if len(list) == 0 {
		return "What helped will show here once shared reflections name it."
	}
	p := list[0]
	return startPhrase(p.Practice, p.Title) + " was named as helping most often, " + times(p.Said) + "."
}

// unmetReading names the needs that went unmet more than once, and says
// how many things written as missing came up again (never the words:
// the page lists them, to the person alone).
func unmetReading(early bool, needs []UnmetNeed, missing int) string {
	if early {
		return "Needs that went unmet will show here once aftercare has happened a few times."
	}
	var s []string
	if len(needs) > 0 {
		var parts []string
		for i, n := range needs {
			if i == 3 {
				parts = append(parts, strconv.Itoa(len(needs)-3)+" more")
				break
			}
			parts = append(parts, phrase(n.Practice, n.Title)+" ("+times(n.Times)+")")
		}
		s = append(s, "Needs that went unmet more than once: "+tend.JoinNames(parts)+".")
	}
	switch {
	case missing == 1:
		s = append(s, "Something you wrote as missing came up more than once.")
	case missing > 1:
		s = append(s, strconv.Itoa(missing)+" things you wrote as missing came up more than once.")
	case len(needs) == 0:
		s = append(s, "No need went unmet more than once.")
	}
	return strings.Join(s, " ")
}

// comesWithReading reads the evidence: pop reflected encounters,
// whether any practice could be compared, and what stood out.
func comesWithReading(pop int, comparable bool, list []Evidence) string {
	switch {
	case pop < MinWith+MinWithout:
		return fmt.Sprintf("What comes with better days will show once you have reflected at least %d times (%d so far).", MinWith+MinWithout, pop)
	case !comparable:
		return fmt.Sprintf("To compare, a practice needs at least %d reflections with it and %d without; none has that yet.", MinWith, MinWithout)
	case len(list) == 0:
		return "Nothing stands out yet: with or without each practice, your days after felt much the same."
	}
	e := list[0]
	if betterWith(e) {
		return fmt.Sprintf("%s comes with better days: %d of %d times with it were rated 4 or 5, and %d of %d without.",
			startPhrase(e.Practice, e.Title), e.WithBetter, e.With, e.WithoutBetter, e.Without)
	}
	return fmt.Sprintf("%s comes with fewer low times: a low time followed %d of %d times with it, and %d of %d without.",
		startPhrase(e.Practice, e.Title), e.WithDrops, e.With, e.WithoutDrops, e.Without)
}

// receiveWords are the profile's receive levels inside a sentence, as
// the profile page names them.
func receiveWords(r tend.Receive) string {
	switch r {
	case tend.Need:
		return "“I need this”"
	case tend.Like:
		return "“I'd like this”"
	case tend.Okay:
		return "“okay either way”"
	case tend.RatherNot:
		return "“I'd rather not”"
	}
	return "“never, please”"
}

// receiveTexts are a receive suggestion's text, question and why: the
// practice was part of part of the person's best best-rated times, and
// its level is from ("" when unmarked).
func receiveTexts(id, title string, part, best int, from, to tend.Receive) (text, question, why string) {
	text = fmt.Sprintf("%s was part of %d of your %d best-rated times; ", startPhrase(id, title), part, best)
	if from == "" {
		text += "you have not marked it yet."
	} else {
		text += "you marked it " + receiveWords(from) + "."
	}
	return text, "Mark it " + receiveWords(to) + "?",
		fmt.Sprintf("From your insights: part of %d of your %d best-rated times.", part, best)
}

// dropTexts are a drop suggestion's text, question and why: n of the
// person's total low times after an encounter came at to, and their
// profile said from.
func dropTexts(n, total int, from, to tend.DropWhen) (text, question, why string) {
	text = fmt.Sprintf("%d of your %d low times after an encounter came %s; ", n, total, dropWords(to))
	if from == tend.DropNone {
		text += "your profile says it doesn't really happen to you."
	} else {
		text += "your profile does not say when drop tends to come."
	}
	return text, "Say that drop tends to come " + dropWords(to) + "?",
		fmt.Sprintf("From your insights: %d of %d low times came %s.", n, total, dropWords(to))
}

// dropWords say a drop timing inside a sentence.
func dropWords(w tend.DropWhen) string {
	switch w {
	case tend.DropSameDay:
		return "the same day"
	case tend.DropNextDay:
		return "the next day"
	}
	return "a few days later"
}

// circleReading sums up what a circle's insights are made from.
func circleReading(encounters, shared, out int) string {
	if encounters == 0 {
		return "The circle's insights will show here once an encounter's reflections are revealed."
	}
	s := fmt.Sprintf("From %s together and %s shared with the circle.",
		plural(encounters, "encounter", "encounters"), plural(shared, "reflection", "reflections"))
	switch {
	case out == 1:
		s += " 1 member keeps their reflections out."
	case out > 1:
		s += fmt.Sprintf(" %d members keep their reflections out.", out)
	}
	return s
}

// memberReading says how often one member's needs were met, by their
// own shared reflections.
func memberReading(name string, out bool, reflections, met int) string {
	who, start := name, name
	if name == "" {
		who, start = "this member", "This member"
	}
	switch {
	case out:
		return start + " keeps their reflections out of the circle's insights."
	case reflections == 0:
		return start + " has not shared a reflection here yet."
	case reflections == 1 && met == 1:
		return "Nothing was missing for " + who + " in their one shared reflection."
	case reflections == 1:
		return start + "'s one shared reflection named something missing."
	}
	return fmt.Sprintf("Nothing was missing for %s in %d of %d shared reflections.", who, met, reflections)
}

// circleRhythmReading says how many encounters the circle had.
func circleRhythmReading(w window, encounters int) string {
	switch {
	case w.n == 0:
		return "How often the circle had encounters will show here after its first one."
	case encounters == 0:
		return "The circle had no encounters in " + span(w) + "."
	}
	return "The circle had " + plural(encounters, "encounter", "encounters") + " " + in(w) + "."
}

// span names the window after "in" or "over": "the last 6 months".
func span(w window) string {
	if w.n == 1 {
		return "the last month"
	}
	return "the last " + strconv.Itoa(w.n) + " months"
}

// in names the window after a verb: "this month", "in the last 6 months".
func in(w window) string {
	if w.n == 1 {
		return "this month"
	}
	return "in " + span(w)
}

// about says a length in minutes: "about 20 minutes", "about an hour".
func about(mins int) string {
	h, m := mins/60, mins%60
	switch {
	case mins == 0:
		return "under a minute"
	case mins == 1:
		return "about a minute"
	case h == 0:
		return "about " + strconv.Itoa(m) + " minutes"
	case m == 0 && h == 1:
		return "about an hour"
	case m == 0:
		return "about " + strconv.Itoa(h) + " hours"
	}
	return "about " + plural(h, "hour", "hours") + " and " + plural(m, "minute", "minutes")
}

// times says how often: "once", "twice", "3 times".
func times(n int) string {
	switch n {
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return strconv.Itoa(n) + " times"
}

// plural says a count of things: "1 reflection", "3 reflections".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// decimal writes a mean as read: "3.9", "4".
func decimal(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// phrase is a practice's title inside a sentence: the catalog's noun
// phrase lowercased as tend.Practice.Phrase does ("a cuddle"), or a
// person's own title in quotes, since it may be any kind of phrase.
func phrase(id, title string) string {
	if tend.IsCustomID(id) {
		return "“" + title + "”"
	}
	return (&tend.Practice{ID: id, Title: title}).Phrase()
}

// startPhrase is a practice's title at the start of a sentence.
func startPhrase(id, title string) string {
	p := phrase(id, title)
	if p != "" && p[0] >= 'a' && p[0] <= 'z' {
		return strings.ToUpper(p[:1]) + p[1:]
	}
	return p
}

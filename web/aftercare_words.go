package web

import (
	"strings"

	"github.com/tendcare/tend"
)

// The aftercare screen's sentences. aftercare.js says the same for what
// arrives live; keep the two in step.

// needWords says a need: from someone else ("Sam would like water") or
// from the person ("You asked for water").
func needWords(k tend.SignalKind, name, text string, mine bool) string {
	if mine {
		switch k {
		case tend.SignalWater:
			return "You asked for water."
		case tend.SignalBlanket:
			return "You asked for a blanket."
		case tend.SignalHold:
			return "You asked to be held."
		case tend.SignalSpace:
			return "You asked for some space."
		case tend.SignalTalk:
			return "You asked to talk."
		case tend.SignalNotOkay:
			return "You said you are not okay. The grounding help is below."
		case tend.SignalCustom:
			return "You asked for: " + text
		}
		return ""
	}
	switch k {
	case tend.SignalWater:
		return name + " would like some water."
	case tend.SignalBlanket:
		return name + " would like a blanket."
	case tend.SignalHold:
		return name + " would like to be held."
	case tend.SignalSpace:
		return name + " would like some space for now."
	case tend.SignalTalk:
		return name + " would like to talk."
	case tend.SignalNotOkay:
		return name + " is not okay. Go gently: be with them, ask what would help."
	case tend.SignalCustom:
		return name + " would like: " + text
	}
	return ""
}

// tookBackWords replaces a "not okay" once its sender said they are okay
// again: it stays in the news, no longer as an alert.
func tookBackWords(name string, mine bool) string {
	if mine {
		return "You said you were not okay."
	}
	return name + " was not okay."
}

// okayWords says an "I'm okay now".
func okayWords(name string, mine bool) string {
	if mine {
		return "You said you are okay now."
	}
	return name + " is okay now."
}

// comingWords answers a need.
func comingWords(name string, need tend.SignalKind, mine bool) string {
	switch {
	case mine && need == tend.SignalSpace:
		return "You are giving them space."
	case mine:
		return "You are on your way."
	case need == tend.SignalSpace:
		return name + " is giving you space."
	}
	return name + " is on the way."
}

// seeAtOnce tells who sees a need tapped: "Alex sees it at once", "Alex
// and Kim see it at once".
func seeAtOnce(others []string) string {
	if len(others) == 1 {
		return others[0] + " sees it at once."
	}
	return tend.JoinNames(others) + " see it at once."
}

// movedOnWords says that the aftercare ended while the person stays on
// the screen; by is who ended it ("" when not known, "you").
func movedOnWords(by string, stage tend.Stage) string {
	if stage == tend.StageDone {
		return "Everyone has looked back, and the reflections are shown. Stay here as long as you like."
	}
	who := "The aftercare has ended"
	switch by {
	case "":
	case "you":
		who = "You ended the aftercare"
	default:
		who = by + " ended the aftercare"
	}
	return who + ", and reflecting has begun. There's no hurry: stay here as long as you need; everything on this screen still works."
}

// endWords asks before ending the aftercare while "not okay"s stand:
// names are the people whose does ("you" for the person asking).
func endWords(names []string, solo bool) (said, then string) {
	mine := len(names) > 0 && names[0] == "you"
	switch {
	case mine && len(names) == 1:
		said = "You said you are not okay, and haven't said “I'm okay now” since."
		if solo {
			return said, "If you're all right now, tap “I'm okay now” first. If you end it anyway, the grounding help stays on this screen for you."
		}
		return said, "If you're all right now, tap “I'm okay now” first. If you end it anyway, the others move on to reflecting and your screen stays here, with the grounding help, until you move on."
	case len(names) == 1:
		return names[0] + " is not okay yet.", "If you end the aftercare anyway, everyone moves on to reflecting, but " +
			names[0] + "'s screen stays where it is, with the grounding help, until " + names[0] + " is ready to move on."
	}
	all := tend.JoinNames(names)
	return strings.ToUpper(all[:1]) + all[1:] + " are not okay yet.", "If you end the aftercare anyway, everyone moves on to reflecting, " +
		"but the screens of those who are not okay stay where they are, with the grounding help, until each is ready to move on."
}

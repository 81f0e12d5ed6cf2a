package tend

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Follow-ups are the later check-ins of journey step 7: a drop often
// comes hours or days after an encounter, when the aftercare screen is
// long closed. The rules here are pure (no storage, no clock of their
// own: every time is passed in), so the store and the job queue only
// carry out what they decide.

// FollowupAnswer is a person's answer to a follow-up.
type FollowupAnswer string

// Answers to a follow-up, from lightest to heaviest. The words shown for
// them are the pages' business.
const (
	// FollowupGood: they feel good; nobody else is told anything.
	FollowupGood FollowupAnswer = "good"
	// FollowupLow: "a bit low"; tells the other members, as the person
	// chose beforehand (DropTell).
	FollowupLow FollowupAnswer = "low"
	// FollowupCare: "I could use some care"; tells the other members,
	// as the person chose beforehand (DropTell).
	FollowupCare FollowupAnswer = "care"
)

// FollowupAnswers lists the answers in the order they are offered.
func FollowupAnswers() []FollowupAnswer {
	return []FollowupAnswer{FollowupGood, FollowupLow, FollowupCare}
}

// Valid reports whether a is one of the known answers.
func (a FollowupAnswer) Valid() bool {
	return a == FollowupGood || a == FollowupLow || a == FollowupCare
}

// Low reports whether the answer tells of a drop (low or care): the
// answers that reach the other members of the encounter, with the
// person's drop-care list.
func (a FollowupAnswer) Low() bool { return a == FollowupLow || a == FollowupCare }

// DropTell is a person's choice, made beforehand, of whether a low
// answer to a follow-up reaches the other members of the encounter.
type DropTell string

// Choices of telling others about a drop.
const (
	// DropTellAuto: tell them at once, without asking.
	DropTellAuto DropTell = "auto"
	// DropTellAsk: ask the person each time, after their answer.
	DropTellAsk DropTell = "ask"
	// DropTellNever: never tell them; the answer stays the person's own.
	DropTellNever DropTell = "never"
)

// DefaultDropTell is the choice of someone who has not made one: asking
// each time, so that nothing reaches others without the person's say
// and no low answer is silently kept from partners who could help.
const DefaultDropTell = DropTellAsk

// DropTells lists the choices in the order they are offered.
func DropTells() []DropTell { return []DropTell{DropTellAuto, DropTellAsk, DropTellNever} }

// Valid reports whether t is one of the known choices.
func (t DropTell) Valid() bool {
	return t == DropTellAuto || t == DropTellAsk || t == DropTellNever
}

// MaxFollowupOffCircles bounds FollowupPrefs.OffCircles: far more circles
// than anyone is in, but a bound on what one request can store.
const MaxFollowupOffCircles = 200

// FollowupPrefs is what a person chose about their follow-ups. The zero
// value is the default: the plan's follow-ups, none after gentle
// encounters. Turning follow-ups off for one encounter is not a
// preference but a fact about that encounter (FollowupInput.EncounterOff).
type FollowupPrefs struct {
	// Off turns follow-ups off altogether.
	Off bool
	// AfterGentle asks for one the day after gentle encounters too,
	// which plans leave without one (see GentleFollowupAfter).
	AfterGentle bool
	// OffCircles are the ids of circles whose encounters bring the
	// person no follow-ups.
	OffCircles []string
}

// Validate checks the preferences, returning EINVALID about
// "off_circles" with what to fix. A circle listed twice is kept once:
// that loses nothing. Whether each circle is the person's own is the
// store's to check.
func (p *FollowupPrefs) Validate() error {
	var out []string
	for _, id := range p.OffCircles {
		if !circleIDShape(id) {
			return FieldErrorf("off_circles", "%q is not a circle id; pick circles from your list", clip(id, 24))
		}
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	if len(out) > MaxFollowupOffCircles {
		return FieldErrorf("off_circles", "at most %d circles; %d were given", MaxFollowupOffCircles, len(out))
	}
	p.OffCircles = out
	return nil
}

// circleIDShape reports whether id could be a circle id: 1 to 64 ASCII
// letters, digits, dashes or underscores (the store's ids are UUIDs).
func circleIDShape(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// clip shortens s to at most n runes, with "…" when it was longer, so
// that an error quoting what was sent stays short.
func clip(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i] + "…"
		}
		n--
	}
	return s
}

// MaxFollowupAfter is the latest a plan's follow-up may come after the
// encounter: a drop comes within hours to three days, and a bound keeps
// an imported plan from scheduling one for next year.
const MaxFollowupAfter = 14 * 24 * time.Hour

// ParseFollowupAfter reads a plan's Followup.After: an ISO 8601 duration
// in days, hours and minutes, in that order ("PT6H", "P1D", "PT1H30M",
// "P1DT6H"), from one minute to MaxFollowupAfter. Years, months, weeks,
// seconds, fractions and signs are refused: a plan never writes them, and
// months have no fixed length. Errors are EINVALID, saying what to write.
func ParseFollowupAfter(s string) (time.Duration, error) {
	minutes, problem := isoMinutes(s)
	switch {
	case problem != "":
		return 0, Errorf(EINVALID, "%q is not a follow-up time: %s", clip(s, 24), problem)
	case minutes < 1:
		return 0, Errorf(EINVALID, "%q is not a follow-up time: it must be at least a minute after the encounter", clip(s, 24))
	case minutes > int64(MaxFollowupAfter/time.Minute):
		return 0, Errorf(EINVALID, "%q is not a follow-up time: it must be at most %d days after the encounter", clip(s, 24), MaxFollowupAfter/(24*time.Hour))
	}
	return time.Duration(minutes) * time.Minute, nil
}

// isoMinutes reads "P[nD][T[nH][nM]]" as minutes, or says what is wrong.
func isoMinutes(s string) (int64, string) {
	const how = "write days, hours and minutes as an ISO 8601 duration, like PT6H, P1D or P1DT6H"
	rest, ok := strings.CutPrefix(s, "P")
	if !ok || rest == "" || strings.HasSuffix(rest, "T") {
		return 0, how
	}
	date, clock, _ := strings.Cut(rest, "T")
	var total int64
	// Units in the order they may come, each at most once: D before the
	// T, then H and M after it.
	for _, part := range []struct {
		text  string
		units string
		per   int64
	}{{date, "D", 24 * 60}, {clock, "HM", 0}} {
		units := part.units
		for p := part.text; p != ""; {
			i := 0
			for i < len(p) && '0' <= p[i] && p[i] <= '9' {
				i++
			}
			if i == len(p) {
				return 0, how
			}
			u := p[i]
			switch {
			case i == 0:
				return 0, how
			case u == '.' || u == ',':
				return 0, "fractions are not used; write whole minutes, like PT90M"
			case i > 9:
				return 0, fmt.Sprintf("a number has more than 9 digits; %s", how)
			case part.units == "D" && strings.IndexByte("YMW", u) >= 0:
				return 0, "years, months and weeks are not used; write days (P7D), or minutes after a T (PT30M)"
			case part.units == "D" && u == 'H':
				return 0, "hours go after a T, like PT6H"
			case part.units == "HM" && u == 'S':
				return 0, "seconds are not used; write minutes, like PT1M"
			}
			k := strings.IndexByte(units, u)
			if k < 0 {
				return 0, how
			}
			units = units[k+1:]
			n, _ := strconv.ParseInt(p[:i], 10, 64)
			per := part.per
			if per == 0 {
				per = map[byte]int64{'H': 60, 'M': 1}[u]
			}
			total += n * per
			p = p[i+1:]
		}
	}
	return total, ""
}

// Delay returns when something due at t may reach the person: t itself
// outside the quiet hours (or with none), else the first instant after t
// at which the person's clock, in loc (nil: UTC), is outside them, as
// Contains says. Across daylight-saving changes that is: when the clocks
// jump over the end, the instant they land; when the end comes twice
// (the clocks go back), the first time at or after t; when the clocks go
// back to before the start, that instant. The result is in UTC.
func (q *QuietHours) Delay(t time.Time, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	// Within one zone period the clock runs evenly, so the end is one
	// subtraction away; the loop only walks over the clock changes (at
	// most a few: even a zone leaving out a day lands once).
	for q != nil && q.Valid() {
		lt := t.In(loc)
		if !q.Contains(lt) {
			break
		}
		y, m, d := lt.Date()
		if q.Start > q.End && lt.Hour()*60+lt.Minute() >= q.Start {
			d++ // they end tomorrow
		}
		u := t.Add(time.Date(y, m, d, q.End/60, q.End%60, 0, 0, time.UTC).Sub(wallClock(lt)))
		_, change := lt.ZoneBounds()
		if change.IsZero() || u.Before(change) {
			return u.UTC()
		}
		t = change
	}
	return t.UTC()
}

// wallClock returns what t's clock reads, as if it were UTC, to subtract
// from another reading of the same clock.
func wallClock(t time.Time) time.Time {
	_, off := t.Zone()
	return t.Add(time.Duration(off) * time.Second).UTC()
}

// firstAtWall returns the first instant at or after t at which loc's
// clock reads wall (given as if it were UTC) or later: when the clock
// reads it twice, the first time; when it jumps over it, the instant it
// lands. Within one zone period the clock runs evenly, so each period is
// one subtraction; the loop only walks over transitions.
func firstAtWall(t, wall time.Time, loc *time.Location) time.Time {
	for {
		lt := t.In(loc)
		now := wallClock(lt)
		if !now.Before(wall) {
			return t
		}
		u := t.Add(wall.Sub(now))
		_, end := lt.ZoneBounds()
		if end.IsZero() || u.Before(end) {
			return u
		}
		t = end
	}
}

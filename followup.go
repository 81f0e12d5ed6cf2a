package tend

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Follow-ups are the later check-ins of journey step 7, for a drop that
// comes hours or days later. These rules are pure (every time is passed
// in), so the store and the job queue only carry out what they decide.

// FollowupAnswer is a person's answer to a follow-up.
type FollowupAnswer string

// Answers to a follow-up, lightest first; their words are the pages'.
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
func (a FollowupAnswer) Valid() bool { return slices.Contains(FollowupAnswers(), a) }

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
func (t DropTell) Valid() bool { return slices.Contains(DropTells(), t) }

// MaxFollowupOffCircles bounds FollowupPrefs.OffCircles: more circles
// than anyone is in, yet a bound on what one request stores.
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
	const chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"
	return id != "" && len(id) <= 64 && strings.Trim(id, chars) == ""
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
// "P1DT6H"), from one minute to MaxFollowupAfter, with a day as 24 hours.
// (Scheduling counts days on the person's calendar, as ISO 8601 does:
// see ScheduleFollowups.) Years, months, weeks, seconds, fractions and
// signs are refused: a plan never writes them, and months have no fixed
// length. Errors are EINVALID, saying what to write.
func ParseFollowupAfter(s string) (time.Duration, error) {
	days, clock, err := parseAfter(s)
	return time.Duration(days)*24*time.Hour + clock, err
}

// parseAfter reads a follow-up time as days and hours-and-minutes.
func parseAfter(s string) (int, time.Duration, error) {
	days, minutes, problem := isoMinutes(s)
	total := days*24*60 + minutes
	switch {
	case problem != "":
		return 0, 0, Errorf(EINVALID, "%q is not a follow-up time: %s", clip(s, 24), problem)
	case total < 1:
		return 0, 0, Errorf(EINVALID, "%q is not a follow-up time: it must be at least a minute after the encounter", clip(s, 24))
	case total > int64(MaxFollowupAfter/time.Minute):
		return 0, 0, Errorf(EINVALID, "%q is not a follow-up time: it must be at most %d days after the encounter", clip(s, 24), MaxFollowupAfter/(24*time.Hour))
	}
	return int(days), time.Duration(minutes) * time.Minute, nil
}

// isoMinutes reads "P[nD][T[nH][nM]]" as days and minutes, or says what
// is wrong.
func isoMinutes(s string) (days, minutes int64, problem string) {
	const how = "write days, hours and minutes as an ISO 8601 duration, like PT6H, P1D or P1DT6H"
	rest, ok := strings.CutPrefix(s, "P")
	if !ok || rest == "" || strings.HasSuffix(rest, "T") {
		return 0, 0, how
	}
	date, clock, _ := strings.Cut(rest, "T")
	var sum [2]int64 // days, minutes
	// Units in the order they may come, each at most once: D before the
	// T, then H and M after it.
	for pi, part := range []struct{ text, units string }{{date, "D"}, {clock, "HM"}} {
		units := part.units
		for p := part.text; p != ""; {
			i := 0
			for i < len(p) && '0' <= p[i] && p[i] <= '9' {
				i++
			}
			if i == 0 || i == len(p) {
				return 0, 0, how
			}
			u := p[i]
			switch {
			case u == '.' || u == ',':
				return 0, 0, "fractions are not used; write whole minutes, like PT90M"
			case i > 9:
				return 0, 0, fmt.Sprintf("a number has more than 9 digits; %s", how)
			case part.units == "D" && strings.IndexByte("YMW", u) >= 0:
				return 0, 0, "years, months and weeks are not used; write days (P7D), or minutes after a T (PT30M)"
			case part.units == "D" && u == 'H':
				return 0, 0, "hours go after a T, like PT6H"
			case part.units == "HM" && u == 'S':
				return 0, 0, "seconds are not used; write minutes, like PT1M"
			}
			k := strings.IndexByte(units, u)
			if k < 0 {
				return 0, 0, how
			}
			units = units[k+1:]
			n, _ := strconv.ParseInt(p[:i], 10, 64)
			if u == 'H' {
				n *= 60
			}
			sum[pi] += n
			p = p[i+1:]
		}
	}
	return sum[0], sum[1], ""
}

// Delay returns when something due at t may reach the person: t itself
// outside the quiet hours (or with none), else the first instant after t
// at which the person's clock, in loc (nil: UTC), is outside them, as
// Contains says. Across daylight-saving changes that is: when the clocks
// jump over the end, the instant they land; when the end comes twice
// (the clocks go back), the first time at or after t; when the clocks go
// back to before the start, that instant. The result is in UTC.
func (q *QuietHours) Delay(t time.Time, loc *time.Location) time.Time {
	loc = orUTC(loc)
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
		if _, change := lt.ZoneBounds(); !change.IsZero() && !u.Before(change) {
			t = change
			continue
		}
		return u.UTC()
	}
	return t.UTC()
}

// wallClock returns what t's clock reads, as if it were UTC, to subtract
// from another reading of the same clock.
func wallClock(t time.Time) time.Time {
	_, off := t.Zone()
	return t.Add(time.Duration(off) * time.Second).UTC()
}

// orUTC returns loc, or UTC for nil (In panics on nil).
func orUTC(loc *time.Location) *time.Location { return cmp.Or(loc, time.UTC) }

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
		if _, end := lt.ZoneBounds(); !end.IsZero() && !u.Before(end) {
			t = end
			continue
		}
		return u
	}
}

// GentleFollowupAfter is when the follow-up asked for after gentle
// encounters comes: a calendar day later, at the hour of the encounter (an
// hour the person was free), merging with a next-day check-in of the plan.
const GentleFollowupAfter = 24 * time.Hour

// gentleWhy is the reason of the follow-up after a gentle encounter.
const gentleWhy = "You asked for a check-in the day after gentle encounters too."

// FollowupMerge is how close two of a person's follow-ups may fall, once
// moved out of quiet hours, before they are one: two questions within the
// hour would be a chore.
const FollowupMerge = time.Hour

// FollowupInput is what scheduling one person's follow-ups for one
// encounter needs.
type FollowupInput struct {
	// Start is when the aftercare began (Encounter.StageAt), as plans count.
	Start time.Time
	// Kind and CircleID are the encounter's ("" for a solo one).
	Kind     Kind
	CircleID string
	// Followups are the encounter's plan's (Plan.Followups).
	Followups []Followup
	// Name is the person's (card's) name in the plan, to pick those For
	// them, compared as the plan tells names apart (case, outer spaces).
	Name string
	// Loc is the person's time zone (Person.TimeZone); nil means UTC.
	Loc *time.Location
	// Quiet is the person's quiet hours, or nil.
	Quiet *QuietHours
	Prefs FollowupPrefs
	// EncounterOff: the person turned follow-ups off for this encounter.
	EncounterOff bool
}

// FollowupAt is one follow-up due for one person.
type FollowupAt struct {
	// Due is when it is due, in UTC, out of the person's quiet hours.
	Due time.Time
	// After is the plan's time after the start (the earliest, when
	// several became one): with the encounter and the person, it names
	// the follow-up, however often it is scheduled.
	After time.Duration
	// Why says why it is there, each reason once when several became one.
	Why string
}

// ScheduleFollowups returns when one person's follow-ups for an encounter
// are due, earliest first: the plan's for them (solo: all, the plan is
// theirs alone), and one after GentleFollowupAfter if they asked for it
// and the encounter is gentle. Each is due its time after Start, days
// counted on their calendar (P1D after 21:00 is 21:00 the next day, also
// across a clock change), then moved out of their quiet hours; any then
// within FollowupMerge of an earlier one is merged into it. None when
// they turned follow-ups off, for the circle or for the encounter. Due
// times may be past if Start is: the caller's to handle. EINVALID for a
// zero Start, an unknown kind, no name (unless solo) or a time of
// theirs that ParseFollowupAfter refuses.
func ScheduleFollowups(in FollowupInput) ([]FollowupAt, error) {
	if in.Prefs.Off || in.EncounterOff || in.CircleID != "" && slices.Contains(in.Prefs.OffCircles, in.CircleID) {
		return nil, nil
	}
	switch {
	case in.Start.IsZero():
		return nil, Errorf(EINVALID, "follow-ups count from the start of the aftercare, and none was given")
	case !in.Kind.Valid():
		return nil, Errorf(EINVALID, "%q is not an encounter kind", clip(string(in.Kind), 24))
	case in.Kind != Solo && strings.TrimSpace(in.Name) == "":
		return nil, Errorf(EINVALID, "follow-ups are picked by the person's name in the plan, and none was given")
	}
	loc := orUTC(in.Loc)
	var out []FollowupAt
	add := func(days int, clock time.Duration, why string) {
		// Days on the calendar, hours and minutes as time that passes.
		due := firstAtWall(in.Start, wallClock(in.Start.In(loc)).AddDate(0, 0, days), loc).Add(clock)
		out = append(out, FollowupAt{Due: in.Quiet.Delay(due, loc), After: time.Duration(days)*24*time.Hour + clock, Why: why})
	}
	for _, f := range in.Followups {
		if in.Kind != Solo && !slices.ContainsFunc(f.For, func(n string) bool { return sameName(n, in.Name) }) {
			continue
		}
		days, clock, err := parseAfter(f.After)
		if err != nil {
			return nil, err
		}
		add(days, clock, f.Why)
	}
	if in.Kind == Gentle && in.Prefs.AfterGentle {
		add(1, 0, gentleWhy)
	}
	slices.SortStableFunc(out, func(a, b FollowupAt) int {
		return cmp.Or(a.Due.Compare(b.Due), cmp.Compare(a.After, b.After))
	})
	var merged []FollowupAt
	var whys [][]string
	for _, f := range out {
		n := len(merged)
		if n == 0 || f.Due.Sub(merged[n-1].Due) >= FollowupMerge {
			merged, whys = append(merged, f), append(whys, nil)
			n++
		}
		if f.Why != "" && !slices.Contains(whys[n-1], f.Why) {
			whys[n-1] = append(whys[n-1], f.Why)
		}
		merged[n-1].Why = strings.Join(whys[n-1], " ")
	}
	return merged, nil
}

// sameName reports whether two names are the same person's in a plan,
// which tells names apart by this rule (plan.Make).
func sameName(a, b string) bool {
	return strings.ToLower(strings.TrimSpace(a)) == strings.ToLower(strings.TrimSpace(b))
}

// SnoozeChoice is how long a person puts a follow-up off.
type SnoozeChoice string

// Snooze choices; the words shown for them are the pages' business.
const (
	SnoozeHour       SnoozeChoice = "hour"        // an hour from now
	SnoozeThreeHours SnoozeChoice = "three-hours" // three hours from now
	// SnoozeMorning: tomorrow at SnoozeMorningAt, the person's tomorrow:
	// at 01:00 (before DayStartsAt) that is the coming morning.
	SnoozeMorning SnoozeChoice = "tomorrow-morning"
)

// SnoozeMorningAt is the hour of "tomorrow morning", in minutes after
// midnight: 09:00, or the end of quiet hours if they end later.
const SnoozeMorningAt = 9 * 60

// DayStartsAt is when, in minutes after midnight, a person's night ends
// and "tomorrow" and "yesterday" move on: at 01:00 an encounter at 23:00
// was "earlier tonight", not "yesterday".
const DayStartsAt = 4 * 60

// SnoozeChoices lists the choices in the order they are offered.
func SnoozeChoices() []SnoozeChoice {
	return []SnoozeChoice{SnoozeHour, SnoozeThreeHours, SnoozeMorning}
}

// Valid reports whether c is one of the known choices.
func (c SnoozeChoice) Valid() bool { return slices.Contains(SnoozeChoices(), c) }

// Snooze returns when a follow-up put off now with the choice comes back,
// in UTC: out of the person's quiet hours, on their clock in loc (nil:
// UTC), like every follow-up. "Tomorrow morning" is SnoozeMorningAt on
// the person's next day (see SnoozeMorning), or the first instant after
// if the clocks skip it. EINVALID about "snooze" for an unknown choice,
// listing the choices.
func Snooze(now time.Time, choice SnoozeChoice, loc *time.Location, quiet *QuietHours) (time.Time, error) {
	loc = orUTC(loc)
	var t time.Time
	switch choice {
	case SnoozeHour:
		t = now.Add(time.Hour)
	case SnoozeThreeHours:
		t = now.Add(3 * time.Hour)
	case SnoozeMorning:
		lt := now.In(loc)
		y, m, d := lt.Date()
		if lt.Hour()*60+lt.Minute() >= DayStartsAt {
			d++
		}
		t = firstAtWall(now, time.Date(y, m, d, SnoozeMorningAt/60, SnoozeMorningAt%60, 0, 0, time.UTC), loc)
	default:
		return time.Time{}, FieldErrorf("snooze", "%q is not a choice; choose %s, %s or %s",
			clip(string(choice), 24), SnoozeHour, SnoozeThreeHours, SnoozeMorning)
	}
	return quiet.Delay(t, loc), nil
}

// FollowupQuestion is the one light question of a follow-up due at due,
// for an encounter at encounterAt, in the person's words of time on
// their clock in loc (nil: UTC): "How are you feeling since this
// evening?" the same day, "since last night" or "since yesterday" the
// next, the weekday within a week ("since Saturday"), else the date
// ("since 3 May", with the year when it is another). Days turn at
// DayStartsAt, as people count them: at 01:00 the evening before is
// "this evening". It names no encounter and nothing about it, so that it
// can stand on any screen.
func FollowupQuestion(due, encounterAt time.Time, loc *time.Location) string {
	loc = orUTC(loc)
	at := encounterAt.In(loc)
	from, to := personDay(at), personDay(due.In(loc))
	days := int(to.Sub(from) / (24 * time.Hour))
	var part string // of the encounter's day
	switch m := at.Hour()*60 + at.Minute(); {
	case m >= DayStartsAt && m < 12*60:
		part = "morning"
	case m >= 12*60 && m < 17*60:
		part = "afternoon"
	case m >= 17*60 && m < 22*60:
		part = "evening"
	default:
		part = "night"
	}
	var since string
	switch {
	case days <= 0 && part == "night":
		since = "earlier tonight"
	case days <= 0:
		since = "this " + part
	case days == 1 && (part == "evening" || part == "night") && due.In(loc).Hour() < 17 && due.In(loc).Hour()*60 >= DayStartsAt:
		since = "last night"
	case days == 1:
		since = "yesterday"
	case days < 7:
		since = from.Weekday().String()
	case from.Year() == to.Year():
		since = from.Format("2 January")
	default:
		since = from.Format("2 January 2006")
	}
	return "How are you feeling since " + since + "?"
}

// personDay returns the day t belongs to as people count days (the night
// until DayStartsAt is still the day before), as midnight UTC, so that
// days between two of them are whole multiples of 24 hours.
func personDay(t time.Time) time.Time {
	y, m, d := wallClock(t).Add(-DayStartsAt * time.Minute).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

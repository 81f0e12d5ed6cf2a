// Package insights turns a person's history into evidence they can act
// on: how they felt after, over time; how often aftercare happened;
// drops by kind and by how long after; what helped; needs that went
// unmet; what "comes with" better days; and suggestions for their
// profile. Pure computations over tend.History, no I/O: never streaks,
// scores or verdicts, and "too little to say" rather than a guess.
package insights

import "github.com/tendcare/tend"

// Names gives a practice's title by id (a catalog or custom practice);
// "" when it knows none, and the id is shown instead.
type Names func(id string) string

// Insights are one person's insights, each part with the numbers behind
// its chart and a one-sentence reading in plain words.
type Insights struct {
	// Encounters and Reflections count what they are made from.
	Encounters  int          `json:"encounters"`
	Reflections int          `json:"reflections"`
	Mood        Mood         `json:"mood"`
	Rhythm      Rhythm       `json:"rhythm"`
	Drops       Drops        `json:"drops"`
	Helped      Helped       `json:"helped"`
	Unmet       Unmet        `json:"unmet"`
	ComesWith   ComesWith    `json:"comes_with"`
	Suggestions []Suggestion `json:"suggestions"`
}

// Mood is how the person felt after, by month.
type Mood struct {
	Months  []MoodMonth `json:"months"`
	Reading string      `json:"reading"`
}

// MoodMonth is one calendar month (in the person's time zone).
type MoodMonth struct {
	Month string `json:"month"` // "2026-03"
	// Reflections counts reflections; Mean is their mean mood (1 to 5,
	// one decimal), 0 when there were none.
	Reflections int     `json:"reflections"`
	Mean        float64 `json:"mean_mood"`
	// Good, Low and Care count follow-up answers answered that month.
	Good int `json:"good"`
	Low  int `json:"low"`
	Care int `json:"care"`
}

// Rhythm is how often aftercare happened, and how long, by month.
type Rhythm struct {
	Months  []RhythmMonth `json:"months"`
	Reading string        `json:"reading"`
}

// RhythmMonth is one calendar month.
type RhythmMonth struct {
	Month      string `json:"month"`
	Encounters int    `json:"encounters"`
	// Aftercare counts those whose aftercare began; Minutes is the
	// median length of those whose aftercare ended (0 when none).
	Aftercare int `json:"aftercare"`
	Minutes   int `json:"median_minutes"`
}

// Drops are low times: low follow-up answers, "not okay", "I'm in a
// low place".
type Drops struct {
	Total   int          `json:"total"`
	ByKind  []KindDrops  `json:"by_kind"`
	ByDelay []DelayDrops `json:"by_delay"`
	Reading string       `json:"reading"`
}

// KindDrops are the drops after encounters of one kind.
type KindDrops struct {
	Kind       tend.Kind `json:"kind"`
	Encounters int       `json:"encounters"`
	// WithDrop counts the encounters followed by at least one drop.
	WithDrop int `json:"with_drop"`
}

// DelayDrops count drops by how long after the aftercare began.
type DelayDrops struct {
	// When is "during" (under an hour), "same-day" (under 12 hours),
	// "next-day" (12 to 36 hours) or "later".
	When  string `json:"when"`
	Drops int    `json:"drops"`
}

// Helped is what helped the person most.
type Helped struct {
	Practices []HelpedPractice `json:"practices"`
	Reading   string           `json:"reading"`
}

// HelpedPractice counts one practice.
type HelpedPractice struct {
	Practice string `json:"practice"`
	Title    string `json:"title"`
	// Said counts reflections naming it in "what helped"; Ticked counts
	// encounters where a step of it for the person was ticked done.
	Said   int `json:"said"`
	Ticked int `json:"ticked"`
}

// Unmet are needs of the person's that went unmet more than once.
type Unmet struct {
	// Needs are check-in needs neither ticked done nor said to have
	// helped, counted per practice.
	Needs []UnmetNeed `json:"needs"`
	// Missing are the person's own "what was missing" words that came
	// more than once (compared without case and spacing).
	Missing []MissingWords `json:"missing"`
	Reading string         `json:"reading"`
}

// UnmetNeed is one practice and how many times it went unmet.
type UnmetNeed struct {
	Practice string `json:"practice"`
	Title    string `json:"title"`
	Times    int    `json:"times"`
}

// MissingWords are words the person wrote in "what was missing".
type MissingWords struct {
	Words string `json:"words"`
	Times int    `json:"times"`
}

// ComesWith is what tends to come with better days: never "causes".
type ComesWith struct {
	// MinWith and MinWithout are the thresholds: a practice is shown
	// only with at least this many reflected encounters with it and
	// without it.
	MinWith    int        `json:"min_with"`
	MinWithout int        `json:"min_without"`
	Practices  []Evidence `json:"practices"`
	Reading    string     `json:"reading"`
}

// Evidence is one practice's counts: reflected encounters with it
// present (ticked for the person, or said to have helped) and without.
type Evidence struct {
	Practice string `json:"practice"`
	Title    string `json:"title"`
	With     int    `json:"with"`
	// WithBetter counts those rated 4 or 5; WithDrops those followed by
	// a drop.
	WithBetter    int `json:"with_better"`
	WithDrops     int `json:"with_drops"`
	Without       int `json:"without"`
	WithoutBetter int `json:"without_better"`
	WithoutDrops  int `json:"without_drops"`
}

// Suggestion is one suggested change to the person's profile, from the
// evidence; never applied on its own.
type Suggestion struct {
	// ID names it, stably: "receive.cuddling.like", "drop.when.next-day".
	ID string `json:"id"`
	// Text is the evidence in one sentence; Question the change asked.
	Text     string `json:"text"`
	Question string `json:"question"`
	// Why is what the profile's history keeps about the change.
	Why string `json:"why"`
	// Path, From and To are the change, as tend.DiffCards names it.
	Path string `json:"path"`
	From string `json:"from"`
	To   string `json:"to"`
}

// CircleInsights are a circle's insights, from what its members shared.
type CircleInsights struct {
	Encounters int           `json:"encounters"`
	Members    []MemberNeeds `json:"members"`
	Helped     Helped        `json:"helped"`
	Rhythm     Rhythm        `json:"rhythm"`
	Reading    string        `json:"reading"`
}

// MemberNeeds is how often one member's needs were met, by their own
// shared reflections.
type MemberNeeds struct {
	PersonID    string `json:"person_id"`
	DisplayName string `json:"display_name"`
	// Out is set when they keep their reflections out; the counts are
	// then 0.
	Out         bool `json:"kept_out"`
	Reflections int  `json:"reflections"`
	// Met counts the reflections that said nothing was missing.
	Met     int    `json:"met"`
	Reading string `json:"reading"`
}

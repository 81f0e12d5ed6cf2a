package tend

import (
	"bytes"
	"encoding/json"
)

// PlanVersion is the value of a plan's "tend" field.
const PlanVersion = "plan/v1"

// MaxPeople is the most people one plan is made for.
const MaxPeople = 12

// Conflict kinds of tend.plan/v1.
const (
	UnmetNeed         = "unmet-need"
	SpaceAndCloseness = "space-and-closeness"
	DeclinedTogether  = "declined-together"
)

// Plan is the aftercare plan for some people and one kind of encounter, in
// the open tend.plan/v1 format. Every step, conflict, supply and follow-up
// says why it is there. Fields after Notes are Tend's additions, which
// readers of v1 may ignore.
type Plan struct {
	Tend      string     `json:"tend"`
	Encounter Kind       `json:"encounter"`
	People    []string   `json:"people"`
	Minutes   int        `json:"minutes"`
	Steps     []Step     `json:"steps"`
	Conflicts []Conflict `json:"conflicts"`
	Supplies  []Supply   `json:"supplies"`
	Followups []Followup `json:"followups"`
	Notes     []Note     `json:"notes"`
	// Avoid carries each person's "must not happen afterwards" list.
	Avoid []Note `json:"avoid"`
}

// Step is one thing to do: who does it (By) for whom (For).
type Step struct {
	Practice string `json:"practice"`
	Title    string `json:"title"`
	Mode     Mode   `json:"mode"`
	Phase    Phase  `json:"phase"`
	// At is when the step starts, in minutes from the start of the
	// aftercare, when it has to wait (for someone's time alone first).
	At       int      `json:"at,omitempty"`
	For      []string `json:"for"`
	By       []string `json:"by"`
	Minutes  int      `json:"minutes,omitempty"`
	Why      string   `json:"why"`
	Comments []Note   `json:"comments,omitempty"`
	// HowTo is the catalog's short how-to for the practice.
	HowTo string `json:"howto,omitempty"`
}

// Conflict is a place where people's needs and offers do not fit, with
// concrete ways through.
type Conflict struct {
	Kind      string   `json:"kind"`
	People    []string `json:"people"`
	Practices []string `json:"practices"`
	Why       string   `json:"why"`
	Ways      []string `json:"ways"`
}

// Supply is something to have at hand.
type Supply struct {
	Item string `json:"item"`
	// For names who it is for when it belongs in someone's own kit.
	For []string `json:"for,omitempty"`
	Why string   `json:"why"`
}

// Followup is a later check-in: After is an ISO 8601 duration from the
// end of the encounter.
type Followup struct {
	After string   `json:"after"`
	For   []string `json:"for"`
	Why   string   `json:"why"`
}

// Note is a text from one person: a note to partners, a thing to avoid,
// or a comment on a practice.
type Note struct {
	From string `json:"from"`
	Text string `json:"text"`
}

// MarshalPlan returns the plan as indented tend.plan/v1 JSON with a final
// newline. The same plan always gives the same bytes.
func MarshalPlan(p *Plan) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(p); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

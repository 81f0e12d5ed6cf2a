package tend

import (
	"context"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	// Time zones are checked the same way on every machine, with or
	// without the system's zone files.
	_ "time/tzdata"
)

// Person is someone with an account on this server.
type Person struct {
	ID string
	// Username is what the person signs in with: lowercase letters,
	// digits, dots, dashes and underscores, 3 to 32 characters.
	Username string
	// DisplayName is what partners see; free text, sealed at rest.
	DisplayName string
	Admin       bool
	Disabled    bool
	// TimeZone is an IANA name ("Europe/Berlin"), used for display and
	// quiet hours.
	TimeZone string
	// Quiet is when Tend sends nothing, or nil.
	Quiet *QuietHours
	// ProfileVersion is the newest version of the person's profile (0:
	// none yet) and ProfileSavedAt when it was saved, as read with the
	// person: enough to tell whether a kept rendering is current.
	ProfileVersion int
	// Waiting is how many things wait in their inbox (follow-ups due,
	// partners' drop alerts not yet answered), read with them (in the
	// same query), so that every page's navigation can show the count
	// without a query of its own.
	Waiting        int
	ProfileSavedAt time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{2,31}$`)

// Validate checks the person's fields, returning EINVALID with what to fix.
func (p *Person) Validate() error {
	var ps Problems
	p.Username = strings.ToLower(strings.TrimSpace(p.Username))
	if !usernamePattern.MatchString(p.Username) {
		ps.Add("username", "3 to 32 lowercase letters, digits, dots, dashes or underscores, starting with a letter or digit")
	}
	var err error
	p.DisplayName, err = checkName("display_name", p.DisplayName, MaxNameLen, "what partners call you; it is required")
	ps.Check("display_name", err)
	p.TimeZone = strings.TrimSpace(p.TimeZone)
	if p.TimeZone == "" {
		p.TimeZone = "UTC"
	}
	if _, err := time.LoadLocation(p.TimeZone); err != nil || !utf8.ValidString(p.TimeZone) || len(p.TimeZone) > 64 || !zoneName(p.TimeZone) {
		ps.Add("time_zone", "%q is not a time zone; use a name like Europe/Berlin or UTC", Printable(p.TimeZone))
	}
	if p.Quiet != nil && !p.Quiet.Valid() {
		ps.Add("quiet_hours", "two different times of day")
	}
	return ps.Err()
}

// zoneName reports whether name is spelled as the zone database spells
// its names. LoadLocation also finds "Europe/./Berlin" or
// "Europe//Berlin" among the system's zone files, which the embedded copy
// does not hold, and takes "Local" for the server's own zone: such a name
// would mean one thing on one machine and, after a move to another,
// something else (or quietly UTC), and quiet hours with it.
func zoneName(name string) bool {
	if name == "Local" {
		return false
	}
	for _, part := range strings.Split(name, "/") {
		if part == "" || part == "." {
			return false
		}
	}
	return true
}

// PersonUpdate holds the fields of a person to change; nil leaves one as
// it is.
type PersonUpdate struct {
	DisplayName *string
	TimeZone    *string
	Disabled    *bool
	// Quiet sets quiet hours; NoQuiet turns them off.
	Quiet   *QuietHours
	NoQuiet bool
}

// Apply makes the changes to p and checks what changed: what was stored
// before a rule existed (a name from before the text rule) does not stop
// another change, such as an operator disabling the account.
func (u PersonUpdate) Apply(p *Person) error {
	changed := map[string]bool{}
	if u.DisplayName != nil {
		p.DisplayName, changed["display_name"] = *u.DisplayName, true
	}
	if u.TimeZone != nil {
		p.TimeZone, changed["time_zone"] = *u.TimeZone, true
	}
	if u.Disabled != nil {
		p.Disabled = *u.Disabled
	}
	if u.Quiet != nil {
		q := *u.Quiet
		p.Quiet, changed["quiet_hours"] = &q, true
	}
	if u.NoQuiet {
		p.Quiet = nil
	}
	var ps Problems
	for _, pr := range ProblemsOf(p.Validate(), "") {
		if changed[pr.Path] {
			ps = append(ps, pr)
		}
	}
	return ps.Err()
}

// PersonService stores people.
type PersonService interface {
	// FindPeople lists everyone, in username order (for the operator).
	FindPeople(ctx context.Context) ([]*Person, error)
	// UpdatePerson changes the person; EINVALID for bad fields, ENOTFOUND
	// if there is no such person.
	UpdatePerson(ctx context.Context, id string, upd PersonUpdate) (*Person, error)
	// CreatePerson stores a new person and gives them an id and a data
	// key. EINVALID for bad fields, ECONFLICT when the username is taken.
	CreatePerson(ctx context.Context, p *Person) error
	// FindPersonByID returns ENOTFOUND when there is no such person.
	FindPersonByID(ctx context.Context, id string) (*Person, error)
	// FindPersonByUsername returns ENOTFOUND when there is no such person.
	FindPersonByUsername(ctx context.Context, username string) (*Person, error)
	// DeletePerson deletes the person and their data key, which makes
	// everything sealed with it unreadable. ENOTFOUND if there is none.
	DeletePerson(ctx context.Context, id string) error
}

package tend

import (
	"context"
	"time"
)

// ExportVersion is the value of an export's "tend" field.
const ExportVersion = "export/v1"

// Export is everything one person owns, as one document they can take
// with them: their account and settings, their profile with every
// version, their own practices, what signs them in (metadata only: never
// a token's secret or hash, never a passkey's key), their circles and
// invitations, their shared cards, and every encounter with what they
// answered and sent in it. It is read at one moment, so its parts agree.
//
// It holds only what this person owns or wrote. Other people appear as
// the person's own pages show them: in a circle, their names and what
// they share with it; in an encounter, their names. Another member's
// check-in, reflection, journal and signals are never in it.
//
// Each part has a type of its own (GoToSocial's internal/trans does the
// same), so that a part is added on purpose and a conformance test can
// check every part is filled and every table is covered.
type Export struct {
	Tend       string         `json:"tend"`
	ExportedAt time.Time      `json:"exported_at"`
	Person     ExportPerson   `json:"person"`
	Settings   ExportSettings `json:"settings"`
	// Profile is the newest version (version 0, an empty card, if the
	// person never saved one); ProfileVersions are every kept version,
	// newest first, each with its card.
	Profile         ExportProfile          `json:"profile"`
	ProfileVersions []ExportProfileVersion `json:"profile_versions"`
	// OwnPractices are the practices of the person's own in the newest
	// profile.
	OwnPractices  []CustomPractice     `json:"own_practices"`
	Sessions      []ExportSession      `json:"sessions"`
	SignInDevices []ExportSignInDevice `json:"signin_devices"`
	APITokens     []ExportAPIToken     `json:"api_tokens"`
	Passkeys      []ExportPasskey      `json:"passkeys"`
	Circles       []ExportCircle       `json:"circles"`
	// Invites are the invitations the person made that are still kept.
	Invites     []ExportInvite     `json:"invites"`
	SharedCards []ExportSharedCard `json:"shared_cards"`
	Encounters  []ExportEncounter  `json:"encounters"`
	// Channels are the ways the person is reached outside the app.
	Channels []ExportChannel `json:"channels"`
}

// ExportChannel is a channel: where it reaches and what it takes; never
// a webhook's secret, an ntfy token or a push subscription's keys.
type ExportChannel struct {
	ID        string      `json:"id"`
	Type      ChannelType `json:"type"`
	Address   string      `json:"address"`
	Device    string      `json:"device,omitempty"`
	Relay     bool        `json:"relay,omitempty"`
	Wording   Wording     `json:"wording"`
	Notices   []Notice    `json:"notices"`
	Confirmed *time.Time  `json:"confirmed_at"`
	Failures  int         `json:"failures"`
	Problem   string      `json:"problem,omitempty"`
	CreatedAt time.Time   `json:"created_at"`
}

// ExportPerson is the account.
type ExportPerson struct {
	ID          string    `json:"id"`
	Username    string    `json:"username"`
	DisplayName string    `json:"display_name"`
	Admin       bool      `json:"admin"`
	TimeZone    string    `json:"time_zone"`
	CreatedAt   time.Time `json:"created_at"`
}

// ExportSettings are the person's settings, as the settings API shows them.
type ExportSettings struct {
	DisplayName string              `json:"display_name"`
	TimeZone    string              `json:"time_zone"`
	QuietHours  *ExportQuietHours   `json:"quiet_hours"`
	Followups   ExportFollowupPrefs `json:"followups"`
	// DismissedSuggestions are the ids of the insights' suggestions the
	// person asked not to see again.
	DismissedSuggestions []string `json:"dismissed_suggestions"`
}

// ExportFollowupPrefs is what the person chose about follow-ups.
type ExportFollowupPrefs struct {
	Off         bool     `json:"off"`
	AfterGentle bool     `json:"after_gentle"`
	OffCircles  []string `json:"off_circles"`
}

// ExportQuietHours are quiet hours as "HH:MM" in the person's time zone.
type ExportQuietHours struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

// ExportProfile is the newest profile.
type ExportProfile struct {
	Version int `json:"version"`
	// UpdatedAt is nil when the person never saved a profile.
	UpdatedAt   *time.Time `json:"updated_at"`
	NeedsReview bool       `json:"needs_review"`
	Card        *Card      `json:"card"`
}

// ExportProfileVersion is one kept version of the profile.
type ExportProfileVersion struct {
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	// Restored is the version this one restored, or 0.
	Restored int `json:"restored,omitempty"`
	// Why says why it was saved, when an accepted suggestion made it.
	Why  string `json:"why,omitempty"`
	Card *Card  `json:"card"`
}

// ExportSession is a signed-in device; never its token or the token's hash.
type ExportSession struct {
	ID         string    `json:"id"`
	Device     string    `json:"device"`
	CreatedAt  time.Time `json:"created_at"`
	LastSeenAt time.Time `json:"last_seen_at"`
	// Current is the session the export was asked for from; the web
	// face marks it.
	Current bool `json:"current"`
}

// ExportSignInDevice is a browser or app remembered for sign-in; never its
// secret or the secret's hash.
type ExportSignInDevice struct {
	ID         string    `json:"id"`
	CreatedAt  time.Time `json:"created_at"`
	LastUsedAt time.Time `json:"last_used_at"`
	// Failures are failed sign-ins from it in a row, the last at
	// LastFailure.
	Failures    int        `json:"failures"`
	LastFailure *time.Time `json:"last_failure,omitempty"`
}

// ExportAPIToken is a personal API token; never its secret or hash.
type ExportAPIToken struct {
	ID         string    `json:"id"`
	Name       string    `json:"name"`
	Scopes     []Scope   `json:"scopes"`
	CreatedAt  time.Time `json:"created_at"`
	LastUsedAt time.Time `json:"last_used_at"`
}

// ExportPasskey is a passkey; never its key or credential id.
type ExportPasskey struct {
	ID         string    `json:"id"`
	Name       string    `json:"name"`
	CreatedAt  time.Time `json:"created_at"`
	LastUsedAt time.Time `json:"last_used_at"`
}

// ExportCircle is a circle as the person's circle page shows it.
type ExportCircle struct {
	ID        string               `json:"id"`
	Name      string               `json:"name"`
	CreatedAt time.Time            `json:"created_at"`
	Members   []ExportCircleMember `json:"members"`
}

// ExportCircleMember is one member: their name and what they share with
// the circle (the person's own entry among them).
type ExportCircleMember struct {
	PersonID    string    `json:"person_id"`
	DisplayName string    `json:"display_name"`
	Creator     bool      `json:"creator"`
	Share       Share     `json:"share"`
	Practices   []string  `json:"practices,omitempty"`
	JoinedAt    time.Time `json:"joined_at"`
	// KeepsReflectionsOut is set when they keep their reflections out of
	// the circle's insights.
	KeepsReflectionsOut bool `json:"keeps_reflections_out,omitempty"`
}

// ExportInvite is an invitation the person made; never its token or hash.
type ExportInvite struct {
	ID        string    `json:"id"`
	CircleID  string    `json:"circle_id"`
	CreatedAt time.Time `json:"created_at"`
	ExpiresAt time.Time `json:"expires_at"`
	// SignupAt is when it made an account, if it did.
	SignupAt *time.Time `json:"signup_at,omitempty"`
}

// ExportSharedCard is a card shared by link; never the link's token.
type ExportSharedCard struct {
	ID        string     `json:"id"`
	Share     Share      `json:"share"`
	Practices []string   `json:"practices,omitempty"`
	CreatedAt time.Time  `json:"created_at"`
	ExpiresAt time.Time  `json:"expires_at"`
	OpenedAt  *time.Time `json:"opened_at"`
	Opens     int        `json:"opens"`
}

// ExportEncounter is one encounter with the person's own part in it: their
// check-in, their reflection with its journal, and the signals they sent.
type ExportEncounter struct {
	ID                 string    `json:"id"`
	CircleID           string    `json:"circle_id,omitempty"`
	CircleName         string    `json:"circle_name,omitempty"`
	Kind               Kind      `json:"kind"`
	Stage              Stage     `json:"stage"`
	CreatedBy          string    `json:"created_by"`
	CreatedAt          time.Time `json:"created_at"`
	StageAt            time.Time `json:"stage_at"`
	Minutes            int       `json:"minutes"`
	RevealAfterMinutes int       `json:"reveal_after_minutes"`
	// Members are who took part, by name only.
	Members    []ExportEncounterMember `json:"members"`
	CheckIn    *ExportCheckIn          `json:"check_in"`
	Reflection *ExportReflection       `json:"reflection"`
	Signals    []ExportSignal          `json:"signals"`
	// FollowupsOff tells that the person turned follow-ups off for it;
	// Followups are theirs after it, with their answers.
	FollowupsOff bool             `json:"followups_off"`
	Followups    []ExportFollowup `json:"followups"`
	// DropAlerts are the times the person told the others of a low time
	// after it; DropReplies their one-tap answers to the others'.
	DropAlerts  []ExportDropAlert `json:"drop_alerts"`
	DropReplies []ExportDropReply `json:"drop_replies"`
}

// ExportDropAlert is one time the person told the others of a low time.
type ExportDropAlert struct {
	ID string `json:"id"`
	// Answer is the follow-up's answer that told them, or "" for "I'm in
	// a low place".
	Answer     FollowupAnswer `json:"answer,omitempty"`
	FollowupID string         `json:"followup_id,omitempty"`
	At         time.Time      `json:"at"`
}

// ExportDropReply is one of the person's one-tap answers to another's
// alert.
type ExportDropReply struct {
	AlertID string        `json:"alert_id"`
	Kind    DropReplyKind `json:"kind"`
	At      time.Time     `json:"at"`
}

// ExportFollowup is one of the person's follow-ups after an encounter.
type ExportFollowup struct {
	ID string `json:"id"`
	// AfterMinutes is the plan's time after the aftercare began.
	AfterMinutes int            `json:"after_minutes"`
	Due          time.Time      `json:"due"`
	State        FollowupState  `json:"state"`
	Answer       FollowupAnswer `json:"answer,omitempty"`
	Words        string         `json:"words,omitempty"`
	AnsweredAt   *time.Time     `json:"answered_at,omitempty"`
}

// ExportEncounterMember is someone who took part.
type ExportEncounterMember struct {
	PersonID    string `json:"person_id"`
	DisplayName string `json:"display_name"`
}

// ExportCheckIn is the person's own check-in.
type ExportCheckIn struct {
	Mood        Scale      `json:"mood"`
	Energy      Scale      `json:"energy"`
	Limits      string     `json:"limits"`
	Triggers    string     `json:"triggers"`
	Safeword    string     `json:"safeword"`
	Needs       []string   `json:"needs"`
	Confirmed   bool       `json:"confirmed"`
	ConfirmedAt *time.Time `json:"confirmed_at,omitempty"`
	UpdatedAt   time.Time  `json:"updated_at"`
}

// ExportReflection is the person's own reflection, journal and all.
type ExportReflection struct {
	Mood      Scale     `json:"mood"`
	Emotions  []string  `json:"emotions"`
	Helped    []string  `json:"helped"`
	Missing   string    `json:"missing"`
	Favourite string    `json:"favourite"`
	Note      string    `json:"note"`
	Journal   string    `json:"journal"`
	At        time.Time `json:"at"`
}

// ExportSignal is a signal the person sent (Tend's own on their behalf,
// such as "check-in" or "stage", included).
type ExportSignal struct {
	Seq  int64      `json:"seq"`
	Kind SignalKind `json:"kind"`
	Text string     `json:"text,omitempty"`
	Ref  string     `json:"ref,omitempty"`
	At   time.Time  `json:"at"`
}

// ExportService builds exports.
type ExportService interface {
	// Export returns everything the person owns, read in one snapshot.
	// ENOTFOUND when there is no such person.
	Export(ctx context.Context, personID string) (*Export, error)
}

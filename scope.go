package tend

import (
	"context"
	"slices"
	"strings"
)

// Scope is one thing a personal API token may do. A person chooses a
// token's scopes when making it; a signed-in session may do everything.
// Reading is separate from writing, and what is most private (check-ins
// with their limits and safewords, reflections with the private journal)
// has scopes of its own that nothing else implies; so do follow-ups,
// whose answers say how someone felt in the days after.
type Scope string

// The scopes. A write scope includes reading the same things.
const (
	// ScopeProfileRead: me, settings, the profile with its history, the
	// card and the solo plan.
	ScopeProfileRead Scope = "profile:read"
	// ScopeProfileWrite: change the settings and the profile.
	ScopeProfileWrite Scope = "profile:write"
	// ScopeCirclesRead: circles, their plans and members' cards,
	// invitations, shared card links.
	ScopeCirclesRead Scope = "circles:read"
	// ScopeCirclesWrite: make, rename, leave and delete circles, invite,
	// choose what a circle sees, make and revoke card links.
	ScopeCirclesWrite Scope = "circles:write"
	// ScopeEncountersRead: encounters, their plans and live signals
	// (without anyone's check-in).
	ScopeEncountersRead Scope = "encounters:read"
	// ScopeEncountersWrite: start, move on and leave encounters, send
	// signals.
	ScopeEncountersWrite Scope = "encounters:write"
	// ScopeCheckInsRead: everyone's check-ins in one's encounters:
	// limits, triggers, safewords.
	ScopeCheckInsRead Scope = "checkins:read"
	// ScopeCheckInsWrite: save one's own check-in.
	ScopeCheckInsWrite Scope = "checkins:write"
	// ScopeReflectionsRead: one's own reflections with the private
	// journal, and the others' once revealed.
	ScopeReflectionsRead Scope = "reflections:read"
	// ScopeReflectionsWrite: record one's own reflection.
	ScopeReflectionsWrite Scope = "reflections:write"
	// ScopeFollowupsRead: one's own follow-ups (the later check-ins) with
	// one's answers and their words, and one's follow-up settings.
	ScopeFollowupsRead Scope = "followups:read"
	// ScopeFollowupsWrite: answer and snooze one's follow-ups, turn them
	// off for an encounter, change one's follow-up settings.
	ScopeFollowupsWrite Scope = "followups:write"
	// ScopeChannelsRead: the ways one is reached outside the app (email
	// addresses, devices, ntfy topics, webhooks), never their secrets.
	ScopeChannelsRead Scope = "channels:read"
	// ScopeChannelsWrite: add, change, test and remove them: where
	// Tend's messages go.
	ScopeChannelsWrite Scope = "channels:write"
	// ScopeInsightsRead: one's insights (the numbers behind every chart,
	// drawn from one's reflections and follow-up answers), the
	// suggestions for one's profile, and one's circles' insights.
	// Accepting or dismissing a suggestion takes profile:write.
	ScopeInsightsRead Scope = "insights:read"
)

// Scopes returns every scope, in the order a form lists them.
func Scopes() []Scope {
	return []Scope{ScopeProfileRead, ScopeProfileWrite, ScopeCirclesRead, ScopeCirclesWrite,
		ScopeEncountersRead, ScopeEncountersWrite, ScopeCheckInsRead, ScopeCheckInsWrite,
		ScopeReflectionsRead, ScopeReflectionsWrite,
		ScopeFollowupsRead, ScopeFollowupsWrite, ScopeChannelsRead, ScopeChannelsWrite, ScopeInsightsRead}
}

// DefaultScopes are a token's when none are chosen: reading the profile,
// nothing more.
func DefaultScopes() []Scope { return []Scope{ScopeProfileRead} }

// Valid reports whether s is a known scope.
func (s Scope) Valid() bool { return slices.Contains(Scopes(), s) }

// reader is the read scope a write scope includes.
func (s Scope) reader() Scope {
	if r, ok := strings.CutSuffix(string(s), ":write"); ok {
		return Scope(r + ":read")
	}
	return s
}

// NormalizeScopes checks scopes and returns them sorted in the order of
// Scopes, without repeats; none gives DefaultScopes. Check-ins and
// reflections are parts of encounters: a scope for them brings
// encounters:read with it, so that a token can reach them at all.
func NormalizeScopes(scopes []Scope) ([]Scope, error) {
	if len(scopes) == 0 {
		return DefaultScopes(), nil
	}
	for _, s := range scopes {
		if strings.HasPrefix(string(s), "checkins:") || strings.HasPrefix(string(s), "reflections:") {
			scopes = append(slices.Clone(scopes), ScopeEncountersRead)
			break
		}
	}
	var out []Scope
	for _, s := range Scopes() {
		if slices.Contains(scopes, s) {
			out = append(out, s)
		}
	}
	for _, s := range scopes {
		if !s.Valid() {
			names := make([]string, 0, len(Scopes()))
			for _, k := range Scopes() {
				names = append(names, string(k))
			}
			return nil, FieldErrorf("scopes", "%q is not a scope; choose from %s", Printable(string(s)), strings.Join(names, ", "))
		}
	}
	return out, nil
}

// Permits reports whether a token with these scopes may do what s
// allows: it has s, or s is reading and it may write the same things.
func Permits(scopes []Scope, s Scope) bool {
	for _, have := range scopes {
		if have == s || have.reader() == s {
			return true
		}
	}
	return false
}

// Allowed reports whether the request in ctx may do what s allows: a
// session may do everything; an API token only what its scopes permit.
func Allowed(ctx context.Context, s Scope) bool {
	t := APITokenFromContext(ctx)
	return t == nil || Permits(t.Scopes, s)
}

package tend

import (
	"context"
	"time"
)

// MaxCircleNameLen bounds a circle's name.
const MaxCircleNameLen = 64

// MaxCircleMembers is the most people one circle holds: as many as one
// plan is made for.
const MaxCircleMembers = MaxPeople

// InviteTTL is how long an invitation to a circle can be accepted.
const InviteTTL = 7 * 24 * time.Hour

// Share says how much of a member's profile a circle sees.
type Share string

// What a member shares with a circle.
const (
	// ShareAll: the whole profile, notes and all.
	ShareAll Share = "everything"
	// ShareLevels: practices and levels only, without notes, things to
	// avoid, drop pattern or comments.
	ShareLevels Share = "levels"
	// ShareSome: levels of the chosen practices only.
	ShareSome Share = "some"
)

// Valid reports whether s is a known share.
func (s Share) Valid() bool { return s == ShareAll || s == ShareLevels || s == ShareSome }

// Circle is two or more people who plan aftercare together: a couple, a
// throuple, a polycule, play partners. Its name is free text, sealed with
// the circle's own data key.
type Circle struct {
	ID        string
	Name      string
	CreatedBy string
	CreatedAt time.Time
	// Members are everyone in the circle, in the order they joined.
	Members []*Member
}

// Member is one person in a circle and what they share with it.
type Member struct {
	PersonID    string
	DisplayName string
	Share       Share
	// Practices are the practice ids shared when Share is ShareSome.
	Practices []string
	JoinedAt  time.Time
	// InsightsOut is set when they keep their reflections out of the
	// circle's insights.
	InsightsOut bool
}

// Member returns the circle's member with the person id, or nil.
func (c *Circle) Member(personID string) *Member {
	for _, m := range c.Members {
		if m.PersonID == personID {
			return m
		}
	}
	return nil
}

// CanDelete says whether the person may delete the circle: only the one
// who made it; anyone else can leave it.
func (c *Circle) CanDelete(personID string) error {
	if c.CreatedBy != personID {
		return Errorf(EFORBIDDEN, "only the person who made the circle can delete it; you can leave it")
	}
	return nil
}

// CanRemove says whether the person may take memberID out of the circle:
// only the one who made it, and never themself (they leave instead, which
// hands the circle over).
func (c *Circle) CanRemove(personID, memberID string) error {
	switch {
	case c.CreatedBy != personID:
		return Errorf(EFORBIDDEN, "only the person who made the circle can remove someone from it")
	case memberID == personID:
		return Errorf(EINVALID, "to go, leave the circle instead")
	case c.Member(memberID) == nil:
		return Errorf(ENOTFOUND, "there is no such member in this circle")
	}
	return nil
}

// HandOver is who holds the circle once leaving has gone: the one who
// made it, if that is someone else, or else the longest-standing member
// left. "" when nobody is left, and the circle goes.
func (c *Circle) HandOver(leaving string) string {
	if c.CreatedBy != leaving && c.Member(c.CreatedBy) != nil {
		return c.CreatedBy
	}
	for _, m := range c.Members {
		if m.PersonID != leaving {
			return m.PersonID
		}
	}
	return ""
}

// ValidateCircleName trims a circle's name and checks it.
func ValidateCircleName(name string) (string, error) {
	return checkName("name", name, MaxCircleNameLen, "give the circle a name only its members see, like \"us\"")
}

// ValidateShare checks a share and its practices: practice ids only
// with ShareSome, and at least one then.
func ValidateShare(s Share, practices []string) error {
	switch {
	case !s.Valid():
		return FieldErrorf("share", "one of everything, levels or some")
	case s != ShareSome && len(practices) > 0:
		return FieldErrorf("practices", "only with share \"some\"")
	case s == ShareSome && len(practices) == 0:
		return FieldErrorf("practices", "choose at least one practice to share")
	}
	return checkIDs("practices", practices)
}

// Invite is an invitation to a circle: a link with a secret token, shown
// once; only its hash is stored. It can be used once, before it expires.
type Invite struct {
	ID        string
	CircleID  string
	CreatedBy string
	CreatedAt time.Time
	ExpiresAt time.Time
}

// CircleService stores circles, their members and invitations. Every
// method that names a circle answers ENOTFOUND to someone who is not a
// member, exactly as for a circle that does not exist.
type CircleService interface {
	// CreateCircle makes a circle with the person as its only member
	// (sharing everything) and its creator.
	CreateCircle(ctx context.Context, personID, name string) (*Circle, error)
	// FindCircles lists the person's circles, newest first.
	FindCircles(ctx context.Context, personID string) ([]*Circle, error)
	// FindCircle returns one of the person's circles; ENOTFOUND otherwise.
	FindCircle(ctx context.Context, personID, circleID string) (*Circle, error)
	// CircleCards reads the person's circle with the cards its plans are
	// made from (plan.Make), in one read; ENOTFOUND when it is not theirs.
	CircleCards(ctx context.Context, personID, circleID string) (*CircleCards, error)
	// RenameCircle renames it; any member may.
	RenameCircle(ctx context.Context, personID, circleID, name string) (*Circle, error)
	// DeleteCircle deletes it and its key; only its creator may
	// (EFORBIDDEN for other members).
	DeleteCircle(ctx context.Context, personID, circleID string) error
	// SetShare changes what the person shares with the circle. EINVALID
	// for an unknown share, or practices given with another share.
	SetShare(ctx context.Context, personID, circleID string, share Share, practices []string) (*Circle, error)
	// LeaveCircle takes the person out. When the creator leaves, the
	// longest-standing member becomes its creator; the last to leave
	// deletes it.
	LeaveCircle(ctx context.Context, personID, circleID string) error
	// RemoveMember takes another member out; only the creator may
	// (EFORBIDDEN), and ENOTFOUND when there is no such member.
	RemoveMember(ctx context.Context, personID, circleID, memberID string) (*Circle, error)
	// CreateInvite makes an invitation and returns its token, shown once.
	CreateInvite(ctx context.Context, personID, circleID string) (string, *Invite, error)
	// FindInvite returns the circle an invitation is for, with its
	// members' names (what the invited person sees before answering).
	// ENOTFOUND for a wrong, used or expired token alike.
	FindInvite(ctx context.Context, token string) (*Invite, *Circle, error)
	// AcceptInvite uses the invitation: the person joins, sharing
	// practices and levels only until they choose otherwise. ENOTFOUND as
	// FindInvite; ECONFLICT for a member already, or a full circle.
	AcceptInvite(ctx context.Context, token, personID string) (*Circle, error)
	// DeclineInvite uses the invitation up without joining.
	DeclineInvite(ctx context.Context, token string) error
	// CreateAccountByInvite stores a new person with their password hash,
	// as CreateAccount does, on the strength of a valid invitation (for a
	// server where only invited people may sign up). The invitation stays
	// for them to accept or decline; it makes one account at most.
	// ENOTFOUND as FindInvite; EFORBIDDEN when it has made an account
	// already; EINVALID and ECONFLICT as CreateAccount.
	CreateAccountByInvite(ctx context.Context, token string, p *Person, passwordHash string) error
}

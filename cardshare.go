package tend

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// Shared-card lifetimes: from an hour to 90 days.
const (
	MinCardShareTTL = time.Hour
	MaxCardShareTTL = 90 * 24 * time.Hour
)

// CardShare is a person's card shared by link with someone who has no
// account here (a casual partner, a first date): read-only, with what the
// person chose to show, until it expires or is revoked. Only the hash of
// the link's token is stored.
type CardShare struct {
	ID        string
	PersonID  string
	Share     Share
	Practices []string
	CreatedAt time.Time
	ExpiresAt time.Time
	// OpenedAt is when the link's page was last opened (zero: never),
	// and Opens how many times: once per visit, not per reload or download.
	OpenedAt time.Time
	Opens    int
}

// ValidateCardShareTTL checks how long a shared card lasts.
func ValidateCardShareTTL(d time.Duration) error {
	if d < MinCardShareTTL || d > MaxCardShareTTL {
		return FieldErrorf("expires_in", "from 1 hour to 90 days")
	}
	return nil
}

// CardShareService stores shared cards.
type CardShareService interface {
	// CreateCardShare shares the person's card and returns the link's
	// token, shown once. EINVALID for a bad share or lifetime.
	CreateCardShare(ctx context.Context, personID string, share Share, practices []string, ttl time.Duration) (string, *CardShare, error)
	// FindCardShares lists the person's shared cards that have not
	// expired, newest first.
	FindCardShares(ctx context.Context, personID string) ([]*CardShare, error)
	// DeleteCardShare revokes one at once; ENOTFOUND if the person has
	// no such shared card.
	DeleteCardShare(ctx context.Context, personID, id string) error
	// OpenCardShare finds the shared card a link's token opens, counting
	// the opening: for a visit of the card's page, not for its downloads
	// or a reload. ENOTFOUND for a wrong, revoked or expired token alike.
	OpenCardShare(ctx context.Context, token string) (*CardShare, error)
	// FindCardShareByToken finds the shared card a link's token opens,
	// counting nothing. ENOTFOUND as OpenCardShare.
	FindCardShareByToken(ctx context.Context, token string) (*CardShare, error)
}

// ParseLifetime reads how long something shared lasts: hours or days,
// like 12h or 30d, from 1 hour to 90 days.
func ParseLifetime(s string) (time.Duration, error) {
	bad := Errorf(EINVALID, "%q: give a time from 1h to 90d, like 12h or 30d", s)
	var d time.Duration
	if days, ok := strings.CutSuffix(s, "d"); ok {
		// Check the number before multiplying, so a huge one cannot wrap.
		n, err := strconv.Atoi(days)
		if err != nil || n < 1 || n > 90 {
			return 0, bad
		}
		d = time.Duration(n) * 24 * time.Hour
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			return 0, bad
		}
	}
	if ValidateCardShareTTL(d) != nil {
		return 0, bad
	}
	return d, nil
}

package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"time"

	"github.com/tendcare/tend"
)

var _ tend.ExportService = (*DB)(nil)

// Export reads everything the person owns in one read transaction, so
// that its parts agree with each other: a profile version saved or an
// encounter moved on meanwhile is either wholly in it or not at all. What
// is sealed is opened with the person's own key; of other people only
// their names (and what they share with a circle) are read, never their
// answers.
func (d *DB) Export(ctx context.Context, personID string) (*tend.Export, error) {
	tx, err := d.beginSnapshot(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	p, err := findPerson(ctx, d, tx, "p.id = ?", personID)
	if err != nil {
		return nil, err
	}
	x := &tend.Export{Tend: tend.ExportVersion, ExportedAt: tx.now,
		Person: tend.ExportPerson{ID: p.ID, Username: p.Username, DisplayName: p.DisplayName, Admin: p.Admin,
			TimeZone: p.TimeZone, CreatedAt: p.CreatedAt},
		Settings: tend.ExportSettings{DisplayName: p.DisplayName, TimeZone: p.TimeZone}}
	if p.Quiet != nil {
		x.Settings.QuietHours = &tend.ExportQuietHours{Start: p.Quiet.StartText(), End: p.Quiet.EndText()}
	}
	prefs, err := findFollowupPrefs(ctx, tx, personID)
	if err != nil {
		return nil, err
	}
	x.Settings.Followups = tend.ExportFollowupPrefs{Off: prefs.Off, AfterGentle: prefs.AfterGentle, OffCircles: nonNil(prefs.OffCircles)}
	dk, err := dataKey(ctx, tx, personID)
	if err != nil {
		return nil, err
	}
	if x.Settings.DismissedSuggestions, err = findDismissals(ctx, tx, dk, personID); err != nil {
		return nil, err
	}
	for _, part := range []func(context.Context, *Tx, *tend.Export) error{
		exportProfile, exportSignIns, exportCircles, exportSharedCards, exportEncounters, exportChannels,
	} {
		if err := part(ctx, tx, x); err != nil {
			return nil, wrapStore("export", err)
		}
	}
	return x, tx.Commit()
}

// beginSnapshot starts a read-only transaction that sees the database as
// it was at one moment for all its statements: on SQLite every read
// transaction does (from its first read, under WAL); PostgreSQL's default
// isolation gives each statement a snapshot of its own, so this asks for
// repeatable read.
func (d *DB) beginSnapshot(ctx context.Context) (*Tx, error) {
	if d.dialect != Postgres {
		return d.beginRead(ctx)
	}
	tx, err := d.rdb.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("begin: %w", err)
	}
	return &Tx{Tx: tx, db: d, pool: d.rdb, now: d.Now().UTC()}, nil
}

// exportProfile adds the newest profile, every kept version with its
// card, and the person's own practices.
func exportProfile(ctx context.Context, tx *Tx, x *tend.Export) error {
	id := x.Person.ID
	prof, err := findProfile(ctx, tx.db, tx, id, 0)
	if err != nil {
		return err
	}
	x.Profile = tend.ExportProfile{Version: prof.Version, NeedsReview: prof.NeedsReview(tx.now), Card: prof.Card}
	if prof.Version > 0 {
		t := prof.UpdatedAt
		x.Profile.UpdatedAt = &t
	}
	x.OwnPractices = append([]tend.CustomPractice{}, prof.Card.Custom...)
	versions, err := findProfileVersions(ctx, tx, id)
	if err != nil {
		return err
	}
	x.ProfileVersions = make([]tend.ExportProfileVersion, 0, len(versions))
	for _, v := range versions {
		old, err := findProfile(ctx, tx.db, tx, id, v.Version)
		if err != nil {
			return err
		}
		x.ProfileVersions = append(x.ProfileVersions, tend.ExportProfileVersion{Version: v.Version, CreatedAt: v.CreatedAt,
			Restored: v.Restored, Why: v.Why, Card: old.Card})
	}
	return nil
}

// exportSignIns adds what signs the person in, as metadata: sessions,
// remembered devices, API tokens and passkeys. Never a secret, a hash of
// one, or a key.
func exportSignIns(ctx context.Context, tx *Tx, x *tend.Export) error {
	id := x.Person.ID
	sessions, err := findSessions(ctx, tx, id)
	if err != nil {
		return err
	}
	x.Sessions = make([]tend.ExportSession, 0, len(sessions))
	for _, s := range sessions {
		x.Sessions = append(x.Sessions, tend.ExportSession{ID: s.ID, Device: s.Device, CreatedAt: s.CreatedAt, LastSeenAt: s.LastSeenAt})
	}
	if x.SignInDevices, err = exportDevices(ctx, tx, id); err != nil {
		return err
	}
	tokens, err := findAPITokens(ctx, tx, id)
	if err != nil {
		return err
	}
	x.APITokens = make([]tend.ExportAPIToken, 0, len(tokens))
	for _, t := range tokens {
		x.APITokens = append(x.APITokens, tend.ExportAPIToken{ID: t.ID, Name: t.Name, Scopes: append([]tend.Scope{}, t.Scopes...),
			CreatedAt: t.CreatedAt, LastUsedAt: t.LastUsedAt})
	}
	keys, err := findPasskeys(ctx, tx, id)
	if err != nil {
		return err
	}
	x.Passkeys = make([]tend.ExportPasskey, 0, len(keys))
	for _, k := range keys {
		x.Passkeys = append(x.Passkeys, tend.ExportPasskey{ID: k.ID, Name: k.Name, CreatedAt: k.CreatedAt, LastUsedAt: k.LastUsedAt})
	}
	return nil
}

// exportDevices lists the person's remembered sign-in devices, newest
// first.
func exportDevices(ctx context.Context, tx *Tx, personID string) ([]tend.ExportSignInDevice, error) {
	rows, err := tx.query(ctx, `SELECT id, failures, last_failure, created_at, last_used_at
		FROM signin_devices WHERE person_id = ? ORDER BY created_at DESC, id DESC`, personID)
	if err != nil {
		return nil, fmt.Errorf("sign-in devices: %w", err)
	}
	defer rows.Close()
	out := []tend.ExportSignInDevice{}
	for rows.Next() {
		var (
			dev                 tend.ExportSignInDevice
			last, created, used int64
		)
		if err := rows.Scan(&dev.ID, &dev.Failures, &last, &created, &used); err != nil {
			return nil, fmt.Errorf("sign-in devices: %w", err)
		}
		dev.LastFailure = optMillis(last)
		dev.CreatedAt, dev.LastUsedAt = fromMillis(created), fromMillis(used)
		out = append(out, dev)
	}
	return out, rows.Err()
}

// optMillis reads a stored time where 0 means none.
func optMillis(ms int64) *time.Time {
	if ms == 0 {
		return nil
	}
	t := fromMillis(ms)
	return &t
}

// exportCircles adds the person's circles as their circle page shows
// them (the other members' names and what they share), and the
// invitations the person made.
func exportCircles(ctx context.Context, tx *Tx, x *tend.Export) error {
	circles, err := findCircles(ctx, tx, x.Person.ID)
	if err != nil {
		return err
	}
	x.Circles = make([]tend.ExportCircle, 0, len(circles))
	for _, c := range circles {
		out := tend.ExportCircle{ID: c.ID, Name: c.Name, CreatedAt: c.CreatedAt, Members: make([]tend.ExportCircleMember, 0, len(c.Members))}
		for _, m := range c.Members {
			out.Members = append(out.Members, tend.ExportCircleMember{PersonID: m.PersonID, DisplayName: m.DisplayName,
				Creator: m.PersonID == c.CreatedBy, Share: m.Share, Practices: m.Practices, JoinedAt: m.JoinedAt,
				KeepsReflectionsOut: m.InsightsOut})
		}
		x.Circles = append(x.Circles, out)
	}
	rows, err := tx.query(ctx, `SELECT id, circle_id, created_at, expires_at, signup_at
		FROM circle_invites WHERE created_by = ? ORDER BY created_at DESC, id DESC`, x.Person.ID)
	if err != nil {
		return fmt.Errorf("invites: %w", err)
	}
	defer rows.Close()
	x.Invites = []tend.ExportInvite{}
	for rows.Next() {
		var (
			inv                      tend.ExportInvite
			created, expires, signup int64
		)
		if err := rows.Scan(&inv.ID, &inv.CircleID, &created, &expires, &signup); err != nil {
			return fmt.Errorf("invites: %w", err)
		}
		inv.CreatedAt, inv.ExpiresAt, inv.SignupAt = fromMillis(created), fromMillis(expires), optMillis(signup)
		x.Invites = append(x.Invites, inv)
	}
	return rows.Err()
}

// exportSharedCards adds every shared card kept, expired ones too (they
// are deleted when the person next shares one).
func exportSharedCards(ctx context.Context, tx *Tx, x *tend.Export) error {
	shares, err := tx.db.findCardShares(ctx, tx, x.Person.ID, math.MinInt64)
	if err != nil {
		return err
	}
	x.SharedCards = make([]tend.ExportSharedCard, 0, len(shares))
	for _, cs := range shares {
		out := tend.ExportSharedCard{ID: cs.ID, Share: cs.Share, Practices: cs.Practices, CreatedAt: cs.CreatedAt,
			ExpiresAt: cs.ExpiresAt, Opens: cs.Opens}
		if !cs.OpenedAt.IsZero() {
			t := cs.OpenedAt
			out.OpenedAt = &t
		}
		x.SharedCards = append(x.SharedCards, out)
	}
	return nil
}

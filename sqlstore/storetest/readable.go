package storetest

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/sqlstore"
)

// Readable lists every column whose values anyone who copies the
// database files can read, with why it stays in the clear. Every other
// column holds only sealed values (or NULL). The README's list of what
// stays readable is this one (a test in sqlstore compares them); a new
// column fails testOnlyListedReadable until it is sealed or listed here.
var Readable = map[string]string{
	"goose_db_version.id":               "the migrations' own bookkeeping",
	"goose_db_version.version_id":       "which migration ran",
	"goose_db_version.is_applied":       "whether it is applied",
	"goose_db_version.tstamp":           "time",
	"people.id":                         "id",
	"people.username":                   "the name one signs in with, looked up at sign-in",
	"people.admin":                      "whether the account administers the server",
	"people.disabled":                   "whether the operator disabled the account",
	"people.time_zone":                  "the time zone, for times and quiet hours",
	"people.quiet_start":                "quiet hours, for when nothing may be sent",
	"people.quiet_end":                  "quiet hours",
	"people.password_hash":              "the password's argon2id hash (never the password)",
	"people.signin_failures":            "the count of failed sign-ins in a row",
	"people.last_signin_failure":        "time",
	"people.profile_version":            "the number of the newest profile version",
	"people.profile_saved_at":           "time",
	"people.created_at":                 "time",
	"people.updated_at":                 "time",
	"data_keys.person_id":               "id",
	"data_keys.wrapped":                 "the person's data key, wrapped by the server key",
	"sessions.id":                       "id",
	"sessions.person_id":                "id",
	"sessions.token_hash":               "the hash of the session's token",
	"sessions.device":                   "the browser and system (\"Firefox on Android\")",
	"sessions.created_at":               "time",
	"sessions.last_seen_at":             "time",
	"sessions.authenticated_at":         "time",
	"signin_devices.id":                 "id",
	"signin_devices.person_id":          "id",
	"signin_devices.token_hash":         "the hash of the device cookie's secret",
	"signin_devices.failures":           "failed sign-ins from it in a row",
	"signin_devices.last_failure":       "time",
	"signin_devices.created_at":         "time",
	"signin_devices.last_used_at":       "time",
	"api_tokens.id":                     "id",
	"api_tokens.person_id":              "id",
	"api_tokens.token_hash":             "the hash of the secret",
	"api_tokens.scopes":                 "what the token may do",
	"api_tokens.created_at":             "time",
	"api_tokens.last_used_at":           "time",
	"passkeys.id":                       "id",
	"passkeys.person_id":                "id",
	"passkeys.credential_id":            "what the authenticator names the passkey by",
	"passkeys.public_key":               "the public key (public by design)",
	"passkeys.attestation_type":         "the authenticator's kind of attestation",
	"passkeys.aaguid":                   "the authenticator's model",
	"passkeys.sign_count":               "the authenticator's counter",
	"passkeys.transports":               "how the authenticator connects (usb, internal...)",
	"passkeys.backup_eligible":          "authenticator flag",
	"passkeys.backup_state":             "authenticator flag",
	"passkeys.created_at":               "time",
	"passkeys.last_used_at":             "time",
	"passkey_challenges.challenge_hash": "the hash of a passkey sign-in's challenge, used once",
	"passkey_challenges.expires_at":     "time",
	"profile_versions.person_id":        "id",
	"profile_versions.version":          "number",
	"profile_versions.restored":         "which version a restore came from",
	"profile_versions.created_at":       "time",
	"circles.id":                        "id",
	"circles.wrapped":                   "the circle's data key, wrapped by the server key",
	"circles.created_at":                "time",
	"circle_members.circle_id":          "id",
	"circle_members.person_id":          "id",
	"circle_members.creator":            "who may manage the circle",
	"circle_members.share":              "how much the member shares: everything, levels, or some practices",
	"circle_members.joined_at":          "time",
	"circle_members.insights_out":       "whether the member keeps their reflections out of the circle's insights",
	"suggestion_dismissals.person_id":   "id",
	"suggestion_dismissals.updated_at":  "time",
	"circle_invites.id":                 "id",
	"circle_invites.circle_id":          "id",
	"circle_invites.created_by":         "who made it (an id)",
	"circle_invites.token_hash":         "the hash of the invitation's secret",
	"circle_invites.created_at":         "time",
	"circle_invites.expires_at":         "time",
	"circle_invites.signup_at":          "when it made an account (time)",
	"card_shares.id":                    "id",
	"card_shares.person_id":             "id",
	"card_shares.token_hash":            "the hash of the link's secret",
	"card_shares.share":                 "how much the link shows: everything, levels, or some practices",
	"card_shares.created_at":            "time",
	"card_shares.expires_at":            "time",
	"card_shares.opened_at":             "time",
	"card_shares.opens":                 "how often the link was opened",
	"encounters.id":                     "id",
	"encounters.circle_id":              "id",
	"encounters.wrapped":                "the encounter's data key, wrapped by the server key",
	"encounters.stage":                  "where it is: before, after, reflect, done",
	"encounters.created_at":             "time",
	"encounters.stage_at":               "time",
	"encounters.minutes":                "the time set aside",
	"encounters.reveal_after":           "how long reflections may wait for everyone",
	"encounters.last_seq":               "how many signals it has had",
	"encounter_members.encounter_id":    "id",
	"encounter_members.person_id":       "id",
	"encounter_members.position":        "the order members are listed in",
	"encounter_members.starter":         "who started it",
	"encounter_members.checkin_at":      "time",
	"encounter_members.confirmed_at":    "time",
	"encounter_members.reflected_at":    "time",
	"encounter_members.followups_off":   "whether the person turned follow-ups off for it",
	"drop_alerts.id":                    "id",
	"drop_alerts.encounter_id":          "id",
	"drop_alerts.person_id":             "id",
	"drop_alerts.followup_id":           "id",
	"drop_alerts.created_at":            "time",
	"drop_replies.alert_id":             "id",
	"drop_replies.person_id":            "id",
	"drop_replies.seq":                  "the answer's number",
	"drop_replies.created_at":           "time",
	"followups.id":                      "id",
	"followups.encounter_id":            "id",
	"followups.person_id":               "id",
	"followups.after_ms":                "the plan's time after the aftercare began",
	"followups.due_at":                  "time",
	"followups.state":                   "scheduled, due, answered or cancelled",
	"followups.answered_at":             "time",
	"followups.created_at":              "time",
	"encounter_signals.encounter_id":    "id",
	"encounter_signals.seq":             "the signal's number",
	"encounter_signals.person_id":       "id",
	"encounter_signals.at":              "time",
	"channels.id":                       "id",
	"channels.person_id":                "id",
	"channels.type":                     "email, push, ntfy or webhook",
	"channels.confirmed_at":             "time",
	"channels.failures":                 "deliveries failed in a row",
	"channels.unsubscribe_hash":         "hash of a token",
	"channels.created_at":               "time",
	"channel_confirms.token_hash":       "hash of a token",
	"channel_confirms.channel_id":       "id",
	"channel_confirms.expires_at":       "time",
	"deliveries.channel_id":             "id",
	"deliveries.delivery_id":            "id",
	"deliveries.sent_at":                "time",
	"server_keys.name":                  "which key (vapid)",
	"server_keys.wrapped":               "its data key, wrapped by the server key",
	"server_keys.created_at":            "time",
}

// markers are in every text and answer the populated store holds.
const marker = "qzx"

// populate uses every table, with a marker in everything a person types
// or answers: names, notes, limits, a journal, the words of a signal.
func populate(t *testing.T, s Store) {
	ctx := context.Background()
	sam := &tend.Person{Username: "sam", DisplayName: marker + "-sam", TimeZone: "Europe/Berlin"}
	if err := s.DB.CreateAccount(ctx, sam, "$argon2id$v=19$m=47104,t=1,p=1$c2FsdA$aGFzaA"); err != nil {
		t.Fatal(err)
	}
	alex := mustCreatePerson(t, s.DB, "alex", marker+"-alex")
	if _, err := s.DB.UpdatePerson(ctx, sam.ID, tend.PersonUpdate{Quiet: &tend.QuietHours{Start: 22 * 60, End: 7 * 60}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB.RecordSignInFailure(ctx, sam.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.DB.CreateSession(ctx, sam.ID, "Firefox on Android"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.DB.CreateSignInDevice(ctx, sam.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.DB.CreateAPIToken(ctx, sam.ID, marker+"-token", nil); err != nil {
		t.Fatal(err)
	}
	k := mustCreatePasskey(t, s, newPasskey(sam.ID, marker+"-passkey", 1))
	if err := s.DB.UpdatePasskeyUse(ctx, k.ID, tend.PasskeyUse{SignCount: 4, Challenge: "challenge", Until: now.Add(time.Minute)}); err != nil {
		t.Fatal(err)
	}
	mustSaveProfile(t, s, sam.ID, fullCard(marker))
	if _, err := s.DB.SaveProfileWhy(ctx, sam.ID, fullCard(marker), 1, marker+"-why"); err != nil {
		t.Fatal(err)
	}
	if err := s.DB.DismissSuggestion(ctx, sam.ID, "receive.x-"+marker+".like"); err != nil {
		t.Fatal(err)
	}
	c := mustCreateCircle(t, s, sam.ID, marker+"-circle")
	if _, err := s.DB.AcceptInvite(ctx, mustInvite(t, s, sam.ID, c.ID), alex.ID); err != nil {
		t.Fatal(err)
	}
	mustInvite(t, s, sam.ID, c.ID)
	if _, err := s.DB.SetShare(ctx, alex.ID, c.ID, tend.ShareSome, []string{"water", "x-" + marker}); err != nil {
		t.Fatal(err)
	}
	if err := s.DB.SetCircleInsights(ctx, alex.ID, c.ID, false); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.DB.CreateCardShare(ctx, sam.ID, tend.ShareSome, []string{"x-" + marker}, time.Hour); err != nil {
		t.Fatal(err)
	}
	e, err := s.DB.CreateEncounter(ctx, sam.ID, tend.NewEncounter{CircleID: c.ID, Kind: tend.Intense, Minutes: 30})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB.SaveCheckIn(ctx, sam.ID, e.ID, &tend.CheckIn{Mood: 2, Energy: 4, Limits: marker + "-limit",
		Triggers: marker + "-trigger", Safeword: marker + "-safeword", Needs: []string{"x-" + marker}, Confirmed: true}); err != nil {
		t.Fatal(err)
	}
	planned(t, s)
	if err := s.DB.SetFollowupPrefs(ctx, sam.ID, &tend.FollowupPrefs{AfterGentle: true, OffCircles: []string{c.ID}}); err != nil {
		t.Fatal(err)
	}
	if err := s.DB.SetFollowupPrefs(ctx, sam.ID, &tend.FollowupPrefs{AfterGentle: true}); err != nil {
		t.Fatal(err)
	}
	mustMove(t, s, sam.ID, e.ID, tend.StageBefore)
	f := answerFirst(t, s, sam.ID, e.ID, tend.FollowupCare, marker+"-followup")
	a, err := s.DB.TellDrop(ctx, sam.ID, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB.ReplyDrop(ctx, alex.ID, a.ID, tend.DropCall); err != nil {
		t.Fatal(err)
	}
	for _, sig := range []*tend.Signal{{Kind: tend.SignalNotOkay}, {Kind: tend.SignalCustom, Text: marker + "-need"},
		{Kind: tend.SignalTick, Ref: "x-" + marker + ":" + marker}, {Kind: tend.SignalOkay}} {
		if _, err := s.DB.AddSignal(ctx, alex.ID, e.ID, sig); err != nil {
			t.Fatal(err)
		}
	}
	populateChannels(t, s, sam.ID)
	mustMove(t, s, sam.ID, e.ID, tend.StageAfter)
	if _, err := s.DB.SaveReflection(ctx, sam.ID, e.ID, &tend.Reflection{Mood: 1, Emotions: []string{"raw"},
		Helped: []string{"x-" + marker}, Missing: marker + "-missing", Favourite: marker + "-favourite", Note: marker + "-note",
		Journal: marker + "-journal"}); err != nil {
		t.Fatal(err)
	}
}

// column is one column's values as stored.
type column struct {
	table, name string
	values      []any
}

// columns reads every column of every table, as stored.
func columns(t *testing.T, db *sqlstore.DB) []column {
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`
	if db.Dialect() == sqlstore.Postgres {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`
	}
	_, tables := queryAll(t, db.SQL(), q)
	var out []column
	for _, tbl := range tables {
		name := fmt.Sprint(text(tbl[0]))
		cols, rows := queryAll(t, db.SQL(), `SELECT * FROM `+name)
		for i, c := range cols {
			col := column{table: name, name: c}
			for _, r := range rows {
				col.values = append(col.values, r[i])
			}
			out = append(out, col)
		}
	}
	return out
}

// queryAll runs q and returns its column names and every row, as stored.
func queryAll(t *testing.T, db *sql.DB, q string) ([]string, [][]any) {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out [][]any
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, vals)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return cols, out
}

// readableColumn reports whether table.column is listed as readable.
func readableColumn(table, col string) bool {
	_, ok := Readable[table+"."+col]
	return ok
}

// sealedOverhead is the least a sealed value adds to its text: a
// 24-byte nonce and a 16-byte tag.
const sealedOverhead = 40

// testOnlyListedReadable reads every column of every table raw, after a
// store has been used for everything, and checks that only the listed
// columns hold readable values: everything else is sealed or empty.
func testOnlyListedReadable(t *testing.T, s Store) {
	populate(t, s)
	seen := map[string]bool{}
	for _, c := range columns(t, s.DB) {
		key := c.table + "." + c.name
		seen[key] = true
		if len(c.values) == 0 && !seen[c.table] {
			seen[c.table] = true
			t.Errorf("%s is empty in the populated store: the check proves nothing about it; use it in populate", c.table)
		}
		if readableColumn(c.table, c.name) {
			for _, v := range c.values {
				if b := text(v); strings.Contains(b, marker) && !(c.table == "people" && c.name == "username") {
					t.Errorf("%s is listed as readable but holds what a person typed: %q", key, b)
				}
			}
			continue
		}
		filled := 0
		for _, v := range c.values {
			if v == nil {
				continue
			}
			filled++
			b, ok := v.([]byte)
			switch {
			case !ok:
				t.Errorf("%s is not listed as readable, yet holds %T %v in the clear: seal it, or list it in Readable and the README", key, v, v)
			case len(b) < sealedOverhead || bytes.Contains(b, []byte(marker)) || slices.Contains([]byte(`{["`), b[0]) && isPrintable(b):
				t.Errorf("%s is not listed as readable, yet holds a readable value %q", key, b)
			}
		}
		if filled == 0 {
			t.Errorf("%s held no value in the populated store: the check proves nothing about it; use it in populate", key)
		}
	}
	for k := range Readable {
		if !seen[k] {
			t.Errorf("%s is listed as readable but there is no such column", k)
		}
	}
}

func text(v any) string {
	switch v := v.(type) {
	case []byte:
		return string(v)
	case string:
		return v
	}
	return fmt.Sprint(v)
}

func isPrintable(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}

package storetest

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/sqlstore"
)

// personTable says which rows of a table are one person's, and where the
// export holds them.
type personTable struct {
	// rows selects a key for each of the person's rows (its columns
	// joined with "/"); its one argument is the person's id.
	rows string
	// exported lists the same keys as the export holds them; nil for a
	// table whose rows are never exported, with why in notExported.
	exported func(x *tend.Export) []string
}

// personTables lists every table that holds a person's data. A table the
// database has that is in neither this list nor noPersonData fails
// testExportCovers: a new table must say where its rows go in the export
// (and whether deleting the account takes them) before it passes.
var personTables = map[string]personTable{
	"people":    {`SELECT id FROM people WHERE id = ?`, func(x *tend.Export) []string { return []string{x.Person.ID} }},
	"data_keys": {`SELECT person_id FROM data_keys WHERE person_id = ?`, nil},
	"sessions": {`SELECT id FROM sessions WHERE person_id = ?`, func(x *tend.Export) []string {
		return keys(x.Sessions, func(s tend.ExportSession) string { return s.ID })
	}},
	"signin_devices": {`SELECT id FROM signin_devices WHERE person_id = ?`, func(x *tend.Export) []string {
		return keys(x.SignInDevices, func(d tend.ExportSignInDevice) string { return d.ID })
	}},
	"api_tokens": {`SELECT id FROM api_tokens WHERE person_id = ?`, func(x *tend.Export) []string {
		return keys(x.APITokens, func(t tend.ExportAPIToken) string { return t.ID })
	}},
	"passkeys": {`SELECT id FROM passkeys WHERE person_id = ?`, func(x *tend.Export) []string {
		return keys(x.Passkeys, func(k tend.ExportPasskey) string { return k.ID })
	}},
	"profile_versions": {`SELECT version FROM profile_versions WHERE person_id = ?`, func(x *tend.Export) []string {
		return keys(x.ProfileVersions, func(v tend.ExportProfileVersion) string { return strconv.Itoa(v.Version) })
	}},
	// Circles are shared by their members: a person's are those they are in.
	"circles": {`SELECT circle_id FROM circle_members WHERE person_id = ?`, func(x *tend.Export) []string {
		return keys(x.Circles, func(c tend.ExportCircle) string { return c.ID })
	}},
	// The person's own membership: their entry in each circle, with
	// what they share.
	"circle_members": {`SELECT circle_id, share FROM circle_members WHERE person_id = ?`, func(x *tend.Export) []string {
		var out []string
		for _, c := range x.Circles {
			for _, m := range c.Members {
				if m.PersonID == x.Person.ID {
					out = append(out, c.ID+"/"+string(m.Share))
				}
			}
		}
		return out
	}},
	"circle_invites": {`SELECT id FROM circle_invites WHERE created_by = ?`, func(x *tend.Export) []string {
		return keys(x.Invites, func(i tend.ExportInvite) string { return i.ID })
	}},
	"card_shares": {`SELECT id FROM card_shares WHERE person_id = ?`, func(x *tend.Export) []string {
		return keys(x.SharedCards, func(c tend.ExportSharedCard) string { return c.ID })
	}},
	"encounters": {`SELECT encounter_id FROM encounter_members WHERE person_id = ?`, func(x *tend.Export) []string {
		return keys(x.Encounters, func(e tend.ExportEncounter) string { return e.ID })
	}},
	// The person's drop alerts and one-tap answers, in the encounter.
	"drop_alerts": {`SELECT id FROM drop_alerts WHERE person_id = ?`, func(x *tend.Export) []string {
		var out []string
		for _, e := range x.Encounters {
			for _, a := range e.DropAlerts {
				out = append(out, a.ID)
			}
		}
		return out
	}},
	"drop_replies": {`SELECT alert_id FROM drop_replies WHERE person_id = ?`, func(x *tend.Export) []string {
		var out []string
		for _, e := range x.Encounters {
			for _, r := range e.DropReplies {
				out = append(out, r.AlertID)
			}
		}
		return out
	}},
	// The person's follow-ups, in the encounter they follow.
	"followups": {`SELECT id FROM followups WHERE person_id = ?`, func(x *tend.Export) []string {
		var out []string
		for _, e := range x.Encounters {
			for _, f := range e.Followups {
				out = append(out, f.ID)
			}
		}
		return out
	}},
	// The person's own part in each: whether they checked in, reflected,
	// and wrote in their journal.
	"encounter_members": {`SELECT encounter_id, CASE WHEN checkin_at IS NULL THEN 0 ELSE 1 END,
		CASE WHEN reflected_at IS NULL THEN 0 ELSE 1 END, CASE WHEN journal IS NULL THEN 0 ELSE 1 END
		FROM encounter_members WHERE person_id = ?`, func(x *tend.Export) []string {
		return keys(x.Encounters, func(e tend.ExportEncounter) string {
			return fmt.Sprintf("%s/%d/%d/%d", e.ID, one(e.CheckIn != nil), one(e.Reflection != nil), one(e.Reflection != nil && e.Reflection.Journal != ""))
		})
	}},
	// One row per person: the suggestions they dismissed, as one list.
	"suggestion_dismissals": {`SELECT person_id FROM suggestion_dismissals WHERE person_id = ?`, func(x *tend.Export) []string {
		if len(x.Settings.DismissedSuggestions) == 0 {
			return nil
		}
		return []string{x.Person.ID}
	}},
	"channels": {`SELECT id FROM channels WHERE person_id = ?`, func(x *tend.Export) []string {
		return keys(x.Channels, func(c tend.ExportChannel) string { return c.ID })
	}},
	"channel_confirms": {`SELECT f.channel_id FROM channel_confirms f JOIN channels c ON c.id = f.channel_id WHERE c.person_id = ?`, nil},
	"deliveries":       {`SELECT d.delivery_id FROM deliveries d JOIN channels c ON c.id = d.channel_id WHERE c.person_id = ?`, nil},
	"encounter_signals": {`SELECT encounter_id, seq FROM encounter_signals WHERE person_id = ?`, func(x *tend.Export) []string {
		var out []string
		for _, e := range x.Encounters {
			for _, s := range e.Signals {
				out = append(out, fmt.Sprintf("%s/%d", e.ID, s.Seq))
			}
		}
		return out
	}},
}

// notExported says why a person's table is not in the export (deleting
// the account still takes its rows).
var notExported = map[string]string{
	"data_keys": "the person's data key, wrapped by the server key: it opens what the export holds, and is never handed out itself",
	"channel_confirms": "the hash of an email address's confirmation link, waiting to be used: nothing of the person's but that the address waits, " +
		"which the channel's confirmed_at (none yet) says",
	"deliveries": "which messages a channel already took, so that a retry sends nothing twice: bookkeeping of Tend's, with no words in it",
}

// noPersonData lists the tables that hold nobody's data, with why. Each
// is checked to hold no person's id.
var noPersonData = map[string]string{
	"goose_db_version":   "the migrations' own bookkeeping: which ran",
	"passkey_challenges": "hashes of passkey sign-ins' challenges already used, so that each is accepted once; they name nobody",
	"server_keys":        "the server's own keys (web push's VAPID pair), the same for everyone",
}

func keys[T any](list []T, key func(T) string) []string {
	out := make([]string, 0, len(list))
	for _, v := range list {
		out = append(out, key(v))
	}
	return out
}

func one(b bool) int {
	if b {
		return 1
	}
	return 0
}

// rowKeys runs a personTable's query for the person.
func rowKeys(t *testing.T, db *sqlstore.DB, q, personID string) []string {
	t.Helper()
	if db.Dialect() == sqlstore.Postgres {
		q = strings.Replace(q, "?", "$1", 1)
	}
	rows, err := db.SQL().Query(q, personID)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	out := []string{}
	for rows.Next() {
		vals, ptrs := make([]any, len(cols)), make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		parts := make([]string, len(vals))
		for i, v := range vals {
			parts[i] = text(v)
		}
		out = append(out, strings.Join(parts, "/"))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// tableNames lists the database's own tables, read from the database.
func tableNames(t *testing.T, db *sqlstore.DB) []string {
	t.Helper()
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`
	if db.Dialect() == sqlstore.Postgres {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`
	}
	_, rows := queryAll(t, db.SQL(), q)
	var out []string
	for _, r := range rows {
		out = append(out, text(r[0]))
	}
	return out
}

// tablesHolding lists the tables with a column that holds the value.
func tablesHolding(t *testing.T, db *sqlstore.DB, value string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for _, c := range columns(t, db) {
		for _, v := range c.values {
			if text(v) == value {
				out[c.table] = true
			}
		}
	}
	return out
}

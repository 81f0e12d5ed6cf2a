package storetest

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

// Markers in what Sam and Alex write: Sam's export holds every "mine"
// and never a "theirs".
const (
	mine   = "mine-7d1"
	theirs = "theirs-4b9"
	hash   = "$argon2id$v=19$m=47104,t=1,p=1$c2FsdA$aGFzaA"
)

// rich gives Sam a row in every table that holds a person's data, and
// every part of an export something to hold; Alex, in Sam's circle and
// encounter, checks in, signals and reflects with words of their own.
func rich(t *testing.T, s Store) (sam, alex *tend.Person) {
	t.Helper()
	ctx := context.Background()
	check := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	sam = &tend.Person{Username: "sam", DisplayName: "Sam", TimeZone: "Europe/Berlin"}
	check(s.DB.CreateAccount(ctx, sam, hash))
	alex = mustCreatePerson(t, s.DB, "alex", "Alex")
	_, err := s.DB.UpdatePerson(ctx, sam.ID, tend.PersonUpdate{Quiet: &tend.QuietHours{Start: 22 * 60, End: 7 * 60}})
	check(err)
	_, _, err = s.DB.CreateSession(ctx, sam.ID, "Firefox on Android")
	check(err)
	_, dev, err := s.DB.CreateSignInDevice(ctx, sam.ID)
	check(err)
	_, err = s.DB.RecordDeviceFailure(ctx, dev.ID)
	check(err)
	_, _, err = s.DB.CreateAPIToken(ctx, sam.ID, mine+"-token", []tend.Scope{tend.ScopeProfileRead})
	check(err)
	mustCreatePasskey(t, s, newPasskey(sam.ID, mine+"-passkey", 1))
	mustSaveProfile(t, s, sam.ID, fullCard(mine))
	mustSaveProfile(t, s, sam.ID, &tend.Card{Tend: tend.CardVersion, Name: "Sam", Receive: map[string]tend.Receive{"water": tend.Need}})
	_, err = s.DB.RestoreProfileVersion(ctx, sam.ID, 1)
	check(err)
	_, err = s.DB.SaveProfileWhy(ctx, sam.ID, fullCard(mine), 3, mine+"-why")
	check(err)

	c := mustCreateCircle(t, s, sam.ID, mine+"-circle")
	_, err = s.DB.AcceptInvite(ctx, mustInvite(t, s, sam.ID, c.ID), alex.ID)
	check(err)
	_, err = s.DB.SetShare(ctx, sam.ID, c.ID, tend.ShareSome, []string{"water", "x-song"})
	check(err)
	check(s.DB.SetCircleInsights(ctx, sam.ID, c.ID, false))
	mustInvite(t, s, sam.ID, c.ID)
	check(s.DB.CreateAccountByInvite(ctx, mustInvite(t, s, sam.ID, c.ID),
		&tend.Person{Username: "kim", DisplayName: "Kim", TimeZone: "UTC"}, hash))
	// A circle Sam is alone in goes with Sam's account.
	alone := mustCreateCircle(t, s, sam.ID, mine+"-alone")
	token, _, err := s.DB.CreateCardShare(ctx, sam.ID, tend.ShareSome, []string{"x-song"}, time.Hour)
	check(err)
	_, err = s.DB.OpenCardShare(ctx, token)
	check(err)

	e, err := s.DB.CreateEncounter(ctx, sam.ID, tend.NewEncounter{CircleID: c.ID, Kind: tend.Intense, Minutes: 30, RevealAfter: 24 * time.Hour})
	check(err)
	_, err = s.DB.SaveCheckIn(ctx, sam.ID, e.ID, &tend.CheckIn{Mood: 2, Energy: 4, Limits: mine + "-limit",
		Triggers: mine + "-trigger", Safeword: mine + "-safeword", Needs: []string{"x-song"}, Confirmed: true})
	check(err)
	_, err = s.DB.SaveCheckIn(ctx, alex.ID, e.ID, &tend.CheckIn{Mood: 3, Energy: 3, Limits: theirs + "-limit",
		Triggers: theirs + "-trigger", Safeword: theirs + "-safeword", Needs: []string{"cuddle"}, Confirmed: true})
	check(err)
	planned(t, s) // the aftercare's beginning schedules follow-ups
	mustMove(t, s, sam.ID, e.ID, tend.StageBefore)
	for _, sig := range []struct {
		who string
		s   *tend.Signal
	}{{sam.ID, &tend.Signal{Kind: tend.SignalCustom, Text: mine + "-need"}}, {sam.ID, &tend.Signal{Kind: tend.SignalTick, Ref: "water"}},
		{alex.ID, &tend.Signal{Kind: tend.SignalCustom, Text: theirs + "-need"}}, {alex.ID, &tend.Signal{Kind: tend.SignalMessage, Text: theirs + "-message"}}} {
		_, err := s.DB.AddSignal(ctx, sig.who, e.ID, sig.s)
		check(err)
	}
	mustMove(t, s, sam.ID, e.ID, tend.StageAfter)
	check(s.DB.SetDropTell(ctx, sam.ID, tend.DropTellAuto))
	answerFirst(t, s, sam.ID, e.ID, tend.FollowupLow, mine+"-followup") // told at once
	af := answerFirst(t, s, alex.ID, e.ID, tend.FollowupCare, theirs+"-followup")
	alexAlert, err := s.DB.TellDrop(ctx, alex.ID, af.ID) // Alex is asked, and says yes
	check(err)
	_, err = s.DB.ReplyDrop(ctx, sam.ID, alexAlert.ID, tend.DropComing)
	check(err)
	samAlerts, err := s.DB.FindDropAlerts(ctx, alex.ID)
	check(err)
	for _, a := range samAlerts {
		if a.PersonID == sam.ID {
			_, err = s.DB.ReplyDrop(ctx, alex.ID, a.ID, tend.DropThinking)
			check(err)
		}
	}
	_, err = s.DB.SaveReflection(ctx, sam.ID, e.ID, &tend.Reflection{Mood: 4, Emotions: []string{"calm"}, Helped: []string{"water"},
		Missing: mine + "-missing", Favourite: mine + "-favourite", Note: mine + "-note", Journal: mine + "-journal"})
	check(err)
	// Alex's reflection is the last: the encounter is done, and the
	// shared parts of it revealed to Sam, yet they are Alex's.
	_, err = s.DB.SaveReflection(ctx, alex.ID, e.ID, &tend.Reflection{Mood: 3, Emotions: []string{"tired"}, Helped: []string{"cuddle"},
		Missing: theirs + "-missing", Favourite: theirs + "-favourite", Note: theirs + "-note", Journal: theirs + "-journal"})
	check(err)
	// A solo encounter goes with Sam's account; Sam turned follow-ups off
	// for it, and asks for one after gentle encounters, none in the
	// circle Sam is alone in.
	solo, err := s.DB.CreateEncounter(ctx, sam.ID, tend.NewEncounter{Kind: tend.Solo})
	check(err)
	check(s.DB.SetEncounterFollowups(ctx, sam.ID, solo.ID, false))
	check(s.DB.SetFollowupPrefs(ctx, sam.ID, &tend.FollowupPrefs{AfterGentle: true, OffCircles: []string{alone.ID}}))
	populateChannels(t, s, sam.ID)
	check(s.DB.DismissSuggestion(ctx, sam.ID, "receive.water.like"))
	return sam, alex
}

// testExportCovers lists the tables from the database itself: each holds
// a person's data (and then the export of a person with a row in every
// one holds exactly their rows, and deleting the account leaves none) or
// is listed as holding nobody's.
func testExportCovers(t *testing.T, s Store) {
	ctx := context.Background()
	sam, alex := rich(t, s)
	tables := tableNames(t, s.DB)
	holding := tablesHolding(t, s.DB, sam.ID)
	for _, tbl := range tables {
		_, personal := personTables[tbl]
		why, nobody := noPersonData[tbl]
		switch {
		case !personal && !nobody:
			t.Errorf("table %s is new to the export: add it to personTables (which rows are a person's, where the export holds them) "+
				"and to tend.Export, or to noPersonData with why it holds nobody's data", tbl)
		case personal && nobody:
			t.Errorf("table %s is listed both as a person's and as nobody's", tbl)
		case nobody && holding[tbl]:
			t.Errorf("table %s is listed as holding nobody's data (%s), yet holds Sam's id", tbl, why)
		}
	}
	for tbl := range personTables {
		if !slices.Contains(tables, tbl) {
			t.Errorf("personTables lists %s, which the database does not have", tbl)
		}
	}
	for tbl := range noPersonData {
		if !slices.Contains(tables, tbl) {
			t.Errorf("noPersonData lists %s, which the database does not have", tbl)
		}
	}

	x, err := s.DB.Export(ctx, sam.ID)
	if err != nil {
		t.Fatal(err)
	}
	for tbl, pt := range personTables {
		rows := rowKeys(t, s.DB, pt.rows, sam.ID)
		if len(rows) == 0 {
			t.Errorf("%s: Sam has no row in it, so the check proves nothing; give Sam one in rich", tbl)
		}
		if pt.exported == nil {
			if notExported[tbl] == "" {
				t.Errorf("%s is never exported, but notExported does not say why", tbl)
			}
			continue
		}
		got := pt.exported(x)
		slices.Sort(rows)
		slices.Sort(got)
		if !slices.Equal(rows, got) {
			t.Errorf("%s: Sam's rows are %q, the export holds %q", tbl, rows, got)
		}
	}

	if err := s.DB.DeletePerson(ctx, sam.ID); err != nil {
		t.Fatal(err)
	}
	for tbl, pt := range personTables {
		if rows := rowKeys(t, s.DB, pt.rows, sam.ID); len(rows) > 0 {
			t.Errorf("%s: after deleting the account, Sam's rows %q are still there", tbl, rows)
		}
	}
	for tbl := range tablesHolding(t, s.DB, sam.ID) {
		t.Errorf("%s: after deleting the account, a row still holds Sam's id", tbl)
	}
	// What Sam shared with nobody left (a circle alone, a solo
	// encounter) goes too.
	for _, q := range []string{`SELECT id FROM circles WHERE id NOT IN (SELECT circle_id FROM circle_members)`,
		`SELECT id FROM encounters WHERE id NOT IN (SELECT encounter_id FROM encounter_members)`} {
		if _, rows := queryAll(t, s.DB.SQL(), q); len(rows) > 0 {
			t.Errorf("after deleting the account, %d left with nobody in them: %s", len(rows), q)
		}
	}
	// What Alex shared with Sam stays Alex's.
	ax, err := s.DB.Export(ctx, alex.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ax.Circles) != 1 || len(ax.Encounters) != 1 || ax.Encounters[0].CheckIn == nil || ax.Encounters[0].Reflection == nil {
		t.Errorf("Alex's export after Sam left: %+v", ax)
	}
}

// mayBeZero lists the parts of an export (by JSON path) that may be zero
// even for a person who has used everything, with why.
var mayBeZero = map[string]string{
	"profile.needs_review":   "true only 90 days after the last save",
	"sessions.current":       "the web face marks the session the export was asked from",
	"settings.followups.off": "true only for someone who turned follow-ups off everywhere; then none would be there to export",
}

// testExportFilled checks that every part of the export, at every depth,
// is filled for someone who has used everything: a part added to
// tend.Export but never filled fails.
func testExportFilled(t *testing.T, s Store) {
	sam, _ := rich(t, s)
	x, err := s.DB.Export(context.Background(), sam.ID)
	if err != nil {
		t.Fatal(err)
	}
	if x.Tend != tend.ExportVersion || !x.ExportedAt.Equal(now) || x.Person.ID != sam.ID {
		t.Errorf("export head: %q %v %+v", x.Tend, x.ExportedAt, x.Person)
	}
	filled := map[string]bool{}
	fields(reflect.TypeOf(*x), "", filled)
	mark(reflect.ValueOf(*x), "", filled)
	for _, path := range slices.Sorted(maps.Keys(filled)) {
		if !filled[path] && mayBeZero[path] == "" {
			t.Errorf("%s is empty in the export of someone who used everything: fill it in sqlstore's Export", path)
		}
	}
	for path := range mayBeZero {
		if _, ok := filled[path]; !ok {
			t.Errorf("mayBeZero lists %s, which the export does not have", path)
		}
	}
}

// exportPart reports whether t is one of the export's own structs, which
// fields and mark look into; anything else (times, cards, lists of
// words) is one value.
func exportPart(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && t.PkgPath() == reflect.TypeOf(tend.Export{}).PkgPath() && strings.HasPrefix(t.Name(), "Export")
}

// inner is the struct a field's type holds, through a pointer or a list.
func inner(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	return t
}

// fields notes every path of the export's type as not filled yet.
func fields(t reflect.Type, prefix string, filled map[string]bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		path := prefix + strings.Split(f.Tag.Get("json"), ",")[0]
		filled[path] = false
		if exportPart(inner(f.Type)) {
			fields(inner(f.Type), path+".", filled)
		}
	}
}

// mark notes the paths that hold a value in v (in any element of a list).
func mark(v reflect.Value, prefix string, filled map[string]bool) {
	for i := range v.NumField() {
		f, fv := v.Type().Field(i), v.Field(i)
		path := prefix + strings.Split(f.Tag.Get("json"), ",")[0]
		if fv.IsZero() || fv.Kind() == reflect.Slice && fv.Len() == 0 {
			continue
		}
		filled[path] = true
		if !exportPart(inner(f.Type)) {
			continue
		}
		switch fv.Kind() {
		case reflect.Pointer:
			mark(fv.Elem(), path+".", filled)
		case reflect.Slice:
			for j := range fv.Len() {
				mark(fv.Index(j), path+".", filled)
			}
		default:
			mark(fv, path+".", filled)
		}
	}
}

// testExportOthersPrivate: Sam's export holds what Sam wrote, and nothing
// Alex wrote in their shared encounter: not Alex's check-in, reflection,
// journal or the words of Alex's signals.
func testExportOthersPrivate(t *testing.T, s Store) {
	sam, _ := rich(t, s)
	x, err := s.DB.Export(context.Background(), sam.ID)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(x)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"-limit", "-trigger", "-safeword", "-need", "-missing", "-favourite", "-note", "-journal",
		"-token", "-passkey", "-circle", "-custom-title", "-followup"} {
		if !bytes.Contains(b, []byte(mine+w)) {
			t.Errorf("Sam's export lacks Sam's %q", mine+w)
		}
	}
	if i := bytes.Index(b, []byte(theirs)); i >= 0 {
		t.Errorf("Sam's export holds what Alex wrote: %s", b[max(0, i-80):min(len(b), i+40)])
	}
	if bytes.Contains(b, []byte(hash)) || bytes.Contains(b, []byte("token_hash")) || bytes.Contains(b, []byte("wrapped")) {
		t.Errorf("Sam's export holds a hash or a key")
	}
}

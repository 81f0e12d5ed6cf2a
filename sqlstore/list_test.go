package sqlstore_test

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/sqlstore"
)

// TestListsStored: lists are stored as JSON arrays, and a row written
// before, its list joined with commas, still reads as it was written.
func TestListsStored(t *testing.T) {
	onBoth(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		sam := &tend.Person{Username: "sam", DisplayName: "Sam", TimeZone: "UTC"}
		if err := db.CreatePerson(ctx, sam); err != nil {
			t.Fatal(err)
		}
		c, err := db.CreateCircle(ctx, sam.ID, "us")
		if err != nil {
			t.Fatal(err)
		}
		practices := []string{"water", "x-own-words", "hold"}
		if _, err := db.SetShare(ctx, sam.ID, c.ID, tend.ShareSome, practices); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.CreateCardShare(ctx, sam.ID, tend.ShareSome, practices[:2], time.Hour); err != nil {
			t.Fatal(err)
		}
		scopes := []tend.Scope{tend.ScopeProfileRead, tend.ScopeCirclesRead}
		if _, _, err := db.CreateAPIToken(ctx, sam.ID, "phone", scopes); err != nil {
			t.Fatal(err)
		}
		transports := []string{"usb", "hybrid"}
		if err := db.CreatePasskey(ctx, &tend.Passkey{PersonID: sam.ID, Name: "key", CredentialID: []byte{1}, PublicKey: []byte{2},
			Transports: transports}); err != nil {
			t.Fatal(err)
		}
		want := []string{`["water","x-own-words","hold"]`, `["water","x-own-words"]`, `["profile:read","circles:read"]`, `["usb","hybrid"]`}
		if got := db.ListsAsStored(t, sam.ID, nil); !reflect.DeepEqual(got, want) {
			t.Fatalf("stored: %q, want %q", got, want)
		}
		check := func(when string) {
			t.Helper()
			if got, err := db.FindCircle(ctx, sam.ID, c.ID); err != nil {
				t.Errorf("%s: circle: %v", when, err)
			} else if m := got.Member(sam.ID); !reflect.DeepEqual(m.Practices, practices) {
				t.Errorf("%s: circle practices %v", when, m.Practices)
			}
			links, err := db.FindCardShares(ctx, sam.ID)
			if err != nil || len(links) != 1 || !reflect.DeepEqual(links[0].Practices, practices[:2]) {
				t.Errorf("%s: card link practices %+v, %v", when, links, err)
			}
			tokens, err := db.FindAPITokens(ctx, sam.ID)
			if err != nil || len(tokens) != 1 || !reflect.DeepEqual(tokens[0].Scopes, scopes) {
				t.Errorf("%s: token scopes %+v, %v", when, tokens, err)
			}
			keys, err := db.FindPasskeys(ctx, sam.ID)
			if err != nil || len(keys) != 1 || !reflect.DeepEqual(keys[0].Transports, transports) {
				t.Errorf("%s: passkey transports %+v, %v", when, keys, err)
			}
		}
		check("as written")

		// As an older version stored them.
		db.ListsAsStored(t, sam.ID, func(v string) string {
			var list []string
			if err := json.Unmarshal([]byte(v), &list); err != nil {
				t.Fatal(err)
			}
			return strings.Join(list, ",")
		})
		old := []string{"water,x-own-words,hold", "water,x-own-words", "profile:read,circles:read", "usb,hybrid"}
		if got := db.ListsAsStored(t, sam.ID, nil); !reflect.DeepEqual(got, old) {
			t.Fatalf("stored the old way: %q, want %q", got, old)
		}
		check("stored the old way")
	})
}

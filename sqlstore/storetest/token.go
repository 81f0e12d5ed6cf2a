package storetest

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

func testAPITokens(t *testing.T, s Store) {
	ctx := context.Background()
	sam := mustCreatePerson(t, s.DB, "sam", "Sam")
	alex := mustCreatePerson(t, s.DB, "alex", "Alex")
	const marker = "CANARY-token-name-4b2"
	secret, tok, err := s.DB.CreateAPIToken(ctx, sam.ID, " "+marker+" ", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(secret, tend.APITokenPrefix) || len(secret) < 45 || tok.Name != marker ||
		!slices.Equal(tok.Scopes, []tend.Scope{tend.ScopeProfileRead}) {
		t.Fatalf("created: %q %+v", secret, tok)
	}
	got, err := s.DB.FindAPITokenByToken(ctx, secret)
	if err != nil || got.ID != tok.ID || got.PersonID != sam.ID || !slices.Equal(got.Scopes, []tend.Scope{tend.ScopeProfileRead}) {
		t.Fatalf("find by secret: %+v %v", got, err)
	}
	for _, bad := range []string{"", secret + "x", tend.APITokenPrefix} {
		if _, err := s.DB.FindAPITokenByToken(ctx, bad); tend.ErrorCode(err) != tend.EUNAUTHORIZED {
			t.Errorf("secret %q: got %v, want EUNAUTHORIZED", bad, err)
		}
	}
	at(s, now.Add(time.Hour))
	if got, _ := s.DB.FindAPITokenByToken(ctx, secret); !got.LastUsedAt.Equal(now.Add(time.Hour)) {
		t.Errorf("use not noted: %v", got.LastUsedAt)
	}
	chosen := []tend.Scope{tend.ScopeReflectionsRead, tend.ScopeCirclesWrite, tend.ScopeCirclesWrite}
	_, second, err := s.DB.CreateAPIToken(ctx, sam.ID, "backup script", chosen)
	if err != nil {
		t.Fatal(err)
	}
	list, err := s.DB.FindAPITokens(ctx, sam.ID)
	if err != nil || len(list) != 2 || list[0].ID != second.ID || list[1].Name != marker ||
		!slices.Equal(list[0].Scopes, []tend.Scope{tend.ScopeCirclesWrite, tend.ScopeEncountersRead, tend.ScopeReflectionsRead}) {
		t.Fatalf("list: %+v %v", list, err)
	}
	_, _, err = s.DB.CreateAPIToken(ctx, sam.ID, "", []tend.Scope{"everything"})
	if ps := tend.ProblemsOf(err, ""); ps.Field("name") == "" || ps.Field("scopes") == "" {
		t.Errorf("an empty name and an unknown scope: got %v, want both named", err)
	}
	if list, _ := s.DB.FindAPITokens(ctx, alex.ID); len(list) != 0 {
		t.Errorf("Alex sees Sam's tokens: %+v", list)
	}
	if _, _, err := s.DB.CreateAPIToken(ctx, sam.ID, "  ", nil); tend.ErrorCode(err) != tend.EINVALID {
		t.Errorf("empty name: got %v, want EINVALID", err)
	}
	if raw := s.Raw(t); bytes.Contains(raw, []byte(marker)) || bytes.Contains(raw, []byte(secret)) {
		t.Errorf("a token's name or secret is on disk in plain text")
	}
	if err := s.DB.DeleteAPIToken(ctx, alex.ID, tok.ID); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("Alex revoking Sam's token: got %v, want ENOTFOUND", err)
	}
	if err := s.DB.DeleteAPIToken(ctx, sam.ID, tok.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB.FindAPITokenByToken(ctx, secret); tend.ErrorCode(err) != tend.EUNAUTHORIZED {
		t.Errorf("a revoked token works: %v", err)
	}
	if err := s.DB.DeletePerson(ctx, sam.ID); err != nil {
		t.Fatal(err)
	}
	if list, err := s.DB.FindAPITokens(ctx, sam.ID); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("a deleted person's tokens: %v %v", list, err)
	}
}

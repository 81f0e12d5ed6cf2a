package tend

import (
	"context"
	"time"
)

// APITokenPrefix starts every personal API token, so that one pasted
// somewhere it does not belong is easy to recognise.
const APITokenPrefix = "tend_"

// MaxTokenNameLen bounds a token's name.
const MaxTokenNameLen = 64

// APIToken is a personal token for the JSON API, for scripts and apps. Its
// secret is shown once at creation and never stored.
type APIToken struct {
	ID       string
	PersonID string
	// Name says what the token is for; free text, sealed at rest.
	Name string
	// Scopes are what it may do (see Scope).
	Scopes     []Scope
	CreatedAt  time.Time
	LastUsedAt time.Time
}

// ValidateTokenName trims a token's name and checks it.
func ValidateTokenName(name string) (string, error) {
	return checkName("name", name, MaxTokenNameLen, "say what the token is for, like \"backup script\"")
}

// TokenService stores personal API tokens.
type TokenService interface {
	// CreateAPIToken makes a token that may do what its scopes permit
	// (none: DefaultScopes) and returns its secret, shown once. EINVALID
	// for a bad name or an unknown scope.
	CreateAPIToken(ctx context.Context, personID, name string, scopes []Scope) (string, *APIToken, error)
	// FindAPITokenByToken returns the token the secret belongs to, noting
	// its use; EUNAUTHORIZED when there is none.
	FindAPITokenByToken(ctx context.Context, secret string) (*APIToken, error)
	// FindAPITokens lists the person's tokens, newest first.
	FindAPITokens(ctx context.Context, personID string) ([]*APIToken, error)
	// DeleteAPIToken revokes one; ENOTFOUND if the person has no such token.
	DeleteAPIToken(ctx context.Context, personID, id string) error
	// DeleteAPITokens revokes all the person's tokens.
	DeleteAPITokens(ctx context.Context, personID string) error
}

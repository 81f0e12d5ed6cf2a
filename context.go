package tend

import "context"

// contextKey keeps this package's context values apart from others'.
type contextKey int

const (
	personKey contextKey = iota
	sessionKey
	tokenKey
)

// NewContextWithPerson returns a context carrying the signed-in person
// and their session.
func NewContextWithPerson(ctx context.Context, p *Person, s *Session) context.Context {
	return context.WithValue(context.WithValue(ctx, personKey, p), sessionKey, s)
}

// PersonFromContext returns the signed-in person, or nil.
func PersonFromContext(ctx context.Context) *Person {
	p, _ := ctx.Value(personKey).(*Person)
	return p
}

// SessionFromContext returns the session of the request, or nil.
func SessionFromContext(ctx context.Context) *Session {
	s, _ := ctx.Value(sessionKey).(*Session)
	return s
}

// NewContextWithAPIToken returns a context carrying the API token the
// request came with.
func NewContextWithAPIToken(ctx context.Context, t *APIToken) context.Context {
	return context.WithValue(ctx, tokenKey, t)
}

// APITokenFromContext returns the API token of the request, or nil when
// it came with a session (or signed out).
func APITokenFromContext(ctx context.Context) *APIToken {
	t, _ := ctx.Value(tokenKey).(*APIToken)
	return t
}

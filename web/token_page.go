package web

import (
	"net/http"
	"slices"

	"github.com/tendcare/tend"
)

// tokenPageRoutes are the API tokens page and its forms.
func (s *Server) tokenPageRoutes() []route {
	return []route{
		{method: "GET", pattern: "/settings/tokens", access: sessionOnly, page: true, handle: s.handleTokensPage},
		{method: "POST", pattern: "/settings/tokens", access: sessionOnly, page: true, handle: s.handleTokenCreateForm},
		{method: "POST", pattern: "/settings/tokens/{id}/revoke", access: sessionOnly, page: true, handle: s.handleTokenRevokeForm, object: "token"},
	}
}

// scopeChoice is one scope as the token form offers it.
type scopeChoice struct {
	Value   tend.Scope
	Label   string
	Checked bool
}

// scopeLabels say what each scope lets a token do, in the form's words.
var scopeLabels = map[tend.Scope]string{
	tend.ScopeProfileRead:      "Read my profile, settings and plan",
	tend.ScopeProfileWrite:     "Change my profile and settings",
	tend.ScopeCirclesRead:      "Read my circles, their plans and my card links",
	tend.ScopeCirclesWrite:     "Make and change circles, invitations and card links",
	tend.ScopeEncountersRead:   "Read my encounters and their live signals (without check-ins)",
	tend.ScopeEncountersWrite:  "Start encounters, move them on, send signals",
	tend.ScopeCheckInsRead:     "Read check-ins: everyone's limits, triggers and safewords",
	tend.ScopeCheckInsWrite:    "Save my check-ins",
	tend.ScopeReflectionsRead:  "Read reflections, with my private journal",
	tend.ScopeReflectionsWrite: "Record my reflections",
	tend.ScopeFollowupsRead:    "Read my follow-ups, with my answers, and their settings",
	tend.ScopeFollowupsWrite:   "Answer and put off my follow-ups, change their settings",
	tend.ScopeChannelsRead:     "Read where Tend reaches me outside the app (never their secrets)",
	tend.ScopeChannelsWrite:    "Add, change, test and remove where Tend reaches me outside the app",
	tend.ScopeInsightsRead:     "See my insights, the suggestions for my profile, and my circles' insights",
}

// scopeLabel is a scope in words, for the list of tokens.
func scopeLabel(s tend.Scope) string {
	if l, ok := scopeLabels[s]; ok {
		return l
	}
	return string(s)
}

func scopeChoices(checked []tend.Scope) []scopeChoice {
	out := make([]scopeChoice, 0, len(tend.Scopes()))
	for _, sc := range tend.Scopes() {
		out = append(out, scopeChoice{Value: sc, Label: scopeLabels[sc], Checked: slices.Contains(checked, sc)})
	}
	return out
}

type tokensView struct {
	Page   page
	Tokens []*tend.APIToken
	// Secret is a new token's secret, shown this once.
	Secret, Name string
	Scopes       []scopeChoice
}

func (s *Server) tokensView(r *http.Request) (*tokensView, error) {
	ctx := r.Context()
	list, err := s.Tokens.FindAPITokens(ctx, personID(r))
	v := &tokensView{Page: s.base(r, "API tokens", "settings"), Tokens: list, Scopes: scopeChoices(tend.DefaultScopes())}
	v.Page.Fields = []formField{{Path: "name", ID: "name", Label: "What is it for?"},
		{Path: "scopes", ID: "scopes", Label: "What may it do?", Link: "scope-first"}}
	return v, err
}

// handleTokensPage lists the tokens, and a new one's secret once, just
// after the form made it.
func (s *Server) handleTokensPage(w http.ResponseWriter, r *http.Request) {
	v, err := s.tokensView(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if o := s.takeShownOnce(w, r, "/settings/tokens", onceToken, ""); o != nil {
		v.Secret = o.Token
	}
	s.render(w, r, http.StatusOK, "tokens", v)
}

// handleTokenCreateForm makes a token with the scopes ticked and sends
// the browser to the list, which shows its secret once: a reload there
// makes no second token.
func (s *Server) handleTokenCreateForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	name := formValue(r, "name")
	var scopes []tend.Scope
	for _, sc := range r.PostForm["scope"] {
		scopes = append(scopes, tend.Scope(sc))
	}
	if len(scopes) == 0 {
		scopes = tend.DefaultScopes()
	}
	secret, _, err := s.Tokens.CreateAPIToken(ctx, personID(r), name, scopes)
	if err != nil {
		v, lerr := s.tokensView(r)
		if lerr != nil {
			s.pageError(w, r, lerr)
			return
		}
		v.Name, v.Scopes = name, scopeChoices(scopes)
		s.formError(w, r, "tokens", &v.Page, v, err)
		return
	}
	if err := s.keepShownOnce(w, r, "/settings/tokens", shownOnce{Kind: onceToken, Person: personID(r), Token: secret}); err != nil {
		s.pageError(w, r, err)
		return
	}
	redirect(w, r, "/settings/tokens", "")
}

func (s *Server) handleTokenRevokeForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := s.Tokens.DeleteAPIToken(ctx, personID(r), r.PathValue("id")); err != nil {
		s.pageError(w, r, err)
		return
	}
	redirect(w, r, "/settings/tokens", "revoked")
}

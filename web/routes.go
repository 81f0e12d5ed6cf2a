package web

import (
	"net/http"

	"github.com/tendcare/tend"
)

// access says who may use a route.
type access int

const (
	public      access = iota // anyone
	signedIn                  // a signed-in person, by session or API token; others get 401
	sessionOnly               // a signed-in session: API tokens get 403 (account matters)
)

// route is one entry of the route table, which drives both the router and
// the authorization matrix test: a route cannot exist without being tried
// unauthenticated, cross-site, and (when it names an object) as another
// person.
type route struct {
	method, pattern string
	access          access
	handle          http.HandlerFunc
	// page marks an HTML page: signed out, it sends the browser to the
	// sign-in page instead of answering 401.
	page bool
	// object is the kind of object the {id} wildcard names, which
	// someone owns (empty if none): the matrix tries it as another person
	// and expects a 404 byte-identical to a missing id.
	object string
	// scope is what an API token needs to use a signedIn route; a token
	// without it gets 403. Every signedIn route names one (the matrix
	// checks); sessionOnly routes take no token at all.
	scope tend.Scope
}

func (s *Server) routes() []route {
	rts := []route{
		{method: "GET", pattern: "/healthz", access: public, handle: s.handleHealthz},
		{method: "GET", pattern: "/readyz", access: public, handle: s.handleReadyz},
		{method: "GET", pattern: "/api/v1/openapi.json", access: public, handle: s.handleOpenAPI},
		{method: "POST", pattern: "/api/v1/signup", access: public, handle: s.handleSignup},
		{method: "POST", pattern: "/api/v1/signin", access: public, handle: s.handleSignin},
		{method: "POST", pattern: "/api/v1/signout", access: sessionOnly, handle: s.handleSignout},
		{method: "GET", pattern: "/api/v1/me", access: signedIn, scope: tend.ScopeProfileRead, handle: s.handleMe},
		{method: "GET", pattern: "/api/v1/settings", access: signedIn, scope: tend.ScopeProfileRead, handle: s.handleSettingsGet},
		{method: "PUT", pattern: "/api/v1/settings", access: signedIn, scope: tend.ScopeProfileWrite, handle: s.handleSettingsPut},
		{method: "POST", pattern: "/api/v1/password", access: sessionOnly, handle: s.handlePassword},
		{method: "POST", pattern: "/api/v1/confirm", access: sessionOnly, handle: s.handleConfirm},
		{method: "GET", pattern: "/api/v1/export", access: sessionOnly, handle: s.handleExport},
		{method: "DELETE", pattern: "/api/v1/account", access: sessionOnly, handle: s.handleDeleteAccount},
		{method: "POST", pattern: "/api/v1/tokens", access: sessionOnly, handle: s.handleTokenCreate},
		{method: "GET", pattern: "/api/v1/tokens", access: sessionOnly, handle: s.handleTokenList},
		{method: "DELETE", pattern: "/api/v1/tokens/{id}", access: sessionOnly, handle: s.handleTokenDelete, object: "token"},
		{method: "POST", pattern: "/api/v1/passkeys/register/begin", access: sessionOnly, handle: s.handlePasskeyRegisterBegin},
		{method: "POST", pattern: "/api/v1/passkeys/register/finish", access: sessionOnly, handle: s.handlePasskeyRegisterFinish},
		{method: "GET", pattern: "/api/v1/passkeys", access: sessionOnly, handle: s.handlePasskeyList},
		{method: "PATCH", pattern: "/api/v1/passkeys/{id}", access: sessionOnly, handle: s.handlePasskeyUpdate, object: "passkey"},
		{method: "DELETE", pattern: "/api/v1/passkeys/{id}", access: sessionOnly, handle: s.handlePasskeyDelete, object: "passkey"},
		{method: "POST", pattern: "/api/v1/signin/passkey/begin", access: public, handle: s.handlePasskeySigninBegin},
		{method: "POST", pattern: "/api/v1/signin/passkey/finish", access: public, handle: s.handlePasskeySigninFinish},
		{method: "GET", pattern: "/api/v1/sessions", access: sessionOnly, handle: s.handleSessionList},
		{method: "DELETE", pattern: "/api/v1/sessions", access: sessionOnly, handle: s.handleSessionDeleteOthers},
		{method: "DELETE", pattern: "/api/v1/sessions/{id}", access: sessionOnly, handle: s.handleSessionDelete, object: "session"},
		{method: "GET", pattern: "/api/v1/profile", access: signedIn, scope: tend.ScopeProfileRead, handle: s.handleProfileGet},
		{method: "PUT", pattern: "/api/v1/profile", access: signedIn, scope: tend.ScopeProfileWrite, handle: s.handleProfilePut},
		{method: "POST", pattern: "/api/v1/profile/import", access: signedIn, scope: tend.ScopeProfileWrite, handle: s.handleProfileImport},
		{method: "GET", pattern: "/api/v1/profile/versions", access: signedIn, scope: tend.ScopeProfileRead, handle: s.handleProfileVersions},
		{method: "GET", pattern: "/api/v1/profile/versions/{version}", access: signedIn, scope: tend.ScopeProfileRead, handle: s.handleProfileVersion},
		{method: "POST", pattern: "/api/v1/profile/versions/{version}/restore", access: signedIn, scope: tend.ScopeProfileWrite, handle: s.handleProfileRestore},
		{method: "GET", pattern: "/api/v1/profile/card", access: signedIn, scope: tend.ScopeProfileRead, handle: s.handleProfileCard},
		{method: "GET", pattern: "/api/v1/profile/plan", access: signedIn, scope: tend.ScopeProfileRead, handle: s.handleProfilePlan},
		{method: "POST", pattern: "/api/v1/circles", access: signedIn, scope: tend.ScopeCirclesWrite, handle: s.handleCircleCreate},
		{method: "GET", pattern: "/api/v1/circles", access: signedIn, scope: tend.ScopeCirclesRead, handle: s.handleCircleList},
		{method: "GET", pattern: "/api/v1/circles/{id}", access: signedIn, scope: tend.ScopeCirclesRead, handle: s.handleCircleGet, object: "circle"},
		{method: "PATCH", pattern: "/api/v1/circles/{id}", access: signedIn, scope: tend.ScopeCirclesWrite, handle: s.handleCircleRename, object: "circle"},
		{method: "DELETE", pattern: "/api/v1/circles/{id}", access: signedIn, scope: tend.ScopeCirclesWrite, handle: s.handleCircleDelete, object: "circle"},
		{method: "PUT", pattern: "/api/v1/circles/{id}/share", access: signedIn, scope: tend.ScopeCirclesWrite, handle: s.handleCircleShare, object: "circle"},
		{method: "POST", pattern: "/api/v1/circles/{id}/leave", access: signedIn, scope: tend.ScopeCirclesWrite, handle: s.handleCircleLeave, object: "circle"},
		{method: "DELETE", pattern: "/api/v1/circles/{id}/members/{member}", access: signedIn, scope: tend.ScopeCirclesWrite, handle: s.handleCircleRemoveMember, object: "circle"},
		{method: "GET", pattern: "/api/v1/circles/{id}/plan", access: signedIn, scope: tend.ScopeCirclesRead, handle: s.handleCirclePlan, object: "circle"},
		{method: "GET", pattern: "/api/v1/circles/{id}/members/{member}/card", access: signedIn, scope: tend.ScopeCirclesRead, handle: s.handleCircleCard, object: "circle"},
		{method: "POST", pattern: "/api/v1/circles/{id}/invites", access: signedIn, scope: tend.ScopeCirclesWrite, handle: s.handleInviteCreate, object: "circle"},
		{method: "POST", pattern: "/api/v1/cards", access: signedIn, scope: tend.ScopeCirclesWrite, handle: s.handleCardShareCreate},
		{method: "GET", pattern: "/api/v1/cards", access: signedIn, scope: tend.ScopeCirclesRead, handle: s.handleCardShareList},
		{method: "DELETE", pattern: "/api/v1/cards/{id}", access: signedIn, scope: tend.ScopeCirclesWrite, handle: s.handleCardShareDelete, object: "cardshare"},
		{method: "GET", pattern: "/api/v1/invites/{token}", access: signedIn, scope: tend.ScopeCirclesRead, handle: s.handleInviteGet},
		{method: "POST", pattern: "/api/v1/invites/{token}/accept", access: signedIn, scope: tend.ScopeCirclesWrite, handle: s.handleInviteAccept},
		{method: "POST", pattern: "/api/v1/invites/{token}/decline", access: signedIn, scope: tend.ScopeCirclesWrite, handle: s.handleInviteDecline},

		// Pages.
		{method: "GET", pattern: "/static/{hash}/{path...}", access: public, handle: s.handleStatic},
		{method: "GET", pattern: "/favicon.ico", access: public, handle: s.handleFavicon},
		{method: "GET", pattern: "/", access: public, page: true, handle: s.handleNotFound},
		{method: "GET", pattern: "/{$}", access: public, page: true, handle: s.handleHome},
		{method: "GET", pattern: "/away", access: public, handle: s.handleAway},
		{method: "GET", pattern: "/signin", access: public, page: true, handle: s.handleSigninPage},
		{method: "POST", pattern: "/signin", access: public, page: true, handle: s.handleSigninForm},
		{method: "GET", pattern: "/signup", access: public, page: true, handle: s.handleSignupPage},
		{method: "POST", pattern: "/signup", access: public, page: true, handle: s.handleSignupForm},
		{method: "POST", pattern: "/signout", access: sessionOnly, page: true, handle: s.handleSignoutForm},
		{method: "GET", pattern: "/profile", access: sessionOnly, page: true, handle: s.handleProfilePage},
		{method: "POST", pattern: "/profile/reviewed", access: sessionOnly, page: true, handle: s.handleProfileReviewed},
		{method: "GET", pattern: "/profile/practices", access: sessionOnly, page: true, handle: s.handlePracticesPage},
		{method: "POST", pattern: "/profile/practices", access: sessionOnly, page: true, handle: s.handlePracticesForm},
		{method: "GET", pattern: "/profile/about", access: sessionOnly, page: true, handle: s.handleAboutPage},
		{method: "POST", pattern: "/profile/about", access: sessionOnly, page: true, handle: s.handleAboutForm},
		{method: "GET", pattern: "/profile/own", access: sessionOnly, page: true, handle: s.handleOwnPage},
		{method: "POST", pattern: "/profile/own", access: sessionOnly, page: true, handle: s.handleOwnForm},
		{method: "POST", pattern: "/profile/own/add", access: sessionOnly, page: true, handle: s.handleOwnAdd},
		{method: "GET", pattern: "/profile/history", access: sessionOnly, page: true, handle: s.handleHistoryPage},
		{method: "GET", pattern: "/profile/history/{version}", access: sessionOnly, page: true, handle: s.handleVersionPage},
		{method: "POST", pattern: "/profile/history/{version}/restore", access: sessionOnly, page: true, handle: s.handleVersionRestore},
		{method: "GET", pattern: "/profile/import", access: sessionOnly, page: true, handle: s.handleImportPage},
		{method: "POST", pattern: "/profile/import", access: sessionOnly, page: true, handle: s.handleImportForm},
		{method: "GET", pattern: "/circles", access: sessionOnly, page: true, handle: s.handleCirclesPage},
		{method: "POST", pattern: "/circles", access: sessionOnly, page: true, handle: s.handleCircleCreateForm},
		{method: "GET", pattern: "/circles/{id}", access: sessionOnly, page: true, handle: s.handleCirclePage, object: "circle"},
		{method: "POST", pattern: "/circles/{id}/rename", access: sessionOnly, page: true, handle: s.handleCircleRenameForm, object: "circle"},
		{method: "POST", pattern: "/circles/{id}/share", access: sessionOnly, page: true, handle: s.handleCircleShareForm, object: "circle"},
		{method: "POST", pattern: "/circles/{id}/invite", access: sessionOnly, page: true, handle: s.handleCircleInviteForm, object: "circle"},
		{method: "POST", pattern: "/circles/{id}/leave", access: sessionOnly, page: true, handle: s.handleCircleLeaveForm, object: "circle"},
		{method: "POST", pattern: "/circles/{id}/delete", access: sessionOnly, page: true, handle: s.handleCircleDeleteForm, object: "circle"},
		{method: "POST", pattern: "/circles/{id}/members/{member}/remove", access: sessionOnly, page: true, handle: s.handleCircleRemoveForm, object: "circle"},
		{method: "GET", pattern: "/invites/{token}", access: public, page: true, handle: s.handleInvitePage},
		{method: "POST", pattern: "/invites/{token}/accept", access: sessionOnly, page: true, handle: s.handleInviteAcceptForm},
		{method: "POST", pattern: "/invites/{token}/decline", access: sessionOnly, page: true, handle: s.handleInviteDeclineForm},
		{method: "GET", pattern: "/profile/cards", access: sessionOnly, page: true, handle: s.handleCardSharesPage},
		{method: "POST", pattern: "/profile/cards", access: sessionOnly, page: true, handle: s.handleCardShareCreateForm},
		{method: "POST", pattern: "/profile/cards/{id}/revoke", access: sessionOnly, page: true, handle: s.handleCardShareRevokeForm, object: "cardshare"},
		{method: "GET", pattern: "/c/{token}", access: public, page: true, handle: s.handleCardPage},
		{method: "GET", pattern: "/c/{token}/plan", access: public, page: true, handle: s.handleCardPlan},
		{method: "POST", pattern: "/c/{token}/plan", access: public, page: true, handle: s.handleCardPlan},
		{method: "GET", pattern: "/c/{token}/card.json", access: public, handle: s.handleCardFile},
		{method: "GET", pattern: "/c/{token}/mine.json", access: public, handle: s.handleVisitorCard},
		{method: "POST", pattern: "/c/{token}/mine.json", access: public, page: true, handle: s.handleVisitorCard},
		{method: "GET", pattern: "/c/{token}/{format}", access: public, handle: s.handleCardQR},
		{method: "GET", pattern: "/settings", access: sessionOnly, page: true, handle: s.handleSettingsPage},
		{method: "POST", pattern: "/settings", access: sessionOnly, page: true, handle: s.handleSettingsForm},
		{method: "POST", pattern: "/settings/password", access: sessionOnly, page: true, handle: s.handlePasswordForm},
		{method: "GET", pattern: "/settings/account", access: sessionOnly, page: true, handle: s.handleAccountPage},
		{method: "POST", pattern: "/settings/export", access: sessionOnly, page: true, handle: s.handleExportForm},
		{method: "POST", pattern: "/settings/delete", access: sessionOnly, page: true, handle: s.handleDeleteForm},
		{method: "GET", pattern: "/settings/devices", access: sessionOnly, page: true, handle: s.handleDevicesPage},
		{method: "POST", pattern: "/settings/devices/{id}/revoke", access: sessionOnly, page: true, handle: s.handleDeviceRevoke, object: "session"},
		{method: "POST", pattern: "/settings/devices/revoke-others", access: sessionOnly, page: true, handle: s.handleDevicesRevokeOthers},
		{method: "GET", pattern: "/settings/passkeys", access: sessionOnly, page: true, handle: s.handlePasskeysPage},
		{method: "POST", pattern: "/settings/passkeys/{id}/delete", access: sessionOnly, page: true, handle: s.handlePasskeyDeleteForm, object: "passkey"},
		{method: "GET", pattern: "/settings/tokens", access: sessionOnly, page: true, handle: s.handleTokensPage},
		{method: "POST", pattern: "/settings/tokens", access: sessionOnly, page: true, handle: s.handleTokenCreateForm},
		{method: "POST", pattern: "/settings/tokens/{id}/revoke", access: sessionOnly, page: true, handle: s.handleTokenRevokeForm, object: "token"},
	}
	rts = append(rts, s.encounterAPIRoutes()...)
	return append(rts, s.encounterPageRoutes()...)
}

// register adds every route of the table to the mux.
func (s *Server) register(mux *http.ServeMux) {
	for _, rt := range s.routes() {
		h := rt.handle
		switch {
		case rt.page && rt.access != public:
			h = s.requirePageSession(h)
		case rt.page:
			h = s.maybeSignedIn(h)
		case rt.access != public:
			h = s.requireSession(h, rt.access == sessionOnly, rt.scope)
		}
		mux.HandleFunc(rt.method+" "+rt.pattern, h)
	}
}

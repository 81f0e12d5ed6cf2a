package web

import (
	"net/http"
	"slices"

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
	// stream marks an event stream, open for minutes: metrics count it
	// but never time it.
	stream bool
}

// routes is the route table: each noun's API and pages, from the file
// of each (<noun>_api.go, <noun>_page.go), joined in this fixed order.
func (s *Server) routes() []route {
	return slices.Concat(
		s.serverRoutes(),
		s.openAPIRoutes(),
		// The JSON API.
		s.accountAPIRoutes(),
		s.settingsAPIRoutes(),
		s.tokenAPIRoutes(),
		s.passkeyAPIRoutes(),
		s.sessionAPIRoutes(),
		s.profileAPIRoutes(),
		s.circleAPIRoutes(),
		s.inviteAPIRoutes(),
		s.cardShareAPIRoutes(),
		s.encounterAPIRoutes(),
		s.followupAPIRoutes(),
		s.dropAPIRoutes(),
		s.inboxAPIRoutes(),
		s.channelAPIRoutes(),
		s.insightAPIRoutes(),
		// Pages.
		s.staticRoutes(),
		s.appRoutes(),
		s.homePageRoutes(),
		s.accountPageRoutes(),
		s.profilePageRoutes(),
		s.practicesPageRoutes(),
		s.aboutPageRoutes(),
		s.ownPageRoutes(),
		s.historyPageRoutes(),
		s.importPageRoutes(),
		s.circlePageRoutes(),
		s.invitePageRoutes(),
		s.cardSharePageRoutes(),
		s.publicCardPageRoutes(),
		s.settingsPageRoutes(),
		s.sessionPageRoutes(),
		s.passkeyPageRoutes(),
		s.tokenPageRoutes(),
		s.encounterPageRoutes(),
		s.aftercarePageRoutes(),
		s.followupPageRoutes(),
		s.dropPageRoutes(),
		s.guidePageRoutes(),
		s.channelPageRoutes(), s.channelPublicPageRoutes(),
		s.insightPageRoutes(),
	)
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

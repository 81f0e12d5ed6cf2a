// Package web is Tend's HTTP face: routing, pages, the JSON API, sessions
// and security headers. Handlers call the domain services; nothing here
// stores anything itself.
package web

import (
	"context"
	"errors"
	"html/template"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"sync"
	"time"

	"github.com/tendcare/tend/internal/lru"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/catalog"
	"github.com/tendcare/tend/live"
	"github.com/tendcare/tend/password"
	"github.com/tendcare/tend/seal"
)

// serverRoutes are the probes of whoever runs the server: alive, and
// ready (the database answers).
func (s *Server) serverRoutes() []route {
	return []route{
		{method: "GET", pattern: "/healthz", access: public, handle: s.handleHealthz},
		{method: "GET", pattern: "/readyz", access: public, handle: s.handleReadyz},
	}
}

// Pinger is what /readyz asks: is the database reachable?
type Pinger interface {
	Ping(ctx context.Context) error
}

// Server serves Tend over HTTP. Set the fields, then call Handler or
// Listen and Serve.
type Server struct {
	Logger      *slog.Logger
	DB          Pinger
	People      tend.PersonService
	Sessions    tend.SessionService
	Credentials tend.CredentialService
	Profiles    tend.ProfileService
	Tokens      tend.TokenService
	Circles     tend.CircleService
	CardShares  tend.CardShareService
	Passkeys    tend.PasskeyService
	Encounters  tend.EncounterService
	// Followups are people's later check-ins: the inbox, answering,
	// snoozing, and what each chose about them.
	Followups tend.FollowupService
	// Drops are drop alerts: telling the others of a low time, their
	// one-tap answers, and whom a low answer tells.
	Drops tend.DropService
	// Exports builds a person's export (GET /api/v1/export).
	Exports tend.ExportService
	// Channels are the ways people are reached outside the app (email,
	// web push, ntfy, webhooks): Settings lists and changes them, and the
	// public pages confirm an email address or unsubscribe one.
	Channels tend.ChannelService
	// Insights read a person's and a circle's history for the insights
	// pages, and keep the suggestions dismissed.
	Insights tend.InsightService
	// Outbound is what the operator set up for reaching people outside
	// the app (see OutboundConfig); the zero value offers ntfy and
	// webhooks only.
	Outbound OutboundConfig
	// Broker carries news of live signals between nodes; nil means this
	// node alone (an in-process broker).
	Broker live.Broker
	// LiveLifetime is how long one live screen's stream stays open before
	// the browser reconnects and is checked again; 0 means 5 minutes.
	LiveLifetime time.Duration
	Catalog      *catalog.Catalog
	// Support are the places to turn to for help that the aftercare
	// screen shows with its grounding help; nil means DefaultSupport.
	Support   []SupportLine
	Passwords *password.Hasher
	// Signup is who may make an account: "open", "invite" or "closed".
	Signup string
	// PublicURL is the address people open Tend at
	// ("https://tend.example.org"), which passkeys are bound to; empty,
	// each request's own host is used. See ValidatePublicURL.
	PublicURL string
	// Ceremonies seals the state of passkey ceremonies into a cookie
	// between their two requests: a box from the server key.
	Ceremonies *seal.Box
	// Once seals a link just made by a form (a shared card's, an
	// invitation's) into a cookie for the page the form redirects to,
	// which shows it once: a box of its own purpose from the server key.
	Once *seal.Box
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names
	// the client, for the sign-in limits (see clientAddress); none: the
	// connection's peer is the client.
	TrustedProxies []netip.Prefix
	// Now is the clock; tests replace it.
	Now func() time.Time
	// Metrics, when set, counts and times requests for Prometheus and
	// may serve them at /metrics (see metrics.go); nil: metrics are off.
	Metrics *Metrics

	signinLimit  *addressLimiter
	unknown      *lru.Cache[string, unknownAccount]
	passkeyLimit *addressLimiter
	assets       *assets
	pages        *pages
	bodies       *lru.Cache[bodyKey, template.HTML]
	cardJSON     *lru.Cache[bodyKey, []byte]
	zones        sync.Map // time zones by name
	liveOnce     sync.Once
	live         *live.Rooms
	srv          *http.Server
	ln           net.Listener
}

// Publisher is this node's live rooms, made on first use: the store's
// tend.Publisher, which cmd/tend sets (sqlstore.DB.SetPublisher), so that
// what a change tells after its commit reaches the live screens of every
// node. Nil without Encounters.
func (s *Server) Publisher() tend.Publisher {
	s.liveOnce.Do(func() {
		if s.Encounters != nil {
			if s.Logger == nil {
				s.Logger = slog.Default()
			}
			s.live = s.newRooms()
		}
	})
	if s.live == nil {
		return nil
	}
	return s.live
}

// Handler returns the server's routes, with cross-origin protection on
// every state-changing request and the security headers on every response.
func (s *Server) Handler() http.Handler {
	if s.Now == nil {
		s.Now = time.Now
	}
	if s.signinLimit == nil {
		s.signinLimit = newAddressLimiter(10)
	}
	if s.unknown == nil {
		s.unknown = lru.New[string, unknownAccount](10000)
	}
	if s.passkeyLimit == nil {
		// Passkeys cannot be guessed: their limit only keeps one address
		// from making the server check signatures all day, and is apart
		// from the password's, so guessing passwords never stops them.
		s.passkeyLimit = newAddressLimiter(30)
	}
	if s.pages == nil {
		// Templates and assets are embedded: one that does not parse is a
		// bug in this build. The assets are read now; each page's template
		// is parsed when first shown (see pages).
		var err error
		if s.assets, err = loadAssets(); err != nil {
			panic("web: static assets: " + err.Error())
		}
		if s.pages, err = loadPages(s.assets); err != nil {
			panic("web: page templates: " + err.Error())
		}
	}
	if s.bodies == nil {
		s.bodies = lru.New[bodyKey, template.HTML](1024)
		s.cardJSON = lru.New[bodyKey, []byte](1024)
	}
	s.Publisher()
	mux := http.NewServeMux()
	s.register(mux)
	s.registerMetrics(mux)
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, tend.Errorf(tend.EFORBIDDEN, "this request came from another site and was refused"))
	}))
	return s.logRequests(s.securityHeaders(compress(cop.Handler(s.utf8Query(mux)))))
}

// Listen opens the listener on addr ("127.0.0.1:8080"; port 0 for any).
func (s *Server) Listen(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	s.ln = ln
	return nil
}

// Addr is the address the server listens on, once Listen has run.
func (s *Server) Addr() net.Addr { return s.ln.Addr() }

// Serve serves until Shutdown; it returns nil after a clean shutdown.
func (s *Server) Serve() error {
	s.srv = &http.Server{
		Handler: s.Handler(),
		// Timeouts keep slow or stuck clients from holding connections
		// open; long-lived streams will extend their own deadline.
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.Logger.Handler(), slog.LevelWarn),
	}
	err := s.srv.Serve(s.ln)
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops accepting connections and waits for those in flight,
// up to the context's deadline.
func (s *Server) Shutdown(ctx context.Context) error {
	if s.live != nil {
		s.live.Close()
	}
	if s.srv == nil {
		return nil
	}
	return s.srv.Shutdown(ctx)
}

func (s *Server) handleHealthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ok\n"))
}

func (s *Server) handleReadyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err := s.DB.Ping(ctx); err != nil {
		s.Logger.Warn("not ready: database does not answer", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("database unavailable\n"))
		return
	}
	w.Write([]byte("ok\n"))
}

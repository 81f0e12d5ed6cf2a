package web

//go:generate go run ../tools/icons -out static

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// appRoutes make Tend an installable web app: its manifest, its service
// worker (notifications, and an offline page), and the icons browsers and
// phones ask for at fixed addresses. None looks up a session.
func (s *Server) appRoutes() []route {
	return []route{
		{method: "GET", pattern: "/manifest.webmanifest", access: public, handle: s.handleManifest},
		{method: "GET", pattern: "/sw.js", access: public, handle: s.handleServiceWorker},
		{method: "GET", pattern: "/offline", access: public, handle: s.handleOffline},
		{method: "GET", pattern: "/favicon.ico", access: public, handle: s.handleFavicon},
		{method: "GET", pattern: "/apple-touch-icon.png", access: public, handle: s.handleTouchIcon},
	}
}

// The app's colours are the dark scheme's page background (tend.css
// --bg), the colour of the page the app opens on, so its splash screen
// and title bar run into the page without a flash.
const appBackground = "#15161b"

type manifestIcon struct {
	Src     string `json:"src"`
	Sizes   string `json:"sizes"`
	Type    string `json:"type"`
	Purpose string `json:"purpose"`
}

type manifest struct {
	ID              string         `json:"id"`
	Name            string         `json:"name"`
	ShortName       string         `json:"short_name"`
	Description     string         `json:"description"`
	Lang            string         `json:"lang"`
	StartURL        string         `json:"start_url"`
	Scope           string         `json:"scope"`
	Display         string         `json:"display"`
	BackgroundColor string         `json:"background_color"`
	ThemeColor      string         `json:"theme_color"`
	Icons           []manifestIcon `json:"icons"`
}

// handleManifest answers the web app manifest. Its description is
// neutral: it shows wherever the phone lists apps.
func (s *Server) handleManifest(w http.ResponseWriter, r *http.Request) {
	m := manifest{
		ID: "/", Name: "Tend", ShortName: "Tend",
		Description: "A private companion for looking after each other, and yourself.",
		Lang:        "en", StartURL: "/", Scope: "/", Display: "standalone",
		BackgroundColor: appBackground, ThemeColor: appBackground,
	}
	for _, ic := range []struct{ name, size, purpose string }{
		{"icons/icon-192.png", "192x192", "any"},
		{"icons/icon-512.png", "512x512", "any"},
		{"icons/maskable-192.png", "192x192", "maskable"},
		{"icons/maskable-512.png", "512x512", "maskable"},
	} {
		m.Icons = append(m.Icons, manifestIcon{Src: s.assetURL(ic.name), Sizes: ic.size, Type: "image/png", Purpose: ic.purpose})
	}
	body, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	serveRevalidated(w, r, "application/manifest+json", body)
}

// precached are the addresses the service worker keeps: the offline page
// and what it needs (its style sheet, icon and quick exit), and the quick
// exit's blank page with its style sheet, so that leaving works offline
// too. Nothing else, and nothing that names anyone.
func (s *Server) precached() []string {
	return []string{"/offline", "/away",
		s.assetURL("css/tend.css"), s.assetURL("favicon.svg"), s.assetURL("js/quickexit.js"), s.assetURL("css/away.css")}
}

// handleServiceWorker answers /sw.js: static/js/sw.js after the constants
// it needs. The cache's name changes whenever the worker, the pages it
// keeps or their files do, so a new release's worker replaces the old
// one's cache. Browsers are told to ask again each time (no-cache), so a
// new worker is found at once.
func (s *Server) handleServiceWorker(w http.ResponseWriter, r *http.Request) {
	src := s.assets.files["js/sw.js"].data
	precache := s.precached()
	sum := sha256.New()
	sum.Write(src)
	sum.Write([]byte(strings.Join(precache, "\n")))
	for _, t := range []string{"templates/offline.html", "templates/away.html"} {
		data, _ := templateFiles.ReadFile(t)
		sum.Write(data)
	}
	list, _ := json.Marshal(precache)
	var b bytes.Buffer
	b.WriteString("\"use strict\";\n// Made by the server for this release (web/app_page.go).\n")
	b.WriteString(`const CACHE = "tend-offline-` + hex.EncodeToString(sum.Sum(nil)[:6]) + "\";\n")
	b.WriteString("const PRECACHE = " + string(list) + ";\n")
	b.WriteString(`const ICON = "` + s.assetURL("icons/icon-192.png") + "\";\n")
	b.WriteString(`const BADGE = "` + s.assetURL("icons/badge-96.png") + "\";\n\n")
	b.Write(src)
	serveRevalidated(w, r, "text/javascript; charset=utf-8", b.Bytes())
}

// handleOffline answers the offline page, the same for everyone.
func (s *Server) handleOffline(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "offline", page{Title: "You're offline"})
}

// handleFavicon answers /favicon.ico, which browsers ask for whatever a
// page's head says: the 32 px PNG of the icon. Its address has no hash, so
// it is kept for a day, not a year.
func (s *Server) handleFavicon(w http.ResponseWriter, r *http.Request) {
	s.serveIcon(w, "icons/favicon-32.png")
}

// handleTouchIcon answers /apple-touch-icon.png, which iOS asks for when
// a page is added to the home screen without a link to one.
func (s *Server) handleTouchIcon(w http.ResponseWriter, r *http.Request) {
	s.serveIcon(w, "icons/apple-touch-icon.png")
}

func (s *Server) serveIcon(w http.ResponseWriter, name string) {
	f := s.assets.files[name]
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("Cache-Control", "public, max-age=86400")
	w.Write(f.data)
}

// assetURL is the hashed address of a static file that is known to be
// there (a missing one is a bug that the tests find).
func (s *Server) assetURL(name string) string {
	u, err := s.assets.url(name)
	if err != nil {
		panic("web: no static file " + name)
	}
	return u
}

// serveRevalidated writes a body that browsers keep but check each time
// (no-cache), answering 304 when theirs is still right.
func serveRevalidated(w http.ResponseWriter, r *http.Request, contentType string, body []byte) {
	sum := sha256.Sum256(body)
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Cache-Control", "no-cache")
	h.Set("ETag", `"`+hex.EncodeToString(sum[:8])+`"`)
	// The ETag is the bytes' as they are, which the browser sends back to
	// revalidate: compressed, they would be other bytes under it.
	noCompression(w)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

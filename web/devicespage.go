package web

import (
	"net/http"

	"github.com/tendcare/tend"
)

type devicesView struct {
	Page     page
	Sessions []*tend.Session
	Current  string
}

func (s *Server) handleDevicesPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, cur := tend.PersonFromContext(ctx), tend.SessionFromContext(ctx)
	list, err := s.Sessions.FindSessions(ctx, p.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "devices", devicesView{Page: s.base(r, "Devices", "settings"), Sessions: list, Current: cur.ID})
}

// handleDeviceRevoke signs one device out; this one goes to the sign-in
// page.
func (s *Server) handleDeviceRevoke(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, cur := tend.PersonFromContext(ctx), tend.SessionFromContext(ctx)
	id := r.PathValue("id")
	if err := s.Sessions.DeleteSession(ctx, p.ID, id); err != nil {
		s.pageError(w, r, err)
		return
	}
	if id == cur.ID {
		s.clearSessionCookie(w, r)
		redirect(w, r, "/signin", "signedout")
		return
	}
	redirect(w, r, "/settings/devices", "signedout")
}

func (s *Server) handleDevicesRevokeOthers(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, cur := tend.PersonFromContext(ctx), tend.SessionFromContext(ctx)
	if err := s.Sessions.DeleteSessions(ctx, p.ID, cur.ID); err != nil {
		s.pageError(w, r, err)
		return
	}
	redirect(w, r, "/settings/devices", "others")
}

type tokensView struct {
	Page   page
	Tokens []*tend.APIToken
	// Secret is a new token's secret, shown this once.
	Secret, Name string
}

func (s *Server) tokensView(r *http.Request) (*tokensView, error) {
	ctx := r.Context()
	list, err := s.Tokens.FindAPITokens(ctx, tend.PersonFromContext(ctx).ID)
	v := &tokensView{Page: s.base(r, "API tokens", "settings"), Tokens: list}
	v.Page.Fields = []formField{{Path: "name", ID: "name", Label: "What is it for?"}}
	return v, err
}

// handleTokensPage lists the tokens, with a new token's secret the once
// after the form made it.
func (s *Server) handleTokensPage(w http.ResponseWriter, r *http.Request) {
	v, err := s.tokensView(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v.Secret = s.takeOnce(w, r)
	s.render(w, r, http.StatusOK, "tokens", v)
}

// handleTokenCreateForm makes a token and sends the browser to the
// tokens page, which shows its secret once: it is never stored, so it
// cannot be shown again, and a reload makes no second token.
func (s *Server) handleTokenCreateForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	name := formValue(r, "name")
	secret, _, err := s.Tokens.CreateAPIToken(ctx, tend.PersonFromContext(ctx).ID, name)
	if err == nil {
		err = s.showOnce(w, r, "/settings/tokens", secret)
	}
	if err != nil {
		v, lerr := s.tokensView(r)
		if lerr != nil {
			s.pageError(w, r, lerr)
			return
		}
		v.Name = name
		s.formError(w, r, "tokens", &v.Page, v, err)
		return
	}
	redirect(w, r, "/settings/tokens", "")
}

func (s *Server) handleTokenRevokeForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := s.Tokens.DeleteAPIToken(ctx, tend.PersonFromContext(ctx).ID, r.PathValue("id")); err != nil {
		s.pageError(w, r, err)
		return
	}
	redirect(w, r, "/settings/tokens", "revoked")
}

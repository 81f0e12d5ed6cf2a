package web

import (
	"net/http"

	"github.com/tendcare/tend"
)

// sessionPageRoutes are the devices page: the sessions, and signing them
// out.
func (s *Server) sessionPageRoutes() []route {
	return []route{
		{method: "GET", pattern: "/settings/devices", access: sessionOnly, page: true, handle: s.handleDevicesPage},
		{method: "POST", pattern: "/settings/devices/{id}/revoke", access: sessionOnly, page: true, handle: s.handleDeviceRevoke, object: "session"},
		{method: "POST", pattern: "/settings/devices/revoke-others", access: sessionOnly, page: true, handle: s.handleDevicesRevokeOthers},
	}
}

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

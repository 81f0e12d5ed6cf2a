package web

import (
	"net/http"

	"github.com/tendcare/tend"
)

// passkeyPageRoutes are the passkeys page and removing one.
func (s *Server) passkeyPageRoutes() []route {
	return []route{
		{method: "GET", pattern: "/settings/passkeys", access: sessionOnly, page: true, handle: s.handlePasskeysPage},
		{method: "POST", pattern: "/settings/passkeys/{id}/delete", access: sessionOnly, page: true, handle: s.handlePasskeyDeleteForm, object: "passkey"},
	}
}

type passkeysView struct {
	Page     page
	Passkeys []*tend.Passkey
}

// handlePasskeysPage lists the person's passkeys, with a button (which
// needs JavaScript and a browser that knows passkeys) to add one.
func (s *Server) handlePasskeysPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	list, err := s.Passkeys.FindPasskeys(ctx, personID(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := passkeysView{Page: s.base(r, "Passkeys", "settings"), Passkeys: list}
	v.Page.Scripts = []string{"js/passkey.js"}
	s.render(w, r, http.StatusOK, "passkeys", v)
}

func (s *Server) handlePasskeyDeleteForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := s.Passkeys.DeletePasskey(ctx, personID(r), r.PathValue("id")); err != nil {
		s.pageError(w, r, err)
		return
	}
	redirect(w, r, "/settings/passkeys", "removed")
}

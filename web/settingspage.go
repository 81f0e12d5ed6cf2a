package web

import (
	"net/http"

	"github.com/tendcare/tend"
)

type settingsView struct {
	Page                  page
	DisplayName, TimeZone string
	QuietStart, QuietEnd  string
	PasswordError         string
}

func (s *Server) settingsView(r *http.Request) *settingsView {
	me := tend.PersonFromContext(r.Context())
	v := &settingsView{Page: s.base(r, "Settings", "settings"), DisplayName: me.DisplayName, TimeZone: me.TimeZone}
	if me.Quiet != nil {
		v.QuietStart, v.QuietEnd = me.Quiet.StartText(), me.Quiet.EndText()
	}
	return v
}

func (s *Server) handleSettingsPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "settings", s.settingsView(r))
}

// handleSettingsForm saves name, time zone and quiet hours; empty quiet
// hours turn them off.
func (s *Server) handleSettingsForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v := s.settingsView(r)
	if err := parseForm(w, r); err != nil {
		s.formError(w, r, "settings", &v.Page, v, err)
		return
	}
	v.DisplayName, v.TimeZone = formValue(r, "display_name"), formValue(r, "time_zone")
	v.QuietStart, v.QuietEnd = formValue(r, "quiet_start"), formValue(r, "quiet_end")
	upd := tend.PersonUpdate{DisplayName: &v.DisplayName, TimeZone: &v.TimeZone}
	var err error
	switch {
	case v.QuietStart == "" && v.QuietEnd == "":
		upd.NoQuiet = true
	default:
		upd.Quiet, err = tend.ParseQuietHours(v.QuietStart, v.QuietEnd)
	}
	if err == nil {
		_, err = s.People.UpdatePerson(ctx, tend.PersonFromContext(ctx).ID, upd)
	}
	if err != nil {
		s.formError(w, r, "settings", &v.Page, v, err)
		return
	}
	redirect(w, r, "/settings", "settings")
}

func (s *Server) handlePasswordForm(w http.ResponseWriter, r *http.Request) {
	v := s.settingsView(r)
	if err := parseForm(w, r); err != nil {
		s.formError(w, r, "settings", &v.Page, v, err)
		return
	}
	req := passwordRequest{Current: r.PostFormValue("current"), New: r.PostFormValue("new")}
	var err error
	if req.New != r.PostFormValue("new_again") {
		err = tend.Errorf(tend.EINVALID, "the two new passwords are not the same; type the same one twice")
	} else {
		err = s.changePassword(w, r, req)
	}
	if err != nil {
		s.formError(w, r, "settings", &v.Page, v, err)
		return
	}
	redirect(w, r, "/settings", "password")
}

type accountView struct {
	Page page
}

// handleAccountPage offers the export and the deletion of the account.
func (s *Server) handleAccountPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "account", s.accountView(r))
}

func (s *Server) accountView(r *http.Request) *accountView {
	v := &accountView{Page: s.base(r, "My data", "settings")}
	v.Page.Scripts = []string{"js/passkey.js"}
	return v
}

// confirmForm checks the password the form carries and marks the session
// as just confirmed. Without a password, a confirmation in the last ten
// minutes (a passkey, say) will do.
func (s *Server) confirmForm(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	pw := r.PostFormValue("password")
	if pw == "" && tend.SessionFromContext(r.Context()).RecentlyAuthenticated(s.Now()) {
		return nil
	}
	if pw == "" {
		return tend.Errorf(tend.EINVALID, "type your password, or confirm with a passkey first")
	}
	if _, err := s.checkMyPassword(r, pw, "password"); err != nil {
		return err
	}
	ctx := r.Context()
	return s.Sessions.ConfirmSession(ctx, tend.SessionFromContext(ctx).ID)
}

func (s *Server) handleExportForm(w http.ResponseWriter, r *http.Request) {
	if err := s.confirmForm(w, r); err != nil {
		v := s.accountView(r)
		s.formError(w, r, "account", &v.Page, v, err)
		return
	}
	s.writeExport(w, r)
}

func (s *Server) handleDeleteForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	err := s.confirmForm(w, r)
	if err == nil && r.PostFormValue("understood") == "" {
		err = tend.Errorf(tend.EINVALID, "tick the box to say you understand that this cannot be undone")
	}
	if err == nil {
		err = s.People.DeletePerson(ctx, tend.PersonFromContext(ctx).ID)
	}
	if err != nil {
		v := s.accountView(r)
		s.formError(w, r, "account", &v.Page, v, err)
		return
	}
	s.forgetPages(tend.PersonFromContext(ctx).ID)
	s.clearSessionCookie(w, r)
	redirect(w, r, "/signin", "goodbye")
}

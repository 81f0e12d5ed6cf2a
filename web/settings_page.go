package web

import (
	"net/http"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/password"
)

type settingsView struct {
	Page                  page
	DisplayName, TimeZone string
	QuietStart, QuietEnd  string
	PasswordError         string
}

// settingsFields are the fields of both forms on the settings page.
var settingsFields = []formField{
	{Path: "display_name", ID: "display_name", Label: "My name"},
	{Path: "time_zone", ID: "time_zone", Label: "Time zone"},
	{Path: "quiet_start", ID: "quiet_start", Label: "Quiet hours from"},
	{Path: "quiet_end", ID: "quiet_end", Label: "Quiet hours until"},
	{Path: "quiet_hours", ID: "quiet_start", Label: "Quiet hours"},
	{Path: "current", ID: "current", Label: "Current password"},
	{Path: "new", ID: "new", Label: "New password"},
	{Path: "new_again", ID: "new_again", Label: "New password again"},
}

func (s *Server) settingsView(r *http.Request) *settingsView {
	me := tend.PersonFromContext(r.Context())
	v := &settingsView{Page: s.base(r, "Settings", "settings"), DisplayName: me.DisplayName, TimeZone: me.TimeZone}
	v.Page.Fields = settingsFields
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
	// Every mistake at once: the name and zone as the store checks them,
	// and the quiet hours, each time beside its own field.
	me := *tend.PersonFromContext(ctx)
	me.DisplayName, me.TimeZone, me.Quiet = v.DisplayName, v.TimeZone, nil
	ps := tend.ProblemsOf(me.Validate(), "")
	switch {
	case v.QuietStart == "" && v.QuietEnd == "":
		upd.NoQuiet = true
	case v.QuietStart == "":
		ps.Add("quiet_start", "give a time like 22:00, or leave both times empty for no quiet hours")
	case v.QuietEnd == "":
		ps.Add("quiet_end", "give a time like 07:00, or leave both times empty for no quiet hours")
	default:
		var qerr error
		if upd.Quiet, qerr = tend.ParseQuietHours(v.QuietStart, v.QuietEnd); qerr != nil {
			ps.Add("quiet_hours", "%s", tend.ErrorMessage(qerr))
		}
	}
	err := ps.Err()
	if err == nil {
		_, err = s.People.UpdatePerson(ctx, personID(r), upd)
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
	// Every mistake at once: the new password's first, then the current
	// one is checked (a wrong one counts towards the wait, as always).
	var ps tend.Problems
	ps.Check("new", password.Check(req.New))
	if req.New != r.PostFormValue("new_again") {
		ps.Add("new_again", "the two new passwords are not the same; type the same one twice")
	}
	var err error
	switch {
	case req.Current == "":
		ps.Add("current", "type the password you sign in with now")
	case len(ps) > 0:
		if _, cerr := s.checkMyPassword(r, req.Current, "current"); tend.ErrorCode(cerr) == tend.EINVALID {
			ps.Check("current", cerr)
		} else {
			err = cerr
		}
	}
	if err == nil {
		err = ps.Err()
	}
	if err == nil {
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
		return tend.FieldErrorf("password", "type your password, or confirm with a passkey first")
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
		v.Page.Fields = []formField{{Path: "password", ID: "export-password", Label: "Password to export"}}
		s.formError(w, r, "account", &v.Page, v, passwordProblem(err))
		return
	}
	s.writeExport(w, r)
}

// passwordProblem puts a refused confirmation beside the password field.
func passwordProblem(err error) error {
	if tend.ErrorCode(err) != tend.EINVALID {
		return err
	}
	return tend.ProblemsOf(err, "password").Err()
}

func (s *Server) handleDeleteForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	// Both mistakes at once: the password, and the box not ticked.
	err := passwordProblem(s.confirmForm(w, r))
	ps := tend.ProblemsOf(err, "password")
	if r.PostFormValue("understood") == "" {
		ps.Add("understood", "tick the box to say you understand that this cannot be undone")
	}
	if err == nil || tend.ErrorCode(err) == tend.EINVALID {
		err = ps.Err()
	}
	if err == nil {
		err = s.People.DeletePerson(ctx, personID(r))
	}
	if err != nil {
		v := s.accountView(r)
		v.Page.Fields = []formField{{Path: "password", ID: "delete-password", Label: "Password to delete"},
			{Path: "understood", ID: "understood", Label: "I understand that this cannot be undone"}}
		s.formError(w, r, "account", &v.Page, v, err)
		return
	}
	s.forgetPages(personID(r))
	s.clearSessionCookie(w, r)
	redirect(w, r, "/signin", "goodbye")
}

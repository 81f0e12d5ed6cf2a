package web

import (
	"net/http"
	"slices"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/password"
)

// settingsPageRoutes are the settings page and its two forms.
func (s *Server) settingsPageRoutes() []route {
	return []route{
		{method: "GET", pattern: "/settings", access: sessionOnly, page: true, handle: s.handleSettingsPage},
		{method: "POST", pattern: "/settings", access: sessionOnly, page: true, handle: s.handleSettingsForm},
		{method: "POST", pattern: "/settings/password", access: sessionOnly, page: true, handle: s.handlePasswordForm},
	}
}

type settingsView struct {
	Page                  page
	DisplayName, TimeZone string
	QuietStart, QuietEnd  string
	PasswordError         string
	Followups             followupSettingsForm
	// DropTell is whom a low answer tells, as radios (drop_settings_page.go).
	DropTell []formChoice
	// Channels are the ways the person is reached outside the app
	// (channel_view.go).
	Channels *channelsView
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

func (s *Server) settingsView(r *http.Request) (*settingsView, error) {
	me := tend.PersonFromContext(r.Context())
	v := &settingsView{Page: s.base(r, "Settings", "settings"), DisplayName: me.DisplayName, TimeZone: me.TimeZone}
	v.Page.Fields = slices.Concat(settingsFields, followupSettingsFields, dropTellFields)
	if me.Quiet != nil {
		v.QuietStart, v.QuietEnd = me.Quiet.StartText(), me.Quiet.EndText()
	}
	if err := s.followupSettings(r, v); err != nil {
		return nil, err
	}
	if err := s.dropTellSettings(r, v); err != nil {
		return nil, err
	}
	if err := s.channelSettings(r, v); err != nil {
		return nil, err
	}
	return v, nil
}

// settingsForm opens a form of the settings page: the page's view, and
// the form read; false when it answered already (the view could not be
// made, or the form not read).
func (s *Server) settingsForm(w http.ResponseWriter, r *http.Request) (*settingsView, bool) {
	v, err := s.settingsView(r)
	if err != nil {
		s.pageError(w, r, err)
		return nil, false
	}
	if err := parseForm(w, r); err != nil {
		s.formError(w, r, "settings", &v.Page, v, err)
		return nil, false
	}
	return v, true
}

func (s *Server) handleSettingsPage(w http.ResponseWriter, r *http.Request) {
	v, err := s.settingsView(r)
	if err == nil {
		s.newWebhookSecretShown(w, r, v)
	}
	s.show(w, r, "settings", v, err)
}

// handleSettingsForm saves name, time zone and quiet hours; empty quiet
// hours turn them off.
func (s *Server) handleSettingsForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v, ok := s.settingsForm(w, r)
	if !ok {
		return
	}
	var err error
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
	err = ps.Err()
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
	v, ok := s.settingsForm(w, r)
	if !ok {
		return
	}
	var err error
	req := passwordRequest{Current: r.PostFormValue("current"), New: r.PostFormValue("new")}
	// Every mistake at once: the new password's first, then the current
	// one is checked (a wrong one counts towards the wait, as always).
	var ps tend.Problems
	ps.Check("new", password.Check(req.New))
	if req.New != r.PostFormValue("new_again") {
		ps.Add("new_again", "the two new passwords are not the same; type the same one twice")
	}
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

func (s *Server) accountView(r *http.Request) *accountView {
	v := &accountView{Page: s.base(r, "My data", "settings")}
	v.Page.Scripts = []string{"js/passkey.js"}
	return v
}

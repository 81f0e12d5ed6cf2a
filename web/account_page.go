package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/password"
)

// accountPageRoutes are the pages of the account: signing in, up and
// out, and its export and deletion.
func (s *Server) accountPageRoutes() []route {
	return []route{
		{method: "GET", pattern: "/signin", access: public, page: true, handle: s.handleSigninPage},
		{method: "POST", pattern: "/signin", access: public, page: true, handle: s.handleSigninForm},
		{method: "GET", pattern: "/signup", access: public, page: true, handle: s.handleSignupPage},
		{method: "POST", pattern: "/signup", access: public, page: true, handle: s.handleSignupForm},
		{method: "POST", pattern: "/signout", access: sessionOnly, page: true, handle: s.handleSignoutForm},
		{method: "GET", pattern: "/settings/account", access: sessionOnly, page: true, handle: s.handleAccountPage},
		{method: "POST", pattern: "/settings/export", access: sessionOnly, page: true, handle: s.handleExportForm},
		{method: "POST", pattern: "/settings/delete", access: sessionOnly, page: true, handle: s.handleDeleteForm},
	}
}

type signinView struct {
	Page           page
	Username, Next string
	// SignupURL offers to make an account instead, coming back to Next
	// too; "" when this server takes none.
	SignupURL string
}

// signupURL is the sign-up page, going on to next afterwards, if this
// server takes new accounts for someone on their way there: anyone when
// sign-up is open, and only someone on their way to an invitation when
// it is by invitation.
func (s *Server) signupURL(next string) string {
	_, invited := inviteToken(next)
	switch {
	case s.Signup != "open" && !(s.Signup == "invite" && invited):
		return ""
	case next == "/":
		return "/signup"
	}
	return "/signup?next=" + url.QueryEscape(next)
}

func (s *Server) handleSigninPage(w http.ResponseWriter, r *http.Request) {
	next := safeNext(r.URL.Query().Get("next"))
	if tend.PersonFromContext(r.Context()) != nil {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	v := signinView{Page: s.base(r, "Sign in", ""), Next: next, SignupURL: s.signupURL(next)}
	v.Page.Scripts = []string{"js/passkey.js"}
	s.render(w, r, http.StatusOK, "signin", v)
}

func (s *Server) handleSigninForm(w http.ResponseWriter, r *http.Request) {
	v := signinView{Page: s.base(r, "Sign in", ""), Next: "/", SignupURL: s.signupURL("/")}
	v.Page.Scripts = []string{"js/passkey.js"}
	v.Page.Fields = signinFields
	if err := parseForm(w, r); err != nil {
		s.formError(w, r, "signin", &v.Page, &v, err)
		return
	}
	v.Username, v.Next = formValue(r, "username"), safeNext(r.PostFormValue("next"))
	v.SignupURL = s.signupURL(v.Next)
	var ps tend.Problems
	if v.Username == "" {
		ps.Add("username", "type the username you signed up with")
	}
	if r.PostFormValue("password") == "" {
		ps.Add("password", "type your password")
	}
	err := ps.Err()
	var p *tend.Person
	if err == nil {
		p, err = s.passwordSignIn(r, signinRequest{Username: v.Username, Password: r.PostFormValue("password")})
	}
	if err == nil {
		_, err = s.newSession(w, r, p)
	}
	if tend.ErrorCode(err) == tend.EUNAUTHORIZED {
		// Which of the two is wrong is not told: it would say which
		// usernames exist. The password is what to type again.
		err = &tend.Error{Code: tend.EUNAUTHORIZED, Message: tend.ErrorMessage(err),
			Problems: []tend.Problem{{Path: "password", Message: tend.ErrorMessage(err)}}}
	}
	if err != nil {
		s.formError(w, r, "signin", &v.Page, &v, err)
		return
	}
	http.Redirect(w, r, v.Next, http.StatusSeeOther)
}

var signinFields = []formField{
	{Path: "username", ID: "username", Label: "Username"},
	{Path: "password", ID: "password", Label: "Password"},
}

var signupFields = []formField{
	{Path: "display_name", ID: "display_name", Label: "Your name"},
	{Path: "username", ID: "username", Label: "Username"},
	{Path: "password", ID: "password", Label: "Password"},
	{Path: "password_again", ID: "password_again", Label: "The same password again"},
	{Path: "time_zone", ID: "time_zone", Label: "Time zone"},
}

type signupView struct {
	Page                            page
	DisplayName, Username, TimeZone string
	// Next is where to go afterwards; Invited tells it is an invitation.
	Next    string
	Invited bool
	// SignupOpen shows the form: sign-up is open, or by invitation and
	// this is the way to one that is valid; ByInvitation tells the latter
	// kind of server.
	SignupOpen, ByInvitation bool
	// SigninURL signs in instead, going on to Next too.
	SigninURL string
}

// signupView is the sign-up page's view for someone going on to next.
func (s *Server) signupView(r *http.Request, next string) signupView {
	v := signupView{Page: s.base(r, "Create an account", ""), Next: next, ByInvitation: s.Signup == "invite", SigninURL: "/signin"}
	v.Page.Scripts = []string{"js/timezone.js"}
	v.Page.Fields = signupFields
	if next != "/" {
		v.SigninURL += "?next=" + url.QueryEscape(next)
	}
	_, v.Invited = inviteToken(next)
	v.SignupOpen = s.signupURL(next) != ""
	return v
}

func (s *Server) handleSignupPage(w http.ResponseWriter, r *http.Request) {
	next := safeNext(r.URL.Query().Get("next"))
	if tend.PersonFromContext(r.Context()) != nil {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	v := s.signupView(r, next)
	if token, _ := inviteToken(next); s.Signup == "invite" && v.Invited {
		// By invitation, the form is for a valid one only.
		if _, _, err := s.Circles.FindInvite(r.Context(), token); err != nil {
			if tend.ErrorCode(err) != tend.ENOTFOUND {
				s.pageError(w, r, err)
				return
			}
			v.SignupOpen = false
		}
	}
	s.render(w, r, http.StatusOK, "signup", v)
}

// handleSignupForm makes the account and signs the person in; then on to
// where they were going (an invitation, to answer it), or their profile.
func (s *Server) handleSignupForm(w http.ResponseWriter, r *http.Request) {
	v := s.signupView(r, "/")
	if err := parseForm(w, r); err != nil {
		s.formError(w, r, "signup", &v.Page, &v, err)
		return
	}
	v = s.signupView(r, safeNext(r.PostFormValue("next")))
	v.DisplayName, v.Username, v.TimeZone = formValue(r, "display_name"), formValue(r, "username"), formValue(r, "time_zone")
	req := signupRequest{DisplayName: v.DisplayName, Username: v.Username, Password: r.PostFormValue("password"), TimeZone: v.TimeZone}
	req.Invite, _ = inviteToken(v.Next)
	// Every mistake at once: the person's fields, then the password's.
	var ps tend.Problems
	ps.Check("", (&tend.Person{DisplayName: req.DisplayName, Username: req.Username, TimeZone: req.TimeZone}).Validate())
	ps.Check("password", password.Check(req.Password))
	if req.Password != r.PostFormValue("password_again") {
		ps.Add("password_again", "the two passwords are not the same; type the same one twice")
	}
	// A taken username is one of the mistakes to show at once, not one
	// found only after the others are fixed (the sign-up form tells
	// which usernames exist anyway, as every sign-up does).
	if ps.Field("username") == "" && v.SignupOpen {
		if _, err := s.People.FindPersonByUsername(r.Context(), strings.ToLower(strings.TrimSpace(req.Username))); err == nil {
			ps.Add("username", "that username is taken; choose another")
		}
	}
	err := ps.Err()
	if !v.SignupOpen {
		err = nil // createAccount says why there is no form to fix
	}
	var p *tend.Person
	if err == nil {
		p, err = s.createAccount(r.Context(), req)
	}
	if tend.ErrorCode(err) == tend.ECONFLICT {
		// Taken in the moment since the check above: the same mistake.
		err = tend.Problems{{Path: "username", Message: "that username is taken; choose another"}}.Err()
	}
	if err == nil {
		_, err = s.newSession(w, r, p)
	}
	if err != nil {
		s.formError(w, r, "signup", &v.Page, &v, err)
		return
	}
	switch {
	case v.Invited && s.inviteValid(r, req.Invite):
		redirect(w, r, v.Next, "invited")
	case v.Next != "/" && !v.Invited:
		http.Redirect(w, r, v.Next, http.StatusSeeOther)
	default:
		redirect(w, r, "/profile", "welcome")
	}
}

// inviteValid reports whether the invitation can still be answered, so
// that a new account goes on to it rather than to a page not found.
func (s *Server) inviteValid(r *http.Request, token string) bool {
	_, _, err := s.Circles.FindInvite(r.Context(), token)
	return err == nil
}

func (s *Server) handleSignoutForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, sess := tend.PersonFromContext(ctx), tend.SessionFromContext(ctx)
	if err := s.Sessions.DeleteSession(ctx, p.ID, sess.ID); err != nil {
		s.pageError(w, r, err)
		return
	}
	s.clearSessionCookie(w, r)
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
}

type accountView struct {
	Page page
}

// handleAccountPage offers the export and the deletion of the account.
func (s *Server) handleAccountPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "account", s.accountView(r))
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

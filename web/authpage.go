package web

import (
	"net/http"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/password"
)

type homeView struct {
	Page       page
	SignupOpen bool
	Profile    *tend.Profile
	Review     bool
}

// handleHome is the welcome page, or for a signed-in person their home:
// where their profile stands, and a gentle review nudge after 90 days.
func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	me := tend.PersonFromContext(ctx)
	if me == nil {
		v := homeView{Page: s.base(r, "Welcome", ""), SignupOpen: s.Signup == "open"}
		s.render(w, r, http.StatusOK, "welcome", v)
		return
	}
	p, err := s.Profiles.FindProfile(ctx, me.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := homeView{Page: s.base(r, "Home", "home"), Profile: p, Review: p.NeedsReview(s.Now())}
	s.render(w, r, http.StatusOK, "home", v)
}

// handleAway is the quick exit's neutral page: nothing on it says Tend.
func (s *Server) handleAway(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "away", page{})
}

// handleNotFound answers every path no route has.
func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, tend.Errorf(tend.ENOTFOUND, "there is nothing at %s", r.URL.Path))
}

type signinView struct {
	Page           page
	Username, Next string
	SignupOpen     bool
}

func (s *Server) handleSigninPage(w http.ResponseWriter, r *http.Request) {
	if tend.PersonFromContext(r.Context()) != nil {
		http.Redirect(w, r, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
		return
	}
	v := signinView{Page: s.base(r, "Sign in", ""), Next: safeNext(r.URL.Query().Get("next")), SignupOpen: s.Signup == "open"}
	v.Page.Scripts = []string{"js/passkey.js"}
	s.render(w, r, http.StatusOK, "signin", v)
}

func (s *Server) handleSigninForm(w http.ResponseWriter, r *http.Request) {
	v := signinView{Page: s.base(r, "Sign in", ""), SignupOpen: s.Signup == "open"}
	v.Page.Scripts = []string{"js/passkey.js"}
	v.Page.Fields = signinFields
	if err := parseForm(w, r); err != nil {
		s.formError(w, r, "signin", &v.Page, &v, err)
		return
	}
	v.Username, v.Next = formValue(r, "username"), safeNext(r.PostFormValue("next"))
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
	SignupOpen                      bool
}

func (s *Server) handleSignupPage(w http.ResponseWriter, r *http.Request) {
	if tend.PersonFromContext(r.Context()) != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	v := signupView{Page: s.base(r, "Create an account", ""), SignupOpen: s.Signup == "open"}
	v.Page.Scripts = []string{"js/timezone.js"}
	s.render(w, r, http.StatusOK, "signup", v)
}

func (s *Server) handleSignupForm(w http.ResponseWriter, r *http.Request) {
	v := signupView{Page: s.base(r, "Create an account", ""), SignupOpen: s.Signup == "open"}
	v.Page.Scripts = []string{"js/timezone.js"}
	v.Page.Fields = signupFields
	if err := parseForm(w, r); err != nil {
		s.formError(w, r, "signup", &v.Page, &v, err)
		return
	}
	v.DisplayName, v.Username, v.TimeZone = formValue(r, "display_name"), formValue(r, "username"), formValue(r, "time_zone")
	req := signupRequest{DisplayName: v.DisplayName, Username: v.Username, Password: r.PostFormValue("password"), TimeZone: v.TimeZone}
	// Every mistake at once: the person's fields, then the password's.
	var ps tend.Problems
	ps.Check("", (&tend.Person{DisplayName: req.DisplayName, Username: req.Username, TimeZone: req.TimeZone}).Validate())
	ps.Check("password", password.Check(req.Password))
	if req.Password != r.PostFormValue("password_again") {
		ps.Add("password_again", "the two passwords are not the same; type the same one twice")
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
		err = &tend.Error{Code: tend.ECONFLICT, Message: tend.ErrorMessage(err),
			Problems: []tend.Problem{{Path: "username", Message: tend.ErrorMessage(err)}}}
	}
	if err == nil {
		_, err = s.newSession(w, r, p)
	}
	if err != nil {
		s.formError(w, r, "signup", &v.Page, &v, err)
		return
	}
	redirect(w, r, "/profile", "welcome")
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

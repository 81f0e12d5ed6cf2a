package web

import (
	"html/template"
	"net/http"
	"slices"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/plan"
)

// circlePageRoutes are the pages of circles and their forms.
func (s *Server) circlePageRoutes() []route {
	return []route{
		{method: "GET", pattern: "/circles", access: sessionOnly, page: true, handle: s.handleCirclesPage},
		{method: "POST", pattern: "/circles", access: sessionOnly, page: true, handle: s.handleCircleCreateForm},
		{method: "GET", pattern: "/circles/{id}", access: sessionOnly, page: true, handle: s.handleCirclePage, object: "circle"},
		{method: "POST", pattern: "/circles/{id}/rename", access: sessionOnly, page: true, handle: s.handleCircleRenameForm, object: "circle"},
		{method: "POST", pattern: "/circles/{id}/share", access: sessionOnly, page: true, handle: s.handleCircleShareForm, object: "circle"},
		{method: "POST", pattern: "/circles/{id}/invite", access: sessionOnly, page: true, handle: s.handleCircleInviteForm, object: "circle"},
		{method: "POST", pattern: "/circles/{id}/leave", access: sessionOnly, page: true, handle: s.handleCircleLeaveForm, object: "circle"},
		{method: "POST", pattern: "/circles/{id}/delete", access: sessionOnly, page: true, handle: s.handleCircleDeleteForm, object: "circle"},
		{method: "POST", pattern: "/circles/{id}/members/{member}/remove", access: sessionOnly, page: true, handle: s.handleCircleRemoveForm, object: "circle"},
	}
}

type circlesView struct {
	Page    page
	Circles []*tend.Circle
	Name    string
}

func (s *Server) circlesView(r *http.Request) (*circlesView, error) {
	ctx := r.Context()
	list, err := s.Circles.FindCircles(ctx, personID(r))
	v := &circlesView{Page: s.base(r, "Circles", "circles"), Circles: list}
	v.Page.Fields = []formField{{Path: "name", ID: "name", Label: "Its name"}}
	return v, err
}

func (s *Server) handleCirclesPage(w http.ResponseWriter, r *http.Request) {
	v, err := s.circlesView(r)
	s.show(w, r, "circles", v, err)
}

func (s *Server) handleCircleCreateForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	c, err := s.Circles.CreateCircle(ctx, personID(r), formValue(r, "name"))
	if err != nil {
		v, lerr := s.circlesView(r)
		if lerr != nil {
			s.pageError(w, r, lerr)
			return
		}
		v.Name = formValue(r, "name")
		s.formError(w, r, "circles", &v.Page, v, err)
		return
	}
	redirect(w, r, "/circles/"+c.ID, "created")
}

// shareChoice is one practice the person may share with a circle.
type shareChoice struct {
	ID, Title string
	Shared    bool
}

type circleView struct {
	Page    page
	Circle  *tend.Circle
	Me      *tend.Member
	Creator bool
	// Choices are the practices on the person's profile, for "some".
	Choices []shareChoice
	// InviteURL is a new invitation's link, shown this once, InviteQR
	// the same as a QR code to show a phone, and InviteEnds when it
	// stops working.
	InviteURL  string
	InviteQR   template.HTML
	InviteEnds time.Time
	// SignupClosed: only people with an account here can be invited.
	SignupClosed bool
	Kind         tend.Kind
	Kinds        []tend.Kind
	Plan         *tend.Plan
	// Languages say, for each member, the three things that matter most
	// to them.
	Languages []string
	// Name and Share are the rename and share forms as they were sent,
	// to show again with a mistake.
	Name  string
	Share tend.Share
	// GroupsGuide is the guide for three or more, for a circle of three
	// or more (guide_links.go).
	GroupsGuide *guideLink
}

// circleFields are the fields of the circle page's forms.
var circleFields = []formField{
	{Path: "share", ID: "share", Label: "Share", Link: "share-everything"},
	{Path: "practices", ID: "practices", Label: "Practices to share", Link: "practices-0"},
	{Path: "name", ID: "name", Label: "The circle's name"},
}

// circleView builds the circle's page for the signed-in member.
func (s *Server) circleView(r *http.Request, c *tend.Circle) (*circleView, error) {
	ctx := r.Context()
	me := tend.PersonFromContext(ctx)
	v := &circleView{Page: s.base(r, c.Name, "circles"), Circle: c, Me: c.Member(me.ID), Creator: c.CreatedBy == me.ID,
		SignupClosed: s.Signup != "open" && s.Signup != "invite", Kind: tend.Kind(r.URL.Query().Get("encounter")), Kinds: tend.Kinds(), Name: c.Name}
	v.Page.Fields = circleFields
	if len(c.Members) >= 3 {
		v.GroupsGuide = s.guideLink("groups")
	}
	if v.Me != nil {
		v.Share = v.Me.Share
	}
	if v.Kind == "" || !v.Kind.Valid() {
		v.Kind = tend.Gentle
	}
	// Each member's profile is read once: the plan takes what they share,
	// the share form the whole of the person's own.
	cc, err := s.Circles.CircleCards(ctx, me.ID, c.ID)
	if err != nil {
		return nil, err
	}
	mine := cc.Mine
	recv, give, _ := mine.Levels("")
	for _, pr := range s.Catalog.Practices() {
		if recv[pr.ID] != "" || give[pr.ID] != "" {
			v.Choices = append(v.Choices, shareChoice{pr.ID, pr.Title, slices.Contains(v.Me.Practices, pr.ID)})
		}
	}
	for _, cp := range mine.Custom {
		v.Choices = append(v.Choices, shareChoice{cp.ID, cp.Title, slices.Contains(v.Me.Practices, cp.ID)})
	}
	shared := cc.Shared
	if v.Plan, err = plan.Make(s.Catalog, shared, v.Kind); err != nil {
		return nil, err
	}
	for _, card := range shared {
		v.Languages = append(v.Languages, plan.Language(s.Catalog, card, v.Kind))
	}
	return v, nil
}

func (s *Server) handleCirclePage(w http.ResponseWriter, r *http.Request) {
	c, ok := mine(s, w, r, s.Circles.FindCircle)
	if !ok {
		return
	}
	v, err := s.circleView(r, c)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if o := s.takeShownOnce(w, r, "/circles/"+c.ID, onceInvite, c.ID); o != nil {
		v.InviteURL, v.InviteEnds = s.origin(r)+"/invites/"+o.Token, o.Ends
		if v.InviteQR, err = qrSVG(v.InviteURL, "A QR code for the invitation link: scan it with the phone of the person you invite"); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "circle", v)
}

// circleForm runs a change to the person's circle from a form, then shows
// the circle again (or the form's mistake on its page, with the form as
// it was sent: keep sets it on the view).
func (s *Server) circleForm(w http.ResponseWriter, r *http.Request, done string, change func(personID, circleID string) error, keep func(*circleView)) {
	ctx := r.Context()
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	me, id := tend.PersonFromContext(ctx), r.PathValue("id")
	err := change(me.ID, id)
	if err == nil {
		redirect(w, r, "/circles/"+id, done)
		return
	}
	c, ferr := s.Circles.FindCircle(ctx, me.ID, id)
	if ferr != nil {
		// Not (or no longer) a member: the same answer as a missing circle.
		s.pageError(w, r, ferr)
		return
	}
	v, verr := s.circleView(r, c)
	if verr != nil {
		s.pageError(w, r, verr)
		return
	}
	if keep != nil {
		keep(v)
	}
	if tend.ErrorCode(err) == tend.ENOTFOUND {
		// Something in the circle (a member) is missing, not the circle:
		// say so on the circle's page.
		v.Page.Problems = []fieldProblem{{Message: capitalize(tend.ErrorMessage(err))}}
		s.render(w, r, http.StatusNotFound, "circle", v)
		return
	}
	s.formError(w, r, "circle", &v.Page, v, err)
}

func (s *Server) handleCircleRenameForm(w http.ResponseWriter, r *http.Request) {
	s.circleForm(w, r, "saved", func(me, id string) error {
		_, err := s.Circles.RenameCircle(r.Context(), me, id, formValue(r, "name"))
		return err
	}, func(v *circleView) { v.Name = formValue(r, "name") })
}

func (s *Server) handleCircleShareForm(w http.ResponseWriter, r *http.Request) {
	s.circleForm(w, r, "shared", func(me, id string) error {
		share := tend.Share(r.PostFormValue("share"))
		var practices []string
		if share == tend.ShareSome {
			practices = r.PostForm["practice"]
		}
		_, err := s.Circles.SetShare(r.Context(), me, id, share, practices)
		if tend.ErrorCode(err) == tend.EINVALID && !share.Valid() {
			err = tend.FieldErrorf("share", "choose one of the three")
		}
		return err
	}, func(v *circleView) {
		v.Share = tend.Share(r.PostFormValue("share"))
		ticked := r.PostForm["practice"]
		for i := range v.Choices {
			v.Choices[i].Shared = slices.Contains(ticked, v.Choices[i].ID)
		}
	})
}

func (s *Server) handleCircleRemoveForm(w http.ResponseWriter, r *http.Request) {
	s.circleForm(w, r, "removed", func(me, id string) error {
		_, err := s.Circles.RemoveMember(r.Context(), me, id, r.PathValue("member"))
		return err
	}, nil)
}

// handleCircleInviteForm makes an invitation and redirects to the
// circle's page, which shows its link once: a reload there makes no
// second invitation.
func (s *Server) handleCircleInviteForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, ok := mine(s, w, r, s.Circles.FindCircle)
	if !ok {
		return
	}
	me := tend.PersonFromContext(ctx)
	token, inv, err := s.Circles.CreateInvite(ctx, me.ID, c.ID)
	if err != nil {
		v, verr := s.circleView(r, c)
		if verr != nil {
			s.pageError(w, r, verr)
			return
		}
		s.formError(w, r, "circle", &v.Page, v, err)
		return
	}
	page := "/circles/" + c.ID
	if err := s.keepShownOnce(w, r, page, shownOnce{Kind: onceInvite, Person: me.ID, For: c.ID, Token: token, Ends: inv.ExpiresAt}); err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, page, http.StatusSeeOther)
}

func (s *Server) handleCircleLeaveForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := s.Circles.LeaveCircle(ctx, personID(r), r.PathValue("id")); err != nil {
		s.pageError(w, r, err)
		return
	}
	redirect(w, r, "/circles", "left")
}

func (s *Server) handleCircleDeleteForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := s.Circles.DeleteCircle(ctx, personID(r), r.PathValue("id")); err != nil {
		s.pageError(w, r, err)
		return
	}
	redirect(w, r, "/circles", "deleted")
}

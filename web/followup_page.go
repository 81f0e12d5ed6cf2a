package web

import (
	"net/http"

	"github.com/tendcare/tend"
)

// followupPageRoutes are the follow-up's page and its forms (answer, put
// it off, no more after this encounter), follow-ups on or off from the
// encounter page, and the follow-up settings' form. Home shows the inbox
// (home_page.go), the layout its count.
func (s *Server) followupPageRoutes() []route {
	return []route{
		{method: "GET", pattern: "/followups/{id}", access: sessionOnly, page: true, handle: s.handleFollowupPage, object: "followup"},
		{method: "POST", pattern: "/followups/{id}/answer", access: sessionOnly, page: true, handle: s.handleFollowupAnswerForm, object: "followup"},
		{method: "POST", pattern: "/followups/{id}/snooze", access: sessionOnly, page: true, handle: s.handleFollowupSnoozeForm, object: "followup"},
		{method: "POST", pattern: "/followups/{id}/off", access: sessionOnly, page: true, handle: s.handleFollowupOffForm, object: "followup"},
		{method: "POST", pattern: "/encounters/{id}/followups", access: sessionOnly, page: true, handle: s.handleEncounterFollowupsForm, object: "encounter"},
		{method: "POST", pattern: "/settings/followups", access: sessionOnly, page: true, handle: s.handleFollowupSettingsForm},
	}
}

// followupAnswerLabels are the answers in the page's words, in the
// order they are offered.
var followupAnswerLabels = map[tend.FollowupAnswer]string{
	tend.FollowupGood: "Good",
	tend.FollowupLow:  "A bit low",
	tend.FollowupCare: "I could use some care",
}

// snoozeLabels are the choices of putting a follow-up off, as buttons.
var snoozeLabels = map[tend.SnoozeChoice]string{
	tend.SnoozeHour:       "In an hour",
	tend.SnoozeThreeHours: "In three hours",
	tend.SnoozeMorning:    "Tomorrow morning",
}

// followupFlashes are the fixed messages after the follow-up forms.
var followupFlashes = map[string]string{
	"followup-answered":        "Your answer is saved.",
	"snoozed-hour":             "Put off for an hour. It will be back here then.",
	"snoozed-three-hours":      "Put off for three hours. It will be back here then.",
	"snoozed-tomorrow-morning": "Put off until tomorrow morning. It will be back here then.",
	"followups-off":            "No more follow-ups after that encounter. Settings has the rest of your choices.",
	"encounter-followups-off":  "No follow-ups after this encounter.",
	"encounter-followups-on":   "Follow-ups after this encounter are on.",
	"followup-settings":        "Follow-up settings saved.",
}

// followupFields are the follow-up page's fields.
var followupFields = []formField{
	{Path: "answer", ID: "answer", Label: "How you are feeling", Link: "answer-good"},
	{Path: "words", ID: "words", Label: "Anything to add"},
	{Path: "snooze", ID: "snooze", Label: "Not now", Link: "snooze-hour"},
}

// followupQuestion is the follow-up's one question in the person's
// words of time, on their clock: as it reads now while it waits (opened
// a day late, "since yesterday" would name the wrong day), as it read
// when answered, and as it will read at its time while still to come.
func (s *Server) followupQuestion(r *http.Request, f *tend.FollowupItem) string {
	at := f.Due
	switch {
	case f.State == tend.FollowupAnswered && !f.AnsweredAt.IsZero():
		at = f.AnsweredAt
	case f.State == tend.FollowupDue && s.Now().After(at):
		at = s.Now()
	}
	return tend.FollowupQuestion(at, f.Since, s.zone(tend.PersonFromContext(r.Context()).TimeZone))
}

// followupView is the follow-up page: the question with its form while
// it waits for an answer, a kind word once answered, or when it comes
// back while put off.
type followupView struct {
	Page     page
	F        *tend.FollowupItem
	Question string
	// After names the encounter it follows, when the person is in it
	// still, and Href is its page.
	After, Href string
	Answers     []formChoice
	Words       string
	Snoozes     []formChoice
	// Once answered: the answer in words, whether it tells of a drop,
	// the person's own list of what helps them then (their profile's),
	// and the guide on drop, when the catalog has it.
	Answer string
	Low    bool
	Helps  []string
	Guide  string
	// Tell is what a low answer did for the others, or offers to
	// (drop_page.go); nil when there is nobody to tell.
	Tell *dropTellOffer
}

// followupView builds the page of the follow-up; answer is the answer
// to show ticked (a form sent back with a mistake).
func (s *Server) followupView(r *http.Request, f *tend.FollowupItem, answer tend.FollowupAnswer) (*followupView, error) {
	ctx := r.Context()
	v := &followupView{Page: s.base(r, "A follow-up", ""), F: f, Question: s.followupQuestion(r, f)}
	v.Page.Title = v.Question
	v.Page.Fields = followupFields
	e, err := s.Encounters.FindEncounter(ctx, personID(r), f.EncounterID)
	if err == nil {
		v.After, v.Href = nameEncounter(e, "a time alone", kindLabel(e.Kind), ", with "), "/encounters/"+e.ID
	} else if tend.ErrorCode(err) != tend.ENOTFOUND {
		return nil, err
	}
	for _, a := range tend.FollowupAnswers() {
		v.Answers = append(v.Answers, formChoice{Value: string(a), Label: followupAnswerLabels[a], Checked: a == answer})
	}
	for _, c := range tend.SnoozeChoices() {
		v.Snoozes = append(v.Snoozes, formChoice{Value: string(c), Label: snoozeLabels[c]})
	}
	if f.State == tend.FollowupAnswered {
		v.Page.Title = "Thank you"
		v.Answer, v.Low, v.Words = followupAnswerLabels[f.Answer], f.Answer.Low(), f.Words
		if v.Low {
			prof, err := s.Profiles.FindProfile(ctx, personID(r))
			if err != nil {
				return nil, err
			}
			if d := prof.Card.Drop; d != nil {
				v.Helps = d.Helps
			}
			if _, ok := s.Catalog.Guide("drop"); ok {
				v.Guide = "/guides/drop"
			}
			if e != nil {
				if v.Tell, err = s.dropTellOffer(ctx, personID(r), f, e); err != nil {
					return nil, err
				}
			}
		}
	}
	return v, nil
}

func (s *Server) handleFollowupPage(w http.ResponseWriter, r *http.Request) {
	f, ok := mine(s, w, r, s.Followups.FindFollowup)
	if !ok {
		return
	}
	v, err := s.followupView(r, f, "")
	s.show(w, r, "followup", v, err)
}

// followupForm opens one of the follow-up page's forms: the signed-in
// person's follow-up the path names, and the form sent to it; when it
// cannot, it has answered with the error page.
func (s *Server) followupForm(w http.ResponseWriter, r *http.Request) (*tend.FollowupItem, bool) {
	f, ok := mine(s, w, r, s.Followups.FindFollowup)
	if !ok {
		return nil, false
	}
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return nil, false
	}
	return f, true
}

// followupFormAgain shows the follow-up page again with what was wrong
// beside its field (a conflict, answered or turned off meanwhile, at the
// top), the answer and words kept, nothing saved.
func (s *Server) followupFormAgain(w http.ResponseWriter, r *http.Request, f *tend.FollowupItem, err error, answer tend.FollowupAnswer, words string) {
	// As it stands now: answered meanwhile, the page says so.
	if now, ferr := s.Followups.FindFollowup(r.Context(), personID(r), f.ID); ferr == nil {
		f = now
	}
	v, verr := s.followupView(r, f, answer)
	if verr != nil {
		s.pageError(w, r, verr)
		return
	}
	if f.State != tend.FollowupAnswered {
		v.Words = words
	}
	s.formError(w, r, "followup", &v.Page, v, err)
}

// handleFollowupAnswerForm records the answer and shows the kind word
// that follows it.
func (s *Server) handleFollowupAnswerForm(w http.ResponseWriter, r *http.Request) {
	f, ok := s.followupForm(w, r)
	if !ok {
		return
	}
	reply := &tend.FollowupReply{Answer: tend.FollowupAnswer(formValue(r, "answer")), Words: r.PostFormValue("words")}
	// Every mistake at once, in the page's words (the API's name the
	// answers' values).
	var ps tend.Problems
	if !reply.Answer.Valid() {
		ps.Add("answer", "choose how you are feeling: good, a bit low, or I could use some care")
	}
	if err := checkedWhole(ps, reply.Validate); err != nil {
		s.followupFormAgain(w, r, f, err, reply.Answer, r.PostFormValue("words"))
		return
	}
	if _, err := s.answerFollowup(r.Context(), personID(r), f.ID, reply); err != nil {
		s.followupFormAgain(w, r, f, err, reply.Answer, reply.Words)
		return
	}
	redirect(w, r, "/followups/"+f.ID, "followup-answered")
}

// handleFollowupSnoozeForm puts the follow-up off, back to Home.
func (s *Server) handleFollowupSnoozeForm(w http.ResponseWriter, r *http.Request) {
	f, ok := s.followupForm(w, r)
	if !ok {
		return
	}
	choice := tend.SnoozeChoice(formValue(r, "snooze"))
	if !choice.Valid() {
		s.followupFormAgain(w, r, f, tend.FieldErrorf("snooze", "choose when to be asked again: in an hour, in three hours, or tomorrow morning"), "", "")
		return
	}
	if _, err := s.snoozeFollowup(r, f.ID, choice); err != nil {
		s.followupFormAgain(w, r, f, err, "", "")
		return
	}
	redirect(w, r, "/", "snoozed-"+string(choice))
}

// handleFollowupOffForm turns follow-ups off for the follow-up's
// encounter, this one with them, back to Home.
func (s *Server) handleFollowupOffForm(w http.ResponseWriter, r *http.Request) {
	f, ok := s.followupForm(w, r)
	if !ok {
		return
	}
	if err := s.Followups.SetEncounterFollowups(r.Context(), personID(r), f.EncounterID, false); err != nil {
		s.followupFormAgain(w, r, f, err, "", "")
		return
	}
	redirect(w, r, "/", "followups-off")
}

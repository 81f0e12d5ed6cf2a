package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/internal/smtptest"
	"github.com/tendcare/tend/notify"
)

// hook is a webhook receiver started by the test: it keeps each request.
type hook struct {
	mu   sync.Mutex
	got  []http.Header
	body [][]byte
}

func (h *hook) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	h.mu.Lock()
	h.got, h.body = append(h.got, r.Header.Clone()), append(h.body, b)
	h.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

func (h *hook) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.body)
}

// until waits for cond, failing the test after a minute.
func until(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for range 600 {
		if cond() {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s never happened", what)
}

// TestDeliveriesEndToEnd runs `tend serve` with a real SMTP server and a
// webhook receiver: an email address gets its confirmation link, which
// confirms it; a follow-up coming due reaches both, the webhook signed
// and discreet, the email in the plain words chosen with its one-click
// unsubscribe; each once; and nothing the person wrote leaves the server.
func TestDeliveriesEndToEnd(t *testing.T) {
	ctx := context.Background()
	mailbox := smtptest.Start(t, &smtptest.Server{})
	receiver := &hook{}
	hs := httptest.NewServer(receiver)
	defer hs.Close()

	c := Config{Addr: "127.0.0.1:0", DataDir: t.TempDir(), Signup: "open", LogFormat: "text", LogLevel: "error", Jobs: true, Migrate: true,
		SMTPURL: "smtp://127.0.0.1:" + strconv.Itoa(mailbox.Port) + "?tls=none", MailFrom: "tend@example.org", AllowPrivateWebhooks: true}
	if err := c.readSMTP(func(string) string { return "" }); err != nil {
		t.Fatal(err)
	}
	m := mustStartMain(t, c)
	db := m.DB

	const canary = "qzx-canary"
	sam := &tend.Person{Username: "sam", DisplayName: "Sam", TimeZone: "UTC"}
	if err := db.CreatePerson(ctx, sam); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveProfile(ctx, sam.ID, &tend.Card{Notes: []string{canary + " notes"},
		Drop: &tend.Drop{When: tend.DropNextDay, Helps: []string{canary + " helps"}}}); err != nil {
		t.Fatal(err)
	}
	secret, err := notify.NewWebhookSecret()
	if err != nil {
		t.Fatal(err)
	}
	wh, _, err := db.AddChannel(ctx, sam.ID, &tend.Channel{Type: tend.ChannelWebhook, Address: hs.URL + "/in", Secret: secret,
		Wording: tend.WordingDiscreet, Notices: []tend.Notice{tend.NoticeFollowup}})
	if err != nil {
		t.Fatal(err)
	}
	email, _, err := db.AddChannel(ctx, sam.ID, &tend.Channel{Type: tend.ChannelEmail, Address: "sam@example.org",
		Wording: tend.WordingPlain, Notices: []tend.Notice{tend.NoticeFollowup}})
	if err != nil {
		t.Fatal(err)
	}

	// The confirmation, whose link confirms the address.
	until(t, "the confirmation email", func() bool { return len(mailbox.Mails()) == 1 })
	_, confirmText := readMail(t, mailbox.Mails()[0].Data)
	link := regexp.MustCompile(`http://[^\s"<>]+/channels/confirm/([A-Za-z0-9_-]+)`).FindStringSubmatch(confirmText)
	if link == nil {
		t.Fatalf("no link in the confirmation:\n%s", mailbox.Mails()[0].Data)
	}
	if _, err := db.ConfirmChannel(ctx, link[1]); err != nil {
		t.Fatalf("the link sent: %v\n%s", err, mailbox.Mails()[0].Data)
	}

	// A follow-up comes due.
	e, err := db.CreateEncounter(ctx, sam.ID, tend.NewEncounter{Kind: tend.Solo})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.MoveEncounter(ctx, sam.ID, e.ID, tend.Move{From: tend.StageBefore}); err != nil {
		t.Fatal(err)
	}
	x, err := db.Export(ctx, sam.ID)
	if err != nil || len(x.Encounters) != 1 || len(x.Encounters[0].Followups) == 0 {
		t.Fatalf("no follow-up scheduled: %v", err)
	}
	f := x.Encounters[0].Followups[0]
	if _, err := db.SnoozeFollowup(ctx, sam.ID, f.ID, time.Now().Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	until(t, "the webhook and the email", func() bool { return receiver.count() == 1 && len(mailbox.Mails()) == 2 })

	receiver.mu.Lock()
	h, body := receiver.got[0], receiver.body[0]
	receiver.mu.Unlock()
	if err := notify.VerifyWebhook(secret, h, body, time.Now()); err != nil {
		t.Errorf("the webhook's signature: %v", err)
	}
	var payload struct {
		Type string `json:"type"`
		Data struct {
			Title, Message, Link string
		} `json:"data"`
	}
	if err := json.Unmarshal(body, &payload); err != nil {
		t.Fatal(err)
	}
	if payload.Type != "followup" || payload.Data.Title != "Tend" || payload.Data.Message != "A check-in is waiting for you" ||
		!strings.HasSuffix(payload.Data.Link, "/followups/"+f.ID) || h.Get("webhook-id") != notify.MessageID("followup-"+f.ID, wh.ID) {
		t.Errorf("the webhook: %s %v", body, h)
	}
	hdr, text := readMail(t, mailbox.Mails()[1].Data)
	if hdr.Get("Subject") != "Tend: A follow-up is waiting: how are you feeling?" || !strings.HasPrefix(hdr.Get("List-Unsubscribe"), "<http://") ||
		!strings.Contains(hdr.Get("List-Unsubscribe"), "/unsubscribe/"+email.Unsubscribe+">") ||
		hdr.Get("Message-ID") != "<"+notify.MessageID("followup-"+f.ID, email.ID)+"@example.org>" ||
		!strings.Contains(text, "/followups/"+f.ID) {
		t.Errorf("the email: %v\n%s", hdr, text)
	}
	if _, err := db.AnswerFollowup(ctx, sam.ID, f.ID, &tend.FollowupReply{Answer: tend.FollowupLow, Words: canary + " words"}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1500 * time.Millisecond) // a job that should not be would have run by now
	if receiver.count() != 1 || len(mailbox.Mails()) != 2 {
		t.Errorf("more was sent: %d webhooks, %d emails", receiver.count(), len(mailbox.Mails()))
	}
	for _, m := range mailbox.Mails() {
		if strings.Contains(string(m.Data), canary) {
			t.Errorf("an email carries the person's words:\n%s", m.Data)
		}
	}
	if strings.Contains(string(body), canary) {
		t.Errorf("the webhook carries the person's words: %s", body)
	}
	for _, ch := range []string{wh.ID, email.ID} {
		if done, err := db.Delivered(ctx, ch, "followup-"+f.ID); err != nil || !done {
			t.Errorf("the delivery to %s is not recorded: %v", ch, err)
		}
	}
}

// readMail reads an email's header and its plain-text part, decoded.
func readMail(t *testing.T, data []byte) (mail.Header, string) {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	_, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	r := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := r.NextPart() // decodes quoted-printable
		if err != nil {
			t.Fatalf("no plain-text part: %v", err)
		}
		if strings.HasPrefix(p.Header.Get("Content-Type"), "text/plain") {
			b, err := io.ReadAll(p)
			if err != nil {
				t.Fatal(err)
			}
			return msg.Header, string(b)
		}
	}
}

// TestOutboundNtfyRelay: an ntfy topic sends with the server's cache and
// Firebase turned off, unless its owner chose to let them relay it.
func TestOutboundNtfyRelay(t *testing.T) {
	got := make(chan http.Header, 2)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- r.Header.Clone()
	}))
	defer srv.Close()
	o := &outbound{client: notify.NewGuardedClient(true), allowPrivate: true}
	for _, relay := range []bool{false, true} {
		ch, err := o.open(&tend.Channel{Type: tend.ChannelNtfy, Address: srv.URL + "/topic", Relay: relay})
		if err != nil {
			t.Fatal(err)
		}
		if err := ch.Send(context.Background(), notify.Compose("d1", notify.EventTest, tend.WordingDiscreet, "", srv.URL+"/")); err != nil {
			t.Fatal(err)
		}
		h := <-got
		if off := h.Get("X-Cache") == "no" && h.Get("X-Firebase") == "no"; off == relay {
			t.Errorf("relay %v: X-Cache %q, X-Firebase %q", relay, h.Get("X-Cache"), h.Get("X-Firebase"))
		}
	}
}

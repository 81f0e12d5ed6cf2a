package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/notify"
	"github.com/tendcare/tend/sqlstore"
	"github.com/tendcare/tend/web"
)

// outbound is what reaches people outside the app: the guarded client
// every request to an address a person gave goes through, the mail
// server (when the operator set one), and web push's VAPID keys, made on
// the first start and kept in the database so that every node signs
// with the same.
type outbound struct {
	client *http.Client
	mailer *notify.Mailer
	vapid  notify.VAPIDKeys
	// subject is web push's contact; "" when web push is off (no https
	// public URL and no --mail-from to name).
	subject      string
	allowPrivate bool
	// base is the address links in messages start with.
	base string
}

func openOutbound(ctx context.Context, c *Config, db *sqlstore.DB, log *slog.Logger) (*outbound, error) {
	o := &outbound{client: notify.NewGuardedClient(c.AllowPrivateWebhooks), allowPrivate: c.AllowPrivateWebhooks,
		base: strings.TrimSuffix(c.PublicURL, "/")}
	if c.smtp != nil {
		o.mailer = &notify.Mailer{Config: *c.smtp}
	}
	raw, err := db.ServerKey(ctx, "vapid", func() ([]byte, error) {
		k, err := notify.NewVAPIDKeys()
		if err != nil {
			return nil, err
		}
		return json.Marshal(k)
	})
	if err != nil {
		return nil, fmt.Errorf("web push keys: %w", err)
	}
	if err := json.Unmarshal(raw, &o.vapid); err != nil {
		return nil, fmt.Errorf("web push keys: %w", err)
	}
	if err := o.vapid.Validate(); err != nil {
		return nil, fmt.Errorf("web push keys: %s", tend.ErrorMessage(err))
	}
	if o.subject, err = notify.VAPIDSubject(c.PublicURL, c.MailFrom); err != nil {
		log.Info("web push is off", "why", tend.ErrorMessage(err))
		o.subject = ""
	}
	if o.mailer == nil {
		log.Info("email is off: set --smtp-url and --mail-from to send it")
	}
	return o, nil
}

// open makes the sender for one of a person's channels.
func (o *outbound) open(c *tend.Channel) (notify.Channel, error) {
	switch c.Type {
	case tend.ChannelEmail:
		if o.mailer == nil {
			return nil, &notify.Failure{Said: "email is not set up on this server any more; ask whoever runs it", Permanent: true}
		}
		return notify.Email{Mailer: o.mailer, To: c.Address, Unsubscribe: o.base + "/unsubscribe/" + c.Unsubscribe}, nil
	case tend.ChannelPush:
		if o.subject == "" {
			return nil, &notify.Failure{Said: "notifications are not set up on this server any more; ask whoever runs it", Permanent: true}
		}
		sub := notify.PushSubscription{Endpoint: c.Address, Keys: notify.PushKeys{P256dh: c.P256dh, Auth: c.Auth}}
		return notify.WebPush{Sub: sub, Keys: o.vapid, Subject: o.subject, Client: o.client}, nil
	case tend.ChannelNtfy:
		return failedIfInvalid(notify.NewNtfy(o.client, notify.NtfyTopic{URL: c.Address, Token: c.Token, Cache: c.Relay, Firebase: c.Relay}))
	case tend.ChannelWebhook:
		return failedIfInvalid(notify.NewWebhook(o.client, c.Address, c.Secret))
	}
	return nil, &notify.Failure{Said: "this kind of channel is not known", Permanent: true}
}

// failedIfInvalid turns a channel that cannot be made from what was
// kept into a permanent failure: trying again would not mend it.
func failedIfInvalid[C notify.Channel](ch C, err error) (notify.Channel, error) {
	if err != nil {
		return nil, &notify.Failure{Said: tend.ErrorMessage(err), Permanent: true, Err: err}
	}
	return ch, nil
}

// confirm sends an email address its confirmation link.
func (o *outbound) confirm(ctx context.Context, c *tend.Channel, link string) error {
	if o.mailer == nil {
		return &notify.Failure{Said: "email is not set up on this server any more; ask whoever runs it", Permanent: true}
	}
	return o.mailer.SendConfirm(ctx, c.Address, link, sqlstore.ConfirmFor)
}

// dispatcher runs the delivery jobs through these senders.
func (o *outbound) dispatcher(db *sqlstore.DB, log *slog.Logger) *notify.Dispatcher {
	return &notify.Dispatcher{Store: db, BaseURL: o.base, Open: o.open, Confirm: o.confirm, Logger: log}
}

// web is what the settings and the API need to offer channels: whether
// email and push are on, and the guard's checks of the addresses people
// give.
func (o *outbound) web() web.OutboundConfig {
	c := web.OutboundConfig{
		EmailReady:       o.mailer != nil,
		CheckURL:         func(raw string) error { return notify.CheckURL(raw, o.allowPrivate) },
		NewWebhookSecret: notify.NewWebhookSecret,
		CheckNtfy: func(topicURL, token string) error {
			return notify.CheckNtfyTopic(notify.NtfyTopic{URL: topicURL, Token: token}, o.allowPrivate)
		},
	}
	if o.subject != "" {
		c.VAPIDPublicKey = o.vapid.Public
	}
	return c
}

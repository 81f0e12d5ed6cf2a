package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/notify"
	"github.com/tendcare/tend/web"
)

// Config is the server's configuration: defaults, then TEND_* variables,
// then flags.
type Config struct {
	Addr      string
	DataDir   string
	Database  string // a postgres:// URL, or a SQLite path; empty: DataDir/tend.db
	SecretKey string // base64; empty: the key file in DataDir
	Migrate   bool
	Signup    string
	PublicURL string // where people open Tend, for passkeys; empty: each request's host
	LogFormat string
	LogLevel  string
	// SupportFile names a JSON list of support lines for the aftercare
	// screen; empty: Tend's own short international list.
	SupportFile string
	// TrustedProxies lists the reverse proxies whose X-Forwarded-For
	// names the client ("127.0.0.1, 10.0.0.0/8"); empty: none.
	TrustedProxies string
	// Jobs runs the job queue's workers on this node (follow-ups coming
	// due); with several nodes, any number may, and each job runs once.
	Jobs bool
	// badJobs is a TEND_JOBS that is not a yes or no, for check to say.
	badJobs string
	// SMTPURL is the mail server for email (smtp://user@host:587, or
	// smtps:// for TLS from the start), MailFrom the address emails come
	// from; the password is read from TEND_SMTP_PASSWORD or the file
	// TEND_SMTP_PASSWORD_FILE, never a flag. Empty: no email.
	SMTPURL, MailFrom string
	// AllowPrivateWebhooks lets people's webhooks, ntfy topics and push
	// services be on loopback and private networks (a self-hoster's own
	// ntfy); by default Tend sends only to public addresses.
	AllowPrivateWebhooks bool
	// badPrivate is a TEND_ALLOW_PRIVATE_WEBHOOKS that is not a yes or no.
	badPrivate string
	// smtp is the mail server, read by readSMTP; nil: no email.
	smtp *notify.SMTPConfig
	// MetricsAddr is a listener of its own for Prometheus's /metrics;
	// MetricsToken, from TEND_METRICS_TOKEN or TEND_METRICS_TOKEN_FILE
	// (never a flag), serves /metrics on Addr to requests bearing it.
	// Both empty: no metrics (see metrics.go).
	MetricsAddr, MetricsToken string
	// Pool sizes the database's pool of connections (see pool.go).
	Pool poolConfig
}

// defaultDataDir is where Tend keeps its data when not told: the per-user
// data directory of the platform.
func defaultDataDir() string {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "tend")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "tend-data"
	}
	switch runtime.GOOS {
	case "darwin":
		return filepath.Join(home, "Library", "Application Support", "Tend")
	case "windows":
		if d := os.Getenv("LocalAppData"); d != "" {
			return filepath.Join(d, "Tend")
		}
	}
	return filepath.Join(home, ".local", "share", "tend")
}

// serverFlags defines the flags shared by serve and migrate, each with
// its TEND_* variable as the default.
func serverFlags(fs *flag.FlagSet, c *Config, getenv func(string) string, serve bool) {
	str := func(p *string, name, env, def, usage string) {
		if v := getenv(env); v != "" {
			def = v
		}
		fs.StringVar(p, name, def, usage+" ("+env+")")
	}
	str(&c.DataDir, "data-dir", "TEND_DATA_DIR", defaultDataDir(), "directory for the database, the key file and other data")
	str(&c.Database, "database", "TEND_DATABASE_URL", "", "a postgres:// URL to use PostgreSQL; default: SQLite in the data directory")
	str(&c.LogFormat, "log-format", "TEND_LOG_FORMAT", "text", "log format: text or json")
	str(&c.LogLevel, "log-level", "TEND_LOG_LEVEL", "info", "least important log level shown: debug, info, warn or error")
	if !serve {
		return
	}
	str(&c.Addr, "addr", "TEND_ADDR", "127.0.0.1:8080", "address to listen on")
	str(&c.Signup, "signup", "TEND_SIGNUP", "open", "who may make an account: open, invite or closed")
	str(&c.SupportFile, "support-file", "TEND_SUPPORT_FILE", "", "a JSON list of places to turn to for help, shown with the grounding help on the aftercare screen:\n"+
		`[{"name": "...", "phone": "...", "text": "...", "url": "https://...", "region": "...", "note": "..."}]; default: a short international list`)
	str(&c.PublicURL, "public-url", "TEND_PUBLIC_URL", "", "the address people open Tend at, like https://tend.example.org, which passkeys are bound to;\n"+
		"needed behind a reverse proxy; default: the address each request came to")
	str(&c.TrustedProxies, "trusted-proxies", "TEND_TRUSTED_PROXIES", "", "reverse proxies in front of Tend whose X-Forwarded-For names the client, for the sign-in limits:\n"+
		"addresses or networks, comma-separated, like 127.0.0.1,::1 or 10.0.0.0/8; default: none (each connection's peer is the client)")
	migrate := true
	if v := getenv("TEND_MIGRATE"); v != "" {
		migrate, _ = strconv.ParseBool(v)
	}
	fs.BoolVar(&c.Migrate, "migrate", migrate, "apply database migrations at start (TEND_MIGRATE)")
	jobs := true
	if v := getenv("TEND_JOBS"); v != "" {
		var err error
		if jobs, err = strconv.ParseBool(v); err != nil {
			c.badJobs = v
		}
	}
	fs.BoolVar(&c.Jobs, "jobs", jobs, "run due jobs (follow-ups, deliveries) on this node; false leaves them to other nodes (TEND_JOBS)")
	str(&c.SMTPURL, "smtp-url", "TEND_SMTP_URL", "", "the mail server for email, like smtp://tend@mail.example.org:587 (STARTTLS) or smtps://...:465;\n"+
		"its password from TEND_SMTP_PASSWORD or the file TEND_SMTP_PASSWORD_FILE; default: no email")
	str(&c.MailFrom, "mail-from", "TEND_MAIL_FROM", "", "the address emails come from, like tend@example.org (the sender's name is always Tend)")
	private := false
	if v := getenv("TEND_ALLOW_PRIVATE_WEBHOOKS"); v != "" {
		var err error
		if private, err = strconv.ParseBool(v); err != nil {
			c.badPrivate = v
		}
	}
	poolFlags(fs, &c.Pool, getenv)
	fs.BoolVar(&c.AllowPrivateWebhooks, "allow-private-webhooks", private, "let webhooks, ntfy topics and push services be on loopback or private networks,\n"+
		"such as your own ntfy at home; default: public addresses only (TEND_ALLOW_PRIVATE_WEBHOOKS)")
	str(&c.MetricsAddr, "metrics-addr", "TEND_METRICS_ADDR", "", "an address of its own to serve Prometheus metrics at /metrics, like 127.0.0.1:9090;\n"+
		"or set TEND_METRICS_TOKEN (or the file TEND_METRICS_TOKEN_FILE) to serve them on --addr to that bearer token; default: no metrics")
}

// readSMTP reads and checks the mail server's settings, when there are
// any, with its password.
func (c *Config) readSMTP(getenv func(string) string) error {
	if c.SMTPURL == "" {
		return nil
	}
	pw, err := smtpPassword(getenv)
	if err != nil {
		return err
	}
	s, err := notify.ParseSMTP(c.SMTPURL, pw, c.MailFrom)
	if err != nil {
		return usageErrorf("%s", tend.ErrorMessage(err))
	}
	c.smtp = &s
	return nil
}

// smtpPassword reads the mail server's password from TEND_SMTP_PASSWORD
// or the file TEND_SMTP_PASSWORD_FILE.
func smtpPassword(getenv func(string) string) (string, error) {
	if v := getenv("TEND_SMTP_PASSWORD"); v != "" {
		return v, nil
	}
	if f := getenv("TEND_SMTP_PASSWORD_FILE"); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", usageErrorf("TEND_SMTP_PASSWORD_FILE: %v", err)
		}
		return strings.TrimRight(string(b), "\r\n"), nil
	}
	return "", nil
}

// secretKey reads the server key from TEND_SECRET_KEY or the file named by
// TEND_SECRET_KEY_FILE; never from a flag, where it would show in the
// process list.
func secretKey(getenv func(string) string) (string, error) {
	if v := getenv("TEND_SECRET_KEY"); v != "" {
		return v, nil
	}
	if f := getenv("TEND_SECRET_KEY_FILE"); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", usageErrorf("TEND_SECRET_KEY_FILE: %v", err)
		}
		return strings.TrimSpace(string(b)), nil
	}
	return "", nil
}

// check validates the configuration, saying what to fix. Fields a command
// does not use are empty and not checked.
func (c *Config) check() error {
	switch {
	case c.Signup != "" && c.Signup != "open" && c.Signup != "invite" && c.Signup != "closed":
		return usageErrorf("--signup %q: use open, invite or closed", c.Signup)
	case c.LogFormat != "text" && c.LogFormat != "json":
		return usageErrorf("--log-format %q: use text or json", c.LogFormat)
	case c.DataDir == "":
		return usageErrorf("--data-dir must not be empty")
	case c.badJobs != "":
		return usageErrorf("TEND_JOBS=%q: use true or false", c.badJobs)
	case c.badPrivate != "":
		return usageErrorf("TEND_ALLOW_PRIVATE_WEBHOOKS=%q: use true or false", c.badPrivate)
	case (c.SMTPURL == "") != (c.MailFrom == ""):
		return usageErrorf("--smtp-url and --mail-from go together: give both for email, or neither")
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return usageErrorf("--log-level %q: use debug, info, warn or error", c.LogLevel)
	}
	if c.PublicURL != "" {
		if err := web.ValidatePublicURL(c.PublicURL); err != nil {
			return usageErrorf("--public-url %v", err)
		}
	}
	if _, err := web.ParseTrustedProxies(c.TrustedProxies); err != nil {
		return usageErrorf("--trusted-proxies: %v", err)
	}
	if err := c.Pool.check(); err != nil {
		return err
	}
	if c.Addr != "" {
		if _, port, ok := strings.Cut(c.Addr, ":"); !ok || port == "" {
			return usageErrorf("--addr %q: give host:port, like 127.0.0.1:8080 or :8080", c.Addr)
		}
	}
	if err := c.checkMetricsAddr(); err != nil {
		return err
	}
	return nil
}

// databaseDSN is the database to open.
func (c *Config) databaseDSN() string {
	if c.Database != "" {
		return c.Database
	}
	return filepath.Join(c.DataDir, "tend.db")
}

// redactedDSN is the database for logs, without a password.
func (c *Config) redactedDSN() string {
	d := c.databaseDSN()
	if at := strings.LastIndex(d, "@"); at >= 0 && strings.Contains(d, "://") {
		scheme, rest, _ := strings.Cut(d, "://")
		user, _, hasPassword := strings.Cut(rest[:strings.LastIndex(rest, "@")], ":")
		if hasPassword {
			user += ":***"
		}
		return fmt.Sprintf("%s://%s@%s", scheme, user, d[at+1:])
	}
	return d
}

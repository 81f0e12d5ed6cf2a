package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/catalog"
)

// templateName stands in the template for the name to fill in.
const templateName = "Your name"

func (e *Env) cardCmd(args []string) error {
	if len(args) == 0 {
		return usageErrorf("card needs a subcommand: `tend card new --name NAME` or `tend card check FILE...`")
	}
	switch args[0] {
	case "new":
		return e.cardNew(args[1:])
	case "check":
		return e.cardCheck(args[1:])
	case "-h", "--help", "help":
		return e.helpCmd([]string{"card"})
	}
	return usageErrorf("%q is not a card subcommand; use `tend card new` or `tend card check`", args[0])
}

// cardNew writes a new card: by asking questions when stdin is a terminal
// (or with --ask), otherwise as a template listing every catalog practice
// in "receive" as okay (neutral) and in "give" as no (nothing is offered
// until the person says so), in catalog order. A template without --name
// has a name to fill in, so that it is a valid card all the same.
func (e *Env) cardNew(args []string) error {
	fs := newFlags("card new")
	name := fs.String("name", "", "what partners call you (asked for at a terminal; otherwise the template has \"Your name\" to change)")
	ask := fs.Bool("ask", false, "ask questions even when input is not a terminal")
	template := fs.Bool("template", false, "write a template to edit, even at a terminal")
	pronouns := fs.String("pronouns", "", "your pronouns, if you want to share them")
	expires := fs.String("expires", "", "make the card expire after this long, like 12h or 30d")
	pos, err := parse(fs, args, e)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErrorf("card new takes no file argument; redirect its output instead: tend card new --name NAME > %s", pos[0])
	}
	n := strings.TrimSpace(*name)
	interactive := (*ask || e.Interactive) && !*template
	placeholder := n == "" && !interactive
	if placeholder {
		n = templateName
	}
	if len([]rune(n)) > tend.MaxNameLen {
		return usageErrorf("--name is %d characters; the limit is %d", len([]rune(n)), tend.MaxNameLen)
	}
	if len([]rune(*pronouns)) > tend.MaxPronounsLen {
		return usageErrorf("--pronouns is %d characters; the limit is %d", len([]rune(*pronouns)), tend.MaxPronounsLen)
	}
	now := e.Now().UTC().Truncate(time.Second)
	var exp time.Time
	if *expires != "" {
		d, err := parseDays(*expires)
		if err != nil {
			return err
		}
		exp = now.Add(d)
	}
	cat, err := e.catalog()
	if err != nil {
		return err
	}
	if interactive {
		return e.cardAsked(cat, n, strings.TrimSpace(*pronouns), now, exp)
	}
	ids := make([]string, 0, len(cat.Practices()))
	for _, p := range cat.Practices() {
		ids = append(ids, p.ID)
	}
	var b bytes.Buffer
	b.WriteString("{\n")
	field := func(k string, v any) { fmt.Fprintf(&b, "  %q: %s,\n", k, jsonText(v)) }
	field("tend", tend.CardVersion)
	field("name", n)
	if p := strings.TrimSpace(*pronouns); p != "" {
		field("pronouns", p)
	}
	field("created", now.Format(time.RFC3339))
	if !exp.IsZero() {
		field("expires", exp.Format(time.RFC3339))
	}
	levelMap := func(key, level string) {
		fmt.Fprintf(&b, "  %q: {\n", key)
		for i, id := range ids {
			sep := ","
			if i == len(ids)-1 {
				sep = ""
			}
			fmt.Fprintf(&b, "    %q: %q%s\n", id, level, sep)
		}
		b.WriteString("  },\n")
	}
	levelMap("receive", string(tend.Okay))
	levelMap("give", string(tend.No))
	b.WriteString("  \"comments\": {},\n  \"custom\": [],\n  \"space_first_minutes\": 0,\n")
	b.WriteString("  \"notes\": [],\n  \"avoid\": [],\n  \"drop\": {\"when\": \"none\", \"signs\": [], \"helps\": []},\n")
	b.WriteString("  \"encounters\": {}\n}\n")
	// The template must itself be a valid card.
	if _, _, err := tend.ParseCard("template", b.Bytes(), cat); err != nil {
		return fmt.Errorf("card template: %w", err)
	}
	if _, err := e.Stdout.Write(b.Bytes()); err != nil {
		return err
	}
	if placeholder {
		fmt.Fprintf(e.Stderr, "tend: wrote a card template: put your name in \"name\", change what you want, then check it with: tend card check FILE\n")
	}
	return nil
}

// cardAsked runs the questionnaire and writes the card it gives.
func (e *Env) cardAsked(cat *catalog.Catalog, name, pronouns string, now, exp time.Time) error {
	c, err := e.askCard(cat, name, pronouns, now, exp)
	if errors.Is(err, errStopped) {
		return usageErrorf("stopped before the end; nothing was written")
	}
	if err != nil {
		return err
	}
	data, err := tend.MarshalCard(c)
	if err != nil {
		return err
	}
	// What we write must read back as the same card.
	if _, _, err := tend.ParseCard("your card", data, cat); err != nil {
		return err
	}
	fmt.Fprintf(e.Stderr, "\nDone. Check it any time with: tend card check FILE\n")
	_, err = e.Stdout.Write(data)
	return err
}

func jsonText(v any) string {
	s, _ := v.(string)
	var b bytes.Buffer
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// parseDays parses how long a card lasts: "30d" in days, or a Go
// duration such as "12h", from one hour to 90 days.
func parseDays(s string) (time.Duration, error) {
	d, err := tend.ParseLifetime(s)
	if err != nil {
		return 0, usageErrorf("--expires %q: give a time from 1h to 90d, like 12h or 30d", s)
	}
	return d, nil
}

// readCard reads and parses one card file. Warnings go to stderr; for a
// card that has errors too, only when all is true (card check), so that
// a failed plan says one thing.
func (e *Env) readCard(path string, allowExpired, all bool) (*tend.Card, error) {
	cat, err := e.catalog()
	if err != nil {
		return nil, err
	}
	data, err := e.ReadFile(path)
	if err != nil {
		return nil, usageErrorf("%s: cannot read the file (%s)", path, fileProblem(err))
	}
	c, warns, err := tend.ParseCard(path, data, cat)
	if err == nil || all {
		for _, w := range warns {
			fmt.Fprintf(e.Stderr, "tend: warning: %s: %s\n", termText(path), termText(w.String()))
		}
	}
	if err != nil {
		return nil, err
	}
	if !allowExpired && c.Expired(e.Now()) {
		return nil, usageErrorf("%s: the card expired on %s; ask %s for a fresh one, or use --allow-expired", termText(path), c.Expires.Format("2 January 2006 15:04 MST"), termText(c.Name))
	}
	return c, nil
}

func fileProblem(err error) string {
	var msg string
	switch {
	case errors.Is(err, os.ErrNotExist):
		msg = "no such file"
	default:
		msg = err.Error()
		if i := strings.LastIndex(msg, ": "); i >= 0 {
			msg = msg[i+2:]
		}
	}
	return msg
}

// cardCheck checks card files and lists every problem found.
func (e *Env) cardCheck(args []string) error {
	fs := newFlags("card check")
	allowExpired := fs.Bool("allow-expired", false, "do not count an expired card as a problem")
	pos, err := parse(fs, args, e)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usageErrorf("card check needs at least one file: tend card check sam.json")
	}
	bad := 0
	for _, path := range pos {
		c, err := e.readCard(path, *allowExpired, true)
		if err != nil {
			bad++
			var cp *tend.CardProblems
			if errors.As(err, &cp) {
				fmt.Fprintln(e.Stdout, cp.Error())
			} else {
				fmt.Fprintln(e.Stdout, tend.ErrorMessage(err))
			}
			continue
		}
		fmt.Fprintf(e.Stdout, "%s: ok: %s\n", termText(path), summary(c))
	}
	if bad > 0 {
		return usageErrorf("%d of %d %s not valid", bad, len(pos), plural(len(pos), "card is", "cards are"))
	}
	return nil
}

// summary counts what a card says, for `card check`.
func summary(c *tend.Card) string {
	recv, give, _ := c.Levels(tend.Gentle)
	needs, likes, offers := 0, 0, 0
	for _, r := range recv {
		switch r {
		case tend.Need:
			needs++
		case tend.Like:
			likes++
		}
	}
	for _, g := range give {
		if g.Offered() {
			offers++
		}
	}
	s := fmt.Sprintf("%s, %d %s, %d %s, offers %d", termText(c.Name), needs, plural(needs, "need", "needs"), likes, plural(likes, "like", "likes"), offers)
	if !c.Expires.IsZero() {
		s += ", expires " + c.Expires.Format("2 Jan 2006")
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/catalog"
)

// errStopped is returned when the person closes input before the end.
var errStopped = errors.New("stopped")

// asker runs the card questionnaire: questions on stderr (so that stdout
// can go to a file), answers from stdin, and every wrong answer asked
// again with what was wrong.
type asker struct {
	in  *bufio.Scanner
	out io.Writer
}

// line asks and returns one trimmed line of answer.
func (a *asker) line(prompt string) (string, error) {
	fmt.Fprint(a.out, prompt)
	if !a.in.Scan() {
		fmt.Fprintln(a.out)
		return "", errStopped
	}
	return strings.TrimSpace(a.in.Text()), nil
}

// until asks until check accepts the answer.
func (a *asker) until(prompt string, check func(string) error) (string, error) {
	for {
		s, err := a.line(prompt)
		if err != nil {
			return "", err
		}
		if err := check(s); err != nil {
			fmt.Fprintf(a.out, "  %s\n", tend.ErrorMessage(err))
			continue
		}
		return s, nil
	}
}

// picks parses "1n 3l 5x" against a numbered list of n items and the
// allowed letters, each mapped to a value.
func picks(s string, n int, letters map[byte]string) (map[int]string, error) {
	out := map[int]string{}
	for _, tok := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
		i := 0
		for i < len(tok) && tok[i] >= '0' && tok[i] <= '9' {
			i++
		}
		num, err := strconv.Atoi(tok[:i])
		if err != nil || num < 1 || num > n {
			return nil, usageErrorf("%q: start with a number from 1 to %d, then a letter", tok, n)
		}
		rest := tok[i:]
		v, ok := "", false
		if len(rest) == 1 {
			v, ok = letters[rest[0]]
		}
		if !ok {
			return nil, usageErrorf("%q: after the number, write one of %s", tok, letterList(letters))
		}
		if _, dup := out[num]; dup {
			return nil, usageErrorf("%d appears twice; give each number once", num)
		}
		out[num] = v
	}
	return out, nil
}

func letterList(letters map[byte]string) string {
	var parts []string
	for _, l := range []byte("nlrgwx") {
		if v, ok := letters[l]; ok {
			parts = append(parts, fmt.Sprintf("%c (%s)", l, v))
		}
	}
	return strings.Join(parts, ", ")
}

func receiveLetters() map[byte]string {
	return map[byte]string{'n': "need", 'l': "like", 'r': "rather-not", 'x': "never"}
}

func giveLetters() map[byte]string {
	return map[byte]string{'g': "glad", 'w': "willing", 'x': "no"}
}

// askCard walks a person through their card, one category at a time.
func (e *Env) askCard(cat *catalog.Catalog, name, pronouns string, now, expires time.Time) (*tend.Card, error) {
	a := &asker{in: bufio.NewScanner(e.Stdin), out: e.Stderr}
	c := &tend.Card{Tend: tend.CardVersion, Created: now, Expires: expires,
		Receive: map[string]tend.Receive{}, Give: map[string]tend.Give{}}
	fmt.Fprint(a.out, `Let's write your aftercare card. It stays on this machine until you share it.
Answer with the numbers of the practices and a letter; press Enter to skip.
There are no right answers, and you can change everything later.

`)
	var err error
	if name == "" {
		if name, err = a.until("What should partners call you? ", func(s string) error {
			if s == "" || len([]rune(s)) > tend.MaxNameLen {
				return usageErrorf("a name of 1 to %d characters, please", tend.MaxNameLen)
			}
			return nil
		}); err != nil {
			return nil, err
		}
		if pronouns, err = a.until("Your pronouns, if you want to share them (Enter to skip): ", func(s string) error {
			if len([]rune(s)) > tend.MaxPronounsLen {
				return usageErrorf("at most %d characters, please", tend.MaxPronounsLen)
			}
			return nil
		}); err != nil {
			return nil, err
		}
	}
	c.Name, c.Pronouns = name, pronouns
	for _, category := range tend.Categories() {
		var ps []*tend.Practice
		for _, p := range cat.Practices() {
			if p.Category == category {
				ps = append(ps, p)
			}
		}
		fmt.Fprintf(a.out, "\n%s\n", strings.ToUpper(string(category)))
		for i, p := range ps {
			fmt.Fprintf(a.out, "  %2d  %s\n", i+1, p.Title)
		}
		recv, err := a.picks("Afterwards: n need, l like, r rather not, x never (e.g. 1n 3l): ", len(ps), receiveLetters())
		if err != nil {
			return nil, err
		}
		give, err := a.picks("For a partner: g glad to give, w willing, x no (e.g. 1g 2w): ", len(ps), giveLetters())
		if err != nil {
			return nil, err
		}
		for i, v := range recv {
			c.Receive[ps[i-1].ID] = tend.Receive(v)
		}
		for i, v := range give {
			c.Give[ps[i-1].ID] = tend.Give(v)
		}
	}
	if err := e.askExtras(a, c); err != nil {
		return nil, err
	}
	return c, nil
}

func (a *asker) picks(prompt string, n int, letters map[byte]string) (map[int]string, error) {
	var got map[int]string
	_, err := a.until(prompt, func(s string) error {
		var err error
		got, err = picks(s, n, letters)
		return err
	})
	return got, err
}

// askExtras asks for time alone, notes, things to avoid and drop.
func (e *Env) askExtras(a *asker, c *tend.Card) error {
	fmt.Fprintln(a.out)
	s, err := a.until("Minutes alone you need before any touch or talk (0 to 120, Enter for none): ", func(s string) error {
		if s == "" {
			return nil
		}
		if n, err := strconv.Atoi(s); err != nil || n < 0 || n > tend.MaxSpaceMinutes {
			return usageErrorf("a whole number from 0 to %d, please", tend.MaxSpaceMinutes)
		}
		return nil
	})
	if err != nil {
		return err
	}
	c.SpaceFirstMinutes, _ = strconv.Atoi(s)
	if c.Notes, err = a.lines("What should partners know about you afterwards? One per line, an empty line to finish.", tend.MaxNotes, tend.MaxNoteLen); err != nil {
		return err
	}
	if c.Avoid, err = a.lines("What must not happen afterwards? One per line, an empty line to finish.", tend.MaxNotes, tend.MaxNoteLen); err != nil {
		return err
	}
	when, err := a.until("\nDoes a low mood (a \"drop\") tend to come later? none, same-day, next-day or days-later (Enter for none): ", func(s string) error {
		if s != "" && !tend.DropWhen(s).Valid() {
			return usageErrorf("%q: write none, same-day, next-day or days-later", s)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if when != "" && when != string(tend.DropNone) {
		c.Drop = &tend.Drop{When: tend.DropWhen(when)}
		if c.Drop.Helps, err = a.lines("What helps you then? One per line, an empty line to finish.", tend.MaxDropTexts, tend.MaxDropTextLen); err != nil {
			return err
		}
	}
	return nil
}

// lines asks for up to max lines of free text.
func (a *asker) lines(prompt string, max, maxLen int) ([]string, error) {
	fmt.Fprintln(a.out, "\n"+prompt)
	var out []string
	for len(out) < max {
		s, err := a.until("> ", func(s string) error {
			if n := len([]rune(s)); n > maxLen {
				return usageErrorf("that is %d characters; keep it to %d", n, maxLen)
			}
			for _, r := range s {
				if unicode.IsControl(r) {
					return usageErrorf("that line has a control character; type it again without")
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if s == "" {
			break
		}
		out = append(out, s)
	}
	return out, nil
}

package main

import "github.com/tendcare/tend"

// termText makes a person's text safe to print on a terminal, for every
// place the command line shows what someone wrote (names in `user list`,
// cards in plans): a name could otherwise carry escape sequences that
// clear or retitle the operator's terminal, a newline that fakes another
// row, or a direction override (U+202E) that makes text read backwards.
// See tend.Printable.
func termText(s string) string { return tend.Printable(s) }

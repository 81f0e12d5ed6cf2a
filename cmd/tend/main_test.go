package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// now is the fixed clock of every CLI test.
var now = time.Date(2026, 11, 24, 22, 0, 0, 0, time.UTC)

// run runs the command line in process and returns its exit status,
// stdout and stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Now: func() time.Time { return now }, ReadFile: os.ReadFile, Getenv: func(string) string { return "" }}
	code := e.Run(args)
	return code, out.String(), errb.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/tend -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (run with -update if the change is intended)\ngot:\n%s", name, got)
	}
}

const ex = "../../examples/"

func TestGolden(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"plan-gentle.txt", []string{"plan", ex + "sam.json", ex + "alex.json"}},
		{"plan-gentle.json", []string{"plan", ex + "sam.json", ex + "alex.json", "--json"}},
		{"plan-intense-three.txt", []string{"plan", ex + "sam.json", ex + "alex.json", ex + "jo.json", "--encounter", "intense"}},
		{"plan-intense-three.json", []string{"plan", "--json", "--encounter", "intense", ex + "jo.json", ex + "sam.json", ex + "alex.json"}},
		{"plan-quickie.txt", []string{"plan", ex + "sam.json", ex + "jo.json", "--encounter", "quickie"}},
		{"plan-first-time.txt", []string{"plan", ex + "alex.json", ex + "jo.json", "--encounter", "first-time"}},
		{"plan-long-distance.txt", []string{"plan", ex + "sam.json", ex + "alex.json", "--encounter", "long-distance"}},
		{"plan-long-distance.json", []string{"plan", ex + "sam.json", ex + "alex.json", "--encounter", "long-distance", "--json"}},
		{"plan-solo.txt", []string{"plan", ex + "sam.json", "--encounter", "solo"}},
		{"plan-gentle-howto.txt", []string{"plan", ex + "sam.json", ex + "alex.json", "--howto"}},
		{"plan-solo.json", []string{"plan", ex + "sam.json", "--encounter", "solo", "--json"}},
		{"catalog.txt", []string{"catalog"}},
		{"catalog-quickie.txt", []string{"catalog", "--kind", "quickie"}},
		{"deck-intense.txt", []string{"deck", "--encounter", "intense", "--seed", "1"}},
		{"deck-group-casual.txt", []string{"deck", "--people", "4", "--casual", "--seed", "2"}},
		{"guide-list.txt", []string{"guide"}},
		{"guide-drop.txt", []string{"guide", "drop"}},
		{"card-check.txt", []string{"card", "check", ex + "sam.json", ex + "alex.json", ex + "jo.json"}},
		{"help.txt", []string{"help"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := run(t, tc.args...)
			if code != 0 {
				t.Fatalf("exit %d, stderr: %s", code, errs)
			}
			golden(t, tc.name, out)
			if strings.HasSuffix(tc.name, ".txt") {
				for i, line := range strings.Split(out, "\n") {
					if n := utf8.RuneCountInString(line); n > 80 {
						t.Errorf("line %d is %d columns, want at most 80: %q", i+1, n, line)
					}
				}
			}
			// Byte-identical on a rerun.
			if _, again, _ := run(t, tc.args...); again != out {
				t.Errorf("output differs on a second run")
			}
		})
	}
}

func TestWrongInput(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"NoArgs", nil, ""},
		{"UnknownCommand", []string{"plna"}, `"plna" is not a tend command`},
		{"UnknownFlag", []string{"plan", ex + "sam.json", "--encounter", "gentle", "--colour"}, "-colour"},
		{"MissingFile", []string{"plan", "nobody.json"}, "nobody.json: cannot read the file (no such file)"},
		{"BadJSON", []string{"plan", "testdata/badjson.json"}, "testdata/badjson.json: line 2, column 31"},
		{"UnknownKind", []string{"plan", ex + "sam.json", "--encounter", "spicy"}, `"spicy" is not an encounter kind`},
		{"SoloTwoCards", []string{"plan", ex + "sam.json", ex + "alex.json", "--encounter", "solo"}, "solo plan takes exactly one card"},
		{"ExpiredCard", []string{"plan", "testdata/expired.json"}, "the card expired on 1 February 2026"},
		{"NoCards", []string{"plan"}, "plan needs card files"},
		{"SameNameTwice", []string{"plan", ex + "sam.json", ex + "sam.json"}, `two cards are named "Sam"`},
		{"CardProblems", []string{"plan", "testdata/problems.json"}, "(and 3 more problems)"},
		{"CardNewBadExpiry", []string{"card", "new", "--name", "Sam", "--expires", "1y"}, "--expires"},
		{"CardNewExpiryTrailing", []string{"card", "new", "--name", "Sam", "--expires", "30dx"}, `--expires "30dx"`},
		{"CardNewExpiryHuge", []string{"card", "new", "--name", "Sam", "--expires", "9999999999999d"}, "from 1h to 90d"},
		{"CardNoSub", []string{"card"}, "card needs a subcommand"},
		{"CardCheckNoFiles", []string{"card", "check"}, "needs at least one file"},
		{"DeckBadPeople", []string{"deck", "--people", "40"}, "--people 40"},
		{"DeckSoloPeople", []string{"deck", "--encounter", "solo", "--people", "2"}, "a solo deck is for one person"},
		{"DeckSoloCasual", []string{"deck", "--encounter", "solo", "--casual"}, "a solo deck is for you alone: leave out --casual"},
		{"GuideUnknown", []string{"guide", "dorp"}, `there is no guide "dorp"`},
		{"CatalogBadKind", []string{"catalog", "--kind", "weekly"}, `"weekly" is not an encounter kind`},
		{"VersionArgs", []string{"version", "x"}, "takes no arguments"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := run(t, tc.args...)
			if code != exitInput {
				t.Errorf("exit: got %d, want %d", code, exitInput)
			}
			if tc.want == "" {
				return
			}
			lines := strings.Split(strings.TrimRight(errs, "\n"), "\n")
			if len(lines) != 1 || !strings.HasPrefix(lines[0], "tend: ") || !strings.Contains(lines[0], tc.want) {
				t.Errorf("stderr: got %q, want one line containing %q", errs, tc.want)
			}
		})
	}
}

func TestCardCheckListsEveryProblem(t *testing.T) {
	code, out, errs := run(t, "card", "check", "testdata/problems.json", ex+"sam.json")
	if code != exitInput {
		t.Fatalf("exit: got %d, want %d", code, exitInput)
	}
	for _, want := range []string{
		`testdata/problems.json: receive.water: "yes" is not one of need, like, okay, rather-not, never`,
		`testdata/problems.json: give.cuddle: "sometimes" is not one of glad, willing, no`,
		`testdata/problems.json: space_first_minutes: 200 is not a whole number from 0 to 120`,
		`testdata/problems.json: colour: is not a field of card/v1`,
		ex + `sam.json: ok: Sam`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout: missing %q in\n%s", want, out)
		}
	}
	if !strings.Contains(errs, `receive.watr: "watr" is not a practice in Tend's catalog; it is ignored (did you mean "water"?)`) {
		t.Errorf("stderr: want the warning with a suggestion, got %q", errs)
	}
}

func TestCardNew(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := run(t, "card", "new", "--name", "Sam", "--pronouns", "they/them", "--expires", "30d")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	golden(t, "card-new.json", out)
	path := filepath.Join(dir, "sam.json")
	if err := os.WriteFile(path, []byte(out), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := run(t, "card", "check", path); code != 0 || !strings.Contains(out, "expires 24 Dec 2026") {
		t.Errorf("the new card does not check: %d %s %s", code, out, errs)
	}
	if code, _, errs := run(t, "plan", path, "--encounter", "solo"); code != 0 {
		t.Errorf("the new card does not plan: %s", errs)
	}
}

func TestAllowExpired(t *testing.T) {
	if code, _, errs := run(t, "plan", "testdata/expired.json", "--allow-expired"); code != 0 {
		t.Errorf("--allow-expired: exit %d: %s", code, errs)
	}
}

func TestHelpForEveryCommand(t *testing.T) {
	for _, c := range commands() {
		code, out, errs := run(t, "help", c.name)
		if code != 0 || !strings.Contains(out, "tend "+c.name) {
			t.Errorf("help %s: exit %d, out %q, err %q", c.name, code, out, errs)
		}
		if (c.name == "serve" || c.name == "migrate") && !strings.Contains(out, "TEND_SECRET_KEY_FILE") {
			t.Errorf("help %s does not say where the server key comes from:\n%s", c.name, out)
		}
	}
}

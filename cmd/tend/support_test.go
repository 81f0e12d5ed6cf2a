package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeSupportFile: a bad support file stops the server with a line
// naming the file and what is wrong in it; a good one is shown.
func TestServeSupportFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	bad := write("bad.json", `[{"name": "Line", "url": "example.org"}]`)
	for _, tc := range []struct {
		name string
		args []string
		vars map[string]string
		want string
	}{
		{"Flag", []string{"serve", "--addr", "127.0.0.1:0", "--support-file", bad}, nil, `--support-file ` + bad + `: line 1 ("Line"): url: "example.org" is not a web address`},
		{"Env", []string{"serve", "--addr", "127.0.0.1:0"}, map[string]string{"TEND_SUPPORT_FILE": write("empty.json", "[]")}, "the list is empty"},
		{"Missing", []string{"serve", "--addr", "127.0.0.1:0", "--support-file", filepath.Join(dir, "nope.json")}, nil, "nope.json: open"},
		{"NotJSON", []string{"serve", "--addr", "127.0.0.1:0", "--support-file", write("x.json", "call 112")}, nil, "not valid JSON"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			vars := map[string]string{"TEND_DATA_DIR": t.TempDir()}
			for k, v := range tc.vars {
				vars[k] = v
			}
			e, _, errb := testEnv(vars)
			code := e.Run(tc.args)
			lines := strings.Split(strings.TrimSpace(errb.String()), "\n")
			last := lines[len(lines)-1]
			if code != exitInput || !strings.HasPrefix(last, "tend: ") || !strings.Contains(last, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and a line containing %q", code, errb, tc.want)
			}
		})
	}
	e, _, _ := testEnv(nil)
	lines, err := e.supportLines(write("good.json", `[{"name": "Local line", "phone": "+44 116 123"}]`))
	if err != nil || len(lines) != 1 || lines[0].Name != "Local line" {
		t.Errorf("good file: %v %v", lines, err)
	}
}

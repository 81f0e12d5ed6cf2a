package notify

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/tendcare/tend"
)

// ntfyReceived is one request a test receiver got.
type ntfyReceived struct {
	method, path string
	header       http.Header
	body         []byte
}

// mustReceiver starts a receiver on 127.0.0.1 that records each request
// and answers status.
func mustReceiver(tb testing.TB, status int) (url string, got <-chan ntfyReceived) {
	tb.Helper()
	ch := make(chan ntfyReceived, 10)
	srv, _ := mustServer(tb, "127.0.0.1:0", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		ch <- ntfyReceived{method: r.Method, path: r.URL.Path, header: r.Header.Clone(), body: body}
		if status >= 300 && status < 400 {
			w.Header().Set("Location", "https://elsewhere.example/")
		}
		w.WriteHeader(status)
	})
	return srv.URL, ch
}

// checkHeaders fails unless the request's headers are exactly want plus
// those Go's client always sends, and nothing in them names Tend.
func checkHeaders(t *testing.T, h http.Header, want map[string]string) {
	t.Helper()
	always := []string{"Accept-Encoding", "Content-Length", "User-Agent"}
	for name := range h {
		if _, ok := want[name]; !ok && !slices.Contains(always, name) {
			t.Errorf("header %s: %q, not wanted", name, h.Get(name))
		}
		if strings.Contains(strings.ToLower(h.Get(name)), "tend") {
			t.Errorf("header %s names Tend: %q", name, h.Get(name))
		}
	}
	for name, v := range want {
		if got := h.Values(name); len(got) != 1 || got[0] != v {
			t.Errorf("header %s = %q, want %q", name, got, v)
		}
	}
}

func TestNtfySend(t *testing.T) {
	base, got := mustReceiver(t, http.StatusOK)
	msg := Message{ID: "d1", Kind: KindFollowup, Title: "Tend", Body: "A check-in is waiting", Link: "https://tend.example/inbox"}
	urgent := Message{ID: "d2", Kind: KindAlert, Title: "Tend", Body: "Someone would like a check-in", Link: "https://tend.example/inbox/7", Urgent: true}
	cases := []struct {
		name    string
		topic   NtfyTopic
		m       Message
		path    string
		body    map[string]any
		headers map[string]string
	}{
		{
			name:  "Default",
			topic: NtfyTopic{URL: base + "/mytopic"},
			m:     msg, path: "/",
			body:    map[string]any{"topic": "mytopic", "title": "Tend", "message": "A check-in is waiting", "priority": 3.0, "click": "https://tend.example/inbox"},
			headers: map[string]string{"Content-Type": "application/json", "X-Cache": "no", "X-Firebase": "no"},
		},
		{
			name:  "UrgentWithTokenUnderAPath",
			topic: NtfyTopic{URL: base + "/ntfy/alerts_1/", Token: "tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2"},
			m:     urgent, path: "/ntfy/",
			body:    map[string]any{"topic": "alerts_1", "title": "Tend", "message": "Someone would like a check-in", "priority": 4.0, "click": "https://tend.example/inbox/7"},
			headers: map[string]string{"Content-Type": "application/json", "Authorization": "Bearer tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2", "X-Cache": "no", "X-Firebase": "no"},
		},
		{
			name:  "CacheAndFirebaseAllowedNoLink",
			topic: NtfyTopic{URL: base + "/mytopic", Cache: true, Firebase: true},
			m:     Message{ID: "d3", Kind: KindTest, Title: "Tend", Body: "This is a test"}, path: "/",
			body:    map[string]any{"topic": "mytopic", "title": "Tend", "message": "This is a test", "priority": 3.0},
			headers: map[string]string{"Content-Type": "application/json"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			n, err := NewNtfy(NewGuardedClient(true), tc.topic)
			if err != nil {
				t.Fatal(err)
			}
			if err := n.Send(context.Background(), tc.m); err != nil {
				t.Fatal(err)
			}
			r := <-got
			if r.method != http.MethodPost || r.path != tc.path {
				t.Errorf("%s %s, want POST %s", r.method, r.path, tc.path)
			}
			checkHeaders(t, r.header, tc.headers)
			var body map[string]any
			if err := json.Unmarshal(r.body, &body); err != nil {
				t.Fatalf("body %s: %v", r.body, err)
			}
			if !reflect.DeepEqual(body, tc.body) {
				t.Errorf("body %s, want %v", r.body, tc.body)
			}
		})
	}
}

// TestNtfyFailures: what the server answers, or where it is, becomes a
// *Failure that says whether trying again can help.
func TestNtfyFailures(t *testing.T) {
	m := Message{ID: "d1", Kind: KindTest, Title: "Tend", Body: "This is a test"}
	for _, tc := range []struct {
		status int
		perm   bool
	}{
		{http.StatusFound, true},
		{http.StatusUnauthorized, true},
		{http.StatusBadRequest, true},
		{http.StatusTooManyRequests, false},
		{http.StatusInternalServerError, false},
	} {
		t.Run(http.StatusText(tc.status), func(t *testing.T) {
			base, got := mustReceiver(t, tc.status)
			n, err := NewNtfy(NewGuardedClient(true), NtfyTopic{URL: base + "/mytopic"})
			if err != nil {
				t.Fatal(err)
			}
			var f *Failure
			if err := n.Send(context.Background(), m); !errors.As(err, &f) || f.Permanent != tc.perm || f.Said == "" {
				t.Fatalf("Send: %v, want a failure, permanent %t", err, tc.perm)
			}
			if r := <-got; r.path != "/" {
				t.Errorf("sent to %s", r.path)
			}
		})
	}
	t.Run("RefusedAddress", func(t *testing.T) {
		base, got := mustReceiver(t, http.StatusOK)
		n, err := NewNtfy(NewGuardedClient(false), NtfyTopic{URL: base + "/secrettopic"})
		if err != nil {
			t.Fatal(err)
		}
		err = n.Send(context.Background(), m)
		var f *Failure
		if !errors.As(err, &f) || !f.Permanent || !errors.Is(err, ErrAddressRefused) {
			t.Fatalf("Send: %v, want a permanent refusal", err)
		}
		if strings.Contains(f.Error(), "secrettopic") || strings.Contains(f.Error(), strings.TrimPrefix(base, "http://")) {
			t.Errorf("the failure %q names the address", f.Error())
		}
		if len(got) != 0 {
			t.Error("the refused server was sent to")
		}
	})
}

func TestNewNtfy(t *testing.T) {
	valid := []struct{ url, root, topic string }{
		{"https://ntfy.sh/mytopic", "https://ntfy.sh/", "mytopic"},
		{"https://ntfy.sh/mytopic/", "https://ntfy.sh/", "mytopic"},
		{"https://ntfy.example:8443/push/ntfy/My-Topic_2", "https://ntfy.example:8443/push/ntfy/", "My-Topic_2"},
		{"http://192.168.1.5/" + strings.Repeat("t", 64), "http://192.168.1.5/", strings.Repeat("t", 64)},
	}
	for _, tc := range valid {
		n, err := NewNtfy(nil, NtfyTopic{URL: tc.url})
		if err != nil || n.root != tc.root || n.topic != tc.topic {
			t.Errorf("%s: %v, root %q topic %q, want %q %q", tc.url, err, n.root, n.topic, tc.root, tc.topic)
		}
	}
	invalid := []NtfyTopic{
		{URL: ""},
		{URL: "ntfy.sh/mytopic"},
		{URL: "https://ntfy.sh"},
		{URL: "https://ntfy.sh/"},
		{URL: "https://ntfy.sh/my%20topic"},
		{URL: "https://ntfy.sh/t%C3%B8pic"},
		{URL: "https://ntfy.sh/my.topic"},
		{URL: "https://ntfy.sh/" + strings.Repeat("t", 65)},
		{URL: "https://ntfy.sh/mytopic?x=1"},
		{URL: "https://ntfy.sh/mytopic?"},
		{URL: "https://ntfy.sh/mytopic#x"},
		{URL: "https://u:p@ntfy.sh/mytopic"},
		{URL: "https://ntfy.sh/mytopic", Token: "tk_a b"},
		{URL: "https://ntfy.sh/mytopic", Token: "tk_a\r\nX-Evil: 1"},
		{URL: "https://ntfy.sh/mytopic", Token: "tk_" + strings.Repeat("a", maxNtfyToken)},
	}
	for _, tp := range invalid {
		if _, err := NewNtfy(nil, tp); tend.ErrorCode(err) != tend.EINVALID {
			t.Errorf("%q %q: %v, want EINVALID", tp.URL, tp.Token, err)
		}
	}
}

func TestCheckNtfyTopic(t *testing.T) {
	cases := []struct {
		name    string
		topic   NtfyTopic
		private bool
		fields  []string
	}{
		{"Valid", NtfyTopic{URL: "https://ntfy.sh/mytopic", Token: "tk_abc"}, false, nil},
		{"PrivateAllowed", NtfyTopic{URL: "http://192.168.1.5:2586/mytopic"}, true, nil},
		{"PrivateRefused", NtfyTopic{URL: "http://192.168.1.5:2586/mytopic"}, false, []string{"url"}},
		{"NoTopic", NtfyTopic{URL: "https://ntfy.sh/"}, false, []string{"url"}},
		{"BadToken", NtfyTopic{URL: "https://ntfy.sh/mytopic", Token: "tk abc"}, false, []string{"token"}},
		{"Both", NtfyTopic{URL: "http://localhost/mytopic", Token: "tk abc"}, false, []string{"url", "token"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckNtfyTopic(tc.topic, tc.private)
			var fields []string
			for _, p := range tend.ProblemsOf(err, "") {
				fields = append(fields, p.Path)
			}
			if !slices.Equal(fields, tc.fields) || err != nil && tend.ErrorCode(err) != tend.EINVALID {
				t.Errorf("%v: fields %q, want %q", err, fields, tc.fields)
			}
		})
	}
}

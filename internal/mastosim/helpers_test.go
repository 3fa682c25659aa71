package mastosim

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

func newServer(t testing.TB, opts Options, spec SeedSpec) (*Sim, *httptest.Server) {
	t.Helper()
	if opts.RateLimit == (RateLimit{}) {
		opts.RateLimit = RateLimit{Limit: -1}
	}
	s := New(opts)
	if err := s.Seed(spec); err != nil {
		t.Fatalf("seed: %v", err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return s, ts
}

func mustToken(t testing.TB, s *Sim, user string, scopes ...string) string {
	t.Helper()
	tok, err := s.IssueToken(user, scopes...)
	if err != nil {
		t.Fatalf("IssueToken: %v", err)
	}
	return tok
}

type resp struct {
	status int
	header http.Header
	body   []byte
}

func call(t testing.TB, method, u, token string, form url.Values) resp {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, u, err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("read body: %v", err)
	}
	return resp{res.StatusCode, res.Header, data}
}

func callJSON(t testing.TB, method, u, token string, payload any) resp {
	t.Helper()
	data, _ := json.Marshal(payload)
	req, _ := http.NewRequest(method, u, strings.NewReader(string(data)))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return resp{res.StatusCode, res.Header, b}
}

func decode[T any](t testing.TB, r resp) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("decode %d %s: %v", r.status, r.body, err)
	}
	return v
}

func wantStatus(t testing.TB, r resp, code int) {
	t.Helper()
	if r.status != code {
		t.Fatalf("status %d, want %d; body %s", r.status, code, r.body)
	}
}

var linkRe = regexp.MustCompile(`<([^>]+)>;\s*rel="(\w+)"`)

func links(h http.Header) map[string]string {
	out := map[string]string{}
	for _, m := range linkRe.FindAllStringSubmatch(h.Get("Link"), -1) {
		out[m[2]] = m[1]
	}
	return out
}

type idOnly struct {
	ID string `json:"id"`
}

// fakeClock is an injectable Now.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

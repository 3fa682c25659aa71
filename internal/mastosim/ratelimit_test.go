package mastosim

import (
	"net/http/httptest"
	"strconv"
	"testing"
	"time"
)

func TestRateLimit(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)}
	s, ts := newServer(t, Options{Now: clock.Now, RateLimit: RateLimit{Limit: 10, Window: time.Second, PaginatedLimit: 3, PaginatedWindow: time.Minute}},
		SeedSpec{Seed: 1, Accounts: 10, Reports: 30})
	tok := mustToken(t, s, "admin", "admin:read")
	u := ts.URL + "/api/v1/admin/reports"
	// paginated budget is separate and tighter
	for i := 0; i < 3; i++ {
		r := call(t, "GET", u+"?max_id=20", tok, nil)
		wantStatus(t, r, 200)
		if got := r.header.Get("X-RateLimit-Remaining"); got != strconv.Itoa(2-i) {
			t.Errorf("paginated remaining %q at %d", got, i)
		}
	}
	r := call(t, "GET", u+"?max_id=20", tok, nil)
	wantStatus(t, r, 429)
	if r.header.Get("X-RateLimit-Limit") != "3" || r.header.Get("X-RateLimit-Reset") == "" {
		t.Errorf("429 headers %v", r.header)
	}
	// non-paginated requests still have general budget: 10 - 4 used
	for i := 0; i < 6; i++ {
		r = call(t, "GET", u, tok, nil)
		wantStatus(t, r, 200)
	}
	if r.header.Get("X-RateLimit-Remaining") != "0" || r.header.Get("X-RateLimit-Limit") != "10" {
		t.Errorf("headers %v", r.header)
	}
	reset, err := time.Parse(time.RFC3339, r.header.Get("X-RateLimit-Reset"))
	if err != nil || !reset.Equal(clock.Now().Add(time.Second)) {
		t.Errorf("reset %v %v", reset, err)
	}
	wantStatus(t, call(t, "GET", u, tok, nil), 429)
	if s.Stats().RateLimited != 2 {
		t.Errorf("stats %+v", s.Stats())
	}
	// another token has its own budget
	wantStatus(t, call(t, "GET", u, mustToken(t, s, "moderator", "admin:read"), nil), 200)
	// window reset with the injected clock
	clock.Advance(time.Second)
	r = call(t, "GET", u, tok, nil)
	wantStatus(t, r, 200)
	if r.header.Get("X-RateLimit-Remaining") != "9" {
		t.Errorf("after reset %v", r.header.Get("X-RateLimit-Remaining"))
	}
	wantStatus(t, call(t, "GET", u+"?max_id=20", tok, nil), 429) // paginated window is 1 min
	clock.Advance(time.Minute)
	wantStatus(t, call(t, "GET", u+"?max_id=20", tok, nil), 200)
}

func TestRateLimitDefaultsAndGTS(t *testing.T) {
	s := New(Options{})
	if s.opts.RateLimit.Limit != 300 || s.opts.RateLimit.Window != 5*time.Minute {
		t.Errorf("defaults %+v", s.opts.RateLimit)
	}
	g, ts := newServer(t, Options{Flavour: FlavourGoToSocial, RateLimit: RateLimit{Limit: 2, Window: time.Hour}}, SeedSpec{})
	call(t, "GET", ts.URL+"/api/v1/instance", "", nil)
	call(t, "GET", ts.URL+"/api/v1/instance", mustToken(t, g, "admin", "read"), nil)
	// GoToSocial limits per IP, so the token does not get a fresh budget
	wantStatus(t, call(t, "GET", ts.URL+"/api/v1/instance", mustToken(t, g, "moderator", "read"), nil), 429)
}

// The header casing is only visible server-side (clients canonicalize).
func TestRateLimitHeaderCasing(t *testing.T) {
	for fl, key := range map[Flavour]string{FlavourMastodon: "X-RateLimit-Remaining", FlavourGoToSocial: "X-Ratelimit-Remaining"} {
		s := New(Options{Flavour: fl})
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/instance", nil))
		if rec.Header()[key] == nil {
			t.Errorf("%s: header %s missing in %v", fl, key, rec.Header())
		}
	}
}

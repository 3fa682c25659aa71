package mastosim

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"

	"steward/internal/apperr"
)

func TestSeedValidation(t *testing.T) {
	s := New(Options{})
	bad := []SeedSpec{
		{Accounts: -1}, {Reports: -5}, {PendingAccounts: -1}, {RemoteDomains: -1},
		{ResolvedShare: 1.5}, {HostileShare: -0.1}, {Reports: 2_000_000},
	}
	for _, spec := range bad {
		if err := s.Seed(spec); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("Seed(%+v) = %v, want Invalid", spec, err)
		}
	}
	if err := s.Seed(SeedSpec{Accounts: 10, Reports: 20, ResolvedShare: 0.5}); err != nil {
		t.Fatal(err)
	}
}

func TestSeedControlEndpoint(t *testing.T) {
	s, ts := newServer(t, Options{}, SeedSpec{})
	post := func(body string) resp {
		res, err := http.Post(ts.URL+"/_sim/seed", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var b bytes.Buffer
		_, _ = b.ReadFrom(res.Body)
		return resp{res.StatusCode, res.Header, b.Bytes()}
	}
	r := post(`{"seed":`)
	wantStatus(t, r, 400)
	if !strings.Contains(string(r.body), "malformed JSON") {
		t.Errorf("body %s", r.body)
	}
	wantStatus(t, post(`{"accounts":-3}`), 400)
	wantStatus(t, post(`{"hostile_share":2}`), 400)
	r = post(`{"seed":7,"accounts":30,"reports":40,"resolved_share":0.25,"hostile_share":0.1,"pending_accounts":3}`)
	wantStatus(t, r, 200)
	if string(r.body) != `{"ok":true}` {
		t.Errorf("body %s", r.body)
	}
	if n := s.OpenReportCount(); n == 0 || n == 40 {
		t.Errorf("open reports %d", n)
	}
	// stats endpoint
	res, err := http.Get(ts.URL + "/_sim/stats")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("stats: %v %v", err, res)
	}
	res.Body.Close()
}

func TestDeterminism(t *testing.T) {
	spec := SeedSpec{Seed: 42, Accounts: 200, Reports: 300, ResolvedShare: 0.3, HostileShare: 0.2, PendingAccounts: 5}
	clock := &fakeClock{t: time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)}
	var bodies [][]byte
	for i := 0; i < 2; i++ {
		s, ts := newServer(t, Options{Now: clock.Now}, spec)
		tok := mustToken(t, s, "admin", "admin:read")
		r := call(t, "GET", ts.URL+"/api/v1/admin/reports?resolved=false&limit=200", tok, nil)
		wantStatus(t, r, 200)
		r2 := call(t, "GET", ts.URL+"/api/v2/admin/accounts?limit=200", tok, nil)
		bodies = append(bodies, append(r.body, r2.body...))
	}
	if !bytes.Equal(bodies[0], bodies[1]) {
		t.Fatal("same seed produced different JSON")
	}
	s, ts := newServer(t, Options{Now: clock.Now}, SeedSpec{Seed: 43, Accounts: 200, Reports: 300})
	tok := mustToken(t, s, "admin", "admin:read")
	r := call(t, "GET", ts.URL+"/api/v1/admin/reports?resolved=false&limit=200", tok, nil)
	if bytes.Equal(r.body, bodies[0][:len(r.body)]) {
		t.Fatal("different seeds produced identical JSON")
	}
}

func TestHostileCorpus(t *testing.T) {
	p := HostilePayloads()
	if len(p) < 25 {
		t.Fatalf("only %d payloads", len(p))
	}
	s, ts := newServer(t, Options{}, SeedSpec{Seed: 1, Accounts: 50, Reports: 100, HostileShare: 1})
	tok := mustToken(t, s, "admin", "admin:read")
	r := call(t, "GET", ts.URL+"/api/v1/admin/reports?limit=200", tok, nil)
	wantStatus(t, r, 200)
	if !strings.Contains(string(r.body), `window.__xss`) {
		t.Fatal("hostile share 1 produced no payloads")
	}
}

func TestSeedLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	s := New(Options{RateLimit: RateLimit{Limit: -1}})
	start := time.Now()
	if err := s.Seed(SeedSpec{Seed: 1, Accounts: 10_000, Reports: 100_000, ResolvedShare: 0.3, HostileShare: 0.05}); err != nil {
		t.Fatal(err)
	}
	d := time.Since(start)
	t.Logf("seeded 100,000 reports + 10,000 accounts in %v", d)
	if d > 15*time.Second { // generous under -race
		t.Errorf("seeding took %v", d)
	}
}

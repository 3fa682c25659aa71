package outbox

import (
	"context"
	"os"
	"testing"
	"time"

	"steward/internal/apperr"
	"steward/internal/journal"
	"steward/internal/mastoapi"
	"steward/internal/mastosim"
	"steward/internal/store"
)

const resolvePath = "POST /api/v1/admin/reports/{id}/resolve"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		os.Exit(runChild())
	}
	os.Exit(m.Run())
}

// server is one simulated server with its token.
type server struct {
	id    string
	sim   *mastosim.Sim
	url   string
	token string
}

func newServer(t *testing.T, id string, flavour mastosim.Flavour, reports int, scopes ...string) *server {
	t.Helper()
	sim := mastosim.New(mastosim.Options{Flavour: flavour, Domain: id + ".example", RateLimit: mastosim.RateLimit{Limit: -1}})
	if err := sim.Seed(mastosim.SeedSpec{Seed: 7, Accounts: 40, Reports: reports}); err != nil {
		t.Fatal(err)
	}
	url, err := sim.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sim.Close() })
	if len(scopes) == 0 {
		scopes = []string{"read", "write", "admin:read", "admin:write"}
	}
	tok, err := sim.IssueToken("admin", scopes...)
	if err != nil {
		t.Fatal(err)
	}
	return &server{id: id, sim: sim, url: url, token: tok}
}

func (s *server) client(t testing.TB) *mastoapi.Client {
	c, err := mastoapi.New(s.url, s.token, mastoapi.Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

type env struct {
	dir     string
	db      *store.DB
	j       *journal.Journal
	ob      *Outbox
	servers map[string]*server
}

func openEnv(t *testing.T, dir string, servers ...*server) *env {
	t.Helper()
	db, err := store.Open(store.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{dir: dir, db: db, j: journal.New(db, nil), servers: map[string]*server{}}
	for _, s := range servers {
		e.servers[s.id] = s
	}
	e.ob, err = New(Options{DB: db, Journal: e.j, OSUser: "tester", BaseBackoff: 10 * time.Millisecond,
		MaxBackoff: 100 * time.Millisecond, MaxServerErrors: 2, RequestTimeout: 3 * time.Second,
		Clients: func(id string) (*mastoapi.Client, error) {
			s := e.servers[id]
			if s == nil {
				return nil, apperr.Errorf("test", apperr.NotFound, "no server %q", id)
			}
			return mastoapi.New(s.url, s.token, mastoapi.Options{Timeout: 3 * time.Second})
		}})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.ob.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.close)
	return e
}

func (e *env) close() {
	e.ob.Stop()
	_ = e.db.Close()
}

func waitFor(t *testing.T, what string, timeout time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (e *env) waitState(t *testing.T, id string, want State) Action {
	t.Helper()
	var a Action
	waitFor(t, "action "+id+" to be "+string(want), 10*time.Second, func() bool {
		a, _ = e.ob.Get(id)
		return a.State == want
	})
	return a
}

func mustEnqueue(t *testing.T, ob *Outbox, a Action) Action {
	t.Helper()
	out, err := ob.Enqueue(a)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// report reads a report straight from the simulator.
func (s *server) report(t *testing.T, id string) mastoapi.Report {
	t.Helper()
	r, err := s.client(t).Report(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Package servers is the set of connected servers and their status as the
// server list shows it: configuration joined with the cached state.
package servers

import (
	"context"
	"net/http"
	gosync "sync"
	"time"

	"steward/internal/apperr"
	"steward/internal/mastoapi"
	"steward/internal/secrets"
	"steward/internal/store"
	"steward/internal/sync"
)

// Hosting tells who runs a server.
type Hosting string

// Hosting values.
const (
	SelfRun Hosting = "self"
	Managed Hosting = "managed"
)

// Server is a connected server's configuration (no secrets).
type Server struct {
	ID          string  `json:"id"`
	Name        string  `json:"name"`
	URL         string  `json:"url"`
	Hosting     Hosting `json:"hosting"`
	Provider    string  `json:"provider"`     // managed only: the provider's name
	ContractRef string  `json:"contract_ref"` // managed only: the contract reference
	ClientID    string  `json:"client_id"`    // the app Steward registered (not secret)
	Account     string  `json:"account"`      // acct of the signed-in staff account
}

// Status is a server with what the cache knows of it.
type Status struct {
	Server
	Domain      string
	Software    string
	Version     string
	OpenReports int
	Syncing     bool
	Synced      bool
	LastSync    time.Time
	ErrorKind   string
	ErrorDetail string
	// From the sign-in: who is signed in and what the account and server allow.
	Account      string
	AccountID    string
	RoleName     string
	Permissions  []string
	Capabilities map[string]bool
	// From the scheduler, when one runs.
	NextSync time.Time
	Stream   string
	Budget   mastoapi.PacerStatus
	Progress sync.Progress
}

// RevokeFunc revokes a token on a server (oauth.Revoke fits).
type RevokeFunc func(ctx context.Context, serverURL, clientID, clientSecret, token string) error

// Config holds a Service's dependencies.
type Config struct {
	Registry  Registry
	DB        *store.DB
	Secrets   secrets.Store
	Transport http.RoundTripper // nil: http.DefaultTransport
	Timeout   time.Duration     // per request; 0: mastoapi.DefaultTimeout
	// Changed is called whenever a server's status changed (may be nil).
	Changed func()
	Now     func() time.Time
	// Revoke is called when a server is removed (nil: tokens are not revoked,
	// as for the demo's simulators).
	Revoke RevokeFunc
	// PollInterval between scheduled syncs while no stream is up (0: 60 s).
	PollInterval time.Duration
	// Synced is called after each successful sync of a server with the number
	// of reports that sync saw arrive (0 for a full sync) (may be nil).
	Synced func(serverID string, newReports int)
}

// Service lists servers and syncs them.
type Service struct {
	cfg      Config
	syncer   *sync.Syncer
	mu       gosync.Mutex
	busy     map[string]bool
	wg       gosync.WaitGroup
	runtimes map[string]*serverRuntime
	runCtx   context.Context
}

// New returns a Service.
func New(cfg Config) *Service {
	if cfg.Changed == nil {
		cfg.Changed = func() {}
	}
	if cfg.Synced == nil {
		cfg.Synced = func(string, int) {}
	}
	return &Service{cfg: cfg, syncer: sync.New(cfg.DB, cfg.Now), busy: map[string]bool{}, runtimes: map[string]*serverRuntime{}}
}

// List returns every server with its cached status, in configuration order,
// including the number of open reports each holds (the server list shows it).
func (s *Service) List() ([]Status, error) { return s.statuses(true) }

// Describe is List without the open-report counts, which cost a walk of
// each server's index: for callers that need who, what and which
// capabilities (the queue's configuration, the report pane).
func (s *Service) Describe() ([]Status, error) { return s.statuses(false) }

// Status describes one server (without its open-report count).
func (s *Service) Status(id string) (Status, error) {
	srv, err := s.find(id)
	if err != nil {
		return Status{}, err
	}
	return s.status(srv, false)
}

func (s *Service) statuses(counts bool) ([]Status, error) {
	list, err := s.cfg.Registry.Servers()
	if err != nil {
		return nil, err
	}
	out := make([]Status, 0, len(list))
	for _, srv := range list {
		st, err := s.status(srv, counts)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, nil
}

// status joins a server with its cached state and its scheduler's status.
func (s *Service) status(srv Server, count bool) (Status, error) {
	st, ok, err := s.cfg.DB.ServerState(srv.ID)
	if err != nil {
		return Status{}, err
	}
	row := Status{
		Server: srv, Domain: st.Domain, Software: st.Software, Version: st.Version,
		Syncing: s.isBusy(srv.ID), Synced: ok && !st.LastSync.IsZero(), LastSync: st.LastSync,
		ErrorKind: st.ErrorKind, ErrorDetail: st.ErrorDetail,
		Account: st.Account, AccountID: st.AccountID, RoleName: st.RoleName, Permissions: st.Permissions,
		Capabilities: capabilitiesOf(st),
	}
	if count {
		if row.OpenReports, err = s.cfg.DB.CountOpenReports(srv.ID); err != nil {
			return Status{}, err
		}
	}
	if rs, ok := s.runnerStatus(srv.ID); ok {
		row.NextSync, row.Stream, row.Budget, row.Progress = rs.NextSync, rs.Stream, rs.Budget, rs.Progress
		row.Syncing = row.Syncing || rs.Syncing
	}
	return row, nil
}

// client builds an API client for a server with its token from the keychain.
func (s *Service) client(srv Server) (*mastoapi.Client, error) {
	token, err := s.cfg.Secrets.Get(secrets.TokenKey(srv.ID))
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		return nil, err
	}
	// Every client of this token shares its pacer, so no caller can spend the
	// budget behind another's back.
	pacer := s.runtimeFor(srv.ID).pacer
	return mastoapi.New(srv.URL, token, mastoapi.Options{Transport: pacer.Transport(s.cfg.Transport), Timeout: s.cfg.Timeout})
}

// Sync runs a full sync of one server and waits for it.
func (s *Service) Sync(ctx context.Context, id string) error {
	srv, err := s.find(id)
	if err != nil {
		return err
	}
	if !s.claim(id) {
		return nil // already running; its result will be announced
	}
	defer s.release(id)
	c, err := s.client(srv)
	if err != nil {
		return err
	}
	s.cfg.Changed()
	defer s.cfg.Changed()
	res, err := s.syncer.SyncServerWith(ctx, id, c, sync.SyncOptions{})
	if err != nil {
		return err
	}
	s.cfg.Synced(id, newOf(res))
	return nil
}

// ClientFor returns the API client of a server (sharing its token's pacer):
// for the outbox and other packages that act on servers.
func (s *Service) ClientFor(id string) (*mastoapi.Client, error) {
	srv, err := s.find(id)
	if err != nil {
		return nil, err
	}
	return s.client(srv)
}

// capabilitiesOf returns the capability flags recorded at sign-in, or derives
// them from the software and version the last sync saw (the demo's servers
// were never signed in through the browser).
func capabilitiesOf(st store.ServerState) map[string]bool {
	if len(st.Capabilities) > 0 || st.Software == "" {
		return st.Capabilities
	}
	in := mastoapi.Instance{Software: mastoapi.Software(st.Software), Version: st.Version}
	return mastoapi.DeriveCapabilities(in, nil).Flags()
}

// SyncAllInBackground starts a sync of every server that is not already
// syncing and returns at once. Results arrive through Changed.
func (s *Service) SyncAllInBackground(ctx context.Context) {
	list, err := s.cfg.Registry.Servers()
	if err != nil {
		return
	}
	for _, srv := range list {
		if s.trigger(srv.ID) {
			continue // the scheduler syncs it at once
		}
		s.wg.Add(1)
		go func(id string) {
			defer s.wg.Done()
			_ = s.Sync(ctx, id) // the error is recorded in the server's state
		}(srv.ID)
	}
}

// Wait blocks until background syncs have finished and stops the schedulers
// (used at shutdown and in tests).
func (s *Service) Wait() {
	s.wg.Wait()
	s.Stop()
}

func (s *Service) find(id string) (Server, error) {
	list, err := s.cfg.Registry.Servers()
	if err != nil {
		return Server{}, err
	}
	for _, srv := range list {
		if srv.ID == id {
			return srv, nil
		}
	}
	return Server{}, apperr.Errorf("servers: find", apperr.NotFound, "no server %q", id)
}

func (s *Service) claim(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.busy[id] {
		return false
	}
	s.busy[id] = true
	return true
}

// isBusy tells whether this process is syncing the server now; the stored
// flag may be stale after a crash, so it is not trusted.
func (s *Service) isBusy(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.busy[id]
}

func (s *Service) release(id string) {
	s.mu.Lock()
	delete(s.busy, id)
	s.mu.Unlock()
}

// OpenReports counts a server's cached open reports.
func (s *Service) OpenReports(id string) (int, error) { return s.cfg.DB.CountOpenReports(id) }

// newOf counts the reports a sync saw arrive; a full sync announces none
// (it reads everything, new or not).
func newOf(r sync.Result) int {
	if r.Full {
		return 0
	}
	return r.NewReports
}

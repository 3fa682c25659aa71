package app

import (
	"context"
	"sort"
	"strings"
	"time"

	"steward/internal/apperr"
	"steward/internal/jobs"
	"steward/internal/servers"
)

// ServerService is what the Servers facade needs from internal/servers.
type ServerService interface {
	List() ([]servers.Status, error)
	SyncAllInBackground(ctx context.Context)
	Sync(ctx context.Context, id string) error
	Onboard(ctx context.Context, c servers.Connector, req servers.ConnectRequest, progress func(step string)) (string, error)
	Remove(ctx context.Context, id string) (servers.RemoveResult, error)
}

// Servers is the facade of the server list.
type Servers struct {
	svc       ServerService
	ctx       context.Context // lifetime of background work; set by the wiring
	jobs      *jobs.Manager
	connector servers.Connector // nil in demo mode: connecting real servers is off
}

// NewServers returns the facade; ctx bounds the background work it starts.
func NewServers(ctx context.Context, svc ServerService, jm *jobs.Manager, connector servers.Connector) *Servers {
	return &Servers{svc: svc, ctx: ctx, jobs: jm, connector: connector}
}

// Connect starts the sign-in flow for a server (the system browser opens)
// and returns the job's id at once; the job's result is the new server's id.
func (s *Servers) Connect(req ConnectRequest) (string, error) {
	const op = "app: connect"
	if s.connector == nil {
		return "", &apperr.Error{Op: op, Kind: apperr.Invalid, Extra: "demo_mode", Err: errDemo}
	}
	if strings.TrimSpace(req.Input) == "" {
		return "", &apperr.Error{Op: op, Kind: apperr.Invalid, Extra: "empty", Err: errEmptyInput}
	}
	hosting := servers.SelfRun
	if req.Hosting == string(servers.Managed) {
		hosting = servers.Managed
	}
	sreq := servers.ConnectRequest{Input: req.Input, Name: strings.TrimSpace(req.Name), Hosting: hosting,
		Provider: strings.TrimSpace(req.Provider), ContractRef: strings.TrimSpace(req.ContractRef)}
	id := s.jobs.Start(s.ctx, "connect", func(ctx context.Context, r jobs.Reporter) error {
		serverID, err := s.svc.Onboard(ctx, s.connector, sreq, func(step string) { r.Report(0, 0, step) })
		r.SetResult(serverID)
		return err
	})
	return id, nil
}

// SyncNow starts a sync of one server and returns the job's id.
func (s *Servers) SyncNow(id string) (string, error) {
	return s.jobs.Start(s.ctx, "sync", func(ctx context.Context, r jobs.Reporter) error {
		r.SetResult(id)
		return s.svc.Sync(ctx, id)
	}), nil
}

// Remove revokes the server's token, deletes its keychain entries and purges
// its cached data.
func (s *Servers) Remove(id string) (RemoveResult, error) {
	ctx, cancel := context.WithTimeout(s.ctx, 30*time.Second)
	defer cancel()
	res, err := s.svc.Remove(ctx, id)
	return RemoveResult{Revoked: res.Revoked}, err
}

// List returns the connected servers with their cached status.
func (s *Servers) List() ([]ServerView, error) {
	list, err := s.svc.List()
	if err != nil {
		return nil, err
	}
	out := make([]ServerView, 0, len(list))
	for _, st := range list {
		out = append(out, toServerView(st))
	}
	return out, nil
}

// Refresh starts a background sync of every server; progress arrives as
// servers:changed events.
func (s *Servers) Refresh() error {
	s.svc.SyncAllInBackground(s.ctx)
	return nil
}

func toServerView(st servers.Status) ServerView {
	v := ServerView{
		ID: st.ID, Name: st.Name, Domain: st.Domain, URL: st.URL,
		Software: st.Software, Version: st.Version,
		Hosting: string(st.Hosting), Provider: st.Provider, OpenReports: st.OpenReports,
		ErrorKind: st.ErrorKind, ErrorDetail: st.ErrorDetail,
		Account: st.Account, RoleName: st.RoleName, ContractRef: st.ContractRef,
		Permissions: append([]string{}, st.Permissions...), Capabilities: capabilityList(st.Capabilities),
		NextSync: stamp(st.NextSync), Stream: st.Stream, BudgetLimit: st.Budget.Limit, BudgetRemaining: st.Budget.Remaining,
		BudgetReset: stamp(st.Budget.Reset), ProgressDone: st.Progress.Done, ProgressTotal: st.Progress.Total,
		ProgressStep: st.Progress.Step,
	}
	if v.Software == "" {
		v.Software = "unknown"
	}
	switch {
	case st.Syncing:
		v.State = "syncing"
	case st.ErrorKind == "unauthorized":
		v.State = "reauth" // the token was revoked: sign in again; the cache stays readable
	case st.ErrorKind != "":
		v.State = "error"
	case st.Synced:
		v.State = "idle"
	default:
		v.State = "never"
	}
	if !st.LastSync.IsZero() {
		v.LastSync = st.LastSync.UTC().Format(time.RFC3339)
	}
	return v
}

func capabilityList(m map[string]bool) []Capability {
	out := make([]Capability, 0, len(m))
	for k, v := range m {
		out = append(out, Capability{Key: k, Supported: v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

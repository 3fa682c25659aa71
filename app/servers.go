package app

import (
	"context"
	"time"

	"steward/internal/servers"
)

// ServerService is what the Servers facade needs from internal/servers.
type ServerService interface {
	List() ([]servers.Status, error)
	SyncAllInBackground(ctx context.Context)
}

// Servers is the facade of the server list.
type Servers struct {
	svc ServerService
	ctx context.Context // lifetime of background work; set by the wiring
}

// NewServers returns the facade; ctx bounds background syncs it starts.
func NewServers(ctx context.Context, svc ServerService) *Servers {
	return &Servers{svc: svc, ctx: ctx}
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
	}
	if v.Software == "" {
		v.Software = "unknown"
	}
	switch {
	case st.Syncing:
		v.State = "syncing"
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

// Package sync keeps the local cache in step with each server. This first
// version runs a full sync of a server's instance information and its open
// reports; the incremental, rate-aware scheduler builds on it.
package sync

import (
	"context"
	"errors"
	"time"

	"steward/internal/apperr"
	"steward/internal/mastoapi"
	"steward/internal/store"
)

// Syncer writes what the servers hold into the store.
type Syncer struct {
	db  *store.DB
	now func() time.Time
}

// New returns a Syncer over db; now may be nil (time.Now).
func New(db *store.DB, now func() time.Time) *Syncer {
	if now == nil {
		now = time.Now
	}
	return &Syncer{db: db, now: now}
}

// pageLimit is the largest page the software allows for admin lists.
func pageLimit(sw mastoapi.Software) int {
	if sw == mastoapi.SoftwareGoToSocial {
		return 100
	}
	return 200
}

// SyncServer runs a full sync of one server. Whatever fails, the cache keeps
// what it had and the server's state records the error's kind.
func (s *Syncer) SyncServer(ctx context.Context, serverID string, c *mastoapi.Client) error {
	if err := s.db.UpdateServerState(serverID, func(st *store.ServerState) { st.Syncing = true }); err != nil {
		return err
	}
	err := s.run(ctx, serverID, c)
	finish := func(st *store.ServerState) {
		st.Syncing = false
		if err != nil {
			st.ErrorKind = string(apperr.KindOf(err))
			st.ErrorDetail = apperr.DetailOf(err)
			st.ErrorAt = s.now()
			return
		}
		st.ErrorKind, st.ErrorDetail, st.ErrorAt = "", "", time.Time{}
		st.LastSync = s.now()
	}
	if uerr := s.db.UpdateServerState(serverID, finish); uerr != nil {
		return errors.Join(err, uerr)
	}
	return err
}

func (s *Syncer) run(ctx context.Context, serverID string, c *mastoapi.Client) error {
	in, err := c.Instance(ctx)
	if err != nil {
		return err
	}
	if err := s.db.UpdateServerState(serverID, func(st *store.ServerState) {
		st.Domain, st.Title, st.Software, st.Version = in.Domain, in.Title, string(in.Software), in.Version
	}); err != nil {
		return err
	}
	var open []mastoapi.Report
	q := mastoapi.ReportQuery{Resolved: false, Limit: pageLimit(in.Software)}
	err = c.EachReport(ctx, q, func(p mastoapi.ReportPage) error {
		for _, r := range p.Reports {
			if !r.ActionTaken { // a server that ignores the filter must not count resolved ones
				open = append(open, r)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.db.ReplaceOpenReports(serverID, open)
}

package store

import (
	"time"

	"steward/internal/mastoapi"
)

// PutResolved writes reports resolved on the server (the recently resolved
// set; the open set lives in the report index of reports.go).
func (s *SyncStore) PutResolved(server string, reports []mastoapi.Report) error {
	if err := checkServerID("store: put resolved reports", server); err != nil {
		return err
	}
	m := make(map[string]mastoapi.Report, len(reports))
	for _, r := range reports {
		m[itemKey(server, r.ID)] = r
	}
	return putChunked(s.resolved, m)
}

// DeleteResolved removes reports from the resolved set (reopened, deleted).
func (s *SyncStore) DeleteResolved(server string, ids []string) error {
	if err := checkServerID("store: delete resolved reports", server); err != nil {
		return err
	}
	keys := make([]string, len(ids))
	for i, id := range ids {
		keys[i] = itemKey(server, id)
	}
	return deleteKeys(s.resolved, keys)
}

// PruneResolved drops resolved reports whose resolution (or last update
// when the server gave no resolution time) is older than before.
func (s *SyncStore) PruneResolved(server string, before time.Time) error {
	var stale []string
	err := s.resolved.Each(server+"/", func(k string, r mastoapi.Report) error {
		if resolvedAt(r).Before(before) {
			stale = append(stale, k)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return deleteKeys(s.resolved, stale)
}

func resolvedAt(r mastoapi.Report) time.Time {
	if r.ActionTakenAt != nil {
		return *r.ActionTakenAt
	}
	return r.UpdatedAt
}

// EachResolved calls fn for each recently resolved report in id order.
func (s *SyncStore) EachResolved(server string, fn func(mastoapi.Report) error) error {
	return s.resolved.Each(server+"/", func(_ string, r mastoapi.Report) error { return fn(r) })
}

// CountResolved counts the recently resolved reports of a server.
func (s *SyncStore) CountResolved(server string) (int, error) { return s.resolved.Count(server + "/") }

package sync

import (
	"context"
	"time"

	"steward/internal/mastoapi"
	"steward/internal/store"
)

// Re-check strategy (how the open set converges with the server's).
//
// Mastodon shows the open reports by default and there are usually few, so
// an incremental sync re-lists the whole open set (resolved=false, newest
// first, largest pages; the first page costs no paginated budget) whenever
// the cached open set fits in Config.RecheckPages pages, and in any case every
// Config.RecheckEvery incremental syncs. A complete re-list is the only way
// to notice reports resolved by other moderators or deleted with their
// account, since the API has no "changed since" filter. In the rounds in
// between, only reports newer than the cursor (the newest id seen) are
// fetched, with min_id pages that walk upwards, and merged into the open set.
//
// Every sync also reads the resolved list from the top down to the cursor
// (and, after a re-check, down to the oldest report that left the open set):
// that catches new reports that were resolved before we saw them and tells a
// report resolved elsewhere (kept in the recently-resolved set) from one that
// vanished (deleted). Full syncs read resolved pages back to
// Config.ResolvedRetention. The open set is replaced only after a complete
// walk, so a failure or cancellation leaves the previous one in place.

func (r *run) reportQuery(resolved bool) mastoapi.ReportQuery {
	return mastoapi.ReportQuery{Resolved: resolved, Limit: r.limit}
}

func (r *run) reportWalk(ctx context.Context, q mastoapi.ReportQuery, dir func(mastoapi.Links) string, fn func([]mastoapi.Report) bool) error {
	first := func(ctx context.Context) (page[mastoapi.Report], error) {
		p, err := r.c.Reports(ctx, q)
		return page[mastoapi.Report]{p.Reports, p.Links}, err
	}
	at := func(ctx context.Context, link string) (page[mastoapi.Report], error) {
		p, err := r.c.ReportsAt(ctx, link)
		return page[mastoapi.Report]{p.Reports, p.Links}, err
	}
	return walk(ctx, r, q.Limit, first, at, dir, fn)
}

// idLess orders report ids numerically (shorter numeric ids are smaller).
func idLess(a, b string) bool { return store.PadID(a) < store.PadID(b) }

func resolvedAt(rep mastoapi.Report) time.Time {
	if rep.ActionTakenAt != nil {
		return *rep.ActionTakenAt
	}
	return rep.UpdatedAt
}

func (r *run) syncReports(ctx context.Context) error {
	cfg := r.s.cfg
	cached := map[string]mastoapi.Report{}
	if err := r.s.db.EachReport(r.server, func(rep mastoapi.Report, open bool) error {
		if open {
			cached[rep.ID] = rep
		}
		return nil
	}); err != nil {
		return err
	}
	cursor := r.meta.NewestReportID
	recheck := r.full || r.opts.Recheck || cursor == "" || len(cached) <= cfg.RecheckPages*r.limit ||
		r.meta.Rounds%cfg.RecheckEvery == 0
	r.res.Recheck = recheck

	// 1. The open set.
	r.progress(store.ResourceOpenReports)
	open := map[string]mastoapi.Report{}
	keepOpen := func(reps []mastoapi.Report) bool {
		for _, rep := range reps {
			if !rep.ActionTaken { // a server that ignores the filter must not count resolved ones
				open[rep.ID] = rep
			}
		}
		return true
	}
	var err error
	if recheck {
		err = r.reportWalk(ctx, r.reportQuery(false), next, keepOpen)
	} else {
		q := r.reportQuery(false)
		q.MinID = cursor
		err = r.reportWalk(ctx, q, prev, keepOpen)
	}
	if err != nil {
		return r.failed(store.ResourceOpenReports, err)
	}
	newCount := 0
	for id := range open {
		if _, ok := cached[id]; !ok {
			newCount++
		}
	}
	if !recheck {
		for id, rep := range cached {
			if _, ok := open[id]; !ok {
				open[id] = rep
			}
		}
	}

	// 2. The resolved list, from the top down to floor.
	r.progress(store.ResourceResolved)
	floor := cursor
	var dropped []string
	if recheck {
		for id := range cached {
			if _, ok := open[id]; !ok {
				dropped = append(dropped, id)
				if floor == "" || idLess(id, floor) {
					floor = id
				}
			}
		}
	}
	cutoff := r.s.now().Add(-cfg.ResolvedRetention)
	resolved := map[string]mastoapi.Report{}
	pages, complete := 0, false
	err = r.reportWalk(ctx, r.reportQuery(true), next, func(reps []mastoapi.Report) bool {
		pages++
		recent := false
		for _, rep := range reps {
			if !rep.ActionTaken {
				continue
			}
			resolved[rep.ID] = rep
			if !resolvedAt(rep).Before(cutoff) {
				recent = true
			}
		}
		last := reps[len(reps)-1].ID
		switch {
		case !r.full && floor != "" && !idLess(floor, last): // reached the floor
			complete = true
			return false
		case r.full && !recent:
			complete = true
			return false
		case pages >= cfg.MaxResolvedPages:
			return false
		}
		return true
	})
	if err != nil {
		return r.failed(store.ResourceResolved, err)
	}
	if pages == 0 || len(resolved) < pages*r.limit { // the walk ended on a short or empty page
		complete = true
	}
	for id := range resolved {
		delete(open, id) // resolved since the last re-list
	}

	// 3. Write: accounts, the resolved set, then the open set.
	var accounts []mastoapi.AdminAccount
	var newest = cursor
	add := func(rep mastoapi.Report) {
		accounts = append(accounts, rep.Account, rep.TargetAccount)
		if rep.AssignedAccount != nil {
			accounts = append(accounts, *rep.AssignedAccount)
		}
		if rep.ActionTakenBy != nil {
			accounts = append(accounts, *rep.ActionTakenBy)
		}
		if newest == "" || idLess(newest, rep.ID) {
			newest = rep.ID
		}
	}
	openList := make([]mastoapi.Report, 0, len(open))
	for _, rep := range open {
		openList = append(openList, rep)
		add(rep)
	}
	resolvedList := make([]mastoapi.Report, 0, len(resolved))
	for _, rep := range resolved {
		if !resolvedAt(rep).Before(cutoff) {
			resolvedList = append(resolvedList, rep)
		}
		add(rep)
	}
	// Reports that left the open set but were not found resolved: deleted
	// on the server when the walk reached them, else resolved by someone
	// else beyond the pages read (kept with what we know).
	var gone []string
	for _, id := range dropped {
		if _, ok := resolved[id]; ok {
			continue
		}
		if complete {
			gone = append(gone, id)
			continue
		}
		rep := cached[id]
		rep.ActionTaken, rep.UpdatedAt = true, r.s.now()
		resolvedList = append(resolvedList, rep)
	}
	reopened := make([]string, 0)
	for id := range open {
		reopened = append(reopened, id)
	}
	ss := r.s.ss
	if err := ss.PutAccounts(r.server, accounts); err != nil {
		return err
	}
	if err := ss.PutResolved(r.server, resolvedList); err != nil {
		return err
	}
	if err := ss.DeleteResolved(r.server, append(gone, reopened...)); err != nil {
		return err
	}
	if err := ss.PruneResolved(r.server, cutoff); err != nil {
		return err
	}
	if err := r.s.db.ReplaceOpenReports(r.server, openList); err != nil {
		return err
	}
	r.meta.NewestReportID = newest
	if recheck {
		r.meta.LastRecheck = r.s.now()
	}
	r.res.OpenReports, r.res.NewReports = len(openList), newCount
	r.ok(store.ResourceOpenReports, len(openList))
	n, _ := ss.CountResolved(r.server)
	r.ok(store.ResourceResolved, n)
	return nil
}

package sync

import (
	"context"

	"steward/internal/mastoapi"
	"steward/internal/store"
)

func (r *run) accountWalk(ctx context.Context, q mastoapi.AccountQuery, fn func([]mastoapi.AdminAccount) bool) error {
	first := func(ctx context.Context) (page[mastoapi.AdminAccount], error) {
		p, err := r.c.AdminAccounts(ctx, q)
		return page[mastoapi.AdminAccount]{p.Accounts, p.Links}, err
	}
	at := func(ctx context.Context, link string) (page[mastoapi.AdminAccount], error) {
		p, err := r.c.AdminAccountsAt(ctx, link)
		return page[mastoapi.AdminAccount]{p.Accounts, p.Links}, err
	}
	return walk(ctx, r, q.Limit, first, at, next, fn)
}

// syncPending re-lists the accounts awaiting approval (usually one page).
func (r *run) syncPending(ctx context.Context) error {
	var pending []mastoapi.AdminAccount
	err := r.accountWalk(ctx, mastoapi.AccountQuery{Origin: "local", Status: "pending", Limit: r.limit},
		func(as []mastoapi.AdminAccount) bool {
			for _, a := range as {
				if !a.Approved { // a server that ignores the filter must not list everyone
					pending = append(pending, a)
				}
			}
			return true
		})
	if err != nil {
		return r.skippable(store.ResourcePending, err)
	}
	if err := r.s.ss.ReplacePending(r.server, pending); err != nil {
		return err
	}
	r.ok(store.ResourcePending, len(pending))
	return nil
}

// syncDirectory walks the whole account directory (full syncs with
// Config.AllAccounts), at the largest page size.
func (r *run) syncDirectory(ctx context.Context) error {
	var all []mastoapi.AdminAccount
	err := r.accountWalk(ctx, mastoapi.AccountQuery{Limit: r.limit}, func(as []mastoapi.AdminAccount) bool {
		all = append(all, as...)
		return true
	})
	if err != nil {
		return r.skippable(store.ResourceDirectory, err)
	}
	if err := r.s.ss.ReplaceAccountDirectory(r.server, all); err != nil {
		return err
	}
	r.ok(store.ResourceDirectory, len(all))
	return nil
}

func (r *run) syncRules(ctx context.Context) error {
	var rules []mastoapi.Rule
	err := r.call(ctx, func(ctx context.Context) (e error) { rules, e = r.c.InstanceRules(ctx); return e })
	if err != nil {
		return r.skippable(store.ResourceRules, err)
	}
	if err := r.s.ss.ReplaceRules(r.server, rules); err != nil {
		return err
	}
	r.ok(store.ResourceRules, len(rules))
	return nil
}

func (r *run) syncDomainBlocks(ctx context.Context) error {
	first := func(ctx context.Context) (page[mastoapi.DomainBlock], error) {
		p, err := r.c.DomainBlocks(ctx, r.limit)
		return page[mastoapi.DomainBlock]{p.Blocks, p.Links}, err
	}
	at := func(ctx context.Context, link string) (page[mastoapi.DomainBlock], error) {
		p, err := r.c.DomainBlocksAt(ctx, link)
		return page[mastoapi.DomainBlock]{p.Blocks, p.Links}, err
	}
	var blocks []mastoapi.DomainBlock
	err := walk(ctx, r, 0, first, at, next, func(bs []mastoapi.DomainBlock) bool {
		blocks = append(blocks, bs...)
		return true
	})
	if err != nil {
		return r.skippable(store.ResourceDomainBlocks, err)
	}
	if err := r.s.ss.ReplaceDomainBlocks(r.server, blocks); err != nil {
		return err
	}
	r.ok(store.ResourceDomainBlocks, len(blocks))
	return nil
}

// skippable records a resource failure; it ends the sync unless the
// resource is merely not available to this token or server.
func (r *run) skippable(resource string, err error) error {
	err = r.failed(resource, err)
	if optional(err) {
		return nil
	}
	return err
}
